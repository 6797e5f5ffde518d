"""Words per second of the quotes.rules stage beside textacy's direct_quotations.

Both run on the same spaCy parses, in one process; the stage's cost is also shown as a
share of the parse, with and without the span tagger. Times are CPU seconds of this
process (``time.process_time``, steadier than wall time on a shared machine); each of
``--repeat`` rounds parses and runs every system once, and the medians over rounds are shown
(shares: the median of each round's share of its own parse):

    python bench/bench_quotes.py [--docs 200] [--repeat 3] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import statistics
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


def cpu_seconds(run: Callable[[], int]) -> tuple[float, int]:
    """CPU seconds ``run`` took, and what it returned."""
    t0 = time.process_time()
    result = run()
    return time.process_time() - t0, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
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

    load_tagger()  # loaded once per process, as in the pipeline's warm-up

    def quotes(tagger: bool) -> Callable[[], int]:
        # The texts spaCy parsed (equal to doc.text, which spaCy rebuilds token by token on each call).
        return lambda: sum(len(extract_quotes(doc, text, "bench", span_tagger=tagger)) for doc, text in zip(docs, texts))

    def textacy() -> int:
        found, errors = 0, 0
        for doc in docs:
            try:
                for _ in direct_quotations(doc):
                    found += 1
            except Exception:  # textacy raises on unbalanced quotation marks
                errors += 1
        return found * 10_000 + errors

    # Rounds of parse, rules, rules + tagger, textacy back to back: the machine's load drifts
    # between rounds, so each round's shares are taken against its own parse and the medians kept.
    rounds = []
    for _ in range(args.repeat):
        parse_s, _ = cpu_seconds(parse)
        rules_s, rules = cpu_seconds(quotes(False))
        ours_s, ours = cpu_seconds(quotes(True))
        theirs_s, packed = cpu_seconds(textacy)
        rounds.append((parse_s, rules_s, ours_s, theirs_s))
    parse_s, rules_s, ours_s, theirs_s = (statistics.median(r[k] for r in rounds) for k in range(4))
    share_rules = statistics.median(r[1] / r[0] for r in rounds)
    share_ours = statistics.median(r[2] / r[0] for r in rounds)
    share_tagger = statistics.median((r[2] - r[1]) / r[0] for r in rounds)
    theirs, errors = divmod(packed, 10_000)

    print(f"{len(texts)} documents, {words} words; spaCy parse {words / parse_s:,.0f} words/s (CPU)")
    print(f"{'system':28} {'words/s':>12} {'quotes':>8}")
    print(f"{'newsweave quotes.rules':28} {words / ours_s:12,.0f} {ours:8}  ({share_ours:.1%} of the parse)")
    print(f"{'  rules alone (no tagger)':28} {words / rules_s:12,.0f} {rules:8}  ({share_rules:.1%} of the parse)")
    print(f"{'  the span tagger':28} {words / (ours_s - rules_s):12,.0f} {'':8}  ({share_tagger:.1%} of the parse)")
    print(f"{'textacy direct_quotations':28} {words / theirs_s:12,.0f} {theirs:8}  ({errors} documents raised)")
    print(f"ratio newsweave / textacy speed: {theirs_s / ours_s:.2f}x")


if __name__ == "__main__":
    main()
