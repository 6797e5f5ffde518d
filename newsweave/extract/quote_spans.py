"""A trained span tagger: source, cue and content spans as one BIO sequence over the parse.

PolNeAR's attributions are univocal (each token is in at most one attribution, with one
role), so an article's attributions are a tag sequence: ``B-``/``I-`` for SOURCE, CUE and
CONTENT, ``O`` elsewhere. A one-layer bidirectional LSTM reads, for each token, the
features the parse has already computed, and nothing else (the shipped fit first narrows
them to 32 numbers by one linear layer, then reads them with hidden size 48, distilled from a
wider fit; see :mod:`newsweave.evaluate.quote_spans`):

* the parse's contextual vector (``doc.tensor``, the tok2vec output, 96 numbers);
* embeddings of its coarse part of speech and its dependency label;
* its quotation state (outside, inside a quotation, a quotation mark), from
  :func:`~newsweave.extract.quote_marks.find_quote_spans`;
* the rules' own answer (:mod:`newsweave.extract.quotes`) as a BIO tag, so the tagger learns
  where to keep, add to or correct the rules;
* a few flags (a reporting verb by lemma, a sentence start, a space token).

The tagger reads an article as windows of whole sentences (up to :data:`WINDOW` tokens),
all in one batch, leaving out windows that hold no rule attribution, no quotation and no
reporting verb (about a tenth of the time, no change on PolNeAR dev), and is decoded
greedily with the BIO constraint (an ``I-X`` that follows no ``X`` opens a new span). :func:`tag_spans` returns the spans with their mean probability;
:mod:`newsweave.extract.quotes` turns contents the rules missed into attributions.

The weights (``quote_spans.npz``, loaded with ``allow_pickle=False``) are fitted on
PolNeAR train only by ``python -m newsweave.evaluate.quote_spans`` (torch); inference runs
the fitted network in numpy (:mod:`newsweave.extract.quote_spans_forward`), on one BLAS
thread, and does not import torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, IDX, IS_SPACE, LEMMA, ORTH, POS, SENT_START, SPACY
from spacy.strings import get_string_id
from spacy.tokens import Doc

from newsweave.extract.quote_cues import CUE_LEMMAS
from newsweave.extract.quote_marks import QuoteSpan

WEIGHTS = Path(__file__).with_name("quote_spans.npz")
ROLES = ("SOURCE", "CUE", "CONTENT")
LABELS = ("O",) + tuple(f"{p}-{r}" for r in ROLES for p in ("B", "I"))
# Label index of B-role / I-role, in ROLES order.
B_OF = {r: 1 + 2 * k for k, r in enumerate(ROLES)}
QUOTE_MARKS = ("\"", "“", "”", "„", "«", "»", "''", "``")
_QUOTE_MARK_IDS = np.array([get_string_id(m) for m in QUOTE_MARKS], dtype=np.uint64)
_CUE_LEMMA_IDS = np.array(sorted(get_string_id(w) for w in CUE_LEMMAS), dtype=np.uint64)

# One attribution as the features see it: content ranges, cue range, source range (character offsets).
RuleSpans = tuple[Sequence[tuple[int, int]], tuple[int, int] | None, tuple[int, int] | None]


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """One span the tagger found: its role, character offsets and mean probability."""

    role: str
    start: int
    end: int
    token_start: int
    token_end: int
    confidence: float


@dataclass(frozen=True, slots=True)
class Encoded:
    """The tagger's inputs for one document, one row per token."""

    tensor: np.ndarray  # (n, width) float32
    symbols: np.ndarray  # (n, 4) int64: part of speech, dependency, quotation state, rule tag
    flags: np.ndarray  # (n, 3) float32: reporting-verb lemma, sentence start, space
    starts: np.ndarray  # (n,) token character offsets
    ends: np.ndarray


def token_offsets(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """Start and end character offsets of every token of ``doc``."""
    if len(doc) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    cols = doc.to_array([IDX, SPACY]).astype(np.int64)
    starts = cols[:, 0]
    # A token ends where the next begins, less its trailing space (one or none): no Token objects.
    ends = np.append(starts[1:], starts[-1] + len(doc[-1]) + cols[-1, 1]) - cols[:, 1]
    return starts, ends


def char_ranges_to_tags(starts: np.ndarray, ranges: Sequence[tuple[int, int]], tags: np.ndarray, label_b: int) -> None:
    """Write B/I tags (``label_b``, ``label_b + 1``) on the tokens starting inside each character range."""
    for start, end in ranges:
        lo, hi = np.searchsorted(starts, start), np.searchsorted(starts, end)
        if lo < hi:
            tags[lo] = label_b
            tags[lo + 1 : hi] = label_b + 1


def rule_tags(starts: np.ndarray, attributions: Sequence[RuleSpans]) -> np.ndarray:
    """The rules' attributions as a BIO label index per token (content wins over a cue or source inside it)."""
    tags = np.zeros(len(starts), dtype=np.int64)
    for content, cue, source in attributions:
        if source is not None:
            char_ranges_to_tags(starts, [source], tags, B_OF["SOURCE"])
        if cue is not None:
            char_ranges_to_tags(starts, [cue], tags, B_OF["CUE"])
    for content, _, _ in attributions:
        char_ranges_to_tags(starts, content, tags, B_OF["CONTENT"])
    return tags


class _IdLookup:
    """Vectorised map from spaCy string ids to 1-based indices of ``names`` (0 for any other id)."""

    def __init__(self, names: Sequence[str]):
        ids = np.array([get_string_id(n) for n in names], dtype=np.uint64)
        order = np.argsort(ids)
        self.keys, self.values = ids[order], (order + 1).astype(np.int64)

    def __call__(self, column: np.ndarray) -> np.ndarray:
        at = np.minimum(np.searchsorted(self.keys, column), len(self.keys) - 1)
        return np.where(self.keys[at] == column, self.values[at], 0)


class Vocabulary:
    """Indices of parts of speech and dependency labels, as the fitted weights number them (0: unknown)."""

    def __init__(self, pos_names: Sequence[str], dep_names: Sequence[str]):
        self.pos_names, self.dep_names = tuple(pos_names), tuple(dep_names)
        self._pos = _IdLookup(self.pos_names)
        self._dep = _IdLookup(self.dep_names)

    def encode(self, doc: Doc, quotes: Sequence[QuoteSpan], rules: Sequence[RuleSpans]) -> Encoded:
        """The tagger's inputs for ``doc``: see the module docstring."""
        starts, ends = token_offsets(doc)
        cols = doc.to_array([POS, DEP, LEMMA, SENT_START, IS_SPACE, ORTH])
        n = len(doc)
        pos, dep = self._pos(cols[:, 0]), self._dep(cols[:, 1])
        quote_state = np.zeros(n, dtype=np.int64)
        for q in quotes:
            lo, hi = np.searchsorted(starts, q.start), np.searchsorted(starts, q.end)
            quote_state[lo:hi] = 1
        quote_state[np.isin(cols[:, 5], _QUOTE_MARK_IDS)] = 2
        symbols = np.stack([pos, dep, quote_state, rule_tags(starts, rules)], axis=1)
        flags = np.stack(
            [np.isin(cols[:, 2], _CUE_LEMMA_IDS), cols[:, 3].astype(np.int64) == 1, cols[:, 4] != 0], axis=1
        ).astype(np.float32)
        tensor = doc.tensor
        if tensor is None or tensor.shape[:1] != (n,):
            raise ValueError("the parse has no tensor (restored without it?): the span tagger needs doc.tensor")
        return Encoded(np.asarray(tensor, dtype=np.float32), symbols, flags, starts, ends)


# Sentences are packed into windows of at most this many tokens (a longer sentence is cut):
# a BiLSTM over short windows in a batch is many times faster than over a whole article.
WINDOW = 48


def windows(enc: Encoded, size: int = WINDOW) -> list[tuple[int, int]]:
    """Token ranges covering the document: whole sentences packed up to ``size`` tokens each."""
    n = len(enc.starts)
    bounds = np.flatnonzero(enc.flags[:, 1] > 0).tolist()
    if not bounds or bounds[0] != 0:
        bounds.insert(0, 0)
    bounds.append(n)
    out: list[tuple[int, int]] = []
    lo = 0
    for k in range(1, len(bounds)):
        end = bounds[k]
        if end - lo > size and bounds[k - 1] > lo:
            out.append((lo, bounds[k - 1]))
            lo = bounds[k - 1]
        while end - lo > size:
            out.append((lo, lo + size))
            lo += size
    if lo < n:
        out.append((lo, n))
    return out


def batch_windows(enc: Encoded, spans: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The windows of one document padded into (tensor, symbols, flags, lengths) arrays."""
    width = max(hi - lo for lo, hi in spans)
    size = len(spans)
    tensor = np.zeros((size, width, enc.tensor.shape[1]), dtype=np.float32)
    symbols = np.zeros((size, width, enc.symbols.shape[1]), dtype=np.int64)
    flags = np.zeros((size, width, enc.flags.shape[1]), dtype=np.float32)
    for k, (lo, hi) in enumerate(spans):
        tensor[k, : hi - lo], symbols[k, : hi - lo], flags[k, : hi - lo] = enc.tensor[lo:hi], enc.symbols[lo:hi], enc.flags[lo:hi]
    lengths = np.array([hi - lo for lo, hi in spans], dtype=np.int64)
    return tensor, symbols, flags, lengths


def decode(probs: np.ndarray, enc: Encoded) -> list[TaggedSpan]:
    """Spans from per-token label probabilities: the best label per token, BIO-repaired.

    A token opens a span when its label is ``B-X``, or ``I-X`` after a token of another role
    (an ``I`` without its ``B``); it continues the span while the next tokens are ``I-X``.
    A span's confidence is the mean probability of its role (B or I) over its tokens.
    """
    if len(probs) == 0:
        return []
    best = probs.argmax(axis=1)
    role = np.where(best == 0, -1, (best - 1) // 2)
    inside = (best > 0) & ((best - 1) % 2 == 1)
    prev_role = np.concatenate([[-1], role[:-1]])
    cont = (role >= 0) & inside & (prev_role == role)
    opens = (role >= 0) & ~cont
    last = (opens | cont) & ~np.append(cont[1:], False)
    lo_at, hi_at = np.flatnonzero(opens), np.flatnonzero(last) + 1
    if len(lo_at) == 0:
        return []
    roles = role[lo_at]
    role_prob = probs[:, 1::2] + probs[:, 2::2]  # (n, len(ROLES)): P(B-r) + P(I-r)
    per_token = role_prob[np.arange(len(best)), np.maximum(role, 0)]
    cum = np.concatenate([[0.0], np.cumsum(per_token)])
    means = (cum[hi_at] - cum[lo_at]) / (hi_at - lo_at)
    return [
        TaggedSpan(ROLES[r], int(enc.starts[lo]), int(enc.ends[hi - 1]), int(lo), int(hi), float(m))
        for r, lo, hi, m in zip(roles, lo_at, hi_at, means)
    ]


def _holds_signal(enc: Encoded, lo: int, hi: int) -> bool:
    """Whether a window holds a rule's attribution, a quotation or a reporting verb."""
    return bool(enc.symbols[lo:hi, 2:4].any() or enc.flags[lo:hi, 0].any())


class SpanTagger:
    """The fitted tagger: a vocabulary and a small BiLSTM, run in numpy (no torch at inference)."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        from threadpoolctl import ThreadpoolController

        from newsweave.extract.quote_spans_forward import BiLSTMTagger

        # Products this small are slower shared out between BLAS threads than on one (the
        # others only spin): each document's pass runs on one thread, the setting restored after.
        self._threads = ThreadpoolController()
        self.vocab = Vocabulary([str(s) for s in arrays["pos_names"]], [str(s) for s in arrays["dep_names"]])
        self.net = BiLSTMTagger(arrays)
        self.window = WINDOW
        self.skip_quiet = True  # tag only windows with a signal (see the module docstring)

    def probabilities(self, enc: Encoded) -> np.ndarray:
        """(n, len(LABELS)) label probabilities for one encoded document (untagged tokens: certain ``O``)."""
        spans = windows(enc, self.window) if len(enc.starts) else []
        if self.skip_quiet:
            spans = [(lo, hi) for lo, hi in spans if _holds_signal(enc, lo, hi)]
        with self._threads.limit(limits=1, user_api="blas"):
            probs = self.net.logits(enc.tensor, enc.flags, enc.symbols, spans)
        probs -= probs.max(axis=1, keepdims=True)
        np.exp(probs, out=probs)
        probs /= probs.sum(axis=1, keepdims=True)
        tagged = np.zeros(len(probs), dtype=bool)
        for lo, hi in spans:
            tagged[lo:hi] = True
        probs[~tagged] = 0.0
        probs[~tagged, 0] = 1.0
        return probs

    def tag(self, doc: Doc, quotes: Sequence[QuoteSpan], rules: Sequence[RuleSpans]) -> list[TaggedSpan]:
        """The source, cue and content spans of one parsed document."""
        return self.tag_with_content(doc, quotes, rules)[0]

    def tag_with_content(self, doc: Doc, quotes: Sequence[QuoteSpan], rules: Sequence[RuleSpans]
                         ) -> tuple[list[TaggedSpan], np.ndarray, np.ndarray]:
        """The spans, with each token's start offset and probability of being content (B or I)."""
        enc = self.vocab.encode(doc, quotes, rules)
        probs = self.probabilities(enc)
        content = B_OF["CONTENT"]
        return decode(probs, enc), enc.starts, probs[:, content] + probs[:, content + 1]


@lru_cache(maxsize=1)
def load_tagger(path: Path = WEIGHTS) -> SpanTagger | None:
    """The fitted tagger, loaded once per process; None when no weights were fitted."""
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as data:
        return SpanTagger({k: data[k] for k in data.files})


__all__ = ["LABELS", "ROLES", "Encoded", "SpanTagger", "TaggedSpan", "Vocabulary", "decode", "load_tagger", "rule_tags"]
