"""Infer a publication date from dating cues: a posterior over candidate days.

Each cue (see :mod:`newsweave.clean.dating_cues`) becomes a log-plausibility over a
grid of candidate days, 0 where the cue fits an article written that day and
negative where it strains it:

- a full date or a dated period reported in the past puts the day of writing on or
  after it, soon after it if it is a day ("On March 12, 2025, troops entered");
- a weekday tied to a month-day ("Wednesday, March 12") rules out the years where
  that day is another weekday, so with the years the text allows it fixes the year;
- weekdays ("On Saturday … By Sunday") favour days just after them;
- "last August" is the most recent August, and when the text also names "August
  2024" the two are the same month, which pins the year of writing;
- "twenty-eight months since … 2022" puts the date 28 months after 2022;
- a learned prior over the gap between the latest year the text names (outside a
  future-tense clause) and the year of writing (:data:`YEAR_GAP_PRIOR`).

The scores add up to a log-posterior (scaled by :data:`SHARPNESS`); the answer is the
shortest run of days holding :data:`CREDIBLE_MASS` of it, so weak evidence gives an
honest interval and strong evidence a day, and the confidence is the mass it holds.
Everything is vectorised over the grid with numpy.

>>> from newsweave.clean.dating_cues import find_cues
>>> text = "The 2024 talks failed. On Wednesday, March 12, troops entered Sudzha. By Sunday, they had left."
>>> solve(find_cues(text)).value
'2025-03-16'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from newsweave.clean.dating_cues import Cue, office_open_end

# P(year of writing - latest year named), as (gap, probability) pairs; gaps outside get
# YEAR_GAP_FLOOR (what the fitting half put outside them, spread thin). "Latest year named" is the latest year of a dated expression outside
# a future-tense clause; when every dated expression is future, the earliest of them
# (FUTURE_GAP_PRIOR). Computed by `python -m newsweave.evaluate.dating --fit-prior
# ../shared/data/news-2019-2020.jsonl` (newsweave.evaluate.dating.fit_year_prior) on the
# articles whose id's CRC-32 is even, add-one smoothed; the odd half is held out.
YEAR_GAP_PRIOR = {-3: 0.005, -2: 0.007, -1: 0.204, 0: 0.381, 1: 0.108, 2: 0.072, 3: 0.058, 4: 0.032, 5: 0.013, 6: 0.007}
FUTURE_GAP_PRIOR = {-3: 0.028, -2: 0.083, -1: 0.361, 0: 0.111, 1: 0.083, 2: 0.028, 3: 0.056, 4: 0.083, 5: 0.056, 6: 0.028}
YEAR_GAP_FLOOR = 0.0063
# Scale of the summed log-plausibilities when read as a log-posterior.
SHARPNESS = 2.0
# The answer spans the most probable days that hold this share of the posterior
# (see credible_envelope), with every day within TIE (in log-probability) of the least of them.
CREDIBLE_MASS = 0.5
TIE = 0.05
# The answer is the single most probable day instead when it holds at least DAY_MASS
# of the posterior and DAY_MARGIN times as much as any other day.
DAY_MASS, DAY_MARGIN = 0.35, 2.0
# How much a day loses per unit of log(1 + months) after the latest known event named as past
# (see _recent_event).
EVENT_RECENCY = 0.3
# Years searched around the latest year named.
YEARS_BEFORE, YEARS_AFTER = 3, 6
# A score spread smaller than this means the cues do not tell the days apart.
MIN_EVIDENCE = 0.3
# The earliest day an office cue can point to (the table starts around 1980).
OFFICE_FLOOR = date(1970, 1, 1)
# Years with no year named in the text: a leap-year calendar, weekdays ignored.
YEARLESS = (1999, 2000, 2001)
# Weekday mentions: the log-probability of each lag (publication minus the weekday named,
# 0-6 days; for a weekday looked forward to, the lead), relative to the likeliest, by
# how the weekday is read. Fitted by `python -m newsweave.evaluate.dating --fit-prior`
# (fit_weekday_lags) on the fitting half of the news JSONL (4,709 past mentions, 591
# future, 140 "late Monday", 115 "last Tuesday", 79 "early Monday"; "by Sunday" from
# 41 mentions in its first 2,000 articles),
# then scaled by WEEKDAY_TEMPER (but for "by Sunday"): the weekdays of one article are
# not independent.
# News is mostly written the day of what it reports or the day after.
WEEKDAY_TEMPER = 0.7
PAST_LAG = np.array([0.0, -0.22, -1.01, -1.51, -1.92, -2.08, -1.73])
ASOF_LAG = np.array([0.0, -0.9, -2.1, -2.1, -2.1, -2.5, -2.1])  # "By Sunday": the as-of day itself
LAST_LAG = np.array([-0.11, -1.17, -1.17, -0.97, -0.23, 0.0, -0.66])  # "last Tuesday": often a week back
EARLY_LAG = np.array([0.0, -1.93, -2.06, -3.31, -3.31, -2.62, -1.93])  # "early Monday": that day
LATE_LAG = np.array([-0.78, 0.0, -1.85, -2.63, -3.32, -3.73, -3.73])  # "late Monday": the day after
FUTURE_LEAD = np.array([0.0, -0.08, -0.78, -1.58, -1.5, -1.88, -1.24])  # "will meet Tuesday": that day or the next
WEEKDAY_LAGS = {"asof": ASOF_LAG, "last": LAST_LAG, "early": EARLY_LAG, "late": LATE_LAG}
# A weekday reported after the latest dated event relays its recency: the dated event
# need then lie only soon before that weekday (see _relay_recency).
RELAY_RELATIONS = ("asof",)
RELAY_SCALE, RELAY_CAP, RELAY_DAYS = 3.0, 2.5, 7
# How soon after the latest day it reports past an article is written: log-probability
# per day at these gaps (in days), interpolated in log(gap). From the fitting half of
# the news JSONL (600 articles, 163 with a past full date): 44% are written 0-1 days
# after the latest, 15% 2-7 days, 12% 8-60 days, 25% later; per day and relative to
# day 0-1 that is about -2.2, -4.6 and -6.4.
# That mixes two kinds of full date (first 1,500 articles of the fitting half, latest
# past full date of each kind): one closing a line, the stamp of an embedded post or
# a photo caption ("— Donald J. Trump (@realDonaldTrump) January 9, 2019"), is 0-1 days
# old in 78% of articles (13% 2-7 days, 3% 8-60, 3% 61-365); one inside a sentence
# ("killed 224 people on Aug. 7, 1998") in only 23% (13%, 18%, 15%, and 30% over a
# year: style guides give the year only for a date outside the current one). A
# month-day without a year keeps the mixed table.
RECENCY_GAPS = np.log1p(np.array([1.0, 4.0, 30.0, 365.0]))
RECENCY_LOGP = np.array([0.0, -2.2, -4.6, -6.4])
STAMP_RECENCY_LOGP = np.array([0.0, -2.9, -6.6, -8.2])
SENTENCE_RECENCY_LOGP = np.array([0.0, -1.7, -3.5, -5.5])
# A month-day named without a year ("On March 12") lies within a few months of writing:
# past STALE_AFTER days a day of writing loses up to STALE_MONTH_DAY, reached
# STALE_RAMP days later.
STALE_MONTH_DAY, STALE_AFTER, STALE_RAMP = 1.5, 90, 150
# What a day loses when a month named without a year ("last August") would not be the
# month the text names with its year ("August 2024"): writers rarely name two Augusts.
SAME_MONTH_MISMATCH = 3.0
# How much less plausible a day is on which a date named and a weekday named coincide.
DISTINCT_DAYS_PENALTY = 0.7
# Per grain of a dated period: (violation before it when past, closeness scale in days,
# closeness cap, strength).
GRAIN = {
    "day": (6.0, 3.0, 2.5, 1.0),  # past: its recency is RECENCY_* above
    "month": (4.0, 20.0, 2.0, 0.7),
    "season": (1.5, 45.0, 1.5, 0.5),
    "quarter": (1.5, 45.0, 1.5, 0.5),
}


# A cue's scores: a bound that adds up with the others', and a recency ("soon after
# this") with the gap in days it counts from; only the recency of the latest event
# before each day counts (the smallest gap).
# this") of which only the best over all cues counts. Either may be None.
Scores = tuple[np.ndarray | None, tuple[np.ndarray, np.ndarray] | None]


@dataclass(frozen=True, slots=True)
class Solution:
    """The inferred date: ``value`` is a day, a month or ``first/last``; ``XXXX-…`` when yearless."""

    value: str
    first: date
    last: date
    confidence: float
    evidence: tuple[Cue, ...]
    yearless: bool
    best: date  # the single most probable day


class Grid:
    """Candidate publication days as parallel numpy arrays (ordinal, year, month, day, weekday)."""

    def __init__(self, first_year: int, last_year: int):
        first, last = date(first_year, 1, 1).toordinal(), date(last_year, 12, 31).toordinal()
        days = np.arange(first, last + 1, dtype=np.int64)
        as_dt = (days - date(1970, 1, 1).toordinal()).astype("datetime64[D]")
        self.ordinal = days
        self.year = as_dt.astype("datetime64[Y]").astype(np.int64) + 1970
        self.month = as_dt.astype("datetime64[M]").astype(np.int64) % 12 + 1
        self.day = (as_dt - as_dt.astype("datetime64[M]")).astype(np.int64) + 1
        self.weekday = (days - 1) % 7  # date.fromordinal(1) is a Monday
        self.first_year = first_year
        self.months = self.year * 12 + self.month - 1  # a running month number

    def occurrence(self, month: int, day: int, year_offset: int = 0) -> np.ndarray:
        """Ordinal of ``month``/``day`` in each candidate day's year (+ offset); Feb 29 clamps."""
        base = self.first_year - 2
        lookup = np.array([_safe_ordinal(y, month, day) for y in range(base, int(self.year[-1]) + 3)])
        return lookup[self.year + year_offset - base]


def _safe_ordinal(year: int, month: int, day: int) -> int:
    for d in (day, 30, 29, 28):
        try:
            return date(year, month, d).toordinal()
        except ValueError:
            continue
    raise ValueError(f"no day {day} in month {month}")


def _closeness(gap: np.ndarray, scale: float, cap: float) -> np.ndarray:
    """0 for a gap of 0–1 days, falling logarithmically with the gap, never below ``-cap``."""
    return -np.minimum(np.log1p(np.maximum(gap - 1, 0) / scale), cap)


def _recency(gap: np.ndarray, table: np.ndarray = RECENCY_LOGP) -> np.ndarray:
    """Log-plausibility of writing ``gap`` days after the latest day reported (see RECENCY_LOGP)."""
    return np.interp(np.log1p(np.maximum(gap, 0)), RECENCY_GAPS, table)


def _score_period(grid: Grid, cue: Cue) -> Scores:
    """A dated period: past → written on or after it, soon after for a short one; future → before it."""
    violation, scale, cap, strength = GRAIN[cue.grain]
    o = grid.ordinal
    first, last = cue.first.toordinal(), cue.last.toordinal()
    if cue.relation == "dateline" and cue.grain == "day":
        return np.where(o == first, 0.0, np.where(o == first + 1, -0.6, -3.0)), None
    if cue.relation == "future":
        return np.where(o > last, -violation, 0.3 * strength * _closeness(first - o, scale * 3, cap)), None
    bound = np.where(o < first, -violation - 1e-4 * (first - o), 0.0)
    after = o - last
    if cue.grain == "day":
        recency = _recency(after, STAMP_RECENCY_LOGP if cue.relation == "stamp" else SENTENCE_RECENCY_LOGP)
    else:
        recency = strength * _closeness(after, scale, cap)
    recency = np.where(o <= last, 0.0, recency)
    return bound, (recency, np.where(o < first, np.inf, np.maximum(after, 0)))


def _score_month_day(grid: Grid, cue: Cue, yearless: bool) -> Scores:
    """"March 12" without a year: the nearest March 12 before (past) or after (future) the day."""
    o = grid.ordinal
    this_year = grid.occurrence(cue.month, cue.day)
    if cue.relation == "dateline":
        return np.where(o == this_year, 0.0, np.where(o == this_year + 1, -0.6, -3.0)), None
    bound = np.zeros(len(o))
    if cue.relation == "future":
        occ = np.where(this_year >= o, this_year, grid.occurrence(cue.month, cue.day, 1))
        bound, recency = 0.3 * _closeness(occ - o, 9.0, 2.5), None
    else:
        occ = np.where(this_year <= o, this_year, grid.occurrence(cue.month, cue.day, -1))
        recency = _recency(o - occ)
        # a day named without its year is a recent one: recency counts only for the
        # latest event, so this bound keeps every such day from lying a year back
        bound = -STALE_MONTH_DAY * np.clip((o - occ - STALE_AFTER) / STALE_RAMP, 0.0, 1.0)
        recency = (recency, (o - occ).astype(float))
    if cue.weekday is not None and not yearless:
        bound = bound + np.where((occ - 1) % 7 == cue.weekday, 0.0, -4.0)
    return bound, recency


def _score_month(grid: Grid, cue: Cue, named: dict[int, set[int]]) -> np.ndarray:
    """A month named without a year ("last August", "in June"): the most recent such month.

    When the text also names that month with a year ("August 2024"), the two are taken
    to be the same month, which pins the year of writing.
    """
    if cue.relation in ("future", "next"):
        ahead = (cue.month - grid.month) % 12
        event_year = grid.year + (cue.month <= grid.month)
        score = -0.3 * np.log1p(ahead) / math.log1p(11)
    else:
        if cue.relation == "last":
            # "last August" is last calendar year's August: said after August, "in August"
            # or "this August" would name this year's
            event_year = grid.year - 1
            score = np.zeros(len(grid.ordinal))
        else:
            since = (grid.month - cue.month) % 12
            score = -0.6 * np.log1p(since) / math.log1p(11)
            event_year = np.where(grid.month - since < 1, grid.year - 1, grid.year)
    years = named.get(cue.month)
    if years:
        score = score + np.where(np.isin(event_year, list(years)), 0.0, -SAME_MONTH_MISMATCH)
    return score


def _score_cue(grid: Grid, cue: Cue, named: dict[int, set[int]], yearless: bool) -> Scores | np.ndarray | None:
    """The log-plausibility of each candidate day given one cue; None when it says nothing."""
    if cue.relation == "until":
        return None  # "funded through Feb. 8": a deadline may lie on either side of the writing
    if cue.kind == "period":
        # a bare year bounds the date only through the prior (see reference_year): the
        # tense of a clause naming "2020" says little about whether 2020 is over
        return None if yearless or cue.grain == "year" else _score_period(grid, cue)
    if cue.kind == "month_day":
        return _score_month_day(grid, cue, yearless)
    if cue.kind == "month":
        return _score_month(grid, cue, named)
    if cue.kind == "weekday":
        if yearless:
            return None
        if cue.relation in ("future", "next"):
            return WEEKDAY_TEMPER * FUTURE_LEAD[(cue.weekday - grid.weekday) % 7]
        if cue.relation == "this":
            return None  # "this Tuesday" is as often the one coming as the one past
        # "By Sunday, they had left" names the as-of day of the report itself: one
        # statement about the day of writing, taken at full strength
        temper = 1.0 if cue.relation == "asof" else WEEKDAY_TEMPER
        return temper * WEEKDAY_LAGS.get(cue.relation, PAST_LAG)[(grid.weekday - cue.weekday) % 7]
    if cue.kind == "this_period":
        position = grid.day if cue.months == 1.0 else grid.month
        edge = (4, 26) if cue.months == 1.0 else (2, 11)
        return np.where(position >= edge[0], 0.0, -0.4) if cue.relation == "early" else \
            np.where(position <= edge[1], 0.0, -0.4)
    if cue.kind == "since" and not yearless:
        return _score_since(grid, cue)
    if cue.kind == "after" and not yearless:
        return np.where(grid.ordinal >= cue.first.toordinal(), 0.0, -cue.weight)
    if cue.kind == "office":
        return _score_office(grid.ordinal, cue)
    return None


def _score_office(days: np.ndarray, cue: Cue) -> np.ndarray:
    """An office holder named: 0 on the days the naming allows, ``-weight`` elsewhere."""
    inside = np.zeros(len(days), dtype=bool)
    for first, last in cue.spans:
        inside |= (days >= first.toordinal()) & (days <= last.toordinal())
    return np.where(inside, 0.0, -cue.weight)


def office_window(cues: Sequence[Cue]) -> tuple[date, date] | None:
    """The first and last day that break the least (weighted) of the office cues, None without any.

    >>> from newsweave.clean.dating_cues import find_cues
    >>> office_window(find_cues("Chancellor Angela Merkel met former President Barack Obama."))
    (datetime.date(2017, 1, 21), datetime.date(2021, 12, 8))
    """
    office = [c for c in cues if c.kind == "office"]
    if not office:
        return None
    days = np.arange(OFFICE_FLOOR.toordinal(), office_open_end().toordinal() + 1)
    score = sum(_score_office(days, c) for c in office)
    best = days[score >= score.max() - 1e-9]
    return date.fromordinal(int(best[0])), date.fromordinal(int(best[-1]))


def _score_since(grid: Grid, cue: Cue) -> np.ndarray:
    """``N months since <event dated first..last>``: written N months after that event, give or take.

    A cue with ``spans`` (a known event's mention, :mod:`newsweave.clean.dating_events`)
    gives the months of writing themselves, one span per event the mention may be:
    the best of them counts.
    """
    windows = cue.spans or ((cue.first, cue.last),)
    best = None
    for first, last in windows:
        first_month = first.year * 12 + first.month - 1 + int(np.floor(cue.months))
        last_month = last.year * 12 + last.month - 1 + int(np.ceil(cue.months))
        distance = np.maximum(first_month - grid.months, 0) + np.maximum(grid.months - last_month, 0)
        best = distance if best is None else np.minimum(best, distance)
    return -1.5 * np.minimum(best, 3.0)


def _recent_event(grid: Grid, cues: Sequence[Cue]) -> np.ndarray | float:
    """News tells of events soon after them: days long after the latest known event named as past lose a little.

    Only the latest such event counts, and only mildly (EVENT_RECENCY per unit of
    log(1 + months) after it): "Iraq's invasion of Kuwait" in a story of August 1990
    rather than 1991; a mention of 9/11 in 2019 barely moves anything.
    """
    events = [c.first for c in cues if c.kind == "after"]
    if not events:
        return 0.0
    months = (grid.ordinal - max(events).toordinal()) / 30.44
    return np.where(months > 0, -EVENT_RECENCY * np.log1p(np.maximum(months, 0.0)), 0.0)


def _relay_recency(grid: Grid, cues: Sequence[Cue], recency: np.ndarray, latest: np.ndarray) -> np.ndarray:
    """The recency of the latest dated event, relayed by a weekday reported after it.

    "On March 12 troops entered … On Saturday the army pulled back. By Sunday …": the
    latest day reported is the weekday, which its own table already places in the
    week before the writing; the dated event then need only lie soon before that
    weekday (RELAY_SCALE, RELAY_CAP), not soon before the writing. A weekday can only
    soften the dated event's recency, never sharpen it.
    """
    lags = [(grid.weekday - c.weekday) % 7 for c in cues if c.kind == "weekday" and c.relation in RELAY_RELATIONS]
    if not lags:
        return recency
    lag = np.minimum.reduce(lags)
    relayed = _closeness(latest - lag, RELAY_SCALE, RELAY_CAP)
    return np.where((lag < latest) & (latest - lag <= RELAY_DAYS), np.maximum(recency, relayed), recency)


def _distinct_days(grid: Grid, cues: Sequence[Cue]) -> np.ndarray:
    """Penalise days on which a date named and a bare weekday named would be the same day.

    A writer who says "On March 12 …" and "By Sunday …" means two days: had March 12
    been that Sunday, one expression would have named it ("On Sunday, March 12").
    So a candidate day for which a past date falls on a weekday named bare in the
    past week is less plausible.
    """
    weekdays = {c.weekday for c in cues if c.kind == "weekday" and c.relation in ("past", "asof")}
    penalty = np.zeros(len(grid.ordinal))
    if not weekdays:
        return penalty
    o = grid.ordinal
    seen: set[tuple[int, int]] = set()
    for cue in cues:
        if cue.relation != "past" or cue.weekday is not None:
            continue
        if cue.kind == "month_day" and (cue.month, cue.day) not in seen:
            seen.add((cue.month, cue.day))
            this_year = grid.occurrence(cue.month, cue.day)
            occ = np.where(this_year <= o, this_year, grid.occurrence(cue.month, cue.day, -1))
        elif cue.kind == "period" and cue.grain == "day":
            occ = np.full(len(o), cue.first.toordinal())
        else:
            continue
        same = np.isin((occ - 1) % 7, list(weekdays)) & (o - occ >= 0) & (o - occ < 7)
        penalty -= np.where(same, DISTINCT_DAYS_PENALTY, 0.0)
    return penalty


def reference_year(cues: Sequence[Cue]) -> tuple[int, bool] | None:
    """The year the prior counts from: the latest year named outside a future clause.

    Returns ``(year, True)``, or ``(earliest future year, False)`` when every dated
    expression looks ahead, or None when the text names no year.
    """
    past = [c.year for c in cues if c.kind == "period" and c.relation != "future"]
    if past:
        return max(past), True
    future = [c.year for c in cues if c.kind == "period"]
    return (min(future), False) if future else None


def latest_year_cue(cues: Sequence[Cue], reference: tuple[int, bool]) -> Cue:
    """The first cue naming the reference year: the evidence the prior counts from."""
    past = reference[1]
    return next(c for c in cues if c.kind == "period" and c.year == reference[0] and (c.relation != "future") == past)


def year_prior(grid: Grid, reference: tuple[int, bool]) -> np.ndarray:
    """Log prior of each candidate day's year, from its gap to the reference year."""
    year, past = reference
    table = YEAR_GAP_PRIOR if past else FUTURE_GAP_PRIOR
    gaps = np.arange(grid.first_year, int(grid.year[-1]) + 1) - year
    logp = np.log([table.get(int(g), YEAR_GAP_FLOOR) for g in gaps])
    return logp[grid.year - grid.first_year]


def solve(cues: Sequence[Cue]) -> Solution | None:
    """The best-supported publication day or interval for these cues, or None without evidence."""
    reference = reference_year(cues)
    window = office_window(cues)
    if reference is not None and window is not None and \
            not window[0].year - YEARS_AFTER <= reference[0] <= window[1].year + YEARS_BEFORE:
        reference = None  # a year far from the terms of the people named is history, not the news
    since = [c for c in cues if c.kind == "since"]
    yearless = reference is None and window is None and not since
    if yearless:
        grid = Grid(YEARLESS[0], YEARLESS[-1])
    else:
        years = [window[0].year, window[1].year] if window else []
        if reference is not None:
            years += [reference[0] - YEARS_BEFORE, reference[0] + YEARS_AFTER]
        for cue in since:
            years.append(cue.last.year + int(math.ceil(cue.months / 12)) + 1)
            if reference is None and window is None:  # the since cues alone place the writing
                years.append(cue.first.year + int(math.floor(cue.months / 12)) - 1)
        grid = Grid(min(years), max(years))
    named: dict[int, set[int]] = {}
    for cue in cues:
        if cue.kind == "period" and cue.grain in ("day", "month"):
            named.setdefault(cue.first.month, set()).add(cue.first.year)
    total = np.zeros(len(grid.ordinal))
    recency: np.ndarray | None = None
    used: list[tuple[Cue, np.ndarray]] = []
    scored: dict[tuple, np.ndarray | None] = {}
    for cue in cues:
        # The same expression said twice is one piece of evidence, not two.
        key = (cue.kind, cue.relation, cue.grain, cue.first, cue.last, cue.month, cue.day, cue.weekday, cue.months,
               cue.spans, cue.weight)
        if key not in scored:
            score = _score_cue(grid, cue, named, yearless)
            bound, near = score if isinstance(score, tuple) else (score, None)
            if bound is not None:
                total += bound
            if near is not None:
                # written soon after the latest event it reports, not after every one
                near, gap = near
                if recency is None:
                    recency, latest = near, gap
                else:
                    recency = np.where(gap < latest, near,
                                       np.where(gap == latest, np.maximum(recency, near), recency))
                    latest = np.minimum(latest, gap)
            combined = sum(x for x in (bound, near) if x is not None) if score is not None else None
            scored[key] = None if combined is None or np.ptp(combined) < 1e-9 else combined
        if scored[key] is not None:
            used.append((cue, scored[key]))
    if recency is not None:
        total += _relay_recency(grid, cues, recency, latest)
    if not yearless:
        total += _recent_event(grid, cues)
    if not yearless:
        total += _distinct_days(grid, cues)
    if yearless:
        total = np.where(grid.year == YEARLESS[1], total, -np.inf)
        if not used:
            return None
    elif reference is not None:
        total += year_prior(grid, reference) / SHARPNESS
        used.append((latest_year_cue(cues, reference), np.zeros(1)))
    finite = total[np.isfinite(total)]
    if np.ptp(finite) < MIN_EVIDENCE:
        return None
    weights = np.exp(SHARPNESS * (total - finite.max()))
    p = weights / weights.sum()
    lo, hi = credible_envelope(p, CREDIBLE_MASS)
    if yearless and hi - lo >= 60:
        return None  # a month-day guess that covers much of the year says nothing
    mode = int(np.argmax(p))
    runner_up = float(np.max(np.delete(p, mode))) if len(p) > 1 else 0.0
    if p[mode] >= DAY_MASS and p[mode] >= DAY_MARGIN * runner_up:
        lo = hi = mode  # one day stands out: answer it, with the mass it holds as confidence
    confidence = float(p[lo:hi + 1].sum())
    best = mode if lo <= mode <= hi else lo + int(np.argmax(total[lo:hi + 1]))
    evidence = tuple(dict.fromkeys(cue for cue, score in used
                                   if len(score) == 1 or score[best] >= -0.3 and np.ptp(score) >= MIN_EVIDENCE))
    first, last = date.fromordinal(int(grid.ordinal[lo])), date.fromordinal(int(grid.ordinal[hi]))
    if yearless:
        confidence *= 0.5
    return Solution(_format(first, last, yearless), first, last, round(confidence, 3), evidence, yearless,
                    date.fromordinal(int(grid.ordinal[best])))


def credible_envelope(p: np.ndarray, mass: float, tie: float = TIE) -> tuple[int, int]:
    """The first and last day of the highest-density set holding ``mass`` of ``p``.

    The set holds the most probable days until they reach ``mass``, and every day as
    probable as the least of them (within a factor ``exp(-tie)``): a plateau the
    evidence cannot split, such as the whole of an office holder's term, is kept
    whole, and several equally good stretches (two terms of the same president) are
    all inside the answer, rather than an arbitrary half of them.

    >>> credible_envelope(np.array([0.25, 0.0, 0.0, 0.25, 0.25, 0.25]), 0.5)
    (0, 5)
    >>> credible_envelope(np.array([0.05, 0.1, 0.6, 0.2, 0.05]), 0.5)
    (2, 2)
    """
    order = np.argsort(-p, kind="stable")
    reached = int(np.searchsorted(np.cumsum(p[order]), mass - 1e-12))
    level = p[order[min(reached, len(p) - 1)]] * math.exp(-tie)
    inside = np.flatnonzero(p >= level)
    return int(inside[0]), int(inside[-1])


def credible_run(p: np.ndarray, mass: float) -> tuple[int, int]:
    """The shortest run ``[lo, hi]`` of ``p`` (a distribution) holding at least ``mass`` of it.

    >>> credible_run(np.array([0.1, 0.5, 0.3, 0.1]), 0.7)
    (1, 2)
    """
    cumulative = np.concatenate(([0.0], np.cumsum(p)))
    # for each start, the first end whose cumulative mass reaches the target
    ends = np.searchsorted(cumulative, cumulative[:-1] + mass - 1e-12, side="left")
    valid = ends <= len(p)
    widths = np.where(valid, ends - np.arange(len(p)), len(p) + 1)
    widest_mass = np.where(valid, cumulative[np.minimum(ends, len(p))] - cumulative[:-1], 0.0)
    # shortest first, then the one holding the most mass
    lo = int(np.lexsort((-widest_mass, widths))[0])
    return lo, max(lo, int(ends[lo]) - 1)


def _format(first: date, last: date, yearless: bool) -> str:
    def iso(d: date) -> str:
        return f"XXXX-{d.month:02d}-{d.day:02d}" if yearless else d.isoformat()

    if first == last:
        return iso(first)
    if not yearless and first.day == 1 and (last.month, last.year) == (first.month, first.year) \
            and (date.fromordinal(last.toordinal() + 1)).day == 1:
        return f"{first.year:04d}-{first.month:02d}"
    return f"{iso(first)}/{iso(last)}"
