"""Events and the merged story timeline on MEANTIME: detection, cross-document coreference, dates.

Our whole pipeline (:func:`newsweave.analyze`, default options) runs on MEANTIME's rebuilt
texts (:mod:`newsweave.evaluate.meantime`), each document given its gold creation time as
its published date (ingested as JSON lines with ``published``); the analysis is cached per
run under the system's temporary folder, keyed by the texts, their dates and the pipeline's
version (a stage changed without a new version is read from the cache: pass ``cache=None``). The timeline is then built from that analysis by
:func:`~newsweave.reconcile.timeline.build_timeline`, once per topic (airbus, apple) and
once over both, so that merging can be tuned on one topic and checked on the other.

Four measures:

- **detection**: our events' trigger spans against gold ``EVENT_MENTION`` spans, matched one
  to one, ``exact`` (same span) and ``overlap``, in the part of each document MEANTIME
  annotates fully (the title and first sentences: ``CatDocument.annotated_end``; after it
  only mentions of cross-document instances are marked, so an event we find there is no
  error); ``whole_text`` gives the same over all the text. Recall also over the gold
  mentions that MEANTIME links to cross-document instances (``instance_id``), over those
  whose instance is told in two documents or more (what a timeline merges), and over the
  gold mentions outside the parts our cleaning removes (title and dateline lines).
- **coreference**: on the mentions both sides share (gold mentions matched by overlap to
  our events), the timeline's entries as clusters (an event in no entry is alone) against
  gold event instances (cross-document ``instance_id``, else the in-document event): MUC,
  B3, CEAF-e and their CoNLL average, and pairwise precision and recall of the links
  between mentions of *different* documents. Baselines on the same mentions: every mention
  alone; one cluster per trigger string; one per trigger lemma (the standard strong
  baseline of event coreference papers).
- **timex**: our ``timexes`` records (as TimeML annotates them) against MEANTIME's anchored
  TIMEX3 with the TempEval-3 scorer (:class:`~newsweave.evaluate.timex.Tally`), in the
  fully annotated part as for events (TIMEX3 too are marked only there); the creation time
  is not scored, and what we find over its span is not counted either.
  dateparser's ``search_dates`` is scored beside it.
- **dates**: for gold mentions with a gold time (a ``TLINK`` IS_INCLUDED / INCLUDES /
  SIMULTANEOUS to a calendar TIMEX3, the creation time included), how often the date of the
  timeline entry holding our matching event overlaps the gold time (and lies within it),
  over all entries and over entries citing several documents; and the same for each
  event's own date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
from collections import defaultdict
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

from newsweave.evaluate import precision_recall_f1
from newsweave.evaluate.entities import b_cubed, ceaf_e, clusters_of, muc
from newsweave.evaluate.meantime import CatDocument, GoldEvent, read_corpus
from newsweave.evaluate.timeml import TimeMLDocument
from newsweave.evaluate.timex import Predicted, Tally, dateparser_tagger
from newsweave.reconcile.intervals import interval_of

CACHE = Path(tempfile.gettempdir()) / "newsweave-eval-events"

# Figures published on this or related data; none is the same measure as ours (see ``scope``).
PUBLISHED = {
    "SemEval-2015 TimeLine, best main-track run": {
        "timeline_f1": 0.0785,
        "scope": "MEANTIME-derived Wikinews; entity timelines from raw text, its own scorer",
    },
    "Barhom et al. 2019 (joint model)": {
        "conll_f1": 0.795,
        "scope": "ECB+ test, gold event mentions, within+cross-document; another corpus",
    },
}


# --- Running the pipeline ------------------------------------------------------------------------


def _cache_key(docs: list[CatDocument]) -> str:
    from newsweave.config import Options
    from newsweave.pipeline import Pipeline

    digest = hashlib.sha1(Pipeline.build(None, Options()).version.encode())
    for d in docs:
        digest.update(f"\0{d.id}\0{d.creation_time}\0{d.text}".encode())
    return digest.hexdigest()[:16]


def analyse(docs: list[CatDocument], cache: Path | None = CACHE) -> dict[str, Any]:
    """Our pipeline's ``analysis.json`` dict for ``docs`` (each document's ``source`` is its CAT id).

    The documents go in as JSON lines with their gold creation time as ``published``, through
    :func:`newsweave.analyze`; with ``cache``, the analysis is kept there and read back while
    the texts, dates and the pipeline's version stay the same.
    """
    from newsweave import analyze

    folder = cache / _cache_key(docs) if cache is not None else Path(tempfile.mkdtemp(prefix="nw-events-"))
    saved = folder / "analysis.json"
    if saved.exists():
        return json.loads(saved.read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    inputs = folder / "meantime.jsonl"
    with inputs.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"text": d.text, "published": d.creation_time, "url": d.id}) + "\n")
    db = folder / "newsweave.db"
    db.unlink(missing_ok=True)
    analysis = analyze([inputs], db=db).to_dict()
    tmp = saved.with_suffix(".tmp")
    tmp.write_text(json.dumps(analysis), encoding="utf-8")
    tmp.replace(saved)
    return analysis


def subset(analysis: dict[str, Any], doc_ids: set[str]) -> dict[str, Any]:
    """The analysis restricted to some documents (records of the others left out)."""
    out = {}
    for key, value in analysis.items():
        if key == "documents":
            out[key] = [d for d in value if d["id"] in doc_ids]
        elif isinstance(value, list) and value and isinstance(value[0], dict) and "doc" in value[0]:
            out[key] = [r for r in value if r["doc"] in doc_ids]
        else:
            out[key] = value
    return out


# --- Matching ------------------------------------------------------------------------------------


def match(gold: Iterable[GoldEvent], events: Iterable[dict[str, Any]], overlap: bool = True) -> dict[str, GoldEvent]:
    """One to one: our event id -> the gold mention its trigger matches (identical spans first,
    then, with ``overlap``, overlapping ones), within each document."""
    by_doc: dict[str, list[GoldEvent]] = defaultdict(list)
    for g in gold:
        by_doc[g.doc].append(g)
    system: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        system[e["cat"]].append(e)
    out: dict[str, GoldEvent] = {}
    for doc, mine in system.items():
        free = list(by_doc.get(doc, ()))
        passes = (True, False) if overlap else (True,)
        for exact in passes:
            for e in sorted(mine, key=lambda e: e["trigger_start"]):
                if e["id"] in out:
                    continue
                s, t = e["trigger_start"], e["trigger_end"]
                for k, g in enumerate(free):
                    if (g.start, g.end) == (s, t) if exact else (g.start < t and s < g.end):
                        out[e["id"]] = g
                        del free[k]
                        break
    return out


def _prf(hits: int, system: int, gold: int) -> dict[str, float]:
    return dict(zip(("precision", "recall", "f1"), precision_recall_f1(hits, system, gold)))


def _removed(doc: dict[str, Any]) -> list[tuple[int, int]]:
    return [(r["start"], r["end"]) for r in doc.get("removed", ())]


# --- The four measures ---------------------------------------------------------------------------


def detection(docs: list[CatDocument], events: list[dict[str, Any]], removed: dict[str, list[tuple[int, int]]],
              *, whole_text: bool = False) -> dict[str, Any]:
    events_all = events
    docs_of: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        for g in d.events:
            docs_of[g.instance].add(g.doc)
    if whole_text:
        gold = [g for d in docs for g in d.events]
    else:
        end = {d.id: d.annotated_end for d in docs}
        gold = [g for d in docs for g in d.events if g.start < d.annotated_end]
        events = [e for e in events if e["trigger_start"] < end.get(e["cat"], 0)]
    exact, loose = match(gold, events, overlap=False), match(gold, events)
    found = {(g.doc, g.m_id) for g in loose.values()}

    def recall(keep) -> dict[str, float | int]:
        wanted = [g for g in gold if keep(g)]
        hit = sum((g.doc, g.m_id) in found for g in wanted)
        return {"gold": len(wanted), "recall": hit / len(wanted) if wanted else 0.0}

    return {
        "gold": len(gold), "system": len(events),
        "exact": _prf(len(exact), len(events), len(gold)),
        "overlap": _prf(len(loose), len(events), len(gold)),
        "recall_cross_document": recall(lambda g: g.cross_document),
        "recall_multi_document": recall(lambda g: len(docs_of[g.instance]) > 1),
        "recall_in_analysed_text": recall(
            lambda g: not any(s <= g.start < e for s, e in removed.get(g.doc, ()))),
        **({} if whole_text else {"whole_text": detection(docs, events_all, removed, whole_text=True)}),
    }


def _cross_document_links(key: dict, response: dict, doc_of: dict) -> dict[str, float]:
    """Pairwise precision and recall of the links between mentions of different documents."""
    def links(assignment: dict) -> set[tuple]:
        out = set()
        for members in clusters_of(assignment.items()):
            ms = sorted(members, key=str)
            out.update((a, b) for i, a in enumerate(ms) for b in ms[i + 1:] if doc_of[a] != doc_of[b])
        return out

    k, r = links(key), links(response)
    return {**_prf(len(k & r), len(r), len(k)), "gold_links": len(k), "system_links": len(r)}


def coref_scores(key: dict[Hashable, Hashable], response: dict[Hashable, Hashable],
                 doc_of: dict[Hashable, str]) -> dict[str, float]:
    """MUC, B3, CEAF-e, CoNLL F1 and cross-document link scores of ``response`` against ``key``
    (both: mention -> cluster id, over the same mentions)."""
    k, r = clusters_of(key.items()), clusters_of(response.items())
    scores = {}
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        p, rec, f = metric(k, r)
        scores.update({f"{name}_p": p, f"{name}_r": rec, f"{name}_f1": f})
    scores["conll_f1"] = (scores["muc_f1"] + scores["b3_f1"] + scores["ceafe_f1"]) / 3
    links = _cross_document_links(key, response, doc_of)
    scores.update({f"cross_doc_{k}": v for k, v in links.items()})
    return scores


def coreference(docs: list[CatDocument], events: list[dict[str, Any]], timeline: list[dict[str, Any]],
                ) -> dict[str, Any]:
    gold = [g for d in docs for g in d.events]
    matched = match(gold, events)
    by_id = {e["id"]: e for e in events}
    entry_of = {s["event"]: n for n, entry in enumerate(timeline) for s in entry["sources"]}
    key = {eid: g.instance for eid, g in matched.items()}
    doc_of = {eid: g.doc for eid, g in matched.items()}
    systems = {
        "newsweave timeline": {eid: ("entry", entry_of[eid]) if eid in entry_of else eid for eid in matched},
        "singletons": {eid: eid for eid in matched},
        "same trigger string": {eid: by_id[eid]["trigger"].lower() for eid in matched},
        "same trigger lemma": {eid: by_id[eid]["predicate"] for eid in matched},
    }
    return {
        "mentions": len(matched),
        "gold_instances": len(set(key.values())),
        "entries": len(timeline),
        "multi_source_entries": sum(len(e["documents"]) > 1 for e in timeline),
        "systems": {name: coref_scores(key, response, doc_of) for name, response in systems.items()},
    }


def timeline_dates(docs: list[CatDocument], events: list[dict[str, Any]], timeline: list[dict[str, Any]],
                   ) -> dict[str, Any]:
    gold = [g for d in docs for g in d.events]
    matched = match(gold, events)
    dct_year = {d.id: int(d.creation_time[:4]) for d in docs if (d.creation_time or "")[:4].isdigit()}
    by_id = {e["id"]: e for e in events}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # judged, overlapping, within
    timed = sum(1 for g in matched.values() if g.time and (iv := interval_of(g.time)) is not None and iv.year_known)

    def judge(name: str, told: str | None, year: int | None, truth: str) -> None:
        ours, right = interval_of(told, year), interval_of(truth)
        if ours is None or right is None or not right.year_known:
            return
        c = counts[name]
        c[0] += 1
        c[1] += ours.overlaps(right)
        c[2] += ours.year_known and right.lo <= ours.lo and ours.hi <= right.hi

    for entry in timeline:
        several = len(entry["documents"]) > 1
        for source in entry["sources"]:
            g = matched.get(source["event"])
            if g is None or not g.time:
                continue
            judge("entries", entry["date"], dct_year.get(g.doc), g.time)
            if several:
                judge("multi_source_entries", entry["date"], dct_year.get(g.doc), g.time)
    for eid, g in matched.items():
        if g.time:
            judge("events", by_id[eid].get("date"), dct_year.get(g.doc), g.time)
    out: dict[str, Any] = {"gold_timed": timed}  # matched gold mentions with a calendar gold time
    out.update({name: {"judged": c[0], "overlap": c[1] / c[0] if c[0] else 0.0, "within": c[2] / c[0] if c[0] else 0.0}
                for name, c in counts.items()})
    return out


def _as_predicted(t: dict[str, Any]) -> Predicted:
    if t.get("duration") and t.get("duration_end") is not None:
        return Predicted(t["start"], t["duration_end"], "DURATION", t["duration"])
    return Predicted(t["start"], t["end"], t["type"], t["value"])


def _timeml(d: CatDocument) -> TimeMLDocument:
    day = dt.date.fromisoformat(d.creation_time[:10]) if d.creation_time and len(d.creation_time) >= 10 else None
    return TimeMLDocument(id=d.id, text=d.text, dct=day, dct_value=d.creation_time, timexes=d.timexes)


def timex(docs: list[CatDocument], timexes: list[dict[str, Any]], baselines: bool = True) -> dict[str, Any]:
    def outside_dct(d: CatDocument, found: Iterable[Predicted]) -> list[Predicted]:
        """What is found in the annotated part, the creation time's own words aside."""
        s = d.creation_span
        return [p for p in found if p.start < d.annotated_end and (s is None or p.end <= s[0] or p.start >= s[1])]

    by_doc: dict[str, list[Predicted]] = defaultdict(list)
    for t in timexes:
        by_doc[t["cat"]].append(_as_predicted(t))
    ours = Tally()
    for d in docs:
        ours.add(d.timexes, outside_dct(d, by_doc.get(d.id, ())))
    out = {"newsweave": ours.figures()}
    if baselines:
        tag, theirs = dateparser_tagger(), Tally()
        for d in docs:
            theirs.add(d.timexes, outside_dct(d, tag(_timeml(d))))
        out["dateparser"] = theirs.figures()
    return out


# --- Putting it together -------------------------------------------------------------------------


def _scores(docs: list[CatDocument], analysis: dict[str, Any], baselines: bool) -> dict[str, Any]:
    from newsweave.reconcile.timeline import build_timeline

    cat_of = {d["id"]: d["source"] for d in analysis["documents"]}
    wanted = {d.id for d in docs}
    ids = {doc_id for doc_id, cat in cat_of.items() if cat in wanted}
    part = subset(analysis, ids)
    events = [{**e, "cat": cat_of[e["doc"]]} for e in part.get("events", ())]
    timeline = build_timeline(part)
    removed = {cat_of[d["id"]]: _removed(d) for d in part["documents"]}
    return {
        "documents": len(docs),
        "detection": detection(docs, events, removed),
        "coreference": coreference(docs, events, timeline),
        "dates": timeline_dates(docs, events, timeline),
        "timex": timex(docs, [{**t, "cat": cat_of[t["doc"]]} for t in part.get("timexes", ())], baselines),
    }


def evaluate(data: Path, limit: int | None = None, *, baselines: bool = True, cache: Path | None = CACHE) -> dict:
    """Score events, the merged timeline and timexes on the MEANTIME files under ``data``.

    ``data`` is the MEANTIME folder (or one above it holding ``meantime/``); ``limit`` takes the
    first documents of each topic in turn. Figures are given over both topics and per topic,
    each topic's timeline built from its own documents alone (see the module docstring).
    """
    folder = data / "meantime" if (data / "meantime").is_dir() else data
    docs = read_corpus(folder, limit)
    if not docs:
        raise FileNotFoundError(f"no MEANTIME (.xml) files under {data}; pass the meantime folder")
    analysis = analyse(docs, cache)
    topics = sorted({d.topic for d in docs})
    result = {"dataset": "MEANTIME English (" + ", ".join(topics) + ")", **_scores(docs, analysis, baselines)}
    result["topics"] = {t: _scores([d for d in docs if d.topic == t], analysis, baselines) for t in topics}
    headline = result["coreference"]["systems"]["newsweave timeline"]
    result.update({
        "event_f1": result["detection"]["overlap"]["f1"],
        "event_f1_exact": result["detection"]["exact"]["f1"],
        "conll_f1": headline["conll_f1"],
        "lemma_conll_f1": result["coreference"]["systems"]["same trigger lemma"]["conll_f1"],
        "timex_value_f1": result["timex"]["newsweave"]["value_f1"],
        "published": PUBLISHED,
    })
    return result


def render(result: dict) -> str:
    """Plain-text tables: ours beside the baselines on the same mentions, per topic, and published."""
    lines = [f"Events on {result['dataset']}: {result['documents']} documents"]
    sections = [("both", result)] + list(result.get("topics", {}).items())
    lines += ["", "Event mention detection (our triggers vs gold EVENT_MENTION)",
              f"{'':10}{'gold':>6}{'ours':>6}{'P':>7}{'R':>7}{'F1':>7}{'F1 exact':>10}"
              f"{'R x-doc':>9}{'R multi':>9}{'R body':>8}"]
    for name, r in sections:
        d = r["detection"]
        lines.append(f"{name:13}{d['gold']:>6}{d['system']:>6}{d['overlap']['precision']:>7.3f}"
                     f"{d['overlap']['recall']:>7.3f}{d['overlap']['f1']:>7.3f}{d['exact']['f1']:>10.3f}"
                     f"{d['recall_cross_document']['recall']:>9.3f}{d['recall_multi_document']['recall']:>9.3f}"
                     f"{d['recall_in_analysed_text']['recall']:>8.3f}")
    for name, r in sections:
        w = r["detection"]["whole_text"]
        lines.append(f"{name + ' (all)':13}{w['gold']:>6}{w['system']:>6}{w['overlap']['precision']:>7.3f}"
                     f"{w['overlap']['recall']:>7.3f}{w['overlap']['f1']:>7.3f}{w['exact']['f1']:>10.3f}")
    lines += ["  (first rows: the title and first sentences, which MEANTIME annotates fully; (all): the whole "
              "text, where later sentences mark only cross-document mentions)",
              "  (R x-doc: gold mentions of cross-document instances; R multi: of instances told in 2+ "
              "documents; R body: outside the title/dateline lines our cleaning removes)"]
    for name, r in sections:
        c = r["coreference"]
        lines += ["", f"Cross-document event coreference, {name}: {c['mentions']} shared mentions, "
                      f"{c['gold_instances']} gold instances; timeline {c['entries']} entries, "
                      f"{c['multi_source_entries']} citing 2+ documents",
                  f"{'system':22}{'MUC':>7}{'B3':>7}{'CEAF-e':>8}{'CoNLL':>7}{'xdoc P':>8}{'xdoc R':>8}{'xdoc F1':>8}"]
        for system, s in c["systems"].items():
            lines.append(f"{system:22}{s['muc_f1']:>7.3f}{s['b3_f1']:>7.3f}{s['ceafe_f1']:>8.3f}{s['conll_f1']:>7.3f}"
                         f"{s['cross_doc_precision']:>8.3f}{s['cross_doc_recall']:>8.3f}{s['cross_doc_f1']:>8.3f}")
    lines += ["", "Dates against gold times (TLINK to a calendar TIMEX3): share overlapping / within "
                  "(n judged; of the gold-timed mentions we match, those our event or entry dates)",
              f"{'':10}" + "".join(f"{k:>30}" for k in ("events", "entries", "multi_source_entries"))]
    for name, r in sections:
        cells = []
        for k in ("events", "entries", "multi_source_entries"):
            v = r["dates"].get(k)
            cell = "{overlap:.3f} / {within:.3f} (n={judged})".format(**v) if v else "-"
            cells.append(f"{cell:>30}")
        lines.append(f"{name:10}" + "".join(cells) + f"   of {r['dates']['gold_timed']}")
    lines += ["", "TIMEX3 on MEANTIME (TempEval-3 scoring, in the fully annotated part; creation time not scored)",
              f"{'':10}{'system':12}{'strict F1':>10}{'relaxed F1':>11}{'type acc':>9}{'value F1':>9}"]
    for name, r in sections:
        for system, t in r["timex"].items():
            lines.append(f"{name:10}{system:12}{t['strict_f1']:>10.3f}{t['relaxed_f1']:>11.3f}"
                         f"{t['type_accuracy']:>9.3f}{t['value_f1']:>9.3f}")
    lines += ["", "Published (not the same measure; for scale):"]
    for name, figures in result.get("published", {}).items():
        shown = ", ".join(f"{k} {v:.3f}" for k, v in figures.items() if isinstance(v, float))
        lines.append(f"  {name}: {shown} ({figures['scope']})")
    return "\n".join(lines)
