"""The number scanner's fast paths find exactly what the plain patterns find."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.extract.quantity_numbers import NUMBER_RE, NumberSearch
from newsweave.extract.quantity_units import alternation, word_trie

_WORDS = st.lists(st.text(alphabet="abcs ", min_size=1, max_size=6).map(str.strip).filter(bool), min_size=1, max_size=8)


def _all(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(words=_WORDS, text=st.text(alphabet="abcs .", max_size=40))
def test_word_trie_matches_what_the_alternation_matches(words, text):
    """Same spans, longest word first, also when a word must give way to what follows it."""
    for tail in ("", r"\b", r"s\b"):
        plain = re.compile(rf"(?:{alternation(words)}){tail}")
        trie = re.compile(rf"(?:{word_trie(words)}){tail}")
        assert _all(trie, text) == _all(plain, text)


def test_word_trie_refuses_cased_words():
    with pytest.raises(ValueError, match="lower-case"):
        word_trie(["Kelvin"])


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
