"""Years as news writes them: possessives, short years ('87), and ranges of years."""

from __future__ import annotations

import datetime as dt

from newsweave.extract.timex import find_timexes

ANCHOR = dt.date(1989, 10, 26)


def values(text: str, anchor: dt.date | None = ANCHOR) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, anchor)}


def test_timex_year_possessive_is_the_year_not_its_decade():
    got = values("Since 2016's election and 2010’s census, fiscal 1990's first quarter looks weak.",
                 dt.date(2019, 3, 1))
    assert got["2016"] == "2016"
    assert got["2010"] == "2010"
    assert got["fiscal 1990"] == "1990"


def test_timex_apostrophe_decade_after_the_is_still_a_decade():
    got = values("In the 1970's and the mid 1940's, prices were low.")
    assert got["1970's"] == "197"
    assert got["the mid 1940's"] == "194"


def test_timex_short_year_after_a_preposition_takes_the_nearest_century():
    got = values("The market crashed in '87; since ’89 it has recovered.")
    assert got["'87"] == "1987"
    assert got["’89"] == "1989"
    assert values("We lost in ’16 and won in '18.", dt.date(2019, 8, 1)) == {"’16": "2016", "'18": "2018"}


def test_timex_short_year_opening_a_quoted_title_is_no_time():
    assert values("He spoke after a '60 Minutes' interview.") == {}
    assert values("He said 'no' 12 times.") == {}


def test_timex_range_of_years_tags_both_years_but_ranges_of_numbers_none():
    got = values("The 2019-2020 budget and the 1988–89 season.", dt.date(2019, 3, 1))
    assert got == {"2019": "2019", "2020": "2020", "1988": "1988"}
    assert values("About 1500-2000 troops came; call 555-1990-12 or see table 1990-12.") == {}


def test_timex_halves_are_half_the_unit():
    got = values("Within half an hour, a half hour and half a day passed; it took 2-1/2 years, 2½ years "
                 "and the first such vote in half a century.")
    assert got["half an hour"] == "PT30M"
    assert got["a half hour"] == "PT30M"
    assert got["half a day"] == "PT12H"
    assert got["2-1/2 years"] == got["2½ years"] == "P2Y6M"
    assert got["half a century"] == "P50Y"
    assert values("He runs a half dozen stores for about a half million people.") == {}


def test_timex_half_units_ago_land_on_the_month_or_year():
    got = values("It began two and a half years ago, nearly half a century ago.")
    assert got["two and a half years ago"] == "1987-04"
    assert got["nearly half a century ago"] == "1939"


def test_timex_capitalised_frequency_words_inside_a_sentence_are_names():
    assert values("He read the New York Daily News, Entertainment Weekly and Overnight Health Care.") == {}
    assert values("Daily, the paper prints the news.") == {"Daily": "P1D"}


def test_timex_model_year_of_a_car_is_no_time_but_a_year_before_a_company_is():
    assert values("Kopp's 1987 Chevrolet Cavalier and a red 2010 Ford Explorer were found.") == {}
    got = values("In 2019 Toyota Motor said so; the 1976 Ford campaign lost.", dt.date(2020, 1, 2))
    assert got == {"2019": "2019", "1976": "1976"}


def test_timex_year_before_a_verb_in_s_is_a_year_but_before_a_plural_a_count():
    got = values("Sales volume in 1989 is following the trend; 1991 was worse. About 2000 troops left.")
    assert got == {"1989": "1989", "1991": "1991"}
