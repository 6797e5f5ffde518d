"""Behaviour of the rule-based TIMEX3 tagger: recognition, normalisation, anchoring."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.extract.timex import Timex, document_anchor, find_timexes, textual_tense
from newsweave.model import Document, PublishedDate
from newsweave.pipeline import Article

SUNDAY = dt.date(2025, 3, 16)


def values(text: str, anchor: dt.date | None = SUNDAY, **kw) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, anchor, **kw)}


def test_timex_resolves_weekday_against_dct_in_past_tense():
    found = find_timexes("Russian troops entered the town on Friday.", SUNDAY)
    assert [(t.text, t.value, t.anchor) for t in found] == [("Friday", "2025-03-14", "dct")]


def test_timex_weekday_direction_follows_future_tense():
    assert values("The envoy will arrive on Friday.")["Friday"] == "2025-03-21"


def test_timex_weekday_direction_follows_tense_callable():
    text = "The talks on Friday."
    assert values(text, tense=lambda _offset: "future")["Friday"] == "2025-03-21"
    assert values(text, tense=lambda _offset: "past")["Friday"] == "2025-03-14"


def test_timex_next_day_resolves_against_previous_reference_not_dct():
    found = find_timexes("Fighting began on March 12, 2024. The next day the town fell.", SUNDAY)
    next_day = next(t for t in found if t.text.lower() == "the next day")
    assert next_day.value == "2024-03-13"
    assert next_day.anchor == "previous"


def test_timex_that_night_uses_previous_reference():
    found = find_timexes("The strike came on Aug. 6, 2024, and that night the lights went out.", SUNDAY)
    night = next(t for t in found if t.text == "that night")
    assert night.value.startswith("2024-08-06") and night.anchor == "previous"


def test_timex_may_the_verb_and_names_are_not_times():
    assert find_timexes("Officials may decide, and they may not.", SUNDAY) == []
    assert find_timexes("May I ask?", SUNDAY) == []
    assert all(t.text != "May" for t in find_timexes("Theresa May said the vote would pass.", SUNDAY))
    assert all("March" not in t.text for t in find_timexes("Protesters march on the capital.", SUNDAY))


def test_timex_general_title_and_quantities_are_not_times():
    found = find_timexes("Gen. Syrskyi said 2000 troops and 1,500 vehicles crossed.", SUNDAY)
    assert found == []


def test_timex_month_names_resolve_and_keep_x_without_anchor():
    assert values("It happened last August.")["last August"] == "2024-08"
    assert values("Talks resumed March 12.", None)["March 12"] == "XXXX-03-12"
    assert values("The attack on Friday.", None)["Friday"] == "XXXX-WXX-5"


def test_timex_durations_are_normalised():
    got = values("The seven-month-long incursion, twenty-eight months of war, two-and-a-half years.")
    assert got["The seven-month-long"] == "P7M"
    assert got["twenty-eight months"] == "P28M"
    assert got["two-and-a-half years"] == "P2Y6M"  # TIMEX3 values take no fractions


def test_timex_seasons_quarters_years_and_decades():
    got = values("In the fall and this past summer, the third quarter of 2019, in 1998 and the 1990s.")
    assert got["this past summer"] == "2024-SU"
    assert got["the third quarter of 2019"] == "2019-Q3"
    assert got["1998"] == "1998"
    assert got["the 1990s"] == "199"
    # "over the past decade" is the ten years to now; "the last decade" may be the one before this
    assert values("Fights grew over the past decade.")["the past decade"] == "P10Y"
    assert values("It changed in the last decade of the century.")["the last decade"] == "201"
    # a leap day named without its year
    assert values("Northrop was selected on February 29.", dt.date(2008, 7, 2))["February 29"] == "2008-02-29"
    # written in the season's last month, "this past summer" is the summer now ending
    assert values("This past summer he warmed to talks.", dt.date(2024, 8, 20))["This past summer"] == "2024-SU"
    assert values("This past summer he warmed to talks.", dt.date(2024, 7, 20))["This past summer"] == "2023-SU"
    assert got["the fall"].endswith("-FA")


def test_timex_earlier_this_month_has_start_mod():
    found = find_timexes("Earlier this month, the army advanced.", SUNDAY)
    assert [(t.value, t.mod) for t in found] == [("2025-03", "START")]


def test_timex_vague_references():
    got = values("Now the past is recent history; officials recently said so.")
    assert got["Now"] == "PRESENT_REF"
    assert got["the past"] == "PAST_REF"
    assert got["recently"] == "PAST_REF"


def test_timex_ago_resolves_against_dct():
    assert values("Three weeks ago the front moved.")["Three weeks ago"] == "2025-W08"
    assert values("Two years ago it was calm.")["Two years ago"] == "2023"


def test_timex_records_are_timex_kind_with_offsets():
    text = "Yesterday was quiet."
    (t,) = find_timexes(text, SUNDAY, "doc1")
    assert isinstance(t, Timex) and t.kind == "timexes" and t.doc == "doc1"
    assert text[t.start:t.end] == t.text == "Yesterday" and t.value == "2025-03-15"


def test_textual_tense_reads_modal_and_past_cues():
    assert textual_tense("They will meet on Friday.")(17) == "future"
    assert textual_tense("They met and talked on Friday.")(23) == "past"


@pytest.mark.parametrize("published, expected", [("2025-03-16", SUNDAY), ("2024-08", dt.date(2024, 8, 1)),
                                                 ("2025-03-12/2025-03-13", dt.date(2025, 3, 12))])
def test_document_anchor_reads_published_value(published, expected):
    doc = Document(id="d", text="x", source="s", published=PublishedDate(value=published))
    assert document_anchor(Article(document=doc)) == expected


def test_document_anchor_is_none_without_a_date():
    assert document_anchor(Article(document=Document(id="d", text="x", source="s"))) is None


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc Friday March 12 2024 ago next day the last, .-'")), max_size=200),
       st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))))
def test_timex_offsets_in_range_and_no_crash_on_any_text(text, anchor):
    for t in find_timexes(text, anchor):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


def test_timex_month_with_relative_year_is_one_expression():
    got = values("In June last year the talks failed; a deal is due in April next year.")
    assert got["June last year"] == "2024-06"
    assert got["April next year"] == "2026-04"


def test_timex_month_direction_follows_past_tense_over_nearness():
    # a Nov. 1 paper: "the year ended March 31" is the March just gone, not the coming one
    got = values("Revenue was $76 million for the year ended March 31.", dt.date(1989, 11, 1))
    assert got["March 31"] == "1989-03-31"
    assert got["the year"] == "P1Y"


def test_timex_future_cue_before_weekday_looks_ahead():
    assert values("The team planned to leave Nairobi on Thursday.")["Thursday"] == "2025-03-20"
    assert values("On Thursday, the team planned a new route.")["Thursday"] == "2025-03-13"


def test_timex_clock_time_with_weekday_reads_tense_where_the_day_is():
    text = "Troops crossed on Friday. Officials said the convoy will leave at 9 a.m. Tuesday."
    assert values(text)["9 a.m. Tuesday"] == "2025-03-18T09:00"


def test_timex_year_ago_in_a_quarterly_report_is_the_same_quarter():
    text = ("Profit rose in the third quarter. Sales were $2 billion in the quarter, "
            "up from $1.8 billion a year ago.")
    got = values(text, dt.date(1989, 10, 26))
    assert got["the third quarter"] == "1989-Q3"
    assert got["the quarter"] == "1989-Q3"
    assert got["a year ago"] == "1988-Q3"


def test_timex_the_quarter_ended_takes_that_days_quarter():
    got = values("For the quarter ended Sept. 30, the airline earned $2 a share.", dt.date(1989, 11, 2))
    assert got["the quarter"] == "1989-Q3"


def test_timex_centuries_are_durations_not_a_crash():
    got = values("It lasted two centuries; a century later, three centuries ago.")
    assert got["two centuries"] == "P200Y"
    assert got["three centuries ago"] == "1725"


_NUMBERS = ["a", "one", "two", "twenty-eight", "several", "a few", "2", "1,000", "two-and-a-half"]
_UNITS = ["second", "minute", "hour", "day", "night", "week", "fortnight", "month", "quarter",
          "year", "decade", "century", "weekend"]
_PLURALS = {"century": "centuries"}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["", "about ", "nearly ", "the past ", "the next ", "every ", "for "]),
       st.sampled_from(_NUMBERS), st.sampled_from(_UNITS), st.booleans(),
       st.sampled_from(["", " ago", " later", " earlier", " before the war", "-long", "-old", " or so"]),
       st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))))
def test_timex_every_unit_phrase_normalises_without_error(lead, number, unit, plural, tail, anchor):
    word = _PLURALS.get(unit, unit + "s") if plural else unit
    text = f"It went on {lead}{number} {word}{tail}, officials said."
    for t in find_timexes(text, anchor):
        assert text[t.start:t.end] == t.text and t.value
        if t.type == "DURATION":
            assert t.value.startswith("P")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_timex_no_crash_on_arbitrary_unicode(text):
    for t in find_timexes(text, SUNDAY):
        assert text[t.start:t.end] == t.text


def test_timex_stage_anchors_on_published_date_and_reads_tense_from_parse():
    import newsweave.extract.timex  # noqa: F401  (registers the stage)
    from newsweave.pipeline import Pipeline

    text = "The army will withdraw on Friday. Troops entered Sudzha on Wednesday."
    doc = Document(id="d1", text=text, source="s", published=PublishedDate(value="2025-03-16"))
    pipeline = Pipeline.build(["timex.rules"])
    (article,) = pipeline.process_batch([doc])
    got = {t.text: t.value for t in article.records["timexes"]}
    assert got == {"Friday": "2025-03-21", "Wednesday": "2025-03-12"}
    assert all(text[t.start:t.end] == t.text for t in article.records["timexes"])


def test_only_a_date_known_to_a_month_anchors_relative_expressions():
    from newsweave.extract.timex import anchor_day

    assert anchor_day("2025-03-16") == dt.date(2025, 3, 16)
    assert anchor_day("2024-08") == dt.date(2024, 8, 1)
    assert anchor_day("2025-03-12/2025-03-13") == dt.date(2025, 3, 12)
    # An inferred interval spanning years, or a bare year, would place "last month" anywhere in it.
    assert anchor_day("2019-08-01/2025-11-30") is None
    assert anchor_day("2024") is None


def test_relative_expressions_stay_unresolved_without_a_good_anchor():
    wide = {t.text: t.value for t in find_timexes("Last month the talks failed.", None)}
    assert "X" in wide["Last month"] or wide["Last month"].endswith("REF")


def test_a_text_scanned_before_without_an_anchor_resolves_as_a_fresh_one():
    """Dating scans the article without an anchor first; the stage's resolution must not see that."""
    from newsweave.extract.timex import _candidates

    text = "On Friday, troops crossed. Last August the talks stalled; the next day they resumed."
    anchor = dt.date(2025, 3, 16)
    _candidates.cache_clear()
    fresh = [(t.start, t.end, t.value) for t in find_timexes(text, anchor)]
    _candidates.cache_clear()
    unanchored = [(t.start, t.end, t.value) for t in find_timexes(text, None)]
    assert [(t.start, t.end, t.value) for t in find_timexes(text, anchor)] == fresh != unanchored


def test_timex_offset_later_keeps_its_date_and_names_the_duration_it_measures():
    text = "The bridge fell on March 3, 2025. Three days later the town was taken."
    later = next(t for t in find_timexes(text, SUNDAY) if t.text.startswith("Three"))
    assert later.value == "2025-03-06"
    assert later.duration == "P3D"
    assert text[later.start:later.duration_end] == "Three days"


def test_timex_year_earlier_comparison_and_ago_name_no_duration():
    found = find_timexes("Profit rose from $2 a year earlier. It began two years ago.", SUNDAY)
    assert [t.duration for t in found] == [None, None]


def test_timex_since_points_back_whatever_the_later_verb():
    # the clause goes on in the future ("and is scheduled to return"), the month is past
    text = "The carrier has been on patrol since March and is scheduled to return."
    assert values(text, dt.date(1990, 8, 13))["March"] == "1990-03"


def test_timex_decimal_point_ends_no_clause_for_the_tense_cue():
    assert textual_tense("The stock rose to $42.875 in March.")(len("The stock rose to $42.875 in ")) == "past"


def test_timex_the_previous_weekday_goes_back_from_the_reference_time():
    text = "Markets closed on Monday, March 10, 2025, down 2% from the previous Friday."
    assert values(text)["the previous Friday"] == "2025-03-07"


def test_timex_weekday_evening_is_a_time_of_that_day():
    found = find_timexes("The crowd gathered Friday evening.", SUNDAY)
    assert [(t.type, t.value) for t in found] == [("TIME", "2025-03-14TEV")]


def test_timex_soon_in_a_past_story_is_no_future_reference():
    assert "soon" not in values("He was taken to a hospital. He was soon released.")
    assert values("The budget will soon move into surplus.")["soon"] == "FUTURE_REF"


def test_timex_part_of_the_day_in_a_story_takes_the_day_told_about():
    text = "Shares fell on Friday, March 7, 2025. Dealers placed orders in the morning."
    assert values(text)["the morning"] == "2025-03-07TMO"
    assert values("In London at mid-afternoon yesterday, shares rose.")["mid-afternoon yesterday"] == "2025-03-15TAF"
    assert values("By mid afternoon, sources were saying so.")["mid afternoon"] == "2025-03-16TAF"
    assert "the morning" not in values("It was in the morning of the attack.")


def test_timex_hour_in_the_morning_or_evening_is_a_clock_time():
    assert values("He will leave on Friday, March 21, 2025 at 4 in the morning.")["4 in the morning"] == "2025-03-21T04:00"
    assert values("It began March 3, 2025. At 7 in the evening it ended.")["7 in the evening"] == "2025-03-03T19:00"


def test_timex_possessive_weekday_names_a_past_day_unless_looked_ahead_to():
    assert values("They would look for ways around Wednesday's ruling.")["Wednesday"] == "2025-03-12"
    assert values("Parties campaigned ahead of Friday's vote.")["Friday"] == "2025-03-21"


def test_timex_a_plan_in_the_pluperfect_is_past():
    text = "The offer had been scheduled to expire Friday evening. It was extended."
    assert values(text)["Friday evening"] == "2025-03-14TEV"
    assert values("The offer is scheduled to expire Friday.")["Friday"] == "2025-03-21"


def test_timex_first_verb_after_decides_when_none_comes_before():
    assert values("On Tuesday, the league plans to hold a news conference.")["Tuesday"] == "2025-03-18"
    assert values("On Tuesday, the league held a news conference.")["Tuesday"] == "2025-03-11"


def test_timex_until_with_no_verb_cue_names_a_deadline_ahead():
    assert values("The agency has given the family until 9 a.m. Tuesday to sign.")["9 a.m. Tuesday"] == "2025-03-18T09:00"


def test_timex_second_of_two_conjoined_days_is_its_own_date():
    assert values("The summit is on April 24 and 25.", dt.date(1999, 2, 10)) == {
        "April 24": "1999-04-24", "25": "1999-04-25"}
    assert "25" not in values("Sales rose on April 24 and 25 percent fell.", dt.date(1999, 2, 10))


def test_timex_then_current_is_a_past_reference():
    assert values("Holders may buy at the then-current market price.")["then-current"] == "PAST_REF"


def test_timex_each_month_is_a_set_of_every_year():
    found = find_timexes("Marchers parade each July, and every May 1 they rally.", SUNDAY)
    assert [(t.text, t.type, t.value) for t in found] == [
        ("each July", "SET", "XXXX-07"), ("every May 1", "SET", "XXXX-05-01")]


def test_timex_one_day_between_subject_and_verb_is_some_day_ahead():
    assert values("Islam will one day be the largest religion.")["one day"] == "FUTURE_REF"
    assert values("He had only been in the job one day.")["one day"] == "P1D"


def test_timex_idioms_and_rates_are_not_times():
    assert "noon" not in values("For the people of Poland, high noon comes today.")
    assert "per second" not in values("The chip runs 15 million instructions per second.")


def test_timex_that_day_after_a_coarser_reference_leaves_the_day_unknown():
    assert values("The crash came in 1987. Traders lost money that day.")["that day"] == "1987-XX-XX"
    assert values("Talks began in March 1998. The next day they failed.")["The next day"] == "1998-03-XX"


def test_timex_year_end_after_a_preposition_is_the_documents_year_end():
    text = "The index is based on the close of 1969. The change is since year-end."
    assert values(text, dt.date(1989, 10, 30))["year-end"] == "1988"
    assert values("In 1988, when year-end net was low.", dt.date(1989, 10, 30))["year-end"] == "1988"
    assert values("It closes by year-end.", dt.date(1989, 10, 30))["year-end"] == "1989"


def test_timex_24_hour_clock_with_its_zone():
    found = find_timexes("The ceasefire began at 21:45 GMT on Sunday; aid came at 0930 GMT.", SUNDAY)
    assert [(t.text, t.type, t.value) for t in found] == [
        ("21:45 GMT on Sunday", "TIME", "2025-03-16T21:45"), ("0930 GMT", "TIME", "2025-03-16T09:30")]


def test_timex_overnight_is_the_night_before_the_day_told_about():
    text = "Shares fell on Friday. Traders blamed overnight losses in New York."
    assert values(text)["overnight"] == "2025-03-13TNI"
    assert values("Stocks fell overnight.")["overnight"] == "2025-03-15TNI"


def test_timex_high_for_the_year_of_a_price_is_this_year():
    text = "The stock rose to a high for the year of $42.875 a share."
    assert values(text, dt.date(1989, 10, 30))["the year"] == "1989"


def test_timex_participle_after_be_is_a_passive_not_a_past_cue():
    text = "Collins will be named commander of the shuttle for a mission in December."
    assert values(text, dt.date(1998, 3, 4))["December"] == "1998-12"
    assert textual_tense("The summit is to be held Friday.")(25) == "future"


@pytest.mark.parametrize("sentence", [
    "Concern about the chip may have been responsible for a drop in the stock on Wednesday.",
    "Neither he nor his aides could be located Wednesday in their hometown.",
])
def test_spacy_tense_modal_perfect_and_could_report_the_past(sentence):
    from newsweave.extract.timex import spacy_tense
    from newsweave.nlp import load_spacy

    tense = spacy_tense(load_spacy()(sentence))
    assert tense(sentence.index("Wednesday")) == "past"
    assert spacy_tense(load_spacy()("The ministers will meet on Wednesday."))(24) == "future"


def test_timex_infinitive_after_a_verb_of_agreeing_or_hoping_looks_ahead():
    text = "Thermo Electron agreed to purchase the line for $22 million in February."
    assert values(text, dt.date(1989, 10, 30))["February"] == "1990-02"
    assert values("Thermo Electron purchased the line in February.", dt.date(1989, 10, 30))["February"] == "1989-02"


def test_timex_the_day_before_a_named_day_is_one_date_a_day_off():
    got = values("The day before last Tuesday's hearing, he flew in. They met the day after March 12, 2024.",
                 dt.date(2000, 2, 24))
    assert got == {"The day before last Tuesday": "2000-02-21", "the day after March 12, 2024": "2024-03-13"}
    assert values("the day before yesterday", dt.date(2000, 2, 24)) == {"the day before yesterday": "2000-02-22"}


def test_timex_pre_and_post_years_and_single_unit_long_compounds():
    got = values("The post-1959 politics ended their third day-long meeting; pre-1990 rules held.",
                 dt.date(2000, 2, 24))
    assert got == {"post-1959": "1959", "day-long": "P1D", "pre-1990": "1990"}
    assert "1959" not in values("It sent 1959 troops.", dt.date(2000, 2, 24)).values()


def test_timex_round_the_clock_idiom_is_no_duration():
    assert values("Guards stand there 24 hours a day, seven days a week.") == {}
    assert values("He worked for 24 hours.") == {"24 hours": "PT24H"}


def test_timex_attributive_march_after_the_is_a_month_but_the_march_on_is_not():
    assert values("The March accession will follow.", dt.date(1999, 2, 10)) == {"March": "1999-03"}
    assert values("They recalled the March on Washington.", dt.date(1999, 2, 10)) == {}


def test_timex_bare_plurals_after_in_and_over_the_are_vague_durations():
    assert values("Growth surged for the first time in years.") == {"years": "PXY"}
    assert values("Over the years many more patients were saved.") == {"the years": "PXY"}
    assert "months" not in values("He came in the months before the war.")


def test_timex_in_some_quarters_is_among_people_and_a_weeks_long_is_vague():
    assert values("There is distrust of her in some quarters.") == {}
    assert values("It ended a weeks-long shutdown.") == {"weeks-long": "PXW"}
    assert values("It ended a week-long shutdown.") == {"a week-long": "P1W"}


def test_timex_day_word_possessive_leaves_the_s_outside_the_span():
    found = find_timexes("Advertised in today's editions before tomorrow's vote.", dt.date(1989, 11, 1))
    assert [(t.text, t.value) for t in found] == [("today", "1989-11-01"), ("tomorrow", "1989-11-02")]


def test_timex_moveable_holidays_and_holiday_weeks():
    got = {t.text: t.value for t in find_timexes(
        "Protesters prayed as Easter week began, two days after Good Friday; Mother's Day is next.", dt.date(2000, 4, 17))}
    assert got["Easter week"] == "2000-W16"
    assert got["Good Friday"] == "2000-04-21"
    assert got["Mother's Day"] == "2000-05-14"
    assert {t.text for t in find_timexes("The Good Friday Agreement held.", dt.date(2019, 4, 20))} == set()


def test_timex_to_before_a_noun_phrase_is_no_plan_ahead():
    friday = dt.date(2019, 1, 18)
    def value(text):
        return [t.value for t in find_timexes(text, friday)]
    assert value("Aides revealed the speaker's plans to reporters late Thursday.") == ["2019-01-17"]
    assert value("Flights were cancelled due to the storm on Thursday.") == ["2019-01-17"]
    assert value("He plans to speak on Thursday.") == ["2019-01-24"]
    assert value("The payment is due to arrive Thursday.") == ["2019-01-24"]


def test_timex_usa_today_is_a_newspaper():
    assert find_timexes("Woolf told USA TODAY that rates rose.", dt.date(2019, 11, 26)) == []


def test_last_week_on_a_sunday_is_the_week_that_sunday_closes():
    # A Sunday paper's "last week" is the Monday-to-Saturday just ended (ISO weeks end on
    # Sunday); on any other day it is the ISO week before the article's.
    text = "The flow of aid resumed last week."
    values = {day: [t.value for t in find_timexes(text, dt.date(2025, 3, day))] for day in (15, 16, 17)}
    assert values == {15: ["2025-W10"], 16: ["2025-W11"], 17: ["2025-W11"]}
