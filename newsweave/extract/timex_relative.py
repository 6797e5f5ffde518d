"""Rules for relative and vague expressions, durations, sets, seasons, quarters and years.

Relative expressions name what they resolve against: "last year", "three weeks ago"
and "this summer" resolve against the document date (anchor ``dct``); "the next day",
"that night", "a year earlier" and "the following month" against the previous
reference time in the text (anchor ``previous``).
"""

from __future__ import annotations

import datetime as dt
import re

from newsweave.extract.timex_lexicon import (
    MOD_PREFIXES, MOD_RE, MONTH_RE, MONTHS, NUMBER_RE, ORDINAL_RE, ORDINALS, POSITION_RE, UNIT_RE, unit_name, VAGUE_RE,
    WEEKDAY_RE, WEEKDAYS, YEAR_RE, duration_value, parse_number, shift_month, squash,
)
from newsweave.extract.timex_named import CENTURY, DECADE_WORD, HOLIDAY, SEASON, SPELLED_YEAR, WEEKEND, YEAR, YEAR_END
from newsweave.extract.timex_resolve import Point, resolve_quarter
from newsweave.extract.timex_rules import Context, Found, Rule, _position, compares

FLAGS = re.IGNORECASE | re.VERBOSE


def _unit(word: str) -> str:
    return unit_name(squash(word))


# --- last/this/next + unit; the following/previous + unit -------------------------------
_GRAIN = {"week": "week", "weekend": "weekend", "month": "month", "quarter": "quarter",
          "year": "year", "decade": "decade", "century": "century", "day": "day"}
_DCT_STEP = {"last": -1, "this": 0, "next": 1, "the current": 0, "the coming": 1, "this past": -1,
             "current": 0, "the latest": -1}
_REF_STEP = {"the following": 1, "the next": 1, "the previous": -1, "the prior": -1,
             "that": 0, "the same": 0, "the preceding": -1}


def _relative_unit(m: re.Match, ctx: Context) -> Found | None:
    rel = squash(m.group("rel"))
    unit = _unit(m.group("unit"))
    mod = _position(m.group("pos"))
    if rel == "the":
        # "by the end of the month", "the middle of the week": the current one, as "this month"
        if mod is None or not squash(m.group("pos")).endswith(" of"):
            return None
        rel = "this"
    if m.group("pos") and squash(m.group("pos")) in ("earlier", "later") and mod is None:
        mod = "START" if squash(m.group("pos")) == "earlier" else "END"
    if unit == "day":
        if rel in ("next", "the next", "the following"):
            rel = "the next"
        elif rel not in _REF_STEP:
            return None
    if rel in ("the past", "the last"):
        if unit in ("day", "weekend") or rel == "the past" and unit in ("decade", "century"):
            # "the past day", "over the past decade": a stretch of time ending now (P10Y), where
            # "the last decade" may name the decade before this one
            return Found("DURATION", duration_value(1, unit), mod=mod, anchor="dct")
        rel = "last"  # "the past year", "the last decade": TimeML gives the previous one (1997, 198)
    if rel == "last" and unit == "year" and ctx.compared_period() is not None and compares(ctx.text, m.start()):
        # "earned $24 million, compared with a loss of $3 million last year": in a report
        # on a quarter, the same quarter of the year before
        point = ctx.compared_period().shift(-1, "year")
        return Found("DATE", point.value, mod=mod, anchor="previous", point=point, sets_reference=False)
    if rel in _DCT_STEP:
        if ctx.dct is None:
            return Found("DATE", {"year": "XXXX", "month": "XXXX-XX", "quarter": "XXXX-QX"}.get(unit, "XXXX-WXX"), mod=mod)
        base = Point(ctx.dct, _GRAIN[unit])
        if rel == "the latest" and unit != "quarter":
            return None
        step = _DCT_STEP[rel]
        if unit == "week" and step == -1 and ctx.dct.weekday() == 6:
            step = 0  # on a Sunday, "last week" is the week just ended, the one the Sunday closes
        point = base.shift(step, "week" if unit == "weekend" else unit)
        return Found("DATE", point.value, mod=mod, anchor="dct", point=point)
    base, anchor = ctx.previous()
    if base is None:
        return Found("DATE", "XXXX", mod=mod)
    grain = _GRAIN[unit]
    if _COARSE.get(base.grain, 0) > _COARSE.get(grain, 0) and grain in ("day", "week", "weekend", "month"):
        # "trades made that day" after "in 1987": a day of that year, which one unknown (1987-XX-XX),
        # not its first day
        year, month = f"{base.day.year:04d}", f"{base.day.month:02d}" if base.grain == "month" else "XX"
        value = {"day": f"{year}-{month}-XX", "month": f"{year}-XX"}.get(grain, f"{year}-WXX")
        return Found("DATE", value, mod=mod, anchor=anchor)
    point = Point(base.day, grain).shift(_REF_STEP[rel], "week" if unit == "weekend" else unit)
    return Found("DATE", point.value, mod=mod, anchor=anchor, point=point)


# how coarse a grain is: a reference point can name a finer one only if it is at least as fine
_COARSE = {"day": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3, "half": 3, "season": 3,
           "year": 4, "decade": 5, "century": 6}


RELATIVE_UNIT_RULE = rf"""
    (?:\b(?P<pos>{POSITION_RE}|earlier|later|earlier\s+in|later\s+in)\s*)?
    \b(?P<rel>last|this(?:\s+past)?|next|the\s+(?:current|coming|latest|previous|prior|following|next|past|last|same|preceding)|current|that
      |(?<=\bof\s)the(?=\s+(?:week|month)\b))
    \s+(?:fiscal\s+)?(?P<unit>day|week|weekend|month|quarter|year|decade|century)\b
"""


# --- N units ago / later / earlier ---------------------------------------------------------
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)\"'`]|--|$)")


def _offset(m: re.Match, ctx: Context) -> Found | None:
    unit = _unit(m.group("unit"))
    amount = parse_number(m.group("num"))
    direction_word = squash(m.group("dir"))
    sign = 1 if direction_word in ("later", "after", "from now", "hence") else -1
    mod = MOD_PREFIXES.get(squash(m.group("mod"))) if m.group("mod") else None
    if m.group("approx"):
        mod = "APPROX"
    if direction_word in ("after", "before") and not _CLAUSE_END.match(ctx.text, m.end()):
        # "two days after the attack": TimeML marks the duration; the event is the anchor
        return Found("DURATION", duration_value(amount, unit), mod=mod, end=m.end("cut"))
    from_now = direction_word in ("ago", "from now", "hence")
    # "three days later": TimeML tags "three days" as a DURATION, "later" being a signal
    # that anchors it to the previous time; the record keeps the date (what a timeline
    # needs) and names the duration. TempEval-3 tags "a year earlier" in a results report
    # as the compared date, and "ago" as part of a date.
    comparison = amount == 1 and unit == "year"
    measured = {} if from_now or comparison else {"duration": duration_value(amount, unit), "duration_end": m.end("cut")}
    base, anchor = ((Point(ctx.dct, "day"), "dct") if ctx.dct else (None, "dct")) if from_now else ctx.previous()
    if base is None or amount is None:
        if amount is None and from_now:
            return Found("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod, anchor="dct")
        return Found("DATE", "XXXX-XX-XX" if unit in ("day", "week") else "XXXX", mod=mod, **measured)
    if unit in ("hour", "minute", "second"):
        return Found("DATE", base.value, mod=mod, anchor=anchor, point=base, **measured)
    if amount == 1 and unit == "year" and ctx.compared_period() is not None and sign < 0:
        # "profit rose from a year ago", "compared with $2 a year earlier": in a report on a
        # quarter, the same quarter a year before
        point = ctx.compared_period().shift(-1, "year")
    elif amount == 1 and unit == "year" and not from_now and base.grain in ("quarter", "month", "half", "day"):
        point = base.shift(sign, "year")  # "a year earlier" keeps the grain of what it compares to
    else:
        grain = {"day": "day", "night": "day", "week": "week", "fortnight": "week", "month": "month",
                 "quarter": "quarter", "year": "year", "decade": "year", "century": "year"}[unit]
        if grain == "week" and amount <= 2:
            grain = "day"
        step = int(amount) if amount == int(amount) else amount
        if isinstance(step, float) and unit in ("decade", "century") and (amount * (10 if unit == "decade" else 100)).is_integer():
            step, unit = int(amount * (10 if unit == "decade" else 100)), "year"  # "half a century ago": 50 years
        if isinstance(step, float) and unit == "year" and (amount * 12).is_integer():
            # "two and a half years ago": thirty months back, a month
            grain, step, unit = "month", int(amount * 12), "month"
        if isinstance(step, float):
            return None
        scale = {"fortnight": 2, "decade": 10, "century": 100}.get(unit, 1)
        shift_unit = {"night": "day", "fortnight": "week", "decade": "year", "century": "year"}.get(unit, unit)
        try:
            point = Point(base.day, grain).shift(sign * step * scale, shift_unit)
        except (ValueError, OverflowError):  # "1,000 decades ago" leaves the calendar
            return Found("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod, anchor=anchor)
    return Found("DATE", point.value, mod=mod, anchor=anchor, point=point, sets_reference=not comparison, **measured)


OFFSET_RULE = rf"""
    (?:\b(?P<mod>{MOD_RE})\s+)?
    \b(?P<num>{NUMBER_RE}|{VAGUE_RE})[\s-]+(?:more\s+)?(?P<unit>{UNIT_RE})s?
    (?P<approx>\s+or\s+so)?(?P<cut>)
    \s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence)\b
"""


# --- durations -------------------------------------------------------------------------------
_SET_BEFORE = re.compile(r"(?:\btimes|\bonce|\btwice|percent|%|\bcents?|\bdollars?|\bper)\s*$", re.IGNORECASE)
# "$500 million a year", "700 seats a week", "24 hours a day": a rate whose "a year" is the
# denominator of an amount, which TimeML annotators leave untagged
_RATE_BEFORE = re.compile(
    r"(?:\d|\b(?:million|billion|thousand|hundred|dozen|two|three|four|five|six|seven|eight|nine|ten))"
    r"(?:\s+(?:[a-z]+|and\s+\$?\d[\d,.]*))?\s+$"
)


_YEAR_NUMBER = re.compile(YEAR_RE)


# "will one day be", "the hope he one day follows": between a subject or modal and its verb,
# "one day" is "some day", a reference to the future, not a length of time
_SOMEDAY_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|he|she|they|we|I|you|it)\s+$")
_VERB_AFTER = re.compile(r"\s+(?!of\b|in\b|after\b|before\b|later\b|earlier\b|ago\b)[a-z]+\b")


_OF_YEAR = re.compile(rf"\s+of\s+(?:(?:the\s+)?fiscal\s+)?(?:year\s+)?(?P<y>{YEAR_RE})\b", re.IGNORECASE)
_IN_QUARTERS_BEFORE = re.compile(r"\b(?:in|from|among)\s+$", re.IGNORECASE)
_ROUND_THE_CLOCK = re.compile(r"\s+(?:a|per)\s+(day|week|year)\b", re.IGNORECASE)
_WHOLE_PERIODS = {("hour", "day", 24), ("day", "week", 7), ("day", "year", 365), ("week", "year", 52),
                  ("month", "year", 12)}


def _duration(m: re.Match, ctx: Context) -> Found | None:
    unit = _unit(m.group("unit"))
    num_text = squash(m.group("num"))
    amount = parse_number(m.group("num"))
    if amount is not None and m.group("half"):
        amount += 0.5
    if num_text in ("a", "an", "one") and unit in ("second", "quarter") and not m.group("lead"):
        return None  # "a second time", "a quarter of the vote"
    if unit == "quarter" and num_text in ("some", "many", "several", "numerous") and not m.group("lead") \
            and _IN_QUARTERS_BEFORE.search(ctx.text, max(0, m.start() - 6), m.start()):
        return None  # "distrust in some quarters": among some people, not over some quarters of a year
    if num_text in ("a", "an") and ctx.text.startswith("s", m.end("unit")) and "long" in (m.group("old") or ""):
        # "a weeks-long shutdown": the article belongs to the compound, whose number is vague
        return Found("DURATION", duration_value(None, unit), start=m.start("unit"))
    lead = squash(m.group("lead") or "")
    of_year = _OF_YEAR.match(ctx.text, m.end()) if unit == "quarter" else None
    if (unit == "quarter" and amount == 2 and (lead in ("the first", "the final", "the second") or of_year and lead == "the last")
            and (of_year or not re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]))):
        # "the first two quarters of 1990" is the first half of 1990 (1990-H1); "the last two
        # quarters" alone are the past two, a length
        year = int(of_year.group("y")) if of_year else ctx.dct.year if ctx.dct else None
        n = 1 if lead == "the first" else 2
        if year is None:
            return Found("DATE", f"XXXX-H{n}")
        found = _half(year, n, None if of_year else "dct")
        return Found(found.type, found.value, anchor=found.anchor, point=found.point,
                     end=of_year.end() if of_year else None)
    if unit == "quarter" and amount is not None and re.match(r"-quarters\b", ctx.text[m.end("num"):m.end("num") + 10]):
        return None  # "cut by three-quarters", "three-quarters say": a fraction
    if unit == "quarter" and amount is not None and re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
        return None  # "three quarters of the vote" is a fraction; "several quarters of losses" a time
    if _YEAR_NUMBER.fullmatch(num_text):
        return None  # "the 1988 quarter" is a period in 1988, not 1,988 quarters
    if m.group("old") and "old" in m.group("old"):
        return None  # ages ("a 6-year-old") are not times in TimeML
    mod = MOD_PREFIXES.get(squash(m.group("mod"))) if m.group("mod") else None
    if m.group("approx"):
        mod = "APPROX"
    before = ctx.text[max(0, m.start() - 12):m.start()]
    if (num_text == "one" and unit == "day" and not m.group("lead")
            and _SOMEDAY_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()) and _VERB_AFTER.match(ctx.text, m.end())):
        return Found("DATE", "FUTURE_REF", anchor="dct", confidence=0.6)  # "Islam will one day be ..."
    if num_text in ("a", "an", "one") and _SET_BEFORE.search(before):
        return Found("SET", duration_value(1, unit))
    if num_text in ("a", "an") and not m.group("lead") and _RATE_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()):
        return None
    if amount is not None and amount > 10000:
        return None
    per = _ROUND_THE_CLOCK.match(ctx.text, m.end())
    if per and amount is not None and (unit, per.group(1).lower(), amount) in _WHOLE_PERIODS:
        return None  # "24 hours a day", "seven days a week": always, not a length of time
    # TempEval-3 leaves "about" outside the span but keeps "nearly", "more than", "up to"
    loose = m.group("mod") and squash(m.group("mod")) in ("about", "around", "approximately", "roughly")
    start = m.start("num") if loose and not m.group("lead") else None
    if lead == "the" and ctx.text[m.end("num"):m.start("unit")] == "-" and not m.group("old"):
        start = m.start("num")  # "the 14-day waiting period": the article belongs to the noun, not the length
    period = None
    if unit == "month" and amount in (6, 9) and m.group("lead") and ctx.dct is not None:
        # "the first nine months": a report on the year to date, which is what "a year
        # earlier" is then compared with
        lead = squash(m.group("lead"))
        if lead in ("the", "the first", "the latest", "the past"):
            base = ctx.period.day if ctx.period is not None else ctx.dct
            period = Point(base, "year")
    return Found("DURATION", duration_value(amount, unit), mod=mod, start=start, period=period)


DURATION_RULE = rf"""
    (?:\b(?P<mod>{MOD_RE})\s+(?=(?:{NUMBER_RE}|{VAGUE_RE})[\s-]))?
    (?P<lead>\bthe\s+(?:past|last|next|first|previous|coming|following|final|latest|remaining|same|initial|
        year[- ]earlier|year[- ]ago)\s+|\bthe\s+)?
    \b(?P<num>{NUMBER_RE}|{VAGUE_RE})(?:\s+(?:more|additional|extra|full|straight|consecutive|trading|business|working))?[\s-]+
    (?P<unit>{UNIT_RE})s?\b(?!-(?:earlier|ago|end)\b)
    (?P<half>\s+and\s+a\s+half)?(?P<old>-long\b|-old\b|\s+old\b)?
    (?P<approx>\s+or\s+so)?
"""


def _bare_plural(m: re.Match, ctx: Context) -> Found | None:
    lead = squash(m.group("lead") or "")
    unit = _unit(m.group("unit"))
    if lead in ("coming", "the coming"):
        return Found("DATE", "FUTURE_REF", anchor="dct")
    if lead == "recent" and unit in ("year", "decade"):
        return Found("DATE", "PAST_REF", anchor="dct")
    # "for years", "the first time in years", "over the years": the span keeps "the", not the preposition
    start = m.start("the") if m.group("the") else m.start("unit") if lead in ("for", "over", "within", "in") else None
    return Found("DURATION", duration_value(None, unit), start=start)


BARE_PLURAL_RULE = r"""
    \b(?:(?P<lead>for|over|within|in|recent|the\s+past|the\s+last|past|coming|the\s+coming)
      |(?:over|through|during)\s+(?P<the>the))\s+
    (?P<unit>years|months|weeks|days|quarters|decades|hours|minutes|centuries)\b(?!\s+(?:ago|earlier|later|before|after)\b)
    |\b(?P<unit2>years|decades|months|weeks|days|hours|year|month|week|day|hour)-long\b
    |\bthe\s+(?P<unit3>years|months|weeks|days)\s+ahead\b(?!\s+of\b)
"""


def _bare_plural_any(m: re.Match, ctx: Context) -> Found | None:
    if m.group("unit3"):  # "in the weeks ahead": some weeks from now, as "the next few weeks"
        return Found("DURATION", duration_value(None, _unit(m.group("unit3"))), anchor="dct")
    if m.group("unit2"):  # "years-long" is some years, "day-long" one day
        plural = m.group("unit2").endswith("s")
        return Found("DURATION", duration_value(None if plural else 1, _unit(m.group("unit2"))))
    return _bare_plural(m, ctx)


# --- quarters and halves -------------------------------------------------------------------
# "the last half of the '80s": a part of a decade or century, which has no quarter or half value;
# the decade's own rule tags it
_OF_NO_TIME = re.compile(
    r"\s+of\s+(?!(?:the\s+|this\s+|last\s+|next\s+|that\s+|its\s+|their\s+)?(?:fiscal\s+|calendar\s+|current\s+|same\s+)?"
    r"(?:year|fiscal|\d{4}|'\d\d)\b)(?:the|a|an|his|her|its|their)\s+",
    re.IGNORECASE,
)
_OF_LONGER_PERIOD = re.compile(r"\s+of\s+(?:the\s+)?(?:'\d0s|\d{3}0'?s|decade|century)\b", re.IGNORECASE)


_HABITUAL_BEFORE = re.compile(
    r"\b(?:usually|typically|normally|generally|traditionally|often|always|regularly|each\s+year|every\s+year)\b[^.;!?]*$",
    re.IGNORECASE,
)
_PLURAL_PERIOD_OF_YEAR = re.compile(
    rf"\s+(?:and|or)\s+{ORDINAL_RE}[\s-]+(?:fiscal[\s-]+)?(?:quarters|halves)\s+of\s+(?:fiscal\s+)?(?P<y>{YEAR_RE})\b",
    re.IGNORECASE,
)


def _quarter(m: re.Match, ctx: Context) -> Found | None:
    if _OF_LONGER_PERIOD.match(ctx.text, m.end()) or (not m.group("yr2") and _OF_NO_TIME.match(ctx.text, m.end())):
        return None  # "the second half of the sentence", "the first quarter of the game": no part of a year
    n = ORDINALS[m.group("ord").lower()]
    unit = (m.group("unit") or m.group("unit2")).lower()
    shared = m.group("shared") is not None
    year_after = _PLURAL_PERIOD_OF_YEAR.match(ctx.text, m.end()) if shared else None
    habitual = _HABITUAL_BEFORE.search(ctx.text, max(0, m.start() - 60), m.start())
    if unit.endswith("s") and habitual and not (m.group("yr") or m.group("yr2") or year_after):
        # "usually conducted in the second and fourth quarters": those quarters of every year
        # (a SET), the first ordinal sharing the plural head of the second; without such a
        # cue ("a rebound in the third and fourth quarters") they are this year's, as singular
        return Found("SET", f"XXXX-{'H' if unit.startswith('hal') else 'Q'}{n}",
                     start=m.start("ord") if shared else None)
    half = unit.startswith("hal")
    if year_after:
        year = int(year_after.group("y"))
        if half:
            return _half(year, n, None, m.start("ord"))
        point = Point(dt.date(year, 3 * n - 2, 1), "quarter")
        return Found("DATE", point.value, point=point, start=m.start("ord"))
    start = m.start("ord") if shared else None
    if m.group("the") and "-" in m.group(0)[len(m.group("the")):] and not (m.group("yr") or m.group("yr2")):
        start = m.start("ord")
    year_text = squash(m.group("yr") or m.group("yr2") or "")
    tense = ctx.tense(m.start())
    if year_text[:4].isdigit():
        base = dt.date(int(year_text[:4]), 1, 1)
    elif year_text:
        if ctx.dct is None:
            return Found("DATE", f"XXXX-{'H' if half else 'Q'}{n}")
        base = dt.date(ctx.dct.year + {"this": 0, "last": -1, "next": 1}[year_text.split()[0]], 1, 1)
    elif ctx.reference is not None and ctx.reference.grain == "year" and m.group("of"):
        base = ctx.reference.day
    elif ctx.dct is None:
        return Found("DATE", f"XXXX-{'H' if half else 'Q'}{n}")
    else:
        if half:
            year = ctx.dct.year - (1 if n == 2 and ctx.dct.month <= 6 and tense != "future" else 0)
            return _half(year, n, "dct", start)
        point = resolve_quarter(ctx.dct, n, "", tense)
        return Found("DATE", point.value, anchor="dct", point=point, start=start)
    if half:
        return _half(base.year, n, None if year_text[:4].isdigit() else "dct", start)
    point = Point(dt.date(base.year, 3 * n - 2, 1), "quarter")
    return Found("DATE", point.value, anchor=None if year_text[:4].isdigit() else "dct", point=point, start=start)


def _half(year: int, n: int, anchor: str | None, start: int | None = None) -> Found:
    point = Point(dt.date(year, 1 if n == 1 else 7, 1), "half")
    return Found("DATE", point.value, anchor=anchor, point=point, start=start)


QUARTER_RULE = rf"""
    (?P<the>\bthe\s+)?
    (?:(?P<yr>{YEAR_RE}|this\s+year's|last\s+year's|next\s+year's)\s+)?
    (?:(?:fiscal|calendar)[\s-]+)?
    \b(?P<ord>{ORDINAL_RE}|last)
    (?:[\s-]+(?:fiscal[\s-]+)?(?P<unit>quarters?|half|halves)\b
      |(?P<shared>)(?=\s+(?:and|or)\s+{ORDINAL_RE}[\s-]+(?:fiscal[\s-]+)?(?P<unit2>quarters|halves)\b))
    (?:\s+(?P<of>of)\s+(?:(?:the\s+)?fiscal\s+)?(?:year\s+)?(?P<yr2>{YEAR_RE})\b)?
"""


def _anaphoric_period(m: re.Match, ctx: Context) -> Found | None:
    """"the quarter", "the latest quarter", "the year-earlier period": periods the text has set up.

    A period is the last quarter (or half) the text named, else the last quarter completed
    before the document date; "year-earlier" moves it a year back.
    """
    words = squash(m.group(0))
    earlier = any(w in words for w in ("year earlier", "year ago", "prior year", "last year", "previous year"))
    if "year" in words.split() and not earlier:
        if m.group("ended"):  # "for the year ended March 31": a fiscal year, a stretch of time
            return Found("DURATION", "P1Y", end=m.start("ended"), sets_reference=False)
        if ctx.dct is None:
            return Found("DATE", "XXXX")
        base = ctx.reference if ctx.reference is not None and ctx.reference.grain != "day" else None
        if "full" in words or "latest" in words:
            # "the full year" of a results report is the year under report; "the latest
            # fiscal year" the last one completed, whatever other year was mentioned
            base = None
        point = Point(base.day if base else ctx.dct, "year")
        if "latest" in words and base is None:
            point = point.shift(-1)
        return Found("DATE", point.value, anchor="previous" if base else "dct", point=point, confidence=0.6)
    if m.group("emon") and ctx.dct is not None:  # "the quarter ended Sept. 30": the quarter of that day
        month = MONTHS[m.group("emon").lower().rstrip(".")]
        year = ctx.dct.year - (1 if month > ctx.dct.month else 0)
        # a quarter ending in month M spans M-2..M: it is the calendar quarter holding most
        # of it, that of month M-1 ("ended July 31" -> Q2, "ended Sept. 30" -> Q3)
        point, anchor = Point(shift_month(dt.date(year, month, 1), -1), "quarter"), "dct"
    elif ctx.period is not None:
        # "the year-earlier period", "the 1988 period" compare with what is reported (the
        # year to date after "the first nine months"); "the latest quarter" is the quarter
        comparing = earlier or m.group("pyear")
        point, anchor = (ctx.compared_period() if comparing else ctx.period), "previous"
    elif ctx.dct is None:
        return Found("DATE", "XXXX-QX" if not m.group("pyear") else f"{m.group('pyear')}-QX")
    else:
        point, anchor = Point(ctx.dct, "quarter").shift(-1), "dct"
    if m.group("pyear"):  # "the 1988 period": the period under report, in that year
        point, anchor = Point(point.day.replace(year=int(m.group("pyear"))), point.grain, point.code), None
        return Found("DATE", point.value, anchor=anchor, point=point, confidence=0.6, sets_reference=False)
    if earlier:
        point = point.shift(-1, "year")
    return Found("DATE", point.value, anchor=anchor, point=point, confidence=0.6, sets_reference=not earlier)


ANAPHORIC_RULE = rf"""
    \bthe\s+(?:comparable\s+|same\s+)?(?:year[\s-]+(?:earlier|ago)|prior[\s-]+year)
        \s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period)\b
    |\b(?:year-earlier|year-ago|prior-year)\b(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period)\b)?
    |\bthe\s+(?:same\s+|comparable\s+|corresponding\s+)?(?:fiscal\s+)?(?:quarter|period)\s+(?:of\s+)?
        (?:a\s+year\s+(?:ago|earlier)|last\s+year|the\s+(?:previous|prior)\s+year)\b
    |\blast\s+year's\s+(?:fiscal\s+)?(?:quarter|period)\b
    |\bthe\s+(?P<pyear>{YEAR_RE})\s+(?:fiscal\s+)?(?:quarter|period)\b
    |\bthe\s+(?:latest\s+|same\s+|comparable\s+)?(?:fiscal\s+)?(?:quarter|period)\b(?!\s+of\b)(?!-)
        (?=\s+(?:ended|ending)\s+(?P<emon>(?-i:{MONTH_RE})))?
    |\bthe\s+(?:latest\s+|full\s+)?(?:fiscal\s+)?year\b(?!\s+(?:of(?!\s+\$)|before|after|earlier|ago)\b)(?![\s-]+(?:earlier|ago|old|long))
        (?P<ended>\s+(?:ended|ending)\b)?
"""


# --- vague references and sets -------------------------------------------------------------
_VAGUE = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "presently": "PRESENT_REF", "at present": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at the moment": "PRESENT_REF", "right now": "PRESENT_REF",
    "the present": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "soon": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the short term": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
    "a later date": "FUTURE_REF", "the time being": "PRESENT_REF",
    "then current": "PAST_REF",  # "the then-current price": what was current at a past time
}


_PAST_AUXILIARY_BEFORE = re.compile(r"\b(?:was|were|had)\s+$", re.IGNORECASE)


def _vague(m: re.Match, ctx: Context) -> Found | None:
    words = squash(m.group("w"))
    if words == "soon" and _PAST_AUXILIARY_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
        return None  # "he was soon released": a step in a past story, no reference to the future
    return Found("DATE", _VAGUE[words], anchor="dct", confidence=0.6)


VAGUE_RULE = r"""
    \b(?P<w>now|currently|then[\s-]+current|current|presently|at\s+present|nowadays|these\s+days|at\s+the\s+moment|right\s+now
    |the\s+present|recently|lately|the\s+past|formerly|the\s+future|the\s+near\s+future
    |the\s+(?:near|long|short)\s+term|as\s+soon\s+as\s+possible|a\s+later\s+date|the\s+time\s+being
    |(?<!\bas\s)(?<!\bhow\s)soon(?!\s+(?:as|after|afterwards?|thereafter|enough|became|turned)\b)(?!er\b))\b(?!-)
"""

_SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
              "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y", "hourly": "PT1H", "biweekly": "P2W"}


def _set(m: re.Match, ctx: Context) -> Found | None:
    if m.group().lower().startswith("per") and _RATE_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()):
        return None  # "15 million instructions per second": a rate, as "$5 a year" (see _RATE_BEFORE)
    if m.group("word"):
        return Found("SET", _SET_WORDS[m.group("word").lower()])
    if m.group("wd"):
        return Found("SET", f"XXXX-WXX-{WEEKDAYS[m.group('wd').lower().rstrip('.')] + 1}")
    if m.group("mon"):  # "each July", "every May 1": that month or day of every year
        day = f"-{int(m.group('mday')):02d}" if m.group("mday") and 1 <= int(m.group("mday")) <= 31 else ""
        return Found("SET", f"XXXX-{MONTHS[m.group('mon').lower().rstrip('.')]:02d}{day}")
    amount = parse_number(m.group("num")) if m.group("num") else 1
    return Found("SET", duration_value(amount, _unit(m.group("unit"))))


SET_RULE = rf"""
    \b(?P<word>daily|nightly|weekly|monthly|yearly|hourly|biweekly)\b
    |\b(?:every|each|per)\s+(?:other\s+)?(?:(?P<num>{NUMBER_RE})\s+)?(?P<unit>{UNIT_RE})s?\b
    |\b(?:every|each)\s+(?:(?P<wd>(?-i:{WEEKDAY_RE}))|(?P<mon>(?-i:{MONTH_RE}))(?:\s+(?P<mday>\d{{1,2}})(?:st|nd|rd|th)?)?(?!\w|,?\s+\d))
"""


_UNIT_WORDS = frozenset(
    w + s for w in ("second", "minute", "hour", "day", "night", "week", "fortnight", "month",
                    "quarter", "year", "decade", "century", "weekend") for s in ("", "s")
) | {"centuries"}
_VAGUE_WORDS = frozenset(
    "now currently current presently present nowadays days moment recently lately past previously "
    "formerly future term possible date being soon".split()
)


RELATIVE_RULES = (
    WEEKEND,
    YEAR_END,
    SPELLED_YEAR,
    Rule("offset", re.compile(OFFSET_RULE, FLAGS), _offset, _UNIT_WORDS, before=50, after=25),
    Rule("relative-unit", re.compile(RELATIVE_UNIT_RULE, FLAGS), _relative_unit, _UNIT_WORDS, before=50, after=5),
    Rule("quarter", re.compile(QUARTER_RULE, FLAGS), _quarter, frozenset({"quarter", "half", "quarters", "halves"}),
         before=40, after=40),
    Rule("duration", re.compile(DURATION_RULE, FLAGS), _duration, _UNIT_WORDS, before=60, after=30),
    Rule("bare-plural", re.compile(BARE_PLURAL_RULE, FLAGS), _bare_plural_any,
         frozenset({"years", "months", "weeks", "days", "quarters", "decades", "hours", "minutes", "centuries",
                    "year", "month", "week", "day", "hour"}),
         before=20, after=12),
    Rule("anaphoric-period", re.compile(ANAPHORIC_RULE, FLAGS), _anaphoric_period,
         frozenset({"quarter", "period", "year"}), before=30, after=30),
    CENTURY,
    DECADE_WORD,
    YEAR,
    SEASON,
    Rule("set", re.compile(SET_RULE, FLAGS), _set,
         frozenset("daily nightly weekly monthly yearly hourly biweekly every each per".split()), before=3, after=45),
    HOLIDAY,
    Rule("vague", re.compile(VAGUE_RULE, FLAGS), _vague, _VAGUE_WORDS, before=15, after=15),
)
