"""Fit the content-boundary ranker of :mod:`newsweave.extract.quote_spans` on PolNeAR train.

For every candidate attribution the rules propose and the filter keeps on a
training article, the ranker's variants are scored by their best token Jaccard
with a gold content (the evaluation's overlap measure). Each variant that is
clearly better than another of the same candidate (by ``--margin``) makes a
pair; a logistic regression without intercept on the pairs' feature
differences learns a linear score that orders variants as the gold does (a
pairwise ranker). Features seen fewer than ``--min-count`` times and weights
below ``--min-weight`` are left out; the rest are written, rounded, to
:mod:`newsweave.extract.quote_spans_data`.

Run ``python -m newsweave.evaluate.quote_spans --data ../shared/data`` to
regenerate it (train split only; dev and test are never read). Needs
scikit-learn, which only this script imports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from newsweave.evaluate.brat import Attribution as Gold
from newsweave.evaluate.quotes import _Tokens, write_table_module


def ranked_variants(items: Iterable[tuple[str, list[Gold], object]]) -> list[list[tuple[float, list[str]]]]:
    """For each kept, refinable candidate over (text, gold, parse) triples: its variants as (Jaccard, features)."""
    from newsweave.extract.quote_filter import keep
    from newsweave.extract.quote_marks import find_quote_spans
    from newsweave.extract.quote_spans import content_variants
    from newsweave.extract.quotes import QuoteIndex, featured_candidates

    groups: list[list[tuple[float, list[str]]]] = []
    for text, gold, doc in items:
        tokens = _Tokens(text)
        golds = [g for g in gold if g.content is not None]
        gold_sets = [tokens.of(g.content.ranges) for g in golds]
        cue_sets = [tokens.of(g.cue.ranges) if g.cue is not None else frozenset() for g in golds]
        owner: dict[int, list[int]] = {}
        for g, toks in enumerate(gold_sets):
            for t in toks:
                owner.setdefault(t, []).append(g)
        quotes = QuoteIndex(find_quote_spans(text))
        for att, feats in featured_candidates(doc, text, quotes):
            if "t=direct" in feats or not keep(att, feats):
                continue
            variants = content_variants(att, doc, text, quotes)
            if len(variants) < 2:
                continue
            # The candidate's own gold: the one its cue cues, else the one its rules' span overlaps most.
            cue = tokens.of([att.cue]) if att.cue else frozenset()
            target = next((g for g, c in enumerate(cue_sets) if cue and c & cue), None)
            if target is None:
                orig = tokens.of(att.content)
                shared = Counter(g for t in orig for g in owner.get(t, ()))
                target = max(shared, key=lambda g: shared[g] / (len(orig) + len(gold_sets[g]) - shared[g]), default=None)
            if target is None:
                continue
            gold_set = gold_sets[target]
            group = []
            for start, end, vfeats in variants:
                toks = tokens.of([(start, end)])
                inter = len(toks & gold_set)
                group.append((inter / (len(toks) + len(gold_set) - inter), vfeats))
            groups.append(group)
    return groups


def fit(groups: list[list[tuple[float, list[str]]]], min_count: int, c: float,
        min_weight: float) -> tuple[float, dict[str, float]]:
    """(bias, weights) of a logistic regression predicting that a variant matches a gold content."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for group in groups for _, feats in group for f in set(feats))
    vec = DictVectorizer()
    vec.fit([{f: 1 for f in counts if counts[f] >= min_count}])
    X = vec.transform([{f: 1 for f in feats} for group in groups for _, feats in group])
    y = np.array([j >= 0.5 for group in groups for j, _ in group])
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(X, y)
    print(f"{len(groups)} candidates, {len(y)} variants, {int(y.sum())} matching gold")
    weights = {
        name: round(float(w), 3)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
        if abs(w) >= min_weight
    }
    return round(float(model.intercept_[0]), 3), dict(sorted(weights.items()))


def main(argv: list[str] | None = None) -> None:
    from newsweave.evaluate.quotes import fitting_arguments, train_parses

    parser = fitting_arguments(__doc__.split("\n")[0], min_count=10)
    parser.add_argument("--min-weight", type=float, default=0.05, help="smaller weights are left out of the artefact")
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    parser.add_argument("--margin", type=float, default=0.4,
                        help="log-odds by which a variant must beat the rules' span to replace it")
    args = parser.parse_args(argv)
    n_docs, parsed = train_parses(args.data, args.limit, args.docbin)
    bias, weights = fit(ranked_variants(parsed), args.min_count, args.c, args.min_weight)
    target = Path(__file__).resolve().parents[1] / "extract" / "quote_spans_data.py"
    write_table_module(target, f"Content-boundary ranker fitted on PolNeAR train ({n_docs} documents) by "
                       "newsweave.evaluate.quote_spans; do not edit.",
                       [f"BIAS = {bias}", f"MARGIN = {args.margin}"], "WEIGHTS", "dict[str, float]", weights)
    print(f"{len(weights)} weights written to {target}")


if __name__ == "__main__":
    main()
