"""Evaluation harnesses on the public data sets: ``newsweave eval NAME`` imports ``newsweave.evaluate.NAME``."""

from __future__ import annotations


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def precision_recall_f1(hits: int, predicted: int, gold: int, gold_hits: int | None = None) -> tuple[float, float, float]:
    """Precision (``hits`` of the ``predicted``), recall (``gold_hits``, else ``hits``, of the
    ``gold``) and F1; an empty side scores 0.

    >>> precision_recall_f1(3, 4, 6)
    (0.75, 0.5, 0.6)
    """
    p = hits / predicted if predicted else 0.0
    r = (hits if gold_hits is None else gold_hits) / gold if gold else 0.0
    return p, r, f1(p, r)
