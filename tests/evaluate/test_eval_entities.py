"""Entity evaluation on MEANTIME: scores, reader and a fast subset with floors."""

from __future__ import annotations

import pytest

from newsweave.evaluate.entities import b_cubed, ceaf_e, evaluate, render
from newsweave.evaluate.meantime import read_cat


def test_perfect_response_scores_one_and_all_singletons_do_not():
    key = [{1, 2, 3}, {4}]
    assert b_cubed(key, key)[2] == pytest.approx(1.0)
    assert ceaf_e(key, key)[2] == pytest.approx(1.0)
    singletons = [{1}, {2}, {3}, {4}]
    assert b_cubed(key, singletons)[2] < 1.0 and ceaf_e(key, singletons)[2] < 1.0


def test_reader_rebuilds_text_with_mention_offsets(data_dir):
    path = sorted((data_dir / "meantime" / "corpus_airbus").glob("*.xml"))[0]
    doc = read_cat(path)
    assert doc.mentions
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text


def test_subset_beats_floor_and_exact_string_baseline(data_dir):
    result = evaluate(data_dir / "meantime", limit=8)
    assert result["mention_f1"] > 0.4
    assert result["b3_f1"] > 0.3 and result["ceafe_f1"] > 0.15
    gold_ours = result["gold_mentions_setting"]["all"]["b3_f1"]
    gold_base = result["baselines"]["exact_string"]["gold_mentions_setting"]["all"]["b3_f1"]
    assert gold_ours >= gold_base
    assert "Mention detection" in render(result)


@pytest.mark.slow
def test_full_meantime_evaluation(data_dir):
    result = evaluate(data_dir / "meantime")
    assert result["mention_f1"] > 0.5 and result["b3_f1"] > 0.38
