"""newsweave's errors: one base class, messages that say what happened and what to do."""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base class: ``str(error)`` is one line that a user can act on."""

    code = "error"


class InputError(NewsweaveError):
    """An input file or record cannot be read as an article."""

    code = "bad-input"

    def __init__(self, source: str, problem: str, advice: str):
        self.source, self.problem, self.advice = source, problem, advice
        super().__init__(f"cannot read {source}: {problem}; {advice}")


class EmptyInput(InputError):
    code = "empty"


class BinaryInput(InputError):
    code = "binary"


class UndecodableInput(InputError):
    code = "encoding"


class TooLargeInput(InputError):
    code = "too-large"


class MalformedInput(InputError):
    code = "malformed"


class PipelineError(NewsweaveError):
    """The pipeline's stages do not fit together (raised when it is built, not mid-corpus)."""

    code = "pipeline"


class StoreError(NewsweaveError):
    """The SQLite store is missing, locked, or of an unknown schema version."""

    code = "store"


class UsageError(NewsweaveError):
    """The command was called wrongly."""

    code = "usage"
