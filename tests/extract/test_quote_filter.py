"""The learned candidate filter: features, scores, and what it always keeps."""

from __future__ import annotations

import pytest

from newsweave.extract import quote_filter
from newsweave.extract.quote_marks import find_quote_spans
from newsweave.extract.quotes import QuoteIndex, extract_quotes, featured_candidates


@pytest.fixture(scope="module")
def nlp():
    from newsweave.nlp import load_spacy

    return load_spacy()


def _candidates(nlp, text):
    return featured_candidates(nlp(text), text, QuoteIndex(find_quote_spans(text)))


def test_features_name_the_rule_the_cue_and_the_content_kind(nlp):
    text = "The senator said that the plan would fail."
    ((att, feats),) = _candidates(nlp, text)
    assert {"o=verb", "l=say", "t=indirect", "lr=say|ccomp", "nested=False"} <= set(feats)


def test_nested_candidate_is_flagged(nlp):
    text = "The senator said that the governor denied the report."
    flags = {att.cue_token.lemma_: "nested=True" in feats for att, feats in _candidates(nlp, text)}
    assert flags["say"] is False and flags["deny"] is True


def test_scores_are_probabilities_and_the_threshold_is_one(nlp):
    text = "Mr. Lee said the plan would fail. Voters continue to see the race as close."
    for _, feats in _candidates(nlp, text):
        assert 0.0 < quote_filter.score(feats) < 1.0
    assert 0.0 < quote_filter.THRESHOLD < 1.0


def test_a_reported_clause_of_a_named_speaker_passes_the_filter(nlp):
    text = "Senator Mike Lee said on Tuesday that the bill would not pass the House."
    said = [(att, feats) for att, feats in _candidates(nlp, text) if att.cue_token.lemma_ == "say"]
    assert said and all(quote_filter.keep(att, feats) for att, feats in said)


def test_a_direct_quote_by_a_speech_verb_is_always_kept(nlp, monkeypatch):
    text = "“I am not shy,” I said."
    monkeypatch.setattr(quote_filter, "THRESHOLD", 1.0)
    (q,) = extract_quotes(nlp(text), text, "d")
    assert q.quote_type == "direct" and q.cue == "said"


def test_unfitted_filter_keeps_every_candidate(nlp, monkeypatch):
    text = "Voters continue to see the race as close, and the senator supported the bill."
    monkeypatch.setattr(quote_filter, "WEIGHTS", {})
    assert all(quote_filter.keep(att, feats) for att, feats in _candidates(nlp, text))


def test_fitting_threshold_maximises_expected_f1():
    from newsweave.evaluate.quote_filter import best_threshold

    probabilities = [0.9, 0.8, 0.7, 0.2, 0.1]
    labels = [1, 1, 0, 0, 1]
    threshold, f1 = best_threshold(probabilities, labels, n_gold=3)
    assert threshold == 0.8 and f1 == 2 * 2 / (2 + 3)
