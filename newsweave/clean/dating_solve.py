"""Infer a publication date from dating cues by scoring every candidate day.

Each cue (see :mod:`newsweave.clean.dating_cues`) becomes a score over a grid of
candidate days: a log-plausibility, 0 where the cue is fully consistent with the
article being written that day, negative where it strains it. "On March 12" in a
past-tense report makes the days just after March 12 likely and the days before it
unlikely; "On Saturday … By Sunday" favours days that fall on or just after a
Sunday; "Wednesday, March 12" rules out years where March 12 is not a Wednesday;
"twenty-eight months since … 2022" confines the date to 28 months after 2022. The
scores add up, and the answer is the best day, widened to the run of days that
score almost as well, so weak evidence gives an interval and strong evidence a day.

Everything is vectorised over the grid with numpy: a cue costs a few array
operations, whatever the number of candidate days.

>>> from newsweave.clean.dating_cues import find_cues
>>> text = "The 2025 talks. On Wednesday, March 12, troops entered Sudzha. By Sunday, they had left."
>>> solve(find_cues(text)).value
'2025-03-16'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from newsweave.clean.dating_cues import Cue

# How far (in log-plausibility) a day may fall below the best one and still be
# part of the answered interval.
INTERVAL_MARGIN = 0.5
# Days below the margin inside an interval, up to this many in a row, do not split it.
MAX_BRIDGED_GAP = 1
# A score spread smaller than this means the cues do not tell the days apart.
MIN_EVIDENCE = 0.3
# Years with no year named in the text: a leap-year calendar, weekdays ignored.
YEARLESS = (1999, 2000, 2001)
# Past-tense weekday mention: how plausible each lag (publication minus the weekday) is.
PAST_LAG = np.array([-0.4, 0.0, 0.0, -0.2, -0.4, -0.6, -0.8])
ASOF_LAG = np.array([0.0, -0.5, -1.0, -1.2, -1.4, -1.6, -1.8])
LAST_LAG = np.array([-1.5, -0.3, -0.2, -0.1, 0.0, 0.0, 0.0])
FUTURE_LEAD = np.array([-0.8, 0.0, 0.0, -0.1, -0.2, -0.3, -0.4])


@dataclass(frozen=True, slots=True)
class Solution:
    """The inferred date: ``value`` is a day, ``start/end`` interval or ``XXXX-…`` when yearless."""

    value: str
    first: date
    last: date
    confidence: float
    evidence: tuple[Cue, ...]
    yearless: bool


class Grid:
    """Candidate publication days as parallel numpy arrays (ordinal, year, month, day, weekday)."""

    def __init__(self, years: Sequence[int]):
        first, last = date(min(years), 1, 1).toordinal(), date(max(years), 12, 31).toordinal()
        days = np.arange(first, last + 1, dtype=np.int64)
        # Proleptic ordinal -> calendar fields, vectorised through numpy's datetime64.
        as_dt = (days - date(1970, 1, 1).toordinal()).astype("datetime64[D]")
        years_arr = as_dt.astype("datetime64[Y]").astype(np.int64) + 1970
        months = as_dt.astype("datetime64[M]").astype(np.int64) % 12 + 1
        self.ordinal = days
        self.year = years_arr
        self.month = months
        self.day = (as_dt - as_dt.astype("datetime64[M]")).astype(np.int64) + 1
        self.weekday = (days - 1) % 7  # date.fromordinal(1) is a Monday
        self.years = range(min(years), max(years) + 1)

    def occurrence(self, month: int, day: int, year_offset: np.ndarray | int = 0) -> np.ndarray:
        """Ordinal of ``month``/``day`` in each candidate day's year (+ offset); clamps Feb 29."""
        table = {y: _safe_ordinal(y, month, day) for y in range(self.years.start - 2, self.years.stop + 2)}
        lookup = np.array([table[y] for y in sorted(table)], dtype=np.int64)
        return lookup[self.year + year_offset - (self.years.start - 2)]


def _safe_ordinal(year: int, month: int, day: int) -> int:
    for d in (day, 30, 29, 28):
        try:
            return date(year, month, d).toordinal()
        except ValueError:
            continue
    raise ValueError(f"no day {day} in month {month}")


def _month_end(year: int, month: int) -> date:
    """The last day of ``month`` in ``year``."""
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _closeness(gap: np.ndarray, scale: float, cap: float) -> np.ndarray:
    """0 for a gap of 0–1 days, falling logarithmically with the gap, never below ``-cap``."""
    return -np.minimum(np.log1p(np.maximum(gap - 1, 0) / scale), cap)


def _score_interval(grid: Grid, cue: Cue, first: int, last: int, strength: float,
                    scale: float, cap: float, violation: float) -> np.ndarray:
    """A dated event ``[first, last]``: past → written after it, soon after; future → before it."""
    o = grid.ordinal
    if cue.relation == "future":
        lead = first - o
        return np.where(o > last, -violation, 0.3 * strength * _closeness(lead, scale * 3, cap))
    gap = o - last
    score = np.where(o < first, -violation - 1e-4 * (first - o), strength * _closeness(gap, scale, cap))
    return np.where((o >= first) & (o <= last), 0.0, score)


def _score_cue(grid: Grid, cue: Cue, month_years: dict[int, set[int]], yearless: bool) -> np.ndarray | None:
    """The log-plausibility of each candidate day given one cue; None when it says nothing."""
    o = grid.ordinal
    if cue.relation == "dateline" and cue.kind in ("date", "month_day"):
        occ = grid.occurrence(cue.month, cue.day) if cue.year is None else _safe_ordinal(cue.year, cue.month, cue.day)
        return np.where(o == occ, 0.0, np.where(o == occ + 1, -0.6, -3.0))
    if cue.kind == "date":
        d = _safe_ordinal(cue.year, cue.month, cue.day)
        return _score_interval(grid, cue, d, d, 1.0, 3.0, 2.5, 3.0)
    if cue.kind == "month_day":
        this_year = grid.occurrence(cue.month, cue.day)
        if cue.relation == "future":
            occ = np.where(this_year >= o, this_year, grid.occurrence(cue.month, cue.day, 1))
            score = 0.3 * _closeness(occ - o, 9.0, 2.5)
        else:
            occ = np.where(this_year <= o, this_year, grid.occurrence(cue.month, cue.day, -1))
            score = _closeness(o - occ, 3.0, 2.5)
        if cue.weekday is not None and not yearless:
            weekday_of_event = (occ - 1) % 7
            score = score + np.where(weekday_of_event == cue.weekday, 0.0, -4.0)
        return score
    if cue.kind == "month_year":
        first = date(cue.year, cue.month, 1).toordinal()
        return _score_interval(grid, cue, first, _month_end(cue.year, cue.month).toordinal(), 0.7, 30.0, 2.0, 2.0)
    if cue.kind == "year":
        first, last = date(cue.year, 1, 1).toordinal(), date(cue.year, 12, 31).toordinal()
        return _score_interval(grid, cue, first, last, 1.0, 90.0, 1.0, 1.0)
    if cue.kind == "month":
        return _score_month(grid, cue, month_years)
    if cue.kind == "weekday":
        if yearless:
            return None
        if cue.relation == "future":
            return FUTURE_LEAD[(cue.weekday - grid.weekday) % 7]
        table = {"asof": ASOF_LAG, "last": LAST_LAG}.get(cue.relation, PAST_LAG)
        return table[(grid.weekday - cue.weekday) % 7]
    if cue.kind == "this_period":
        if cue.months == 1.0:
            return np.where(grid.day >= 4, 0.0, -0.4) if cue.relation == "early" else np.where(grid.day <= 26, 0.0, -0.4)
        return np.where(grid.month >= 2, 0.0, -0.4) if cue.relation == "early" else np.where(grid.month <= 11, 0.0, -0.4)
    if cue.kind == "since":
        return _score_since(grid, cue)
    return None


def _score_month(grid: Grid, cue: Cue, month_years: dict[int, set[int]]) -> np.ndarray:
    """A month named without a year ("last August", "in June"): the most recent such month.

    When the text also names that month with a year ("August 2024"), the two are
    taken to be the same month, which pins the year of writing.
    """
    if cue.relation == "future":
        ahead = (cue.month - grid.month) % 12
        ahead = np.where(ahead == 0, 12, ahead) if cue.relation == "future" else ahead
        event_year = grid.year + (cue.month <= grid.month)
        score = -0.3 * np.log1p(ahead) / np.log1p(11)
    else:
        since = (grid.month - cue.month) % 12
        if cue.relation == "last":
            # "last August" is read as last year's August; it ranks days only when the
            # text also names that month with its year.
            event_year = grid.year - 1
            score = np.zeros(len(grid.ordinal))
        else:
            score = -0.6 * np.log1p(since) / np.log1p(11)
            event_year = grid.year - (grid.month - since < 1)
    named = month_years.get(cue.month)
    if named:
        score = score + np.where(np.isin(event_year, list(named)), 0.0, -2.0)
    return score


def _score_since(grid: Grid, cue: Cue) -> np.ndarray:
    """``N months since <event in year Y>``: written N months after that event, give or take."""
    year, month = cue.anchor
    first_month = year * 12 + (month or 1) - 1 + int(np.floor(cue.months))
    last_month = year * 12 + (month or 12) - 1 + int(np.ceil(cue.months))
    first = date(first_month // 12, first_month % 12 + 1, 1).toordinal() - 15
    last = _month_end(last_month // 12, last_month % 12 + 1).toordinal() + 15
    o = grid.ordinal
    distance = np.maximum(first - o, 0) + np.maximum(o - last, 0)
    return -1.5 * np.minimum(distance / 45.0, 3.0)


def candidate_years(cues: Sequence[Cue]) -> list[int]:
    """Years the article could have been written in: each year it names, and its neighbours."""
    named: set[int] = set()
    for cue in cues:
        if cue.year is not None:
            named.add(cue.year)
        if cue.kind == "since":
            named.add(cue.anchor[0] + int(cue.months // 12))
            named.add(cue.anchor[0] + int(np.ceil(cue.months / 12)))
    years = {y + k for y in named for k in (-1, 0, 1) if 1900 <= y + k <= 2100}
    return sorted(years)


def solve(cues: Sequence[Cue], extra_years: Sequence[int] = ()) -> Solution | None:
    """The best-supported publication day or interval for these cues, or None without evidence."""
    years = candidate_years(cues)
    years = sorted(set(years) | set(extra_years))
    yearless = not years
    grid = Grid(YEARLESS if yearless else _spans(years))
    month_years: dict[int, set[int]] = {}
    for cue in cues:
        if cue.kind in ("date", "month_year"):
            month_years.setdefault(cue.month, set()).add(cue.year)
    total = np.zeros(len(grid.ordinal))
    used: list[tuple[Cue, np.ndarray]] = []
    scored: dict[tuple, np.ndarray | None] = {}
    for cue in cues:
        # The same expression said twice is one piece of evidence, not two.
        key = (cue.kind, cue.relation, cue.year, cue.month, cue.day, cue.weekday, cue.months, cue.anchor)
        if key in scored:
            score = scored[key]
            if score is not None:
                used.append((cue, score))
            continue
        score = _score_cue(grid, cue, month_years, yearless)
        if score is not None and np.ptp(score) < 1e-9:
            score = None
        scored[key] = score
        if score is None:
            continue
        total += score
        used.append((cue, score))
    if yearless:
        total = np.where(grid.year == YEARLESS[1], total, -np.inf)
    if not used or np.ptp(total[np.isfinite(total)]) < MIN_EVIDENCE:
        return None
    if not np.isfinite(total).all():
        total = np.where(np.isfinite(total), total, total[np.isfinite(total)].min() - 10)
    best = int(np.argmax(total))
    lo, hi = _near_run(total, best)
    if yearless and hi - lo >= 300:
        return None  # a month-day guess that covers the whole year says nothing
    weights = np.exp(total - total[best])
    confidence = float(weights[lo:hi + 1].sum() / weights.sum())
    evidence = tuple(cue for cue, score in used if score[best] >= -0.3 and np.ptp(score) >= MIN_EVIDENCE)
    first, last = date.fromordinal(int(grid.ordinal[lo])), date.fromordinal(int(grid.ordinal[hi]))
    if yearless:
        confidence *= 0.5
    return Solution(_format(first, last, yearless), first, last, round(confidence, 3), evidence, yearless)


def _near_run(total: np.ndarray, best: int) -> tuple[int, int]:
    """The run of days around ``best`` scoring within the margin (gaps up to ``MAX_BRIDGED_GAP``)."""
    near = np.flatnonzero(total >= total[best] - INTERVAL_MARGIN)
    breaks = np.flatnonzero(np.diff(near) > MAX_BRIDGED_GAP)
    segment = np.searchsorted(breaks, np.searchsorted(near, best))
    lo = near[breaks[segment - 1] + 1] if segment > 0 else near[0]
    hi = near[breaks[segment]] if segment < len(breaks) else near[-1]
    return int(lo), int(hi)


def _spans(years: Sequence[int]) -> list[int]:
    """The grid runs from the first to the last candidate year (gaps are cheap to score)."""
    return [min(years), max(years)]


def _format(first: date, last: date, yearless: bool) -> str:
    def iso(d: date) -> str:
        return f"XXXX-{d.month:02d}-{d.day:02d}" if yearless else d.isoformat()

    if first == last:
        return iso(first)
    if first.day == 1 and last == _month_end(first.year, first.month) and not yearless:
        return f"{first.year:04d}-{first.month:02d}"
    return f"{iso(first)}/{iso(last)}"
