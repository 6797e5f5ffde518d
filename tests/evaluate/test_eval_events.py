"""Event and timeline evaluation on MEANTIME: scorers on known examples, the reader, a fast floor."""

from __future__ import annotations

import pytest

from newsweave.evaluate.entities import b_cubed, ceaf_e, muc
from newsweave.evaluate.events import coref_scores, evaluate, match, render
from newsweave.evaluate.meantime import read_cat

# Key {A,B,C,D}, {E,F,G}; response {A,B}, {C,D}, {F,G,H,I}: the worked example of
# Pradhan et al. (2014, "Scoring coreference partitions of predicted mentions"), with mentions
# the response lacks (E) and adds (H, I), whose published scores the tests pin.
KEY = [{"a", "b", "c", "d"}, {"e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc_on_the_reference_example():
    p, r, f = muc(KEY, RESPONSE)
    assert r == pytest.approx(3 / 5) and p == pytest.approx(3 / 5)
    assert f == pytest.approx(0.6)


def test_b_cubed_on_the_reference_example():
    p, r, _ = b_cubed(KEY, RESPONSE)
    assert r == pytest.approx((1 / 4 * (4 + 4) + 1 / 3 * 4) / 7)
    assert p == pytest.approx((1 / 2 * 4 + 1 / 2 * 4 + 1 / 4 * 4) / 8)


def test_ceaf_e_on_the_reference_example():
    p, r, _ = ceaf_e(KEY, RESPONSE)
    best = 2 * 2 / (4 + 2) + 2 * 2 / (3 + 4)  # {a,b,c,d}~{a,b} (or {c,d}), {e,f,g}~{f,g,h,i}
    assert r == pytest.approx(best / 2) and p == pytest.approx(best / 3)


def test_muc_ignores_singletons_and_rewards_the_right_link():
    key = [{1, 2}, {3}, {4}]
    assert muc(key, [{1}, {2}, {3}, {4}])[2] == 0.0
    assert muc(key, [{1, 2}, {3}, {4}])[2] == pytest.approx(1.0)
    assert muc(key, [{1, 2, 3, 4}])[0] == pytest.approx(1 / 3)


def test_cross_document_links_count_only_pairs_across_documents():
    key = {"x1": "E", "x2": "E", "y1": "E"}
    doc = {"x1": "X", "x2": "X", "y1": "Y"}
    within_only = coref_scores(key, {"x1": 1, "x2": 1, "y1": 2}, doc)
    assert within_only["cross_doc_recall"] == 0.0 and within_only["cross_doc_gold_links"] == 2
    merged = coref_scores(key, {"x1": 1, "x2": 1, "y1": 1}, doc)
    assert merged["cross_doc_precision"] == 1.0 and merged["cross_doc_recall"] == 1.0
    assert merged["conll_f1"] == pytest.approx(1.0)


def test_reader_gives_event_mentions_instances_timexes_and_creation_time(data_dir):
    path = sorted((data_dir / "meantime" / "corpus_airbus").glob("*.xml"))[0]
    doc = read_cat(path)
    assert doc.events and doc.creation_time and doc.creation_time[:4].isdigit()
    for g in doc.events:
        assert doc.text[g.start:g.end] == g.text
    assert any(g.cross_document for g in doc.events)
    assert all(g.instance for g in doc.events)
    assert any(g.time for g in doc.events)  # TLINKs place some events in a time
    assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)
    assert doc.creation_span is not None and all(not (t.start == doc.creation_span[0]) for t in doc.timexes)


def test_match_prefers_identical_spans_then_overlap(data_dir):
    path = sorted((data_dir / "meantime" / "corpus_airbus").glob("*.xml"))[0]
    doc = read_cat(path)
    g = doc.events[0]
    events = [{"id": "wide", "cat": doc.id, "trigger_start": g.start, "trigger_end": g.end + 1},
              {"id": "same", "cat": doc.id, "trigger_start": g.start, "trigger_end": g.end}]
    found = match(doc.events, events)
    assert found["same"] == g and found.get("wide") != g
    assert "wide" not in match(doc.events, events[:1], overlap=False)


def test_subset_beats_floors_and_renders(data_dir, tmp_path):
    result = evaluate(data_dir / "meantime", limit=4, baselines=False, cache=tmp_path)
    assert result["detection"]["overlap"]["f1"] > 0.45
    assert result["timex"]["newsweave"]["relaxed_f1"] > 0.6
    systems = result["coreference"]["systems"]
    assert systems["newsweave timeline"]["b3_f1"] >= systems["singletons"]["b3_f1"] - 1e-9
    assert set(result["topics"]) == {"airbus", "apple"}
    text = render(result)
    assert "same trigger lemma" in text and "Event mention detection" in text
    # the cache is used: a second run reads the saved analysis
    assert list(tmp_path.glob("*/analysis.json"))


@pytest.mark.slow
def test_full_meantime_event_evaluation(data_dir):
    result = evaluate(data_dir / "meantime")
    assert result["event_f1"] > 0.55
    assert result["conll_f1"] > 0.6
    assert result["timex"]["newsweave"]["value_f1"] > 0.65
