"""Fit the off-topic decider of :mod:`newsweave.clean.topic` on built dev cases.

The cases are those of :mod:`newsweave.evaluate.cleaning` (real articles with chrome
and other stories' opening paragraphs inserted), from the ``dev`` half only, and
without the first :data:`EVAL_CASES` of them, which the evaluation reports as its dev
figures: those stay a check the decider was not fitted on. The held-out half is
never read.

Each paragraph the topic stage judges (after the chrome and layout stages) is labelled
off-topic when most of its characters were inserted from another story, and weighted
by its length, so that the fit counts characters as the evaluation does. Two logistic
regressions are fitted, one after the other:

1. ``LEXICAL`` over :data:`newsweave.clean.topic.FEATURES` on every judged paragraph;
2. ``CONTEXT`` over :data:`newsweave.clean.topic.CONTEXT_FEATURES` (the same with the
   neighbours' lexical log-odds, from ``LEXICAL`` fitted on the same cases: a plain
   linear model stacked on another, which had no room to overfit on the dev cases);
3. ``REFINED`` over the context features plus the cosine with the article's core, on the
   paragraphs whose context probability is at least ``Thresholds.refit_from``, embedded
   with the core as the stage embeds them. That range is wider than the one the stage
   refines (``Thresholds.ambiguous`` to ``decisive``): on the dev cases a model fitted
   on the wider range decided the ambiguous ones better than one fitted on them alone.

The thresholds are the stage's :class:`~newsweave.clean.topic.Thresholds`. Run
``python -m newsweave.clean.topic_fit --data ../shared/data`` to regenerate
:mod:`newsweave.clean.topic_decider_data` (byte for byte). Needs scikit-learn, which
only this script imports.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from newsweave.clean import topic
from newsweave.clean.blocks import split_blocks

EVAL_CASES = 200  # the dev figures' cases (build_cases' first 200 of the dev half)
TARGET = Path(__file__).resolve().with_name("topic_decider_data.py")


def judged_paragraphs(case, t: topic.Thresholds = topic.DEFAULT) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The paragraphs the stage judges in ``case``, their off-topic labels and their lengths."""
    from newsweave.clean.chrome import find_chrome
    from newsweave.clean.layout import find_layout

    removed = find_chrome(case.text)
    removed += find_layout(case.text, removed)
    gone = {(r.start, r.end) for r in removed}
    blocks = [b for b in split_blocks(case.text) if (b.start, b.end) not in gone and b.n_words >= t.min_words]
    teasers = [(s, e) for kind, s, e in case.inserted if kind.startswith("teaser")]
    inserted = np.array([sum(max(0, min(e, b.end) - max(s, b.start)) for s, e in teasers) for b in blocks])
    length = np.array([b.end - b.start for b in blocks], dtype=np.float64)
    return [b.text for b in blocks], inserted > 0.5 * length, length


def _fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray, c: float) -> tuple[list[float], float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=5000).fit(x, y, sample_weight=weight / weight.mean())
    return [round(float(w), 4) for w in model.coef_[0]], round(float(model.intercept_[0]), 4)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def write_module(lexical, context, refined, n_cases: int, path: Path = TARGET) -> None:
    """Write the fitted weights as a small Python module."""
    def vector(values: list[float]) -> str:
        return "(\n" + "".join(f"    {v!r},  # {name}\n" for v, name in values) + ")"

    lines = [
        f'"""Off-topic decider fitted on {n_cases} built dev cases by newsweave.clean.topic_fit; do not edit."""',
        "",
        f"LEXICAL_BIAS = {lexical[1]!r}",
        f"LEXICAL: tuple[float, ...] = {vector(list(zip(lexical[0], topic.FEATURES)))}",
        f"CONTEXT_BIAS = {context[1]!r}",
        f"CONTEXT: tuple[float, ...] = {vector(list(zip(context[0], topic.CONTEXT_FEATURES)))}",
        f"REFINED_BIAS = {refined[1]!r}",
        f"REFINED: tuple[float, ...] = {vector(list(zip(refined[0], (*topic.CONTEXT_FEATURES, 'cosine'))))}",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    from newsweave.evaluate.cleaning import build_cases, load_articles

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="news-2019-2020.jsonl or its folder")
    parser.add_argument("--cases", type=int, default=1200, help="dev cases built (the first 200 are left out)")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    t = topic.DEFAULT
    cases = build_cases(load_articles(args.data), args.cases, part="dev")[EVAL_CASES:]
    rows = []
    for case in cases:
        texts, labels, length = judged_paragraphs(case, t)
        if len(texts) < t.min_paragraphs:
            continue
        s = topic.lexical_support(texts, t)
        rows.append((texts, s, topic.paragraph_features(s, t), labels, length))
    y = np.concatenate([r[3] for r in rows])
    w = np.concatenate([r[4] for r in rows])
    lexical = _fit(np.vstack([r[2] for r in rows]), y, w, args.c)
    coef, bias = np.asarray(lexical[0], dtype=np.float32), lexical[1]
    rows = [(texts, s, topic.context_features(feats, _sigmoid(feats @ coef + bias), t), labels, length)
            for texts, s, feats, labels, length in rows]
    context = _fit(np.vstack([r[2] for r in rows]), y, w, args.c)
    coef, bias = np.asarray(context[0], dtype=np.float32), context[1]
    bx, bc, by, bw = [], [], [], []
    for texts, s, feats, labels, length in rows:
        picked = np.flatnonzero(_sigmoid(feats @ coef + bias) >= t.refit_from)
        if not len(picked):
            continue
        bx.append(feats[picked])
        bc.append(topic.core_cosines(texts, s, picked, t))
        by.append(labels[picked])
        bw.append(length[picked])
    refined = _fit(np.column_stack([np.vstack(bx), np.concatenate(bc)]), np.concatenate(by),
                   np.concatenate(bw), args.c)
    write_module(lexical, context, refined, len(cases))
    print(f"{len(rows)} cases, {len(y)} paragraphs ({int(y.sum())} off-topic); "
          f"{sum(map(len, by))} embedded for the refined model; written to {TARGET}")


if __name__ == "__main__":
    main()
