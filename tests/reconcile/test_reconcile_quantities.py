"""Series across sources and discrepancy flags."""

from __future__ import annotations

from newsweave.extract.quantities import extract
from newsweave.reconcile.quantities import series


def _q(text, doc, measure, time):
    from dataclasses import replace

    [q] = extract(text, doc)
    return replace(q, measure=measure, time=time)


def test_series_groups_by_measure_orders_by_time_and_flags_disagreement():
    qs = [
        _q("about 30 square miles", "c", "territory", "2025-03-16"),
        _q("over 400 square miles", "a", "territory", "2024-08"),
        _q("1,300 square kilometres", "b", "territory", "2024-09"),
        _q("50 square miles", "d", "territory", "2025-03-16"),
        _q("12 tanks", "e", None, None),
    ]
    [s] = series(qs)
    assert s["unit"] == "km²" and [p["doc"] for p in s["points"]] == ["a", "b", "c", "d"]
    [d] = s["discrepancies"]
    assert {d["a"]["doc"], d["b"]["doc"]} == {"c", "d"}


def test_bounds_reconcile_values():
    qs = [_q("over 400 square miles", "a", "territory", "t"), _q("500 square miles", "b", "territory", "t")]
    assert series(qs)[0]["discrepancies"] == []


def test_same_number_in_a_unit_far_from_the_other_sources_is_a_unit_slip():
    from newsweave.reconcile.quantities import unit_slips

    qs = [
        _q("over 400 square miles", "a", "territory", "2024-08"),
        _q("nearly 500 square miles", "b", "territory", "2024-09"),
        _q("1,300 square kilometres", "c", "territory", "2024-09"),
        _q("more than 400m2", "d", "russia", "2024-08"),
    ]
    [slip] = unit_slips(qs)
    assert slip["quantity"].doc == "d" and slip["like"].doc == "a"


def test_different_numbers_far_apart_are_not_unit_slips():
    from newsweave.reconcile.quantities import unit_slips

    qs = [_q("400 square miles", "a", "territory", "t"), _q("3 square metres", "b", "room", "t")]
    assert unit_slips(qs) == []


def test_areas_of_land_under_any_name_are_one_territory_series():
    qs = [_q("some 500 square miles", "a", "farmland", "2025-03"), _q("over 400 square miles", "b", "territory", "2024-08"),
          _q("30 square miles", "c", "land", "2025-03-16"), _q("10 square miles", "d", "lake", None)]
    by_measure = {s["measure"]: [p["doc"] for p in s["points"]] for s in series(qs)}
    assert by_measure["territory"] == ["b", "a", "c"] and by_measure["lake"] == ["d"]
