"""Read MEANTIME (NewsReader) CAT XML: tokens, entity mentions and their cross-document entities.

A CAT file lists tokens (``<token t_id= sentence=>``), ``ENTITY_MENTION`` markables
anchored to token ids, ``ENTITY`` instances (``ent_type`` PER/ORG/LOC/PRO/FIN/MIX,
``instance_id`` shared across documents when annotated cross-document) and
``REFERS_TO`` relations from mentions to entities. :func:`read_cat` rebuilds a
plain text (tokens joined by spaces, sentences by newlines) with character
offsets for every mention, so a system that reads the text can be scored on it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

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
class CatDocument:
    id: str
    text: str
    mentions: tuple[GoldMention, ...]


def read_cat(path: Path) -> CatDocument:
    """Parse one CAT XML file into its rebuilt text and gold entity mentions."""
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
    for m in markables if markables is not None else ():
        if m.tag == "ENTITY":
            entities[m.get("m_id")] = (m.get("ent_type") or "", m.get("instance_id") or "")
        elif m.tag == "ENTITY_MENTION":
            anchors = [offsets[a.get("t_id")] for a in m.findall("token_anchor") if a.get("t_id") in offsets]
            if anchors:
                spans[m.get("m_id")] = (min(a[0] for a in anchors), max(a[1] for a in anchors),
                                        m.get("syntactic_type", UNANNOTATED))
    refers: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        if rel.tag == "REFERS_TO":
            target = rel.find("target")
            if target is None or target.get("m_id") not in entities:
                continue
            for source in rel.findall("source"):
                refers[source.get("m_id")] = target.get("m_id")
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
    return CatDocument(doc_id, text, tuple(mentions))


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
