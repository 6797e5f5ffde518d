"""The quantities evaluation: scoring rules, and a fast subset run with a floor."""

from __future__ import annotations

import json

import pytest

from newsweave.evaluate.quantities import evaluate, render, unit_key, unit_matches, values_match


def test_unit_key_maps_gold_names_onto_ours():
    assert unit_key("year of age") == "year"
    assert unit_key("degree Celsius") == "celsius"
    assert unit_key("-") == unit_key("count") == unit_key("dimensionless")


def test_bare_and_counted_units_match_as_documented():
    assert unit_matches("dimensionless", {"unit": None, "counted": "car"})
    assert unit_matches("cabinet minister", {"unit": None, "counted": "minister"})
    assert not unit_matches("cabinet minister", {"unit": None, "counted": "dealer"})
    assert not unit_matches("kilometre", {"unit": "mile", "counted": None})


def test_ranges_match_by_ends_or_midpoint():
    assert values_match((40, 50), (40, 50))
    assert values_match((45, 45), (40, 50))
    assert not values_match((40, 50), (40, 60))


def test_fast_subset_scores_above_floor(data_dir):
    result = evaluate(data_dir, limit=25, peers=False)
    json.dumps(result)
    assert result["value_f1"] >= 0.85
    assert result["value_unit_f1"] >= 0.80
    assert "newsweave" in render(result)


@pytest.mark.slow
def test_full_evaluation_with_quantulum3(data_dir):
    result = evaluate(data_dir)
    assert result["value_unit_f1"] >= 0.85
    assert "quantulum3" in result["baselines"]
