"""Chrome lines are recognised by their shape; body sentences are left alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.clean.blocks import split_blocks
from newsweave.clean.chrome import find_chrome

BODY = (
    "The council voted on Tuesday to expand the bus network to three new districts.\n"
    "Officials said the plan would cost about $40 million over five years.\n"
    "Residents who spoke at the meeting were divided over the route through the old market.\n"
)
MORE = (
    "Construction is due to start in the spring, once the budget has been approved.\n"
    "The transit authority expects ridership to grow by a fifth within two years.\n"
)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Subscribe Today", "subscription"),
        ("Sign up for our daily newsletter", "subscription"),
        ("Get daily emails in your inbox", "subscription"),
        ("Share this article", "share"),
        ("Follow Jane Doe on Twitter @janedoe", "share"),
        ("ADVERTISEMENT", "advertisement"),
        ("We use cookies to improve your experience. By continuing you accept our cookie policy.", "cookie"),
        ("Illustration: Yusha", "credit"),
        ("Photo: Jane Doe/Reuters", "credit"),
        ("Protesters gather outside the parliament building in the capital. (Photo by Jane Doe/AFP via Getty Images)", "caption"),
        ("Copyright: Project Syndicate", "copyright"),
        ("© 2024 The Daily Planet. All rights reserved.", "copyright"),
        ("Jane Doe and John Roe contributed reporting.", "contributor"),
        ("Reporting by Jane Doe; Editing by John Roe", "contributor"),
        ("Read more: How the city rebuilt its harbour", "related"),
        ("Related: The mayor's first hundred days", "related"),
    ],
)
def test_chrome_line_is_removed_with_its_reason(line, reason):
    text = BODY + line + "\n" + MORE
    spans = find_chrome(text)
    assert [(s.reason, s.text) for s in spans] == [(reason, line)]
    assert text[spans[0].start : spans[0].end] == line


@pytest.mark.parametrize(
    "line",
    [
        "The company said it would subscribe to the new standard next year.",
        "She posted a photo by the river that was shared thousands of times.",
        "He wrote for Reuters for a decade before joining the ministry.",
        "Why is the harbour important?",
        "Read the rest of the statement and you will see what they mean, Smith said.",
        '"We will not give up," she said.',
    ],
)
def test_body_sentence_is_kept(line):
    assert find_chrome(BODY + line + "\n" + MORE) == []


def test_pull_quote_repeat_is_marked_duplicate_and_running_text_kept():
    quote = '"We are not going to stop until every district has a bus."'
    text = BODY + quote + "\n" + MORE + quote[:-1] + ', the mayor said."\n'
    spans = find_chrome(text)
    assert len(spans) == 1 and spans[0].reason == "duplicate"
    assert spans[0].start == len(BODY)


def test_text_is_never_changed_and_spans_point_into_it():
    text = BODY + "Subscribe Today\n\n  Photo: AP  \n" + MORE
    for s in find_chrome(text):
        assert text[s.start : s.end] == s.text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_spans_are_in_range_and_disjoint_on_any_text(text):
    spans = find_chrome(text)
    last = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(text) and s.start >= last
        last = s.end
    assert len(split_blocks(text)) >= len(spans)
