"""Fitting the cue tagger: which words are labelled as cues, and what it needs from the parse."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.evaluate.quote_tagger import fit, labelled_tokens


@pytest.fixture
def example(nlp, attribution):
    text = "The senator groused that the plan failed. She walked home."
    return text, [attribution(text, "that the plan failed", "groused", "The senator")], nlp(text)


def test_words_inside_a_gold_cue_are_the_positive_examples(example):
    text, gold, doc = example
    dense, feats, labels = labelled_tokens([(text, gold, doc)])
    words = [t.text for t in doc if t.pos_ in ("VERB", "NOUN", "ADJ")]
    assert dense.shape == (len(words), doc.tensor.shape[1]) and len(feats) == len(labels) == len(words)
    assert {w for w, y in zip(words, labels) if y} == {"groused"}


def test_a_parse_without_its_tensor_is_refused(example):
    text, gold, doc = example
    doc.tensor = np.zeros((0, 0), dtype="float32")
    with pytest.raises(ValueError, match="tensor"):
        labelled_tokens([(text, gold, doc)])


def test_fit_returns_one_dense_weight_per_tensor_column(example):
    text, gold, doc = example
    dense, feats, labels = labelled_tokens([(text, gold, doc)] * 3)
    bias, dense_w, sparse_w = fit(dense, feats, labels, min_count=1, c=1.0, min_weight=0.0)
    assert len(dense_w) == dense.shape[1] and isinstance(bias, float)
    assert all(isinstance(w, float) for w in sparse_w.values())


def test_fitting_refuses_saved_parses_without_their_tensors(tmp_path, data_dir):
    from newsweave.evaluate.quotes import train_parses

    docbin = tmp_path / "train.spacy"
    docbin.write_bytes(b"")  # a DocBin saved without the tensors file beside it
    with pytest.raises(FileNotFoundError, match="tensors"):
        train_parses(data_dir, limit=1, docbin=docbin)
