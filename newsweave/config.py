"""Every setting, declared once with its default and help; the CLI and docs read these."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any


def setting(default: Any, help: str) -> Any:
    """Declare one option: its default and the help text the CLI and docs show."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Options:
    """How a run behaves. Build with ``Options(workers=2)`` or ``Options().with_(...)``."""

    batch_size: int = setting(32, "Documents parsed together by spaCy in one batch.")
    workers: int = setting(1, "Local worker processes; each loads the models once.")
    max_bytes: int = setting(20_000_000, "Inputs larger than this many bytes are refused.")
    clean: bool = setting(True, "Separate article bodies from site chrome before extraction.")
    off_topic: bool = setting(
        True, "Find paragraphs that belong to other stories with sentence embeddings (the costliest cleaning step)."
    )
    quote_tagger: bool = setting(
        True, "Refine quotes with the trained span tagger (PolNeAR dev content F1 0.727 -> 0.752; about 4% of a parse)."
    )
    min_gazetteer_population: int = setting(
        5000, "Cities with fewer inhabitants are left out of the place gazetteer."
    )
    executor: str = setting("local", "Where batches run: 'local' processes (or 'ray' when installed).")

    def with_(self, **changes: Any) -> "Options":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in fields(cls)}
