"""Read TimeML (TempEval-3 ``.tml``) files: the plain text, its gold TIMEX3 spans and the DCT.

TempEval-3 files wrap the article in ``<TEXT>`` with inline ``<TIMEX3>``, ``<EVENT>``
and ``<SIGNAL>`` tags; the document creation time is a ``<TIMEX3
functionInDocument="CREATION_TIME">`` inside ``<DCT>``. :func:`read_timeml` strips the
tags and keeps each TIMEX3 as character offsets into the stripped text, so a tagger
can run on the same string the annotators saw.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One gold TIMEX3: offsets into :attr:`TimeMLDocument.text` and its attributes."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """A TimeML article: id, the text inside ``<TEXT>``, its DCT and gold TIMEX3s (DCT excluded)."""

    id: str
    text: str
    dct: dt.date | None
    dct_value: str | None
    timexes: tuple[GoldTimex, ...]


def _parse_date(value: str | None) -> dt.date | None:
    """The calendar day a TIMEX3 value names, or None (``1998-01-08T10:00`` -> 1998-01-08)."""
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_timeml(path: Path) -> TimeMLDocument:
    """Parse one ``.tml`` file; TIMEX3s with no text (implicit anchors) are left out."""
    root = ET.parse(path).getroot()
    dct_value = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct_value = timex.get("value")
            break
    body = root.find("TEXT")
    pieces: list[str] = []
    gold: list[GoldTimex] = []
    length = 0

    def walk(node: ET.Element) -> None:
        nonlocal length
        if node.text:
            pieces.append(node.text)
            length += len(node.text)
        for child in node:
            start = length
            walk(child)
            if child.tag == "TIMEX3" and length > start:
                gold.append(GoldTimex(  # text is filled in once the whole string is known
                    start=start, end=length, text="", type=child.get("type", ""),
                    value=child.get("value", ""), mod=child.get("mod"),
                ))
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)

    if body is not None:
        walk(body)
    text = "".join(pieces)
    timexes = tuple(
        GoldTimex(start=g.start, end=g.end, text=text[g.start:g.end], type=g.type, value=g.value, mod=g.mod)
        for g in gold
    )
    doc_id = (root.findtext("DOCID") or path.stem).strip()
    return TimeMLDocument(
        id=doc_id, text=text, dct=_parse_date(dct_value), dct_value=dct_value, timexes=timexes
    )


def timeml_paths(data: Path) -> list[Path]:
    """Every ``.tml`` file under ``data`` (a file, or a folder searched recursively), sorted."""
    data = Path(data)
    if data.is_file():
        return [data]
    return sorted(data.rglob("*.tml"))
