"""The direct-or-wider decision over quoted contents: its features and how it settles extents."""

from __future__ import annotations

import numpy as np
import pytest

import newsweave.extract.quote_extent as extent
from newsweave.extract.quote_cues import Attribution, QuoteIndex
from newsweave.extract.quote_extent import ContentProbability, features, quotation_pieces, settle
from newsweave.extract.quote_marks import find_quote_spans
from newsweave.extract.quotes import _quote_type

# The tagger's view when it tags nothing as content.
NO_CONTENT = ContentProbability(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
TEXT = 'The mayor praised him for “stepping up when Congress would not.” He left.'


@pytest.fixture
def wide(nlp):
    """The praise's content as the rules find it: the object, then the quotation."""
    doc = nlp(TEXT)
    quotes = QuoteIndex(find_quote_spans(TEXT))
    start = TEXT.index("him")
    att = Attribution([(start, quotes.spans[0].end)], (10, 17), doc[2], doc[0:2], quotes=[0])
    return doc, quotes, att


def test_features_describe_the_words_between_cue_and_quotation(wide):
    doc, quotes, att = wide
    feats = features(att, doc, TEXT, quotes, None)
    assert {"now=wider", "side=before", "bc=word", "open=lower", "pw=for", "no_tagger"} <= set(feats)


def test_features_name_the_word_before_the_comma_that_introduces_a_quotation(nlp):
    text = "She said things such as, “We are not all meant to be equal.”"
    doc = nlp(text)
    quotes = QuoteIndex(find_quote_spans(text))
    att = Attribution([(text.index("things"), quotes.spans[0].end)], (4, 8), doc[1], doc[0:1], quotes=[0])
    feats = features(att, doc, text, quotes, None)
    assert "pw=PUNCT" in feats and "ww=as|," in feats and "ww|now=as|,|wider" in feats


def test_quotation_pieces_are_the_quotations_alone(wide):
    doc, quotes, att = wide
    (piece,) = quotation_pieces(att, quotes)
    assert TEXT[slice(*piece)] == "“stepping up when Congress would not.”"


def test_a_confident_model_narrows_a_wider_content_to_a_direct_quote(wide, monkeypatch):
    doc, quotes, att = wide
    monkeypatch.setattr(extent, "WEIGHTS", {"pw=for": 9.0})
    settle([att], doc, TEXT, quotes, NO_CONTENT)
    assert att.content == quotation_pieces(att, quotes) and _quote_type(att, TEXT) == "direct"


def test_an_unconvinced_model_keeps_the_extent_and_calls_the_quote_partial(nlp, monkeypatch):
    text = 'No matter what he does, “his word does not trump the Second Amendment,” Cruz said.'
    doc = nlp(text)
    quotes = QuoteIndex(find_quote_spans(text))
    q = quotes.spans[0]
    att = Attribution([(q.start, q.end)], None, None, None, quotes=[0])
    assert _quote_type(att, text) == "direct"
    monkeypatch.setattr(extent, "WEIGHTS", {"bc=,": -9.0})
    monkeypatch.setattr(extent, "THRESHOLD_ALONE", 0.0)  # quotations alone left to the rules
    settle([att], doc, text, quotes, NO_CONTENT)
    assert att.extent == "" and _quote_type(att, text) == "direct"
    monkeypatch.setattr(extent, "THRESHOLD_ALONE", 0.5)
    settle([att], doc, text, quotes, NO_CONTENT)
    assert att.content == [(q.start, q.end)] and _quote_type(att, text) == "partial"


def test_without_fitted_weights_nothing_is_decided(wide, monkeypatch):
    doc, quotes, att = wide
    before = list(att.content)
    monkeypatch.setattr(extent, "WEIGHTS", {})
    settle([att], doc, TEXT, quotes, NO_CONTENT)
    assert att.content == before and att.extent == ""


def test_without_the_span_taggers_probabilities_nothing_is_decided(wide, monkeypatch):
    doc, quotes, att = wide
    before = list(att.content)
    monkeypatch.setattr(extent, "WEIGHTS", {"pw=for": 9.0})
    settle([att], doc, TEXT, quotes, None)
    assert att.content == before and att.extent == ""


def test_a_loose_quotation_found_alone_is_decided_unless_a_dash_signs_it_or_its_paragraph(nlp, monkeypatch):
    monkeypatch.setattr(extent, "WEIGHTS", {"bc=start": -9.0})
    monkeypatch.setattr(extent, "THRESHOLD_ALONE", 0.5)
    for signature, decided in (("", "partial"), (" ― Maria Lopez", "direct"),
                               (" And that is “all he has.” ― Maria Lopez.", "direct"),
                               (" And that is all — he said so, twice.", "partial")):
        text = f"The crowd cheered.\n“We will win this race and then we will govern.”{signature}\nThe end."
        doc = nlp(text)
        quotes = QuoteIndex(find_quote_spans(text))
        q = quotes.spans[0]
        att = Attribution([(q.start, q.end)], None, None, None, quotes=[0], origin="loose")
        settle([att], doc, text, quotes, NO_CONTENT)
        assert _quote_type(att, text) == decided
