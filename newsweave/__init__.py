"""newsweave: a structured, source-attributed account of a story from many news articles."""

__version__ = "0.1.0"

from newsweave.analysis import Analysis, analyze  # noqa: E402
from newsweave.config import Options  # noqa: E402
from newsweave.errors import NewsweaveError  # noqa: E402
from newsweave.model import Document, Entity, Mention, PublishedDate, Record, RemovedSpan  # noqa: E402

__all__ = [
    "Analysis", "Document", "Entity", "Mention", "NewsweaveError", "Options", "PublishedDate",
    "Record", "RemovedSpan", "analyze", "__version__",
]
