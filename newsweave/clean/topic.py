"""Off-topic paragraphs: teasers and inserts that belong to other stories.

A web page often appends the openings of other stories after an article, or slips one
into its middle. Such paragraphs are told apart by topic coherence, not by what they
are about, in two passes so that the costly one runs on a handful of texts:

1. A linear lexical pass. Each paragraph's *support* is the share of its content words
   (stop words dropped, crudely stemmed) that some paragraph outside its neighbourhood
   also uses; a window of two adjacent paragraphs is judged the same way, so that two
   inserted paragraphs from one other story do not vouch for each other. Paragraphs in
   a weakly supported window, and a weakly supported last paragraph, are *candidates*;
   the best-supported paragraphs are the article's *core*.
2. The decider. The candidates and one text for the core (the openings of the most
   central paragraphs, joined) are embedded in a single batched call (see
   :mod:`newsweave.clean.embed`); a candidate's score is its cosine with the core plus
   a small share of its lexical support. An article without candidates costs no
   embedding at all.

Lexical support alone cannot decide (nearly every article has a paragraph that shares
few words with the rest: background, a quote, a change of scene), so it only chooses
what to embed. The rules are conservative: a contiguous block of incoherent paragraphs
at the end is the typical case; a lone paragraph needs strong evidence, more in the
middle than at the end. Short, quoted or opinionated paragraphs are not suspects for
what they are, only for what they are about.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.clean.blocks import Block, span_for, split_blocks
from newsweave.config import Options
from newsweave.model import RemovedSpan
from newsweave.pipeline import Article, stage

NAME, VERSION = "clean.topic", "0.2.0"
EXTRACTOR = f"{NAME}@{VERSION}"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """What makes a paragraph a candidate, what the core is, and the scores that decide."""

    min_words: int = 8  # shorter lines (headings, one-liners) are neither judged nor used
    min_paragraphs: int = 5  # below this the article has no reliable core
    window: int = 1  # neighbours on each side left out when measuring lexical support
    candidate: float = 0.25  # support below which a window of paragraphs is embedded
    tail_growth: float = 0.25  # support below which a paragraph joins a weak tail
    max_candidates: int = 8  # the least supported first; bounds an article's cost
    core_paragraphs: int = 3  # the most central paragraphs make the core text
    core_words: int = 14  # of each, its opening words
    lexical_weight: float = 0.3  # score = cosine with the core + this * support
    each: float = 0.35  # every paragraph of an off-topic run scores below this
    run_margin: float = 0.08  # and a run of two or more averages below each - run_margin
    tail_margin: float = 0.16  # a lone last paragraph scores below each - tail_margin
    middle_margin: float = 0.26  # a lone paragraph in the middle below each - middle_margin
    max_share: float = 0.5  # never remove more than this share of the judged paragraphs


DEFAULT = Thresholds()

_CONTENT = re.compile(r"[^\W\d_]{3,}")
# Words every news story uses: they say nothing about which story a paragraph belongs to.
_NEWS_WORDS = frozenset(
    "said says told year years people time new like just percent week day days month months "
    "according including also make made way want going know think good thing things really lot "
    "number world work monday tuesday wednesday thursday friday saturday sunday".split()
)


def _stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | _NEWS_WORDS


_STOP = _stopwords()


def vocabulary(text: str) -> frozenset[str]:
    """The content words of ``text``, lower-cased and cut to six letters (a crude stem)."""
    return frozenset(w[:6] for w in map(str.lower, _CONTENT.findall(text)) if w not in _STOP)


@dataclass(frozen=True, slots=True)
class Support:
    """Lexical support of each paragraph, of each adjacent pair, and each one's centrality."""

    single: np.ndarray  # (n,) share of a paragraph's words used outside its neighbourhood
    pair: np.ndarray  # (n - 1,) the same for paragraphs i and i + 1 together
    centrality: np.ndarray  # (n,) how much of a paragraph the rest of the article repeats


def lexical_support(vocabs: Sequence[frozenset[str]], window: int = 1) -> Support:
    """Measure each paragraph's and pair's support from the rest of the article (linear time).

    A word supports a paragraph when a paragraph more than ``window`` places away from
    it (or from the pair) uses it too.
    """
    n = len(vocabs)
    df: Counter[str] = Counter()
    for v in vocabs:
        df.update(v)

    def support(a: int, b: int) -> float:
        words = vocabs[a] if b == a + 1 else vocabs[a] | vocabs[b - 1]
        if not words:
            return 1.0
        near = range(max(0, a - window), min(n, b + window))
        supported = sum(df[w] > sum(w in vocabs[j] for j in near) for w in words)
        return supported / len(words)

    single = np.array([support(i, i + 1) for i in range(n)], dtype=np.float32)
    pair = np.array([support(i, i + 2) for i in range(n - 1)], dtype=np.float32)
    centrality = np.array(
        [sum(min(df[w] - 1, 3) for w in v) / (3 * len(v)) if v else 0.0 for v in vocabs],
        dtype=np.float32,
    )
    return Support(single, pair, centrality)


def candidates(s: Support, t: Thresholds = DEFAULT) -> np.ndarray:
    """Indices of the paragraphs worth embedding: in a weakly supported pair, or last and weak."""
    n = len(s.single)
    weak = np.zeros(n, dtype=bool)
    low = np.flatnonzero(s.pair < t.candidate)
    weak[low] = True
    weak[low + 1] = True
    weak[-1] |= bool(s.single[-1] < t.candidate)
    # A weak tail grows backwards over paragraphs that are themselves weakly supported:
    # teasers appended to an article lean on one another, so pairs alone may miss one.
    k = n - 1
    while weak[-1] and k > 0 and (weak[k] or s.single[k] < t.tail_growth):
        weak[k] = True
        k -= 1
    picked = np.flatnonzero(weak)
    if len(picked) > t.max_candidates:
        picked = np.sort(picked[np.argsort(s.single[picked], kind="stable")[: t.max_candidates]])
    return picked


def core_text(texts: Sequence[str], s: Support, t: Thresholds = DEFAULT) -> str:
    """The openings of the article's most central paragraphs, in article order, joined."""
    top = np.sort(np.argsort(-s.centrality, kind="stable")[: t.core_paragraphs])
    return " ".join(" ".join(texts[k].split()[: t.core_words]) for k in top)


def off_topic_runs(scores: np.ndarray, t: Thresholds = DEFAULT) -> list[tuple[int, int]]:
    """Index ranges ``[i, j)`` of paragraphs judged off-topic from their scores.

    ``scores`` holds one score per paragraph (a large value for paragraphs not judged).
    """
    n = len(scores)
    out = []
    i = 0
    while i < n:
        if scores[i] >= t.each:
            i += 1
            continue
        j = i
        while j < n and scores[j] < t.each:
            j += 1
        run = scores[i:j]
        if j - i >= 2:
            ok = run.mean() < t.each - t.run_margin
        else:
            ok = run[0] < t.each - (t.tail_margin if j == n else t.middle_margin)
        if ok:
            out.append((i, j))
        i = j
    if sum(j - i for i, j in out) > t.max_share * n:
        return []
    return out


def score_paragraphs(texts: Sequence[str], t: Thresholds = DEFAULT) -> np.ndarray:
    """Each paragraph's topic score: ``inf`` unless it is a candidate; low means off-topic."""
    scores = np.full(len(texts), np.inf, dtype=np.float32)
    s = lexical_support([vocabulary(x) for x in texts], t.window)
    picked = candidates(s, t)
    if not len(picked):
        return scores
    from newsweave.clean.embed import encode

    vectors = encode([core_text(texts, s, t), *(texts[k] for k in picked)])
    near = np.minimum(s.single, np.minimum(np.r_[s.pair, 1.0], np.r_[1.0, s.pair]))
    scores[picked] = vectors[1:] @ vectors[0] + t.lexical_weight * near[picked]
    return scores


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
    scores = score_paragraphs([b.text for b in paragraphs], t)
    out = []
    for i, j in off_topic_runs(scores, t):
        for k in range(i, j):
            confidence = float(np.clip(0.5 + (t.each - scores[k]), 0.5, 0.99))
            out.append(span_for(paragraphs[k], doc, EXTRACTOR, "off-topic", confidence))
    return out


def warm_up(options: Options) -> None:
    from newsweave.clean.embed import load_encoder

    load_encoder()


@stage(NAME, version=VERSION, requires=("text",), produces=("removed",), warm_up=warm_up)
def topic_stage(article: Article, options: Options) -> Iterator[RemovedSpan]:
    """Mark paragraphs that belong to other stories as removed (reason ``off-topic``)."""
    yield from find_off_topic(article.document.text, article.removed, article.document.id)
