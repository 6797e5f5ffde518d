"""Speed of the number scanner's fast path against the plain pattern, on the same texts.

    python bench/bench_number_search.py [--articles 300] [--rounds 3] [--data PATH]

Every match of :data:`newsweave.extract.quantity_numbers.NUMBER_RE` in each article is
found twice in this process: with ``NUMBER_RE.search`` (the big case-insensitive
alternation tried at every position) and with :class:`NumberSearch` (the same pattern
matched only where a small case-sensitive pattern says a match can start). Both must
find the same matches; the script checks that, then prints words/s of each (the best
of ``--rounds`` CPU-time rounds) and the ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from _data import NEWS, news_texts

from newsweave.extract.quantity_numbers import NUMBER_RE, NumberSearch


def scan(search, text: str) -> list[tuple[int, int]]:
    """Every match's span, searching on from one character after each match's start."""
    spans, pos = [], 0
    while (m := search(pos)) is not None:
        spans.append(m.span())
        pos = m.start() + 1
    return spans


def plain(text: str) -> list[tuple[int, int]]:
    return scan(lambda pos: NUMBER_RE.search(text, pos), text)


def fast(text: str) -> list[tuple[int, int]]:
    return scan(NumberSearch(text), text)


def best_seconds(func, texts: list[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        began = time.process_time()
        for text in texts:
            func(text)
        best = min(best, time.process_time() - began)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path, default=NEWS)
    args = parser.parse_args()
    texts = news_texts(args.data, args.articles)
    words = sum(len(t.split()) for t in texts)
    if [plain(t) for t in texts] != [fast(t) for t in texts]:
        print("DIFFERENT: NumberSearch does not find NUMBER_RE.search's matches", file=sys.stderr)
        return 1
    matches = sum(len(plain(t)) for t in texts)
    print(f"{len(texts)} articles, {words:,} words, {matches:,} matches (the same both ways)")
    seconds = {name: best_seconds(func, texts, args.rounds) for name, func in (("plain", plain), ("fast", fast))}
    for name, label in (("plain", "NUMBER_RE.search"), ("fast", "NumberSearch")):
        print(f"{label:<20}{words / seconds[name]:>14,.0f} words/s")
    print(f"{'ratio (fast / plain)':<20}{seconds['plain'] / seconds['fast']:>14.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
