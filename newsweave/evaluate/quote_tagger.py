"""Fit the cue tagger of :mod:`newsweave.extract.quote_tagger` on PolNeAR train.

Every verb, noun and adjective outside a quotation in a training article is an
example, labelled by whether it lies inside a gold cue span. A logistic
regression over its contextual vector (``doc.tensor``) and its symbolic
features (:func:`~newsweave.extract.quote_tagger.token_features`, seen at least
``--min-count`` times) is fitted; the dense weights, the symbolic weights of at
least ``--min-weight`` and the proposal threshold ``--threshold`` are written,
rounded, to :mod:`newsweave.extract.quote_tagger_data`. The candidate filter
(:mod:`newsweave.evaluate.quote_filter`) is refitted after this, since it
judges the tagger's proposals.

Run ``python -m newsweave.evaluate.quote_tagger --data ../shared/data`` to
regenerate it (train split only; dev and test are never read); with ``--docbin PATH``
the parses and their tensors are saved there for the filter's refit
(``python -m newsweave.evaluate.quote_filter --data ../shared/data --docbin PATH``).
Needs scikit-learn, which only this script imports.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from newsweave.evaluate.brat import Attribution as Gold
from newsweave.evaluate.quotes import write_table_module


def labelled_tokens(items: Iterable[tuple[str, list[Gold], object]]):
    """(dense rows, feature lists, labels) over the taggable words of (text, gold, parse) triples."""
    import numpy as np

    from newsweave.extract.quote_marks import find_quote_spans
    from newsweave.extract.quote_tagger import TAGGED_POS, token_features
    from newsweave.extract.quotes import QuoteIndex

    dense, feats, labels = [], [], []
    for text, gold, doc in items:
        cues = sorted(r for g in gold if g.cue is not None for r in g.cue.ranges)
        starts = [s for s, _ in cues]
        quotes = QuoteIndex(find_quote_spans(text))
        if doc.tensor is None or doc.tensor.shape[:1] != (len(doc),):
            raise ValueError("a training parse has no tensor: parse afresh (a DocBin saved without its "
                             ".tensors.npz does not keep one)")
        rows = [tok.i for tok in doc if tok.pos_ in TAGGED_POS and quotes.at(tok.idx) is None]
        if not rows:
            continue
        dense.append(np.asarray(doc.tensor[rows], dtype=np.float32))
        for i in rows:
            tok = doc[i]
            k = bisect_right(starts, tok.idx) - 1
            labels.append(int(k >= 0 and cues[k][0] <= tok.idx < cues[k][1]))
            feats.append(token_features(tok))
    return np.vstack(dense), feats, labels


def fit(dense, feats: list[list[str]], labels: list[int], min_count: int, c: float, min_weight: float):
    """(bias, dense weights, symbolic weights) of a logistic regression over both kinds of features."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for fs in feats for f in fs)
    vec = DictVectorizer()
    sparse = vec.fit_transform([{f: 1 for f in fs if counts[f] >= min_count} for fs in feats])
    X = hstack([csr_matrix(dense), sparse]).tocsr()
    y = np.array(labels)
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(X, y)
    print(f"{len(y)} words, {int(y.sum())} inside gold cues; training accuracy {model.score(X, y):.3f}")
    coef = model.coef_[0]
    n = dense.shape[1]
    dense_w = tuple(round(float(w), 4) for w in coef[:n])
    sparse_w = {
        name: round(float(w), 3) for name, w in zip(vec.get_feature_names_out(), coef[n:]) if abs(w) >= min_weight
    }
    return round(float(model.intercept_[0]), 3), dense_w, dict(sorted(sparse_w.items()))


def main(argv: list[str] | None = None) -> None:
    from newsweave.evaluate.quotes import fitting_arguments, train_parses

    parser = fitting_arguments(__doc__.split("\n")[0], min_count=10)
    parser.add_argument("--min-weight", type=float, default=0.05, help="smaller weights are left out of the artefact")
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    parser.add_argument("--threshold", type=float, default=0.3, help="probability from which a word proposes a cue")
    args = parser.parse_args(argv)
    n_docs, parsed = train_parses(args.data, args.limit, args.docbin)
    bias, dense_w, sparse_w = fit(*labelled_tokens(parsed), args.min_count, args.c, args.min_weight)
    target = Path(__file__).resolve().parents[1] / "extract" / "quote_tagger_data.py"
    write_table_module(
        target,
        f"Cue tagger fitted on PolNeAR train ({n_docs} documents) by newsweave.evaluate.quote_tagger; do not edit.",
        [f"BIAS = {bias}", f"THRESHOLD = {args.threshold}", f"DENSE: tuple[float, ...] = {dense_w!r}"],
        "SPARSE", "dict[str, float]", sparse_w,
    )
    print(f"{len(dense_w)} dense and {len(sparse_w)} symbolic weights written to {target}")


if __name__ == "__main__":
    main()
