"""Known dated events in a text: the table, each cue shape, and what the solver makes of them."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.clean.dating import infer_published
from newsweave.clean.dating_events import TABLE, event_table, find_event_cues
from newsweave.evaluate.dating import parse_answer


def cues(text: str) -> list[tuple[str, tuple[str, ...], float]]:
    return [(c.kind, tuple(e.name for e in c.events), c.months) for c in find_event_cues(text)]


def answer(text: str) -> tuple[date, date]:
    published = infer_published(text)
    assert published is not None, "expected a date"
    return parse_answer(published.value)


# --- the table ---------------------------------------------------------------------------

def test_table_spans_the_decades_and_domains_since_1945():
    table = event_table()
    decades = {e.first.year // 10 * 10 for e in table.events}
    domains = {e.domain for e in table.events}
    assert len(table.events) >= 300
    assert set(range(1940, 2030, 10)) <= decades
    assert {"war", "attack", "disaster", "pandemic", "election", "referendum", "coup", "death", "treaty",
            "finance", "sport"} <= domains
    assert all(date(1945, 1, 1) <= e.first <= e.last <= date(2025, 12, 31) for e in table.events)


def test_every_event_is_reachable_by_a_name_or_a_head_with_participants():
    raw = json.loads(TABLE.read_text(encoding="utf-8"))
    for item in raw["events"]:
        assert item.get("names") or (item.get("heads") and item.get("with")), item["event"]
        for ref in [*item.get("heads", []), *(w for g in item.get("with", []) for w in g)]:
            if ref.startswith("@"):
                assert ref[1:] in raw["groups"] or ref[1:] in raw["heads"], (item["event"], ref)


# --- cue shapes ----------------------------------------------------------------------------

def test_count_since_a_named_event_is_a_since_cue():
    assert cues("It has been 12 years since Hurricane Katrina flooded the city.") == [
        ("since", ("Hurricane Katrina",), 144.0)]


def test_count_into_a_war_named_by_head_and_participants():
    found = cues("Syria's army shelled Idlib. Five years into the Syrian civil war, the regime holds most cities.")
    assert ("since", ("the Syrian civil war",), 60.0) in found


def test_event_then_count_ago_is_a_since_cue():
    assert cues("The Chernobyl disaster struck 30 years ago, and the zone is still empty.")[0][::2] == ("since", 360.0)


def test_nth_anniversary_of_an_event_counts_whole_years():
    assert cues("Crowds gathered for the 25th anniversary of the fall of the Berlin Wall.") == [
        ("since", ("the fall of the Berlin Wall",), 300.0)]


def test_event_told_as_past_is_a_lower_bound():
    assert cues("Markets have never fully recovered from the collapse of Lehman Brothers.") == [
        ("after", ("the collapse of Lehman Brothers (the global financial crisis)",), 0.0)]


def test_event_to_come_or_supposed_gives_no_lower_bound():
    assert cues("Officials fear another Fukushima disaster could follow.") == []
    assert cues("The next election will be decided by turnout, Obama said.") == []


def test_foreseen_event_named_alone_gives_no_lower_bound():
    # a referendum is written about before it is held
    assert cues("Campaigners prepared for the Brexit referendum in London.") == []


def test_count_after_an_event_in_a_past_narrative_dates_another_event_not_the_writing():
    assert cues("Two months after the Brexit vote, a man was attacked in Essex.") == []
    assert cues("Two years after the Brexit vote, the country is still divided.")[0][0] == "since"


def test_record_idiom_is_not_time_elapsed():
    assert all(kind != "since" for kind, *_ in cues("Oil fell the most in one day since the Gulf War."))


def test_other_kinds_of_war_are_not_the_participants_war():
    text = "Russia and Ukraine sent envoys. They marked 80 years since the start of World War II."
    assert all(c.kind != "since" for c in find_event_cues(text))


def test_ambiguous_mention_prefers_the_event_its_context_names():
    full = cues("Russia's full-scale invasion of Ukraine left towns in ruins.")
    crimea = cues("Russia's invasion of Ukraine's Crimea peninsula shocked Europe.")
    assert full[0][1] == ("Russia's full-scale invasion of Ukraine",)
    assert crimea[0][1] == ("Russia's seizure of Crimea and intervention in Ukraine",)


def test_ambiguous_since_cue_keeps_alternatives_and_other_cues_choose():
    text = ("Moscow denies it. Two years into the war Russia started in Ukraine, President Joe Biden "
            "says more aid is coming.")
    (cue,) = [c for c in find_event_cues(text) if c.kind == "since"]
    assert len(cue.events) == 2
    first, last = answer(text)
    assert date(2023, 12, 1) <= first and last <= date(2025, 1, 31)  # 2016 is outside Biden's term


def test_pronoun_resolved_through_the_sentence_before():
    text = ("Putin's generals say Ukraine will fall. Whatever he hoped when he launched this invasion, after "
            "three years of losses the army now must regroup.")
    found = cues(text)
    assert ("since", ("Russia's seizure of Crimea and intervention in Ukraine",
                      "Russia's full-scale invasion of Ukraine"), 36.0) in found


def test_participants_too_far_back_do_not_count():
    text = ("Putin spoke in Moscow. The weather was cold. Whatever he hoped when he launched the invasion, "
            "after three years of losses the army now must regroup.")
    assert cues(text) == []


def test_year_next_to_a_mention_picks_or_drops_the_event():
    assert cues("Ten years since Russia's 2014 invasion, Crimea remains occupied.")[0][1] == (
        "Russia's seizure of Crimea and intervention in Ukraine",)
    assert cues("Since the 2010 earthquake, Japan has rebuilt its coast.") == []  # Japan's was in 2011


# --- what the solver makes of them ---------------------------------------------------------

def test_count_since_an_event_alone_dates_the_text():
    first, last = answer("Twenty years since the September 11 attacks, the memorial still draws crowds.")
    assert date(2020, 9, 1) <= first and last <= date(2022, 9, 30)


def test_anniversary_dates_the_text_to_the_month():
    first, last = answer("Germans celebrate the 30th anniversary of the fall of the Berlin Wall this weekend.")
    assert date(2019, 9, 1) <= first and last <= date(2019, 12, 31)


def test_lower_bound_moves_a_date_past_the_event():
    text = ("On Tuesday, May 12, officials said the economy had not recovered from the coronavirus pandemic. "
            "President Trump spoke.")
    first, last = answer(text)
    assert first >= date(2020, 3, 11)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc 9/11 war Russia Ukraine invasion since years two ago .,\n")),
               max_size=300))
def test_cues_lie_inside_the_text(text):
    for cue in find_event_cues(text):
        assert 0 <= cue.start < cue.end <= len(text)


@pytest.mark.parametrize("text", ["", "war", "9/11", "two years since", "the 5th anniversary of"])
def test_fragments_do_not_fail(text):
    find_event_cues(text)
