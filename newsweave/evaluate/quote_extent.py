"""Fit the direct-or-wider model of :mod:`newsweave.extract.quote_extent` on PolNeAR train.

Every attribution holding quotations that the rules and the span tagger find on a
training article (exactly as at inference, up to the extent decision) is an example. It
is labelled by the gold content it matches best, comparing both its quotations alone and
its current extent (token overlap of at least half the union, as the evaluation counts a
match): 1 when that gold content is direct (starts and ends with a quotation mark), 0
when it is wider or when no gold content matches (a title or a slogan nobody says: called
direct, it would be a false one). A logistic regression over the symbolic features is fitted, and two thresholds (one for
contents found as the quotations alone, one for wider ones) are chosen on probabilities
cross-validated over 5 folds of documents (the implied F1 averaged over five shuffled
assignments of documents to folds: with one, the flat top of the F1 surface moved the
thresholds by a grid step from fit to fit) to maximise the direct-quote F1 they imply,
``2·kept_direct / (predicted_direct + gold_direct)``, so it is not tuned on the very
predictions it was fitted to, nor on dev.

Quotations found alone without a cue (``loose``: sentence-initial quotations given to the
current speaker) are decided too, except those signed after a dash, right after the mark or
at their paragraph's end ("“...” ― Azucena Gonzàlez", readers' quotations: the dash names who said the whole quotation, which the
cue-side context the model reads cannot see; train has none, so the model could only give
them train's prior for loose quotations, 43% direct). ``--rules-type-alone`` leaves every
quotation found alone to the rules' typing (:func:`newsweave.extract.quotes._quote_type`).
Measured (PolNeAR direct-quote content F1, token overlap; train cross-validated by document,
then dev): the rules' typing alone 0.912 / 0.932; narrowing only 0.917 / 0.933; both moves,
loose quotations left out 0.927 / 0.945; both moves on loose quotations too 0.930 / 0.929 (dev
recall 0.936 -> 0.894: dev, the 11th month, has a debate-reaction article of 17 dash-signed
whole-paragraph reader quotations, all direct); and on loose quotations except dash-signed
ones (the default) 0.930 / 0.951.

Run ``python -m newsweave.evaluate.quote_extent --data ../shared/data --docbin PATH``
(train split only; dev and test are never read) after the span tagger is refitted, since
its output is an input. Needs scikit-learn, which only this script imports.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from newsweave.evaluate.brat import Attribution as Gold
from newsweave.evaluate.quotes import _Tokens, is_direct, write_table_module


# Assignments of documents to the 5 folds whose cross-validated F1s the thresholds are chosen on.
REPEATS = 5


def is_alone_undecided(feats: list[str]) -> bool:
    """Whether the model leaves this content to the rules: a quotation found alone without a cue."""
    from newsweave.extract.quote_extent import is_dash_attributed_loose

    return is_dash_attributed_loose(feats)


def labelled_quotations(items: Iterable[tuple[str, list[Gold], object]]
                        ) -> tuple[list[list[str]], list[int], list[int], int]:
    """(features, labels, document numbers) of the quotations found, and the number of gold
    direct contents, over (text, gold, parse) triples."""
    from newsweave.extract.quote_extent import features, quotation_pieces
    from newsweave.extract.quote_marks import find_quote_spans
    from newsweave.extract.quotes import QuoteIndex, rule_attributions, tagged_attributions

    X: list[list[str]] = []
    y: list[int] = []
    groups: list[int] = []
    n_direct = 0
    for number, (text, gold, doc) in enumerate(items):
        tokens = _Tokens(text)
        gold = [g for g in gold if g.content is not None]
        gold_sets = [tokens.of(g.content.ranges) for g in gold]
        direct = [is_direct(g.content.text) for g in gold]
        n_direct += sum(direct)
        quotes = QuoteIndex(find_quote_spans(text))
        found, probability = tagged_attributions(doc, text, quotes, rule_attributions(doc, text, quotes))
        for att in found:
            if not att.quotes:
                continue
            feats = features(att, doc, text, quotes, probability)
            variants = [tokens.of(quotation_pieces(att, quotes)), tokens.of(att.content)]
            best, label = 0.0, None
            for g, toks in enumerate(gold_sets):
                for v in variants:
                    if v and toks and v & toks:
                        jaccard = len(v & toks) / len(v | toks)
                        if jaccard > best:
                            best, label = jaccard, int(direct[g])
            X.append(feats)
            y.append(int(label == 1 and best >= 0.5))
            groups.append(number)
    return X, y, groups, n_direct


def best_thresholds(probabilities, labels, alone, n_direct: int, fixed=None) -> tuple[float, float, float]:
    """The thresholds (for contents that are the quotations alone, for wider ones) maximising
    ``2·kept_direct / (predicted_direct + gold_direct)``, and that value.

    A content stays or becomes direct from its threshold up; the two kinds of content get a
    threshold each, since turning a found quotation into a partial quote and narrowing a
    wider content to its quotations are different moves. ``fixed`` marks the contents the
    model does not decide (they count as predicted direct). ``probabilities`` is one sequence of
    cross-validated probabilities, or a sequence of them (one per assignment of documents to
    folds), whose implied F1s are averaged. A grid of twentieths.
    """
    import numpy as np

    runs = np.atleast_2d(np.asarray(probabilities, dtype=float))
    grid = np.round(np.arange(0.05, 1.0, 0.05), 2)
    best = (0.0, 0.5, 0.5)
    for t_alone in grid:
        for t_wider in grid:
            f1 = float(np.mean([implied_f1(p, labels, alone, n_direct, float(t_alone), float(t_wider), fixed)
                                for p in runs]))
            if f1 > best[0] + 1e-9:
                best = (f1, float(t_alone), float(t_wider))
    return best[1], best[2], best[0]


def implied_f1(probabilities, labels, alone, n_direct: int, t_alone: float, t_wider: float, fixed=None) -> float:
    """``2·kept_direct / (predicted_direct + gold_direct)`` at the two thresholds (``fixed``: always kept)."""
    import numpy as np

    p, y, a = np.asarray(probabilities, dtype=float), np.asarray(labels, dtype=int), np.asarray(alone, dtype=bool)
    kept = np.where(a, p >= t_alone, p >= t_wider)
    if fixed is not None:
        kept |= np.asarray(fixed, dtype=bool)
    return 2 * int((kept & (y == 1)).sum()) / (int(kept.sum()) + n_direct)


def fit(X, y, groups, n_direct: int, min_count: int, c: float, min_weight: float, rules_type_alone: bool = False):
    """(bias, (threshold for quotations alone, for wider contents), weights) of a logistic regression."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    counts = Counter(f for feats in X for f in feats)
    vec = DictVectorizer()
    matrix = vec.fit_transform([{f: 1 for f in feats if counts[f] >= min_count} for feats in X])
    model = LogisticRegression(C=c, max_iter=3000)
    # Folds by document: quotations of one article (one writer's habits) never straddle a fold.
    # The F1 surface is flat near its top, so one assignment of documents to folds moves the
    # thresholds by a grid step from fit to fit: they are chosen on the mean over REPEATS of them.
    runs = [
        cross_val_predict(model, matrix, y, cv=GroupKFold(5, shuffle=True, random_state=seed), groups=groups,
                          method="predict_proba")[:, 1]
        for seed in range(REPEATS)
    ]
    probs = runs[0]
    model.fit(matrix, y)
    # Quotations found alone without a cue ("loose": whole paragraphs after a quoted speaker's)
    # keep the rules' typing: the context the model reads is the cue's.
    fixed = [is_alone_undecided(feats) for feats in X]
    alone = ["now=alone" in feats and not undecided for feats, undecided in zip(X, fixed)]
    t_alone, t_wider, expected = best_thresholds(runs, y, alone, n_direct, fixed)
    print(f"(rules' typing for every quotation found alone: expected direct F1 "
          f"{implied_f1(probs, y, alone, n_direct, 0.0, t_wider, fixed):.3f}; deciding loose ones too: "
          f"{max(implied_f1(probs, y, [a or f for a, f in zip(alone, fixed)], n_direct, t, t_wider) for t in (0.45, 0.5, 0.55, 0.6)):.3f})")
    if rules_type_alone:
        t_alone = 0.0
        expected = float(np.mean([implied_f1(p, y, alone, n_direct, t_alone, t_wider, fixed) for p in runs]))
    print(f"{len(y)} quotations ({sum(y)} matching a direct gold content, {sum(alone)} found as quotations alone), "
          f"{n_direct} gold direct; cross-validated ({REPEATS} fold assignments) thresholds {t_alone:.2f} (quotations alone) and "
          f"{t_wider:.2f} (wider): expected direct F1 {expected:.3f}")
    weights = {
        name: round(float(w), 3) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) >= min_weight
    }
    return round(float(model.intercept_[0]), 3), (t_alone, t_wider), dict(sorted(weights.items()))


def main(argv: list[str] | None = None) -> None:
    from newsweave.evaluate.quotes import fitting_arguments, train_parses

    parser = fitting_arguments(__doc__.split("\n")[0], min_count=5)
    parser.add_argument("--min-weight", type=float, default=0.02, help="smaller weights are left out of the artefact")
    parser.add_argument("--c", type=float, default=0.1, help="inverse regularisation strength")
    parser.add_argument("--rules-type-alone", action="store_true",
                        help="leave every quotation found alone to the rules' typing (see the module docstring)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    n_docs, parsed = train_parses(args.data, args.limit, args.docbin)
    X, y, groups, n_direct = labelled_quotations(parsed)
    bias, threshold, weights = fit(X, y, groups, n_direct, args.min_count, args.c, args.min_weight, args.rules_type_alone)
    target = Path(__file__).resolve().parents[1] / "extract" / "quote_extent_data.py"
    write_table_module(
        target,
        f"Direct-or-wider model fitted on PolNeAR train ({n_docs} documents) by newsweave.evaluate.quote_extent; "
        "do not edit.",
        [f"BIAS = {bias}", f"THRESHOLD_ALONE = {threshold[0]}", f"THRESHOLD_WIDER = {threshold[1]}"],
        "WEIGHTS", "dict[str, float]", weights,
    )
    print(f"{len(weights)} weights written to {target} in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
