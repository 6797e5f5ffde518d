"""Exports: ``analysis.json`` (documented by ``analysis.schema.json``), JSONL, CSV and Parquet.

``analysis.json`` has a ``format`` and ``version``, the ``documents`` (with
their removed spans and text), then one list per record kind found in the
store (``entities``, ``mentions``, and any kind later stages add, such as
``timexes``, ``quantities``, ``quotes``), the corpus-level lists (``claims``,
``questions``, ``positions``, ``summary``, ``timeline``), and the ``failures`` of the runs.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsweave import __version__
from newsweave.model import SCHEMA_VERSION
from newsweave.store.sqlite import Store

FORMAT = "newsweave.analysis"
SCHEMA_PATH = Path(__file__).with_name("analysis.schema.json")
# Kinds stored per document that are shown inside each document rather than as a list.
DOCUMENT_KINDS = ("removed", "published")


def build_analysis(store: Store) -> dict[str, Any]:
    """The whole analysis as one JSON-ready dict."""
    newer = {d["previous"]: d["id"] for d in store.documents(with_text=False) if d["previous"]}
    documents = []
    for doc in store.documents():
        documents.append({
            "id": doc["id"], "source": doc["source"], "title": doc["title"], "outlet": doc["outlet"],
            "url": doc["url"], "authors": doc["authors"], "published": _published(doc["published"]),
            "word_count": doc["word_count"], "previous": doc["previous"],
            "superseded_by": newer.get(doc["id"]),
            "removed": [
                {"start": r["start"], "end": r["end"], "reason": r["reason"],
                 "extractor": r["extractor"], "confidence": r["confidence"]}
                for r in store.records("removed", doc["id"])
            ],
            "text": doc["text"],
        })
    analysis: dict[str, Any] = {
        "format": FORMAT,
        "version": SCHEMA_VERSION,
        "generator": f"newsweave {__version__}",
        "documents": documents,
        "entities": store.entities(),
    }
    for kind in store.kinds:
        if kind not in DOCUMENT_KINDS:
            analysis[kind] = list(store.records(kind))
    analysis.setdefault("mentions", [])
    analysis.update(store.story())
    analysis["failures"] = [
        {"source": f["source"], "code": f["code"], "error": f["error"]} for f in store.failures()
    ]
    return analysis


def _published(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if not value:
        return None
    return {
        "value": value["value"], "inferred": value.get("inferred", False),
        "source": value.get("source", "metadata"), "confidence": value.get("confidence", 1.0),
        "evidence": [list(span) for span in value.get("evidence", ())],
    }


def write_analysis(store: Store, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(build_analysis(store), fh, ensure_ascii=False, indent=1)
    tmp.replace(path)
    return path


def _rows(store: Store) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every item of the store as ``(kind, flat row)``; documents first."""
    for doc in store.documents():
        doc["published"] = json.dumps(doc["published"]) if doc["published"] else None
        doc["authors"] = "; ".join(doc["authors"])
        yield "documents", doc
    for entity in store.entities():
        yield "entities", {k: json.dumps(v) if isinstance(v, (dict, list)) else v for k, v in entity.items()}
    for kind in store.kinds:
        for record in store.records(kind):
            yield kind, {k: json.dumps(v) if isinstance(v, (dict, list)) else v for k, v in record.items()}


def export_jsonl(store: Store, out: Path) -> Path:
    """One JSON object a line, each with its ``kind``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for kind, row in _rows(store):
            fh.write(json.dumps({"kind": kind, **row}, ensure_ascii=False) + "\n")
    return out


def _tables(store: Store) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for kind, row in _rows(store):
        tables.setdefault(kind, []).append(row)
    return tables


def export_csv(store: Store, out: Path) -> Path:
    """A folder with one CSV file per kind (documents.csv, entities.csv, mentions.csv, ...)."""
    out.mkdir(parents=True, exist_ok=True)
    for kind, rows in _tables(store).items():
        columns = list(dict.fromkeys(k for row in rows for k in row))
        with (out / f"{kind}.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    return out


def export_parquet(store: Store, out: Path) -> Path:
    """A folder with one Parquet file per kind."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    for kind, rows in _tables(store).items():
        columns = list(dict.fromkeys(k for row in rows for k in row))
        table = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows])
        pq.write_table(table, out / f"{kind}.parquet")
    return out


EXPORTERS: dict[str, tuple[Callable[[Store, Path], Path], str]] = {
    "json": (write_analysis, "analysis.json"),
    "jsonl": (export_jsonl, "analysis.jsonl"),
    "csv": (export_csv, "csv"),
    "parquet": (export_parquet, "parquet"),
}


def export(store: Store, fmt: str, out: Path | None = None) -> Path:
    writer, default = EXPORTERS[fmt]
    return writer(store, Path(out) if out else Path(default))
