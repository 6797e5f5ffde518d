"""What the words around a number say about it: not a quantity at all, or hedged, or a change.

A news reader does not call years, dates, times of day, phone numbers, addresses, numbers
in names ("Voyager 2", "highway 35", "exit 436") or "one of the" quantities; this module
recognises them from the text next to the number. It also reads the hedge written before
a quantity ("nearly" → below, "some" → approximately) and the change verb ("rose by").
All patterns are compiled once and matched on short windows, so each check is O(1) per
number.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from newsweave.extract.quantity_numbers import NumberSpan
from newsweave.extract.quantity_units import CURRENCY_PREFIXES

MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.IGNORECASE)
MONTH_AFTER = re.compile(rf"\s*(?:{MONTHS})\b", re.IGNORECASE)
YEAR_AFTER = re.compile(r"'?s\b|\s*[-–/]\s*(?:\d{2}|\d{4})\b(?!\s*%)", re.IGNORECASE)
CLOCK_AFTER = re.compile(r"\s*(?:[ap]\.?m\.?(?![A-Za-z])|[:.]\d{2}\s*[ap]\.?m\.?(?![A-Za-z])|:\d{2})", re.IGNORECASE)
# what a clock reading looks like before "pm"/"am": "2", "9.30", "10:15" (not "2.123 pm", picometres)
CLOCK_NUMBER = re.compile(r"(?:[01]?\d|2[0-4])(?:[.:][0-5]\d)?")
PHONE_RE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}|\d{3,4}-\d{3,8}-\d{3,4})(?!\d)")
ONE_OF_AFTER = re.compile(r"\s+of\s+(?:the|its|his|her|their|our|my|your|those|these|them|us|you)\b", re.IGNORECASE)
NAME_BEFORE = re.compile(r"(?:^|(?P<mid>[^.!?:;\s])\s+)[\"“(]?(?P<name>[A-Z][A-Za-z]*|No\.|#)\s*$")
# lower-case nouns that name the thing a number identifies: "highway 35", "exit 436", "page 4"
DESIGNATOR_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:highway|route|interstate|exit|junction|flight|room|gate|platform|terminal|channel|"
    r"page|pages|chapter|section|article|paragraph|clause|amendment|version|model|apartment|suite|"
    r"building|lot|track|pier|bus|seat|row|box|item|figure|fig\.|table|episode|season|vol\.|volume|"
    r"issue|verse|no\.|number|precinct|ward|sector|block|lane|pump|reactor|unit|camp|level|grade|"
    r"phase|stage|tier|category|class|size|type|generation|gen|series|line|bay|hangar|pad|runway|cell|"
    r"squadron|battalion|brigade|regiment|corps|fleet|zone)\s*#?\s*$",
    re.IGNORECASE,
)
ADDRESS_AFTER = re.compile(
    r"\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Place|"
    r"Pl|Court|Ct|Terrace|Parkway|Square|Sq)\b"
)
# a model or catalogue code right before: "Core i7 860", "the A320 200"
CODE_BEFORE = re.compile(r"(?<![\w-])[A-Za-z]+\d+[A-Za-z\d]*\s+$")
LIST_MARKER_AFTER = re.compile(r"\s*\)")
OPEN_PAREN_BEFORE = re.compile(r"\(\s*$")

HEDGES = {
    "approximately": r"about|around|roughly|approximately|approx\.?|aproximately|some|an\s+estimated|estimated|circa|ca\.|~|close\s+to|nearly\s+as\s+many\s+as|on\s+the\s+order\s+of",
    "below": r"nearly|almost|less\s+than|fewer\s+than|under|just\s+under|below|short\s+of|not\s+quite",
    "above": r"over|more\s+than|above|exceeding|in\s+excess\s+of|upwards\s+of|just\s+over|greater\s+than|higher\s+than",
    "at_most": r"as\s+much\s+as|as\s+many\s+as|up\s+to|barely|no\s+more\s+than|not\s+more\s+than|at\s+most|a\s+maximum\s+of|maximum\s+of|a\s+mere|only",
    "at_least": r"at\s+least|no\s+less\s+than|no\s+fewer\s+than|a\s+minimum\s+of|minimum\s+of|not\s+less\s+than",
}
HEDGE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:%s)\s*$" % "|".join(f"(?P<{k}>{v})" for k, v in HEDGES.items()), re.IGNORECASE
)
_UP = r"rose|rise[sn]?|rising|increased?|increasing|grew|grow(?:n|s|ing)?|jump(?:ed|s)?|climb(?:ed|s)?|gain(?:ed|s)?|soar(?:ed|s)?|surg(?:ed|es)|up|added|raised?|boost(?:ed)?|swell(?:ed)?"
_DOWN = r"fell|fall(?:s|en|ing)?|drop(?:ped|s)?|declin(?:ed|es)|decreas(?:ed|es)|slid|slump(?:ed|s)?|sank|sunk|tumbled?|plunged?|lost|los(?:es|ing)|cut|down|shr[au]nk|reduced?|slashed?|dipped|eased"
CHANGE_BEFORE = re.compile(
    rf"(?<![A-Za-z])(?:(?P<up>{_UP})|(?P<down>{_DOWN}))(?:\s+by)?(?:\s+(?:about|around|roughly|some|nearly|almost|more\s+than|over|just))?\s*$",
    re.IGNORECASE,
)
# "rose from 5 to 7" states two values (before and after), not a range
FROM_CHANGE_BEFORE = re.compile(rf"(?:{_UP}|{_DOWN}|changed?|went|moved?)\s+(?:\w+\s+)?from\s*(?:about\s+|around\s+)?$", re.IGNORECASE)
BETWEEN_BEFORE = re.compile(r"\b(?:between|from)\s+(?:about\s+|around\s+|some\s+)?$", re.IGNORECASE)


def is_clock(text: str, num: NumberSpan) -> bool:
    """A time of day: "2 pm", "9.30am", "10:15"; "2.123 pm" is picometres, not a clock."""
    if not CLOCK_AFTER.match(text, num.end):
        return False
    return bool(CLOCK_NUMBER.fullmatch(text, num.start, num.end))


def is_year(text: str, num: NumberSpan, unit_follows: bool, money: bool) -> bool:
    """A four-digit integer in 1000-2100, not grouped, that nothing marks as a quantity."""
    if num.grouped or not num.value.is_integer() or not 1000 <= abs(num.value) <= 2100:
        return False
    if "." in text[num.start: num.end] or money:
        return False
    return not unit_follows or bool(YEAR_AFTER.match(text, num.end))


def _in_name(text: str, start: int) -> bool:
    """Whether the number follows a capitalised word that makes it part of a name.

    A capitalised word opening a sentence is a name only when it is not a common word
    ("Voyager 2" is a name; "All 70 of us", "Some 500 troops" are not).
    """
    m = NAME_BEFORE.search(text, max(0, start - 30), start)
    if not m:
        return False
    name = m.group("name")
    if name.lower() in CURRENCY_PREFIXES or MONTH_BEFORE.search(name):
        return False
    return m.group("mid") is not None or name.lower() not in STOP_WORDS


def excluded(text: str, num: NumberSpan, has_unit: bool, blocked: list[tuple[int, int]]) -> bool:
    """Whether a number is a year, date, time, phone number, address or part of a name.

    Numbers with a unit are only checked for clocks and phone numbers: "5 km" is a
    quantity wherever it stands.
    """
    start, end = num.start, num.end
    if any(b_start <= start < b_end for b_start, b_end in blocked):
        return True
    if is_clock(text, num):
        return True
    if start > 1 and text[start - 1] == ":" and text[start - 2].isdigit():
        return True
    if has_unit or not num.digits:
        return not num.digits and num.value == 1 and bool(ONE_OF_AFTER.match(text, end))
    window_start = max(0, start - 12)
    if MONTH_BEFORE.search(text, window_start, start) or MONTH_AFTER.match(text, end):
        return True
    if num.value.is_integer() and 1000 <= num.value <= 2100 and not num.grouped and "." not in text[start:end]:
        return True
    if _in_name(text, start) or DESIGNATOR_BEFORE.search(text, max(0, start - 14), start) \
            or CODE_BEFORE.search(text, max(0, start - 16), start):
        return True
    if ADDRESS_AFTER.match(text, end):
        return True
    # a list marker: "1 ) explains ..."
    return bool(LIST_MARKER_AFTER.match(text, end)) and not OPEN_PAREN_BEFORE.search(text, window_start, start)


def hedge_before(text: str, pos: int) -> str | None:
    """The bound a hedge right before ``pos`` implies ("nearly" → "below"), if any."""
    m = HEDGE_BEFORE.search(text, max(0, pos - 30), pos)
    return m.lastgroup if m else None


def change_before(text: str, pos: int) -> str | None:
    """"increase" or "decrease" when a change verb comes right before ``pos``."""
    m = CHANGE_BEFORE.search(text, max(0, pos - 40), pos)
    if not m:
        return None
    return "increase" if m.group("up") else "decrease"
