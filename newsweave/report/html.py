"""The HTML report: one self-contained file (CSS and JS inline), readable offline.

Every string that comes from an article is escaped by Jinja2's autoescaping;
article text is cut into segments by offsets in Python and each segment is
escaped on its own, so no markup in an article can reach the page as markup.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from newsweave import __version__
from newsweave.export.json import build_analysis
from newsweave.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of article text: plain, a highlighted mention, or a removed part."""

    text: str
    kind: str = "plain"  # plain | mention | removed
    label: str = ""
    title: str = ""


def segments(text: str, mentions: list[dict[str, Any]], removed: list[dict[str, Any]],
             entity_names: dict[str, str]) -> list[Segment]:
    """Cut ``text`` at every mention and removed span; overlapping mentions keep the first."""
    marks = sorted(
        [(r["start"], r["end"], "removed", r["reason"], f"removed: {r['reason']}") for r in removed]
        + [(m["start"], m["end"], "mention", m["label"], entity_names.get(m.get("entity") or "", m["text"]))
           for m in mentions]
    )
    out, pos = [], 0
    for start, end, kind, label, title in marks:
        if start < pos or start >= end:
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], kind, label, title))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def build_context(store: Store) -> dict[str, Any]:
    analysis = build_analysis(store)
    names = {e["id"]: e["name"] for e in analysis["entities"]}
    mentions_by_doc: dict[str, list[dict[str, Any]]] = {}
    for m in analysis["mentions"]:
        mentions_by_doc.setdefault(m["doc"], []).append(m)
    documents = [d for d in analysis["documents"] if not d.get("superseded_by")]
    for number, doc in enumerate(documents, 1):
        doc["number"] = number
        doc["label"] = doc["title"] or Path(doc["source"]).name or doc["source"]
        doc["segments"] = segments(doc["text"], mentions_by_doc.get(doc["id"], []), doc["removed"], names)
        doc["removed_words"] = sum(len(doc["text"][r["start"]:r["end"]].split()) for r in doc["removed"])
    doc_numbers = {d["id"]: d["number"] for d in documents}
    per_doc = Counter((m.get("entity"), m["doc"]) for m in analysis["mentions"])
    entities = [
        dict(e, per_doc=sorted((doc_numbers[d], per_doc[(e["id"], d)]) for d in e["documents"] if d in doc_numbers))
        for e in analysis["entities"] if e["type"] != "other"
    ]
    dates = sorted(d["published"]["value"] for d in documents if d.get("published"))
    other_kinds = {k: len(v) for k, v in analysis.items()
                   if isinstance(v, list) and k not in ("documents", "entities", "mentions", "failures")}
    return {
        "version": __version__,
        "documents": documents,
        "entities": entities[:200],
        "entity_total": len(entities),
        "failures": analysis["failures"],
        "date_range": (dates[0], dates[-1]) if dates else None,
        "outlets": sorted({d["outlet"] for d in documents if d.get("outlet")}),
        "words": sum(d["word_count"] for d in documents),
        "other_kinds": other_kinds,
    }


def render_report(store: Store) -> str:
    env = Environment(
        loader=PackageLoader("newsweave.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    return env.get_template("report.html").render(**build_context(store))


def write_report(store: Store, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(store), encoding="utf-8")
    return path
