"""Words per second of the quotes.rules stage beside textacy's direct_quotations.

Both run on the same spaCy parses, in one process; the stage's cost is also shown as a
share of the parse, with and without the span tagger. Times are CPU seconds of this
process (``time.process_time``, steadier than wall time on a shared machine), the best of
``--repeat`` rounds for each system, the parse included:

    python bench/bench_quotes.py [--docs 200] [--repeat 3] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def load_texts(data: Path, limit: int) -> list[str]:
    """News texts: the full-text news sample when present, else PolNeAR's train articles."""
    news = data / "news-2019-2020.jsonl"
    if news.is_file():
        texts = []
        with news.open(encoding="utf-8") as fh:
            for line in fh:
                texts.append(json.loads(line)["text"])
                if len(texts) >= limit:
                    break
        return texts
    paths = sorted((data / "polnear" / "train" / "text").glob("*.txt"))[:limit]
    return [p.read_text(encoding="utf-8") for p in paths]


def best_of(repeat: int, run: Callable[[], int]) -> tuple[float, int]:
    """The least CPU seconds ``run`` took over ``repeat`` rounds, and what it returned."""
    best, result = float("inf"), 0
    for _ in range(repeat):
        t0 = time.process_time()
        result = run()
        best = min(best, time.process_time() - t0)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()

    from textacy.extract.triples import direct_quotations

    from newsweave.extract.quote_spans import load_tagger
    from newsweave.extract.quotes import extract_quotes
    from newsweave.nlp import load_spacy

    texts = load_texts(args.data, args.docs)
    words = sum(len(t.split()) for t in texts)
    nlp = load_spacy()
    docs: list = []

    def parse() -> int:
        docs[:] = nlp.pipe(texts, batch_size=32)
        return len(docs)

    parse_s, _ = best_of(args.repeat, parse)
    load_tagger()  # loaded once per process, as in the pipeline's warm-up

    def quotes(tagger: bool) -> Callable[[], int]:
        return lambda: sum(len(extract_quotes(doc, doc.text, "bench", span_tagger=tagger)) for doc in docs)

    def textacy() -> int:
        found, errors = 0, 0
        for doc in docs:
            try:
                for _ in direct_quotations(doc):
                    found += 1
            except Exception:  # textacy raises on unbalanced quotation marks
                errors += 1
        return found * 10_000 + errors

    rules_s, rules = best_of(args.repeat, quotes(False))
    ours_s, ours = best_of(args.repeat, quotes(True))
    theirs_s, packed = best_of(args.repeat, textacy)
    theirs, errors = divmod(packed, 10_000)

    print(f"{len(texts)} documents, {words} words; spaCy parse {words / parse_s:,.0f} words/s (CPU)")
    print(f"{'system':28} {'words/s':>12} {'quotes':>8}")
    print(f"{'newsweave quotes.rules':28} {words / ours_s:12,.0f} {ours:8}  ({ours_s / parse_s:.1%} of the parse)")
    print(f"{'  rules alone (no tagger)':28} {words / rules_s:12,.0f} {rules:8}  ({rules_s / parse_s:.1%} of the parse)")
    print(f"{'  the span tagger':28} {'':12} {'':8}  ({(ours_s - rules_s) / parse_s:.1%} of the parse)")
    print(f"{'textacy direct_quotations':28} {words / theirs_s:12,.0f} {theirs:8}  ({errors} documents raised)")
    print(f"ratio newsweave / textacy speed: {theirs_s / ours_s:.2f}x")


if __name__ == "__main__":
    main()
