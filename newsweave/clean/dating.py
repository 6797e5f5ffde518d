"""Date every document: from metadata, the HTML, the URL, or else from the text itself.

Sources are tried in order of trust. Metadata and the HTML's own date (read offline
by htmldate from the HTML string) are taken as given; a date in the URL's path is
nearly as good; only when none is there is the date inferred from the words of the
article (:mod:`newsweave.clean.dating_cues` finds the cues,
:mod:`newsweave.clean.dating_solve` weighs them), giving a day or an interval marked
``inferred``, with a confidence and the spans of the evidence.

>>> infer_published("On Wednesday, March 12, 2025, troops entered the town. By Sunday they had left.").value
'2025-03-16'
>>> infer_published("Some text.", url="https://example.org/2019/01/05/story.html").value
'2019-01-05'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar
from datetime import date, datetime

from newsweave.clean.dating_cues import find_cues
from newsweave.clean.dating_events import event_table
from newsweave.clean.dating_offices import office_table
from newsweave.clean.dating_solve import solve
from newsweave.config import Options
from newsweave.model import PublishedDate, Record
from newsweave.pipeline import Article, stage

NAME, VERSION = "clean.dating", "0.2.0"
EXTRACTOR = f"{NAME}@{VERSION}"

# /2019/01/05/, /2019-01-05-, /20190105/, /2019/01/ in a URL's path.
_URL_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[/_.-]?)(?P<m>0[1-9]|1[0-2])(?:(?P=sep)(?P<d>0[1-9]|[12]\d|3[01]))?(?!\d)"
)
_ISO_PREFIX_RE = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")


@dataclass(frozen=True, slots=True, kw_only=True)
class PublishedRecord(Record):
    """The document's publication date as a record: span = the strongest evidence, if any."""

    kind: ClassVar[str] = "published"

    value: str
    inferred: bool = True
    source: str = "text"
    evidence: tuple[tuple[int, int], ...] = ()

    def to_published(self) -> PublishedDate:
        return PublishedDate(value=self.value, inferred=self.inferred, source=self.source,
                             confidence=self.confidence, evidence=self.evidence)


def infer_published(
    text: str, *, metadata: str | None = None, html: str | None = None, url: str | None = None
) -> PublishedDate | None:
    """The publication date of a document, from the most trusted source that gives one.

    ``metadata`` is a date string from the source (``2019-01-05``, ``Jan 5, 2019``,
    ``2019-01-05T10:00:00Z``); ``html`` the page's HTML (never fetched: only this string
    is read); ``url`` the page's address. Returns None when nothing dates the document.
    """
    if metadata:
        value = _parse_metadata(metadata)
        if value:
            return PublishedDate(value=value, inferred=False, source="metadata", confidence=1.0)
    if html and "<" in html:
        value = _date_from_html(html)
        if value:
            return PublishedDate(value=value, inferred=False, source="html", confidence=0.9)
    if url:
        value = date_from_url(url)
        if value:
            return PublishedDate(value=value, inferred=True, source="url", confidence=0.85)
    return infer_from_text(text)


def infer_from_text(text: str) -> PublishedDate | None:
    """Infer the publication date from the article's words alone (see the module docstring)."""
    solution = solve(find_cues(text))
    if solution is None:
        return None
    evidence = tuple(dict.fromkeys((c.start, c.end) for c in solution.evidence))
    return PublishedDate(value=solution.value, inferred=True, source="text",
                         confidence=solution.confidence, evidence=evidence)


def date_from_url(url: str) -> str | None:
    """A date written in a URL's path: a day (``2019-01-05``) or a month (``2019-01``).

    >>> date_from_url("https://thehill.com/homenews/423368-the-top-ten")
    >>> date_from_url("https://www.example.com/news/2020/03/story")
    '2020-03'
    """
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.IGNORECASE)
    for m in _URL_DATE_RE.finditer(path):
        year, month, day = int(m["y"]), int(m["m"]), m["d"]
        if not m["sep"] and not day:
            continue  # a bare 6-digit number is more often an id than a month
        if day:
            try:
                return date(year, month, int(day)).isoformat()
            except ValueError:
                continue
        return f"{year:04d}-{month:02d}"
    return None


def _parse_metadata(value: str) -> str | None:
    """Metadata dates: ISO first (kept as precise as given), then free-form English dates."""
    m = _ISO_PREFIX_RE.match(value)
    if m:
        year, month, day = m.groups()
        try:
            return date(int(year), int(month), int(day)).isoformat() if day else f"{year}-{month}"
        except ValueError:
            return None
    from dateutil import parser as dateutil_parser  # htmldate's dependency

    try:
        return dateutil_parser.parse(value, default=datetime(1900, 1, 1)).date().isoformat()
    except (ValueError, OverflowError):
        return None


def _date_from_html(html: str) -> str | None:
    """The HTML's own publication date (meta tags, JSON-LD, time elements) via htmldate, offline."""
    from htmldate import find_date

    try:
        found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d",
                          min_date="1900-01-01")
    except (ValueError, TypeError):
        return None
    return found or None


def warm_up(options: Options) -> None:
    """Compile the office-holder and event tables' patterns (seconds, once per process)."""
    office_table()
    event_table()


@stage(NAME, version=VERSION, requires=("text",), produces=("published",), warm_up=warm_up)
def date_documents(article: Article, options: Options) -> Iterator[PublishedRecord]:
    """Date a document that came without a publication date (the text with chrome blanked)."""
    document = article.document
    if document.published is not None:
        return
    text = article.analysis_text
    published = infer_published(text, url=document.url)
    if published is None:
        return
    start, end = published.evidence[0] if published.evidence else (0, 0)
    yield PublishedRecord(
        doc=document.id, start=start, end=end, text=document.text[start:end], extractor=EXTRACTOR,
        confidence=published.confidence, value=published.value, inferred=published.inferred,
        source=published.source, evidence=published.evidence,
    )
