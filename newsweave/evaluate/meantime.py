"""Read MEANTIME (NewsReader) CAT XML: tokens, entity and event mentions, their cross-document
instances, TIMEX3 values and the document's creation time.

A CAT file lists tokens (``<token t_id= sentence=>``), ``ENTITY_MENTION`` markables
anchored to token ids, ``ENTITY`` instances (``ent_type`` PER/ORG/LOC/PRO/FIN/MIX,
``instance_id`` shared across documents when annotated cross-document) and
``REFERS_TO`` relations from mentions to entities. :func:`read_cat` rebuilds a
plain text (tokens joined by spaces, sentences by newlines) with character
offsets for every mention, so a system that reads the text can be scored on it.

Events are read the same way: ``EVENT_MENTION`` markables, ``EVENT`` instances (an
``instance_id`` when the event was annotated across documents, else the event is known only
within its document) and the ``REFERS_TO`` links between them. ``TIMEX3`` markables anchored
to tokens keep their type and value; the one with ``functionInDocument="CREATION_TIME"`` is
the document's date (it is also in the text: the line after the title). An event mention's
gold time is the calendar TIMEX3 a ``TLINK`` says includes it or is simultaneous with it
(``IS_INCLUDED``, ``INCLUDES``, ``SIMULTANEOUS``), the creation time among them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from newsweave.evaluate.timeml import GoldTimex

NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m)$", re.I)
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``"})
UNANNOTATED = "-"  # mentions of the cross-document layer carry no syntactic_type attribute


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One annotated entity mention, with its offsets in the rebuilt text."""

    doc: str
    m_id: str
    start: int
    end: int
    text: str
    syntactic_type: str  # NAM, PRE.NAM, NOM, PRO, ... ("-" when the attribute is absent)
    ent_type: str  # PER, ORG, LOC, PRO, FIN, MIX ("" when not linked)
    entity: str  # cross-document instance id, else "<doc>#<entity m_id>"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event mention: offsets in the rebuilt text, its instance and gold time."""

    doc: str
    m_id: str
    start: int
    end: int
    text: str
    pred: str  # the annotators' lemma ("" for mentions of the cross-document layer)
    pos: str  # VERB, NOUN, ... ("" when absent)
    instance: str  # cross-document instance id, else "<doc>#<event m_id>", else "<doc>#<mention m_id>"
    cross_document: bool  # its EVENT carries an instance_id (annotated across documents)
    time: str | None = None  # the value of the calendar TIMEX3 that includes it (TLINK), if any
    document_layer: bool = True  # annotated with its attributes (pred, pos, tense ...), not only linked


@dataclass(frozen=True, slots=True)
class CatDocument:
    id: str
    text: str
    mentions: tuple[GoldMention, ...]
    events: tuple[GoldEvent, ...] = ()
    timexes: tuple[GoldTimex, ...] = ()  # anchored TIMEX3s, the creation time excluded
    creation_time: str | None = None  # the TIMEX3 value of the document's date ("2008-03-01")
    creation_span: tuple[int, int] | None = None  # where the text states it, if anchored
    topic: str = ""  # the sub-corpus: "airbus" for corpus_airbus/
    # MEANTIME annotates every event mention only in the title and the first sentences; after
    # them only mentions of cross-document instances are marked. This is where that part ends:
    # the end of the last sentence holding an event mention of the document layer.
    annotated_end: int = 0


# TLINK relations that place an event within a time: (relation read from the event's side)
TIME_OF_EVENT = {"IS_INCLUDED": "event", "SIMULTANEOUS": "either", "INCLUDES": "timex"}


def _span(m: ET.Element, offsets: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    anchors = [offsets[a.get("t_id")] for a in m.findall("token_anchor") if a.get("t_id") in offsets]
    return (min(a[0] for a in anchors), max(a[1] for a in anchors)) if anchors else None


def _event_times(relations: ET.Element | None, timex_values: dict[str, str]) -> dict[str, str]:
    """Event mention id -> the value of the timex a TLINK puts it in (see the module docstring)."""
    out: dict[str, str] = {}
    for rel in relations if relations is not None else ():
        if rel.tag != "TLINK" or rel.get("reltype") not in TIME_OF_EVENT:
            continue
        source, target = rel.find("source"), rel.find("target")
        if source is None or target is None:
            continue
        a, b = source.get("m_id"), target.get("m_id")
        side = TIME_OF_EVENT[rel.get("reltype")]
        if b in timex_values and side in ("event", "either"):
            out.setdefault(a, timex_values[b])
        elif a in timex_values and side in ("timex", "either"):
            out.setdefault(b, timex_values[a])
    return out


def read_cat(path: Path) -> CatDocument:
    """Parse one CAT XML file into its rebuilt text, gold entity and event mentions and timexes."""
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_name") or path.stem
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    length, last_sentence, previous = 0, None, ""
    for token in root.iter("token"):
        text = token.text or ""
        sentence = token.get("sentence")
        if pieces:
            if sentence != last_sentence:
                sep = "\n"
            elif NO_SPACE_BEFORE.match(text) or previous in NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            pieces.append(sep)
            length += len(sep)
        offsets[token.get("t_id")] = (length, length + len(text))
        pieces.append(text)
        length += len(text)
        last_sentence, previous = sentence, text
    text = "".join(pieces)

    markables = root.find("Markables")
    entities = {}
    spans = {}
    event_instances: dict[str, str] = {}
    event_mentions: dict[str, tuple[int, int, str, str]] = {}
    timex_values: dict[str, str] = {}
    timexes: list[GoldTimex] = []
    creation_time, creation_span = None, None
    for m in markables if markables is not None else ():
        if m.tag == "ENTITY":
            entities[m.get("m_id")] = (m.get("ent_type") or "", m.get("instance_id") or "")
        elif m.tag == "ENTITY_MENTION":
            span = _span(m, offsets)
            if span:
                spans[m.get("m_id")] = (*span, m.get("syntactic_type", UNANNOTATED))
        elif m.tag == "EVENT":
            event_instances[m.get("m_id")] = m.get("instance_id") or ""
        elif m.tag == "EVENT_MENTION":
            span = _span(m, offsets)
            if span:
                event_mentions[m.get("m_id")] = (*span, m.get("pred") or "", m.get("pos") or "",
                                                 m.get("pred") is not None)
        elif m.tag == "TIMEX3":
            value, span = m.get("value") or "", _span(m, offsets)
            timex_values[m.get("m_id")] = value
            if m.get("functionInDocument") == "CREATION_TIME":
                creation_time, creation_span = value, span
            elif span:
                timexes.append(GoldTimex(start=span[0], end=span[1], text="", type=m.get("type") or "",
                                         value=value))
    refers: dict[str, str] = {}
    event_refers: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        if rel.tag == "REFERS_TO":
            target = rel.find("target")
            if target is None:
                continue
            into = refers if target.get("m_id") in entities else \
                event_refers if target.get("m_id") in event_instances else None
            if into is None:
                continue
            for source in rel.findall("source"):
                into[source.get("m_id")] = target.get("m_id")
    mentions = []
    for m_id, (start, end, syntactic) in spans.items():
        target = refers.get(m_id)
        ent_type, instance = entities.get(target, ("", "")) if target else ("", "")
        mentions.append(GoldMention(
            doc=doc_id, m_id=m_id, start=start, end=end, text=text[start:end],
            syntactic_type=syntactic, ent_type=ent_type,
            entity=instance or (f"{doc_id}#{target}" if target else f"{doc_id}#{m_id}"),
        ))
    mentions.sort(key=lambda g: (g.start, g.end))
    times = _event_times(relations, timex_values)
    events = []
    for m_id, (start, end, pred, pos, layer) in event_mentions.items():
        target = event_refers.get(m_id)
        instance = event_instances.get(target, "") if target else ""
        events.append(GoldEvent(
            doc=doc_id, m_id=m_id, start=start, end=end, text=text[start:end], pred=pred, pos=pos,
            instance=instance or f"{doc_id}#{target or m_id}", cross_document=bool(instance),
            time=times.get(m_id), document_layer=layer,
        ))
    events.sort(key=lambda g: (g.start, g.end))
    timexes = sorted((GoldTimex(start=t.start, end=t.end, text=text[t.start:t.end], type=t.type, value=t.value)
                      for t in timexes), key=lambda t: (t.start, t.end))
    topic = path.parent.name.removeprefix("corpus_")
    last = max((e.end for e in events if e.document_layer), default=0)
    annotated_end = text.find("\n", last)
    return CatDocument(doc_id, text, tuple(mentions), tuple(events), tuple(timexes), creation_time, creation_span,
                       topic, len(text) if annotated_end < 0 else annotated_end)


def read_corpus(folder: Path, limit: int | None = None) -> list[CatDocument]:
    """Every ``*.xml`` under ``folder`` (recursively), in name order.

    With ``limit``, the first documents of each sub-corpus in turn (so a small
    sample still has several documents per topic for cross-document coreference).
    """
    paths = sorted(folder.rglob("*.xml"))
    if limit is not None:
        by_folder: dict[Path, list[Path]] = {}
        for p in paths:
            by_folder.setdefault(p.parent, []).append(p)
        columns = list(by_folder.values())
        paths = [p for row in range(max(map(len, columns), default=0)) for col in columns
                 if row < len(col) for p in [col[row]]][:limit]
    return [read_cat(p) for p in paths]
