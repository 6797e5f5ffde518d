"""Publication dates the story timeline gives articles that their own text dates only roughly."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from newsweave.extract.timex import anchor_day
from newsweave.reconcile.intervals import Interval, interval_of, published_bounds
from newsweave.reconcile.timeline import PAST_TENSES

STORY_DATE_CONFIDENCE = 0.6
MONTH_GRAINS = frozenset({"time", "day", "week", "month"})


def story_dates(timeline: list[dict[str, Any]], documents: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Publication dates the story gives articles that their own text dates only roughly.

    When other sources date an event to a month or finer, an article that tells of it

    - as "earlier this month" (``XXXX-XX``: its own month, unknown while the article's date is
      a range of more than a month) was written in that month ("Earlier this month, Ukrainian
      forces crossed their northern border", in an article dated to May-December 2024, joined
      the entry others date to August 2024: the article is of August 2024);
    - in a past tense as "in August" (``XXXX-08``) was written in the twelve months from that
      August on (the latest August before the article: "which Kiev invaded in August", of an
      August 2024 event, was written between August 2024 and July 2025).

    Returns ``{doc id: published}`` (``value``, ``inferred``, ``source`` "story",
    ``confidence``, ``evidence``: the spans that tell it) for the articles whose date this
    narrows; an article whose clues disagree keeps its own.
    """
    published = {d["id"]: d.get("published") or {} for d in documents}
    narrowed: dict[str, tuple[int, int, list[list[int]]]] = {}
    conflicted: set[str] = set()
    for entry in timeline:
        event = interval_of(entry["date"]) if entry.get("year_known") and entry.get("granularity") in MONTH_GRAINS else None
        if event is None:
            continue
        for source in entry["sources"]:
            doc, told = source["doc"], source.get("date") or ""
            value = published.get(doc, {}).get("value") or ""
            if not told.startswith("XXXX-") or anchor_day(value) or doc in conflicted:
                continue
            if not any(s["doc"] != doc and s.get("date") and s["date"][:1].isdigit() for s in entry["sources"]):
                continue  # only another article's dated account of the event can date this one
            bounds = published_bounds(value)
            when = _written_when(told, source.get("tense"), event)
            if bounds is None or when is None:
                continue
            lo, hi = max(bounds[0].lo, when[0]), min(bounds[1].hi, when[1])
            before = narrowed.get(doc)
            if before is not None:
                lo, hi = max(lo, before[0]), min(hi, before[1])
            if lo > hi:
                conflicted.add(doc)
                narrowed.pop(doc, None)
                continue
            narrowed[doc] = (lo, hi, (before[2] if before else []) + [[source["start"], source["end"]]])
    out = {}
    for doc, (lo, hi, spans) in narrowed.items():
        bounds = published_bounds(published[doc]["value"])
        if bounds is not None and (bounds[0].lo, bounds[1].hi) == (lo, hi):
            continue  # nothing narrower
        a, b = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
        whole_month = a.day == 1 and (a.year, a.month) == (b.year, b.month) \
            and b.day == calendar.monthrange(b.year, b.month)[1]
        value = f"{a:%Y-%m}" if whole_month else f"{a.isoformat()}/{b.isoformat()}"
        out[doc] = {"value": value, "inferred": True, "source": "story",
                    "confidence": min(STORY_DATE_CONFIDENCE, published[doc].get("confidence", 1.0)),
                    "evidence": spans}
    return out


def _written_when(told: str, tense: str | None, event: Interval) -> tuple[int, int] | None:
    """The days an article can have been written on, as ordinals, given that it told of an
    event dated ``event`` as ``told`` ("XXXX-XX": this month; "XXXX-08": in August, in
    ``tense``)."""
    lo_day, hi_day = dt.date.fromordinal(event.lo), dt.date.fromordinal(event.hi)
    if told == "XXXX-XX":
        return (lo_day.replace(day=1).toordinal(),
                hi_day.replace(day=calendar.monthrange(hi_day.year, hi_day.month)[1]).toordinal())
    month = told[5:7]
    if tense not in PAST_TENSES or not month.isdigit() or lo_day.month != int(month) or hi_day.month != int(month):
        return None
    start = lo_day.replace(day=1)
    return start.toordinal(), start.replace(year=start.year + 1).toordinal() - 1
