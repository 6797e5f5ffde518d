"""Speed of the rule-based TIMEX3 tagger against dateparser's ``search_dates`` on the same texts.

Usage: python bench/bench_timex.py [--articles 200] [--data ../shared/data]

Both run in this process on the same article texts, each anchored on the article's
publication date; prints words per second of each and the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
import warnings
from pathlib import Path

from newsweave.extract.timex import find_timexes

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def load(path: Path, limit: int) -> list[tuple[str, dt.date | None]]:
    out = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            try:
                day = dt.date.fromisoformat(str(row.get("published", ""))[:10])
            except ValueError:
                day = None
            out.append((row["text"], day))
            if len(out) >= limit:
                break
    return out


def words_per_second(run, texts: list[tuple[str, dt.date | None]]) -> tuple[float, int]:
    words = sum(len(t.split()) for t, _ in texts)
    found = 0
    start = time.perf_counter()
    for text, day in texts:
        found += len(run(text, day))
    return words / (time.perf_counter() - start), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    path = args.data / "news-2019-2020.jsonl"
    if not path.is_file():
        raise SystemExit(f"benchmark data not found at {path}; pass --data pointing at shared/data")
    texts = load(path, args.articles)

    from dateparser.search import search_dates

    def dateparser_run(text: str, day: dt.date | None) -> list:
        base = dt.datetime.combine(day or dt.date.today(), dt.time())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []

    find_timexes("warm up on Friday", dt.date(2020, 1, 1))
    dateparser_run("warm up on Friday", dt.date(2020, 1, 1))
    ours, n_ours = words_per_second(lambda t, d: find_timexes(t, d), texts)
    peer, n_peer = words_per_second(dateparser_run, texts)
    words = sum(len(t.split()) for t, _ in texts)
    print(f"{len(texts)} articles, {words} words")
    print(f"newsweave timex.rules : {ours:12,.0f} words/s  ({n_ours} expressions)")
    print(f"dateparser search_dates: {peer:12,.0f} words/s  ({n_peer} dates)")
    print(f"ratio: {ours / peer:.1f}x")


if __name__ == "__main__":
    main()
