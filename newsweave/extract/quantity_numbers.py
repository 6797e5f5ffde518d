"""Read numbers: digits ("30,000", "2.5e3", "2 1/2", "5½") and words ("tens of thousands",
"two-and-a-half", "a third", "dozens"), with their multipliers ("million", "bn", "K").

One compiled alternation (:data:`NUMBER_RE`) finds the candidates; :func:`read_number`
turns a match into a :class:`NumberSpan`. Nothing here decides whether a number is a
quantity: that is :mod:`newsweave.extract.quantity_context`'s and the finder's work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.extract.quantity_units import (
    FRACTION_WORDS,
    SCALE_WORDS,
    SUFFIX_MULTIPLIERS,
    UNITS_WORDS,
    VAGUE_WORDS,
    VULGAR_FRACTIONS,
    alternation,
)
from newsweave.patterns import word_trie

_NUMBER_WORDS = list(UNITS_WORDS) + list(SCALE_WORDS) + ["hundred"]
_WORD = r"(?:%s)" % word_trie(_NUMBER_WORDS + list(FRACTION_WORDS) + ["dozen"], fold_case=True)
_JOIN = r"(?:-and-(?:an?-)?|\s*-\s*|\s+and\s+(?:a\s+)?|\s*&\s*|,\s+|\s+(?:a\s+)?)"
_VAGUE = word_trie([w for w in VAGUE_WORDS if w != "dozen"], fold_case=True)
_VULGAR = "".join(VULGAR_FRACTIONS)

_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,2}(?:,\d{2})+,\d{3}(?!\d)|\d{1,3}(?:,\s\d{3})+(?![\d,])|\d+)"
    r"(?:\.\d+)?"
)
_FACTOR_STEMS = ("doubl", "tripl", "trebl", "quadrupl", "halv")
NUMBER_RE = re.compile(
    rf"""
    (?P<digits>
        (?:(?P<sign>[-−])\s?)?{_DIGITS}
        (?:\s(?P<mixed>\d+/\d+)|/(?P<den>[1-9]\d*)(?!\d)|(?P<vulg>[{_VULGAR}]))?
        (?:(?:[eE](?P<exp>[-+−]?\d+))|\s?[x×]\s?10\^?(?P<exp10>[-−]?\d+))?
    )
    | (?P<vulgar>[{_VULGAR}])
    | (?P<vague>\b(?:{_VAGUE})\b)
    | (?P<factor>\b(?:{"|".join(_FACTOR_STEMS)})(?:ed|es|ing|e)\b)
    | (?P<words>\b(?:(?:a|an|one)\s+)?{_WORD}(?:{_JOIN}{_WORD})*\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Where a NUMBER_RE match can start, read in lower-cased text: a sign, a digit or a vulgar
# fraction, or at a word's start "a"/"an" and a space or the first word of a number in
# words, a vague number ("tens" of thousands) or a factor. Every branch of NUMBER_RE
# begins with one of these, so the positions found include every start of a match.
_START_WORDS = {*_NUMBER_WORDS, *FRACTION_WORDS, "dozen", *(w.split()[0] for w in VAGUE_WORDS), *_FACTOR_STEMS}
_MATCH_START = re.compile(rf"[-−\d{_VULGAR}]|\b(?:an?\s|{word_trie(_START_WORDS)})")
# IGNORECASE matches these to "i" and "s", while str.lower() leaves them as they are.
_FOLDS_UNLIKE_LOWER = re.compile("[\u0131\u017f]")


class NumberSearch:
    """``NUMBER_RE.search`` over one text, with the same matches, about four times as fast.

    The big case-insensitive alternation is not tried at every position: a small
    case-sensitive pattern (:data:`_MATCH_START`) finds, in a lower-cased copy of the
    text, the positions where a match can start, and :data:`NUMBER_RE` is matched at
    those alone, in the original text (so the match object and its groups are the
    original's, and ``\\b`` sees the same neighbours: lower-casing keeps a character a
    word character or not). A text whose lower-casing changes its length (offsets would
    shift) or that holds a character case-folding matches but lower-casing does not
    change ("ſ", "ı") is searched directly.
    """

    __slots__ = ("text", "lowered")

    def __init__(self, text: str):
        self.text = text
        lowered = text.lower()
        self.lowered = lowered if len(lowered) == len(text) and not _FOLDS_UNLIKE_LOWER.search(text) else None

    def __call__(self, pos: int) -> re.Match[str] | None:
        """The first match at or after ``pos``."""
        if self.lowered is None:
            return NUMBER_RE.search(self.text, pos)
        starts, text, lowered = _MATCH_START.search, self.text, self.lowered
        while (start := starts(lowered, pos)) is not None:
            found = NUMBER_RE.match(text, start.start())
            if found is not None:
                return found
            pos = start.start() + 1
        return None


SCALE_AFTER = re.compile(
    r"(?:\s*-\s*|\s+)(?P<scale>%s)\b|(?P<suffix>mn|mln|bn|tn|[kKmMbBtT])(?![A-Za-z])" % alternation(SCALE_WORDS),
    re.IGNORECASE,
)
# "2,000.45 ± 0.01", "9.83e-3 +/- 1e-5": a measurement's stated uncertainty
UNCERTAINTY_AFTER = re.compile(r"\s*(?:±|\+/-|\+-)\s*(?P<u>\d+(?:\.\d+)?(?:[eE][-+−]?\d+)?)")
_LIST_AND = re.compile(r"(?<!hundred)(?<!thousand)(?<!million)(?<!billion)(?<!trillion)\s+and\s+(?!an?\s+(?:half|third|quarter))", re.IGNORECASE)
_FACTORS = {"doub": 2.0, "trip": 3.0, "treb": 3.0, "quad": 4.0, "halv": 0.5}
_TOKEN_RE = re.compile(r"[a-z]+", re.IGNORECASE)
_SIGN_RE = re.compile(r"^[-−]?\s?")
_EXPONENT_RE = re.compile(r"[eE]|\s?[x×]")


@dataclass(slots=True)
class NumberSpan:
    """A number read from text: where it is, its value, and how it was written."""

    start: int
    end: int
    value: float
    words: bool
    bound: str = "exact"
    digits: bool = True
    grouped: bool = False
    factor: bool = False
    scale: float = 1.0

    @property
    def scaled(self) -> bool:
        """Whether a multiplier was written after the number ("million", "bn", "K")."""
        return self.scale != 1.0


def digits_value(m: re.Match) -> float | None:
    """The value of a NUMBER_RE ``digits`` match: sign, grouping, fractions and exponents."""
    raw = m.group("digits")
    sign = -1.0 if m.group("sign") else 1.0
    core = _EXPONENT_RE.split(_SIGN_RE.sub("", raw))[0]
    mixed, den, vulg = m.group("mixed"), m.group("den"), m.group("vulg")
    try:
        if den:
            value = float(core.split("/")[0].replace(",", "").replace(" ", "")) / float(den)
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
        elif tok in ("hundred", "dozen"):
            current = (current or 1.0) * (100 if tok == "hundred" else 12)
            seen = True
        elif tok in SCALE_WORDS:
            total += (current or 1.0) * SCALE_WORDS[tok]
            current, seen = 0.0, True
        elif tok in FRACTION_WORDS:
            denominator = FRACTION_WORDS[tok]
            current = current / denominator if seen and current else 1.0 / denominator
            seen = True
        else:
            return None
        i += 1
    if not seen:
        return None
    return total + current


def read_number(text: str, m: re.Match, money: bool = False) -> NumberSpan | None:
    """Turn one NUMBER_RE match into a value, applying "million", "bn", "K".

    ``money`` says a currency is written just before, which lets a glued "m" or "t" be
    a multiplier ("$5m") rather than metres or tonnes ("5m", "5t").
    """
    start, end = m.start(), m.end()
    if m.group("digits") is not None:
        value = digits_value(m)
        if value is None:
            return None
        if m.group("sign") and start and text[start - 1].isalnum():
            return None  # "SCP-173", "COVID-19": a hyphenated identifier, not a negative number
        num = NumberSpan(start, end, value, False, grouped="," in m.group("digits"))
    elif m.group("vulgar"):
        num = NumberSpan(start, end, VULGAR_FRACTIONS[m.group("vulgar")], False)
    elif m.group("vague"):
        value, bound = VAGUE_WORDS[m.group("vague").lower()]
        return NumberSpan(start, end, float(value), True, bound, digits=False)
    elif m.group("factor"):
        return NumberSpan(start, end, _FACTORS[m.group("factor").lower()[:4]], True, digits=False, factor=True)
    else:
        phrase = m.group("words")
        # "two and three" lists two numbers; "a hundred and two" is one
        joined = _LIST_AND.search(phrase)
        if joined:
            phrase = phrase[: joined.start()]
        value = words_value(phrase)
        if value is None:
            return None
        num = NumberSpan(start, start + len(phrase), value, True, digits=False)
    scale = SCALE_AFTER.match(text, num.end)
    if scale and scale.group("scale"):
        num.scale = SCALE_WORDS[scale.group("scale").lower()]
        num.value *= num.scale
        num.end = scale.end()
    elif scale and num.digits:
        suffix = scale.group("suffix")
        nxt = text[scale.end(): scale.end() + 1]
        # "1.8M dollars", "€10B", "$2.174T", "0.5k miles"; never "5 m" (metres) with a space,
        # and a glued "m" or "t" only after a currency ("$5m"; "5m" alone is metres).
        glued = scale.start() == num.end
        if glued and (suffix not in "mtT" or not nxt.isalpha()) and (suffix not in ("m", "t") or money):
            num.scale = SUFFIX_MULTIPLIERS[suffix.lower()]
            num.value *= num.scale
            num.end = scale.end()
    return num
