"""What each component of newsweave's spaCy pipeline costs, as a share of the bare parse.

    python bench/bench_spacy_components.py [--docs 100] [--rounds 3] [--data PATH]

:func:`newsweave.nlp.load_spacy` adds to spaCy's shipped English pipeline a tokenizer
rule (quotation marks glued to words), a sentence-boundary component before the
parser (``newsweave_paragraphs``) and the gazetteer place ruler after the NER
(``newsweave_places``). This runs the tokenizer and then each component over the same
articles in turn, batch by batch as ``nlp.pipe`` does, and prints each one's CPU
seconds (the median over rounds) as a share of the whole bare pipeline's, so that
what our additions cost can be read apart from the statistical models.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from _data import NEWS, news_texts


def component_seconds(nlp, texts: list[str], batch_size: int) -> dict[str, float]:
    """CPU seconds of the tokenizer and of each component over ``texts``, one round."""
    seconds: dict[str, float] = {}
    began = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    seconds["tokenizer"] = time.process_time() - began
    for name, proc in nlp.pipeline:
        began = time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        seconds[name] = time.process_time() - began
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--data", type=Path, default=NEWS)
    args = parser.parse_args()
    texts = news_texts(args.data, args.docs)

    from newsweave.nlp import bare_spacy, load_spacy

    words = sum(len(t.split()) for t in texts)
    bare, ours = bare_spacy(), load_spacy()
    component_seconds(ours, texts[:2], args.batch_size)  # lazy set-up is not throughput
    bare_rounds, our_rounds = [], []
    for _ in range(args.rounds):
        bare_rounds.append(sum(component_seconds(bare, texts, args.batch_size).values()))
        our_rounds.append(component_seconds(ours, texts, args.batch_size))
    bare_cpu = statistics.median(bare_rounds)
    print(f"texts: {len(texts)} articles, {words:,} words from {args.data.name}; "
          f"bare parse {bare_cpu:.2f} CPU s (median of {args.rounds})")
    print(f"{'component of load_spacy()':<28}{'CPU s':>8}{'of bare':>9}")
    names = our_rounds[0].keys()
    for name in names:
        cpu = statistics.median(r[name] for r in our_rounds)
        print(f"{name:<28}{cpu:>8.2f}{cpu / bare_cpu:>9.1%}")
    total = statistics.median(sum(r.values()) for r in our_rounds)
    print(f"{'total':<28}{total:>8.2f}{total / bare_cpu:>9.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
