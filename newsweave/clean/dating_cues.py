"""Dating cues: the words in an article that say something about when it was written.

A cue is a calendar expression found in the text (``March 12``, ``August 2024``,
``On Saturday``, ``last August``, ``twenty-eight months since … 2022``) together with
what it implies about the publication date: whether the text reports it as past,
looks ahead to it, or uses it as the "as of" point of the report.

:func:`find_cues` is the one place that reads the text; the solver in
:mod:`newsweave.clean.dating_solve` only sees the cues. That keeps the calendar
arithmetic independent of how expressions are found, so a general temporal tagger
can replace the regular expressions here without touching the inference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
}
UNIT_MONTHS = {"month": 1.0, "year": 12.0, "week": 7 / 30.44, "day": 1 / 30.44, "decade": 120.0}

# Month names; "May" and "March" double as ordinary words, so a bare month (no day, no
# year) is only read when a temporal preposition or qualifier stands before it.
_MONTH = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAY = r"(?P<{g}>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<{g}>(?:1[89]|20)\d\d)"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_NUMBER_WORD = "(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_NUM = r"(?P<num>\d+|" + _NUMBER_WORD + r"(?:-" + _NUMBER_WORD + r")?)"

_CUE_RE = re.compile(
    "|".join(
        [
            # ISO date: 2025-03-12
            r"(?<![\d-])(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))(?![\d-])",
            # (Wednesday,) March 12(, 2025)
            r"(?:" + _WEEKDAY.format(g="wd1") + r",?\s+)?" + _MONTH.format(g="m1") + r"\s+"
            + _DAY.format(g="d1") + r"(?!\d)(?:,?\s+" + _YEAR.format(g="y1") + r")?(?![\d,]\d)",
            # (Wednesday) 12 March(, 2025)
            r"(?:" + _WEEKDAY.format(g="wd2") + r",?\s+)?(?:the\s+)?" + _DAY.format(g="d2")
            + r"\s+(?:of\s+)?" + _MONTH.format(g="m2") + r"(?:,?\s+" + _YEAR.format(g="y2") + r")?(?!\d)",
            # August 2024, September of 2022
            _MONTH.format(g="m3") + r",?\s+(?:of\s+)?" + _YEAR.format(g="y3") + r"(?![\d,]\d)",
            # last August, earlier in February, in June (not "in June 2024", "in June 12")
            r"(?P<mq>\b(?i:(?:last|this|next|early|late|earlier in|later in|in|since|until|by|during|of)\s+|mid-))"
            + _MONTH.format(g="m4") + r"(?![\w.])(?!,?\s+(?:of\s+)?\d)",
            # this past summer, last spring: the season's last month stands for it
            r"(?P<sq>\b(?i:(?:last|this past|this|early|late|earlier this|in the|next)\s+|mid-))"
            r"(?P<season>(?i:spring|summer|autumn|fall|winter))\b(?!\s+of\b)(?!,?\s+\d)",
            # N months since / after / ago
            r"\b(?i:" + _NUM + r"(?:[\s-]+and[\s-]+a[\s-]+half)?[\s-]+(?P<unit>day|week|month|year|decade)s?"
            r"(?:[\s-]+(?:long|old))?\s+(?P<rel>since|after|ago|later|before))\b",
            # Saturday, on Saturday, by Sunday, last Friday, next Monday
            r"(?P<wq>\b(?i:on|by|as of|since|until|last|next|this|early|late|on\s+the\s+morning\s+of)\s+)?"
            + _WEEKDAY.format(g="wd3") + r"(?!s\b)\b(?!,?\s+(?:the\s+)?(?:[0-3]?\d\b|[A-Z][a-z]+\.?\s+\d))",
            # earlier this month, later this year
            r"\b(?P<relphrase>(?i:(?:earlier|later|late|early)\s+this\s+(?:month|year)))\b",
            # a bare year: in 2022, the 2022 invasion (not an amount: $2022, 2,022, 2022%)
            r"(?<![\d$£€.,/-])" + _YEAR.format(g="y4") + r"(?![\d%/]|,\d|\.\d|-\d\d\b)",
        ]
    ),
)

# Words in the same clause that put an expression in the article's future.
_FUTURE_RE = re.compile(
    r"(?:\b(?:will|won't|shall|(?:is|are|be) (?:scheduled|expected|set|due|planned|slated) (?:to|for)"
    r"|plans? to|upcoming|forthcoming|payable|due|matur(?:e|es|ing|ity)|expir(?:e|es|ing)|record date)\b|'ll\b)",
    re.IGNORECASE,
)
# How far before and after an expression a future marker may stand to govern it.
_FUTURE_BEFORE, _FUTURE_AFTER = 60, 40
# A wire-story dateline before a date at the top of the text: "NICOSIA, August 8 (Xinhua) --".
_DATELINE_RE = re.compile(r"\s*[A-Z][A-Z .'-]{1,40}(?:, [A-Z][A-Za-z .]{1,30})?,\s*$")
SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}
_CLAUSE_END_RE = re.compile(r"[.;!?\n]")


@dataclass(frozen=True, slots=True)
class Cue:
    """One calendar expression and what it says about the publication date.

    ``kind`` is one of ``date`` (year, month, day known), ``month_day``, ``month_year``,
    ``year``, ``month``, ``weekday``, ``since`` (a duration counted from an anchored
    event) and ``this_period``. ``relation`` is ``past`` (reported as done), ``future``
    (looked forward to), ``asof`` (the state of things at that point: "By Sunday"), ``dateline`` (the date a wire story
    opens with, which is its date),
    ``last``/``this``/``next`` (explicit deixis) or ``early``/``late``.
    """

    start: int
    end: int
    kind: str
    relation: str = "past"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    months: float | None = None  # for ``since``: the duration in months
    anchor: tuple[int, int] | None = None  # for ``since``: (year, month or 0)


def find_cues(text: str) -> list[Cue]:
    """Find dating cues in ``text``, left to right, in one pass of one compiled pattern.

    >>> [(c.kind, c.month, c.day) for c in find_cues("On March 12, troops entered Sudzha.")]
    [('month_day', 3, 12)]
    """
    cues: list[Cue] = []
    for m in _CUE_RE.finditer(text):
        cue = _cue_from_match(text, m)
        if cue is not None:
            cues.append(cue)
    return cues


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _number(word: str) -> float | None:
    if word.isdigit():
        return float(word)
    parts = re.split(r"[\s-]+", word.lower())
    total = 0
    for part in parts:
        if part not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[part]
    return float(total)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence-like clause around ``[start, end)``."""
    left = start
    while left > 0 and not _CLAUSE_END_RE.match(text[left - 1]) and start - left < 200:
        left -= 1
    hit = _CLAUSE_END_RE.search(text, end, min(len(text), end + 200))
    return left, hit.start() if hit else min(len(text), end + 200)


def _tense(text: str, start: int, end: int) -> str:
    """``future`` when a future marker ("will", "is scheduled to") governs the expression."""
    left, right = _clause(text, start, end)
    left, right = max(left, start - _FUTURE_BEFORE), min(right, end + _FUTURE_AFTER)
    return "future" if _FUTURE_RE.search(text, left, right) else "past"


def _cue_from_match(text: str, m: re.Match) -> Cue | None:
    g = m.groupdict()
    start, end = m.start(), m.end()
    if g["iso"]:
        year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return Cue(start, end, "date", _tense(text, start, end), year, month, day)
    for mg, dg, yg, wg in (("m1", "d1", "y1", "wd1"), ("m2", "d2", "y2", "wd2")):
        if g[mg]:
            day = int(g[dg])
            if not 1 <= day <= 31:
                return None
            year = int(g[yg]) if g[yg] else None
            weekday = WEEKDAYS[g[wg].lower()] if g[wg] else None
            kind = "date" if year else "month_day"
            relation = "dateline" if _DATELINE_RE.match(text, 0, start) else _tense(text, start, end)
            return Cue(start, end, kind, relation, year, _month(g[mg]), day, weekday)
    if g["m3"]:
        if g["m3"] == "May" and text[max(0, start - 1):start].isalpha():
            return None
        return Cue(start, end, "month_year", _tense(text, start, end), int(g["y3"]), _month(g["m3"]))
    if g["m4"]:
        qualifier = g["mq"].strip().lower()
        relation = {"last": "last", "this": "this", "next": "future", "until": "future"}.get(qualifier)
        relation = relation or _tense(text, start, end)
        return Cue(m.start("m4"), end, "month", relation, month=_month(g["m4"]))
    if g["season"]:
        qualifier = g["sq"].strip().lower()
        relation = "future" if qualifier == "next" else "last" if qualifier == "last" else _tense(text, start, end)
        return Cue(m.start("season"), end, "month", relation, month=SEASON_END[g["season"].lower()])
    if g["unit"]:
        return _since_cue(text, m)
    if g["wd3"]:
        qualifier = (g["wq"] or "").strip().lower()
        if qualifier in ("by", "as of", "until") and _tense(text, start, end) == "past":
            relation = "asof"
        elif qualifier == "last":
            relation = "last"
        elif qualifier in ("next", "until"):
            relation = "future"
        else:
            relation = _tense(text, start, end)
        return Cue(start, end, "weekday", relation, weekday=WEEKDAYS[g["wd3"].lower()])
    if g["relphrase"]:
        phrase = g["relphrase"].lower()
        relation = "early" if phrase.startswith(("earlier", "early")) else "late"
        return Cue(start, end, "this_period", relation, months=1.0 if phrase.endswith("month") else 12.0)
    if g["y4"]:
        return Cue(start, end, "year", _tense(text, start, end), int(g["y4"]))
    return None


_ANCHOR_RE = re.compile(
    r"(?:" + _MONTH.format(g="am") + r",?\s+(?:of\s+)?)?(?<![\d$£€.,/-])" + _YEAR.format(g="ay") + r"(?![\d%])"
)


def _since_cue(text: str, m: re.Match) -> Cue | None:
    """``twenty-eight months since … 2022``: a duration counted from a dated event.

    Only a duration whose starting event names its year in the same clause says
    anything about the publication date; ``two years ago`` alone does not.
    """
    amount = _number(m.group("num"))
    if amount is None:
        return None
    if re.search(r"and[\s-]+a[\s-]+half", m.group(0)):
        amount += 0.5
    months = amount * UNIT_MONTHS[m.group("unit").lower()]
    rel = m.group("rel").lower()
    if rel in ("later", "before"):
        return None
    _, right = _clause(text, m.start(), m.end())
    if rel == "ago":
        return None
    anchor = _ANCHOR_RE.search(text, m.end(), right)
    if anchor is None:
        return None
    month = _month(anchor.group("am")) if anchor.group("am") else 0
    return Cue(m.start(), anchor.end(), "since", "past", months=months, anchor=(int(anchor.group("ay")), month))
