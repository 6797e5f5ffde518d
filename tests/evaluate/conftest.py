"""Fixtures for the evaluation tests: gold attributions written by hand."""

from __future__ import annotations

import pytest

from newsweave.evaluate.brat import Attribution, TextBound


def _bound(label: str, text: str, part: str) -> TextBound:
    start = text.index(part)
    return TextBound(label, label, ((start, start + len(part)),), part)


@pytest.fixture
def attribution():
    """Build a gold attribution from the first occurrences of its content, cue and source in ``text``."""

    def build(text: str, content: str, cue: str, source: str | None = None) -> Attribution:
        return Attribution("E1", _bound("Content", text, content), _bound("Cue", text, cue),
                           _bound("Source", text, source) if source is not None else None)

    return build
