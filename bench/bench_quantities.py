"""Speed: newsweave's quantity finder against quantulum3's ``parser.parse`` on the same texts.

Prints words/s for ours (text-level finder alone, and finder plus parse attachment with
the spaCy parse excluded, since the pipeline parses once for every stage) and for
quantulum3, and the ratios. Usage: ``python bench/bench_quantities.py [N_ARTICLES]``.
"""

from __future__ import annotations

import sys
import time

from _data import NEWS, news_texts


def main(n: int = 200) -> None:
    texts = news_texts(NEWS, n)
    words = sum(len(t.split()) for t in texts)

    from newsweave.evaluate.quantities import quantulum, quantulum_classifier
    from newsweave.extract.quantities import extract
    from newsweave.extract.quantity_finder import find_quantities
    from newsweave.nlp import bare_spacy

    quantulum_classifier()  # training is set-up, not parsing
    for text in texts[:5]:  # warm caches on both sides before timing
        find_quantities(text)
    quantulum(texts[:5])
    t0 = time.perf_counter()
    found = sum(len(find_quantities(t)) for t in texts)
    finder_s = time.perf_counter() - t0

    docs = list(bare_spacy().pipe(texts, batch_size=32))
    t0 = time.perf_counter()
    records = sum(len(extract(t, "bench", d)) for t, d in zip(texts, docs))
    attached_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    theirs = sum(len(p) for p in quantulum(texts))
    quantulum_s = time.perf_counter() - t0

    def rate(seconds: float) -> float:
        return words / seconds if seconds else float("inf")

    print(f"{len(texts)} articles, {words} words")
    print(f"newsweave finder            {rate(finder_s):>12,.0f} words/s  ({found} quantities)")
    print(f"newsweave finder + attach   {rate(attached_s):>12,.0f} words/s  ({records} records; parse excluded)")
    print(f"quantulum3 parser.parse     {rate(quantulum_s):>12,.0f} words/s  ({theirs} quantities)")
    print(f"ratio finder / quantulum3          {quantulum_s / finder_s:>8.1f}x")
    print(f"ratio finder+attach / quantulum3   {quantulum_s / attached_s:>8.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
