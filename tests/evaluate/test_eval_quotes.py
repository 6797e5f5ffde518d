"""The PolNeAR harness: brat reading, matching, and a small-subset floor."""

from __future__ import annotations

import json

from newsweave.evaluate.brat import parse_ranges, read_ann
from newsweave.evaluate.quotes import Prediction, Score, _Tokens, evaluate, is_direct, render


def test_brat_reader_keeps_discontinuous_content(tmp_path):
    ann = tmp_path / "a.ann"
    ann.write_text(
        "T1\tSource 0 11\tPat Caddell\nT2\tCue 12 16\tsaid\n"
        "T3\tContent 20 30;40 50\tx\nT4\tAttribution 12 16\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
        encoding="utf-8",
    )
    (att,) = read_ann(ann)
    assert att.content.ranges == ((20, 30), (40, 50)) and att.source.text == "Pat Caddell"
    assert parse_ranges("315 448;463 553") == ((315, 448), (463, 553))


def test_direct_gold_needs_marks_at_both_ends():
    assert is_direct("“We will win,”")
    assert not is_direct("that “we will win”, he hoped")


def test_token_overlap_match_needs_half_the_union(tmp_path):
    text = "one two three four five six seven eight"
    ann = tmp_path / "g.ann"
    ann.write_text("T1\tContent 0 23\tone two three four five\nE1\tAttribution-no-source:T2 Content:T1\n", encoding="utf-8")
    gold = read_ann(ann)
    tokens = _Tokens(text)
    half = Score()
    half.add(text, tokens, [Prediction(((0, 13),), None, None, None, False)], gold)  # 3 of 5
    assert half.result()["overlap_f1"] == 1.0 and half.result()["exact_f1"] == 0.0
    little = Score()
    little.add(text, tokens, [Prediction(((0, 3),), None, None, None, False)], gold)  # 1 of 5
    assert little.result()["overlap_f1"] == 0.0 and little.result()["partial_f1"] == 1.0


def test_small_dev_subset_clears_a_floor(data_dir):
    result = evaluate(data_dir, limit=10)
    json.dumps(result)
    assert result["documents"] == 10
    assert result["content_f1"] >= 0.65
    assert result["direct_content_f1"] >= 0.72
    assert result["speaker_accuracy"] >= 0.8
    assert result["content_f1"] > result["baselines"]["textacy.direct_quotations"]["content_f1"]
    assert "textacy" in render(result)


def test_brat_reader_joins_numbered_content_roles(tmp_path):
    ann = tmp_path / "s.ann"
    ann.write_text(
        "T1\tContent 0 10\t''A, B,''\nT2\tSource 11 13\the\nT3\tCue 14 18\tsaid\n"
        "T4\tAttribution 14 18\tsaid\nT5\tContent 20 30\t''C D.''\n"
        "E1\tAttribution:T4 Cue:T3 Source:T2 Content:T1 Content2:T5\n",
        encoding="utf-8",
    )
    (att,) = read_ann(ann)
    assert att.content.ranges == ((0, 10), (20, 30)) and att.cue.text == "said"
