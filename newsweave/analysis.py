"""The main job: ingest inputs, run the pipeline in batches, store, reconcile, export, report."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from newsweave.config import Options
from newsweave.ingest.readers import read_inputs, read_texts
from newsweave.model import Document, Failure, PublishedDate
from newsweave.pipeline import Article, Pipeline
from newsweave.store.sqlite import Store

ProgressCallback = Callable[[int, int], None]  # (documents done, words done)


@dataclass
class RunResult:
    """What one run did: counts, failures, and where its outputs are."""

    db: str
    run: int
    documents: int = 0
    skipped: int = 0
    words: int = 0
    failures: list[Failure] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    # wall seconds by phase: "articles and models" (the stream, loading included), "across sources", "outputs"
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when every input was analysed, 1 when some failed but the run finished."""
        return 1 if self.failures else 0


def ingest(inputs: Iterable[str | Path], db: str | Path, options: Options | None = None,
           on_progress: ProgressCallback | None = None) -> RunResult:
    """Read inputs into the store without analysing them."""
    options = options or Options()
    with Store(db) as store:
        run = store.start_run("ingest", asdict(options))
        result = RunResult(db=str(db), run=run)
        for item in read_inputs(inputs, options):
            if isinstance(item, Failure):
                store.record_failure(run, item)
                result.failures.append(item)
                continue
            with store.transaction():
                store.add_document(item)
            result.documents += 1
            result.words += item.word_count
            if on_progress:
                on_progress(result.documents, result.words)
        store.finish_run(run, result.documents, 0, len(result.failures), result.words)
    return result


def run_pipeline(items: Iterable[Document | Failure], store: Store, options: Options,
                 on_progress: ProgressCallback | None = None, stages: list[str] | None = None,
                 corpus_level: bool = True) -> RunResult:
    """Process documents batch by batch; each batch is stored in one transaction.

    Documents already processed by the same pipeline are skipped, so running
    again over the same inputs adds nothing and an interrupted run resumes.
    ``corpus_level`` runs :func:`reconcile` afterwards (entities, claims, timeline).
    """
    pipeline = Pipeline.build(stages, options)
    run = store.start_run(pipeline.version, asdict(options))
    result = RunResult(db=store.path, run=run)

    def todo() -> Iterator[Document]:
        seen: set[str] = set()
        for item in items:
            if isinstance(item, Failure):
                store.record_failure(run, item)
                result.failures.append(item)
            elif item.id in seen or store.is_processed(item.id, pipeline.version):
                result.skipped += 1
            else:
                seen.add(item.id)
                yield item

    began = time.perf_counter()
    for batch in pipeline.pipe(todo()):
        with store.transaction():
            for article in batch:
                _store_article(store, article, pipeline.version)
        result.documents += len(batch)
        result.words += sum(a.document.word_count for a in batch)
        if on_progress:
            on_progress(result.documents, result.words)
    result.seconds["articles and models"] = time.perf_counter() - began
    if corpus_level:
        began = time.perf_counter()
        reconcile(store)
        result.seconds["across sources"] = time.perf_counter() - began
    store.finish_run(run, result.documents, result.skipped, len(result.failures), result.words)
    return result


def _store_article(store: Store, article: Article, version: str) -> None:
    doc = article.document
    title = next((r.text.strip() for r in article.removed if r.reason == "title"), None)
    published = next(iter(article.records.get("published", ())), None)
    store.add_document(doc, processed_with=version, title=title,
                       published=_as_published(published) if published is not None else None)
    store.replace_records(doc.id, article.all_records())


def _as_published(record: Any) -> PublishedDate:
    return PublishedDate(
        value=record.value, inferred=True, source=getattr(record, "source", "text"),
        confidence=record.confidence, evidence=tuple(getattr(record, "evidence", ()) or ()),
    )


def reconcile(store: Store) -> None:
    """Corpus-level work after the documents are processed: canonical entities with their
    roles, geocoded places and salience (quote speakers count as actors), and each quote's
    speaker entity."""
    from newsweave.model import Mention
    from newsweave.reconcile.entities import reconcile as reconcile_entities
    from newsweave.reconcile.quotes import speaker_entities

    documents = [d for d in store.documents(with_text=False)]
    current = {d["id"] for d in documents} - superseded(store)
    lengths = {d["id"]: d["word_count"] * 6 for d in documents}
    mentions = [Mention.from_dict(r) for r in store.records("mentions") if r["doc"] in current]
    speakers = [(q["doc"], q["speaker_start"], q["speaker_end"]) for q in store.records("quotes")
                if q["doc"] in current and q.get("speaker_start") is not None]
    result = reconcile_entities(mentions, doc_lengths=lengths, actor_spans=speakers)
    entities = _with_roles(result.entities, result.assignment, mentions, store.records("roles"))
    per_entity: dict[str, dict[str, float]] = {}
    for doc, scores in result.document_salience.items():
        for entity_id, score in scores.items():
            per_entity.setdefault(entity_id, {})[doc] = score
    entities = [replace(e, document_salience=per_entity.get(e.id, {})) for e in entities]
    store.replace_entities(entities, result.assignment)
    quotes = [q for q in store.records("quotes") if q["doc"] in current]
    found = speaker_entities(quotes, store.records("mentions"), store.entities())
    store.set_fields("quotes", {q["id"]: {"speaker_entity": found.get(q["id"])} for q in quotes})
    reconcile_story(store)


def reconcile_story(store: Store) -> None:
    """The story across sources: claims, questions, positions, a summary, the merged timeline,
    and the statements several sources quote."""
    from newsweave.export.json import build_analysis
    from newsweave.reconcile.quotes import shared_statements
    from newsweave.reconcile.story import story
    from newsweave.reconcile.story_dates import story_dates
    from newsweave.reconcile.timeline import build_timeline

    store.replace_story({})
    analysis = build_analysis(store)
    timeline = build_timeline(analysis)
    # the timeline dates some roughly dated articles more closely ("earlier this month" of an
    # event others date): those dates are kept, and the timeline is built again with them,
    # so that a second run over the same store gives the same story as the first
    dates = story_dates(timeline, analysis["documents"])
    for doc in analysis["documents"]:
        if doc["id"] in dates:
            published = doc["published"] = dates[doc["id"]]
            store.set_document_fields(doc["id"], published=PublishedDate(**{
                **published, "evidence": tuple(tuple(span) for span in published["evidence"])}))
    if dates:
        timeline = build_timeline(analysis)
    lists = story(store)
    lists.pop("genres", None)  # the per-document genre records already hold these
    lists["timeline"] = timeline
    current = [d for d in analysis["documents"] if not d.get("superseded_by")]
    lists["shared_quotes"] = shared_statements(
        analysis.get("quotes", []), {d["id"]: d["text"] for d in current},
        {q["id"]: q["speaker_entity"] for q in analysis.get("quotes", ()) if q.get("speaker_entity")})
    store.replace_story(lists)


def _with_roles(entities, assignment, mentions, roles) -> list:
    """Attach each role record to the entity of the mention it describes."""
    by_span = {(m.doc, m.start, m.end): assignment.get(m.id) for m in mentions}
    found: dict[str, list[dict[str, Any]]] = {}
    for role in roles:
        entity = by_span.get((role["doc"], role["person_start"], role["person_end"]))
        if entity:
            found.setdefault(entity, []).append(
                {"role": role["role"], "form": role["form"], "doc": role["doc"],
                 "start": role["start"], "end": role["end"], "extractor": role["extractor"]})
    return [replace(e, roles=tuple(found.get(e.id, ()))) for e in entities]


def superseded(store: Store) -> set[str]:
    """Ids of documents that a newer version of the same source replaces."""
    return {d["previous"] for d in store.documents(with_text=False) if d["previous"]}


def analyze_into(inputs: Iterable[str | Path], out: str | Path, options: Options | None = None,
                 db: str | Path | None = None, on_progress: ProgressCallback | None = None) -> RunResult:
    """The CLI's ``analyze``: everything, with the store, ``analysis.json`` and ``report.html`` in ``out``."""
    from newsweave.export.json import write_analysis
    from newsweave.report.html import write_report

    options = options or Options()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    db = Path(db) if db else out / "newsweave.db"
    with Store(db) as store:
        result = run_pipeline(read_inputs(inputs, options), store, options, on_progress)
        began = time.perf_counter()
        result.outputs = {
            "store": str(db),
            "analysis": str(write_analysis(store, out / "analysis.json")),
            "report": str(write_report(store, out / "report.html")),
        }
        result.seconds["outputs"] = time.perf_counter() - began
    return result


class Analysis:
    """The result of :func:`analyze`: documents, entities and records, read from the store."""

    def __init__(self, db: str | Path, result: RunResult):
        self.db = str(db)
        self.result = result

    def _store(self) -> Store:
        return Store(self.db)

    @property
    def documents(self) -> list[dict[str, Any]]:
        with self._store() as store:
            return list(store.documents())

    @property
    def entities(self) -> list[dict[str, Any]]:
        with self._store() as store:
            return store.entities()

    def records(self, kind: str) -> list[dict[str, Any]]:
        with self._store() as store:
            return list(store.records(kind))

    @property
    def failures(self) -> list[Failure]:
        return self.result.failures

    def search(self, query: str, limit: int = 10) -> list[dict[str, Any]]:
        with self._store() as store:
            return store.search(query, limit)

    def to_dict(self) -> dict[str, Any]:
        from newsweave.export.json import build_analysis

        with self._store() as store:
            return build_analysis(store)

    def __repr__(self) -> str:
        return (f"Analysis(db={self.db!r}, documents={self.result.documents}, "
                f"failures={len(self.result.failures)})")


def analyze(paths_or_texts: Iterable[str | Path] | str | Path, *, db: str | Path | None = None,
            options: Options | None = None) -> Analysis:
    """Analyse files, folders, globs (``Path`` or ``str``) or article texts (``str`` with a newline,
    or any string that names no existing path), and return an :class:`Analysis`.

    >>> analysis = newsweave.analyze(["examples/kursk"])          # doctest: +SKIP
    >>> [e["name"] for e in analysis.entities[:3]]               # doctest: +SKIP
    ['Ukraine', 'Kursk', 'Russia']
    """
    if isinstance(paths_or_texts, (str, Path)):
        paths_or_texts = [paths_or_texts]
    paths, texts = [], []
    for item in paths_or_texts:
        is_path = isinstance(item, Path) or ("\n" not in item and len(item) < 4096 and _exists(item))
        (paths if is_path else texts).append(item)
    options = options or Options()
    db = db or Path(tempfile.mkdtemp(prefix="newsweave-")) / "newsweave.db"

    def items() -> Iterator[Document | Failure]:
        yield from read_inputs(paths, options)
        yield from read_texts(texts)

    with Store(db) as store:
        result = run_pipeline(items(), store, options)
    return Analysis(db, result)


def _exists(item: str) -> bool:
    import glob

    return item == "-" or Path(item).exists() or bool(glob.glob(item))
