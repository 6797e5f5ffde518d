"""Fitting the span tagger: gold labels, encoding with the rules' answer, deterministic fitting."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.evaluate.quote_spans import encode_documents, fit, gold_tags, save, training_vocabulary
from newsweave.extract.quote_spans import LABELS, load_tagger


@pytest.fixture
def example(nlp, attribution):
    text = "The senator groused that the plan failed. She walked home."
    return text, [attribution(text, "the plan failed", "groused", "The senator")], nlp(text)


def test_gold_labels_mark_source_cue_and_content_in_bio(example):
    text, gold, doc = example
    starts = np.array([t.idx for t in doc])
    tags = [LABELS[k] for k in gold_tags(starts, gold)]
    assert tags[:7] == ["B-SOURCE", "I-SOURCE", "B-CUE", "O", "B-CONTENT", "I-CONTENT", "I-CONTENT"]
    assert set(tags[7:]) == {"O"}


def test_encoded_documents_carry_one_row_and_one_label_per_token(example, nlp):
    ((enc, labels),) = encode_documents([example], training_vocabulary(nlp))
    n = len(example[2])
    assert enc.tensor.shape[0] == enc.symbols.shape[0] == enc.flags.shape[0] == len(labels) == n
    assert enc.symbols[:, 0].min() > 0, "every part of speech is in the vocabulary"


def test_fitting_is_deterministic_and_the_saved_weights_load(example, nlp, tmp_path):
    vocab = training_vocabulary(nlp)
    examples = encode_documents([example] * 4, vocab)
    first = fit(examples, vocab, hidden=8, epochs=2, batch_size=2).to_arrays()
    second = fit(examples, vocab, hidden=8, epochs=2, batch_size=2)
    assert all(np.array_equal(first[k], v) for k, v in second.to_arrays().items())
    save(second, vocab, tmp_path / "w.npz")
    tagger = load_tagger(tmp_path / "w.npz")
    assert tagger is not None and tagger.vocab.dep_names == vocab.dep_names
    assert tagger.probabilities(examples[0][0]).shape == (len(example[2]), len(LABELS))


def test_a_narrow_student_fits_towards_its_teacher_and_loads_without_torch_at_inference(example, nlp, tmp_path):
    vocab = training_vocabulary(nlp)
    examples = encode_documents([example] * 4, vocab)
    save(fit(examples, vocab, hidden=8, epochs=3, batch_size=2), vocab, tmp_path / "teacher.npz")
    student = fit(examples, vocab, hidden=4, epochs=3, batch_size=2, project=3, teacher=tmp_path / "teacher.npz")
    save(student, vocab, tmp_path / "student.npz")
    tagger = load_tagger(tmp_path / "student.npz")
    assert tagger is not None and tagger.net.hidden == 4 and tagger.net.w_gates is not None
    probs = tagger.probabilities(examples[0][0])
    assert probs.shape == (len(example[2]), len(LABELS)) and np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
