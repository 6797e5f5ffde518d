"""Quotation marks: pair straight and curly double quotes (and headline single quotes) in a text.

Apostrophes are never quote marks (U.S.', Ukrainians', Ukraine's), nested quotes
are tracked by depth, a quote left open continues into a paragraph that opens
with a mark, and an unbalanced mark ends at its paragraph: nothing here raises.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Double quotation marks, and two apostrophes standing for one (the NYT wire's ''...'').
_DOUBLE_MARKS = re.compile(r"''|[\"“”„«»]")
# An opening single curly quote not glued to a word, up to the first closing one that is not
# followed by a letter (so "Ukraine’s" and "Ukrainians’ troops" do not end it early or start one);
# an apostrophe inside a word ("‘I’m the Worst Thing’") does not end it either.
_SINGLE_QUOTE = re.compile(r"(?<![\w’‘])‘(?=\S)((?:[^‘’\n]|’(?=\w)){2,400}?[^\s‘])’(?![\w])")
# A line ending in a straight single-quoted stretch after a colon, as headlines quote
# ("Sarah Silverman heckles Sanders supporters: 'You're being ridiculous.'"); an apostrophe
# inside a word does not end it.
_COLON_SINGLE_QUOTE = re.compile(r"(?<=: )'(?=\S)((?:[^'\n]|'(?=\w)){2,400}?[^\s'])'(?=[.!?]?[ \t]*(?:\n|$))")
_PARAGRAPH = re.compile(r"[^\n]+")
_OPENERS_BEFORE = frozenset(" \t\n([{—–-/:")
_CLOSERS_AFTER = frozenset(" \t\n.,;:!?)]}—–-…")
OPEN, CLOSE, EITHER = 1, 2, 3
# A markup attribute's value in straight quotes (``tweet-date="..."``).
_ATTRIBUTE_VALUE = re.compile(r'(?<=[\w-]=)"[^"\n]*"')
# Passes of blanking stray marks and pairing again (each blanks at least one mark).
_STRAY_PASSES = 4


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation from its opening mark to its closing one; ``pieces`` split it at paragraphs."""

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    closed: bool = True


def _mark_role(text: str, i: int, width: int = 1) -> int:
    ch = text[i]
    before = text[i - 1] if i else "\n"
    after = text[i + width] if i + width < len(text) else "\n"
    if ch in "“„«":
        # A curly opener glued to the word before and followed by a space is a misused closer.
        # ("here,“ said Jim Clyburn": the comma or stop before it ends a quotation.)
        return CLOSE if (before.isalnum() or before in ",.!?") and after in _CLOSERS_AFTER else OPEN
    if ch in "”»":
        # A misused opener: before a word, or opening a paragraph ("”… he delivered a mix ...").
        opens = (before.isspace() or before in _OPENERS_BEFORE) and (after.isalnum() or before == "\n")
        return OPEN if opens else CLOSE
    if before.isspace() and (after.isspace() or after in _CLOSERS_AFTER):
        # Space on both sides: a closer after a nested quote ("the term 'X,' " he said") or an
        # opener before a spaced word; the open quotation decides (quotes spaced apart, not glued).
        return EITHER
    if before.isspace() or before in _OPENERS_BEFORE:
        return OPEN
    if after.isspace() or after in _CLOSERS_AFTER:
        return CLOSE
    return EITHER


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Pair the quotation marks of ``text``; never raises on unbalanced marks.

    A quote left open at the end of a paragraph continues when the next paragraph
    opens with a mark (the newspaper convention for long quotes); otherwise it
    ends at its last nested closing mark, or at the end of its paragraph.
    A mark that pairs with nothing of its kind (straight or curly) and would hold
    quotation marks of the other kind (a stray straight mark opening a paragraph
    of quoted text: ``"He said “A” and “B”``), or that is left open before a paragraph
    opening with a mark of the other kind, is no quotation: the marks inside pair among
    themselves. Blanking one stray can leave another open (paragraphs of a quoted article
    each opening with a straight mark, then a curly quotation), so this repeats, a few
    passes at most.

    >>> [text[q.start:q.end] for text in ['He said "yes" and “no”.'] for q in find_quote_spans(text)]
    ['"yes"', '“no”']
    """
    if "=\"" in text:
        # Markup left in the text (``<tweet author="..." tweet-date="...">``): attribute values are no quotations.
        text = _ATTRIBUTE_VALUE.sub(lambda m: " " + m.group()[1:-1] + " ", text)
    spans = _pair_marks(text)
    for _ in range(_STRAY_PASSES):
        strays = [q.start for q in spans if _unpaired(text, q)
                  and (_holds_other_kind(text, q) or _followed_by_other_kind(text, q))]
        if not strays:
            break
        chars = list(text)
        for pos in strays:
            chars[pos] = " "  # same length: offsets stay those of ``text``
            if text.startswith("''", pos):
                chars[pos + 1] = " "
        text = "".join(chars)
        spans = _pair_marks(text)
    return spans


def _unpaired(text: str, q: QuoteSpan) -> bool:
    """Whether a quotation's opening mark found no closing mark of its own kind (straight or curly)."""
    return not q.closed or (text[q.start] == '"') != (text[q.end - 1] == '"')


def _is_straight(text: str, pos: int) -> bool:
    """Whether the quotation mark at ``pos`` is a straight one (``"`` or two apostrophes), not a curly one."""
    return text[pos] in "\"'"


_NEXT_PARAGRAPH_MARK = re.compile(r"[^\n]*\n\s*(''|[\"“”„«»])")


def _followed_by_other_kind(text: str, q: QuoteSpan) -> bool:
    """Whether an unclosed quotation's paragraph is followed by one opening with a mark of the other kind.

    A quotation running over paragraphs opens each with a mark of its own kind; a straight mark
    left open before a paragraph of curly quotation (or the reverse) opened nothing."""
    if q.closed:
        return False
    m = _NEXT_PARAGRAPH_MARK.match(text, q.end)
    return m is not None and _is_straight(text, m.start(1)) != _is_straight(text, q.start)


def _holds_other_kind(text: str, q: QuoteSpan) -> bool:
    """Whether a quotation holds quotation marks of the other kind (curly inside straight, or the reverse)."""
    straight = text[q.start] == '"'
    return any((m.group() == '"') != straight for m in _DOUBLE_MARKS.finditer(text, q.start + 2, q.end - 1))


def _pair_marks(text: str) -> list[QuoteSpan]:
    """One pairing pass over the double (and headline single) quotation marks of ``text``."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    piece_start = 0
    pieces: list[tuple[int, int]] = []
    depth = 0
    last_close = -1
    for para in _PARAGRAPH.finditer(text):
        p_start, p_end = para.span()
        body = para.group()
        lead = len(body) - len(body.lstrip())
        marks = [(p_start + m.start(), m.end() - m.start()) for m in _DOUBLE_MARKS.finditer(body)]
        if open_at is not None:
            if (marks and marks[0][0] == p_start + lead and _mark_role(text, *marks[0]) != CLOSE
                    and _is_straight(text, marks[0][0]) == _is_straight(text, open_at)):
                piece_start = marks.pop(0)[0]  # continuation paragraph, opened with a mark of the quotation's kind
            else:
                end = last_close + 1 if depth and last_close > open_at else pieces[-1][1]
                pieces[-1] = (pieces[-1][0], min(pieces[-1][1], end))
                spans.append(QuoteSpan(open_at, end, tuple(pieces), closed=False))
                open_at, pieces, depth = None, [], 0
        for pos, width in marks:
            role = _mark_role(text, pos, width)
            if role == EITHER:
                role = CLOSE if open_at is not None else OPEN
            if role == OPEN:
                if open_at is None:
                    open_at = piece_start = pos
                    depth, last_close = 0, -1
                else:
                    depth += 1
            elif open_at is not None:
                last_close = pos + width - 1
                if depth:
                    depth -= 1
                    continue
                pieces.append((piece_start, pos + width))
                spans.append(QuoteSpan(open_at, pos + width, tuple(pieces)))
                open_at, pieces = None, []
        if open_at is not None:
            pieces.append((piece_start, p_start + len(body.rstrip())))
    if open_at is not None and pieces:
        spans.append(QuoteSpan(open_at, pieces[-1][1], tuple(pieces), closed=False))
    # Single-quoted stretches outside double quotes (headlines quote with ‘...’).
    starts = [s.start for s in spans]
    singles = list(_SINGLE_QUOTE.finditer(text))
    if ": '" in text:
        singles += _COLON_SINGLE_QUOTE.finditer(text)
    for m in singles:
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and spans[k].end > m.start():
            continue
        spans.append(QuoteSpan(m.start(), m.end(), ((m.start(), m.end()),)))
    spans.sort(key=lambda s: s.start)
    return spans


__all__ = ["QuoteSpan", "find_quote_spans"]
