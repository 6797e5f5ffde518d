"""events.rules on small built texts: triggers, participants, dates and commitment."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.extract.events import Event, extract_events, granularity_of
from newsweave.extract.timex import find_timexes, spacy_tense

DCT = dt.date(2025, 3, 16)


@pytest.fixture(scope="module")
def nlp():
    from newsweave.nlp import load_spacy

    return load_spacy()


@pytest.fixture(scope="module")
def events_of(nlp):
    def run(text: str, doc_date: str | None = "2025-03-16") -> list[Event]:
        doc = nlp(text)
        timexes = find_timexes(text, DCT, "d", tense=spacy_tense(doc))
        return extract_events(doc, text, "d", timexes=timexes, doc_date=doc_date)

    return run


def by_trigger(events: list[Event], trigger: str) -> Event:
    return next(e for e in events if e.trigger == trigger)


def test_event_has_actor_target_and_date_from_its_timex(events_of):
    text = "On March 12, Russian troops entered the town of Sudzha."
    e = by_trigger(events_of(text), "entered")
    assert [a.text for a in e.actors] == ["Russian troops"]
    assert any("Sudzha" in t.text for t in e.targets)
    assert (e.date, e.granularity, e.date_source) == ("2025-03-12", "day", "timex")
    assert text[e.timex_start:e.timex_end] == "March 12"
    assert text[e.trigger_start:e.trigger_end] == "entered"
    assert e.commitment == "asserted"


def test_next_day_event_is_dated_after_the_previous_event(events_of):
    text = "Rebels seized the airport on Friday. The next day, government forces recaptured it."
    events = events_of(text)
    first, second = by_trigger(events, "seized"), by_trigger(events, "recaptured")
    assert first.date == "2025-03-14"
    assert dt.date.fromisoformat(second.date) - dt.date.fromisoformat(first.date) == dt.timedelta(days=1)


def test_present_perfect_without_timex_takes_the_document_date(events_of):
    e = by_trigger(events_of("The army has withdrawn from the city."), "withdrawn")
    assert (e.date, e.date_source, e.tense) == ("2025-03-16", "document", "perfect")
    e = by_trigger(events_of("The army has withdrawn from the city.", doc_date=None), "withdrawn")
    assert e.date is None and e.date_source == "none"


def test_attributed_event_names_its_source(events_of):
    text = "The Defense Ministry claimed that its forces had retaken the town."
    e = by_trigger(events_of(text), "retaken")
    assert e.commitment == "attributed"
    assert "Defense Ministry" in e.attributed_to
    assert not any(x.trigger == "claimed" for x in events_of(text))


def test_negated_and_denied_events(events_of):
    assert by_trigger(events_of("The troops did not leave the village."), "leave").commitment == "denied"
    e = by_trigger(events_of("The general denied that his soldiers had shelled the hospital."), "shelled")
    assert e.commitment == "denied" and e.attributed_to


def test_hypothetical_events(events_of):
    assert by_trigger(events_of("The rebels could lose the town."), "lose").commitment == "hypothetical"
    assert by_trigger(events_of("If the talks fail, the army will attack the port."), "attack").commitment == "hypothetical"


def test_an_event_asked_about_is_not_asserted(events_of):
    assert by_trigger(events_of("How has Russia responded?"), "responded").commitment == "hypothetical"
    assert by_trigger(events_of("“Why did the army attack the port?” she asked."), "attack").commitment == "hypothetical"
    assert by_trigger(events_of("Russia responded on Monday."), "responded").commitment == "asserted"


def test_recommended_events(events_of):
    assert by_trigger(events_of("The government should withdraw its troops."), "withdraw").commitment == "recommended"
    e = by_trigger(events_of("Analysts urged the president to sign the treaty."), "sign")
    assert e.commitment == "recommended"
    e = by_trigger(events_of("American officials ought to reverse their decision."), "reverse")
    assert e.commitment == "recommended"
    e = by_trigger(events_of("The allies should help the rebels launch attacks on the capital."), "launch")
    assert e.commitment == "recommended"
    e = by_trigger(events_of("The allies helped the rebels launch attacks on the capital."), "launch")
    assert e.commitment == "asserted"


def test_event_noun_with_possessor_and_place(events_of):
    text = "Ukraine's incursion into the Kursk region in August 2024 surprised Moscow."
    e = by_trigger(events_of(text), "incursion")
    assert e.form == "noun" and e.predicate == "incursion"
    assert [a.text for a in e.actors] == ["Ukraine"]
    assert (e.date, e.granularity) == ("2024-08", "month")


def test_support_verb_stands_for_its_event_noun(events_of):
    e = by_trigger(events_of("Moscow launched a major counteroffensive last week."), "launched")
    assert e.predicate == "counteroffensive"
    assert e.granularity == "week" and e.date_source == "timex"


def test_granularity_of_timex_values():
    assert [granularity_of(v) for v in ("2025-03-12", "2024-08", "2024-SU", "2025-W10", "2025-Q1", "2025", "199")] == [
        "day", "month", "season", "week", "quarter", "year", "decade"]
    assert granularity_of("P7M") is None and granularity_of("PAST_REF") is None


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_gives_events_with_offsets_in_range(events_of, text):
    for e in events_of(text):
        assert 0 <= e.start <= e.end <= len(text)
        assert text[e.trigger_start:e.trigger_end] == e.trigger
        assert e.commitment in ("asserted", "attributed", "denied", "hypothetical", "recommended")


def test_sending_forces_across_a_border_is_a_crossing(events_of):
    e = by_trigger(events_of("In March, Turkey sent troops into northern Syria."), "sent")
    assert e.predicate == "enter"
    assert [a.text for a in e.actors] == ["Turkey"]
    assert len(e.targets) == 1 and e.targets[0].text.endswith("Syria")  # not the troops
    assert e.place is not None and e.place.text.endswith("Syria")
    e = by_trigger(events_of("Last year the army sent its forces pouring across the border."), "sent")
    assert e.predicate == "cross" and "border" in e.targets[-1].text
    # sending anything else is not a crossing
    assert by_trigger(events_of("Turkey sent a letter into Syria."), "sent").predicate == "send"


def test_a_subjectless_adjunct_verb_takes_its_governors_subject(events_of):
    e = by_trigger(events_of("The rebels have achieved their goals by seizing the airport."), "seizing")
    assert [a.text for a in e.actors] == ["The rebels"]
    e = by_trigger(events_of("Having crossed the river, the troops took the town."), "crossed")
    assert [a.text for a in e.actors] == ["the troops"]


def test_a_relative_pronoun_stands_for_the_noun_it_modifies(events_of):
    e = by_trigger(events_of("Strikes hit the province of Idlib, which Syria invaded in May."), "invaded")
    assert [a.text for a in e.actors] == ["Syria"]
    assert [t.text for t in e.targets] == ["Idlib"]


def test_common_news_event_nouns_are_triggers(events_of):
    events = events_of("The test flight lasted four hours. The first delivery of the aircraft took place on Monday.")
    nouns = {e.predicate for e in events if e.form == "noun"}
    assert {"flight", "delivery"} <= nouns


def test_a_named_recipient_is_a_target_and_an_unnamed_one_is_not(nlp):
    from newsweave.model import Mention

    text = "Airbus delivered the first aircraft to Singapore Airlines on Monday. The talks came to an end."
    start = text.index("Singapore Airlines")
    mentions = [Mention(doc="d", start=start, end=start + len("Singapore Airlines"), text="Singapore Airlines",
                        extractor="test", label="organisation")]
    events = extract_events(nlp(text), text, "d", mentions=mentions, doc_date="2025-03-16")
    delivered = next(e for e in events if e.predicate == "deliver")
    assert "Singapore Airlines" in {t.text for t in delivered.targets}
    came = [e for e in events if e.predicate == "come"]
    assert all(t.text != "an end" for e in came for t in e.targets)


def test_a_happening_told_a_day_after_another_is_dated_from_the_previous_reference_day(events_of):
    text = ("On March 10, the rebels entered the capital. "
            "The news came a day after the government had agreed to a ceasefire.")
    e = by_trigger(events_of(text), "agreed")
    assert (e.date, e.granularity, e.date_source) == ("2025-03-09", "day", "offset")
    assert text[e.timex_start:e.timex_end] == "a day"


def test_an_offset_counts_from_the_other_happenings_own_date(events_of):
    text = "The rebels attacked two weeks before the election on May 20, 2024."
    e = by_trigger(events_of(text), "attacked")
    assert (e.date, e.date_source) == ("2024-05-06", "offset")


def test_an_offset_finer_than_the_date_it_counts_from_dates_nothing(events_of):
    text = "The strike came three days after talks collapsed in February."
    e = by_trigger(events_of(text), "collapsed")
    assert e.date_source == "timex" and e.date == "2025-02"
    assert all(x.date_source != "offset" for x in events_of(text))


def test_offset_values_move_by_whole_units_at_their_own_grain():
    from newsweave.extract.events import offset_value

    assert offset_value("2024-12-31", "P1D", 1) == "2025-01-01"
    assert offset_value("2025-03-12", "P2W", -1) == "2025-02-26"
    assert offset_value("2024-01", "P1Y", 1) == "2025-01"
    assert offset_value("XXXX-03-12", "P1D", -1) is None
    assert offset_value("2024", "P1M", 1) is None


def test_a_named_target_ends_with_its_name_not_the_clause_describing_it(events_of):
    text = "On March 12, rebel troops entered the town of Aleppo, which served as the army's main base in the north."
    e = by_trigger(events_of(text), "entered")
    assert [t.text for t in e.targets] == ["the town of Aleppo"]
