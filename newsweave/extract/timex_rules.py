"""The recognition rules: one compiled regex and one normaliser per kind of expression.

Month and weekday names are matched case-sensitively (``(?-i:...)``) so that "may" the
verb and "march" the verb are never times; a capitalised "May" next to a name
("Theresa May said") is rejected in :func:`_month`. Span conventions follow TimeML as
annotated in TempEval-3: determiners and modifiers that belong to the expression are
inside ("the third quarter", "last August", "earlier this month", "nearly two years"),
prepositions are outside ("on Friday" -> "Friday").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsweave.extract.timex_lexicon import (
    ANY_YEAR_RE, MOD_PREFIXES, MONTH_RE, MONTHS, PART_OF_DAY_RE, PARTS_OF_DAY, POSITION_MODS, POSITION_RE,
    WEEKDAY_RE, WEEKDAYS, YEAR_RE, squash, year_number,
)
from newsweave.extract.timex_resolve import Point, Tense, resolve_month_day, resolve_weekday


@dataclass(slots=True)
class Context:
    """What resolution needs while reading one text: the anchor, the tense, the last time seen."""

    text: str
    dct: dt.date | None
    tense: Tense
    reference: Point | None = None
    period: Point | None = None  # the quarter or half a report is about
    to_date: Point | None = None  # the year so far, once the report turns to "the first nine months"

    def compared_period(self) -> Point | None:
        """What "a year earlier" in a results report is compared with: the year to date or the period."""
        return self.to_date or self.period

    def previous(self) -> tuple[Point | None, str]:
        """The previous reference time in the discourse, else the document date."""
        if self.reference is not None:
            return self.reference, "previous"
        return (Point(self.dct, "day"), "dct") if self.dct else (None, "dct")


@dataclass(frozen=True, slots=True)
class Found:
    """A normalised match; ``start``/``end`` trim the regex match when set."""

    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None
    point: Point | None = None
    start: int | None = None
    end: int | None = None
    confidence: float = 0.8
    sets_reference: bool = True  # False for comparisons ("a year earlier") that do not move the story
    period: Point | None = None  # a reporting period this expression opens ("the first nine months")
    duration: str | None = None  # what the words measure, for an offset from another time ("P3D")
    duration_end: int | None = None  # where those words end ("three days| later")


@dataclass(frozen=True, slots=True)
class Rule:
    """A regex and its normaliser, and the words that can occur in any of its matches.

    The tagger runs ``pattern`` only in windows reaching ``before`` characters back and
    ``after`` forward from a token in ``triggers`` (lower-case words; ``"<year>"`` stands
    for a year-like number, ``"<decade>"`` for a two-digit decade): regexes whose match
    can begin with optional words are slow to try at every position, and most text
    holds no time at all. Empty ``triggers`` means the pattern runs over the whole text.
    """

    name: str
    pattern: re.Pattern
    handle: Callable[[re.Match, Context], Found | None]
    triggers: frozenset[str] = frozenset()
    before: int = 40
    after: int = 20


_COMPARISON = re.compile(r"\b(?:compared|from|than|versus|vs\.|against|a\s+year\s+earlier)\b[^.;!?]*$", re.IGNORECASE)


def compares(text: str, offset: int, reach: int = 80) -> bool:
    """Whether the clause before ``offset`` compares a figure with an earlier one ("up from ...", "than ...")."""
    lo = max(0, offset - reach)
    return _COMPARISON.search(text, lo, offset) is not None and not _YEAR_TALK.search(text, lo, offset)


# a clause that speaks of whole years ("earnings for this year, up from last year's") compares years
_YEAR_TALK = re.compile(r"\b(?:this|the|fiscal|full|calendar)\s+year\b|\bannual|\byear's\b", re.IGNORECASE)


def _at(point: Point | None, fallback: str, anchor: str | None, **kw) -> Found:
    """A DATE at ``point`` or, without an anchor, the X-filled ``fallback``."""
    kind = kw.pop("type", "DATE")
    if point is None:
        return Found(kind, fallback, anchor=None, **kw)
    return Found(kind, point.value, anchor=anchor, point=point, **kw)


def _position(text: str | None) -> str | None:
    if not text:
        return None
    return POSITION_MODS.get(squash(text).rstrip(" "))


def _lead(m: re.Match, group: str) -> int | None:
    """Start the span at ``group`` when the text before it (a preposition) is not part of it."""
    return m.start(group) if m.group(group) else None


# --- explicit and partial calendar dates -----------------------------------------------
_NAME_BEFORE = re.compile(r"(?:[A-Z][a-z]+|Minister|Mrs?\.|Ms\.|Prime)\s+$")
_TEMPORAL_BEFORE = re.compile(
    r"(?:\b(?:in|on|by|since|until|till|from|to|through|before|after|during|of|last|next|this|early|"
    r"late|mid|and|or|between|In|On|By|Since|Until|From|Through|Before|After|During|Last|Next|This|"
    r"Early|Late)|\d|-)\s*$"
)
_NOT_AFTER_MONTH = re.compile(r"\s*(?:'s\b|,?\s*(?:said|says|told|has|had|is|was|will|would|I|we|you)\b)")


# "the March accession": a month naming the time of the noun after it ("the March on
# Washington" is the walk; "the May government" a name, so only March)
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_NOUN_AFTER = re.compile(r"\s+(?!on\b|to\b|through\b|from\b|of\b|for\b|against\b|in\b|and\b)[a-z]{3,}\b")


def _month(m: re.Match, ctx: Context) -> Found | None:
    name = m.group("mon")
    month = MONTHS[name.lower().rstrip(".")]
    day = int(m.group("day")) if m.group("day") else None
    year = m.group("year")
    rel = squash(m.group("rel") or "")
    mod = _position(m.group("pos"))
    before = ctx.text[max(0, m.start() - 30):m.start()]
    if name in ("May", "March") and not (day or year or rel or mod or m.group("yrel")):
        # a name ("Theresa May said") or the verb, unless something temporal leads into it
        attributive = name == "March" and _THE_BEFORE.search(before) and _NOUN_AFTER.match(ctx.text, m.end())
        if not attributive and (not _TEMPORAL_BEFORE.search(before) or _NOT_AFTER_MONTH.match(ctx.text, m.end())):
            return None
    if day is not None and not 1 <= day <= 31:
        return None
    rel = {"this past": "last", "this coming": "next", "earlier this": "this", "later this": "this"}.get(rel, rel)
    if m.group("rel") and squash(m.group("rel")).startswith(("earlier", "later")):
        mod = "START" if squash(m.group("rel")).startswith("earlier") else "END"
    if m.group("yrel"):  # "June last year", "in February this year"
        if ctx.dct is None:
            return Found("DATE", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""), mod=mod)
        year = str(ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m.group("yrel").lower()])
    if year:
        y = year_number(year)
        try:
            point = Point(dt.date(y, month, day or 1), "day" if day else "month")
        except ValueError:
            return None
        return Found("DATE", point.value, mod=mod, point=point)
    if ctx.dct is None:
        return Found("DATE", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""), mod=mod)
    try:
        resolved = resolve_month_day(ctx.dct, month, day, rel, ctx.tense(m.start("mon")))
    except ValueError:
        return None
    point = Point(resolved, "day" if day else "month")
    return Found("DATE", point.value, mod=mod, anchor="dct", point=point)


MONTH_RULE = rf"""
    (?:(?P<wd>(?-i:{WEEKDAY_RE})),?\s+)?
    (?:(?P<pos>{POSITION_RE}))?
    (?:(?P<rel>last|next|this(?:\s+past|\s+coming)?|earlier\s+this|later\s+this)\s+)?
    \b(?P<mon>(?-i:{MONTH_RE}))(?!\w)
    (?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b)?
    (?:,?\s+(?:of\s+)?(?P<year>{ANY_YEAR_RE})\b|\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year\b)?
"""
DAY_MONTH_RULE = rf"""
    \b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>(?-i:{MONTH_RE}))(?!\w)
    (?:,?\s+(?P<year>{YEAR_RE})\b|\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year\b)?(?P<pos>)?(?P<rel>)?
"""


def _conjoined_day(m: re.Match, ctx: Context) -> Found | None:
    """The second day of "April 24 and 25": its own DATE in the month of the day just read."""
    day = int(m.group("d2"))
    ref = ctx.reference
    if ref is None or ref.grain != "day" or not 1 <= day <= 31:
        return None
    if not _MONTH_DAY_BEFORE.search(ctx.text, max(0, m.start() - 16), m.start()):
        return None
    try:
        point = Point(ref.day.replace(day=day), "day")
    except ValueError:
        return None
    return Found("DATE", point.value, anchor="previous", point=point, start=m.start("d2"))


_MONTH_DAY_BEFORE = re.compile(rf"(?-i:{MONTH_RE})\s+\d{{1,2}}(?:st|nd|rd|th)?$", re.IGNORECASE)
CONJOINED_DAY_RULE = r"""
    (?<=\d|h|d|t)\s+(?:and|or)\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b
    (?!\s*(?:%|percent|cents?|million|billion|[a-z]+s\b)|,?\s+\d{4}|[.,:]\d)
"""


def _numeric_date(m: re.Match, ctx: Context) -> Found | None:
    y, mo, d = m.group("y"), int(m.group("m")), int(m.group("d"))
    year = int(y) if len(y) == 4 else (1900 + int(y) if int(y) >= 50 else 2000 + int(y))
    try:
        point = Point(dt.date(year, mo, d), "day")
    except ValueError:
        return None
    return Found("DATE", point.value, point=point, confidence=0.9)


NUMERIC_DATE_RULE = (
    rf"\b(?:(?P<y>{YEAR_RE})-(?P<m>\d\d)-(?P<d>\d\d)|(?P<m2>\d{{1,2}})/(?P<d2>\d{{1,2}})/(?P<y2>\d{{4}}|\d\d))\b(?![/-]\d)"
)


def _numeric_date_any(m: re.Match, ctx: Context) -> Found | None:
    if m.group("y") is None:
        groups = {"y": m.group("y2"), "m": m.group("m2"), "d": m.group("d2")}
        return _numeric_date(_Groups(groups), ctx)  # type: ignore[arg-type]
    return _numeric_date(m, ctx)


class _Groups:
    """A stand-in for a match that only answers ``group(name)``."""

    def __init__(self, groups: dict[str, str]) -> None:
        self._groups = groups

    def group(self, name: str) -> str:
        return self._groups[name]


# --- weekdays, days and parts of days ---------------------------------------------------
_AHEAD_BEFORE = re.compile(r"\b(?:ahead\s+of|until|upcoming|coming|next)\s+$", re.IGNORECASE)


# "Monday and Tuesday nights": the first day shares the plural head of the second (a SET)
_SHARED_PLURAL_AFTER = re.compile(
    rf"\s+(?:and|or)\s+(?-i:{WEEKDAY_RE})\s+(?P<part>{PART_OF_DAY_RE})s\b", re.IGNORECASE
)


def _weekday(m: re.Match, ctx: Context) -> Found | None:
    if ctx.text.endswith("Good ", 0, m.start("wd")):
        return None  # "the Good Friday Agreement": a name (the holiday itself has its own rule)
    weekday = WEEKDAYS[m.group("wd").lower().rstrip(".")]
    part = m.group("part")
    shared = None if part or m.group("plural") else _SHARED_PLURAL_AFTER.match(ctx.text, m.end())
    if shared:
        code = PARTS_OF_DAY.get(shared.group("part").lower())
        return Found("SET", f"XXXX-WXX-{weekday + 1}" + (f"T{code}" if code else ""), start=m.start("wd"))
    plural_part = bool(part) and part.lower().endswith("s") and part.lower()[:-1] in PARTS_OF_DAY
    part_code = PARTS_OF_DAY.get(part.lower()[:-1] if plural_part else part.lower()) if part else None
    if m.group("plural") or plural_part:
        value = f"XXXX-WXX-{weekday + 1}" + (f"T{part_code}" if part_code else "")
        return Found("SET", value)
    rel = squash(m.group("rel") or "")
    rel = {"this past": "last", "this coming": "next"}.get(rel, rel)
    mod = _position(m.group("pos"))
    start = m.start("wd") if rel in ("on", "") and not m.group("pos") else None
    if ctx.dct is None:
        value = f"XXXX-WXX-{weekday + 1}" + (f"T{part_code}" if part_code else "")
        return Found("TIME" if part_code else "DATE", value, mod=mod, start=start)
    tense = ctx.tense(m.start("wd"))
    if ctx.text.startswith("'s", m.end("wd")):
        # "Wednesday's ruling" names something that has happened, whatever the verb ("would
        # look for ways around Wednesday's ruling"), unless the words ahead of it look forward
        tense = "future" if _AHEAD_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()) else "past"
    day = resolve_weekday(ctx.dct, weekday, "" if rel == "on" else rel, tense)
    point = Point(day, "day")
    if part_code == "EV":
        # "Friday evening" is the TIME 1998-02-13TEV in TimeML and consistently so in
        # TempEval-3; for "Friday night" and "Friday morning" the annotators more often
        # gave the day itself (or tagged "Friday" alone), so those stay days
        return Found("TIME", f"{point.value}TEV", mod=mod, anchor="dct", point=point, start=start)
    return Found("DATE", point.value, mod=mod, anchor="dct", point=point, start=start)


WEEKDAY_RULE = rf"""
    (?:(?P<pos>early|late)\s+)?
    (?:(?P<rel>last|next|this(?:\s+past|\s+coming)?)\s+)?
    \b(?P<wd>(?-i:{WEEKDAY_RE}))(?P<plural>s)?(?!\w)
    (?:\s+(?P<part>{PART_OF_DAY_RE}s?)\b)?
"""

_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}


def _day_word(m: re.Match, ctx: Context) -> Found | None:
    word = squash(m.group("w"))
    part = m.group("part")
    code = "NI" if word == "tonight" else (PARTS_OF_DAY.get(part.lower()) if part else None)
    mod = _position(m.group("pos"))
    if ctx.dct is None:
        return Found("TIME" if code else "DATE", "XXXX-XX-XX" + (f"T{code}" if code else ""), mod=mod)
    point = Point(ctx.dct + dt.timedelta(days=_DAY_WORDS[word]), "day")
    return Found("TIME" if code else "DATE", point.value + (f"T{code}" if code else ""),
                 mod=mod, anchor="dct", point=point, confidence=0.95)


DAY_WORD_RULE = rf"""
    (?:\b(?P<pos>early|late|earlier|later)\s+)?
    \b(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)\b
    (?:\s+(?P<part>{PART_OF_DAY_RE})\b)?
"""


def _part_of_day(m: re.Match, ctx: Context) -> Found | None:
    rel = squash(m.group("rel") or "")
    code = PARTS_OF_DAY[m.group("part").lower()]
    mod = _position(m.group("pos"))
    if rel in ("this", "", "last"):  # "last night" is the night before the document's day
        back = dt.timedelta(days=1 if rel == "last" else 0)
        base, anchor = (Point(ctx.dct - back, "day"), "dct") if ctx.dct else (None, None)
    else:  # that / the next / the following / the same: the previous reference time
        base, anchor = ctx.previous()
        if base is not None and rel in ("the next", "the following"):
            base = Point(base.day + dt.timedelta(days=1), "day")
    if base is None:
        return Found("TIME", f"XXXX-XX-XXT{code}", mod=mod)
    if base.grain != "day":
        return Found("TIME", f"{base.value}T{code}", mod=mod, anchor=anchor)
    return Found("TIME", f"{base.value}T{code}", mod=mod, anchor=anchor, point=base)


PART_OF_DAY_RULE = rf"""
    (?:\b(?P<pos>early|late|earlier|later)\s+)?
    \b(?:(?P<rel>this|last|that|the\s+next|the\s+following|the\s+same)\s+(?P<part>{PART_OF_DAY_RE})
      |(?P<rel2>)(?P<part2>overnight))\b
"""


def _overnight(m: re.Match, ctx: Context) -> Found | None:
    """"overnight": the night that ended on the day the story is on (the day before it, TNI)."""
    base, anchor = ctx.previous()
    if base is None or base.grain != "day":
        base, anchor = (Point(ctx.dct, "day"), "dct") if ctx.dct else (None, None)
    if base is None:
        return Found("TIME", "XXXX-XX-XXTNI", mod=_position(m.group("pos")))
    night = Point(base.day - dt.timedelta(days=1), "day")
    return Found("TIME", f"{night.value}TNI", mod=_position(m.group("pos")), anchor=anchor, point=night,
                 sets_reference=False)


def _part_of_day_any(m: re.Match, ctx: Context) -> Found | None:
    if m.group("part2"):
        return _overnight(m, ctx)
    return _part_of_day(m, ctx)


def _part_of_that_day(m: re.Match, ctx: Context) -> Found | None:
    """"mid-afternoon", "in the morning": a part of the day the story is on (TIME ``...TAF``).

    The day is the one named right after it ("mid-afternoon yesterday"), else the previous
    reference time of day grain, else the document date.
    """
    code = PARTS_OF_DAY[m.group("part").lower()]
    if m.group("w"):
        if ctx.dct is None:
            return Found("TIME", f"XXXX-XX-XXT{code}")
        base, anchor = Point(ctx.dct + dt.timedelta(days=_DAY_WORDS[m.group("w").lower()]), "day"), "dct"
    else:
        base, anchor = ctx.previous()
        if base is not None and base.grain != "day":
            base, anchor = (Point(ctx.dct, "day"), "dct") if ctx.dct else (None, None)
    if base is None:
        return Found("TIME", f"XXXX-XX-XXT{code}")
    return Found("TIME", f"{base.value}T{code}", anchor=anchor, point=base)


THAT_DAY_PART_RULE = r"""
    (?:\bmid[-\s]?(?P<part>morning|afternoon|evening)|(?<=\bin\s)the\s+(?P<part2>morning|afternoon|evening)(?!\s+of\b))\b
    (?:\s+(?P<w>yesterday|today|tomorrow)\b)?
"""


def _part_of_that_day_any(m: re.Match, ctx: Context) -> Found | None:
    if m.group("part2"):
        return _part_of_that_day(_Groups({"part": m.group("part2"), "w": m.group("w")}), ctx)  # type: ignore[arg-type]
    return _part_of_that_day(m, ctx)


# --- clock times ---------------------------------------------------------------------
_HIGH_BEFORE = re.compile(r"\bhigh\s+$", re.IGNORECASE)


def _clock(m: re.Match, ctx: Context) -> Found | None:
    if m.group("h") is not None:
        hour, minute = int(m.group("h")), int(m.group("min") or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        meridiem = (m.group("ampm") or m.group("half") or "").lower()
        pm = meridiem.startswith(("p", "afternoon", "evening"))
        hour = (hour % 12) + (12 if pm else 0)
        clock = f"{hour:02d}:{minute:02d}"
    elif m.group("h24") is not None:  # "0930 GMT", "21:45 GMT": a 24-hour clock with its zone
        hour, minute = int(m.group("h24")), int(m.group("m24"))
        if hour > 23 or minute > 59:
            return None
        clock = f"{hour:02d}:{minute:02d}"
    else:
        if m.group("word").lower() == "noon" and _HIGH_BEFORE.search(ctx.text, max(0, m.start() - 6), m.start()):
            return None  # "high noon comes today": the idiom for a decisive moment
        clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m.group("word").lower()]
    when = m.group("when")
    mod = MOD_PREFIXES.get(squash(m.group("mod") or "")) if m.group("mod") else None
    day: dt.date | None = None
    anchor = "dct"
    if when:
        sub = _first_match(when, ctx, m.start("when"))
        if sub is not None and sub.point is not None and sub.point.grain == "day":
            day, anchor = sub.point.day, sub.anchor
    else:
        base, anchor = ctx.previous()
        day = base.day if base is not None and base.grain == "day" else ctx.dct
    if day is None:
        return Found("TIME", f"XXXX-XX-XXT{clock}", mod=mod)
    point = Point(day, "day")
    return Found("TIME", f"{day.isoformat()}T{clock}", mod=mod, anchor=anchor, point=point)


def _first_match(text: str, ctx: Context, offset: int) -> Found | None:
    """Resolve a day expression embedded in a longer one (the "Tuesday" of "9 a.m. Tuesday").

    ``offset`` is where ``text`` begins in the whole text: the tense is read there.
    """
    sub = Context(text=text, dct=ctx.dct, tense=lambda _o, t=ctx.tense: t(offset), reference=ctx.reference)
    for rule in (MONTH, WEEKDAY, DAY_WORD):
        m = rule.pattern.fullmatch(text)
        if m:
            return rule.handle(m, sub)
    return None


CLOCK_RULE = rf"""
    (?:\b(?P<mod>around|about|at\s+about|approximately|shortly\s+(?:before|after))\s+)?
    (?:\b(?P<h>\d{{1,2}})(?::(?P<min>\d\d))?
       (?:\s*(?P<ampm>[ap]\.m\.|[ap]\.m\b|[ap]m\b)|(?:\s+o'clock)?\s+in\s+the\s+(?P<half>morning|afternoon|evening)\b)
      |\b(?P<h24>[01]\d|2[0-3]):?(?P<m24>[0-5]\d)(?=\s*(?:GMT|UTC)\b)
      |\b(?P<word>noon|midday|midnight)\b)
    (?:\s*(?:[ECMP][SD]T|GMT|UTC)\b)?
    (?:,?\s+(?:on\s+)?(?P<when>(?-i:{WEEKDAY_RE})|today|yesterday|tomorrow|(?-i:{MONTH_RE})\s+\d{{1,2}}\b))?
"""


def _week_of(m: re.Match, ctx: Context) -> Found | None:
    """"the week of March 6": the ISO week holding that day."""
    sub = _first_match(m.group("date"), ctx, m.start("date"))
    if sub is None or sub.point is None or sub.point.grain != "day":
        return None
    point = Point(sub.point.day, "week")
    return Found("DATE", point.value, anchor=sub.anchor, point=point)


WEEK_OF_RULE = rf"""
    \bthe\s+week\s+of\s+(?P<date>(?-i:{MONTH_RE})\s+\d{{1,2}}\b(?:,?\s+{YEAR_RE}\b)?)
"""


def _weekday_from_reference(m: re.Match, ctx: Context) -> Found | None:
    """"the previous Friday", "the following Monday": seen from the previous reference time."""
    weekday = WEEKDAYS[m.group("wd").lower().rstrip(".")]
    forward = squash(m.group("rel")) in ("following", "next")
    base, anchor = ctx.previous()
    if base is None:
        return Found("DATE", f"XXXX-WXX-{weekday + 1}")
    if base.grain != "day":
        base, anchor = Point(ctx.dct, "day") if ctx.dct else base, "dct"
    if forward:
        step = (weekday - base.day.weekday()) % 7 or 7
    else:
        step = -((base.day.weekday() - weekday) % 7 or 7)
    point = Point(base.day + dt.timedelta(days=step), "day")
    return Found("DATE", point.value, anchor=anchor, point=point)


REFERENCE_WEEKDAY_RULE = rf"""
    \bthe\s+(?P<rel>previous|preceding|prior|following|next)\s+(?P<wd>(?-i:{WEEKDAY_RE}))(?!\w)
"""


def _day_beside(m: re.Match, ctx: Context) -> Found | None:
    """"the day before last Tuesday", "the day after March 12": one DATE, a day from the one named."""
    sub = _first_match(m.group("date"), ctx, m.start("date"))
    if sub is None or sub.point is None or sub.point.grain != "day":
        return None
    step = 1 if m.group("dir").lower() == "after" else -1
    point = Point(sub.point.day + dt.timedelta(days=step), "day")
    return Found("DATE", point.value, anchor=sub.anchor, point=point)


DAY_BESIDE_RULE = rf"""
    \bthe\s+day\s+(?P<dir>before|after)\s+
    (?P<date>(?:(?:last|next|this)\s+)?(?-i:{WEEKDAY_RE})|(?-i:{MONTH_RE})\s+\d{{1,2}}\b(?:,?\s+{YEAR_RE}\b)?)(?!\w)
"""


FLAGS = re.IGNORECASE | re.VERBOSE
MONTH_WORDS = frozenset(MONTHS)
WEEKDAY_WORDS = frozenset(WEEKDAYS)
MONTH = Rule("month", re.compile(MONTH_RULE, FLAGS), _month, MONTH_WORDS, before=45, after=25)
CONJOINED_DAY = Rule("conjoined-day", re.compile(CONJOINED_DAY_RULE, FLAGS), _conjoined_day, MONTH_WORDS,
                     before=12, after=20)
DAY_MONTH = Rule("day-month", re.compile(DAY_MONTH_RULE, FLAGS), _month, MONTH_WORDS, before=12, after=12)
NUMERIC_DATE = Rule("numeric-date", re.compile(NUMERIC_DATE_RULE), _numeric_date_any)
WEEKDAY = Rule("weekday", re.compile(WEEKDAY_RULE, FLAGS), _weekday, WEEKDAY_WORDS, before=30, after=20)
DAY_WORD = Rule("day-word", re.compile(DAY_WORD_RULE, FLAGS), _day_word,
                frozenset({"today", "tonight", "yesterday", "tomorrow", "day"}), before=25, after=20)
PART_OF_DAY = Rule("part-of-day", re.compile(PART_OF_DAY_RULE, FLAGS), _part_of_day_any,
                   frozenset(PARTS_OF_DAY), before=30, after=5)
THAT_DAY_PART = Rule("that-day-part", re.compile(THAT_DAY_PART_RULE, FLAGS), _part_of_that_day_any,
                     frozenset({"morning", "afternoon", "evening"}), before=8, after=20)
CLOCK = Rule("clock", re.compile(CLOCK_RULE, FLAGS), _clock,
             frozenset({"m", "am", "pm", "noon", "midday", "midnight", "morning", "afternoon", "evening", "gmt", "utc"}),
             before=40, after=40)

WEEK_OF = Rule("week-of", re.compile(WEEK_OF_RULE, FLAGS), _week_of, frozenset({"week"}), before=6, after=30)
DAY_BESIDE = Rule("day-beside", re.compile(DAY_BESIDE_RULE, FLAGS), _day_beside, frozenset({"day"}), before=6, after=40)
REFERENCE_WEEKDAY = Rule("reference-weekday", re.compile(REFERENCE_WEEKDAY_RULE, FLAGS), _weekday_from_reference,
                         WEEKDAY_WORDS, before=20, after=2)

CALENDAR_RULES = (CLOCK, NUMERIC_DATE, WEEK_OF, DAY_BESIDE, MONTH, DAY_MONTH, REFERENCE_WEEKDAY, WEEKDAY, DAY_WORD, PART_OF_DAY, THAT_DAY_PART,
                  CONJOINED_DAY)
