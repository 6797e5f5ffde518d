"""The benchmarks' texts: articles of the public news set beside the repository (``../shared/data``)."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

NEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news-2019-2020.jsonl"


def require(path: Path) -> None:
    """End the script with a one-line message and exit code 2 when the data file is missing."""
    if not path.is_file():
        print(f"benchmark data not found at {path}; pass --data", file=sys.stderr)
        raise SystemExit(2)


def news_rows(path: Path, limit: int, skip: int = 0) -> list[dict]:
    """The articles ``skip`` to ``skip + limit`` of a JSONL file, as dicts (see :func:`require`)."""
    require(path)
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in itertools.islice(fh, skip, skip + limit)]


def news_texts(path: Path, limit: int) -> list[str]:
    """The texts of the first ``limit`` articles of a JSONL file (see :func:`news_rows`)."""
    return [row["text"] for row in news_rows(path, limit)]
