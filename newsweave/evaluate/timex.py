"""TempEval-3 evaluation of temporal expressions: span, type and value, beside peers.

Scored as the official TempEval-3 scorer does: a system TIMEX3 matches a gold one
*strictly* when the spans are identical and *relaxedly* when they overlap (each gold
and each system expression is matched at most once). Type accuracy is over relaxed
matches; value F1 counts a value correct only on a relaxed match whose value is equal
(precision over the system's expressions, recall over the gold's). Each file's gold
document creation time is the anchor and is not itself scored.

Our records are scored as TimeML annotates them (:func:`as_annotated`): an offset from
another time ("three days later") is resolved by the tagger to the date it lands on, for
the timeline, while TimeML tags its measuring words ("three days") as a DURATION.

The same scoring runs on dateparser's ``search_dates`` (English, the document date as
``RELATIVE_BASE``), whose results are turned into TIMEX3 values at the grain the
expression names, so the figures compare like with like.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from newsweave.evaluate import precision_recall_f1
from newsweave.evaluate.timeml import TimeMLDocument, read_timeml, timeml_paths
from newsweave.extract.timex import Timex, find_timexes, stage_tense

PUBLISHED = {
    "HeidelTime": {"relaxed_f1": 0.903, "strict_f1": 0.813, "value_f1": 0.776},
    "SUTime": {"relaxed_f1": 0.903, "value_f1": 0.674},
}


@dataclass(frozen=True, slots=True)
class Predicted:
    start: int
    end: int
    type: str
    value: str


Tagger = Callable[[TimeMLDocument], list[Predicted]]


def as_annotated(t: Timex) -> Predicted:
    """A record as TimeML annotates it: an offset ("three days later") is the DURATION its
    words measure ("three days"), not the date the tagger resolves it to."""
    if t.duration is not None and t.duration_end is not None:
        return Predicted(t.start, t.duration_end, "DURATION", t.duration)
    return Predicted(t.start, t.end, t.type, t.value)


def ours(doc: TimeMLDocument) -> list[Predicted]:
    """Our tagger with the textual tense cues only (what :func:`find_timexes` does alone)."""
    return [as_annotated(t) for t in find_timexes(doc.text, doc.dct, doc.id)]


def ours_parsed() -> Tagger:
    """Our tagger as the ``timex.rules`` stage runs it: tense from cues, else from the spaCy parse."""
    from newsweave.nlp import load_spacy

    nlp = load_spacy()

    def tag(doc: TimeMLDocument) -> list[Predicted]:
        tense = stage_tense(doc.text, nlp(doc.text))
        return [as_annotated(t) for t in find_timexes(doc.text, doc.dct, doc.id, tense=tense)]

    return tag


_MONTH_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$|\bmonth\b", re.IGNORECASE
)
_DAY_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?\b")


def _dateparser_value(surface: str, when: dt.datetime) -> str:
    """A TIMEX3 value for what dateparser found, at the grain the words name."""
    words = surface.lower()
    if re.fullmatch(r"\s*\d{4}\s*", words):
        return f"{when.year:04d}"
    if "year" in words and not _DAY_NUMBER.search(words):
        return f"{when.year:04d}"
    if _MONTH_WORD.search(words) or ("month" in words and not _DAY_NUMBER.search(words)):
        return f"{when.year:04d}-{when.month:02d}"
    if when.hour or when.minute:
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.date().isoformat()


def dateparser_tagger() -> Tagger:
    """dateparser's ``search_dates`` as a tagger; spans are found by searching the text in order."""
    from dateparser.search import search_dates

    def tag(doc: TimeMLDocument) -> list[Predicted]:
        base = dt.datetime.combine(doc.dct or dt.date.today(), dt.time())
        settings = {"RELATIVE_BASE": base}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(doc.text, languages=["en"], settings=settings) or []
        out, cursor = [], 0
        for surface, when in found:
            start = doc.text.find(surface, cursor)
            if start < 0:
                continue
            cursor = start + len(surface)
            value = _dateparser_value(surface, when)
            out.append(Predicted(start, cursor, "TIME" if "T" in value else "DATE", value))
        return out

    return tag


@dataclass(slots=True)
class Tally:
    """Counts over a corpus, from which every figure is computed."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0

    def add(self, gold: Iterable, system: Iterable[Predicted]) -> None:
        gold, system = list(gold), sorted(system, key=lambda p: (p.start, p.end))
        self.gold += len(gold)
        self.system += len(system)
        used: set[int] = set()
        for g in gold:
            best = None
            for i, p in enumerate(system):
                if i in used or p.end <= g.start or p.start >= g.end:
                    continue
                exact = (p.start, p.end) == (g.start, g.end)
                if best is None or exact:
                    best = i
                    if exact:
                        break
            if best is None:
                continue
            used.add(best)
            p = system[best]
            self.relaxed += 1
            self.strict += (p.start, p.end) == (g.start, g.end)
            self.type_correct += p.type == g.type
            self.value_correct += p.value == g.value

    def figures(self) -> dict[str, float | int]:
        sp, sr, sf = precision_recall_f1(self.strict, self.system, self.gold)
        rp, rr, rf = precision_recall_f1(self.relaxed, self.system, self.gold)
        vp, vr, vf = precision_recall_f1(self.value_correct, self.system, self.gold)
        return {
            "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
            "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf,
            "type_accuracy": self.type_correct / self.relaxed if self.relaxed else 0.0,
            "value_accuracy": self.value_correct / self.relaxed if self.relaxed else 0.0,
            "value_precision": vp, "value_recall": vr, "value_f1": vf,
            "gold": self.gold, "system": self.system,
        }


_DIGIT = re.compile(r"\d")
_PART_OF_DAY = re.compile(r"T(?:MO|AF|EV|NI|MI|DT)$")
_DURATION = re.compile(r"P(?!AST_REF|RESENT_REF)")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def value_class(gold: str, ours: str) -> str:
    """The kind of a value mismatch, for :func:`error_breakdown` ("wrong quarter", "duration vs point").

    >>> value_class("1988-Q3", "1988"), value_class("2000-01-05", "2000-01-12")
    ('quarter vs other grain', 'weekday off by weeks')
    """
    if bool(_DURATION.match(gold)) != bool(_DURATION.match(ours)):
        return "duration vs point"
    if "Q" in gold and "Q" in ours:
        return "wrong quarter"
    if ("Q" in gold) != ("Q" in ours):
        return "quarter vs other grain"
    if re.fullmatch(r"\d{4}-XX(?:-XX)?", gold):
        return "gold year-XX for a year"
    if "-WXX" in gold and re.search(r"-W\d", ours):
        return "gold week unspecified"
    if bool(_PART_OF_DAY.search(gold)) != bool(_PART_OF_DAY.search(ours)):
        return "part-of-day suffix"
    if _DAY.fullmatch(gold[:10]) and _DAY.fullmatch(ours[:10]) and gold[:10] != ours[:10]:
        days = (dt.date.fromisoformat(gold[:10]) - dt.date.fromisoformat(ours[:10])).days
        if days % 7 == 0:
            return "weekday off by weeks"
        if gold[4:10] == ours[4:10]:
            return "date off by years"
        return "other day"
    if re.fullmatch(r"\d{4}-\d\d", gold) and re.fullmatch(r"\d{4}-\d\d", ours) and gold[4:] == ours[4:]:
        return "month off by years"
    if "T" in gold and "T" in ours:
        return "clock time"
    if re.fullmatch(r"\d{2,3}X?", gold) or re.fullmatch(r"\d{2,3}X?", ours):
        return "decade or century"
    if "W" in gold or "W" in ours:
        return "week"
    if gold[:1].isalpha() or ours[:1].isalpha():
        return "vague reference"
    return "other"


def error_breakdown(docs: list[TimeMLDocument], tagger: Tagger = ours) -> dict[str, dict[str, int]]:
    """Where the tagger goes wrong: missed and spurious expressions by type, and value
    mismatches on matched spans grouped by the shapes of the two values (digits as 9:
    ``9999-WXX -> 9999-W99`` is a gold week left unspecified where we name it) and by
    kind (:func:`value_class`).

    Matching is the scorer's (:class:`Tally`): each gold expression takes the first
    overlapping system one, an identical span if there is one.
    """
    from collections import Counter

    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    values: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    for doc in docs:
        system = sorted(tagger(doc), key=lambda p: (p.start, p.end))
        used: set[int] = set()
        for g in doc.timexes:
            overlapping = [i for i, p in enumerate(system) if i not in used and p.start < g.end and p.end > g.start]
            exact = [i for i in overlapping if (system[i].start, system[i].end) == (g.start, g.end)]
            if not overlapping:
                missed[g.type] += 1
                continue
            best = (exact or overlapping)[0]
            used.add(best)
            if system[best].value != g.value:
                values[f"{_DIGIT.sub('9', g.value)} -> {_DIGIT.sub('9', system[best].value)}"] += 1
                classes[value_class(g.value, system[best].value)] += 1
        for i, p in enumerate(system):
            if i not in used:
                spurious[p.type] += 1
    return {"missed": dict(missed.most_common()), "spurious": dict(spurious.most_common()),
            "value_mismatches": dict(values.most_common()), "value_classes": dict(classes.most_common())}


def score(docs: list[TimeMLDocument], tagger: Tagger) -> dict[str, float | int]:
    tally = Tally()
    for doc in docs:
        tally.add(doc.timexes, tagger(doc))
    return tally.figures()


def score_by_folder(paths: list[Path], docs: list[TimeMLDocument], tagger: Tagger) -> tuple[dict, dict[str, dict]]:
    """Figures over all documents and for each folder apart (TempEval-3's TimeBank and AQUAINT
    halves were annotated by different hands: a rule should hold on both)."""
    total, folders = Tally(), {}
    for path, doc in zip(paths, docs):
        system = tagger(doc)
        total.add(doc.timexes, system)
        folders.setdefault(path.parent.name, Tally()).add(doc.timexes, system)
    return total.figures(), {name: t.figures() for name, t in sorted(folders.items())}


def evaluate(data: Path, limit: int | None = None, *, baselines: bool = True, parse: bool = True) -> dict:
    """Score our tagger (and dateparser) on the TimeML files under ``data``.

    By default the tagger runs as the ``timex.rules`` stage does, ambiguous names taking
    the governing verb's tense from spaCy's parse where no textual cue decides (the parse
    dominates the time); the textual cues alone are scored beside it (``cues_only``).
    ``parse=False`` scores the cues alone, without loading spaCy.
    """
    paths = timeml_paths(data)[:limit]
    if not paths:
        raise FileNotFoundError(f"no TimeML (.tml) files under {data}; pass the tempeval3 folder")
    docs = [read_timeml(p) for p in paths]
    figures, folders = score_by_folder(paths, docs, ours_parsed() if parse else ours)
    result: dict = {"documents": len(docs), "tense": "cues+parse" if parse else "cues", **figures,
                    "folders": folders}
    if parse:
        result["cues_only"] = score(docs, ours)
    result["baselines"] = {"dateparser": score(docs, dateparser_tagger())} if baselines else {}
    result["published"] = PUBLISHED
    return result


def render(result: dict) -> str:
    """A plain-text table: ours, dateparser on the same files, and the published figures."""
    cols = ("strict_f1", "relaxed_f1", "type_accuracy", "value_f1")
    tense = result.get("tense", "cues")
    rows = [(f"newsweave timex.rules ({tense})", result)]
    if "cues_only" in result:
        rows.append(("newsweave timex.rules (cues)", result["cues_only"]))
    rows += [(f"  {name} folder ({tense})", figures) for name, figures in result.get("folders", {}).items()
             if len(result.get("folders", {})) > 1]
    rows += [(f"{name} (same files)", figures) for name, figures in result.get("baselines", {}).items()]
    rows += [(f"{name} (published, TE-3 test)", figures) for name, figures in result.get("published", {}).items()]
    lines = [
        f"TempEval-3 TIMEX3, {result['documents']} documents, {result['gold']} gold expressions, "
        f"tense from {tense}",
        f"{'system':36} " + " ".join(f"{c:>13}" for c in cols),
    ]
    for name, figures in rows:
        cells = (f"{100 * figures[c]:13.1f}" if c in figures else f"{'-':>13}" for c in cols)
        lines.append(f"{name:36} " + " ".join(cells))
    return "\n".join(lines)
