"""Rules for times a calendar names: years, decades, centuries, seasons, holidays, weekends.

"1990", "the '80s", "the 20th century", "last summer", "Thanksgiving", "Easter week", "the
weekend", "year-end", "nineteen ninety-six": each is one compiled regex and its normaliser,
assembled with the relative rules in :data:`newsweave.extract.timex_relative.RELATIVE_RULES`.
"""

from __future__ import annotations

import datetime as dt
import re

from newsweave.extract.timex_lexicon import (
    ANY_YEAR_RE, NUMBER_WORDS, POSITION_RE, SEASON_RE, SEASONS, YEAR_RE, nth_weekday, squash, year_number,
)
from newsweave.extract.timex_resolve import SEASON_START, Point, resolve_season
from newsweave.extract.timex_rules import Context, Found, Rule, _position

FLAGS = re.IGNORECASE | re.VERBOSE

# --- years, decades, centuries ---------------------------------------------------------------
# "2000 troops" counts troops; "1989 is following the trend", "1989 was" are years
_YEAR_PLURAL_AFTER = re.compile(
    r"\s+(?!(?:years|days|times|hours|months|weeks|is|was|has|his|its|this|as|thus|us|does|plus|less|unless|across"
    r"|versus|perhaps|always|whereas)\b)[a-z]+s\b"
)
# a currency sign, "No.", or a digit right before: part of a bigger number ("555-1990", but
# "2019-2020" is a range of years); "in 1994, 1995" is a list of years
_NUMBER_CONTEXT = re.compile(r"(?:[$£€#]\s*|\d[,.]?|(?<!\b[12]\d\d)\d-|\bNo\.\s*)$")


# a year before a carmaker and the model or a kind of vehicle is a model year
_MODEL_AFTER = re.compile(
    r"\s+(?:Chevrolet|Chevy|Ford|Toyota|Honda|Nissan|Dodge|Chrysler|Buick|Cadillac|Pontiac|Oldsmobile|Jeep|GMC|BMW"
    r"|Mercedes(?:-Benz)?|Volkswagen|VW|Audi|Porsche|Volvo|Subaru|Mazda|Hyundai|Kia|Plymouth|Tesla|Lexus|Acura"
    r"|Infiniti|Mitsubishi|Ferrari|Lamborghini|Saab|Fiat|Peugeot|Renault|Harley-Davidson)"
    r"\s+(?:[A-Z0-9]|(?:car|truck|pickup|sedan|convertible|coupe|van|minivan|SUV|wagon|hatchback|motorcycle)s?\b)"
)
_TIME_PREPOSITION_BEFORE = re.compile(r"\b(?:in|since|by|until|from|through|during|of|for|before|after|to)\s+$|[,;:.]\s*$", re.IGNORECASE)
_PRE_POST_BEFORE = re.compile(r"\b(?:pre|post)-$", re.IGNORECASE)


def _year(m: re.Match, ctx: Context) -> Found | None:
    mod = _position(m.group("pos"))
    if m.group("yy"):
        decade = int(m.group("yy"))
        century = 19 if decade >= 20 else _century_of(decade, ctx)  # "the '20s" are the 1920s
        return Found("DATE", f"{century}{decade // 10}", mod=mod)
    if m.group("yy2"):
        # "in '87", "the '87 crash": a year written with its century left out
        if not _SHORT_YEAR_BEFORE.search(ctx.text, max(0, m.start() - 10), m.start()) or _QUOTE_CLOSED_AFTER.match(
            ctx.text, m.end()
        ):
            return None  # "after '60 Minutes' interview": the mark opens a quoted title
        year = _century_of(int(m.group("yy2")), ctx) * 100 + int(m.group("yy2"))
        point = Point(dt.date(year, 1, 1), "year")
        return Found("DATE", point.value, mod=mod, point=point, start=m.start("yy2") - 1)
    year = int(m.group("year"))
    if m.group("range"):
        # "the 2019-2020 season", "in 1988-89": the first year of a range of years (the second,
        # written in full, is tagged on its own); "1500-2000 troops" is a range of numbers
        to = int(m.group("to"))
        if not (0 < to - year <= 30 if to >= 1000 else to == (year + 1) % 100) or m.group("decade"):
            return None
    before = ctx.text[max(0, m.start() - 6):m.start()]
    after = ctx.text[m.end():m.end() + 3]
    if _NUMBER_CONTEXT.search(before) or re.match(r"[,.]?\d|%|\s*percent", after):
        return None
    if m.group("decade") and m.group("decade")[0] in "'’" and (
        year % 10 or not (m.group("pos") or _DECADE_LEAD_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start()))
    ):
        # "2016's election", "fiscal 1990's first quarter": a year's possessive, not the decade
        # ("the 1970's", "the mid 1940's"); the span leaves the "'s" out, as for "Friday's"
        point = Point(dt.date(year, 1, 1), "year")
        return Found("DATE", point.value, mod=mod, point=point, end=m.start("decade"), confidence=0.9)
    if m.group("decade"):
        point = Point(dt.date(year, 1, 1), "decade")
        return Found("DATE", point.value, mod=mod, point=point)
    prefix = _PRE_POST_BEFORE.search(ctx.text, max(0, m.start() - 5), m.start()) if not m.group("pos") else None
    if prefix:  # "post-1959 politics", "pre-1990 rules": the year the words lean on, prefix included
        point = Point(dt.date(year, 1, 1), "year")
        return Found("DATE", point.value, point=point, start=prefix.start(), confidence=0.8)
    if not (m.group("pos") or m.group("fiscal")) and _MODEL_AFTER.match(ctx.text, m.end()) and not _TIME_PREPOSITION_BEFORE.search(
        ctx.text, max(0, m.start() - 10), m.start()
    ):
        return None  # "a red 2010 Chevrolet Aveo": a model year names the car ("in 2019 Toyota Motor said" is a time)
    if not (m.group("pos") or m.group("fiscal")) and _YEAR_PLURAL_AFTER.match(ctx.text, m.end()):
        lead = ctx.text[max(0, m.start() - 12):m.start()]
        if not re.search(r"\b(?:in|of|since|by|from|until|the|and|to)\s*$", lead, re.IGNORECASE):
            return None  # "2000 troops": a quantity
    point = Point(dt.date(year, 1, 1), "year")
    return Found("DATE", point.value, mod=mod, point=point, confidence=0.9)


def _century_of(yy: int, ctx: Context) -> int:
    """The century of a two-digit year: the document date's up to five years ahead of it, else the one before.

    >>> _century_of(87, Context("", dt.date(1989, 10, 27), lambda _: None)), _century_of(19, Context("", dt.date(2020, 1, 2), lambda _: None))
    (19, 20)
    """
    if ctx.dct is None:
        return 19
    century = ctx.dct.year // 100
    return century if yy <= ctx.dct.year % 100 + 5 else century - 1


_SHORT_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|of|by|from|until|through|to|and|before|after|during|the|class|summer|spring|fall|autumn|winter)\s+$",
    re.IGNORECASE,
)
_QUOTE_CLOSED_AFTER = re.compile(r"[^'\u2019.!?\n]{1,30}['\u2019](?!\w)")
_DECADE_LEAD_BEFORE = re.compile(r"\b(?:the|mid|early|late)[\s-]*$", re.IGNORECASE)


YEAR_RULE = rf"""
    (?:(?P<pos>{POSITION_RE}))?
    (?:(?P<fiscal>\b(?:fiscal|calendar)\s+(?:year\s+)?))?
    (?:\bthe\s+(?=(?:{YEAR_RE})s\b|'\d0s))?
    (?:\b(?P<year>{YEAR_RE})(?P<decade>['’]?s)?\b(?=(?P<range>\s*[-–]\s*(?P<to>\d{{4}}|\d\d)\b))?
      |(?<![\w'’])['’](?P<yy>\d0)s\b|(?<![\w'’])['’](?P<yy2>\d\d)\b(?!['’]?s\b|[-.,]?\d))
"""


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


# "counts in the twenties", "temperatures in the forties", "the low thirties": numbers, not decades
_NUMBERS_BEFORE = re.compile(
    r"(?:\d|%|\b(?:percent|degrees|temperatures?|counts?|polls?|polling|numbers?|ages?|scores?|ratings?))\b"
    r"(?:\s+\w+){0,2}\s+in\s+the\s+$|\b(?:low|high|upper|lower)[\s-]*$",
    re.IGNORECASE,
)


def _decade_word(m: re.Match, ctx: Context) -> Found | None:
    """"the nineties", "the early sixties": the last such decade begun by the document date."""
    if _NUMBERS_BEFORE.search(ctx.text, max(0, m.start() - 40), m.start("dw")):
        return None
    tens = _DECADE_WORDS[m.group("dw").lower()]
    year = (ctx.dct.year if ctx.dct else 1999) // 100 * 100 + 10 * tens
    if ctx.dct is not None and year > ctx.dct.year:
        year -= 100
    point = Point(dt.date(year, 1, 1), "decade")
    return Found("DATE", point.value, mod=_position(m.group("pos")), point=point)


# "the" is required: "in her forties" is an age
DECADE_WORD_RULE = r"""
    (?:\bthe\s+(?P<pos>early|late|mid)[\s-]*|\bthe\s+)
    \b(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b(?!\s+degrees)
"""


def _century(m: re.Match, ctx: Context) -> Found | None:
    n = int(m.group("n"))
    return Found("DATE", f"{n - 1:02d}", mod=_position(m.group("pos"))) if 1 <= n <= 21 else None


CENTURY_RULE = rf"(?:(?P<pos>{POSITION_RE}))?(?:\bthe\s+)?\b(?P<n>\d{{1,2}})(?:st|nd|rd|th)[\s-]+century\b"


# --- seasons ---------------------------------------------------------------------------------
def _season(m: re.Match, ctx: Context) -> Found | None:
    code = SEASONS[m.group("season").lower()]
    rel = squash(m.group("rel") or "")
    if rel == "this past" and ctx.dct is not None and (ctx.dct.month - SEASON_START[code]) % 12 == 2:
        rel = "this"  # "this past summer" written in August, the season's last month: the summer now ending
    rel = {"this past": "last", "this coming": "next"}.get(rel, rel)
    mod = _position(m.group("pos")) or _position(rel)
    if not (rel or m.group("pos") or m.group("year")):
        return None  # "fall" the verb, "spring" the noun
    if m.group("year"):
        point = Point(dt.date(year_number(m.group("year")), 3 if code == "SP" else 6 if code == "SU" else 9 if code == "FA" else 12, 1), "season", code)
        return Found("DATE", point.value, mod=mod, point=point)
    if ctx.dct is None:
        return Found("DATE", f"XXXX-{code}", mod=mod)
    relation = rel if rel in ("last", "next", "this") else ""
    point = resolve_season(ctx.dct, code, relation, ctx.tense(m.start()))
    return Found("DATE", point.value, mod=mod, anchor="dct", point=point)


SEASON_RULE = rf"""
    (?:(?P<pos>{POSITION_RE}))?
    (?:\b(?P<rel>last|next|this(?:\s+past|\s+coming)?|the|that|early|late)\s+)?
    \b(?P<season>{SEASON_RE})\b(?!\s+(?:of\s+)?(?:19|20)?\d\d\s+(?:percent|%))
    (?:\s+(?:of\s+)?(?P<year>{ANY_YEAR_RE})\b)?
"""


# --- holidays ----------------------------------------------------------------------------------
def easter(year: int) -> dt.date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian computus).

    >>> easter(2000), easter(2019)
    (datetime.date(2000, 4, 23), datetime.date(2019, 4, 21))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday_on(name: str, year: int) -> dt.date:
    """The day a holiday falls on in ``year`` (``name`` squashed: "thanksgiving day")."""
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's": (1, 1),
             "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
             "the fourth of july": (7, 4), "fourth of july": (7, 4), "halloween": (10, 31),
             "valentine's day": (2, 14), "veterans day": (11, 11), "juneteenth": (6, 19)}
    if name in fixed:
        return dt.date(year, *fixed[name])
    if name.startswith("thanksgiving"):
        return nth_weekday(year, 11, 3, 4)
    if name == "election day":
        return nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)
    if name == "labor day":
        return nth_weekday(year, 9, 0, 1)
    if name == "memorial day":
        return nth_weekday(year, 5, 0, 5) if nth_weekday(year, 5, 0, 5).month == 5 else nth_weekday(year, 5, 0, 4)
    if name in ("mother's day", "mothers day"):
        return nth_weekday(year, 5, 6, 2)
    if name in ("father's day", "fathers day"):
        return nth_weekday(year, 6, 6, 3)
    if name.startswith(("martin luther king", "mlk")):
        return nth_weekday(year, 1, 0, 3)
    if name.startswith("president"):
        return nth_weekday(year, 2, 0, 3)
    if name == "columbus day":
        return nth_weekday(year, 10, 0, 2)
    if name == "good friday":
        return easter(year) - dt.timedelta(days=2)
    return easter(year)  # "Easter", "Easter Sunday", "Holy Week"


def _holiday(m: re.Match, ctx: Context) -> Found | None:
    name = squash(m.group("h"))
    rel = squash(m.group("rel") or "")
    week = bool(m.group("week")) or name == "holy week"

    def on(year: int) -> dt.date:
        return _holiday_on(name, year)

    if ctx.dct is None:
        return Found("DATE", "XXXX-WXX" if week else "XXXX" + on(2001).isoformat()[4:])
    day = on(ctx.dct.year)
    if rel == "last" and day >= ctx.dct:
        day = on(ctx.dct.year - 1)
    elif rel == "next" and day <= ctx.dct:
        day = on(ctx.dct.year + 1)
    elif not rel and day > ctx.dct + dt.timedelta(days=60) and ctx.tense(m.start()) != "future" and not _DEADLINE_AHEAD_BEFORE.search(
        ctx.text, max(0, m.start() - 12), m.start()
    ):
        day = on(ctx.dct.year - 1)  # a holiday months ahead is last year's, unless it is a deadline ("by Election Day")
    point = Point(day, "week" if week else "day")  # "Easter week", "Thanksgiving week": the week it falls in
    return Found("DATE", point.value, anchor="dct", point=point)


_DEADLINE_AHEAD_BEFORE = re.compile(r"\b(?:by|until|till|before|ahead\s+of)\s+$", re.IGNORECASE)


HOLIDAY_RULE = r"""
    (?:\b(?P<rel>last|next|this)\s+)?
    (?-i:(?P<h>Christmas(?:\s+Day|\s+Eve)?|Thanksgiving(?:\s+Day)?|New\s+Year's(?:\s+Day|\s+Eve)?
    |Election\s+Day|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Valentine's\s+Day|Halloween
    |Easter(?:\s+Sunday)?|Good\s+Friday(?!\s+(?i:agreement|accords?|peace))|Holy\s+Week|Veterans\s+Day|Juneteenth|Columbus\s+Day
    |Mother'?s\s+Day|Father'?s\s+Day|Presidents'?\s+Day|(?:Martin\s+Luther\s+King(?:,?\s+Jr\.?)?|MLK)\s+Day))
    \b(?P<week>\s+week\b)?
"""



def _weekend(m: re.Match, ctx: Context) -> Found | None:
    """"the weekend", "this weekend", "last weekend": ``YYYY-Www-WE`` of the nearest one."""
    rel = squash(m.group("rel"))
    if ctx.dct is None:
        return Found("DATE", "XXXX-WXX-WE")
    saturday = ctx.dct + dt.timedelta(days=(5 - ctx.dct.weekday()) % 7)
    if rel == "last" or (rel in ("the", "this", "over the") and saturday > ctx.dct and ctx.tense(m.start()) != "future"):
        saturday -= dt.timedelta(weeks=1)
    elif rel == "next" and saturday <= ctx.dct + dt.timedelta(days=1):
        saturday += dt.timedelta(weeks=1)
    point = Point(saturday, "weekend")
    return Found("DATE", point.value, anchor="dct", point=point)


WEEKEND_RULE = r"\b(?P<rel>the|this|last|next)\s+weekend\b"


_DEADLINE_BEFORE = re.compile(r"\b(?P<p>since|by|until|till|before|after|around|at|through)\s+$", re.IGNORECASE)


def _year_end(m: re.Match, ctx: Context) -> Found | None:
    """"year-end": the end of the year told about ("in 1988, when year-end net ..."); after a
    preposition ("by year-end", "since year-end") the end of the document's year, or of the
    year before it after "since"."""
    deadline = _DEADLINE_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start())
    if deadline and ctx.dct is not None:
        back = 1 if deadline.group("p").lower() == "since" else 0
        base, anchor = Point(ctx.dct.replace(year=ctx.dct.year - back, month=1, day=1), "year"), "dct"
    else:
        base, anchor = ctx.previous()
    if base is None:
        return Found("DATE", "XXXX", mod="END")
    point = Point(base.day, "year")
    return Found("DATE", point.value, mod="END", anchor=anchor, point=point, sets_reference=False)


YEAR_END_RULE = r"\b(?:the\s+)?year(?:'s)?[\s-]+end\b"

_SPELLED_DECADES = {w: 20 + 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SPELLED_UNITS = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine".split())}


def _spelled_year(m: re.Match, ctx: Context) -> Found | None:
    """"nineteen ninety-six" -> 1996, "the year two thousand" -> 2000, as transcripts write years."""
    if m.group("millennium"):
        year = 2000 + (NUMBER_WORDS.get(squash(m.group("mu") or "zero"), 0))
    else:
        century = 1900 if m.group("c").lower() == "nineteen" else 2000
        tens = _SPELLED_DECADES[m.group("t").lower()]
        year = century + tens + (_SPELLED_UNITS[m.group("u").lower()] if m.group("u") else 0)
    point = Point(dt.date(year, 1, 1), "year")
    return Found("DATE", point.value, point=point)


SPELLED_YEAR_RULE = r"""
    \b(?P<c>nineteen|twenty)[\s-]+(?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)
    (?:[\s-]+(?P<u>one|two|three|four|five|six|seven|eight|nine))?\b
    |\bthe\s+year\s+(?P<millennium>two\s+thousand)
    (?:\s+(?:and\s+)?(?P<mu>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen
    |fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?\b
"""


# --- the rules, in the order timex_relative.RELATIVE_RULES tries them -----------------------
WEEKEND = Rule("weekend", re.compile(WEEKEND_RULE, re.IGNORECASE), _weekend, frozenset({"weekend"}), before=10, after=2)
YEAR_END = Rule("year-end", re.compile(YEAR_END_RULE, re.IGNORECASE), _year_end, frozenset({"end"}), before=12, after=2)
SPELLED_YEAR = Rule("spelled-year", re.compile(SPELLED_YEAR_RULE, FLAGS), _spelled_year,
     frozenset({"nineteen", "twenty", "thousand"}), before=16, after=22)
CENTURY = Rule("century", re.compile(CENTURY_RULE, re.IGNORECASE), _century, frozenset({"century"}), before=40, after=3)
DECADE_WORD = Rule("decade-word", re.compile(DECADE_WORD_RULE, FLAGS), _decade_word, frozenset(_DECADE_WORDS), before=40, after=3)
YEAR = Rule("year", re.compile(YEAR_RULE, FLAGS), _year, frozenset({"<year>", "<decade>"}), before=40, after=8)
SEASON = Rule("season", re.compile(SEASON_RULE, FLAGS), _season, frozenset(SEASONS), before=40, after=20)
HOLIDAY = Rule("holiday", re.compile(HOLIDAY_RULE, FLAGS), _holiday,
     frozenset("christmas thanksgiving new election independence labor memorial valentine halloween easter good "
               "holy veterans juneteenth columbus mother mothers father fathers presidents martin mlk".split()),
     before=8, after=36)
