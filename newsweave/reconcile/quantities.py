"""Quantities across sources: one series per measure, ordered by time, disagreements flagged.

A pure function over :class:`~newsweave.extract.quantities.Quantity` records from many
articles. Quantities are grouped by what they measure and the canonical unit they are
normalised to (counted things by the counted noun), so "some 500 square miles of
territory" and "1,300 square kilometres of territory" fall in one series. Within a
series, points of different articles that refer to overlapping times (the date their
sentence names, else their article's) but differ by more than
:data:`DISAGREEMENT` (after allowing for their bounds) are flagged as a discrepancy
that cites both sources.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from newsweave.extract.quantities import LAND_MEASURES, Quantity
from newsweave.reconcile.intervals import Interval, interval_of, published_bounds

DISAGREEMENT = 0.15  # relative difference beyond which two values of one measure disagree
REPORTED_SLACK = 3  # days either side of an article's date that a number it states without a date may refer to
REPORTED_WIDEST = 7  # an article dated only within more days than this gives its numbers no time
TIME_UNITS = frozenset({"h"})  # the canonical unit of durations
UNIT_SLIP_RATIO = 100.0  # same number, this many times apart once normalised: a unit written wrong
SAME_NUMBER = 0.1  # how close two numbers as written must be to read as "the same number"


def _series_key(q: Quantity) -> tuple[str, str] | None:
    if not q.measure:
        return None
    if q.normalized and q.normalized["unit"] == "km²" and q.measure in LAND_MEASURES:
        return "territory", "km²"  # "square miles of farmland", "a strip of land covering ...": land held
    if q.normalized:
        return q.measure, q.normalized["unit"]
    if q.counted:
        return q.measure, q.counted
    return None


def _value(q: Quantity) -> float:
    return q.normalized["value"] if q.normalized else q.value


def _vague(p: dict[str, Any]) -> bool:
    """A number no source would be held to: a magnitude in words ("billions", "thousands of")
    or a lone "one"."""
    return not any(c.isdigit() for c in p["text"]) and (p["bound"] in ("above", "at_least") or p["value"] == 1)


def _disagree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if _vague(a) or _vague(b):
        return False
    if not a["measured"] and a["predicate"] != b["predicate"]:
        return False  # counts of one noun under other verbs: "30,000 people being released", "46,000 people in detention"
    va, vb = a["value"], b["value"]
    scale = max(abs(va), abs(vb), 1e-12)
    if abs(va - vb) / scale <= DISAGREEMENT:
        return False
    # a bound can reconcile them: "over 400" and "500" do not contradict each other
    lo, hi = (a, b) if va < vb else (b, a)
    return not (lo["bound"] in ("above", "at_least") or hi["bound"] in ("below", "at_most"))


def _when(q: Quantity, published: Mapping[str, str]) -> tuple[str | None, str | None, Interval | None]:
    """(value, source, interval) of the time a quantity refers to: the date its sentence
    names ("By Sunday": ``told``), else its article's date (``reported``), else unknown."""
    if q.time_value and not q.time_value.startswith("X") and (interval := interval_of(q.time_value)) is not None:
        return q.time_value, "told", interval
    value = published.get(q.doc)
    bounds = published_bounds(value) if value else None
    if bounds is None or bounds[1].hi - bounds[0].lo > REPORTED_WIDEST:
        return None, None, None
    return value, "reported", Interval(bounds[0].lo - REPORTED_SLACK, bounds[1].hi + REPORTED_SLACK, True)


def series(quantities: Iterable[Quantity], published: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Group quantities by measure into series ordered by time, flagging discrepancies.

    Each series is ``{"measure", "unit", "points": [{"value", "bound", "time", "when",
    "when_source", "measured", "predicate", "doc", "start", "end", "text", "stated_by", "holder"}], "discrepancies":
    [{"time", "a", "b"}]}``. A point's ``when`` is the date its sentence names, else its
    article's date in ``published`` (doc id -> published value; ``when_source`` says which:
    ``told`` or ``reported``). Points are ordered by it (unknown last); series by size. Two
    points of different articles disagree only when their times overlap (an article's date
    taken with :data:`REPORTED_SLACK` days either side): numbers told months apart are a
    change, not a contradiction. Nor do magnitudes in words ("billions") disagree, nor counts
    of one noun under different verbs.
    """
    published = published or {}
    groups: dict[tuple[str, str], list[Quantity]] = defaultdict(list)
    for q in quantities:
        key = _series_key(q)
        if key:
            groups[key].append(q)
    out = []
    for (measure, unit), members in groups.items():
        timed = []  # (point, the interval of days it refers to)
        for q in members:
            when, source, interval = _when(q, published)
            timed.append(({"value": _value(q), "bound": q.bound, "time": q.time, "when": when, "when_source": source,
                           "measured": q.normalized is not None, "predicate": q.predicate,
                           "doc": q.doc, "start": q.start, "end": q.end, "text": q.text, "stated_by": q.stated_by,
                           "holder": q.holder}, interval))
        timed.sort(key=lambda t: (t[1] is None, t[1].lo if t[1] else 0, t[1].hi if t[1] else 0, t[0]["doc"], t[0]["start"]))
        discrepancies = []
        for i, (a, ia) in enumerate(timed):
            for b, ib in timed[i + 1:]:
                if a["doc"] != b["doc"] and ia is not None and ib is not None and ia.overlaps(ib) and _disagree(a, b):
                    discrepancies.append({"time": a["when"] if a["when_source"] == "told" else b["when"], "a": a, "b": b})
        out.append({"measure": measure, "unit": unit, "points": [p for p, _ in timed], "discrepancies": discrepancies})
    out.sort(key=lambda s: (-len(s["points"]), s["measure"], s["unit"]))
    return out


def unit_slips(quantities: Iterable[Quantity]) -> list[dict[str, Any]]:
    """Quantities whose unit is implausible against other sources.

    A quantity is a suspected unit slip when another article writes (about) the same
    number in the same dimension, their normalised values are at least
    :data:`UNIT_SLIP_RATIO` apart, and it is the one further (on a log scale) from the
    median of that dimension's values across all articles: "400m2" of territory where
    other outlets write some 400 square miles. Returns ``[{"quantity", "like", "median"}]``,
    ``like`` being the other article's quantity that shares the number.
    """
    by_unit: dict[str, list[Quantity]] = defaultdict(list)
    for q in quantities:
        # lengths of time are not slips of each other: "two days" and "two years" are both written so
        if q.normalized and q.normalized["value"] > 0 and q.value and q.normalized["unit"] not in TIME_UNITS:
            by_unit[q.normalized["unit"]].append(q)
    slips = []
    for members in by_unit.values():
        values = sorted(q.normalized["value"] for q in members)
        median = values[len(values) // 2]
        # Only quantities written with about the same number can be slips of each other:
        # sorted by that number, each looks at its neighbours within SAME_NUMBER (n log n).
        members.sort(key=lambda q: q.value)
        written = [q.value for q in members]
        for q in members:
            span = SAME_NUMBER * abs(q.value)
            lo, hi = bisect_left(written, q.value - span), bisect_right(written, q.value + span)
            for other in members[lo:hi]:
                if other.doc == q.doc:
                    continue
                a, b = q.normalized["value"], other.normalized["value"]
                if max(a, b) / min(a, b) >= UNIT_SLIP_RATIO and abs(math.log(a / median)) > abs(math.log(b / median)):
                    slips.append({"quantity": q, "like": other, "median": median})
                    break
    return slips
