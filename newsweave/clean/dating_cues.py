"""Dating cues: the calendar expressions of an article and what each says about its date.

The expressions come from the project's one temporal tagger,
:func:`newsweave.extract.timex.find_timexes`, run without an anchor so that what the
text alone cannot fix stays unknown (``XXXX-03-12``, ``XXXX-WXX-7``). This module only
classifies them: a TIMEX3 value becomes a :class:`Cue` with its calendar content, and
the words around it (the tense of its clause from
:func:`~newsweave.extract.timex.textual_tense`, a modifier such as "last" or "this
past", a preposition such as "by" or "as of", a wire-story dateline) say how it
relates to the day of writing. The solver in :mod:`newsweave.clean.dating_solve`
sees only the cues.

>>> [(c.kind, c.relation, c.month, c.day, c.weekday) for c in find_cues("On Wednesday, March 12, troops entered.")]
[('month_day', 'past', 3, 12, 2)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsweave.clean.dating_events import find_event_cues
from newsweave.clean.dating_offices import allowed_days, find_office_cues, office_table
from newsweave.extract.timex import Timex, find_timexes, textual_tense
from newsweave.extract.timex_lexicon import WEEKDAYS

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # winter runs into the next year
QUARTER_MONTHS = {f"Q{q}": (3 * q - 2, 3 * q) for q in range(1, 5)}
HALF_MONTHS = {"H1": (1, 6), "H2": (7, 12)}
# What a day before a known event named as past loses (see dating_events): a weak
# bound, since a head word with its participants near may still be another event.
AFTER_WEIGHT = 2.0
UNIT_MONTHS = {"D": 1 / 30.44, "W": 7 / 30.44, "M": 1.0, "Y": 12.0, "DE": 120.0}

_FULL_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_MONTH_YEAR_RE = re.compile(r"^(\d{4})-(\d\d)$")
_PART_YEAR_RE = re.compile(r"^(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12])$")
_YEAR_RE = re.compile(r"^(\d{4})$")
_MONTH_DAY_RE = re.compile(r"^XXXX-(\d\d)-(\d\d)$")
_MONTH_RE = re.compile(r"^XXXX-(\d\d)$")
_SEASON_RE = re.compile(r"^XXXX-(SP|SU|FA|WI)$")
_WEEKDAY_RE = re.compile(r"^XXXX-WXX-([1-7])$")
# A TIMEX3 duration of calendar units, composite or not: P7M, P2DE, P2Y6M, P1Y2M3D.
_DURATION_RE = re.compile(r"^P(?=\d)((?:\d+(?:\.\d+)?(?:DE|[YMWD]))+)$")
_DURATION_PART_RE = re.compile(r"(\d+(?:\.\d+)?)(DE|[YMWD])")
_WEEKDAY_WORD_RE = re.compile(r"\b(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_MODIFIER_RE = re.compile(r"^(?:the\s+)?(last|this\s+past|past|this|next|coming|early|earlier|late|later|mid)\b",
                          re.IGNORECASE)
# Words just before a weekday that make it the "as of" point of the report ("By Sunday"),
# in a clause told in the past ("by Friday" looking ahead is a deadline).
_ASOF_BEFORE_RE = re.compile(r"\b(?:by|as\s+of)\s+(?:late\s+|early\s+)?$", re.IGNORECASE)
# Words just before a date that make it the end of a span ("funded through Feb. 8",
# "until March 1", "by June 30"), a deadline rather than an event already reported.
_UNTIL_BEFORE_RE = re.compile(
    r"\b(?:through|thru|until|till|by|before|ahead\s+of|no\s+later\s+than|deadline\s+(?:of|is)|expires?(?:\s+on)?)"
    r"\s+(?:the\s+)?(?:end\s+of\s+|mid-?\s*|late\s+|early\s+)?$",
    re.IGNORECASE,
)
# What may follow a full date that closes a line: the stamp of an embedded post or a caption.
_LINE_END_RE = re.compile(r"[ \t]*[.)\]]?[ \t]*(?:\n|$)")
_SINCE_AFTER_RE = re.compile(r"\s*(?:have\s+passed\s+|went\s+by\s+)?since\b", re.IGNORECASE)
# Words in the clause that put an expression in the article's future, beyond "will".
_FUTURE_RE = re.compile(
    r"\b(?:will|won't|shall|scheduled|expected\s+to|set\s+to|due|slated|planned\s+for|upcoming"
    r"|forthcoming|payable|expir(?:e|es|ing)|matur(?:e|es|ing))\b|'ll\b",
    re.IGNORECASE,
)
_CLAUSE_END_RE = re.compile(r"[.;!?\n]")
# A wire-story dateline before a date at the top of the text: "NICOSIA, August 8 (Xinhua) --".
_DATELINE_RE = re.compile(r"\s*[A-Z][A-Z .'-]{1,40}(?:, [A-Z][A-Za-z .]{1,30})?,\s*$")
_DATELINE_ZONE = 200  # characters from the top of the text where a dateline can stand


@dataclass(frozen=True, slots=True)
class Cue:
    """One calendar expression and what it says about the publication date.

    ``kind``: ``office`` (a person named by an office: ``spans`` are the days it
    allows, ``weight`` what a day outside them loses), ``period`` (the year is known; ``first``..``last`` are its days and
    ``grain`` is day, month, season, quarter, half or year), ``month_day``, ``month``,
    ``weekday``, ``this_period`` (``months`` = 1 for "this month", 12 for "this year")
    ``since`` (``months`` counted from the dated ``first``..``last``; for a known event's
    mention ``spans`` are the months of writing, one per event it may be, and ``months`` is 0)
    and ``after`` (a known event told as past: written after ``first``; ``weight`` is what
    a day before it loses).
    ``relation``: ``past`` (reported as done), ``future`` (looked forward to), ``asof``
    ("By Sunday": the state of things then), ``dateline`` (the date a wire story opens
    with), ``stamp`` (a full date closing a line: an embedded post's or a caption's),
    ``until`` (the end of a span or a deadline: "through Feb. 8"),
    ``last``/``this``/``next`` (explicit deixis) or ``early``/``late``.
    """

    start: int
    end: int
    kind: str
    relation: str = "past"
    grain: str = ""
    first: date | None = None
    last: date | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    months: float | None = None
    spans: tuple[tuple[date, date], ...] = ()
    weight: float = 0.0

    @property
    def year(self) -> int | None:
        """The year a dated cue falls in (its last day's year), None for yearless ones."""
        return self.last.year if self.last is not None and self.kind == "period" else None


def find_cues(text: str) -> list[Cue]:
    """Dating cues of ``text``, left to right, from the temporal tagger's expressions."""
    try:
        timexes = find_timexes(text, None)
    except KeyError:
        # The tagger's duration rule fails on "two centuries" (timex_relative's unit
        # lookup); until it is fixed there, such a text gives no cues rather than
        # stopping the pipeline.
        return []
    tense = textual_tense(text)
    cues: list[Cue] = []
    for i, timex in enumerate(timexes):
        if timex.anchor is not None:  # resolved against another expression or the (unknown) DCT
            continue
        cue = _cue(text, timex, tense, timexes[i + 1:i + 3])
        if cue is not None:
            cues.append(cue)
    open_end = office_open_end()
    for office in find_office_cues(text, tense):
        spans = tuple(allowed_days(office, open_end))
        if spans:
            cues.append(Cue(office.start, office.end, "office", office.relation, spans=spans, weight=office.weight))
    for event in find_event_cues(text, tense):
        if event.kind == "since":
            windows = event.windows()
            cues.append(Cue(event.start, event.end, "since", first=min(w[0] for w in windows),
                            last=max(w[1] for w in windows), months=0.0, spans=windows))
        else:
            cues.append(Cue(event.start, event.end, "after", first=event.events[0].first, last=event.events[0].last,
                            weight=AFTER_WEIGHT))
    cues.sort(key=lambda c: c.start)
    return cues


def office_open_end() -> date:
    """The last day a term still running in the office table is taken to last: half a year after its date."""
    as_of = office_table().as_of
    return date.fromordinal(as_of.toordinal() + 180)


def month_end(year: int, month: int) -> date:
    """The last day of ``month`` in ``year`` (months past 12 run into the next year)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _months_span(year: int, first_month: int, last_month: int) -> tuple[date, date]:
    return date(year, first_month, 1), month_end(year, last_month)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence-like stretch around ``[start, end)`` (at most 200 characters each way)."""
    lo = max(0, start - 200)
    breaks = [m.end() for m in _CLAUSE_END_RE.finditer(text, lo, start)]
    hit = _CLAUSE_END_RE.search(text, end, min(len(text), end + 200))
    return (breaks[-1] if breaks else lo), (hit.start() if hit else min(len(text), end + 200))


def _relation(text: str, timex: Timex, tense) -> str:
    """``future`` when the clause looks ahead, ``dateline`` at the head of a wire story, else ``past``."""
    if timex.start < _DATELINE_ZONE and _DATELINE_RE.fullmatch(text, 0, timex.start):
        return "dateline"
    lo, hi = _clause(text, timex.start, timex.end)
    said = tense(timex.start)
    if said == "future" or _FUTURE_RE.search(text, max(lo, timex.start - 60), min(hi, timex.end + 40)):
        return "future" if said != "past" or _FUTURE_RE.search(text, timex.start - 25, timex.start) else "past"
    return "past"


def _until(text: str, start: int, relation: str) -> str:
    """``until`` for a date told as the end of a span or a deadline ("through Feb. 8"), else ``relation``.

    Such a date may lie on either side of the day of writing, so it bounds nothing.
    """
    if relation in ("past", "future") and _UNTIL_BEFORE_RE.search(text, max(0, start - 30), start):
        return "until"
    return relation


def _modifier(timex: Timex) -> str:
    """The deictic word a yearless expression starts with: last, this, next, early, late or ''."""
    m = _MODIFIER_RE.match(timex.text)
    if not m:
        return ""
    word = " ".join(m.group(1).lower().split())
    return {"this past": "last", "past": "last", "coming": "next", "earlier": "early",
            "later": "late", "mid": ""}.get(word, word)


def _cue(text: str, timex: Timex, tense, following: list[Timex]) -> Cue | None:
    """The cue a TIMEX3 value gives, or None when it says nothing about the date of writing."""
    value, start, end = timex.value, timex.start, timex.end
    if timex.type == "DURATION":
        return _since(text, timex, following)
    if timex.type not in ("DATE", "TIME"):
        return None
    value = value.split("T")[0]
    weekday_word = _WEEKDAY_WORD_RE.search(timex.text)
    weekday = WEEKDAYS[weekday_word.group(1).lower()] if weekday_word else None
    if period := _period_days(value):
        first, last, grain = period
        relation = _relation(text, timex, tense)
        if grain != "year":
            relation = _until(text, start, relation)
        if grain == "day" and relation == "past" and _LINE_END_RE.match(text, end):
            relation = "stamp"
        return Cue(start, end, "period", relation, grain, first, last, weekday=weekday if grain == "day" else None)
    if m := _MONTH_DAY_RE.match(value):
        month, day = int(m[1]), int(m[2])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        relation = _until(text, start, _relation(text, timex, tense))
        return Cue(start, end, "month_day", relation, month=month, day=day, weekday=weekday)
    if m := _MONTH_RE.match(value):
        relation = _modifier(timex) or _until(text, start, _relation(text, timex, tense))
        return Cue(start, end, "month", relation, month=int(m[1]))
    if m := _SEASON_RE.match(value):
        relation = _modifier(timex) or _relation(text, timex, tense)
        if relation not in ("last", "this", "next"):
            return None  # a bare season ("in the fall") is too loose to date by
        return Cue(start, end, "month", relation, month=(SEASON_MONTHS[m[1]][1] - 1) % 12 + 1)
    if m := _WEEKDAY_RE.match(value):
        relation = _modifier(timex)
        if not relation:
            relation = _relation(text, timex, tense)
            if relation == "past" and _ASOF_BEFORE_RE.search(text, max(0, start - 20), start):
                relation = "asof"  # "By Sunday, they had left": the state of things on the day of writing
        return Cue(start, end, "weekday", relation, weekday=int(m[1]) - 1)
    if value in ("XXXX-XX", "XXXX") and timex.mod in ("START", "END") and "this" in timex.text.lower():
        relation = "early" if timex.mod == "START" else "late"
        return Cue(start, end, "this_period", relation, months=1.0 if value == "XXXX-XX" else 12.0)
    return None


def _since(text: str, timex: Timex, following: list[Timex]) -> Cue | None:
    """``twenty-eight months since … 2022``: a duration counted from an event whose date is named.

    Only a duration followed by "since" whose clause names the starting event's year
    says anything about the date of writing; "two years ago" alone does not.
    """
    m = _DURATION_RE.match(timex.value)
    if not m or not _SINCE_AFTER_RE.match(text, timex.end):
        return None
    _, clause_end = _clause(text, timex.start, timex.end)
    for anchor in following:
        if anchor.start > clause_end:
            break
        if period := _period_days(anchor.value):
            months = sum(float(n) * UNIT_MONTHS[unit] for n, unit in _DURATION_PART_RE.findall(m[1]))
            return Cue(timex.start, anchor.end, "since", "past", first=period[0], last=period[1], months=months)
    return None


def _period_days(value: str) -> tuple[date, date, str] | None:
    """First day, last day and grain of a TIMEX3 value whose year is known, else None.

    >>> _period_days("2022-SP")
    (datetime.date(2022, 3, 1), datetime.date(2022, 5, 31), 'season')
    """
    if m := _FULL_RE.match(value):
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return day, day, "day"
    if m := _MONTH_YEAR_RE.match(value):
        return *_months_span(int(m[1]), int(m[2]), int(m[2])), "month"
    if m := _PART_YEAR_RE.match(value):
        grain = "season" if m[2] in SEASON_MONTHS else "quarter"
        return *_months_span(int(m[1]), *(SEASON_MONTHS | QUARTER_MONTHS | HALF_MONTHS)[m[2]]), grain
    if m := _YEAR_RE.match(value):
        return *_months_span(int(m[1]), 1, 12), "year"
    return None
