"""The records newsweave produces: stand-off annotations over an immutable text.

Every fact found in an article is a frozen dataclass that points back into the
article's original text by character offsets (``start``, ``end``), names the
extractor and version that found it, and carries a confidence in [0, 1].
The original text itself is never modified; cleaning produces ``RemovedSpan``
records instead of rewriting it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import cache
from pathlib import PurePath
from typing import Any, ClassVar

SCHEMA_VERSION = "1.0"


def content_id(text: str, prefix: str = "") -> str:
    """Return a short, stable content hash: the same text always gets the same id."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{prefix}{digest}"


@dataclass(frozen=True, slots=True, kw_only=True)
class PublishedDate:
    """When a document was published: a day (``2025-03-16``), a month or an interval.

    ``value`` is an ISO 8601 date, a partial date (``2024-08``) or an interval
    (``2025-03-12/2025-03-13``). ``inferred`` is true when the date was read off
    the text rather than given by metadata; ``evidence`` lists the
    ``[start, end]`` spans that support it. ``source`` says where it came from: metadata,
    html, url, text, or story (narrowed by other articles' dates of an event the text tells
    relative to its own date: :func:`newsweave.reconcile.story_dates.story_dates`).
    """

    value: str
    inferred: bool = False
    source: str = "metadata"
    confidence: float = 1.0
    evidence: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One article: its original text, exactly as decoded, and what is known about it."""

    id: str
    text: str
    source: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    published: PublishedDate | None = None
    encoding: str = "utf-8"
    media_type: str = "text/plain"
    # The decoded input exactly as read, when the text was extracted from it (HTML, a feed):
    # kept so that nothing is lost; offsets always point into ``text``.
    original: str | None = None

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def document_label(title: str | None, source: str | None, fallback: str = "") -> str:
    """What a reader sees a document called: its title, else its file's (or URL's) last name, else its source.

    >>> document_label(None, "examples/kursk/000_a.txt"), document_label("Kyiv's gamble", "x.txt")
    ('000_a.txt', "Kyiv's gamble")
    """
    return title or PurePath(source or "").name or source or fallback


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """What every extracted fact has: where it is, what found it, and how sure it is."""

    kind: ClassVar[str] = "record"

    doc: str
    start: int
    end: int
    text: str
    extractor: str
    confidence: float = 1.0

    @property
    def id(self) -> str:
        return content_id(f"{self.kind}|{self.doc}|{self.start}|{self.end}|{self.extractor}")

    def to_dict(self) -> dict[str, Any]:
        """A plain dict of the record, ``id`` first; containers are copied, not shared.

        Equivalent to ``dataclasses.asdict`` but without its per-value ``deepcopy``:
        records hold only strings, numbers, None and containers of them (or small
        dataclasses), and the store serialises one dict per record.
        """
        out = {"id": self.id}
        for name in self.field_names():
            out[name] = _plain(getattr(self, name))
        return out

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return _field_names(cls)

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        """The record back from a stored or exported row (keys it does not declare are ignored)."""
        names = set(cls.field_names())
        return cls(**{k: v for k, v in data.items() if k in names})


def as_dict(item: "Record | dict[str, Any]") -> dict[str, Any]:
    """A record as its dict, or a stored row (already a dict) as it is."""
    return item if isinstance(item, dict) else item.to_dict()


def record_rows(items: Iterable[Any], names: Sequence[str]) -> list[dict[str, Any]]:
    """Records (or stored rows, which are dicts already) as dicts of the fields ``names``.

    What a stage reads of an earlier stage's records, without ``Record.to_dict``'s
    content-hash id and copies of every field: that cost a third of a percent of a
    parse per article when the statements and genre stages read quotes and corefs.
    """
    return [item if isinstance(item, dict) else {name: getattr(item, name) for name in names} for item in items]


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


_ATOMS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """``value`` with containers copied and nested dataclasses turned into dicts."""
    if isinstance(value, _ATOMS):
        return value
    if isinstance(value, (list, tuple)):
        return type(value)(map(_plain, value))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return value


@dataclass(frozen=True, slots=True, kw_only=True)
class RemovedSpan(Record):
    """A stretch of the original text that is not the article's body, and why."""

    kind: ClassVar[str] = "removed"

    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention(Record):
    """A mention of a named entity; ``entity`` is the canonical entity's id once reconciled."""

    kind: ClassVar[str] = "mentions"

    label: str
    entity: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A canonical identity across the corpus (a person, organisation, place, ...)."""

    kind: ClassVar[str] = "entities"

    id: str
    name: str
    type: str
    aliases: dict[str, int] = field(default_factory=dict)
    mention_count: int = 0
    documents: tuple[str, ...] = ()
    salience: float = 0.0
    merge_reasons: tuple[str, ...] = ()
    geo: dict[str, Any] | None = None
    roles: tuple[dict[str, Any], ...] = ()
    document_salience: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """An input that could not be read; the run reports it and goes on."""

    source: str
    error: str
    code: str
