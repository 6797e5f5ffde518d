"""The story across sources: claims, positions, questions, a summary and genres, from the store.

:func:`story` is corpus-level work run after every article is processed (the
lead calls it from :func:`newsweave.analysis.reconcile`); its lists go into
``analysis.json`` beside the per-document records.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from newsweave.embeddings import embed
from newsweave.reconcile.claims import align_claims, positions
from newsweave.reconcile.summary import summarize
from newsweave.store.sqlite import Store

MAX_STATEMENTS = 40_000  # beyond this, the least confident statements are left out of alignment


def story_from(documents: list[dict[str, Any]], statements: list[dict[str, Any]], genres: list[dict[str, Any]],
               timexes: list[dict[str, Any]] = (), summary_length: int = 8) -> dict[str, Any]:
    """The story from plain lists: see :func:`story`."""
    current = [d["id"] for d in documents if not d.get("superseded_by") and not d.get("_superseded")]
    keep = set(current)
    statements = [s for s in statements if s["doc"] in keep]
    if len(statements) > MAX_STATEMENTS:
        statements = sorted(statements, key=lambda s: -s.get("confidence", 0))[:MAX_STATEMENTS]
    statements.sort(key=lambda s: (s["doc"], s["start"]))
    vectors = embed([s["text"] for s in statements]) if statements else np.zeros((0, 384), np.float32)
    facts = [i for i, s in enumerate(statements) if s["type"] == "fact"]
    claims = align_claims([statements[i] for i in facts], vectors[facts] if facts else None)
    by_doc = {g["doc"]: g for g in genres if g["doc"] in keep}
    doc_positions, questions = positions(statements, by_doc, claims, vectors, current)
    dates = {d["id"]: (d.get("published") or {}).get("value") for d in documents}
    summary = summarize(statements, vectors, length=summary_length, claims=claims,
                        timexes=[t for t in timexes if t["doc"] in keep], doc_dates=dates)
    return {
        "claims": claims,
        "questions": questions,
        "positions": doc_positions,
        "summary": summary,
        "genres": [{"doc": g["doc"], "genre": g["genre"], "confidence": g["confidence"],
                    "evidence": g.get("evidence", [])} for g in by_doc.values()],
    }


def story(store: Store, summary_length: int = 8) -> dict[str, Any]:
    """Claims, questions, positions, summary and genres of the current documents in ``store``.

    Returns ``{"claims", "questions", "positions", "summary", "genres"}``, each a
    JSON-ready list; all spans are ``doc``/``start``/``end`` into original texts.
    Empty lists when the statements and genres stages have not run.
    """
    documents = list(store.documents(with_text=False))
    replaced = {d["previous"] for d in documents if d.get("previous")}
    for d in documents:
        d["_superseded"] = d["id"] in replaced
    return story_from(documents, list(store.records("statements")), list(store.records("genres")),
                      list(store.records("timexes")), summary_length)
