"""Calendar points and how relative expressions resolve against an anchor.

A :class:`Point` is a calendar interval named by a day inside it and a grain
(``day``, ``week``, ``month``, ``quarter``, ``half``, ``season``, ``year``, ``decade``,
``century``); its :attr:`Point.value` is the TIMEX3 value. When there is no anchor,
values keep X for what cannot be known (``XXXX-03-12``), following TimeML.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from newsweave.extract.timex_lexicon import iso_week, quarter_of, shift_month

Tense = Callable[[int], "str | None"]

SEASON_ORDER = ("WI", "SP", "SU", "FA")  # the order seasons start in a calendar year
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_of(day: dt.date) -> str:
    return SEASON_ORDER[(day.month % 12) // 3]


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar interval: a day inside it and its grain; ``code`` holds a season or half."""

    day: dt.date
    grain: str
    code: str = ""

    @property
    def value(self) -> str:
        d = self.day
        return {
            "day": lambda: d.isoformat(),
            "week": lambda: iso_week(d),
            "weekend": lambda: f"{iso_week(d)}-WE",
            "month": lambda: f"{d.year:04d}-{d.month:02d}",
            "quarter": lambda: f"{d.year:04d}-Q{quarter_of(d)}",
            "half": lambda: f"{d.year:04d}-H{1 if d.month <= 6 else 2}",
            "season": lambda: f"{d.year:04d}-{self.code}",
            "year": lambda: f"{d.year:04d}",
            "decade": lambda: f"{d.year // 10:03d}",
            "century": lambda: f"{d.year // 100:02d}",
        }[self.grain]()

    def shift(self, amount: int, unit: str | None = None) -> "Point":
        """Move by ``amount`` of ``unit`` (default: the point's own grain), keeping the grain."""
        unit = unit or self.grain
        if unit in ("day",):
            return Point(self.day + dt.timedelta(days=amount), self.grain, self.code)
        if unit in ("week", "weekend"):
            return Point(self.day + dt.timedelta(weeks=amount), self.grain, self.code)
        months = {"month": 1, "quarter": 3, "half": 6, "season": 12, "year": 12,
                  "decade": 120, "century": 1200}[unit]
        return Point(shift_month(self.day, months * amount), self.grain, self.code)

    def coarsen(self, grain: str) -> "Point":
        return Point(self.day, grain, self.code)

    def first_day(self) -> dt.date:
        """The first day of the interval (a quarter's first day, a year's January 1)."""
        d = self.day
        if self.grain in ("day", "week", "weekend", "season"):
            return d
        months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[self.grain]
        index = (d.year * 12 + d.month - 1) // months * months
        return dt.date(index // 12, index % 12 + 1, 1)

    def ended_by(self, day: dt.date) -> bool:
        """Whether the whole interval lies before ``day`` (a period whose results can be reported).

        >>> Point(dt.date(1989, 8, 1), "quarter").ended_by(dt.date(1989, 10, 26))
        True
        """
        return Point(self.first_day(), self.grain, self.code).shift(1).day <= day


def first_day(value: str) -> dt.date | None:
    """The first day of a calendar value or a published date (``2024-08`` -> 2024-08-01,
    ``2025`` -> 2025-01-01, ``2024-08-01/2025-07-31`` -> 2024-08-01), or None."""
    head = value.split("/")[0].strip()
    for size, suffix in ((10, ""), (7, "-01"), (4, "-01-01")):
        if len(head) < size:
            continue
        try:
            return dt.date.fromisoformat(head[:size] + suffix)
        except ValueError:
            continue
    return None


def direction(tense: str | None, default: int = -1) -> int:
    """+1 for a future reference, -1 for past (news reports mostly look back)."""
    if tense == "future":
        return 1
    if tense == "past":
        return -1
    return default


def resolve_weekday(anchor: dt.date, weekday: int, relation: str, tense: str | None) -> dt.date:
    """The day a weekday name refers to, seen from ``anchor``.

    ``relation`` is the word before it: "last", "next", "this", "" (bare).
    A bare weekday equal to the anchor's is the anchor itself ("said Friday" in
    Friday's paper); otherwise it goes back, or forward when the verb is future.

    >>> resolve_weekday(dt.date(2025, 3, 16), 4, "", "past")   # a Sunday; "on Friday"
    datetime.date(2025, 3, 14)
    >>> resolve_weekday(dt.date(2025, 3, 16), 4, "", "future")
    datetime.date(2025, 3, 21)
    """
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if relation == "last":
        return anchor - dt.timedelta(days=back or 7)
    if relation == "next":
        return anchor + dt.timedelta(days=forward or 7)
    if back == 0:
        return anchor
    if direction(tense) > 0:
        return anchor + dt.timedelta(days=forward)
    return anchor - dt.timedelta(days=back)


def resolve_month_day(anchor: dt.date, month: int, day: int | None, relation: str, tense: str | None) -> dt.date:
    """The year of a month (and day) named without one: the nearest one in the tense's direction.

    >>> resolve_month_day(dt.date(1998, 1, 8), 12, None, "", "past")
    datetime.date(1997, 12, 1)
    >>> resolve_month_day(dt.date(1998, 1, 8), 3, 12, "", None)
    datetime.date(1998, 3, 12)
    >>> resolve_month_day(dt.date(2008, 7, 2), 2, 29, "", "past")
    datetime.date(2008, 2, 29)
    """
    def on(year: int) -> dt.date:  # "February 29" is the 28th in a year without one
        return dt.date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))

    same = on(anchor.year)
    # compare at the grain that was written: a bare month equal to the anchor's is "this month"
    this_one = (month, day or 0) == (anchor.month, anchor.day if day else 0)
    later = (month, day or 0) > (anchor.month, anchor.day if day else 0)
    if relation == "last":
        return same if (not later and not this_one) else on(anchor.year - 1)
    if relation == "next":
        return same if later else on(anchor.year + 1)
    if relation == "this" or this_one:
        return same
    # the nearest such date, the tense's direction favoured by four months (by two when
    # no tense is known: news mostly reports the past)
    step = direction(tense, 0)
    penalty = 60 if step == 0 else 200

    def cost(day: dt.date) -> int:
        days = (day - anchor).days
        return abs(days) + (penalty if days and (days > 0) != (step > 0) else 0)

    return min((on(anchor.year + k) for k in (0, -1, 1)), key=cost)


def resolve_season(anchor: dt.date, code: str, relation: str, tense: str | None) -> Point:
    """A season named with last/this/next or bare, as ``YYYY-SU`` (winter takes December's year).

    "last" (or a bare name in the past tense) is the latest such season before the current
    one, "next" (or the future tense) the first after it, in the order the seasons follow each
    other: the summer before 31 December 2019 is 2019's, the winter before it 2018's.

    >>> resolve_season(dt.date(2019, 12, 31), "SU", "", "past").value, resolve_season(dt.date(2019, 12, 31), "WI", "last", None).value
    ('2019-SU', '2018-WI')
    """
    year = anchor.year
    if anchor.month in (1, 2) and code == "WI":
        year -= 1
    # seasons counted in the order they follow each other, winter YYYY spanning December YYYY to February
    order = ("SP", "SU", "FA", "WI").index(code)
    current = 4 * (anchor.year - (anchor.month in (1, 2))) + ("SP", "SU", "FA", "WI").index(season_of(anchor))
    if relation == "last" or (relation == "" and direction(tense, 0) < 0):
        year = (current - 1 - (current - 1 - order) % 4) // 4  # the latest one before the current season
    elif relation == "next" or (relation == "" and direction(tense, 0) > 0):
        year = (current + 1 + (order - current - 1) % 4) // 4  # the first one after it
    month = SEASON_START[code]
    return Point(dt.date(year, month, 1), "season", code)


def resolve_quarter(anchor: dt.date, quarter: int, relation: str, tense: str | None) -> Point:
    """A quarter named without a year: this year's, or last year's if it has not begun yet.

    >>> resolve_quarter(dt.date(1989, 10, 26), 3, "", "past").value
    '1989-Q3'
    >>> resolve_quarter(dt.date(1998, 1, 8), 4, "", "past").value
    '1997-Q4'
    """
    year = anchor.year
    current = quarter_of(anchor)
    if relation == "last" or (relation == "" and quarter > current and direction(tense) < 0):
        year -= 1 if quarter >= current else 0
    elif relation == "next" and quarter <= current:
        year += 1
    return Point(dt.date(year, 3 * quarter - 2, 1), "quarter")
