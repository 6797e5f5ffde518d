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
