"""Which country a participant stands for."""

from __future__ import annotations

import pytest

from newsweave.reconcile.affiliation import demonym_country, mention_country


@pytest.mark.parametrize("word, country", [
    ("Ukrainian", "UA"), ("Ukrainians", "UA"), ("Russian", "RU"), ("Chinese", "CN"), ("Israeli", "IL"),
    ("Iraqis", "IQ"), ("Pakistani", "PK"), ("North Korean", "KP"), ("Nigerian", "NG"), ("Indian", "IN"),
    ("American", "US"), ("British", "GB"), ("French", "FR"),
])
def test_nationality_words_name_their_country(word, country):
    assert demonym_country(word) == country


@pytest.mark.parametrize("word", ["Korean", "Western", "Democrats", "Muslim", "Niger", "European", "Soviet"])
def test_words_that_name_no_single_country_name_none(word):
    assert demonym_country(word) is None


def test_a_mention_stands_for_its_geocoded_country_a_places_or_a_nationalitys():
    assert mention_country("place", "Kiev", {"geo": {"country": "UA", "kind": "city"}}) == "UA"
    assert mention_country("place", "Kiev", {"geo": {"country": "UA", "kind": "city"}}, towns=False) is None
    assert mention_country("GPE", "Moscow") == "RU"
    assert mention_country("group", "Ukrainian") == "UA"
    assert mention_country("person", "Zelensky") is None


def test_a_participants_countries_are_those_its_mentions_stand_for():
    from newsweave.reconcile.timeline import _DocMentions, _keys

    mentions = _DocMentions([(0, 9, None, "Ukrainian", "group"), (20, 26, None, "Russia", "place"),
                             (40, 45, None, "Paris", "place")])
    def participants(actors, targets):
        return _keys({"actors": actors, "targets": targets}, mentions, {})

    ukrainian, russia_and_paris = {"start": 0, "end": 9, "text": "Ukrainian"}, {"start": 20, "end": 45, "text": "x"}
    assert participants([ukrainian], []).sides == {"UA"}
    assert participants([russia_and_paris], []).sides == {"RU", "FR"}
    assert participants([], [russia_and_paris]).targets == {"RU"}  # a town taken is no party
    assert participants([], []).sides == frozenset()
