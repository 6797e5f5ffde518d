"""Throughput of the newsweave pipeline against bare spaCy on the same texts, in one process.

    python bench/bench_pipeline.py [--docs 500] [--data ../shared/data/news-2019-2020.jsonl]

Prints words/s of bare ``nlp.pipe`` (spaCy's English pipeline as shipped), of
the whole newsweave pipeline (ingested documents, every registered stage, the
SQLite store and the corpus-level reconciliation), their ratio, and the
process's resident memory as documents stream through, which must not grow
with the number of documents.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news-2019-2020.jsonl"


def rss_mib() -> float:
    """Current resident set size of this process, in MiB."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def stream_articles(path: Path, limit: int):
    with path.open(encoding="utf-8") as fh:
        for line in itertools.islice(fh, limit):
            yield json.loads(line)


def time_stages(args, options, bare, stages) -> dict[str, float]:
    """Seconds spent in each stage, and in spaCy's parse, over the first documents."""
    from dataclasses import replace

    from newsweave.ingest.readers import make_document
    from newsweave.pipeline import Pipeline

    seconds: dict[str, float] = {}

    def timed(stage):
        def run(article, opts):
            start = time.perf_counter()
            records = list(stage.run(article, opts))
            seconds[stage.name] = seconds.get(stage.name, 0.0) + time.perf_counter() - start
            return records
        return replace(stage, run=run)

    pipeline = Pipeline.build(stages, options)
    pipeline = replace(pipeline, before_parse=tuple(map(timed, pipeline.before_parse)),
                       after_parse=tuple(map(timed, pipeline.after_parse)))
    texts = [a["text"] for a in stream_articles(args.data, min(args.docs, 100))]
    start = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=args.batch_size):
        pass
    seconds["spaCy parse"] = time.perf_counter() - start
    for batch_start in range(0, len(texts), args.batch_size):
        pipeline.process_batch([make_document(t, str(i), {}) for i, t in
                                enumerate(texts[batch_start:batch_start + args.batch_size])])
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--stages", help="comma-separated stage names (default: the whole default pipeline)")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"benchmark data not found at {args.data}; pass --data", file=sys.stderr)
        return 2

    from newsweave.analysis import reconcile, run_pipeline
    from newsweave.config import Options
    from newsweave.ingest.readers import make_document
    from newsweave.nlp import bare_spacy, load_spacy
    from newsweave.pipeline import Pipeline
    from newsweave.store.sqlite import Store

    options = Options(batch_size=args.batch_size)
    stages = args.stages.split(",") if args.stages else None
    bare = bare_spacy()
    Pipeline.build(stages, options).warm_up()
    load_spacy(options.min_gazetteer_population)
    words = sum(len(a["text"].split()) for a in stream_articles(args.data, args.docs))

    def time_bare() -> float:
        start = time.perf_counter()
        for _ in bare.pipe((a["text"] for a in stream_articles(args.data, args.docs)), batch_size=args.batch_size):
            pass
        return time.perf_counter() - start

    memory: list[tuple[int, float]] = []
    reconcile_seconds: list[float] = []

    def time_pipeline() -> float:
        """The streaming pipeline into a real store; the corpus-level reconciliation timed apart."""
        documents = (make_document(a["text"], a.get("url") or a["id"], {k: a.get(k) for k in ("title", "outlet")})
                     for a in stream_articles(args.data, args.docs))
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
            start = time.perf_counter()
            run_pipeline(documents, store, options, stages=stages, corpus_level=False,
                         on_progress=lambda docs, _: memory.append((docs, rss_mib())))
            seconds = time.perf_counter() - start
            start = time.perf_counter()
            reconcile(store)
            reconcile_seconds.append(time.perf_counter() - start)
            return seconds

    stage_seconds = time_stages(args, options, bare, stages)

    # Bare spaCy before and after the pipeline, so drift in machine load hits both sides.
    bare_seconds = [time_bare()]
    pipeline_seconds = time_pipeline()
    bare_seconds.append(time_bare())
    bare_wps = words / (sum(bare_seconds) / len(bare_seconds))
    pipeline_wps = words / pipeline_seconds

    print(f"texts: {args.docs} articles, {words:,} words from {args.data.name}")
    print(f"stages: {Pipeline.build(stages, options).version}")
    print(f"{'bare spaCy nlp.pipe':<28}{bare_wps:>12,.0f} words/s")
    print(f"{'newsweave pipeline':<28}{pipeline_wps:>12,.0f} words/s")
    print(f"{'ratio (pipeline / spaCy)':<28}{pipeline_wps / bare_wps:>12.3f}")
    print(f"{'corpus-level reconcile':<28}{reconcile_seconds[0]:>12.1f} s for {args.docs} documents "
          f"(entities, claims, summary, timeline; once per run, after the stream)")
    print("per-stage cost as a share of the bare spaCy parse (on a separate, instrumented pass):")
    parse = stage_seconds.pop("spaCy parse")
    for name, seconds in sorted(stage_seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<26}{seconds / parse:>8.1%}")
    marks = [memory[0], memory[len(memory) // 2], memory[-1]] if memory else []
    print("resident memory: " + ", ".join(f"{mib:,.0f} MiB after {docs} docs" for docs, mib in marks))
    print(f"peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
