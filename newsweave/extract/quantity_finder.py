"""Find quantities in raw text: one compiled-regex pass, no parse, linear in the text.

The finder reads numbers (:mod:`~newsweave.extract.quantity_numbers`), the unit or
currency around them, ranges ("10 to 15", "between 5 and 7"), rates ("2.4 billion
gallons of jet fuel a year"), hedges and changes (:mod:`~newsweave.extract.quantity_context`),
parenthetical equivalents ("100 square kilometers (40 square miles)") and lists that
share one unit ("45 and 50 mg"), and leaves out what a news reader would not call a
quantity: years, dates, times of day, phone numbers, numbers in names and "one of the".

>>> [(f.text, f.value, f.unit.name if f.unit else f.currency) for f in find_quantities("Prices rose 5% to $3.2bn.")]
[('5%', 5.0, 'percentage'), ('$3.2bn', 3200000000.0, 'USD')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from newsweave.extract.quantity_context import (
    BETWEEN_BEFORE,
    FROM_CHANGE_BEFORE,
    PHONE_RE,
    YEAR_AFTER,
    change_before,
    excluded,
    hedge_before,
    is_year,
)
from newsweave.extract.quantity_numbers import (
    NUMBER_RE,
    SCALE_AFTER,
    UNCERTAINTY_AFTER,
    NumberSearch,
    NumberSpan,
    read_number,
    words_value,
)
from newsweave.extract.quantity_units import (
    CASE_SENSITIVE,
    CURRENCY_NAMES,
    CURRENCY_PREFIXES,
    CURRENCY_SUBUNITS,
    CURRENCY_SUFFIXES,
    MILLION_CODES,
    NEEDS_DIGITS,
    SCALE_WORDS,
    Unit,
    alternation,
    unit_forms,
)

__all__ = ["BOUNDS", "Found", "QuantityFinder", "find_quantities", "words_value"]

BOUNDS = ("exact", "approximately", "below", "above", "at_most", "at_least")


@dataclass(frozen=True, slots=True)
class Found:
    """A quantity found in text; ``value`` is the number as written, multipliers applied.

    A range has ``low`` and ``high`` and its midpoint as ``value`` (a stated uncertainty,
    "2.5 ± 0.1 kg", is a range too). ``unit`` is a physical unit, ``currency`` an ISO
    4217 code (with ``subunit`` such as "cent" when written in one); both are None for a
    bare count. ``per`` names the denominator of a rate ("a share", "per year").
    ``equivalents`` holds parenthetical restatements.
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

_FORMS = unit_forms()
_UNITS_BY_NAME = {unit.name: unit for unit in _FORMS.values()}
_PER_WORDS = r"share|dozen|year|annum|month|week|day|hour|hr|person|capita|kg|kilogram|barrel|gallon|litre|liter|ton|tonne|head|unit|minute|second|yr"
# "a year earlier", "a day later": a point in time, not a rate
_NOT_RATE = r"(?!\s+(?:earlier|ago|before|later|after|prior|previously|from|on|in\s+advance)\b)"
PER_AFTER = re.compile(rf"\s*-?\s*(?:/|per|an?)\s*-?\s*(?P<per>{_PER_WORDS})(?![A-Za-z]){_NOT_RATE}", re.IGNORECASE)
# a rate written after the measured noun: "2.4 billion gallons of jet fuel a year"
PER_AFTER_NOUN = re.compile(
    rf"\s+of\s+(?:[a-z][a-z-]*\s+){{1,3}}?(?:a|an|per|each)\s+(?P<per>year|month|week|day|hour)\b{_NOT_RATE}"
)
_UNIT_INS = alternation(s for s in _FORMS if s not in CASE_SENSITIVE)
_UNIT_CS = alternation(s for s in _FORMS if s in CASE_SENSITIVE)
UNIT_AFTER = re.compile(
    rf"""(?P<gap>\s*-\s*|\s*)(?P<open>[(\[{{<]\s*)?
    (?:(?P<cur>(?i:{alternation(CURRENCY_SUFFIXES)}))|(?P<sub>(?i:{alternation(CURRENCY_SUBUNITS)}))
       |(?P<mcode>(?i:{alternation(MILLION_CODES)}))|(?P<unit>(?i:{_UNIT_INS})|{_UNIT_CS}))
    (?(open)\s*[)\]}}>])(?![A-Za-z0-9])""",
    re.VERBOSE,
)
PER_UNIT_AFTER = re.compile(rf"\s*(?:/|\bper\s+)(?P<unit>(?i:{_UNIT_INS})|{_UNIT_CS})(?![A-Za-z0-9])")
CURRENCY_BEFORE = re.compile(
    rf"(?:(?<![A-Za-z])(?P<cur>{alternation(CURRENCY_PREFIXES)})|(?<![A-Za-z])(?P<mcode>{alternation(MILLION_CODES)}))\s*$",
    re.IGNORECASE,
)
MONEY_CENTS_AFTER = re.compile(
    r"\s+(?:and\s+)?(?P<cents>\d{1,2}|[a-z]+(?:[\s-][a-z]+)?)(?P<word>\s+(?:cents?|pence))?(?![\w.,]*\d)", re.IGNORECASE
)
NUMBER_AHEAD = re.compile(r"\s*\d")  # "$ 20,000.00 $ 37,305.97": the second "$" opens the next amount
CENTS_END = re.compile(r"\s*(?:[.,;:!?)]|$)")
RANGE_JOIN = re.compile(r"\s*-?\s*(?:(?P<word>to|through|and|or)(?![A-Za-z])|(?P<dash>[-–—]))\s*")
LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)")
RATIO_AFTER = re.compile(r"(?:\s*-\s*|\s+)to(?:\s*-\s*|\s+)(?:one|1)(?![\w.,])", re.IGNORECASE)
EQUIV_OPEN = re.compile(r"\s*[(\[]\s*(?:or\s+|about\s+|around\s+|roughly\s+|approx\.?\s+|approximately\s+|some\s+|nearly\s+|over\s+|c\.\s*)?")
EQUIV_CLOSE = re.compile(r"\s*[)\]]")
# "in" is inches only when no phrase follows that makes it the preposition ("Voyager 2 in 1979")
INCH_PREPOSITION_AFTER = re.compile(
    r"\s+(?:\d|[A-Z]|(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those|which|what|each|every|all|one|two|order|total|case|part)\b)"
)
AGE_BEFORE = re.compile(r"(?<![A-Za-z])(?:aged|age|ages)\s*$", re.IGNORECASE)
ABSOLUTE_BEFORE = re.compile(r"(?<![A-Za-z])absolute\s+$", re.IGNORECASE)
# "−273.15° on the Celsius scale"
SCALE_NAMED_AFTER = re.compile(r"\s+(?:on\s+the\s+)?(?P<scale>celsius|centigrade|fahrenheit|kelvin)\s+scale\b", re.IGNORECASE)
# rate units written as one symbol: "600,000 bpd", "4,500 tpd"
RATE_SURFACES = {"bpd": "day", "b/d": "day", "tpd": "day"}
_PER_NAMES = {"annum": "year", "y": "year", "yr": "year", "hr": "hour", "h": "hour", "min": "minute", "s": "second",
              "capita": "person", "kg": "kilogram", "liter": "litre", "tonne": "metric ton"}
_SPEED = {("kilometre", "hour"): "kilometre per hour", ("mile", "hour"): "mile per hour", ("metre", "second"): "metre per second"}
# single-letter temperature symbols are read only for values a temperature can have ("PA 23456 F Block")
_TEMPERATURE_LETTERS = frozenset({"c", "f"})
MAX_LETTER_TEMPERATURE = 1000


# --------------------------------------------------------------------- units and currencies


def _unit_form(surface: str) -> Unit:
    """The unit a surface form names; runs of whitespace inside it count as one space."""
    surface = " ".join(surface.split())
    return _FORMS.get(surface) or _FORMS[surface.lower()]


def _unit_at(text: str, pos: int, num: NumberSpan) -> re.Match | None:
    """The unit or currency written right after a number, if it may follow this number."""
    m = UNIT_AFTER.match(text, pos)
    if not m or m.group("unit") is None:
        return m
    surface, gap = m.group("unit"), m.group("gap")
    key = surface if surface in CASE_SENSITIVE else surface.lower()
    if key not in _FORMS:
        key = surface.lower()
    # short symbols count only after digits, and glued or spaced, never after words
    if (key in NEEDS_DIGITS or surface in NEEDS_DIGITS) and (not num.digits or "-" in gap and len(surface) < 3):
        return None
    if surface.lower() in _TEMPERATURE_LETTERS and (gap not in ("", " ") or abs(num.value) >= MAX_LETTER_TEMPERATURE):
        return None
    if surface == "in" and INCH_PREPOSITION_AFTER.match(text, m.end()):
        return None
    if surface in ('"', "''") and text.count('"', text.rfind("\n", 0, pos) + 1, pos) % 2:
        return None  # the closing mark of a quotation: 'the class "English 101".'
    return m


def _apply_unit(text: str, num: NumberSpan, m: re.Match, out: dict) -> int:
    """Read the unit match into ``out``; return where the quantity now ends."""
    end = m.end()
    if m.group("cur"):
        out["currency"] = CURRENCY_SUFFIXES[m.group("cur").lower()]
        scale = SCALE_AFTER.match(text, end)
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
        out["unit"] = _unit_form(surface)
        if surface.lower() in RATE_SURFACES:
            out["per"] = RATE_SURFACES[surface.lower()]
        named = SCALE_NAMED_AFTER.match(text, end) if out["unit"].name == "degree" else None
        if named:
            out["unit"] = _UNITS_BY_NAME[{"centigrade": "celsius"}.get(named.group("scale").lower(), named.group("scale").lower())]
        if out["unit"].name == "pound-mass" and num.scaled:
            out.pop("unit")
            out["currency"] = "GBP"  # "20 million pounds" is money, not weight
    out["unit_text"] = m.group(0).strip(" -([{<)]}>")
    return _rate_after(text, end, out)


def _rate_after(text: str, end: int, out: dict) -> int:
    """Read "per kg", "/h", "a year", "of jet fuel a year" after a unit; chains "J/m^2 per year"."""
    per_unit = PER_UNIT_AFTER.match(text, end)
    if per_unit and "per" not in out:
        out["per"] = _unit_form(per_unit.group("unit")).name
        end = per_unit.end()
    per = PER_AFTER.match(text, end) or PER_AFTER_NOUN.match(text, end)
    if per:
        name = _PER_NAMES.get(per.group("per").lower(), per.group("per").lower())
        out["per"] = f"{out['per']} per {name}" if out.get("per") else name
        if per.re is PER_AFTER:
            end = per.end()
    return end


def _money_context(text: str, start: int, floor: int = 0) -> re.Match | None:
    """A currency written just before ``start`` (and after ``floor``): "$", "US$", "MUSD"."""
    return CURRENCY_BEFORE.search(text, max(floor, start - 8), start)


def _cents_after(text: str, end: int, prefixed: bool) -> tuple[float, int] | None:
    """Money in two denominations: "3 dollars 50 cents", "15 dollars and 50", "C$100 and fifty"."""
    cents = MONEY_CENTS_AFTER.match(text, end)
    if not cents or UNIT_AFTER.match(text, cents.end()) or text[cents.end(): cents.end() + 1].isalnum():
        return None
    glued = cents.group("cents").isdigit() and not cents.group(0).lstrip().lower().startswith("and")
    if not cents.group("word") and not glued and not CENTS_END.match(text, cents.end()):
        return None  # "15 dollars and 50 people": the second number counts something else
    if prefixed and not cents.group(0).lstrip().lower().startswith("and"):
        return None
    c = cents.group("cents")
    value = float(c) if c.isdigit() else words_value(c)
    if value is None or not 0 < value < 100:
        return None
    return value / 100, cents.end()


# --------------------------------------------------------------------- the finder


class QuantityFinder:
    """Scan text for quantities; build once (the patterns are compiled at import)."""

    def __call__(self, text: str) -> list[Found]:
        return find_quantities(text)


def find_quantities(text: str) -> list[Found]:
    """Every quantity in ``text``, in order, with offsets into ``text``."""
    blocked = [(m.start(), m.end()) for m in PHONE_RE.finditer(text)]
    found: list[Found] = []
    search = NumberSearch(text)
    pos = floor = 0
    while True:
        m = search(pos)
        if not m:
            break
        quantity, next_pos = _quantity_at(text, m, blocked, floor)
        pos = max(next_pos, pos + 1)
        if quantity is None:
            continue
        equivalents, pos = _equivalents(text, quantity, pos, blocked)
        if equivalents:
            quantity = replace(quantity, end=pos, text=text[quantity.start:pos], equivalents=equivalents)
        found.append(quantity)
        floor = quantity.end
    return _share_units(text, found)


def _share_units(text: str, found: list[Found]) -> list[Found]:
    """Bare numbers listed before a number with a unit take its unit: "45 and 50 mg", "3, 4 or 5 km".

    Only a unit written after the last number is shared ("$5 and 10" leaves 10 bare).
    """
    donor: Found | None = None
    for i in range(len(found) - 1, -1, -1):
        here = found[i]
        if donor is not None and not (here.unit or here.currency) and here.low is None \
                and here.words == donor.words:
            join = LIST_JOIN.match(text, here.end)
            if join and join.end() == found[i + 1].start:
                found[i] = replace(here, unit=donor.unit, currency=donor.currency, subunit=donor.subunit, per=donor.per)
                continue
        donor = here if (here.unit or here.currency) and here.unit_text else None
    return found


def _equivalents(text: str, quantity: Found, pos: int, blocked) -> tuple[tuple[Found, ...], int]:
    """Parenthetical restatements right after a quantity with a unit: "100 km² (40 sq mi)"."""
    if quantity.unit is None and quantity.currency is None:
        return (), pos
    opener = EQUIV_OPEN.match(text, quantity.end)
    m = NUMBER_RE.match(text, opener.end()) if opener else None
    if not m:
        return (), pos
    inner, _ = _quantity_at(text, m, blocked, 0)
    if inner is None or (inner.unit is None and inner.currency is None):
        return (), pos
    closer = EQUIV_CLOSE.match(text, inner.end)
    if not closer:
        return (), pos
    same_kind = (inner.currency is not None) == (quantity.currency is not None) and (
        inner.currency is not None or inner.unit.dimension == quantity.unit.dimension
    )
    return ((inner,), closer.end()) if same_kind else ((), pos)


def _quantity_at(text: str, m: re.Match, blocked, floor: int) -> tuple[Found | None, int]:
    """Build the quantity whose number is ``m``: currency, unit, range, bound, change.

    ``floor`` is where the previous quantity ended: a currency written before it belongs
    to that quantity ("50 dollar 40 rmb").
    """
    money = _money_context(text, m.start(), floor)
    num = read_number(text, m, money is not None)
    if num is None:
        return None, m.end()
    start = num.start
    if num.digits and start and (text[start - 1].isalnum() or text[start - 1] in "._" or (
            text[start - 1] == "+" and start > 1 and text[start - 2].isalnum())) and money is None:
        return None, num.end  # inside an identifier: "L2", "i7", "v1.2", "J1149.5+6663"
    if num.digits and 1000 <= abs(num.value) <= 2100 and is_year(
            text, num, UNIT_AFTER.match(text, num.end) is not None, money is not None):
        after = YEAR_AFTER.match(text, num.end)
        return None, after.end() if after else num.end
    if num.factor:
        change = "decrease" if num.value < 1 else "increase"
        return Found(num.start, num.end, text[num.start:num.end], num.value, unit=Unit("fold", "factor", "times"),
                     change=change, words=True), num.end
    uncertainty = UNCERTAINTY_AFTER.match(text, num.end) if num.digits else None
    if uncertainty:
        num.end = uncertainty.end()
    out: dict = {}
    if money:
        if money.group("cur"):
            out["currency"] = CURRENCY_PREFIXES[money.group("cur").lower()]
        else:
            out["currency"] = MILLION_CODES[money.group("mcode").lower()]
            num.value *= 1e6
        start = money.start()
    end = num.end
    unit_m = _unit_at(text, end, num)
    suffix_currency = False
    if unit_m and not (out.get("currency") and (unit_m.group("cur") or unit_m.group("mcode"))):
        end = _apply_unit(text, num, unit_m, out)
        suffix_currency = bool(unit_m.group("cur"))
    elif (unit_m and unit_m.group("cur") and CURRENCY_SUFFIXES[unit_m.group("cur").lower()] == out.get("currency")
          and not NUMBER_AHEAD.match(text, unit_m.end())):
        end = unit_m.end()  # "$10 dollars": the suffix repeats the prefix
        suffix_currency = True
    elif not unit_m:
        _implicit_unit(text, num, out)
    # identifiers such as "24703L202" or "24703 L-202": digits run on into letters
    if num.digits and end < len(text) and text[end].isalnum() and not text[end - 1].isspace():
        return None, end
    if num.digits and "unit" in out and text[end: end + 1] == "-" and text[end + 1: end + 2].isdigit():
        return None, end
    if out.get("currency") and "per" not in out:
        end = _rate_after(text, end, out)
    has_unit = "unit" in out or "currency" in out
    if excluded(text, num, has_unit, blocked):
        return None, end
    if out.get("currency") and not out.get("subunit") and (suffix_currency or (unit_m is None and money)):
        cents = _cents_after(text, end, prefixed=not suffix_currency)
        if cents:
            num.value += cents[0]
            end = cents[1]
    ratio = None if has_unit else RATIO_AFTER.match(text, end)
    if ratio:
        return Found(start, ratio.end(), text[start:ratio.end()], num.value, unit_text="to one",
                     unit=Unit("ratio", "ratio", "ratio"), words=num.words), ratio.end()
    low = high = None
    if uncertainty:
        spread = float(uncertainty.group("u").replace("−", "-"))
        low, high = num.value - spread, num.value + spread
    else:
        span = _range_after(text, num, start, end, out, has_unit)
        if span:
            low, high, end = span
            num.value = (low + high) / 2
    hedge_from = start
    if low is not None:
        between = BETWEEN_BEFORE.search(text, max(0, start - 20), start)
        hedge_from = between.start() if between else start
    bound = hedge_before(text, hedge_from) or num.bound
    change = change_before(text, hedge_from)
    if out.get("unit") is not None and out.get("per") in ("hour", "second"):
        combined = _SPEED.get((out["unit"].name, out["per"]))
        if combined:
            out["unit"], out["per"] = _UNITS_BY_NAME[combined], None
    found = Found(
        start, end, text[start:end], num.value, low=low, high=high,
        unit_text=out.get("unit_text", ""), unit=out.get("unit"), currency=out.get("currency"),
        subunit=out.get("subunit"), per=out.get("per"), bound=bound, change=change, words=num.words,
    )
    return found, end


def _implicit_unit(text: str, num: NumberSpan, out: dict) -> None:
    """Units the words around a number imply: "aged 87" (years), "absolute zero" (kelvin),
    "−273.15° on the Celsius scale"."""
    if AGE_BEFORE.search(text, max(0, num.start - 8), num.start) and 0 < num.value < 130:
        out["unit"], out["unit_text"] = _UNITS_BY_NAME["year"], ""
    elif num.words and num.value == 0 and ABSOLUTE_BEFORE.search(text, max(0, num.start - 12), num.start):
        out["unit"], out["unit_text"] = _UNITS_BY_NAME["kelvin"], ""


def _range_after(text: str, num: NumberSpan, start: int, end: int, out: dict, has_unit: bool) -> tuple[float, float, int] | None:
    """A range continuing after the first number: "10 to 15 km", "8- to 16-meter", "between 5 and 7".

    "rose from 5 to 7" is a change between two values, not a range. Negative ranges may
    run downwards ("from -18 °C to -34 °C").
    """
    join = RANGE_JOIN.match(text, end)
    if not join or FROM_CHANGE_BEFORE.search(text, max(0, start - 40), start):
        return None
    word = (join.group("word") or "").lower()
    allowed = bool(join.group("dash")) or word in ("to", "through") or (
        word == "and" and BETWEEN_BEFORE.search(text, max(0, start - 20), start)
    )
    m2 = NUMBER_RE.match(text, join.end()) if allowed else None
    if not m2 or (m2.group("digits") is None and not m2.group("words")):
        return None
    second = read_number(text, m2)
    if second is None:
        return None
    first = num.value
    if second.scaled and not num.scaled and not num.words:
        first *= second.scale  # "between 5 and 7 million": the multiplier covers both
    ordered = second.value >= first or (first < 0 and second.value < 0)
    year_like = num.digits and not num.grouped and 1000 <= num.value <= 2100 and not has_unit
    if not ordered or year_like:
        return None
    end2 = second.end
    prefix2 = _money_context(text, m2.start(), join.end())
    unit2 = _unit_at(text, end2, second)
    out2: dict = {}
    if unit2:
        end2 = _apply_unit(text, second, unit2, out2)
    same = not out2 or not has_unit or (out2.get("unit") == out.get("unit") and out2.get("currency") == out.get("currency"))
    if out.get("unit_text") and not out2:
        return None  # "50 percent to 77 million": a unit written after the first must be repeated
    if not same or (end2 < len(text) and text[end2].isalnum()) or (prefix2 and not has_unit):
        return None
    if not has_unit:
        out.update(out2)
    return min(first, second.value), max(first, second.value), end2
