"""Off-topic paragraphs: teasers and inserts that belong to other stories.

A web page often appends the openings of other stories after an article, or slips one
into its middle. Such paragraphs are told apart by topic coherence, not by what they
are about, in two passes so that the costly one runs on a handful of texts:

1. A linear lexical pass. A *block* of one to three adjacent paragraphs is supported by
   the rest of the article in the share of its content words (stop words dropped,
   crudely stemmed) that some paragraph outside the block and its two neighbours also
   uses, so that the paragraphs of one inserted story do not vouch for one another; a
   paragraph's *word support* is the least support of a block that holds it. Its
   *name support* is the same for its names (capitalised words inside a sentence): an
   insert shares almost no names with the article it sits in. The paragraphs whose
   support is highest make the article's *core*.
2. A fitted lexical decider. A logistic regression over each paragraph's supports,
   its neighbours' (inserts come in runs), the weakest support from it to the end, its
   place, its length and the share of its words that one neighbour and no other
   paragraph uses (:func:`paragraph_features`) gives a first probability that it is
   off-topic; a second one, the *context model*, adds the first model's odds for its
   neighbours (:func:`context_features`): a middle insert is a run of paragraphs each
   weak beside the other. Outside a band of doubt that probability stands, and an article
   without a doubtful paragraph costs no embedding at all (most plain articles).
3. The refiner. The doubtful paragraphs, at most :attr:`Thresholds.max_candidates`,
   and one text for the core (the openings of the most central paragraphs, joined)
   are embedded in a single batched call (see :mod:`newsweave.clean.embed`); a second
   logistic regression over the context features adds each one's cosine with the core.

A paragraph is off-topic when its probability is above :attr:`Thresholds.off_topic`,
or when it and a neighbour are both close to it, closer inside the article than at
its end (:func:`decide`). The three models are fitted on built dev
cases by :mod:`newsweave.clean.topic_fit` and shipped in
:mod:`newsweave.clean.topic_decider_data`. Short, quoted or opinionated paragraphs are
not suspects for what they are, only for what they are about: no feature looks at
quotation marks, opinion words or topics, and a paragraph's length enters only as a
correction for the few words a short paragraph can share by chance.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.clean import english_stop_words
from newsweave.clean.blocks import Block, span_for, split_blocks
from newsweave.config import Options
from newsweave.model import RemovedSpan
from newsweave.pipeline import Article, stage

NAME, VERSION = "clean.topic", "0.5.0"
EXTRACTOR = f"{NAME}@{VERSION}"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """What the lexical pass measures, when the embedding is asked, and what decides."""

    min_words: int = 8  # shorter lines (headings, one-liners) are neither judged nor used
    min_paragraphs: int = 6  # below this the article has no reliable core (see find_off_topic)
    window: int = 1  # neighbours on each side left out when measuring a block's support
    longest_block: int = 3  # blocks of up to this many paragraphs are measured
    name_weight: float = 0.5  # weakness = word support + this * name support
    # The band of doubt bounds the cost: on the dev cases widening it to 0.3 (0.15 inside) with
    # three candidates caught 0.012 more for 0.0007 more body, at 1.4 times the embedding calls.
    ambiguous: float = 0.35  # lexical probabilities from this up to decisive are refined by the embedding
    # Inside, the context model's probabilities run low (inserts are rare there); on the dev cases
    # a band from 0.15 caught no more than one from 0.2, at 1.15 times the embedded texts.
    ambiguous_inside: float = 0.2  # the same for paragraphs before the last few (see ambiguous)
    last_paragraphs: int = 4  # the last few: where a tail of teasers sits
    decisive: float = 0.5  # above this the lexical probability stands without an embedding
    # On dev cases 201-600, 0.6 rather than 0.5 cost 0.001 of recall and saved 0.002 of body.
    off_topic: float = 0.6  # a paragraph whose probability is above this is off-topic
    in_run: float = 0.4  # and so are two adjacent paragraphs whose probabilities are both above this
    in_run_inside: float = 0.3  # the same before the last few paragraphs, where the models' prior is low
    refit_from: float = 0.05  # the refined model is fitted on paragraphs from this lexical probability
    max_candidates: int = 3  # doubtful paragraphs embedded per article, the likeliest first
    core_paragraphs: int = 3  # the most central paragraphs make the core text
    core_words: int = 14  # of each, its opening words
    max_tokens: int = 32  # word pieces embedded per text
    max_share: float = 0.5  # never remove more than this share of the judged paragraphs


DEFAULT = Thresholds()

_CONTENT = re.compile(r"[^\W\d_]{3,}")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*[^\W\d_]")
# A capitalised word right after one of these (or at the start) opens a sentence.
_OPENS_SENTENCE = frozenset(".!?:;\"“‘'(—–-")
_POSSESSIVE = re.compile(r"['’]s?$")
# Words every news story uses: they say nothing about which story a paragraph belongs to.
_NEWS_WORDS = frozenset(
    "said says told year years people time new like just percent week day days month months "
    "according including also make made way want going know think good thing things really lot "
    "number world work monday tuesday wednesday thursday friday saturday sunday".split()
)
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "st"})


_STOP = english_stop_words() | _NEWS_WORDS


def vocabulary(text: str) -> frozenset[str]:
    """The content words of ``text``, lower-cased and cut to six letters (a crude stem)."""
    return frozenset(w[:6] for w in map(str.lower, _CONTENT.findall(text)) if w not in _STOP)


def names(text: str) -> frozenset[str]:
    """The capitalised words of ``text`` that do not open a sentence, as :func:`vocabulary` stems them.

    >>> sorted(names("Officials in Kyiv said. The Kremlin's view differs from Zelensky's."))
    ['kremli', 'kyiv', 'zelens']
    """
    out = set()
    for m in _CAPITALISED.finditer(text):
        at = m.start() - 1  # the last character before the word that is not white space
        while at >= 0 and text[at].isspace():
            at -= 1
        if at < 0 or text[at] in _OPENS_SENTENCE:
            continue
        word = _POSSESSIVE.sub("", m.group().lower())
        if word not in _STOP and word not in _TITLES:
            out.add(word[:6])
    return frozenset(out)


def block_support(sets: Sequence[frozenset[str]], window: int = 1, longest: int = 3) -> np.ndarray:
    """Each paragraph's least support over the blocks of 1..``longest`` adjacent paragraphs holding it.

    A block's support is the share of its words (the union of its paragraphs' ``sets``)
    that some paragraph more than ``window`` places away from the block also has; a
    block without words is fully supported. All blocks of one size are measured at
    once from running counts of each word over the paragraphs (linear in the text).
    """
    n = len(sets)
    out = np.ones(n, dtype=np.float32)
    columns: dict[str, int] = {}
    rows = [[columns.setdefault(w, len(columns)) for w in v] for v in sets]
    if not columns:
        return out
    has = np.zeros((n, len(columns)), dtype=np.int32)
    for i, cols in enumerate(rows):
        has[i, cols] = 1
    running = np.vstack([np.zeros((1, len(columns)), dtype=np.int32), np.cumsum(has, axis=0)])
    df = running[-1]
    for size in range(1, min(longest, n) + 1):
        a = np.arange(n - size + 1)
        words = (running[a + size] - running[a]) > 0
        near = running[np.minimum(n, a + size + window)] - running[np.maximum(0, a - window)]
        total = words.sum(axis=1)
        supported = (words & (df > near)).sum(axis=1)
        support = np.where(total > 0, supported / np.maximum(total, 1), 1.0)
        for offset in range(size):  # a paragraph takes the least support of a block holding it
            out[a + offset] = np.minimum(out[a + offset], support)
    return out


@dataclass(frozen=True, slots=True)
class Support:
    """Each paragraph's word support, name support, centrality and vocabulary size."""

    words: np.ndarray  # (n,) least word support of a block holding the paragraph
    names: np.ndarray  # (n,) the same for its names
    centrality: np.ndarray  # (n,) how much of a paragraph the rest of the article repeats
    size: np.ndarray  # (n,) its number of content words
    private_words: np.ndarray  # (n,) share of its words found only in it and one neighbour
    private_names: np.ndarray  # (n,) the same for its names

    def weakness(self, t: Thresholds = DEFAULT) -> np.ndarray:
        """Low for paragraphs the rest of the article does not support."""
        return self.words + t.name_weight * self.names


def lexical_support(texts: Sequence[str], t: Thresholds = DEFAULT) -> Support:
    """Measure how the rest of the article supports each paragraph of ``texts`` (linear time)."""
    vocabs = [vocabulary(x) for x in texts]
    name_sets = [names(x) for x in texts]
    df: Counter[str] = Counter()
    for v in vocabs:
        df.update(v)
    centrality = np.array(
        [sum(min(df[w] - 1, 3) for w in v) / (3 * len(v)) if v else 0.0 for v in vocabs],
        dtype=np.float32,
    )
    return Support(
        block_support(vocabs, t.window, t.longest_block),
        block_support(name_sets, t.window, t.longest_block),
        centrality,
        np.array([len(v) for v in vocabs], dtype=np.float32),
        shared_with_neighbour_only(vocabs, df),
        shared_with_neighbour_only(name_sets),
    )


def shared_with_neighbour_only(sets: Sequence[frozenset[str]], df: Counter[str] | None = None) -> np.ndarray:
    """Each paragraph's largest share of its words that one neighbour, and no other paragraph, also has.

    The paragraphs of an inserted story repeat its own names and words to one another
    and to nothing else in the article; adjacent body paragraphs share words too, but
    mostly words the rest of the article also uses. ``df`` counts the paragraphs
    holding each word (computed when not given).

    >>> shared_with_neighbour_only([frozenset("ab"), frozenset("bc"), frozenset("b")]).tolist()
    [0.0, 0.0, 0.0]
    >>> shared_with_neighbour_only([frozenset("ab"), frozenset("xy"), frozenset("xz"), frozenset("ab")]).tolist()
    [0.0, 0.5, 0.5, 0.0]
    """
    if df is None:
        df = Counter()
        for v in sets:
            df.update(v)
    out = np.zeros(len(sets), dtype=np.float32)
    for i in range(len(sets) - 1):
        shared = sum(1 for w in sets[i] & sets[i + 1] if df[w] == 2)
        if shared:
            out[i] = max(out[i], shared / len(sets[i]))
            out[i + 1] = max(out[i + 1], shared / len(sets[i + 1]))
    return out


def paragraph_features(s: Support, t: Thresholds = DEFAULT) -> np.ndarray:
    """The ``(n, len(FEATURES))`` lexical features of each paragraph, in :data:`FEATURES` order.

    Beside a paragraph's own supports they say how weak its neighbours are and whether
    it is weak together with one of them (inserts come in runs), the weakest paragraph
    from it to the end (a tail of teasers is weak all the way down), where it sits
    (with its supports scaled by its distance from the end, as a weak paragraph means
    more at the end than in the middle), and how long it and the article are (a short
    paragraph or article shares few words by chance).
    """
    n = len(s.words)
    padded = np.concatenate(([1.0], s.words, [1.0]))
    weak = np.minimum(s.weakness(t), 1.5)
    tail = np.maximum.accumulate(weak[::-1])[::-1]
    beside = np.concatenate(([2.0], weak, [2.0]))
    in_weak_pair = np.minimum(np.maximum(beside[:-2], weak), np.maximum(weak, beside[2:]))
    index = np.arange(n)
    from_end = np.minimum(n - 1 - index, 4) / 4
    return np.column_stack([
        s.words, s.names, s.centrality, padded[:-2], padded[2:], np.minimum(tail, 1.0),
        index == n - 1, from_end, index / max(n, 1),
        np.log1p(s.size) / 4, np.full(n, np.log(max(n, 1)) / 3), s.words * s.words,
        in_weak_pair, s.words * from_end, s.names * from_end, s.private_words, s.private_names,
    ]).astype(np.float32)


FEATURES = (
    "words", "names", "centrality", "left_words", "right_words", "weakest_to_end", "last",
    "from_end", "position", "size", "paragraphs", "words_squared", "weak_pair",
    "words_from_end", "names_from_end", "private_words", "private_names",
)
# The context model reads each paragraph's lexical features and its neighbours' lexical odds.
CONTEXT_FEATURES = (*FEATURES, "neighbour_odds", "pair_odds", "pair_odds_inside")


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def lexical_probability(x: np.ndarray) -> np.ndarray:
    """The fitted lexical model's probability that each paragraph (a row of ``x``) is off-topic."""
    from newsweave.clean import topic_decider_data as fitted

    return _sigmoid(x @ np.asarray(fitted.LEXICAL, dtype=np.float32) + fitted.LEXICAL_BIAS)


def context_features(x: np.ndarray, p: np.ndarray, t: Thresholds = DEFAULT) -> np.ndarray:
    """``x`` with its neighbours' lexical log-odds, in :data:`CONTEXT_FEATURES` order.

    A middle insert is a run of weak paragraphs, so what the lexical model makes of a
    paragraph's neighbours is evidence about it: the likelier neighbour's log-odds, the
    weaker of that and the paragraph's own (a weak pair), and the same again for the
    paragraphs inside the article, where the lexical model's prior is low.
    """
    odds = np.log(np.clip(p, 1e-4, 1 - 1e-4) / np.clip(1 - p, 1e-4, 1)).astype(np.float32)
    padded = np.concatenate(([np.float32(-9.2)], odds, [np.float32(-9.2)]))
    neighbour = np.maximum(padded[:-2], padded[2:])
    pair = np.minimum(odds, neighbour)
    inside = np.arange(len(p)) < len(p) - t.last_paragraphs
    return np.column_stack([x, neighbour, pair, pair * inside]).astype(np.float32)


def context_probability(xc: np.ndarray) -> np.ndarray:
    """The fitted context model's probability that each paragraph (a row of ``xc``) is off-topic."""
    from newsweave.clean import topic_decider_data as fitted

    return _sigmoid(xc @ np.asarray(fitted.CONTEXT, dtype=np.float32) + fitted.CONTEXT_BIAS)


def refined_probability(x: np.ndarray, cosine: np.ndarray) -> np.ndarray:
    """The fitted model's probability from context features ``x`` and each paragraph's cosine with the core."""
    from newsweave.clean import topic_decider_data as fitted

    w = np.asarray(fitted.REFINED, dtype=np.float32)
    return _sigmoid(x @ w[:-1] + cosine * w[-1] + fitted.REFINED_BIAS)


def ambiguous(p: np.ndarray, t: Thresholds = DEFAULT) -> np.ndarray:
    """Indices of the paragraphs the lexical model leaves undecided, likeliest first, at most a few.

    Inside the article (before its last ``t.last_paragraphs``) the band starts lower: the
    lexical model has learnt that inserts are rarer there, and the embedding is what
    tells an insert from a body paragraph that shares few words with the rest.
    """
    low = np.full(len(p), t.ambiguous_inside, dtype=np.float32)
    low[max(0, len(p) - t.last_paragraphs) :] = t.ambiguous
    idx = np.flatnonzero((p >= low) & (p <= t.decisive))
    return idx[np.argsort(-p[idx], kind="stable")[: t.max_candidates]]


def core_text(texts: Sequence[str], s: Support, t: Thresholds = DEFAULT) -> str:
    """The openings of the article's most central paragraphs, in article order, joined."""
    top = np.sort(np.argsort(-s.centrality, kind="stable")[: t.core_paragraphs])
    return " ".join(" ".join(texts[k].split()[: t.core_words]) for k in top)


def core_cosines(texts: Sequence[str], s: Support, picked: np.ndarray, t: Thresholds = DEFAULT) -> np.ndarray:
    """The cosine of each ``picked`` paragraph with the core text, from one batched embedding call."""
    from newsweave.clean.embed import encode

    vectors = encode([core_text(texts, s, t), *(texts[k] for k in picked)], t.max_tokens)
    return vectors[1:] @ vectors[0]


def score_paragraphs(texts: Sequence[str], t: Thresholds = DEFAULT) -> tuple[np.ndarray, np.ndarray]:
    """Each paragraph's probability of being off-topic, and whether it is judged off-topic.

    The lexical model's probability stands outside ``[t.ambiguous, t.decisive]``; the
    few paragraphs inside are embedded with the core, and the refined model, which
    adds their cosine with it, gives theirs. :func:`decide` judges the probabilities.
    """
    s = lexical_support(texts, t)
    lexical = paragraph_features(s, t)
    x = context_features(lexical, lexical_probability(lexical), t)
    p = context_probability(x)
    picked = ambiguous(p, t)
    if len(picked):
        p[picked] = refined_probability(x[picked], core_cosines(texts, s, picked, t))
    return p, decide(p, t)


def decide(p: np.ndarray, t: Thresholds = DEFAULT) -> np.ndarray:
    """Which paragraphs are off-topic given their probabilities ``p``.

    A paragraph is off-topic when its probability is above ``t.off_topic``, or above
    ``t.in_run`` next to another such paragraph (``t.in_run_inside`` before the last
    ``t.last_paragraphs``, where the models learnt that inserts are rare and so score
    them lower): inserts come in runs, while a body paragraph that shares little with
    the rest (background, a quote, a change of scene) usually stands alone. Nothing is removed when that would take more than
    ``t.max_share`` of the paragraphs.

    >>> decide(np.array([0.1, 0.45, 0.45, 0.1, 0.45, 0.1, 0.7])).tolist()
    [False, True, True, False, False, False, True]
    >>> decide(np.array([0.35, 0.35, 0.1, 0.1, 0.1, 0.35, 0.35])).tolist()  # inside, not at the end
    [True, True, False, False, False, False, False]
    """
    likely = p > np.where(np.arange(len(p)) < len(p) - t.last_paragraphs, t.in_run_inside, t.in_run)
    beside = np.zeros_like(likely)
    beside[1:] |= likely[:-1]
    beside[:-1] |= likely[1:]
    off = (p > t.off_topic) | (likely & beside)
    if off.sum() > t.max_share * len(p):
        off[:] = False
    return off


def find_off_topic(
    text: str, removed: Sequence[RemovedSpan] = (), doc: str = "", t: Thresholds = DEFAULT
) -> list[RemovedSpan]:
    """Paragraphs of ``text`` that belong to other stories, given the spans already ``removed``.

    Articles with fewer than ``t.min_paragraphs`` judged paragraphs are left alone: their
    core is too thin to tell an insert from a change of scene.
    """
    gone = {(r.start, r.end) for r in removed}
    paragraphs: list[Block] = [
        b for b in split_blocks(text) if (b.start, b.end) not in gone and b.n_words >= t.min_words
    ]
    if len(paragraphs) < t.min_paragraphs:
        return []
    p, off = score_paragraphs([b.text for b in paragraphs], t)
    return [
        span_for(paragraphs[k], doc, EXTRACTOR, "off-topic", float(np.clip(p[k], 0.5, 0.99)))
        for k in np.flatnonzero(off)
    ]


def warm_up(options: Options) -> None:
    from newsweave.clean.embed import load_encoder

    load_encoder()


@stage(NAME, version=VERSION, requires=("text",), produces=("removed",), warm_up=warm_up)
def topic_stage(article: Article, options: Options) -> Iterator[RemovedSpan]:
    """Mark paragraphs that belong to other stories as removed (reason ``off-topic``)."""
    yield from find_off_topic(article.document.text, article.removed, article.document.id)
