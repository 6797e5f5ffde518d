"""The ``newsweave`` command line (typer + rich).

Exit codes: 0 when everything was analysed, 1 when some inputs failed but the
run finished, 2 for a usage error (or anything that stopped the run).
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from dataclasses import fields
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from newsweave.config import Options
from newsweave.errors import NewsweaveError
from newsweave.model import document_label

app = typer.Typer(
    name="newsweave", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    help="Turn news articles about one story into a structured, source-attributed account of it.",
)
console = Console(stderr=True)
out = Console()

HELP = Options.help()
DEFAULTS = {f.name: f.default for f in fields(Options)}
Workers = Annotated[int, typer.Option("--workers", "-w", min=1, help=HELP["workers"])]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help=HELP["batch_size"])]
MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1, help=HELP["max_bytes"])]
NoClean = Annotated[bool, typer.Option("--no-clean", help="Turn cleaning off: " + HELP["clean"])]
NoOffTopic = Annotated[bool, typer.Option("--no-off-topic", help="Skip this step: " + HELP["off_topic"])]
NoQuoteTagger = Annotated[bool, typer.Option("--no-quote-tagger", help="Skip this step: " + HELP["quote_tagger"])]
Executor = Annotated[str, typer.Option("--executor", help=HELP["executor"])]
Db = Annotated[Path, typer.Option("--db", help="The SQLite store file.")]
Inputs = Annotated[list[str], typer.Argument(help="Files, folders (recursive), globs, or - for stdin.")]

# Evaluation harnesses: `newsweave eval NAME` imports newsweave.evaluate.NAME.
EVALUATIONS = {
    "dating": "Publication dates inferred with the gold date hidden (TempEval-3 TimeML, JSONL with 'published').",
    "timex": "Temporal expressions on TempEval-3 TimeML, beside HeidelTime, SUTime and dateparser.",
    "quantities": "Quantities on CQE and quantulum3 test sets, beside quantulum3.",
    "quotes": "Quotes and attribution on PolNeAR, beside textacy.",
    "quote_pronouns": "He/she quote speakers on PolNeAR against the developers' labelled referents, beside two baselines.",
    "entities": "Entity mentions and cross-document coreference on MEANTIME.",
    "events": "Events, the merged timeline as cross-document event coreference, and timexes on MEANTIME.",
    "cleaning": "Chrome and off-topic inserts caught in news articles with synthetic insertions.",
}


class WordsPerSecond(ProgressColumn):
    def render(self, task) -> Text:
        words, elapsed = task.fields.get("words", 0), task.elapsed or 0
        return Text(f"{words / elapsed:,.0f} words/s" if elapsed > 0.5 else "", style="cyan")


def _options(workers: int, batch_size: int, max_bytes: int, no_clean: bool = False,
             executor: str = "local", no_off_topic: bool = False, no_quote_tagger: bool = False) -> Options:
    return Options(workers=workers, batch_size=batch_size, max_bytes=max_bytes, clean=not no_clean,
                   off_topic=not no_off_topic, quote_tagger=not no_quote_tagger, executor=executor)


def _count_inputs(inputs: list[str]) -> int | None:
    """Number of documents when each input file is one article, else None (unknown)."""
    from newsweave.ingest.readers import expand

    sources = list(expand(inputs))
    if any(s == "-" or Path(s).suffix.lower() in {".json", ".jsonl", ".ndjson", ".rss", ".atom", ".xml"}
           for s in sources):
        return None
    return len(sources)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        WordsPerSecond(), TimeElapsedColumn(), TimeRemainingColumn(), console=console, transient=True,
    )


def _fail(error: Exception) -> None:
    console.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _report_failures(result) -> None:
    for failure in result.failures:
        console.print(f"[yellow]skipped:[/yellow] {failure.error}", highlight=False, soft_wrap=True)


@app.command()
def analyze(
    inputs: Inputs,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for report.html, analysis.json and the store.")] = Path("out"),
    db: Annotated[Optional[Path], typer.Option("--db", help="The SQLite store (default: OUT/newsweave.db).")] = None,
    workers: Workers = DEFAULTS["workers"],
    batch_size: BatchSize = DEFAULTS["batch_size"],
    max_bytes: MaxBytes = DEFAULTS["max_bytes"],
    no_clean: NoClean = False,
    no_off_topic: NoOffTopic = False,
    no_quote_tagger: NoQuoteTagger = False,
    executor: Executor = DEFAULTS["executor"],
) -> None:
    """Ingest, analyse, store, export and report: the main job."""
    from newsweave.analysis import analyze_into

    options = _options(workers, batch_size, max_bytes, no_clean, executor, no_off_topic, no_quote_tagger)
    started = time.perf_counter()
    try:
        with _progress() as progress:
            task = progress.add_task("analysing", total=_count_inputs(inputs), words=0)
            result = analyze_into(inputs, out_dir, options, db,
                                  lambda docs, words: progress.update(task, completed=docs, words=words))
    except NewsweaveError as exc:
        _fail(exc)
    _report_failures(result)
    _summary(result, time.perf_counter() - started)
    raise typer.Exit(result.exit_code)


def _summary(result, seconds: float) -> None:
    from newsweave.store.sqlite import Store

    with Store(result.db) as store:
        stats = store.stats()
        entities = store.entities()[:8]
    table = Table(title="newsweave", show_header=False)
    table.add_column("")
    table.add_column("", justify="right")
    table.add_row("documents analysed", str(result.documents))
    table.add_row("already in the store", str(result.skipped))
    table.add_row("inputs that failed", str(len(result.failures)))
    table.add_row("words", f"{result.words:,}")
    table.add_row("seconds", f"{seconds:,.1f}")
    for phase, value in result.seconds.items():
        table.add_row(f"  {phase}", f"{value:,.1f}")
    stream = result.seconds.get("articles and models", seconds)
    table.add_row("words/s (articles and models)", f"{result.words / stream:,.0f}" if stream else "—")
    table.add_row("entities", str(stats["entities"]))
    for kind, count in stats["records"].items():
        table.add_row(kind, str(count))
    if entities:
        table.add_row("most salient", ", ".join(e["name"] for e in entities))
    out.print(table)
    for name, path in result.outputs.items():
        out.print(f"{name:>9}: {path}", highlight=False)


@app.command()
def ingest(
    inputs: Inputs,
    db: Db = Path("newsweave.db"),
    max_bytes: MaxBytes = DEFAULTS["max_bytes"],
) -> None:
    """Read inputs into the store without analysing them."""
    from newsweave.analysis import ingest as do_ingest

    try:
        with _progress() as progress:
            task = progress.add_task("ingesting", total=_count_inputs(inputs), words=0)
            result = do_ingest(inputs, db, Options(max_bytes=max_bytes),
                               lambda docs, words: progress.update(task, completed=docs, words=words))
    except NewsweaveError as exc:
        _fail(exc)
    _report_failures(result)
    out.print(f"ingested {result.documents} documents ({result.words:,} words) into {db}; "
              f"{len(result.failures)} failed", highlight=False)
    raise typer.Exit(result.exit_code)


def _open(db: Path):
    from newsweave.store.sqlite import Store

    if not db.exists():
        _fail(NewsweaveError(f"no store at {db}; run 'newsweave analyze ... --out DIR' first, or pass --db"))
    return Store(db)


@app.command()
def export(
    db: Db = Path("newsweave.db"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, jsonl, csv or parquet (csv and parquet: a folder, one file per kind).")] = "json",
    out_path: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file or folder.")] = None,
) -> None:
    """Export the store's documents and records."""
    from newsweave.export.json import EXPORTERS, export as do_export

    if fmt not in EXPORTERS:
        console.print(f"[red]error:[/red] unknown format {fmt!r}; choose one of {', '.join(EXPORTERS)}")
        raise typer.Exit(2)
    with _open(db) as store:
        path = do_export(store, fmt, out_path)
    out.print(f"wrote {path}", highlight=False)


@app.command()
def report(
    db: Db = Path("newsweave.db"),
    out_path: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("report.html"),
) -> None:
    """Write the self-contained HTML report."""
    from newsweave.report.html import write_report

    with _open(db) as store:
        path = write_report(store, out_path)
    out.print(f"wrote {path}", highlight=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words or an FTS5 query (\"exact phrase\", a OR b, pref*).")],
    db: Db = Path("newsweave.db"),
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Full-text search over the stored articles, ranked (BM25), with snippets; plain words also find
    their compound spellings ("ceasefire", "cease-fire", "cease fire") and a name the entity's other
    names ("Kiev" finds "Kyiv")."""
    with _open(db) as store:
        hits, named = store.search_naming(query, limit)
    if as_json:
        out.print_json(json.dumps(hits))
        return
    if not hits:
        out.print("no matches")
        return
    table = Table(show_header=True, header_style="bold")
    for column in ("score", "title / source", "snippet"):
        table.add_column(column)
    for hit in hits:
        table.add_row(f"{-hit['score']:.2f}", Text(document_label(hit["title"], hit["source"])), Text(hit["snippet"]))
    out.print(table)
    for said, names in named:
        others = [n for n in names if n.lower() != said.lower()]
        if others:
            out.print(Text(f"'{said}' also searched as: {', '.join(others)} (one entity)"), style="dim")


@app.command()
def stats(db: Db = Path("newsweave.db"),
          as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Counts of documents, words, entities and records in the store."""
    with _open(db) as store:
        figures = store.stats()
    if as_json:
        out.print_json(json.dumps(figures))
        return
    table = Table(show_header=False)
    for key, value in figures.items():
        if isinstance(value, dict):
            for kind, count in value.items():
                table.add_row(f"records: {kind}", str(count))
        else:
            table.add_row(key, str(value))
    out.print(table)


@app.command("eval")
def evaluate(
    name: Annotated[str, typer.Argument(help="What to evaluate: " + ", ".join(EVALUATIONS))],
    data: Annotated[Path, typer.Option("--data", help="The data set (file or folder).")],
    as_json: Annotated[bool, typer.Option("--json", help="End with one line of JSON holding the figures.")] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Evaluate only the first N items.")] = None,
) -> None:
    """Evaluate an extractor on a public data set, beside peers and published figures."""
    if name not in EVALUATIONS:
        console.print(f"[red]error:[/red] unknown evaluation {name!r}; choose one of {', '.join(EVALUATIONS)}")
        raise typer.Exit(2)
    if not data.exists():
        _fail(NewsweaveError(f"no data at {data}; pass --data with a path from ../shared/data"))
    try:
        module = importlib.import_module(f"newsweave.evaluate.{name}")
    except ModuleNotFoundError:
        _fail(NewsweaveError(f"the {name} evaluation is not part of this version of newsweave yet"))
    try:
        result = module.evaluate(data, limit=limit)
    except NewsweaveError as exc:
        _fail(exc)
    print(module.render(result))
    if as_json:
        print(json.dumps(result, default=str))


def main() -> None:  # pragma: no cover - entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
