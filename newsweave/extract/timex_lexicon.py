"""Words and regular-expression pieces for temporal expressions, and calendar arithmetic.

Everything here is immutable: word tables are dicts built once at import and never
changed, and the regex fragments are plain strings that :mod:`newsweave.extract.timex`
compiles once into its rules.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "noon": "MI",
}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "last": 4, "final": 4,
}
HALVES = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "last": 2, "latter": 2}

UNITS = {
    # unit word -> (TIMEX3 duration letter, whether it is a time unit written after "PT")
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "night": ("D", False), "week": ("W", False), "fortnight": ("W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("DE", False), "century": ("CE", False), "weekend": ("WE", False),
}
UNIT_PLURALS = {"centuries": "century", "centurie": "century"}


def unit_name(word: str) -> str:
    """The :data:`UNITS` key for a unit as written ("Centuries", "centurie", "days" -> "century", "day").

    >>> unit_name("Centuries"), unit_name("centurie"), unit_name("weeks")
    ('century', 'century', 'week')
    """
    word = " ".join(word.lower().replace("-", " ").split())
    if word in UNIT_PLURALS:
        return UNIT_PLURALS[word]
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = {w: i for i, w in enumerate(_SMALL)}
NUMBER_WORDS.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
NUMBER_WORDS.update({"a": 1, "an": 1, "one": 1, "a couple of": 2, "a couple": 2, "couple of": 2,
                     "a dozen": 12, "dozen": 12, "hundred": 100, "a hundred": 100})
VAGUE_QUANTITIES = ("several", "a few", "few", "many", "some", "a number of", "numerous")

# --- regex fragments (all used with re.IGNORECASE unless said otherwise) ---------------
_SMALL_RE = "|".join(sorted(_SMALL[1:], key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
NUMBER_RE = (
    rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|(?:{_TENS_RE})(?:[- ](?:{_SMALL_RE}))?|{_SMALL_RE}"
    r"|a\s+couple(?:\s+of)?|couple\s+of|a\s+dozen|a\s+hundred|half[\s-]+an?|a\s+half|an?|one)"
    r"(?:[- ]and[- ]a[- ]half|[\s-]1/2|\s*\u00bd)?"
)
VAGUE_RE = r"(?:several|a\s+few|few|many|some|a\s+number\s+of|numerous|the\s+past\s+few)"
UNIT_RE = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?=\s+\d)))"
)
WEEKDAY_RE = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|(?:Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun)\.)"
)
SEASON_RE = r"(?:spring|summer|fall|autumn|winter)"
PART_OF_DAY_RE = r"(?:morning|afternoon|evening|night)"
YEAR_RE = r"(?:1[5-9]\d\d|20\d\d)"
_DECADE_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
# a year as news transcripts say it: "nineteen ninety-four"
SPELLED_YEAR_RE = rf"(?:nineteen|twenty)[\s-]+(?:{_DECADE_WORDS})(?:[\s-]+(?:{_UNIT_WORDS}))?"
# a year written in digits or spelled out
ANY_YEAR_RE = rf"(?:{YEAR_RE}|{SPELLED_YEAR_RE})"
ORDINAL_RE = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
MOD_PREFIXES = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "APPROX", "almost": "APPROX", "more than": "MORE_THAN",
    "over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN", "at least": "EQUAL_OR_MORE",
    "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
}
MOD_RE = (
    r"(?:about|around|approximately|roughly|nearly|almost|more\s+than|over|less\s+than"
    r"|under|at\s+least|up\s+to|no\s+more\s+than)"
)
POSITION_MODS = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "the end of": "END", "late": "END", "later": "END", "the middle of": "MID", "mid": "MID",
    "the early": "START", "the late": "END", "the mid": "MID",
}
POSITION_RE = (
    r"(?:(?:the\s+)?(?:early|late|mid)[- ]?|the\s+(?:beginning|start|end|middle)\s+of\s+)"
)

_SPACES = re.compile(r"[\s-]+")


def squash(text: str) -> str:
    """Lower-case and collapse whitespace and hyphens to one space ("Two-and-a-half" -> "two and a half")."""
    return _SPACES.sub(" ", text.lower()).strip()


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words, or None when it is vague.

    >>> parse_number("twenty-eight"), parse_number("two-and-a-half"), parse_number("1,000")
    (28, 2.5, 1000)
    """
    words = squash(text).replace(",", "")
    if words in ("half a", "half an", "a half"):  # "half an hour", "a half hour"
        return 0.5
    half = 0.0
    for suffix in (" and a half", " 1/2", "\u00bd"):
        if words.endswith(suffix):
            words, half = words[: -len(suffix)].rstrip(), 0.5
    if words in VAGUE_QUANTITIES or words.startswith("the past few"):
        return None
    try:
        value: float = float(words)
    except ValueError:
        parts = words.split(" ")
        if words in NUMBER_WORDS:
            value = NUMBER_WORDS[words]
        elif len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
            value = NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
        else:
            return None
    value += half
    return int(value) if value == int(value) else value


def year_number(text: str) -> int:
    """The year written in digits or words.

    >>> year_number("1994"), year_number("nineteen ninety-four"), year_number("twenty twenty")
    (1994, 1994, 2020)
    """
    words = squash(text)
    if words.isdigit():
        return int(words)
    parts = words.split(" ")
    century = 1900 if parts[0] == "nineteen" else 2000
    return century + sum(NUMBER_WORDS[w] for w in parts[1:])


def format_number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def duration_value(amount: float | None, unit: str) -> str:
    """The TIMEX3 duration for ``amount`` ``unit``s; an unknown amount is X.

    >>> duration_value(7, "month"), duration_value(24, "hour"), duration_value(None, "year")
    ('P7M', 'PT24H', 'PXY')
    >>> duration_value(2.5, "year"), duration_value(1.5, "day"), duration_value(0.5, "year")
    ('P2Y6M', 'P1DT12H', 'P6M')
    """
    unit = unit_name(unit)
    letter, is_time = UNITS[unit]
    if unit == "decade" and amount is not None:
        amount, letter = amount * 10, "Y"
    elif unit == "century" and amount is not None:
        amount, letter = amount * 100, "Y"
    elif unit == "fortnight" and amount is not None:
        amount = amount * 2
    elif unit == "weekend":
        letter = "D"
        amount = None if amount is None else amount * 2
    if unit == "decade" and amount is None:
        letter = "Y"  # TempEval-3 writes "decades" as PXY
    smaller = {"H": ("M", 60), "M": ("S", 60)}
    if is_time and amount is not None and amount != int(amount) and letter in smaller:
        small, factor = smaller[letter]  # PT1.5M is written PT1M30S
        whole = int(amount)
        rest = format_number(round((amount - whole) * factor, 3))
        return f"PT{whole}{letter}{rest}{small}" if whole else f"PT{rest}{small}"
    calendar_smaller = {"Y": ("M", 12), "W": ("D", 7)}
    if not is_time and amount is not None and amount != int(amount) and letter in calendar_smaller:
        small, factor = calendar_smaller[letter]  # two and a half years is P2Y6M
        whole, rest = int(amount), round((amount - int(amount)) * factor, 3)
        if rest == int(rest):
            return f"P{whole}{letter}{int(rest)}{small}" if whole else f"P{int(rest)}{small}"
    if not is_time and letter == "D" and amount is not None and amount != int(amount):
        whole, hours = int(amount), round((amount - int(amount)) * 24, 3)  # a day and a half is P1DT12H
        if hours == int(hours):
            return f"P{whole}DT{int(hours)}H" if whole else f"PT{int(hours)}H"
    number = "X" if amount is None else format_number(amount)
    return f"PT{number}{letter}" if is_time else f"P{number}{letter}"


def shift_month(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's length (Jan 31 + 1 -> Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(f"cannot shift {day} by {months} months")


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (Thanksgiving is the 4th Thursday of November)."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
