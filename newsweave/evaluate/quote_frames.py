"""Learn attribution frames from PolNeAR train: which word, through which dependency, heads content.

PolNeAR marks as attributions far more than speech verbs: stance and belief
("supported Trump", "wants to win", "called for an inquiry", "criticized the
plan"), so a fixed verb list misses most of them. This module counts, over
the training split, how often each *frame* — a governing word's lemma, its
coarse part of speech and the dependency that leads to the content
(``ccomp``, ``dobj``, ``xcomp`` or ``prep_for`` for "called for X") — heads a
gold content, against how often the frame occurs outside quotation marks at
all. Frames seen at least ``min_count`` times with a precision of at least
``min_precision`` are written to :mod:`newsweave.extract.quote_frames_data`,
which :mod:`newsweave.extract.quote_cues` reads.

Run ``python -m newsweave.evaluate.quote_frames --data ../shared/data`` to
regenerate it (train split only; dev and test are never read).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc, Token

from newsweave.evaluate.brat import Attribution
from newsweave.evaluate.quotes import write_table_module
from newsweave.extract.quote_marks import find_quote_spans
from newsweave.extract.quote_cues import frame_of

Frame = tuple[str, str, str]


def _tokens_in(doc: Doc, ranges) -> set[int]:
    out: set[int] = set()
    for start, end in ranges:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.update(t.i for t in span)
    return out


def _content_root(doc: Doc, idxs: set[int]) -> Token | None:
    roots = [i for i in idxs if (doc[i].head.i not in idxs or doc[i].head.i == i) and not doc[i].is_punct]
    return doc[min(roots)] if roots else None


def gold_frame(doc: Doc, att: Attribution) -> Frame | None:
    """The frame that leads from a gold attribution's cue to its content, when there is one."""
    if att.content is None or att.cue is None:
        return None
    cue, content = _tokens_in(doc, att.cue.ranges), _tokens_in(doc, att.content.ranges)
    root = _content_root(doc, content) if cue and content else None
    if root is None:
        return None
    head = root.head
    if head.i in cue and head.pos_ != "ADP":
        return frame_of(head, root)
    if head.pos_ == "ADP" and head.head.i in cue and root.dep_ in ("pobj", "pcomp"):
        return frame_of(head.head, head)
    return None


def count_frames(items: Iterable[tuple[str, list[Attribution], Doc]]) -> tuple[Counter, Counter]:
    """(gold counts, all counts) of frames over (text, gold attributions, parsed doc) triples."""
    gold_counts: Counter = Counter()
    all_counts: Counter = Counter()
    for text, gold, doc in items:
        quoted = bytearray(len(text) + 1)
        for q in find_quote_spans(text):
            quoted[q.start : q.end] = b"\x01" * (q.end - q.start)
        for tok in doc:
            if quoted[tok.idx]:
                continue
            for child in tok.children:
                frame = frame_of(tok, child)
                if frame is not None:
                    all_counts[frame] += 1
        for att in gold:
            frame = gold_frame(doc, att)
            if frame is not None and not quoted[att.cue.start]:
                gold_counts[frame] += 1
    return gold_counts, all_counts


def select(gold_counts: Counter, all_counts: Counter, min_count: int, min_precision: float) -> dict[Frame, float]:
    """Frames frequent and reliable enough to use, with their precision on train."""
    out = {}
    for frame, hits in gold_counts.items():
        total = max(all_counts[frame], hits)
        if hits >= min_count and hits / total >= min_precision:
            out[frame] = round(hits / total, 3)
    return dict(sorted(out.items()))


def write_module(frames: dict[Frame, float], path: Path, source: str) -> None:
    """Write the selected frames as a Python module (a dict literal), for review in diffs."""
    write_table_module(
        path, f"Attribution frames learned from {source} by newsweave.evaluate.quote_frames; do not edit.\n\n"
        "(lemma, coarse part of speech V/N/J, relation to the content) -> precision on train.\n",
        [], "FRAMES", "dict[tuple[str, str, str], float]", frames)


def main(argv: list[str] | None = None) -> None:
    from newsweave.evaluate.quotes import fitting_arguments, train_parses

    parser = fitting_arguments(__doc__.split("\n")[0], min_count=2)
    parser.add_argument("--min-precision", type=float, default=0.1)
    args = parser.parse_args(argv)
    n_docs, parsed = train_parses(args.data, args.limit, args.docbin)
    gold_counts, all_counts = count_frames(parsed)
    frames = select(gold_counts, all_counts, args.min_count, args.min_precision)
    target = Path(__file__).resolve().parents[1] / "extract" / "quote_frames_data.py"
    write_module(frames, target, f"PolNeAR train ({n_docs} documents)")
    print(f"{len(frames)} frames written to {target}")


if __name__ == "__main__":
    main()
