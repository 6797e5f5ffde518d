"""The dating evaluation: reading TimeML and JSONL with the gold date hidden, and the scoring."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.evaluate.dating import error_days, evaluate, iter_documents, parse_answer, render, score


def test_interval_error_is_distance_to_the_interval():
    assert error_days((date(2025, 3, 12), date(2025, 3, 13)), date(2025, 3, 13)) == 0
    assert error_days((date(2025, 3, 12), date(2025, 3, 13)), date(2025, 3, 20)) == 7
    assert parse_answer("2024-08") == (date(2024, 8, 1), date(2024, 8, 31))
    assert parse_answer("XXXX-03-12") is None


def test_exact_day_counts_only_single_day_answers():
    figures = score([("2025-03-12", "2025-03-12"), ("2025-03-12/2025-03-13", "2025-03-12"), (None, "2025-01-01")])
    assert figures["exact_day"] == pytest.approx(1 / 3, abs=1e-3)
    assert figures["within_7_days"] == pytest.approx(2 / 3, abs=1e-3)
    assert figures["undated"] == pytest.approx(1 / 3, abs=1e-3)
    assert figures["median_error_days"] == 0


def test_timeml_text_hides_the_creation_time(data_dir):
    docs = list(iter_documents(data_dir / "tempeval3" / "TimeBank", limit=5))
    assert len(docs) == 5
    for _, text, gold in docs:
        assert "<" not in text and "CREATION_TIME" not in text
        assert parse_answer(gold) is not None


def test_evaluation_on_a_small_sample_reports_every_figure(data_dir):
    result = evaluate(data_dir / "news-2019-2020.jsonl", limit=40)
    for key in ("exact_day", "within_7_days", "within_month", "undated", "median_error_days"):
        assert key in result
    assert result["within_month"] >= 0.2
    assert "newsweave" in render(result) and "htmldate" in render(result)


@pytest.mark.slow
def test_full_tempeval_evaluation_runs(data_dir):
    result = evaluate(data_dir / "tempeval3")
    assert result["documents"] > 200
