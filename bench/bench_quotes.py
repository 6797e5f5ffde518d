"""Words per second of the quotes.rules stage beside textacy's direct_quotations.

Both run on the same spaCy parses (parsing is timed once, separately), in one process;
the stage's cost is also shown as a share of the parse, with and without the span tagger:

    python bench/bench_quotes.py [--docs 200] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import time
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()

    from textacy.extract.triples import direct_quotations

    from newsweave.extract.quote_spans import load_tagger
    from newsweave.extract.quotes import extract_quotes
    from newsweave.nlp import load_spacy

    texts = load_texts(args.data, args.docs)
    words = sum(len(t.split()) for t in texts)
    nlp = load_spacy()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - t0

    texts_of = [doc.text for doc in docs]
    load_tagger()  # loaded once per process, as in the pipeline's warm-up
    t0 = time.perf_counter()
    rules = sum(len(extract_quotes(doc, text, "bench", span_tagger=False)) for doc, text in zip(docs, texts_of))
    rules_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    ours = sum(len(extract_quotes(doc, text, "bench")) for doc, text in zip(docs, texts_of))
    ours_s = time.perf_counter() - t0

    theirs, errors = 0, 0
    t0 = time.perf_counter()
    for doc in docs:
        try:
            for _ in direct_quotations(doc):
                theirs += 1
        except Exception:  # textacy raises on unbalanced quotation marks
            errors += 1
    theirs_s = time.perf_counter() - t0

    print(f"{len(texts)} documents, {words} words; spaCy parse {words / parse_s:,.0f} words/s")
    print(f"{'system':28} {'words/s':>12} {'quotes':>8}")
    print(f"{'newsweave quotes.rules':28} {words / ours_s:12,.0f} {ours:8}  ({ours_s / parse_s:.1%} of the parse)")
    print(f"{'  rules alone (no tagger)':28} {words / rules_s:12,.0f} {rules:8}  ({rules_s / parse_s:.1%} of the parse)")
    print(f"{'textacy direct_quotations':28} {words / theirs_s:12,.0f} {theirs:8}  ({errors} documents raised)")
    print(f"ratio newsweave / textacy speed: {theirs_s / ours_s:.2f}x")


if __name__ == "__main__":
    main()
