"""The trained span tagger: inputs from the parse, BIO decoding, windows, and merging with the rules."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from newsweave.extract import quote_spans
from newsweave.extract.quote_cues import QuoteIndex
from newsweave.extract.quote_marks import find_quote_spans
from newsweave.extract.quote_spans import LABELS, TaggedSpan, decode, load_tagger, rule_tags, windows
from newsweave.extract.quote_spans_merge import MergePolicy, merge_tagged
from newsweave.extract.quote_spans_model import TaggerNet


def _encoded(n: int, sentence_starts=(0,)) -> quote_spans.Encoded:
    flags = np.zeros((n, 3), dtype=np.float32)
    flags[list(sentence_starts), 1] = 1
    starts = np.arange(n, dtype=np.int64) * 3
    return quote_spans.Encoded(np.zeros((n, 4), np.float32), np.zeros((n, 4), np.int64), flags, starts, starts + 2)


def _one_hot(labels: list[str]) -> np.ndarray:
    probs = np.full((len(labels), len(LABELS)), 0.01, dtype=np.float32)
    for i, label in enumerate(labels):
        probs[i, LABELS.index(label)] = 1.0 - 0.01 * (len(LABELS) - 1)
    return probs


def test_decode_opens_a_span_at_an_inside_label_without_its_begin():
    labels = ["O", "I-CONTENT", "I-CONTENT", "B-CUE", "I-SOURCE", "B-CONTENT", "B-CONTENT", "I-CONTENT"]
    spans = decode(_one_hot(labels), _encoded(len(labels)))
    assert [(s.role, s.token_start, s.token_end) for s in spans] == [
        ("CONTENT", 1, 3), ("CUE", 3, 4), ("SOURCE", 4, 5), ("CONTENT", 5, 6), ("CONTENT", 6, 8)]
    assert all(0.0 < s.confidence <= 1.0 for s in spans)


def test_decode_gives_character_offsets_of_the_first_and_last_token():
    enc = _encoded(4)
    (span,) = decode(_one_hot(["O", "B-CONTENT", "I-CONTENT", "O"]), enc)
    assert (span.start, span.end) == (int(enc.starts[1]), int(enc.ends[2]))


def test_windows_cover_every_token_once_and_keep_sentences_whole_when_they_fit():
    enc = _encoded(300, sentence_starts=range(0, 300, 40))
    spans = windows(enc, size=96)
    assert spans[0][0] == 0 and spans[-1][1] == 300
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < hi - lo <= 96 and lo % 40 == 0 for lo, hi in spans)


def test_a_sentence_longer_than_a_window_is_cut():
    spans = windows(_encoded(250), size=96)
    assert [hi - lo for lo, hi in spans] == [96, 96, 58]


def test_rule_content_wins_over_a_cue_inside_it():
    starts = np.array([0, 4, 8, 12, 16])
    tags = rule_tags(starts, [([(4, 14)], (8, 11), (0, 3))])
    assert [LABELS[t] for t in tags] == ["B-SOURCE", "B-CONTENT", "I-CONTENT", "I-CONTENT", "O"]


@pytest.mark.parametrize(("arch", "project"), [("lstm", 0), ("lstm", 5), ("cnn", 0)])
def test_network_weights_round_trip_through_plain_arrays(arch, project):
    torch.manual_seed(1)
    net = TaggerNet(4, 3, (5, 6, 3, len(LABELS)), 8, len(LABELS), arch, project=project).eval()
    arrays = net.to_arrays()
    assert all(a.dtype != object for a in arrays.values())
    copy = TaggerNet.from_arrays(arrays).eval()
    args = (torch.randn(2, 7, 4), torch.randint(0, 3, (2, 7, 4)), torch.rand(2, 7, 3), torch.tensor([7, 4]))
    assert copy.arch == arch
    assert torch.allclose(net(*args), copy(*args))


def test_a_window_reads_the_same_alone_or_padded_beside_a_longer_one():
    torch.manual_seed(2)
    net = TaggerNet(4, 3, (5, 6, 3, len(LABELS)), 8, len(LABELS), "cnn").eval()
    args = (torch.randn(2, 9, 4), torch.randint(0, 3, (2, 9, 4)), torch.rand(2, 9, 3))
    both = net(*args, torch.tensor([9, 5]))
    alone = net(*(a[1:, :5] for a in args), torch.tensor([5]))
    assert torch.allclose(both[1, :5], alone[0], atol=1e-5)


def test_token_offsets_match_the_tokens(nlp):
    doc = nlp("Hello  world. \n\n  “Yes,” he said.  ")
    starts, ends = quote_spans.token_offsets(doc)
    assert starts.tolist() == [t.idx for t in doc]
    assert ends.tolist() == [t.idx + len(t) for t in doc]


@pytest.fixture(scope="module")
def tagger():
    fitted = load_tagger()
    if fitted is None:
        pytest.skip("span tagger weights not fitted (python -m newsweave.evaluate.quote_spans)")
    return fitted


def test_tagger_spans_lie_inside_the_text_and_do_not_overlap(nlp, tagger):
    text = ("The senator argued that the bill would hurt farmers. Critics disagreed. "
            "“We will not back down,” the governor said on Tuesday.")
    doc = nlp(text)
    spans = tagger.tag(doc, find_quote_spans(text), [])
    assert spans
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_tagger_marks_a_reported_clause_as_content(nlp, tagger):
    text = "The senator argued on Monday that the new bill would badly hurt small farmers in the state."
    doc = nlp(text)
    contents = [s for s in tagger.tag(doc, [], []) if s.role == "CONTENT"]
    assert any("hurt small farmers" in text[s.start : s.end] for s in contents)


def test_a_tagged_content_the_rules_missed_becomes_an_attribution_with_its_cue_and_source(nlp):
    text = "Officials in the capital fretted that the harvest would fail this year."
    doc = nlp(text)
    quotes = QuoteIndex(find_quote_spans(text))
    at = text.index

    def span(role, words):
        s = doc.char_span(at(words), at(words) + len(words))
        return TaggedSpan(role, s.start_char, s.end_char, s.start, s.end, 0.9)

    tagged = [span("SOURCE", "Officials in the capital"), span("CUE", "fretted"),
              span("CONTENT", "the harvest would fail this year")]
    (att,) = merge_tagged([], tagged, doc, text, quotes, MergePolicy())
    assert text[att.first : att.last] == "the harvest would fail this year"
    assert text[att.cue[0] : att.cue[1]] == "fretted"
    assert att.source.text == "Officials in the capital"


def test_a_window_without_attribution_quotation_or_reporting_verb_is_left_untagged(nlp, tagger):
    text = "The river rose overnight. Farmers moved their cattle to higher ground."
    doc = nlp(text)
    enc = tagger.vocab.encode(doc, [], [])
    probs = tagger.probabilities(enc)
    assert probs.shape == (len(doc), len(LABELS))
    assert (probs.argmax(axis=1) == 0).all()


@pytest.mark.parametrize("project", [0, 4])
def test_numpy_forward_pass_equals_the_torch_network_on_windows_of_different_lengths(project):
    from newsweave.extract.quote_spans_forward import BiLSTMTagger

    torch.manual_seed(3)
    net = TaggerNet(5, 3, (5, 6, 3, len(LABELS)), 8, len(LABELS), "lstm", project=project).eval()
    n, spans = 20, [(0, 7), (7, 9), (12, 20)]  # tokens 9-11 lie in no window
    tensor, flags = torch.randn(n, 5), torch.rand(n, 3)
    symbols = torch.stack([torch.randint(0, v, (n,)) for v in (5, 6, 3, len(LABELS))], dim=1)
    ours = BiLSTMTagger(net.to_arrays()).logits(tensor.numpy(), flags.numpy(), symbols.numpy(), spans)
    for lo, hi in spans:
        with torch.inference_mode():
            theirs = net(tensor[None, lo:hi], symbols[None, lo:hi], flags[None, lo:hi])[0].numpy()
        assert np.allclose(ours[lo:hi], theirs, atol=1e-5)
    assert not ours[9:12].any()
