"""The number scanner's fast path finds exactly what the plain pattern finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.extract.quantity_numbers import NUMBER_RE, NumberSearch

def _scan(search, text: str) -> list[tuple[tuple[int, int], dict]]:
    out, pos = [], 0
    while (m := search(pos)) is not None:
        out.append((m.span(), m.groupdict()))
        pos = max(m.end(), pos + 1)
    return out


@pytest.mark.parametrize("text", [
    "Nearly Two Thousand troops, TENS OF THOUSANDS of people and 3.5 MILLION dollars; Seven-and-a-half.",
    "İstanbul sent twenty-one ships, then ONE HUNDRED more",  # lower-casing İ lengthens the text
    "",
])
def test_number_search_finds_the_matches_of_the_case_insensitive_pattern(text):
    found = _scan(NumberSearch(text), text)
    assert found == _scan(lambda pos: NUMBER_RE.search(text, pos), text)
    assert found or not text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="Tt wWoOeEnNhHuUdDrR-,.0123456789½İ", max_size=60))
def test_number_search_agrees_on_any_text(text):
    assert _scan(NumberSearch(text), text) == _scan(lambda pos: NUMBER_RE.search(text, pos), text)


_PIECES = [
    "one", "Two", "THREE", "twenty", "-", "seven", "hundred", "thousand", "Million", "bn", "and", "a", "an",
    "half", "thirds", "quarter", "dozen", "dozens", "tens", "of", "hundreds", "doubled", "Tripling", "halve",
    "0", "12", "3,500", "1.5", "2 1/2", "5½", "⅓", "−4", "-", "e3", "x 10^6", "/", ",", ", ", " ", "  ", "\n",
    "people", "often", "someone", "attend", "tone", "ſeven", "fıve", "İ", "K", "ONE", "_", "9th", "’",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.lists(st.sampled_from(["", " ", "-"]), max_size=30))
def test_number_search_agrees_on_texts_of_number_words_digits_and_filler(pieces, glue):
    text = "".join(p + (glue[i] if i < len(glue) else " ") for i, p in enumerate(pieces))
    assert _scan(NumberSearch(text), text) == _scan(lambda pos: NUMBER_RE.search(text, pos), text)


def test_lower_casing_keeps_letters_and_word_characters_as_case_folding_sees_them():
    """What the fast path assumes of ``str.lower()``: it keeps a character a word character
    or not, and every character that case-folding matches to an ASCII letter becomes that
    letter, except the two it then searches directly."""
    import re
    import sys

    from newsweave.extract.quantity_numbers import _FOLDS_UNLIKE_LOWER

    word, letter = re.compile(r"\w"), re.compile("[a-z]", re.IGNORECASE)
    for c in map(chr, range(sys.maxunicode + 1)):
        low = c.lower()
        if len(low) != 1:
            continue  # the text's length changes: searched directly
        assert bool(word.match(c)) == bool(word.match(low)), hex(ord(c))
        if letter.fullmatch(c) and not "a" <= low <= "z":
            assert _FOLDS_UNLIKE_LOWER.match(c), hex(ord(c))
