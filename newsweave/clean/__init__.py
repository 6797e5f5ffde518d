"""Cleaning: separate each article's body from site chrome, headline furniture and off-topic inserts.

Three registered stages, run in this order, each recording removed spans and never
changing the text: ``clean.chrome`` (calls to action, captions, credits, copyright,
contributor lines, teasers, repeated pull-quotes), ``clean.layout`` (title, dek and
byline at the top, author bio at the end) and ``clean.topic`` (paragraphs about other
stories). :func:`clean_text` runs all three on a bare text, outside a pipeline.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from newsweave.model import RemovedSpan

STOPWORDS = Path(__file__).with_name("stopwords.txt")  # scikit-learn's English list, without importing it


@cache
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words ("us", "it", "may"), read from the copy shipped here."""
    lines = STOPWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def clean_text(text: str, doc: str = "") -> list[RemovedSpan]:
    """Every removed span of ``text``, as the three cleaning stages find them, in text order."""
    from newsweave.clean.chrome import find_chrome
    from newsweave.clean.layout import find_layout
    from newsweave.clean.topic import find_off_topic

    removed = find_chrome(text, doc)
    removed += find_layout(text, removed, doc)
    removed += find_off_topic(text, removed, doc)
    return sorted(removed, key=lambda r: r.start)


__all__ = ["clean_text"]
