"""The cleaning evaluation: built insertion cases, floors on catches and losses."""

from __future__ import annotations

import json

import pytest

from newsweave.evaluate.cleaning import (
    build_cases,
    evaluate,
    load_articles,
    outlet_boilerplate,
    part_of,
    render,
)


def test_built_cases_keep_the_original_paragraphs_and_mark_insertions(data_dir):
    rows = load_articles(data_dir)
    cases = build_cases(rows, limit=5)
    assert len(cases) == 5
    for case in cases:
        assert case.inserted
        for kind, start, end in case.inserted:
            assert 0 <= start < end <= len(case.text)
    again = build_cases(rows, limit=5)
    assert [c.text for c in again] == [c.text for c in cases]


def test_dev_and_heldout_cases_share_no_host_and_no_teaser_text(data_dir):
    rows = load_articles(data_dir)
    by_id = {r["id"]: r for r in rows}
    dev, held = (build_cases(rows, limit=15, part=part) for part in ("dev", "heldout"))
    assert {part_of(by_id[c.id]) for c in dev} == {"dev"}
    assert {part_of(by_id[c.id]) for c in held} == {"heldout"}
    held_rows = [r for r in rows if part_of(r) == "heldout"]
    for case in held:
        host = by_id[case.id]
        for kind, start, end in case.inserted:
            if kind.startswith("teaser"):
                piece = case.text[start:end]
                assert piece not in host["text"]
                donors = [r for r in held_rows if piece in r["text"]]
                assert donors and all(r["topic"] != host["topic"] for r in donors)


def test_boilerplate_is_a_line_one_outlet_repeats_in_several_articles():
    rows = [
        {"outlet": outlet, "text": f"Story {i} opens here.\nSign up for daily newsletters\nShared words."}
        for i, outlet in enumerate(["Daily", "Daily", "Daily", "Weekly", "Monthly", "Yearly"])
    ]
    found = outlet_boilerplate(rows)
    assert ("Daily", "sign up for daily newsletters") in found
    assert not any(outlet != "Daily" for outlet, _ in found)
    assert ("Daily", "story 0 opens here") not in found


def test_built_cases_mark_only_original_lines_as_boilerplate(data_dir):
    for case in build_cases(load_articles(data_dir), limit=40):
        assert set(case.boilerplate) <= set(case.body)


def test_inserted_chrome_is_caught_and_body_kept_on_a_sample(data_dir):
    result = evaluate(data_dir, limit=12)
    json.dumps(result)
    ours = result["ours"]
    assert ours["chrome_recall"] >= 0.9
    # Held-out cases (teasers from other outlets and topics): 0.034 of body removed on 200
    # (this sample of 12: 0.037).
    assert ours["body_removed"] <= 0.04
    assert ours["body_removed_excl_boilerplate"] <= ours["body_removed"] + 1e-9
    assert "newsweave" in render(result)


@pytest.mark.slow
def test_full_insertion_evaluation_floors(data_dir):
    ours = evaluate(data_dir, limit=200)["ours"]
    assert ours["chrome_recall"] >= 0.95
    assert ours["off_topic_recall"] >= 0.65
    assert ours["body_removed"] <= 0.04
    assert ours["body_removed_excl_boilerplate"] <= 0.025
