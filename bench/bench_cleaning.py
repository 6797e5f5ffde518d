"""Cleaning's cost beside bare spaCy parsing on the same news texts (words/s and ratio).

Usage: python bench/bench_cleaning.py [N]   (N articles of ../shared/data/news-2019-2020.jsonl)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from newsweave.clean import clean_text
from newsweave.clean.embed import load_encoder
from newsweave.evaluate.cleaning import load_articles
from newsweave.nlp import bare_spacy

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main(n: int = 50) -> None:
    texts = [r["text"] for r in load_articles(DATA)[:n]]
    words = sum(len(t.split()) for t in texts)
    nlp, _ = bare_spacy(), load_encoder()
    began = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    spacy_s = time.perf_counter() - began
    began = time.perf_counter()
    for t in texts:
        clean_text(t)
    clean_s = time.perf_counter() - began
    print(f"{n} articles, {words} words")
    print(f"spaCy (bare)  {words / spacy_s:10.0f} words/s")
    print(f"cleaning      {words / clean_s:10.0f} words/s")
    print(f"cleaning cost relative to parsing: {clean_s / spacy_s:.2%}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
