"""The reporting period of a results story: which quarter it is about and what compares with it."""

from __future__ import annotations

import datetime as dt

from newsweave.extract.timex import find_timexes

THURSDAY = dt.date(1989, 10, 26)


def values(text: str, anchor: dt.date | None = THURSDAY) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, anchor)}


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
