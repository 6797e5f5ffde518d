"""Off-topic paragraphs: teasers and inserts that belong to other stories.

A web page often appends the openings of other stories after an article, or slips one
into its middle. Such paragraphs are told apart by topic coherence, not by what they
are about: each paragraph is compared with the centroid of the article's *core* (the
paragraphs most similar to the article as a whole), using sentence embeddings of all
paragraphs computed in one batched call.

To keep the cost low, each paragraph is embedded from its first 64 word pieces (its
opening carries its topic) and articles too short to have a reliable core are skipped.
:func:`lexical_cohesion` is kept as a diagnostic: measured on the built cases it does
not separate inserted teasers from body paragraphs well enough to gate the embedding.

The rules are conservative. A contiguous block of incoherent paragraphs at the end is
the typical case; a block in the middle must be clearly apart from the article; a
single isolated paragraph needs strong evidence. Short, quoted or opinionated
paragraphs are not suspects for what they are, only for what they are about.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.clean.blocks import Block, span_for, split_blocks
from newsweave.config import Options
from newsweave.model import RemovedSpan
from newsweave.pipeline import Article, stage

NAME, VERSION = "clean.topic", "0.1.0"
EXTRACTOR = f"{NAME}@{VERSION}"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Cosine similarities to the article's core below which paragraphs are off-topic."""

    min_words: int = 8  # shorter lines (headings, one-liners) are neither judged nor used
    min_paragraphs: int = 5  # below this the article has no reliable core
    tail_each: float = 0.36  # every paragraph of an off-topic tail block is below this
    tail_mean: float = 0.28  # and the block's mean is below this
    tail_single: float = 0.2  # a lone last paragraph needs this much evidence
    middle_each: float = 0.3  # a block of two or more in the middle
    middle_mean: float = 0.22
    middle_single: float = 0.12  # a lone paragraph in the middle
    max_share: float = 0.5  # never remove more than this share of the judged paragraphs


DEFAULT = Thresholds()

_CONTENT = re.compile(r"[^\W\d_]{3,}")


def _stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


_STOP = _stopwords()


def _vocabulary(text: str) -> set[str]:
    words = (w.lower() for w in _CONTENT.findall(text))
    return {w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words if w not in _STOP}


def lexical_cohesion(texts: Sequence[str]) -> np.ndarray:
    """For each paragraph, the share of its content words that other paragraphs also use."""
    vocabs = [_vocabulary(t) for t in texts]
    counts: dict[str, int] = {}
    for v in vocabs:
        for w in v:
            counts[w] = counts.get(w, 0) + 1
    return np.array(
        [sum(counts[w] > 1 for w in v) / len(v) if v else 1.0 for v in vocabs], dtype=np.float32
    )


def core_similarity(vectors: np.ndarray) -> np.ndarray:
    """Each paragraph's cosine with the centroid of the article's core (itself left out).

    The core is the half of the paragraphs closest to the whole article's centroid, so
    a block of inserted paragraphs does not pull the reference towards itself.
    """
    total = vectors.sum(axis=0)
    loo = total[None, :] - vectors
    loo /= np.linalg.norm(loo, axis=1, keepdims=True) + 1e-9
    first = np.einsum("ij,ij->i", vectors, loo)
    core = first >= np.median(first)
    core_sum = vectors[core].sum(axis=0)
    ref = core_sum[None, :] - vectors * core[:, None]
    ref /= np.linalg.norm(ref, axis=1, keepdims=True) + 1e-9
    return np.einsum("ij,ij->i", vectors, ref)


def off_topic_runs(sims: np.ndarray, t: Thresholds = DEFAULT) -> list[tuple[int, int]]:
    """Index ranges ``[i, j)`` of paragraphs judged off-topic from their core similarities."""
    n = len(sims)
    runs: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if sims[i] >= max(t.tail_each, t.middle_each):
            i += 1
            continue
        j = i
        while j < n and sims[j] < max(t.tail_each, t.middle_each):
            j += 1
        runs.append((i, j))
        i = j
    out = []
    for i, j in runs:
        block = sims[i:j]
        at_tail = j == n
        if at_tail:
            ok = (j - i >= 2 and block.mean() < t.tail_mean and block.max() < t.tail_each) or (
                j - i == 1 and block[0] < t.tail_single
            )
        else:
            ok = (j - i >= 2 and block.mean() < t.middle_mean and block.max() < t.middle_each) or (
                j - i == 1 and block[0] < t.middle_single
            )
        if ok:
            out.append((i, j))
    if sum(j - i for i, j in out) > t.max_share * n:
        return []
    return out


def find_off_topic(
    text: str, removed: Sequence[RemovedSpan] = (), doc: str = "", t: Thresholds = DEFAULT
) -> list[RemovedSpan]:
    """Paragraphs of ``text`` that belong to other stories, given the spans already ``removed``."""
    gone = {(r.start, r.end) for r in removed}
    paragraphs: list[Block] = [
        b for b in split_blocks(text) if (b.start, b.end) not in gone and b.n_words >= t.min_words
    ]
    if len(paragraphs) < t.min_paragraphs:
        return []
    texts = [b.text for b in paragraphs]
    from newsweave.clean.embed import encode

    sims = core_similarity(encode(texts))
    out = []
    for i, j in off_topic_runs(sims, t):
        for k in range(i, j):
            confidence = float(np.clip(0.5 + (t.tail_each - sims[k]), 0.5, 0.99))
            out.append(span_for(paragraphs[k], doc, EXTRACTOR, "off-topic", confidence))
    return out


def warm_up(options: Options) -> None:
    from newsweave.clean.embed import load_encoder

    load_encoder()


@stage(NAME, version=VERSION, requires=("text",), produces=("removed",), warm_up=warm_up)
def topic_stage(article: Article, options: Options) -> Iterator[RemovedSpan]:
    """Mark paragraphs that belong to other stories as removed (reason ``off-topic``)."""
    yield from find_off_topic(article.document.text, article.removed, article.document.id)
