"""A word trie matches exactly what the plain alternation of its words matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.extract.quantity_units import alternation
from newsweave.patterns import word_trie

_WORDS = st.lists(st.text(alphabet="abcsAB ", min_size=1, max_size=6).map(str.strip).filter(bool),
                  min_size=1, max_size=8)
_TEXT = st.text(alphabet="abcsAB .", max_size=40)


def _spans(pattern: str, text: str, flags: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text, flags)]


@settings(max_examples=300, deadline=None)
@given(words=_WORDS, text=_TEXT)
def test_trie_matches_what_the_alternation_matches(words, text):
    """Same spans, longest word first, also when a word must give way to what follows it."""
    for tail in ("", r"\b", r"s\b"):
        assert _spans(rf"(?:{word_trie(words)}){tail}", text) == _spans(rf"(?:{alternation(words)}){tail}", text)


@settings(max_examples=300, deadline=None)
@given(words=_WORDS, text=_TEXT)
def test_folded_trie_matches_what_the_alternation_matches_ignoring_case(words, text):
    for tail in ("", r"\b", r"s\b"):
        trie = rf"(?:{word_trie(words, fold_case=True)}){tail}"
        assert _spans(trie, text, re.I) == _spans(rf"(?:{alternation(words)}){tail}", text, re.I)


def test_a_space_inside_a_word_matches_the_given_pattern():
    trie = word_trie(["prime minister", "prime"], space=r"[\s-]+")
    assert [m.group() for m in re.finditer(trie, "prime-minister, prime  minister, prime")] == [
        "prime-minister", "prime  minister", "prime"]
