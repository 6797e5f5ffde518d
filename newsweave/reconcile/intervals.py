"""The days a TIMEX3 value covers, as intervals of proleptic ordinals, for comparing dates.

``interval_of("2024-08")`` is the 1st to the 31st of August 2024; a value without its year
(``XXXX-03-12``) is laid out in a leap year and overlaps any year's 12 March. Used by the
timeline (are two events' dates compatible?), the story dates and the report's chart.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_VALUE = re.compile(r"^(?P<y>\d{4}|XXXX)(?:-(?P<p>\d\d|W\d\d|SU|SP|FA|WI|Q[1-4]|H[12])(?:-(?P<d>\d\d))?)?")
_LEAP = 2000  # the year unknown-year intervals are laid out in


@dataclass(frozen=True, slots=True)
class Interval:
    """The days a TIMEX3 value covers; ``year_known`` is false for ``XXXX-03-12``."""

    lo: int  # proleptic ordinal of the first day
    hi: int  # ... of the last day
    year_known: bool

    def day_of_year(self) -> tuple[int, int]:
        lo, hi = dt.date.fromordinal(self.lo), dt.date.fromordinal(self.hi)
        return (lo.replace(year=_LEAP).toordinal(),
                hi.replace(year=_LEAP).toordinal() if hi.year == lo.year else dt.date(_LEAP, 12, 31).toordinal())

    def overlaps(self, other: "Interval") -> bool:
        if self.year_known and other.year_known:
            return self.lo <= other.hi and other.lo <= self.hi
        a, b = self.day_of_year(), other.day_of_year()
        return a[0] <= b[1] and b[0] <= a[1]


def interval_of(value: str | None, year: int | None = None) -> Interval | None:
    """The interval of a calendar TIMEX3 value; ``year`` fills an unknown ``XXXX``.

    >>> i = interval_of("2024-08"); (dt.date.fromordinal(i.lo), dt.date.fromordinal(i.hi))
    (datetime.date(2024, 8, 1), datetime.date(2024, 8, 31))
    """
    if not value:
        return None
    m = _VALUE.match(value)
    if not m:
        return None
    known = m["y"] != "XXXX"
    y = int(m["y"]) if known else (year or _LEAP)
    known = known or year is not None
    p, d = m["p"], m["d"]
    if not known and p is None:
        return None  # "XXXX", "XXXX-XX": nothing known of when
    try:
        if p is None:
            lo, hi = dt.date(y, 1, 1), dt.date(y, 12, 31)
        elif p.isdigit():
            month = int(p)
            if d:
                lo = hi = dt.date(y, month, int(d))
            else:
                lo, hi = dt.date(y, month, 1), dt.date(y, month, calendar.monthrange(y, month)[1])
        elif p.startswith("W"):
            lo = dt.date.fromisocalendar(y, int(p[1:]), 1)
            hi = lo + dt.timedelta(days=6)
        elif p in SEASON_MONTHS:
            first, last = SEASON_MONTHS[p]
            lo = dt.date(y, first, 1)
            hi = dt.date(y + (last > 12), (last - 1) % 12 + 1, 1)
            hi = hi.replace(day=calendar.monthrange(hi.year, hi.month)[1])
        elif p.startswith("Q"):
            q = int(p[1])
            lo = dt.date(y, 3 * q - 2, 1)
            hi = dt.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
        else:  # H1, H2
            h = int(p[1])
            lo, hi = dt.date(y, 6 * h - 5, 1), dt.date(y, 6 * h, 30 if h == 1 else 31)
    except ValueError:
        return None
    return Interval(lo.toordinal(), hi.toordinal(), known)


def published_bounds(value: str) -> tuple[Interval, Interval] | None:
    """The first and the last interval of a published date ("2024-05-04/2024-12-31": the 4th of
    May and the 31st of December; "2024-08": August twice), or None when either is no date."""
    first, last = interval_of(value.split("/", 1)[0]), interval_of(value.rsplit("/", 1)[-1])
    return (first, last) if first is not None and last is not None else None
