"""A learned cue tagger: which words of a parse report what someone said, thought or did.

The cue lists and the frames learned per lemma (:mod:`newsweave.extract.quote_cues`)
miss a long tail of cues seen once or never in training ("groused", "assesses",
"rebuked"). This tagger generalises past the lemma: a logistic model over the
word's contextual vector from the spaCy parse (``doc.tensor``, the tok2vec output
every parse already computes) and a few symbolic features (part of speech,
dependency, the relations of its dependents, whether the cue rules know its
lemma, how well its frames did on train) gives each verb, noun and adjective a
probability of heading a PolNeAR cue. Words at or above :data:`THRESHOLD` that no
rule made a cue propose an attribution (:func:`~newsweave.extract.quote_cues.tagged_attribution`),
which the candidate filter then judges like any other.

The weights are a small artefact, :mod:`newsweave.extract.quote_tagger_data`, fitted
on PolNeAR train only by ``python -m newsweave.evaluate.quote_tagger``. Scoring is
one matrix-vector product per document and a few dictionary look-ups per content word.
A document without a tensor (restored from a store without it) is not tagged.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, POS, TAG
from spacy.tokens import Doc, Token

from newsweave.extract.quote_cues import CUE_LEMMAS, frame_relation
from newsweave.extract.quote_frames_data import FRAMES

try:
    from newsweave.extract.quote_tagger_data import BIAS, DENSE, SPARSE, THRESHOLD
except ImportError:  # not fitted yet: tag nothing
    BIAS, DENSE, SPARSE, THRESHOLD = 0.0, (), {}, 1.0

TAGGED_POS = frozenset({"VERB", "NOUN", "ADJ"})
_ENTITY_SOURCES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _best_frame_precision() -> dict[str, float]:
    best: dict[str, float] = {}
    for (lemma, _pos, _rel), precision in FRAMES.items():
        best[lemma] = max(best.get(lemma, 0.0), precision)
    return best


_FRAME_BEST = _best_frame_precision()


def token_features(tok: Token) -> list[str]:
    """The symbolic features of one candidate cue word (names of the active indicators)."""
    lemma = tok.lemma_.lower()
    out = [f"pos={tok.pos_}", f"dep={tok.dep_}", f"tag={tok.tag_}", f"head={tok.head.pos_}"]
    for child in tok.children:
        rel = frame_relation(child)
        if rel is not None:
            out.append(f"c={rel}")
            if rel in ("nsubj", "nsubjpass") and child.ent_type_ in _ENTITY_SOURCES:
                out.append(f"c={rel}|ent")
    if lemma in CUE_LEMMAS:
        out.append("cue_lemma")
    precision = _FRAME_BEST.get(lemma)
    out.append(f"fp={'none' if precision is None else min(int(precision * 10), 9)}")
    return out


def cue_scorer(doc: Doc) -> Callable[[Token], float]:
    """A function giving a word of ``doc`` its probability of being a cue, for comparison with
    :data:`THRESHOLD`: 0 for words of other parts of speech, for every word of a document
    without a tensor, and for words whose logit cannot reach the threshold whatever their
    lemma and their prepositions' objects (:func:`_may_reach_threshold`, one vectorised pass).

    The contextual part is one matrix-vector product for the whole document; the symbolic
    part is computed only for the words asked about that may reach the threshold, so a
    caller that asks only where no rule found a cue pays for those words alone.
    """
    dense = _contextual_scores(doc)
    if dense is None:
        return lambda tok: 0.0
    may = _may_reach_threshold(doc, dense)
    score = _scorer(dense)
    return lambda tok: score(tok) if may[tok.i] else 0.0


@lru_cache(maxsize=1)
def _feature_bounds() -> dict[str, dict[str, float]]:
    """The fitted weights by feature kind, for :func:`_may_reach_threshold`: exact weights of the
    word's own part of speech, dependency, tag and head, of its children's relations; upper
    bounds (``*``) where a feature depends on more than those columns."""
    kinds: dict[str, dict[str, float]] = {k: {} for k in ("pos", "dep", "tag", "head", "c", "c_ent")}
    upper = {"prep": 0.0, "fp": -math.inf}
    for name, weight in SPARSE.items():
        kind, _, value = name.partition("=")
        if kind == "c" and value.endswith("|ent"):
            kinds["c_ent"][value[:-4]] = weight
        elif kind == "c" and value.startswith("prep_"):
            upper["prep"] = max(upper["prep"], weight)  # a preposition with an object: its word decides
        elif kind == "fp":
            upper["fp"] = max(upper["fp"], weight)
        elif kind in kinds:
            kinds[kind][value] = weight
    kinds["c"]["prep"] = upper["prep"]  # no feature at all when it has no object: 0 is within the bound
    kinds["*"] = {"lemma": max(SPARSE.get("cue_lemma", 0.0), 0.0) + max(upper["fp"], 0.0)}
    return kinds


def _may_reach_threshold(doc: Doc, dense: np.ndarray) -> np.ndarray:
    """For each word, whether an upper bound of its logit reaches :data:`THRESHOLD`'s (a
    tagged part of speech only). Never false for a word :func:`_scorer` would put at or above it."""
    bounds = _feature_bounds()
    strings = doc.vocab.strings
    cols = doc.to_array([POS, DEP, TAG, ENT_TYPE])  # string ids (uint64)
    n = len(doc)
    heads = np.arange(n) + doc.to_array(HEAD).astype(np.int64)  # HEAD is the offset to the head

    def weights(column: np.ndarray, table: dict[str, float]) -> np.ndarray:
        ids, inverse = np.unique(column, return_inverse=True)
        return np.array([table.get(strings[int(i)], 0.0) if i else 0.0 for i in ids])[inverse.ravel()]

    # Each word's dependency label names the feature its head gets from it ("c=<dep>").
    pos_names = np.unique(cols[:, 0])
    tagged = np.isin(cols[:, 0], [i for i in pos_names if strings[int(i)] in TAGGED_POS])
    child = weights(cols[:, 1], bounds["c"])
    ent_ids = [i for i in np.unique(cols[:, 3]) if i and strings[int(i)] in _ENTITY_SOURCES]
    child += np.where(np.isin(cols[:, 3], ent_ids), weights(cols[:, 1], bounds["c_ent"]), 0.0)
    has_head = heads != np.arange(n)
    children = np.bincount(heads[has_head], weights=child[has_head], minlength=n)
    z = (BIAS + dense + weights(cols[:, 0], bounds["pos"]) + weights(cols[:, 1], bounds["dep"])
         + weights(cols[:, 2], bounds["tag"]) + weights(cols[heads, 0], bounds["head"]) + children
         + bounds["*"]["lemma"])
    return tagged & (z >= math.log(THRESHOLD / (1.0 - THRESHOLD)) - 1e-6)


def cue_probabilities(doc: Doc) -> dict[int, float]:
    """Token index -> probability of being a cue, for the verbs, nouns and adjectives of ``doc``."""
    dense = _contextual_scores(doc)
    if dense is None:
        return {}
    score = _scorer(dense)
    return {tok.i: score(tok) for tok in doc if tok.pos_ in TAGGED_POS}


def _contextual_scores(doc: Doc) -> np.ndarray | None:
    """Each word's score from its contextual vector; None when the parse has no usable tensor."""
    tensor = doc.tensor
    if not SPARSE or tensor is None or len(tensor.shape) != 2 or tensor.shape[0] != len(doc) or tensor.shape[1] != len(DENSE):
        return None
    return tensor @ np.asarray(DENSE, dtype=tensor.dtype)


def _scorer(dense: np.ndarray) -> Callable[[Token], float]:
    """A word's probability from its contextual score in ``dense`` and its symbolic features."""
    def probability(tok: Token) -> float:
        if tok.pos_ not in TAGGED_POS:
            return 0.0
        z = BIAS + float(dense[tok.i]) + sum(SPARSE.get(f, 0.0) for f in token_features(tok))
        return 1.0 / (1.0 + math.exp(-z))

    return probability


__all__ = ["TAGGED_POS", "THRESHOLD", "cue_probabilities", "cue_scorer", "token_features"]
