"""Find quantities in raw text: one compiled-regex pass, no parse, linear in the text.

The finder reads numbers written in digits or words ("30,000", "tens of thousands",
"two-and-a-half", "a third"), the unit or currency around them, ranges ("10 to 15",
"between 5 and 7"), hedges ("nearly", "some", "up to"), changes ("rose by 5%",
"doubled") and parenthetical equivalents ("100 square kilometers (40 square miles)"),
and leaves out what a news reader would not call a quantity: years, dates, times of
day, phone numbers, numbers in names ("Voyager 2") and "one of the".

>>> [(f.text, f.value, f.unit.name if f.unit else f.currency) for f in find_quantities("Prices rose 5% to $3.2bn.")]
[('5%', 5.0, 'percentage'), ('$3.2bn', 3200000000.0, 'USD')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from newsweave.extract.quantity_units import (
    CASE_SENSITIVE,
    CURRENCY_NAMES,
    CURRENCY_PREFIXES,
    CURRENCY_SUBUNITS,
    CURRENCY_SUFFIXES,
    FRACTION_WORDS,
    MILLION_CODES,
    NEEDS_DIGITS,
    SCALE_WORDS,
    SUFFIX_MULTIPLIERS,
    UNITS_WORDS,
    VAGUE_WORDS,
    VULGAR_FRACTIONS,
    Unit,
    alternation,
    unit_forms,
)

BOUNDS = ("exact", "approximately", "below", "above", "at_most", "at_least")


@dataclass(frozen=True, slots=True)
class Found:
    """A quantity found in text; ``value`` is the number as written, multipliers applied.

    A range has ``low`` and ``high`` and its midpoint as ``value``. ``unit`` is a physical
    unit, ``currency`` an ISO 4217 code (with ``subunit`` such as "cent" when written in
    one); both are None for a bare count. ``per`` names the denominator of a rate
    ("a share", "per year"). ``equivalents`` holds parenthetical restatements.
    """

    start: int
    end: int
    text: str
    value: float
    low: float | None = None
    high: float | None = None
    unit_text: str = ""
    unit: Unit | None = None
    currency: str | None = None
    subunit: str | None = None
    per: str | None = None
    bound: str = "exact"
    change: str | None = None
    words: bool = False
    equivalents: tuple["Found", ...] = field(default=())

    @property
    def unit_name(self) -> str | None:
        """The unit's canonical name ("kilometre", "dollar", "cent"), None for a bare count."""
        if self.currency:
            name = self.subunit or CURRENCY_NAMES.get(self.currency, self.currency.lower())
        elif self.unit:
            name = self.unit.name
        else:
            return None
        return f"{name} per {self.per}" if self.per else name


# --------------------------------------------------------------------- patterns

_NUMBER_WORDS = list(UNITS_WORDS) + list(SCALE_WORDS) + ["hundred"]
_FRACTION = list(FRACTION_WORDS)
_WORD = r"(?:%s)" % alternation(_NUMBER_WORDS + _FRACTION + ["dozen"])
_JOIN = r"(?:-and-(?:an?-)?|\s*-\s*|\s+and\s+(?:a\s+)?|\s*&\s*|,\s+|\s+(?:a\s+)?)"
_VAGUE = alternation([w for w in VAGUE_WORDS if w != "dozen"])
_VULGAR = "".join(VULGAR_FRACTIONS)

_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,2}(?:,\d{2})+,\d{3}(?!\d)|\d{1,3}(?:,\s\d{3})+(?![\d,])|\d+)"
    r"(?:\.\d+)?"
)
NUMBER_RE = re.compile(
    rf"""
    (?P<digits>
        (?:(?P<sign>[-−])\s?)?{_DIGITS}
        (?:\s(?P<mixed>\d+/\d+)|/(?P<den>[1-9]\d*)(?!\d)|(?P<vulg>[{_VULGAR}]))?
        (?:(?:[eE](?P<exp>[-+−]?\d+))|\s?[x×]\s?10\^?(?P<exp10>[-−]?\d+))?
    )
    | (?P<vulgar>[{_VULGAR}])
    | (?P<vague>\b(?:{_VAGUE})\b)
    | (?P<factor>\b(?:doubl|tripl|trebl|quadrupl|halv)(?:ed|es|ing|e)\b)
    | (?P<words>\b(?:(?:a|an|one)\s+)?{_WORD}(?:{_JOIN}{_WORD})*\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)

_FORMS = unit_forms()
_SCALE_AFTER = re.compile(
    r"(?:\s*-\s*|\s+)(?P<scale>%s)\b|(?P<suffix>mn|mln|bn|tn|[kKmMbBtT])(?![A-Za-z])" % alternation(SCALE_WORDS),
    re.IGNORECASE,
)
_PER = r"(?:\s*-?\s*(?:/|per|an?)\s*-?\s*(?P<per>share|dozen|year|annum|month|week|day|hour|hr|person|capita|kg|kilogram|barrel|gallon|litre|liter|ton|tonne|head|unit|minute|second|yr))?"
_UNIT_INS = alternation(s for s in _FORMS if s not in CASE_SENSITIVE)
_UNIT_CS = alternation(s for s in _FORMS if s in CASE_SENSITIVE)
_CUR_SUFFIX = alternation(CURRENCY_SUFFIXES)
_SUBUNIT = alternation(CURRENCY_SUBUNITS)
UNIT_AFTER = re.compile(
    rf"""(?P<gap>\s*-\s*|\s*)(?P<open>[(\[{{<]\s*)?
    (?:(?P<cur>(?i:{_CUR_SUFFIX}))|(?P<sub>(?i:{_SUBUNIT}))|(?P<mcode>(?i:{alternation(MILLION_CODES)}))
       |(?P<unit>(?i:{_UNIT_INS})|{_UNIT_CS}))
    (?(open)\s*[)\]}}>])(?![A-Za-z0-9])""",
    re.VERBOSE,
)
PER_AFTER = re.compile(_PER + r"(?![A-Za-z])", re.IGNORECASE)
PER_UNIT_AFTER = re.compile(rf"\s*(?:/|\bper\s+)(?P<unit>(?i:{_UNIT_INS})|{_UNIT_CS})(?![A-Za-z0-9])")
_CUR_PREFIX = alternation(CURRENCY_PREFIXES)
CURRENCY_BEFORE = re.compile(
    rf"(?:(?<![A-Za-z])(?P<cur>{_CUR_PREFIX})|(?<![A-Za-z])(?P<mcode>{alternation(MILLION_CODES)}))\s*$",
    re.IGNORECASE,
)
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
FROM_CHANGE_BEFORE = re.compile(rf"(?:{_UP}|{_DOWN}|changed?|went|moved?)\s+(?:\w+\s+)?from\s*(?:about\s+|around\s+)?$", re.IGNORECASE)
RANGE_JOIN = re.compile(r"\s*-?\s*(?:(?P<word>to|through|and|or)(?![A-Za-z])|(?P<dash>[-–—]))\s*")
BETWEEN_BEFORE = re.compile(r"\b(?:between|from)\s+(?:about\s+|around\s+|some\s+)?$", re.IGNORECASE)
MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.IGNORECASE)
MONTH_AFTER = re.compile(rf"\s*(?:{MONTHS})\b", re.IGNORECASE)
YEAR_AFTER = re.compile(r"'?s\b|\s*[-–/]\s*(?:\d{2}|\d{4})\b(?!\s*%)", re.IGNORECASE)
CLOCK_AFTER = re.compile(r"\s*(?:[ap]\.?m\.?(?![A-Za-z])|[:.]\d{2}\s*[ap]\.?m\.?(?![A-Za-z])|:\d{2})", re.IGNORECASE)
PHONE_RE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}|\d{3,4}-\d{3,8}-\d{3,4})(?!\d)")
ONE_OF_AFTER = re.compile(r"\s+of\s+(?:the|its|his|her|their|our|my|your|those|these|them|us|you)\b", re.IGNORECASE)
NAME_BEFORE = re.compile(r"(?:^|[^.!?:;\s]\s+)(?P<name>[A-Z][A-Za-z]*|No\.|#)\s*$")
EQUIV_OPEN = re.compile(r"\s*[(\[]\s*(?:or\s+|about\s+|around\s+|roughly\s+|approx\.?\s+|approximately\s+|some\s+|nearly\s+|over\s+|c\.\s*)?")
EQUIV_CLOSE = re.compile(r"\s*[)\]]")
RATIO_AFTER = re.compile(r"(?:\s*-\s*|\s+)to(?:\s*-\s*|\s+)(?:one|1)(?![\w.,])", re.IGNORECASE)
MONEY_CENTS_AFTER = re.compile(r"\s+(?:and\s+)?(?P<cents>\d{1,2}|[a-z]+(?:[\s-][a-z]+)?)(?:\s+(?:cents?|pence))?(?![\w.,]*\d)", re.IGNORECASE)


# --------------------------------------------------------------------- number parsing


def _digits_value(m: re.Match) -> float | None:
    raw = m.group("digits")
    sign = -1.0 if m.group("sign") else 1.0
    core = re.sub(r"^[-−]?\s?", "", raw)
    core = re.split(r"[eE]|\s?[x×]", core)[0]
    mixed, den, vulg = m.group("mixed"), m.group("den"), m.group("vulg")
    try:
        if den:
            num = float(core.split("/")[0].replace(",", "").replace(" ", ""))
            value = num / float(den)
        else:
            number = core.split(" ")[0] if mixed else core
            value = float(number.replace(",", "").replace(" ", ""))
            if mixed:
                a, b = mixed.split("/")
                value += float(a) / float(b) if float(b) else 0.0
            if vulg:
                value += VULGAR_FRACTIONS[vulg]
    except (ValueError, ZeroDivisionError):
        return None
    exp = m.group("exp") or m.group("exp10")
    if exp:
        value *= 10.0 ** int(exp.replace("−", "-"))
    return sign * value


_TOKEN_RE = re.compile(r"[a-z]+", re.IGNORECASE)


def words_value(phrase: str) -> float | None:
    """The value of a number written in words.

    >>> [words_value(p) for p in ("a hundred and two", "twenty-one", "two and a half", "a third", "three quarters billion")]
    [102.0, 21.0, 2.5, 0.3333333333333333, 750000000.0]
    """
    tokens = [t.lower() for t in _TOKEN_RE.findall(phrase) if t.lower() != "and"]
    if tokens and tokens[0] in FRACTION_WORDS and not (len(tokens) > 1 and tokens[1] in SCALE_WORDS):
        return None  # "the third quarter", "second half": ordinals, not fractions
    total, current, seen = 0.0, 0.0, False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in ("a", "an"):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if seen and current and nxt in ("half", "quarter", "third"):
                current += 1.0 / FRACTION_WORDS[nxt]  # "two and a half"
                i += 2
                continue
            if not seen and (nxt in SCALE_WORDS or nxt in FRACTION_WORDS or nxt in ("hundred", "dozen")):
                current, seen = 1.0, True
        elif tok in UNITS_WORDS:
            current += UNITS_WORDS[tok]
            seen = True
        elif tok == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif tok == "dozen":
            current = (current or 1.0) * 12
            seen = True
        elif tok in SCALE_WORDS:
            total += (current or 1.0) * SCALE_WORDS[tok]
            current, seen = 0.0, True
        elif tok in FRACTION_WORDS:
            denominator = FRACTION_WORDS[tok]
            if tok.startswith("half") and (not seen or current in (0.0, 1.0)) and i == len(tokens) - 1 and not seen:
                current = 0.5
            elif seen and current:
                current = current / denominator
            else:
                current = 1.0 / denominator
            seen = True
        else:
            return None
        i += 1
    if not seen:
        return None
    return total + current


# --------------------------------------------------------------------- the finder


@dataclass(slots=True)
class _Number:
    start: int
    end: int
    value: float
    words: bool
    bound: str = "exact"
    digits: bool = True
    grouped: bool = False
    factor: bool = False
    scaled: bool = False


def _read_number(text: str, m: re.Match) -> _Number | None:
    """Turn one NUMBER_RE match into a value, applying "million", "bn", "K"."""
    start, end = m.start(), m.end()
    if m.group("digits") is not None:
        value = _digits_value(m)
        if value is None:
            return None
        if m.group("sign") and start and text[start - 1].isalnum():
            return None  # "SCP-173", "COVID-19": a hyphenated identifier, not a negative number
        num = _Number(start, end, value, False, grouped="," in m.group("digits"))
    elif m.group("vulgar"):
        num = _Number(start, end, VULGAR_FRACTIONS[m.group("vulgar")], False)
    elif m.group("vague"):
        value, bound = VAGUE_WORDS[m.group("vague").lower()]
        return _Number(start, end, float(value), True, bound, digits=False)
    elif m.group("factor"):
        stem = m.group("factor").lower()[:4]
        value = {"doub": 2.0, "trip": 3.0, "treb": 3.0, "quad": 4.0, "halv": 0.5}[stem]
        return _Number(start, end, value, True, digits=False, factor=True)
    else:
        phrase = m.group("words")
        value = words_value(phrase)
        if value is None:
            return None
        num = _Number(start, end, value, True, digits=False)
    scale = _SCALE_AFTER.match(text, num.end)
    if scale:
        if scale.group("scale"):
            num.value *= SCALE_WORDS[scale.group("scale").lower()]
            num.end = scale.end()
            num.scaled = True
        elif num.digits and not num.words:
            suffix = scale.group("suffix")
            nxt = text[scale.end(): scale.end() + 1]
            # "1.8M dollars", "€10B", "$2.174T", "0.5k miles"; never "5 m" (metres) with a space.
            glued = scale.start() == num.end
            if glued and suffix.lower() in SUFFIX_MULTIPLIERS and (suffix not in "mtT" or not nxt.isalpha()):
                if suffix in ("m", "t") and not _money_context(text, num.start):
                    pass
                else:
                    num.value *= SUFFIX_MULTIPLIERS[suffix.lower()]
                    num.end = scale.end()
                    num.scaled = True
    return num


def _money_context(text: str, start: int) -> bool:
    return bool(CURRENCY_BEFORE.search(text[max(0, start - 8): start]))


def _excluded(text: str, num: _Number, has_unit: bool, blocked: list[tuple[int, int]]) -> bool:
    """Whether a unit-less number is a year, date, time, phone number or part of a name."""
    start, end = num.start, num.end
    for b_start, b_end in blocked:
        if b_start <= start < b_end:
            return True
    after = text[end: end + 12]
    if CLOCK_AFTER.match(after):
        return True
    if start and text[start - 1] == ":" and start > 1 and text[start - 2].isdigit():
        return True
    if has_unit or not num.digits:
        if not num.digits and num.value == 1 and ONE_OF_AFTER.match(after):
            return True
        return False
    window = text[max(0, start - 12): start]
    if MONTH_BEFORE.search(window) or MONTH_AFTER.match(after):
        return True
    if num.value.is_integer() and 1000 <= num.value <= 2100 and not num.grouped and "." not in text[start:end]:
        return True
    if YEAR_AFTER.match(after) and num.value.is_integer() and 1000 <= num.value <= 2100:
        return True
    if NAME_BEFORE.search(text[max(0, start - 30): start]):
        name = NAME_BEFORE.search(text[max(0, start - 30): start]).group("name")
        if name.lower() not in CURRENCY_PREFIXES and not MONTH_BEFORE.search(name):
            return True
    if re.match(r"\s*\)", after) and not re.search(r"\(\s*$", window):
        return True  # a list marker: "1 ) explains ..."
    return False


def _unit_at(text: str, pos: int, num: _Number) -> re.Match | None:
    m = UNIT_AFTER.match(text, pos)
    if not m:
        return None
    surface = m.group("unit")
    if surface is not None:
        key = surface if surface in CASE_SENSITIVE else surface.lower()
        gap = m.group("gap")
        if key not in _FORMS:
            key = surface.lower()
        # short symbols count only after digits, and glued or spaced, never after words
        if (key in NEEDS_DIGITS or surface in NEEDS_DIGITS) and (not num.digits or "-" in gap and len(surface) < 3):
            return None
        if surface.lower() in ("c", "f") and not (gap == "" or gap == " "):
            return None
    return m


def _apply_unit(text: str, num: _Number, m: re.Match, out: dict) -> int:
    """Read the unit match into ``out``; return where the quantity now ends."""
    end = m.end()
    if m.group("cur"):
        out["currency"] = CURRENCY_SUFFIXES[m.group("cur").lower()]
        scale = _SCALE_AFTER.match(text, end)
        if scale and scale.group("scale"):
            num.value *= SCALE_WORDS[scale.group("scale").lower()]
            end = scale.end()
    elif m.group("sub"):
        code, _, name = CURRENCY_SUBUNITS[m.group("sub").lower()]
        out["currency"], out["subunit"] = code, name
    elif m.group("mcode"):
        out["currency"] = MILLION_CODES[m.group("mcode").lower()]
        num.value *= 1e6
    else:
        surface = m.group("unit")
        out["unit"] = _FORMS.get(surface) or _FORMS[surface.lower()]
        if out["unit"].name == "pound-mass" and num.scaled:
            out.pop("unit")
            out["currency"] = "GBP"  # "20 million pounds" is money, not weight
    out["unit_text"] = m.group(0).strip(" -([{<)]}>")
    per = PER_AFTER.match(text, end)
    per_unit = PER_UNIT_AFTER.match(text, end)
    if per_unit:
        surface = per_unit.group("unit")
        out["per"] = (_FORMS.get(surface) or _FORMS[surface.lower()]).name
        end = per_unit.end()
    elif per and per.group("per"):
        out["per"] = _PER_NAMES.get(per.group("per").lower(), per.group("per").lower())
        end = per.end()
    return end


_PER_NAMES = {"annum": "year", "y": "year", "yr": "year", "hr": "hour", "h": "hour", "min": "minute", "s": "second",
              "capita": "person", "kg": "kilogram", "liter": "litre", "tonne": "metric ton"}
_SPEED = {("kilometre", "hour"): "kilometre per hour", ("mile", "hour"): "mile per hour", ("metre", "second"): "metre per second"}


class QuantityFinder:
    """Scan text for quantities; build once (the patterns are compiled at import)."""

    def __call__(self, text: str) -> list[Found]:
        return find_quantities(text)


def find_quantities(text: str) -> list[Found]:
    """Every quantity in ``text``, in order, with offsets into ``text``."""
    blocked = [(m.start(), m.end()) for m in PHONE_RE.finditer(text)]
    found: list[Found] = []
    pos = 0
    while True:
        m = NUMBER_RE.search(text, pos)
        if not m:
            break
        quantity, next_pos = _quantity_at(text, m, blocked)
        pos = max(next_pos, m.end(), pos + 1)
        if quantity is None:
            continue
        equivalents, pos = _equivalents(text, quantity, pos, blocked)
        if equivalents:
            quantity = replace(quantity, end=pos, text=text[quantity.start:pos], equivalents=equivalents)
        found.append(quantity)
    return found


def _equivalents(text: str, quantity: Found, pos: int, blocked) -> tuple[tuple[Found, ...], int]:
    """Parenthetical restatements right after a quantity with a unit: "100 km² (40 sq mi)"."""
    if quantity.unit is None and quantity.currency is None:
        return (), pos
    opener = EQUIV_OPEN.match(text, quantity.end)
    if not opener:
        return (), pos
    m = NUMBER_RE.match(text, opener.end())
    if not m:
        return (), pos
    inner, inner_end = _quantity_at(text, m, blocked)
    if inner is None or (inner.unit is None and inner.currency is None):
        return (), pos
    closer = EQUIV_CLOSE.match(text, inner.end)
    if not closer:
        return (), pos
    same_kind = (inner.currency is not None) == (quantity.currency is not None) and (
        inner.currency is not None or inner.unit.dimension == quantity.unit.dimension
    )
    if not same_kind:
        return (), pos
    return (inner,), closer.end()


def _quantity_at(text: str, m: re.Match, blocked) -> tuple[Found | None, int]:
    """Build the quantity whose number is ``m``: currency, unit, range, bound, change."""
    num = _read_number(text, m)
    if num is None:
        return None, m.end()
    start = num.start
    if num.digits and start and (text[start - 1].isalnum() or text[start - 1] in "._") and not _glued_currency(text, start):
        return None, num.end  # inside an identifier: "L2", "i7", "v1.2"
    if num.digits and _is_year(text, num):
        after = YEAR_AFTER.match(text, num.end)
        return None, after.end() if after else num.end
    out: dict = {}
    if num.factor:
        unit = _FORMS["times"]
        change = "decrease" if num.value < 1 else "increase"
        found = Found(num.start, num.end, text[num.start:num.end], num.value, unit_text="", unit=unit, change=change, words=True)
        return replace(found, unit=Unit("fold", "factor", "times")), num.end
    # a currency written before: "$", "US$", "USD", "MUSD"
    before = CURRENCY_BEFORE.search(text[max(0, start - 8): start])
    if before:
        if before.group("cur"):
            out["currency"] = CURRENCY_PREFIXES[before.group("cur").lower()]
        else:
            out["currency"] = MILLION_CODES[before.group("mcode").lower()]
            num.value *= 1e6
        start = start - (len(text[max(0, num.start - 8): num.start]) - before.start())
    end = num.end
    unit_m = _unit_at(text, end, num)
    if unit_m and not (out.get("currency") and (unit_m.group("cur") or unit_m.group("mcode"))):
        end = _apply_unit(text, num, unit_m, out)
    elif unit_m and out.get("currency"):
        end = unit_m.end()  # "$10 dollars": the suffix repeats the prefix
    elif out.get("currency") is None:
        pass
    # identifiers such as "24703L202" or "24703 L-202": digits run on into letters
    if num.digits and end < len(text) and text[end].isalnum() and not text[end - 1].isspace():
        return None, end
    if num.digits and "unit" in out and text[end: end + 1] == "-" and text[end + 1: end + 2].isdigit():
        return None, end
    if out.get("currency") and "per" not in out:
        per = PER_AFTER.match(text, end)
        if per and per.group("per"):
            out["per"] = _PER_NAMES.get(per.group("per").lower(), per.group("per").lower())
            end = per.end()
    has_unit = "unit" in out or "currency" in out
    if _excluded(text, num, has_unit, blocked):
        return None, end
    low = high = None
    # money written in two denominations: "3 dollars 50 cents", "15 dollars and 50"
    if out.get("currency") and not out.get("subunit") and unit_m is not None and unit_m.group("cur"):
        cents = MONEY_CENTS_AFTER.match(text, end)
        if cents and not UNIT_AFTER.match(text, cents.end()) and not text[cents.end(): cents.end() + 1].isalnum():
            c = cents.group("cents")
            c_value = float(c) if c.isdigit() else words_value(c)
            if c_value is not None and 0 < c_value < 100 and (c.isdigit() or cents.group(0).strip().split()[-1].lower().startswith(("cent", "pence")) or True):
                num.value += c_value / 100
                end = cents.end()
    # ratio "three to one"
    ratio = None if has_unit else RATIO_AFTER.match(text, end)
    if ratio:
        return Found(start, ratio.end(), text[start:ratio.end()], num.value, unit_text="to one",
                     unit=Unit("ratio", "ratio", "ratio"), words=num.words), ratio.end()
    # ranges: "10 to 15 km", "8- to 16-meter", "between 5 and 7", "40 - 50 years"
    join = RANGE_JOIN.match(text, end)
    if join and not FROM_CHANGE_BEFORE.search(text[max(0, start - 40): start]):
        word = (join.group("word") or "").lower()
        allowed = bool(join.group("dash")) or word in ("to", "through") or (
            word == "and" and BETWEEN_BEFORE.search(text[max(0, start - 20): start])
        )
        m2 = NUMBER_RE.match(text, join.end()) if allowed else None
        if m2 and (m2.group("digits") is not None or m2.group("words")):
            second = _read_number(text, m2)
            if second is not None and second.value >= num.value and not (num.digits and not num.grouped and 1000 <= num.value <= 2100 and not has_unit):
                end2 = second.end
                cur2 = CURRENCY_BEFORE.search(text[join.end(): m2.start()]) if m2.start() > join.end() else None
                unit2 = _unit_at(text, end2, second)
                out2: dict = {}
                if unit2:
                    end2 = _apply_unit(text, second, unit2, out2)
                same = (not out2 or not has_unit or out2.get("unit") == out.get("unit") and out2.get("currency") == out.get("currency"))
                if same and not (end2 < len(text) and text[end2].isalnum()) and not (cur2 and not has_unit):
                    if not has_unit:
                        out.update(out2)
                    low, high = num.value, second.value
                    num.value = (low + high) / 2
                    end = end2
    # hedges and changes written before the quantity
    hedge_from = start
    between = BETWEEN_BEFORE.search(text[max(0, start - 20): start]) if low is not None else None
    if between:
        hedge_from = start - (len(text[max(0, start - 20): start]) - between.start())
    bound = num.bound
    hedge = HEDGE_BEFORE.search(text[max(0, hedge_from - 30): hedge_from])
    if hedge:
        bound = hedge.lastgroup or bound
    change = None
    ch = CHANGE_BEFORE.search(text[max(0, hedge_from - 40): hedge_from])
    if ch:
        change = "increase" if ch.group("up") else "decrease"
    if out.get("unit") is not None and out.get("per"):
        combined = _SPEED.get((out["unit"].name, out["per"]))
        if combined:
            out["unit"], out["per"] = _FORMS[combined + "s" if combined.endswith("hour") else combined] if False else _speed_unit(combined), None
    found = Found(
        start, end, text[start:end], num.value, low=low, high=high,
        unit_text=out.get("unit_text", ""), unit=out.get("unit"), currency=out.get("currency"),
        subunit=out.get("subunit"), per=out.get("per"), bound=bound, change=change, words=num.words,
    )
    return found, end


def _is_year(text: str, num: _Number) -> bool:
    """A four-digit integer in 1000-2100, not grouped, that nothing marks as a quantity."""
    if num.grouped or not num.value.is_integer() or not 1000 <= abs(num.value) <= 2100:
        return False
    if "." in text[num.start: num.end] or _money_context(text, num.start):
        return False
    return not UNIT_AFTER.match(text, num.end) or bool(YEAR_AFTER.match(text, num.end))


@cache
def _speed_unit(name: str) -> Unit:
    for unit in _FORMS.values():
        if unit.name == name:
            return unit
    raise KeyError(name)


def _glued_currency(text: str, start: int) -> bool:
    """Digits glued to letters are an identifier unless the letters are a currency: "USD115"."""
    return bool(CURRENCY_BEFORE.search(text[max(0, start - 8): start]))
