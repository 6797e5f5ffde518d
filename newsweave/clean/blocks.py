"""Blocks: the non-blank lines of an article, with offsets, the unit every cleaner judges.

Plain-text articles and text extracted from HTML both put one paragraph, heading,
caption or call to action on a line, so a line is the natural unit for telling body
from chrome. A :class:`Block` keeps its offsets into the original text (leading and
trailing whitespace trimmed) and the separator that follows it, a layout cue: a dek is
often set off by a blank line where body paragraphs are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsweave.model import RemovedSpan

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9]|\s*$)")

# The fixed vocabulary of reasons a span is not body.
REASONS = frozenset({
    "subscription", "share", "advertisement", "cookie", "caption", "credit", "copyright",
    "contributor", "author-bio", "related", "duplicate", "off-topic", "title", "dek", "byline",
})


@dataclass(frozen=True, slots=True)
class Block:
    """One non-blank line: ``text`` is ``original[start:end]``, whitespace trimmed."""

    index: int
    start: int
    end: int
    text: str
    blank_after: bool  # a blank line separates this block from the next one
    n_words: int  # counted once: every cleaner asks

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)

    @property
    def n_sentences(self) -> int:
        return max(1, len(_SENTENCE_END.findall(self.text)))


@lru_cache(maxsize=8)
def split_blocks(text: str) -> tuple[Block, ...]:
    """Cut ``text`` into its non-blank lines, trimmed, in order (linear time).

    The cleaners of one article all ask for its blocks: the few latest texts' blocks
    are kept (a string caches its hash, so a repeated call costs a dictionary lookup).
    """
    raw = []
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = m.start() + (len(line) - len(line.lstrip()))
        raw.append((start, start + len(stripped), stripped))
    blocks = []
    for i, (start, end, body) in enumerate(raw):
        gap = text[end : raw[i + 1][0]] if i + 1 < len(raw) else ""
        blocks.append(Block(i, start, end, body, gap.count("\n") >= 2, len(_WORD.findall(body))))
    return tuple(blocks)


def span_for(block: Block, doc: str, extractor: str, reason: str, confidence: float) -> RemovedSpan:
    """The removed-span record for a whole block."""
    assert reason in REASONS, reason
    return RemovedSpan(
        doc=doc, start=block.start, end=block.end, text=block.text,
        extractor=extractor, confidence=round(confidence, 3), reason=reason,
    )


def covered(spans: Iterable[RemovedSpan] | Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge spans (records or ``(start, end)`` pairs) into sorted, disjoint intervals."""
    pairs = sorted((s.start, s.end) if isinstance(s, RemovedSpan) else tuple(s) for s in spans)
    merged: list[tuple[int, int]] = []
    for start, end in pairs:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def kept_blocks(blocks: Sequence[Block], removed: Iterable[RemovedSpan]) -> list[Block]:
    """The blocks that no earlier removed span covers."""
    gone = {(r.start, r.end) for r in removed}
    starts = sorted(gone)
    out = []
    for b in blocks:
        if (b.start, b.end) in gone:
            continue
        if any(s <= b.start and b.end <= e for s, e in starts):
            continue
        out.append(b)
    return out
