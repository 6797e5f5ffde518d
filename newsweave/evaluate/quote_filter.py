"""Fit the candidate filter of :mod:`newsweave.extract.quote_filter` on PolNeAR train.

Every candidate attribution the cue rules propose on a training article is
labelled by whether its content matches a gold content (token overlap of at
least half the union, as the evaluation counts a match). A logistic
regression over the candidates' symbolic features is fitted, and the
threshold that maximises the expected F1, ``2·kept_true / (kept + gold)``, is
chosen on 5-fold cross-validated probabilities, so it is not tuned on the
very predictions it was fitted to. Features seen fewer than ``--min-count``
times and weights below ``--min-weight`` are left out; the rest are written, rounded, to
:mod:`newsweave.extract.quote_filter_data`.

Run ``python -m newsweave.evaluate.quote_filter --data ../shared/data`` to
regenerate it (train split only; dev and test are never read). Needs
scikit-learn, which only this script imports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from newsweave.evaluate.brat import Attribution as Gold
from newsweave.evaluate.quotes import _Tokens, write_table_module


def labelled_candidates(items: Iterable[tuple[str, list[Gold], object]]) -> tuple[list[list[str]], list[int], int]:
    """(feature lists, labels, number of gold contents) over (text, gold, parsed doc) triples."""
    from newsweave.extract.quote_marks import find_quote_spans
    from newsweave.extract.quotes import QuoteIndex, featured_candidates

    X: list[list[str]] = []
    y: list[int] = []
    n_gold = 0
    for text, gold, doc in items:
        tokens = _Tokens(text)
        gold_sets = [tokens.of(g.content.ranges) for g in gold if g.content is not None]
        n_gold += len(gold_sets)
        owner: dict[int, list[int]] = {}
        for g, toks in enumerate(gold_sets):
            for t in toks:
                owner.setdefault(t, []).append(g)
        quotes = QuoteIndex(find_quote_spans(text))
        for att, feats in featured_candidates(doc, text, quotes):
            toks = tokens.of(att.content)
            if not toks:
                continue
            shared = Counter(g for t in toks for g in owner.get(t, ()))
            hit = any(2 * inter >= len(toks) + len(gold_sets[g]) - inter for g, inter in shared.items())
            X.append(feats)
            y.append(int(hit))
    return X, y, n_gold


def best_threshold(probabilities, labels, n_gold: int) -> tuple[float, float]:
    """The threshold maximising ``2·kept_true / (kept + gold)``, and that value."""
    order = sorted(zip(probabilities, labels), reverse=True)
    best, best_t, kept_true = 0.0, 0.5, 0
    for kept, (p, label) in enumerate(order, start=1):
        kept_true += label
        f1 = 2 * kept_true / (kept + n_gold)
        if f1 > best:
            best, best_t = f1, p
    return best_t, best


def fit(
    X: list[list[str]], y: list[int], n_gold: int, min_count: int, c: float, min_weight: float = 0.1
) -> tuple[float, float, dict[str, float]]:
    """(bias, threshold, weights) of a logistic regression over binary features."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    counts = Counter(f for feats in X for f in feats)
    rows = [{f: 1 for f in feats if counts[f] >= min_count} for feats in X]
    vec = DictVectorizer()
    matrix = vec.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=2000)
    probs = cross_val_predict(model, matrix, y, cv=5, method="predict_proba")[:, 1]
    threshold, expected = best_threshold(probs, y, n_gold)
    print(f"{len(y)} candidates, {sum(y)} matching gold, {n_gold} gold; "
          f"cross-validated threshold {threshold:.3f}, expected F1 {expected:.3f} "
          f"(all kept: {2 * sum(y) / (len(y) + n_gold):.3f})")
    model.fit(matrix, y)
    weights = {
        name: round(float(w), 3)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
        if abs(w) >= min_weight
    }
    return round(float(model.intercept_[0]), 3), round(threshold, 3), dict(sorted(weights.items()))


def write_module(bias: float, threshold: float, weights: dict[str, float], path: Path, source: str) -> None:
    """Write the fitted filter as a Python module (literals only), for review in diffs."""
    write_table_module(path, f"Candidate-attribution filter fitted on {source} by newsweave.evaluate.quote_filter; do not edit.",
                       [f"BIAS = {bias}", f"THRESHOLD = {threshold}"], "WEIGHTS", "dict[str, float]", weights)


def main(argv: list[str] | None = None) -> None:
    from newsweave.evaluate.quotes import fitting_arguments, train_parses

    parser = fitting_arguments(__doc__.split("\n")[0], min_count=10)
    parser.add_argument("--min-weight", type=float, default=0.1, help="smaller weights are left out of the artefact")
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    n_docs, parsed = train_parses(args.data, args.limit, args.docbin)
    X, y, n_gold = labelled_candidates(parsed)
    bias, threshold, weights = fit(X, y, n_gold, args.min_count, args.c, args.min_weight)
    target = Path(__file__).resolve().parents[1] / "extract" / "quote_filter_data.py"
    write_module(bias, threshold, weights, target, f"PolNeAR train ({n_docs} documents)")
    print(f"{len(weights)} weights written to {target}")


if __name__ == "__main__":
    main()
