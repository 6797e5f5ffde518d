"""Dating documents: sources in order of trust, and each inference rule on built texts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.clean.dating import PublishedRecord, date_documents, date_from_url, infer_published
from newsweave.config import Options
from newsweave.evaluate.dating import parse_answer
from newsweave.model import Document, PublishedDate
from newsweave.pipeline import REGISTRY, Article


def answer(text: str, **kwargs) -> tuple[date, date]:
    published = infer_published(text, **kwargs)
    assert published is not None, "expected a date"
    bounds = parse_answer(published.value)
    assert bounds is not None, f"expected a dated answer, got {published.value}"
    return bounds


def test_metadata_beats_the_text():
    text = "On Wednesday, March 12, 2025, troops entered the town."
    published = infer_published(text, metadata="2019-01-05T10:00:00Z", url="https://x.org/2020/02/03/a")
    assert published == PublishedDate(value="2019-01-05", inferred=False, source="metadata", confidence=1.0)


def test_html_date_is_read_offline_from_the_string():
    page = '<html><head><meta property="article:published_time" content="2021-05-04"></head><body>x</body></html>'
    published = infer_published("On March 12, 2025, troops entered.", html=page)
    assert (published.value, published.source, published.inferred) == ("2021-05-04", "html", False)


def test_url_date_beats_the_text():
    published = infer_published("On March 12, 2025, troops entered.", url="https://x.org/news/2020/02/03/story")
    assert (published.value, published.source) == ("2020-02-03", "url")


def test_url_without_a_date_gives_nothing():
    assert date_from_url("https://thehill.com/homenews/administration/423368-the-top-ten") is None


def test_latest_past_date_bounds_the_publication_from_below():
    text = "The law passed on January 3, 2018. On March 12, 2018, the company said it would appeal."
    first, last = answer(text)
    assert date(2018, 3, 12) <= first and last <= date(2018, 3, 16)


def test_weekday_consistency_picks_the_year():
    # March 12 is a Wednesday in 2025 only, among the years the text allows.
    text = "Talks began in 2024. On Wednesday, March 12, troops entered the town. By Sunday, they had left."
    assert answer(text) == (date(2025, 3, 16), date(2025, 3, 16))


@pytest.mark.xfail(strict=True, reason="the year prior leaves real mass on 2027/2028 (where a Sunday falls "
                   "2 days or 0 days after March 12) and the shortest 50% run spans those years; "
                   "needs an interval local to the mode")
def test_weekdays_near_a_dated_event_pin_the_day():
    text = ("Officials met in 2025. On March 12, troops entered the town. On Saturday, the army "
            "said it had pulled back. By Sunday, the front was quiet.")
    first, last = answer(text)
    assert first == last and first.weekday() == 6 and date(2025, 3, 12) < first <= date(2025, 3, 18)


def test_last_august_with_a_known_year_dates_to_the_following_year():
    text = "The offensive began in August 2024. Since last August, the army has lost ground, officials said."
    first, last = answer(text)
    assert first.year == 2025 or (first.year == 2024 and first.month > 8 and last.year == 2025)
    assert last.year == 2025


def test_duration_since_a_dated_event_bounds_the_date():
    text = "In the twenty-eight months since the summit of 2022, little has changed."
    first, last = answer(text)
    assert date(2024, 4, 1) <= first and last <= date(2025, 6, 1)


def test_a_composite_duration_since_a_dated_event_bounds_the_date():
    # "two-and-a-half years" is P2Y6M in TIMEX3: both parts count.
    text = "In the two-and-a-half years since the summit of 2020, little has changed."
    first, last = answer(text)
    assert date(2022, 6, 1) <= first and last <= date(2023, 8, 1)


def test_weak_evidence_gives_an_interval_with_lower_confidence():
    weak = infer_published("The plan was announced in 2019 and has been debated since.")
    strong = infer_published("The plan was announced on Tuesday, January 8, 2019. On Wednesday it stalled.")
    weak_first, weak_last = parse_answer(weak.value)
    strong_first, strong_last = parse_answer(strong.value)
    assert (weak_last - weak_first).days > 30
    assert (strong_last - strong_first).days <= 2
    assert weak.inferred and weak.source == "text"


def test_without_a_year_the_day_is_given_yearless():
    published = infer_published("On March 12, troops entered the town. The next day they left.")
    assert published.value.startswith("XXXX-03-1")


def test_text_without_dates_is_left_undated():
    assert infer_published("Nothing in this sentence says when it was written.") is None


def test_evidence_spans_point_at_the_cues():
    text = "Officials met in 2025. On Wednesday, March 12, troops entered the town."
    published = infer_published(text)
    quoted = [text[a:b] for a, b in published.evidence]
    assert any("March 12" in q for q in quoted)


def test_stage_yields_a_published_record_for_an_undated_document():
    doc = Document(id="d1", text="Officials met in 2025. On Wednesday, March 12, troops entered.", source="x")
    records = list(date_documents(Article(document=doc), Options()))
    assert len(records) == 1 and isinstance(records[0], PublishedRecord)
    record = records[0]
    assert record.kind == "published" and record.value.startswith("2025-03-1")
    assert doc.text[record.start:record.end] == record.text
    assert REGISTRY["clean.dating"].produces == ("published",)


def test_stage_leaves_dated_documents_alone():
    doc = Document(id="d1", text="On March 12, 2025, troops entered.", source="x",
                   published=PublishedDate(value="2025-03-13"))
    assert list(date_documents(Article(document=doc), Options())) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("abc 0129-/.,\n") + ["March ", "Sunday ", "2025 ", "last ", "since ",
                                                           " months ", "May 3", "on ", "August 2024"])).map("".join))
def test_inference_never_crashes_and_evidence_stays_in_range(text):
    published = infer_published(text)
    if published is not None:
        assert 0.0 <= published.confidence <= 1.0
        assert all(0 <= a < b <= len(text) for a, b in published.evidence)


# --- the seed articles: dates a careful reader gives them (issue 3) ---------------------

def seed(seed_texts, prefix: str) -> str:
    return next(text for name, text in seed_texts.items() if name.startswith(prefix))


def test_seed_000_is_dated_to_march_12_or_13(seed_texts):
    published = infer_published(seed(seed_texts, "000"))
    assert published.value.endswith(("03-12/XXXX-03-13", "2025-03-12/2025-03-13"))


def test_seed_003_interval_holds_august_2024(seed_texts):
    first, last = parse_answer(infer_published(seed(seed_texts, "003")).value)
    assert first <= date(2024, 8, 15) <= last and first.year == 2024


def test_seed_001_is_dated_to_sunday_16_march_2025(seed_texts):
    # President Trump named as current after February 2022 → his second term; the weekdays
    # named bare ("On Saturday", "By Sunday") and "March 12" without a year → that Sunday
    assert infer_published(seed(seed_texts, "001")).value == "2025-03-16"


def test_seed_000_year_is_2025_from_the_office_holders_named(seed_texts):
    # "the Trump administration" (current) and "then U.S. Secretary of State Antony Blinken"
    assert infer_published(seed(seed_texts, "000")).value == "2025-03-12/2025-03-13"


def test_seed_002_interval_holds_early_march_2025(seed_texts):
    # President Zelensky (current, since May 2019) and the Trump administration (current):
    # mid-2019 to January 2021 or 2025 on; the answer must keep both stretches
    first, last = parse_answer(infer_published(seed(seed_texts, "002")).value)
    assert first <= date(2019, 12, 31) and date(2025, 3, 15) <= last


@pytest.mark.xfail(strict=True, reason="the Trump administration and President Zelensky (current) allow mid-2019 to "
                   "2021 as well as 2025 on; the text counts no time from the full-scale invasion ('Since the invasion "
                   "began'), so early March 2025 follows only from story knowledge (when the Kursk incursion began)")
def test_seed_002_is_dated_to_early_march_2025(seed_texts):
    first, last = parse_answer(infer_published(seed(seed_texts, "002")).value)
    assert date(2025, 2, 25) <= first and last <= date(2025, 3, 15)


def test_seed_004_is_dated_to_august_2024(seed_texts):
    # the text names no year; President Joe Biden (current) and former President Obama allow
    # 2021-2025, and "two-and-a-half years" after the invasion Putin began (a known event,
    # Crimea 2014 or February 2022: only 2022 fits Biden's term) is August 2024
    first, last = parse_answer(infer_published(seed(seed_texts, "004")).value)
    assert date(2024, 8, 1) <= first and last <= date(2024, 8, 31)


# --- office holders named (newsweave.clean.dating_offices) ------------------------------

def test_office_relations_are_read_from_the_title_and_its_modifier():
    from newsweave.clean.dating_offices import find_office_cues

    text = ("Former President Barack Obama met Chancellor Angela Merkel. Then-Secretary of State Mike Pompeo "
            "spoke; President-elect Joe Biden did not. A would-be President Biden was discussed.")
    found = {(c.person, c.relation) for c in find_office_cues(text) if c.relation != "started"}
    assert found == {("Barack Obama", "former"), ("Angela Merkel", "current"), ("Mike Pompeo", "then"),
                     ("Joe Biden", "elect")}


def test_a_bare_surname_or_another_title_names_no_office_holder():
    from newsweave.clean.dating_offices import find_office_cues

    assert find_office_cues("Trump said Merkel was wrong; Deputy Secretary of State Antony Blinken agreed.") == []


def test_a_current_office_holder_puts_the_date_inside_the_term():
    first, last = answer("Prime Minister Theresa May said on Tuesday that talks would go on.")
    assert date(2016, 7, 13) <= first and last <= date(2019, 7, 24)


def test_a_former_office_holder_puts_the_date_after_the_term():
    text = "In 2019, the deal was signed. Former Chancellor Angela Merkel said on Monday, March 4, that it had failed."
    first, last = answer(text)
    # after her term (2005-2021), March 4 is a Monday in 2024 only
    assert date(2024, 3, 4) <= first <= last <= date(2024, 3, 5)


def test_a_historical_year_far_from_the_office_holders_does_not_pull_the_date():
    text = ("Finland was invaded in 1939. President Emmanuel Macron said last week that "
            "Chancellor Olaf Scholz is wrong.")
    first, last = answer(text)
    assert date(2021, 12, 8) <= first and last <= date(2025, 5, 6)


def test_a_possessive_with_a_curly_apostrophe_still_names_the_office_holder():
    from newsweave.clean.dating_offices import find_office_cues

    found = {(c.person, c.relation) for c in find_office_cues("Despite President Volodymyr Zelensky’s insistence, "
                                                              "Chancellor Angela Merkel's aides disagreed.")}
    assert ("Volodymyr Zelensky", "current") in found and ("Angela Merkel", "current") in found


def test_two_terms_of_one_president_are_both_kept_in_the_answer():
    # President Trump current: 2017-2021 or 2025 on; nothing tells the terms apart, so
    # the answer must not settle on one half of the first term
    first, last = answer("President Donald Trump said the talks would resume.")
    assert first <= date(2017, 2, 1) and date(2025, 3, 1) <= last


def test_a_deadline_date_is_not_read_as_the_latest_event():
    # "through Feb. 8" ends a span: it may lie after the writing, so it must not pull the date there
    text = ("On Tuesday, January 8, 2019, the president spoke. The bill funds the agencies through Feb. 8. "
            "Talks went on Wednesday.")
    first, last = answer(text)
    assert date(2019, 1, 8) <= first and last <= date(2019, 1, 12)


def test_late_on_a_weekday_is_reported_the_day_after():
    from newsweave.clean.dating_cues import find_cues

    text = "The deal was signed on March 4, 2019. Lawmakers approved it late Monday."
    cue = next(c for c in find_cues(text) if c.kind == "weekday")
    assert cue.relation == "late"
    assert answer(text) == (date(2019, 3, 5), date(2019, 3, 5))


def test_a_full_date_closing_a_line_is_read_as_a_stamp():
    from newsweave.clean.dating_cues import find_cues

    text = ("The senator said the vote would wait.\n"
            "— Jane Doe (@janedoe) January 9, 2019\n"
            "The bill was first filed on March 3, 2017, in the House.")
    relations = {text[c.start:c.end]: c.relation for c in find_cues(text) if c.kind == "period"}
    assert relations["January 9, 2019"] == "stamp" and relations["March 3, 2017"] == "past"
    first, last = answer(text)
    assert date(2019, 1, 9) <= first and last <= date(2019, 1, 10)


def test_cabinet_officers_named_by_title_bound_the_date():
    first, last = answer("Attorney General Janet Reno said Friday that the boy would be returned.")
    assert date(1993, 3, 12) <= first and last <= date(2001, 1, 20)
