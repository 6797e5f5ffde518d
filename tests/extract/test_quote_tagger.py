"""The learned cue tagger: probabilities over the parse, and the attributions it proposes."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.extract import quote_tagger
from newsweave.extract.quote_cues import tagged_attribution
from newsweave.extract.quote_marks import find_quote_spans
from newsweave.extract.quotes import QuoteIndex, candidate_attributions


def _prob(doc, word):
    probs = quote_tagger.cue_probabilities(doc)
    return next(probs[t.i] for t in doc if t.text == word)


def test_probabilities_cover_content_words_only_and_lie_in_0_1(nlp):
    doc = nlp("The mayor groused that the council ignored her, and then she walked home.")
    probs = quote_tagger.cue_probabilities(doc)
    assert probs, "the tagger is fitted and the parse has a tensor"
    assert all(doc[i].pos_ in quote_tagger.TAGGED_POS for i in probs)
    assert all(0.0 < p < 1.0 for p in probs.values())


def test_a_verb_reporting_a_clause_outscores_a_verb_of_motion(nlp):
    doc = nlp("The mayor groused that the council ignored her, and then she walked home.")
    assert _prob(doc, "groused") > quote_tagger.THRESHOLD > _prob(doc, "walked")


def test_a_document_without_a_tensor_is_not_tagged(nlp):
    doc = nlp("The mayor groused that the council ignored her.")
    doc.tensor = np.zeros((0, 0), dtype="float32")
    assert quote_tagger.cue_probabilities(doc) == {}


def test_tagged_cue_takes_its_clause_as_content_and_its_subject_as_source(nlp):
    text = "The mayor groused that the council ignored her."
    doc = nlp(text)
    verb = next(t for t in doc if t.text == "groused")
    att = tagged_attribution(verb, text, 0.7)
    assert att is not None and att.origin == "tagger" and att.relation == "ccomp"
    assert text[att.first : att.last].startswith("that the council ignored her")
    assert att.source is not None and att.source.text == "The mayor"


def test_tagged_passive_cue_takes_its_subject_as_content(nlp):
    text = "The proposal was lambasted by the governor."
    doc = nlp(text)
    verb = next(t for t in doc if t.text == "lambasted")
    att = tagged_attribution(verb, text, 0.7)
    assert att is not None and text[att.first : att.last] == "The proposal"
    assert att.source is not None and "governor" in att.source.text


def test_an_unfitted_tagger_proposes_nothing_new(nlp, monkeypatch):
    text = "The mayor groused that the council ignored her."
    doc = nlp(text)
    quotes = QuoteIndex(find_quote_spans(text))
    with_tagger = {a.origin for a in candidate_attributions(doc, text, quotes)}
    monkeypatch.setattr(quote_tagger, "SPARSE", {})
    without = {a.origin for a in candidate_attributions(doc, text, quotes)}
    assert "tagger" not in without and without <= with_tagger


def test_the_threshold_bound_never_rules_out_a_word_the_tagger_puts_above_it(nlp):
    doc = nlp("The senator groused that the budget was a disaster, and aides rebuked the governor. "
              "Critics, according to the report, fumed about the delay while the mayor insisted on calm.")
    dense = quote_tagger._contextual_scores(doc)
    if dense is None:
        pytest.skip("the cue tagger is not fitted, or the parse has no tensor")
    may = quote_tagger._may_reach_threshold(doc, dense)
    exact = quote_tagger._scorer(dense)
    scorer = quote_tagger.cue_scorer(doc)
    for tok in doc:
        if exact(tok) >= quote_tagger.THRESHOLD:
            assert may[tok.i] and scorer(tok) == exact(tok)
    assert not may[[t.i for t in doc if t.pos_ not in quote_tagger.TAGGED_POS]].any()
