"""Throughput of the newsweave pipeline against bare spaCy on the same texts, in one process.

    python bench/bench_pipeline.py [--docs 200] [--rounds 3] [--stages a,b] [--data PATH]
    python bench/bench_pipeline.py --instructions [--docs 3]

Bare ``nlp.pipe`` (spaCy's English pipeline as shipped) and the whole newsweave
pipeline (ingested documents, every default stage, the SQLite store with FTS5) run
on the same articles in alternating rounds: bare, pipeline, bare, pipeline, ...
Each round is timed in CPU seconds of this process (``time.process_time``), which
other processes on a shared machine barely disturb, and in wall seconds. The ratio
printed is the median over rounds of pipeline words/s ÷ bare words/s, with each
round's pipeline compared to the mean of the bare runs either side of it.

The pipeline's CPU time is then split: spaCy inside the pipeline (our two added
components included), each stage, the store, and the rest (documents, batching,
blanking), each as a share of the bare parse; so the ratio can be read as
1 / (1 + the sum of those shares). The corpus-level reconciliation runs once, after
the stream, and is timed apart. Resident memory is sampled as documents stream
through and must stay flat.

Seconds move with whatever else the machine runs (two shared cores give ±15% from
one round to the next, in CPU time as well). ``--instructions`` gives the repeatable
figure: both sides run under valgrind's callgrind in separate processes with the same
set-up (models loaded, both warmed up on the same two articles), instrumentation
switched on only for the timed work, and the ratio is of instructions executed per
word. It is slow (spaCy's BLAS kernels run some 300× slower under valgrind: three articles
take 15–30 minutes), so it takes few articles.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from _data import NEWS, news_rows, require


def rss_mib() -> float:
    """Current resident set size of this process, in MiB."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def documents(rows: list[dict]):
    """The articles as newsweave documents, with their title and outlet (the date is left to infer)."""
    from newsweave.ingest.readers import make_document


    return (make_document(a["text"], a.get("url") or a["id"], {k: a.get(k) for k in ("title", "outlet")})
            for a in rows)


class Clock:
    """CPU and wall seconds of one timed block."""

    def __enter__(self) -> "Clock":
        self.cpu, self.wall = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.cpu, self.wall = time.process_time() - self.cpu, time.perf_counter() - self.wall


class Parts:
    """CPU seconds by part of the pipeline, collected by wrapping the pipeline's seams."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.enabled = False

    def install(self) -> None:
        """Wrap stage collection, the parse and the store writes (this process only)."""
        import newsweave.analysis as analysis
        import newsweave.nlp as nlp
        import newsweave.pipeline as pipeline

        collect, store_article, load_spacy = pipeline._collect, analysis._store_article, nlp.load_spacy
        seconds = self.seconds

        def timed_collect(article, st, options):
            if not self.enabled:
                return collect(article, st, options)
            began = time.process_time()
            collect(article, st, options)
            seconds[f"stage {st.name}"] += time.process_time() - began

        def timed_store(*args):
            if not self.enabled:
                return store_article(*args)
            began = time.process_time()
            store_article(*args)
            seconds["store (records, FTS5)"] += time.process_time() - began

        class TimedNlp:
            def __init__(self, nlp):
                self.nlp = nlp

            def pipe(self, texts, **kw):
                docs = self.nlp.pipe(texts, **kw)
                while True:
                    began = time.process_time()
                    doc = next(docs, None)
                    seconds["spaCy in the pipeline"] += time.process_time() - began
                    if doc is None:
                        return
                    yield doc

        def timed_load_spacy(*args):
            return TimedNlp(load_spacy(*args)) if self.enabled else load_spacy(*args)

        pipeline._collect, analysis._store_article, nlp.load_spacy = timed_collect, timed_store, timed_load_spacy


def _bare(args):
    """Bare spaCy as shipped, or (``--bare-lemma-sets``) with the lemmatizer fix our pipeline has.

    A fresh pipeline in the second case: the shipped one stays as it is for everyone else."""
    from newsweave.nlp import SPACY_MODEL, bare_spacy, index_lemmas_as_sets

    if not args.bare_lemma_sets:
        return bare_spacy()
    import spacy

    nlp = spacy.load(SPACY_MODEL)
    index_lemmas_as_sets(nlp)
    return nlp


def instruction_child(args, side: str) -> None:
    """One side of ``--instructions``: set up as the other side does, signal, work, exit at once."""
    from newsweave.analysis import run_pipeline
    from newsweave.config import Options
    from newsweave.nlp import load_spacy
    from newsweave.pipeline import Pipeline
    from newsweave.store.sqlite import Store

    options = Options(batch_size=args.batch_size, quote_tagger=not args.no_quote_tagger)
    articles = news_rows(args.data, args.docs + 2)
    warm, work = articles[:2], articles[2:]
    bare = _bare(args)
    Pipeline.build(None, options).warm_up()
    load_spacy(options.min_gazetteer_population)

    tmp = Path(tempfile.mkdtemp())
    list(bare.pipe(a["text"] for a in warm))
    with Store(tmp / "warm.db") as store:
        run_pipeline(documents(warm), store, options, corpus_level=False)
    store = Store(tmp / "work.db")
    print("ready", flush=True)
    sys.stdin.readline()
    if side == "bare":
        for _ in bare.pipe((a["text"] for a in work), batch_size=args.batch_size):
            pass
    else:
        run_pipeline(documents(work), store, options, corpus_level=False)
    store.close()
    print("done", flush=True)
    os._exit(0)  # tearing the models down is not part of the work


def count_instructions(args) -> int:
    """Instructions per side under callgrind, both sides at once (one core each)."""
    if not shutil.which("valgrind"):
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    words = sum(len(a["text"].split()) for a in news_rows(args.data, args.docs + 2)[2:])
    env = dict(os.environ, PYTHONHASHSEED="0")
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or scratch
        Path(tmp).mkdir(parents=True, exist_ok=True)
        children = {}
        counts = {"bare": args.bare_instructions} if args.bare_instructions else {}
        for side in ("pipeline",) if counts else ("bare", "pipeline"):
            out = Path(tmp) / f"callgrind.{side}"
            children[side] = (out, subprocess.Popen(
                ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
                 sys.executable, __file__, "--child", side, "--docs", str(args.docs), "--data", str(args.data),
                 "--batch-size", str(args.batch_size), *(["--no-quote-tagger"] if args.no_quote_tagger else []),
                 *(["--bare-lemma-sets"] if args.bare_lemma_sets else [])],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=(Path(tmp) / f"stderr.{side}").open("w"),
                text=True, env=env))
        for side, (_, child) in children.items():
            if child.stdout.readline().strip() != "ready":
                tail = (Path(tmp) / f"stderr.{side}").read_text(errors="replace").splitlines()[-15:]
                print(f"the {side} child failed before its work; the end of its stderr:", *tail,
                      sep="\n", file=sys.stderr)
                return 1
            subprocess.run(["callgrind_control", "-i", "on", str(child.pid)], check=True, capture_output=True)
            child.stdin.write("go\n")
            child.stdin.flush()
        for side, (out, child) in children.items():
            child.wait()
            totals = re.search(r"^totals:\s*(\d+)", out.read_text(), re.MULTILINE)
            counts[side] = int(totals[1])
    print(f"texts: {args.docs} articles, {words:,} words from {args.data.name} (after two warm-up articles)")
    for side, label in (("bare", "bare spaCy nlp.pipe"), ("pipeline", "newsweave pipeline")):
        given = " (given, not run)" if side == "bare" and args.bare_instructions else ""
        print(f"{label:<28}{counts[side]:>18,} instructions  {counts[side] / words:>10,.0f} per word{given}")
    print(f"{'ratio (pipeline / spaCy)':<28}{counts['bare'] / counts['pipeline']:>18.3f}  "
          "(words per instruction; repeatable, unlike seconds)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=None, help="articles (default 200; 3 with --instructions)")
    parser.add_argument("--instructions", action="store_true", help="count instructions under callgrind")
    parser.add_argument("--keep", type=Path, help="with --instructions: keep the callgrind files here "
                        "(callgrind_annotate --inclusive=no FILE shows where the instructions go)")
    parser.add_argument("--bare-instructions", type=int, help="with --instructions: bare spaCy's count from an "
                        "earlier run on the same texts (it does not depend on newsweave's code); only the "
                        "pipeline side then runs, in half the machine time")
    parser.add_argument("--bare-lemma-sets", action="store_true", help="give bare spaCy the lemmatizer "
                        "fix newsweave's pipeline has (nlp.index_lemmas_as_sets), so the ratio shows newsweave's "
                        "own stages' cost only; without it, bare spaCy is exactly as shipped")
    parser.add_argument("--child", choices=("bare", "pipeline"), help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=3, help="pipeline rounds, each between two bare runs")
    parser.add_argument("--data", type=Path, default=NEWS)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--stages", help="comma-separated stage names (default: the whole default pipeline)")
    parser.add_argument("--no-quote-tagger", action="store_true", help="the pipeline without the quote span tagger")
    args = parser.parse_args()
    require(args.data)
    if args.child:
        instruction_child(args, args.child)
    if args.docs is None:
        args.docs = 3 if args.instructions else 200
    if args.instructions:
        return count_instructions(args)

    from newsweave.analysis import reconcile, run_pipeline
    from newsweave.config import Options
    from newsweave.nlp import load_spacy
    from newsweave.pipeline import Pipeline
    from newsweave.store.sqlite import Store

    options = Options(batch_size=args.batch_size, quote_tagger=not args.no_quote_tagger)
    stages = args.stages.split(",") if args.stages else None
    articles = news_rows(args.data, args.docs)
    words = sum(len(a["text"].split()) for a in articles)
    bare = _bare(args)
    Pipeline.build(stages, options).warm_up()
    load_spacy(options.min_gazetteer_population)
    parts = Parts()
    parts.install()

    def run_bare() -> Clock:
        with Clock() as clock:
            for _ in bare.pipe((a["text"] for a in articles), batch_size=args.batch_size):
                pass
        return clock

    memory: list[tuple[int, float]] = []

    def run_newsweave(tmp: Path, round_: int, reconcile_too: bool = False) -> tuple[Clock, float]:
        """The streaming pipeline into a fresh store; the reconciliation timed apart."""
        with Store(tmp / f"bench{round_}.db") as store:
            with Clock() as clock:
                run_pipeline(documents(articles), store, options, stages=stages, corpus_level=False,
                             on_progress=lambda docs, _: memory.append((docs, rss_mib())))
            reconcile_wall = 0.0
            if reconcile_too:
                began = time.perf_counter()
                reconcile(store)
                reconcile_wall = time.perf_counter() - began
        return clock, reconcile_wall

    with tempfile.TemporaryDirectory() as tmp:
        run_newsweave(Path(tmp), -1)  # warm-up: lazy set-up in stages and SQLite is not throughput
        memory.clear()
        bares, pipes = [run_bare()], []
        for round_ in range(args.rounds):
            pipes.append(run_newsweave(Path(tmp), round_)[0])
            bares.append(run_bare())
        parts.enabled = True
        instrumented, reconcile_wall = run_newsweave(Path(tmp), args.rounds, reconcile_too=True)
        parts.enabled = False
        bare_split = run_bare()

    def ratios(attr: str) -> list[float]:
        return [((getattr(bares[i], attr) + getattr(bares[i + 1], attr)) / 2) / getattr(p, attr)
                for i, p in enumerate(pipes)]

    cpu_ratios, wall_ratios = ratios("cpu"), ratios("wall")
    bare_cpu = statistics.median(b.cpu for b in bares)
    print(f"texts: {args.docs} articles, {words:,} words from {args.data.name}")
    print(f"stages: {Pipeline.build(stages, options).version}")
    print(f"{'':<30}{'CPU words/s':>14}{'wall words/s':>14}")
    print(f"{'bare spaCy nlp.pipe':<30}{words / bare_cpu:>14,.0f}{words / statistics.median(b.wall for b in bares):>14,.0f}")
    print(f"{'newsweave pipeline':<30}{words / statistics.median(p.cpu for p in pipes):>14,.0f}"
          f"{words / statistics.median(p.wall for p in pipes):>14,.0f}")
    print(f"ratio (pipeline / spaCy), CPU:  median {statistics.median(cpu_ratios):.3f}   rounds "
          + " ".join(f"{r:.3f}" for r in cpu_ratios))
    print(f"ratio (pipeline / spaCy), wall: median {statistics.median(wall_ratios):.3f}   rounds "
          + " ".join(f"{r:.3f}" for r in wall_ratios))
    print(f"{'corpus-level reconcile':<30}{reconcile_wall:>10.1f} s wall for {args.docs} documents "
          "(entities, claims, summary, timeline; once per run, after the stream)")

    print("where the pipeline's CPU time goes, as a share of the bare parse (instrumented round):")
    split = dict(parts.seconds)
    split["rest (documents, batches, blanking, progress)"] = instrumented.cpu - sum(split.values())
    for name, seconds in sorted(split.items(), key=lambda kv: -kv[1]):
        if seconds / bare_split.cpu >= 0.0005:
            print(f"  {name:<46}{seconds / bare_split.cpu:>8.1%}")
    print(f"  {'total (1 / ratio)':<46}{instrumented.cpu / bare_split.cpu:>8.1%}")
    marks = [memory[0], memory[len(memory) // 2], memory[-1]] if memory else []
    print("resident memory: " + ", ".join(f"{mib:,.0f} MiB after {docs} docs" for docs, mib in marks))
    print(f"peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
