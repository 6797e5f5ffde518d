"""Geocoding from the offline gazetteer, with ambiguous names read in the story's context."""

from __future__ import annotations

from functools import lru_cache

import numpy
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.extract.gazetteer import REGION_WORDS, capital_of, geocode_story, lookup, region_candidates
from newsweave.nlp import in_ids, string_ids


def test_sudzha_resolves_to_the_kursk_region_of_russia():
    found = geocode_story({"Sudzha": 3, "Kursk Oblast": 2, "Sumy": 1, "Ukraine": 2, "Moscow": 1})
    sudzha = found["Sudzha"]
    assert sudzha.place.country == "RU" and sudzha.region == "Kursk"
    assert 50 < sudzha.latitude < 52 and 34 < sudzha.longitude < 36


def test_ambiguous_name_follows_the_story_country():
    in_texas = geocode_story({"Paris": 1, "Texas": 3, "Dallas": 2})["Paris"]
    in_france = geocode_story({"Paris": 1, "France": 3, "Lyon": 2})["Paris"]
    assert in_texas.place.country == "US" and in_texas.resolved_by == "story context"
    assert in_france.place.country == "FR"


def test_alternate_spellings_and_region_forms_are_found():
    assert lookup("Kiev")[0].name == "Kyiv"
    region = lookup("Kursk Oblast")[0]
    assert region.kind == "region" and region.country == "RU"


def test_countries_are_placed_at_their_capital():
    ukraine = geocode_story({"Ukraine": 1})["Ukraine"]
    kyiv = capital_of("UA")
    assert (ukraine.latitude, ukraine.longitude) == (kyiv.latitude, kyiv.longitude)


def test_names_matched_by_their_token_id_are_single_tokens(nlp):
    # The place ruler finds letters-only names (no tokenizer special case) in the ORTH
    # column without tokenizing them; that is only right if each is exactly one token.
    ruler = nlp.get_pipe("newsweave_places")
    single = [n for n in ruler.gazetteer if n.isalpha() and n not in (nlp.tokenizer.rules or {})]
    assert len(single) > 50_000 and len(ruler.single_ids) == len(single)
    assert all(len(doc) == 1 for doc in nlp.tokenizer.pipe(single))


def test_single_and_multi_token_place_names_are_both_found(nlp):
    doc = nlp("Aid left Kiev for Sumy, then New York and Saint-Denis.")
    places = {e.text for e in doc.ents if e.label_ == "GPE"}
    assert {"Kiev", "Sumy", "New York", "Saint-Denis"} <= places


def test_a_place_name_inside_a_longer_proper_name_or_borne_by_a_person_is_no_place(nlp):
    text = ("“We might negotiate,” said Scott Lucas, professor at University College Dublin’s Clinton "
            "Institute. “Ukraine wants to resist,” Lucas said. Majority Leader Mitch McConnell agreed.")
    places = {e.text for e in nlp(text).ents if e.label_ == "GPE"}
    assert places.isdisjoint({"Lucas", "University", "College", "Dublin", "Leader"})
    assert "Ukraine" in places


def test_alternate_names_that_read_as_something_else_are_not_places(nlp):
    # GeoNames lists "Robert Williams" and "River City" among cities' alternate names.
    assert lookup("Robert Williams") == () and lookup("River City") == ()
    assert lookup("Saigon")[0].name == "Ho Chi Minh City" and lookup("Bombay")[0].name == "Mumbai"
    doc = nlp("Robert Williams said the plan would fail.")
    assert [e.label_ for e in doc.ents if e.text == "Robert Williams"] == ["PERSON"]


def test_codes_among_alternate_names_are_not_place_names(nlp):
    # GeoNames gives cities their airport codes ("GOP" is Gorakhpur's) and registry ids
    assert lookup("GOP") == () and lookup("CAB") == () and lookup("Q4") == ()
    assert lookup("D.C.") and lookup("Kyiv") and lookup("US")  # a dotted form and country codes stay
    doc = nlp("The GOP leadership met in Perth on Monday.")
    assert not any(e.text == "GOP" and e.label_ in ("GPE", "LOC") for e in doc.ents)


def test_a_small_town_named_in_everyday_words_does_not_take_over_an_organisation(nlp):
    # White House, Tennessee (11,000 people) is in the gazetteer; "A White House spokesman"
    # is the president's office, which spaCy calls an organisation.
    assert lookup("White House")
    labels = [e.label_ for e in nlp("A White House spokesman said the talks would resume.").ents
              if e.text == "White House"]
    assert labels and "GPE" not in labels
    # a town whose name is no everyday phrase still becomes a place ("Kursk", "Sumy" as ORG)
    assert {"Kursk", "Sumy"} <= {e.text for e in nlp("Troops left Kursk for Sumy.").ents if e.label_ == "GPE"}
    # and "at the White House" (a building, so a place) is not put on the map in Tennessee
    found = geocode_story({"White House": 3, "Washington": 2, "Kursk": 1})
    assert "White House" not in found and found["Washington"].place.country == "US"


_REGION_PATTERN = [{"IS_TITLE": True, "OP": "+"}, {"ORTH": {"IN": list(REGION_WORDS)}}]
_WORDS = ("Kursk", "Nizhny", "Novgorod", "Oblast", "oblast", "region", "Region", "the", "in", "Krai",
          "Province", ",", "\n", "US", "Belgorod", "district")


@settings(deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14))
def test_region_candidates_are_the_spans_the_matcher_pattern_finds(words):
    # The ruler reads "<Title Case words> <region word>" from two columns instead of running
    # a Matcher; every span the pattern would give (each start in the run) must come out.
    from spacy.attrs import IS_TITLE, ORTH
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

    vocab = _blank_vocab()
    doc = Doc(vocab, words=words)
    matcher = Matcher(vocab)
    matcher.add("REGION", [_REGION_PATTERN])
    columns = doc.to_array([ORTH, IS_TITLE])
    found = sorted(region_candidates(columns[:, 0], columns[:, 1], string_ids(REGION_WORDS)))
    assert found == sorted((start, end) for _, start, end in matcher(doc))


def test_token_ids_are_found_as_numpy_isin_finds_them():
    ids = string_ids(("Kursk", "Sumy", "Moscow", "Kyiv"))
    column = numpy.array([*ids, 0, 1, 2**64 - 1, *(ids + 1), *(ids - 1)], dtype=numpy.uint64)
    assert (in_ids(column, ids) == numpy.isin(column, ids)).all()
    assert not in_ids(column, ids[:0]).any()


@lru_cache(maxsize=1)
def _blank_vocab():
    import spacy

    return spacy.blank("en").vocab
