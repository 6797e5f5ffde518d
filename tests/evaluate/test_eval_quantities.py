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
    assert result["value_unit_f1"] >= 0.90
    assert "quantulum3" in result["baselines"]


@pytest.mark.parametrize(("text", "surface", "reason"), [
    ("since the passage of Voyager 2 in 1979", "1979", "year"),
    ("since the passage of Voyager 2 in 1979", "2", "name"),
    ("by the end of the 1960s", "1960", "year"),
    ('The class is "English 101".', "101", "name"),
    ("Bahco 9031 Ergo Wide Jaw Wrench", "9031", "name"),
    ("In this pit, 50 cars are stored", "50", None),
    ("42 is the answer", "42", None),
])
def test_policy_exclusion_names_what_the_issue_leaves_out(text, surface, reason):
    from newsweave.evaluate.quantities import policy_exclusion

    assert policy_exclusion(text, {"surface": surface, "unit": "dimensionless"}) == reason


def test_policy_view_drops_excluded_gold_and_matching_predictions_alike():
    from newsweave.evaluate.quantities import policy_view

    items = [{"text": "the probe Voyager 2 flew 5 km", "gold": [
        {"interval": (2, 2), "unit": "dimensionless", "surface": "2"},
        {"interval": (5, 5), "unit": "kilometre", "surface": "5 km"}]}]
    preds = [[{"interval": (2, 2), "unit": None}, {"interval": (5, 5), "unit": "kilometre"}]]
    kept_items, kept_preds, reasons = policy_view(items, preds)
    assert [g["surface"] for g in kept_items[0]["gold"]] == ["5 km"]
    assert kept_preds == [[{"interval": (5, 5), "unit": "kilometre"}]] and reasons == {"name": 1}


def test_fast_subset_reports_both_views(data_dir):
    result = evaluate(data_dir, limit=10, peers=False)
    assert {"policy_value_f1", "policy_value_unit_f1"} <= set(result)
    assert "Issue policy" in render(result)
