"""The HTML report: one self-contained file (CSS inline, SVG drawn in Python), readable offline.

Every string that comes from an article is escaped by Jinja2's autoescaping;
article text is cut into segments by offsets in Python and each segment is
escaped on its own, so no markup in an article can reach the page as markup.
The SVG (map, charts) is built by :mod:`newsweave.report.svg`, which escapes
every string it places.

Large corpora: the page shows the :data:`FULL_ARTICLES` most central articles in
full and lists every source; the next :data:`PAGED_ARTICLES` are written,
:data:`PAGE_SIZE` to a page, beside the report (``<report>_articles/page-N.html``)
and linked from the list; the others link to their source URL (http(s) only).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from spacy.lang.en.stop_words import STOP_WORDS
from markupsafe import Markup

from newsweave import __version__
from newsweave.export.json import build_analysis
from newsweave.model import document_label
from newsweave.reconcile.intervals import interval_of
from newsweave.reconcile.timeline import clip
from newsweave.report.svg import place_map, series_chart
from newsweave.store.sqlite import Store

FULL_ARTICLES = 40
PAGE_SIZE = 100
PAGED_ARTICLES = 300  # articles beyond these are listed and linked to their source, not rendered
ON_DEMAND_STATEMENTS = 3000  # a report computes the story itself only for small corpora (embedding is slow)
STORY_KEYS = ("claims", "questions", "positions", "summary", "genres")


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of article text: plain, a highlight (mention, quote, quantity, timex), or a removed part."""

    text: str
    kind: str = "plain"  # plain | mention | quantity | timex | removed
    label: str = ""
    title: str = ""
    quoted: bool = False


def segments(text: str, mentions: list[dict[str, Any]], removed: list[dict[str, Any]],
             entity_names: dict[str, str], quotes: list[dict[str, Any]] = (),
             quantities: list[dict[str, Any]] = (), timexes: list[dict[str, Any]] = ()) -> list[Segment]:
    """Cut ``text`` at every highlight; inline highlights never overlap (first wins, quantities first).

    Quotes are a background: each segment knows whether it lies in a quote's content.
    Removed parts take precedence over everything inside them.
    """
    inline = sorted(
        [(r["start"], r["end"], 0, "removed", r["reason"], f"removed: {r['reason']}") for r in removed]
        + [(q["start"], q["end"], 1, "quantity", q.get("measure") or "quantity",
            f"{q.get('value')} {q.get('unit') or ''}".strip()) for q in quantities]
        + [(t["start"], t["end"], 2, "timex", t.get("type") or "time", t.get("value") or "") for t in timexes]
        + [(m["start"], m["end"], 3, "mention", m["label"], entity_names.get(m.get("entity") or "", m["text"]))
           for m in mentions]
    )
    chosen, pos = [], 0
    for start, end, _, kind, label, title in inline:
        if start < pos or start >= end or end > len(text):
            continue
        chosen.append((start, end, kind, label, title))
        pos = end
    quote_spans = sorted((a, b) for q in quotes for a, b in (q.get("content_spans") or [(q["content_start"], q["content_end"])]))
    cuts = {0, len(text)}
    for start, end, *_ in chosen:
        cuts.update((start, end))
    for a, b in quote_spans:
        cuts.update((max(0, min(a, len(text))), max(0, min(b, len(text)))))
    bounds = sorted(cuts)
    marks = {start: (end, kind, label, title) for start, end, kind, label, title in chosen}
    out: list[Segment] = []
    qi = 0
    i = 0
    while i < len(bounds) - 1:
        start = bounds[i]
        if start in marks:
            end, kind, label, title = marks[start]
        else:
            end, kind, label, title = bounds[i + 1], "plain", "", ""
        while qi < len(quote_spans) and quote_spans[qi][1] <= start:
            qi += 1
        quoted = kind != "removed" and qi < len(quote_spans) and quote_spans[qi][0] <= start < quote_spans[qi][1]
        out.append(Segment(text[start:end], kind, label, title, quoted))
        while i < len(bounds) - 1 and bounds[i] < end:
            i += 1
    return [s for s in out if s.text]


def _by_doc(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        found[r["doc"]].append(r)
    return found


def _story(store: Store, analysis: dict[str, Any]) -> dict[str, Any]:
    """The story's lists: from ``analysis.json`` when the run put them there, else computed now."""
    if all(k in analysis for k in ("claims", "summary")):
        return {k: analysis.get(k, []) for k in STORY_KEYS}
    if 0 < len(analysis.get("statements", ())) <= ON_DEMAND_STATEMENTS:
        from newsweave.reconcile.story import story

        return story(store)
    return {k: [] for k in STORY_KEYS}


def _timeline(analysis: dict[str, Any]) -> dict[str, Any] | None:
    """The timeline partial's context."""
    from newsweave.report.timeline import timeline_context

    return timeline_context(analysis)


def _places(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for e in analysis["entities"]:
        geo = e.get("geo") or {}
        if e["type"] == "place" and geo.get("lat") is not None:
            found.append({"name": e["name"], "lat": geo["lat"], "lon": geo["lon"], "count": e["mention_count"],
                          "kind": geo.get("kind")})
    return found[:80]


def _quantities(analysis: dict[str, Any], labels: dict[str, str]) -> list:
    from newsweave.extract.quantities import Quantity

    return [Quantity.from_dict(q) for q in analysis.get("quantities", ()) if q["doc"] in labels]


def _unit_slips(analysis: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Quantities whose unit looks written wrong against the other sources ("400m2" vs 400 sq mi)."""
    from newsweave.reconcile.quantities import unit_slips

    return unit_slips(_quantities(analysis, labels))[:10]


def _quantity_series(analysis: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """The series told by two sources or more, each point with the words around it in its
    article ("covering barely 30 square miles, according to"), for the list under its chart."""
    from newsweave.reconcile.quantities import series

    records = _quantities(analysis, labels)
    docs = {d["id"]: d for d in analysis["documents"]}
    published = {k: v for k, d in docs.items() if (v := (d.get("published") or {}).get("value"))}
    out = []
    for s in series(records, published):
        if len({p["doc"] for p in s["points"]}) < 2 and not s["discrepancies"]:
            continue
        points = [dict(p, before=_words_around(docs[p["doc"]]["text"], p["start"], -1),
                       after=_words_around(docs[p["doc"]]["text"], p["end"], 1)) for p in s["points"]]
        out.append(dict(s, points=points, svg=Markup(series_chart(s, labels))))
        if len(out) == 8:
            break
    return out


def _words_around(text: str, pos: int, direction: int, words: int = 6) -> str:
    """Up to ``words`` words of ``text`` before (-1) or after (+1) ``pos``, within its line."""
    if direction < 0:
        line = text[text.rfind("\n", 0, pos) + 1:pos]
        found = line.split(" ")
        return ("…" if len(found) > words else "") + " ".join(found[-words:])
    end = text.find("\n", pos)
    line = text[pos:end if end >= 0 else len(text)]
    found = line.split(" ")
    return " ".join(found[:words + 1]) + ("…" if len(found) > words + 1 else "")


def quote_parts(quote: dict[str, Any], limit: int = 300) -> list[tuple[str, bool]]:
    """A quote's words as (text, is what was said) pieces, so the report can set the content apart
    from the speaker and the verb; a long one is cut to its content's first ``limit`` characters.

    >>> quote_parts({"text": "Kyiv denied it, he said", "start": 10, "content_spans": [[10, 24]]})
    [('Kyiv denied it', True), (', he said', False)]
    """
    text, start = quote["text"], quote["start"]
    spans = sorted((max(0, a - start), min(len(text), b - start)) for a, b in quote.get("content_spans") or ())
    spans = [(a, b) for a, b in spans if a < b]
    if not spans:
        return [(clip(text, limit), False)]
    if len(text) > limit:
        return [(clip(" … ".join(text[a:b] for a, b in spans), limit), True)]
    parts, at = [], 0
    for a, b in spans:
        if a > at:
            parts.append((text[at:a], False))
        parts.append((text[max(a, at):b], True))
        at = max(at, b)
    if at < len(text):
        parts.append((text[at:], False))
    return parts


def _canonical_names(entities: list[dict[str, Any]]) -> dict[str, str]:
    """Each name an entity goes by ("Vladimir V. Putin", "Kiev") -> the entity's name, the entity
    that uses it most winning where two share a name."""
    best: dict[str, tuple[int, str]] = {}
    for e in entities:
        for alias, count in (e.get("aliases") or {}).items():
            if count > best.get(alias, (0, ""))[0]:
                best[alias] = (count, e["name"])
    return {alias: name for alias, (_, name) in best.items()}


def _speaker_name(speaker: str | None, canonical: dict[str, str]) -> str:
    """The name quotes are grouped under when the speaker has no canonical entity id: the entity
    that has the name as an alias; "unattributed" for none, or for
    a speaker that is only a pronoun or determiner the extractor could not resolve ("It", "most of which")."""
    if not speaker or all(w.lower() in STOP_WORDS and not w.isupper() for w in speaker.split()):  # "US" stays
        return "unattributed"
    return canonical.get(speaker, speaker)


# Attributions the extractor is less sure of than this ("Ukraine released a map", 0.46: a cue that
# reports no statement) stay out of the report's list; analysis.json keeps them all.
QUOTE_SHOWN = 0.5


def _listed(quote: dict[str, Any], labels: dict[str, str]) -> bool:
    """Whether the report may list a quote: of a shown article, and not a repeat of another."""
    return quote["doc"] in labels and not quote.get("duplicate_of")


def _less_certain_quotes(analysis: dict[str, Any], labels: dict[str, str]) -> int:
    return sum(_listed(q, labels) and q.get("confidence", 1.0) < QUOTE_SHOWN for q in analysis.get("quotes", ()))


def _speakers(analysis: dict[str, Any], labels: dict[str, str], entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    roles = {e["name"]: Counter(r["role"] for r in e.get("roles", ())) for e in entities if e["type"] == "person"}
    canonical = _canonical_names(entities)
    named = {e["id"]: e["name"] for e in entities if "id" in e}
    elsewhere = {q["id"]: [d for d in g["documents"] if d != q["doc"]]
                 for g in analysis.get("shared_quotes", ()) for q in g["quotes"]}
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in analysis.get("quotes", ()):
        if _listed(q, labels) and q.get("confidence", 1.0) >= QUOTE_SHOWN:
            groups[named.get(q.get("speaker_entity")) or _speaker_name(q.get("speaker"), canonical)].append(q)
    out = []
    for name, quotes in sorted(groups.items(), key=lambda kv: (kv[0] == "unattributed", -len(kv[1]), kv[0])):
        shown = sorted(quotes, key=lambda q: (labels[q["doc"]], q["start"]))[:12]
        out.append({"name": name, "roles": [r for r, _ in roles.get(name, Counter()).most_common(3)],
                    "quotes": [dict(q, parts=quote_parts(q), also=elsewhere.get(q.get("id"), [])) for q in shown],
                    "count": len(quotes), "docs": sorted({labels[q["doc"]] for q in quotes}, key=int)})
    return out[:60]


def build_context(store: Store, analysis: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the template shows, from the store (and its analysis, when already built)."""
    analysis = analysis if analysis is not None else build_analysis(store)
    return context_from(analysis, _story(store, analysis), _timeline(analysis))


def context_from(analysis: dict[str, Any], story: dict[str, Any], timeline: dict[str, Any] | None = None
                 ) -> dict[str, Any]:
    """The template's context from the analysis dict and the story's lists."""
    names = {e["id"]: e["name"] for e in analysis["entities"]}
    documents = [d for d in analysis["documents"] if not d.get("superseded_by")]
    genres = {g["doc"]: g for g in story.get("genres", ())}
    positions = {p["doc"]: p for p in story.get("positions", ())}
    centrality = Counter(m["doc"] for c in story.get("claims", ()) for m in c["mentions"])
    for number, doc in enumerate(documents, 1):
        doc["number"] = number
        doc["label"] = document_label(doc["title"], doc["source"])
        doc["genre"] = genres.get(doc["id"], {}).get("genre")
        doc["genre_confidence"] = genres.get(doc["id"], {}).get("confidence")
        doc["removed_words"] = sum(len(doc["text"][r["start"]:r["end"]].split()) for r in doc["removed"])
        doc["position"] = positions.get(doc["id"])
    labels = {d["id"]: str(d["number"]) for d in documents}
    full = sorted(documents, key=lambda d: (-centrality[d["id"]], d["number"]))[:FULL_ARTICLES]
    full_ids = {d["id"] for d in full}
    per_kind = {k: _by_doc([r for r in analysis.get(k, ()) if r["doc"] in full_ids])
                for k in ("mentions", "quotes", "quantities", "timexes")}
    for doc in documents:
        doc["full"] = doc["id"] in full_ids
        if doc["full"]:
            doc["segments"] = segments(doc["text"], per_kind["mentions"].get(doc["id"], []), doc["removed"], names,
                                       per_kind["quotes"].get(doc["id"], []),
                                       per_kind["quantities"].get(doc["id"], []),
                                       per_kind["timexes"].get(doc["id"], []))
    per_doc = Counter((m.get("entity"), m["doc"]) for m in analysis["mentions"])
    entities = [
        dict(e, per_doc=sorted((int(labels[d]), per_doc[(e["id"], d)]) for d in e["documents"] if d in labels))
        for e in analysis["entities"] if e["type"] != "other"
    ]
    by_id = {d["id"]: d for d in documents}
    claims = [c for c in story.get("claims", ()) if any(m["doc"] in labels for m in c["mentions"])][:40]
    for c in claims:
        cells: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for m in c["mentions"]:
            cells[m["doc"]].append(m)
        c["cells"] = cells
    matrix_docs = [d for d in documents if any(d["id"] in c["cells"] for c in claims)][:30]
    summary = [dict(s, label=labels.get(s["doc"], "?")) for s in story.get("summary", ()) if s["doc"] in labels]
    questions = story.get("questions", ())[:12]
    return {
        "version": __version__,
        "documents": documents,
        "full_documents": sorted(full, key=lambda d: d["number"]),
        "entities": entities[:150],
        "entity_total": len(entities),
        "failures": analysis["failures"],
        "date_range": publication_span(d["published"]["value"] for d in documents if d.get("published")),
        "outlets": sorted({d["outlet"] for d in documents if d.get("outlet")}),
        "genre_counts": Counter(d["genre"] for d in documents if d["genre"]),
        "words": sum(d["word_count"] for d in documents),
        "summary": summary,
        "claims": claims,
        "contradictions": [c for c in claims if c["contradiction"]],
        "matrix_docs": matrix_docs,
        "questions": questions,
        "positions": [by_id[p["doc"]] for p in story.get("positions", ()) if p["doc"] in by_id
                      and (p["recommendations"] or (p["theses"] and p.get("genre") != "report"))],
        "map_svg": Markup(place_map(_places(analysis))),
        "series": _quantity_series(analysis, labels),
        "unit_slips": _unit_slips(analysis, labels),
        "speakers": _speakers(analysis, labels, analysis["entities"]),
        "quotes_less_certain": _less_certain_quotes(analysis, labels), "quote_shown": QUOTE_SHOWN,
        "labels": labels,
        "by_id": by_id,
        "has_timeline": timeline is not None,
        "pages": [],
        **(timeline or {}),  # the partial reads its own top-level names (timeline_chart, ...)
    }


def web_url(url: str | None) -> str:
    """An article's URL if it is an http(s) address, else "": a link must never run script."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else ""


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsweave.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["web_url"] = web_url
    return env


def render_report(store: Store) -> str:
    return _environment().get_template("report.html").render(**build_context(store))


def write_report(store: Store, path: str | Path) -> Path:
    """Write the report; articles beyond :data:`FULL_ARTICLES` go to linked pages beside it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    analysis = build_analysis(store)
    context = build_context(store, analysis)
    env = _environment()
    # Beyond the articles in full and the paged ones, sources link to where they came from:
    # the whole text of every article is in analysis.json, and the page stays small.
    rest = [d for d in context["documents"] if not d["full"]][:PAGED_ARTICLES]
    if rest:
        folder = path.with_name(path.stem + "_articles")
        folder.mkdir(exist_ok=True)
        names = {e["id"]: e["name"] for e in analysis["entities"]}
        for page, lo in enumerate(range(0, len(rest), PAGE_SIZE), 1):
            chunk = rest[lo:lo + PAGE_SIZE]
            ids = {d["id"] for d in chunk}
            mentions = _by_doc([m for m in analysis["mentions"] if m["doc"] in ids])
            for d in chunk:
                d["segments"] = segments(d["text"], mentions.get(d["id"], []), d["removed"], names)
                d["page"] = page
            name = f"page-{page}.html"
            (folder / name).write_text(env.get_template("articles.html").render(
                documents=chunk, page=page, report=path.name, version=__version__), encoding="utf-8")
            context["pages"].append({"page": page, "href": f"{folder.name}/{name}", "first": chunk[0]["number"],
                                     "last": chunk[-1]["number"]})
    path.write_text(env.get_template("report.html").render(**context), encoding="utf-8")
    return path


# A source dated to a wider span than this does not stretch the story's dates in the header.
NARROW_DAYS = 31


def publication_span(values: Iterable[str]) -> tuple[str, str, int] | None:
    """The first and last day the narrowly dated sources were published, and how many are
    dated only to a wider span (an inferred "2021-06-01/2024-10-31" would say little)."""
    spans, wide = [], 0
    for value in values:
        parts = value.split("/")
        first, last = interval_of(parts[0]), interval_of(parts[-1])
        if first is None or last is None or not first.year_known or last.hi - first.lo >= NARROW_DAYS:
            wide += 1
        else:
            spans.append((first.lo, last.hi))
    if not spans:
        return None
    days = [dt.date.fromordinal(d).isoformat() for d in (min(a for a, _ in spans), max(b for _, b in spans))]
    return days[0], days[1], wide
