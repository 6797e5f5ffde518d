"""Series across sources and discrepancy flags."""

from __future__ import annotations

from newsweave.extract.quantities import extract
from newsweave.reconcile.quantities import series


def _q(text, doc, measure, time):
    from dataclasses import replace

    [q] = extract(text, doc)
    return replace(q, measure=measure, time=time, time_value=time)


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
    qs = [_q("over 400 square miles", "a", "territory", "2024-08"), _q("500 square miles", "b", "territory", "2024-08")]
    assert series(qs)[0]["discrepancies"] == []
    qs = [_q("400 square miles", "a", "territory", "2024-08"), _q("500 square miles", "b", "territory", "2024-08")]
    assert len(series(qs)[0]["discrepancies"]) == 1


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


def test_numbers_told_for_different_times_are_a_change_not_a_disagreement():
    qs = [_q("500 square miles", "a", "territory", "2024-09"), _q("30 square miles", "b", "territory", "2025-03-16")]
    [s] = series(qs)
    assert s["discrepancies"] == [] and [p["when"] for p in s["points"]] == ["2024-09", "2025-03-16"]


def test_a_number_without_a_date_refers_to_its_articles_date():
    qs = [_q("30 square miles", "a", "territory", None), _q("500 square miles", "b", "territory", None),
          _q("450 square miles", "c", "territory", None)]
    published = {"a": "2025-03-16", "b": "2024-08-20", "c": "2024-08-21/2024-08-22"}
    [s] = series(qs, published)
    assert [(p["doc"], p["when_source"]) for p in s["points"]] == [("b", "reported"), ("c", "reported"), ("a", "reported")]
    assert {(d["a"]["doc"], d["b"]["doc"]) for d in s["discrepancies"]} == set()  # 500 vs 450: within 15%
    qs.append(_q("200 square miles", "d", "territory", None))
    [s] = series(qs, dict(published, d="2024-08-23"))
    assert {frozenset((d["a"]["doc"], d["b"]["doc"])) for d in s["discrepancies"]} == {frozenset("bd"), frozenset("cd")}


def test_magnitudes_in_words_and_counts_under_other_verbs_do_not_disagree():
    from dataclasses import replace

    qs = [_q("billions of dollars", "a", "dollar", "2019-01-10"), _q("one more dollar", "b", "dollar", "2019-01-10")]
    qs = [replace(q, counted="dollar") for q in qs]
    assert series(qs)[0]["discrepancies"] == []
    released = replace(_q("30,000 people", "a", "people", "2019-01-10"), counted="people", predicate="release")
    held = replace(_q("46,000 people", "b", "people", "2019-01-10"), counted="people", predicate="hold")
    assert series([released, held])[0]["discrepancies"] == []
    also_held = replace(_q("30,000 people", "c", "people", "2019-01-10"), counted="people", predicate="hold")
    assert len(series([also_held, held])[0]["discrepancies"]) == 1


def test_an_article_dated_only_roughly_gives_its_numbers_no_time():
    qs = [_q("30 square miles", "a", "territory", None), _q("500 square miles", "b", "territory", None)]
    [s] = series(qs, {"a": "2025-03-16", "b": "2024-08-01/2025-07-31"})
    assert [p["when"] for p in s["points"]] == ["2025-03-16", None] and s["discrepancies"] == []


def test_lengths_of_time_are_no_unit_slips():
    from newsweave.reconcile.quantities import unit_slips

    assert unit_slips([_q("two days", "a", "talks", None), _q("two years", "b", "war", None),
                       _q("two weeks", "c", "truce", None)]) == []
