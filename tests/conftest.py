"""Shared fixtures: the seed articles, the public data folder, a fresh store path, the parser."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "kursk"
DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_texts(seed_paths) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in seed_paths}


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"public evaluation data not found at {DATA} (place shared/data beside the repository)")
    return DATA


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory, seed_paths):
    """The seeds analysed once for the whole session: (RunResult, output folder)."""
    from newsweave.analysis import analyze_into

    out = tmp_path_factory.mktemp("kursk")
    return analyze_into([str(p) for p in seed_paths], out), out


@pytest.fixture(scope="session")
def nlp():
    """newsweave's spaCy pipeline (tokens, sentences, places), loaded once."""
    from newsweave.nlp import load_spacy

    return load_spacy()
