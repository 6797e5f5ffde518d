"""Cleaning's cost beside bare spaCy parsing on the same news texts (words/s and ratio).

Usage: python bench/bench_cleaning.py [N]   (N articles of ../shared/data/news-2019-2020.jsonl)

Both sides are timed in their steady state: one text is parsed and cleaned before the
clocks start, as a pipeline's warm-up would (model loading and lazy kernel set-up are a
once-per-process cost, not throughput). The cleaning time is also split by stage, and
the number of texts embedded is counted. ``clean.topic`` alone is timed in CPU seconds
per 1,000 articles (process time, so other processes on the machine do not inflate it),
with its embedding calls and embedded texts.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import newsweave.clean.embed as embed
from newsweave.clean.chrome import find_chrome
from newsweave.clean.layout import find_layout
from newsweave.clean.topic import find_off_topic
from newsweave.evaluate.cleaning import load_articles
from newsweave.nlp import bare_spacy

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def clean_by_stage(text: str, stages: dict[str, float]) -> None:
    """Run the three cleaning stages on ``text``, adding each one's seconds to ``stages``.

    ``topic_cpu`` gets the CPU seconds of ``clean.topic`` alone.
    """
    began = time.perf_counter()
    removed = find_chrome(text)
    chrome_done = time.perf_counter()
    removed += find_layout(text, removed)
    layout_done, cpu = time.perf_counter(), time.process_time()
    find_off_topic(text, removed)
    stages["topic_cpu"] += time.process_time() - cpu
    stages["chrome"] += chrome_done - began
    stages["layout"] += layout_done - chrome_done
    stages["topic"] += time.perf_counter() - layout_done


def main(n: int = 50) -> None:
    texts = [r["text"] for r in load_articles(DATA)[:n]]
    words = sum(len(t.split()) for t in texts)
    nlp, _ = bare_spacy(), embed.load_encoder()
    nlp(texts[0])  # warm-up, not timed
    began = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    spacy_s = time.perf_counter() - began

    encoded: list[tuple[int, float]] = []  # (texts, seconds) of each embedding call
    encode = embed.encode

    def counting(batch, *args):
        began = time.perf_counter()
        vectors = encode(batch, *args)
        encoded.append((len(batch), time.perf_counter() - began))
        return vectors

    stages = dict.fromkeys(("chrome", "layout", "topic", "topic_cpu"), 0.0)
    clean_by_stage(texts[0], dict(stages))  # warm-up, not timed
    embed.encode = counting
    try:
        for t in texts:
            clean_by_stage(t, stages)
    finally:
        embed.encode = encode
    topic_cpu = stages.pop("topic_cpu")
    clean_s = sum(stages.values())
    print(f"{n} articles, {words} words")
    print(f"spaCy (bare)  {words / spacy_s:10.0f} words/s")
    print(f"cleaning      {words / clean_s:10.0f} words/s")
    print("cleaning time by stage, relative to parsing: "
          + ", ".join(f"{k} {v / spacy_s:.2%}" for k, v in stages.items()))
    texts_in, encode_s = (sum(x) for x in zip(*encoded)) if encoded else (0, 0.0)
    print(f"texts embedded: {texts_in} in {len(encoded)} calls, {encode_s / spacy_s:.2%} of parsing")
    print(f"cleaning cost relative to parsing: {clean_s / spacy_s:.2%}")
    print(f"clean.topic alone: {1000 * topic_cpu / n:.2f} CPU s per 1,000 articles; "
          f"{1000 * len(encoded) / n:.0f} embedding calls and {1000 * texts_in / n:.0f} texts per 1,000 articles")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
