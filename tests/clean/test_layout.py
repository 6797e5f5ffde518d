"""Title, dek and byline at the top; the author bio at the end."""

from __future__ import annotations

from newsweave.clean.chrome import find_chrome
from newsweave.clean.layout import find_layout

PARAS = [
    "The council voted on Tuesday to expand the bus network to three new districts, officials said.",
    "The plan would cost about $40 million over five years and add twelve routes.",
    "Residents who spoke at the meeting were divided over the route through the old market.",
    "Construction is due to start in the spring, once the budget has been approved.",
]


def _reasons(text):
    chrome = find_chrome(text)
    return [(s.reason, s.text) for s in find_layout(text, chrome)]


def test_title_and_dek_set_off_by_a_blank_line_are_recognised():
    text = "City Expands Its Bus Network\nThe council bets on buses to ease traffic.\n\n" + "\n".join(PARAS)
    assert _reasons(text) == [
        ("title", "City Expands Its Bus Network"),
        ("dek", "The council bets on buses to ease traffic."),
    ]


def test_lead_sentence_after_a_title_is_not_a_dek_when_spaced_like_the_body():
    text = "City Expands Its Bus Network\n\n" + "\n\n".join(PARAS)
    assert _reasons(text) == [("title", "City Expands Its Bus Network")]


def test_byline_and_date_lines_are_recognised():
    text = "By Jane Doe\nUpdated March 3, 2025\n" + "\n".join(PARAS)
    assert [r for r, _ in _reasons(text)] == ["byline", "byline"]


def test_article_starting_with_a_sentence_has_no_title():
    assert _reasons("\n".join(PARAS)) == []


def test_author_bio_before_copyright_is_recognised():
    bio = "Jane Doe, a senior fellow at the Urban Institute, is the author of a book on transit."
    text = "\n".join(PARAS) + "\n" + bio + "\nCopyright: Transit Weekly\n"
    assert ("author-bio", bio) in _reasons(text)


def test_person_quoted_in_the_last_paragraph_is_not_a_bio():
    last = "Jane Doe, a professor of planning at the university, said the plan was overdue."
    assert _reasons("\n".join(PARAS) + "\n" + last) == []


def test_bio_shaped_news_sentences_at_the_end_are_not_bios():
    for last in (
        "Jane Doe, senior director of policy for the Transit League, which backs the plan, "
        "called the vote a turning point for the region.",
        "On transit, though, the mayor struck out. The council was reluctant to fund a director.",
    ):
        assert _reasons("\n".join(PARAS) + "\n" + last + "\nCopyright: Transit Weekly\n") == [], last


def test_bio_that_says_where_the_author_served_is_recognised():
    bio = "John Roe, senior fellow at the Transit Institute, served at the Department of Transport."
    text = "\n".join(PARAS) + "\n" + bio + "\nCopyright: Transit Weekly\n"
    assert ("author-bio", bio) in _reasons(text)
