"""A multi-document extractive summary: central, free of repetition, in story order, cited.

Units are the statements of every article (clauses with offsets, so each
summary sentence links to its document and characters). Selection is maximal
marginal relevance: a unit's relevance is its similarity to the corpus centroid,
lifted for units that several sources state (claims) and for early units of an
article (news puts the point first), and lowered for units that lean on the text before
them (a connective or an anaphor first: "So it would ...", "Under this strategy, ...", "He
added ..."; they read wrongly out of their place); each pick must not repeat an earlier one
(cosine above :data:`REPEAT` is a repetition and is never taken). The picks are
then ordered as a story: by the date the unit speaks of when a resolved time
expression lies inside it, else by its article's date (when known to within a month), then by offset.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsweave.extract.timex import anchor_day

REPEAT = 0.80  # cosine above which two units say the same thing
MMR_LAMBDA = 0.7
MIN_WORDS, MAX_WORDS = 8, 60
# A unit that opens by pointing back at the text before it: a connective, a pronoun or a
# demonstrative, alone or after a preposition ("Under this strategy").
LEANS_BACK = re.compile(
    r"^(?:(?:so|but|and|or|yet|still|also|however|meanwhile|then|thus|therefore|instead|moreover|"
    r"besides|nevertheless|nonetheless|otherwise|indeed|likewise|similarly|hence|accordingly)\b"
    r"|(?:he|she|it|they|his|her|its|their|this|these|those|that|such)\b"
    r"|(?:under|in|with|for|at|by|after|before|despite|given|from|on|of)\s+(?:this|these|those|that|such)\b)",
    re.IGNORECASE,
)
LEANS_BACK_PENALTY = 0.15


def _time_key(unit: dict[str, Any], timexes: Sequence[dict[str, Any]], doc_dates: dict[str, str]) -> str:
    for t in timexes:
        value = t.get("value") or ""
        if unit["start"] <= t["start"] < unit["end"] and value[:4].isdigit():
            return value[:10]
    # an article dated only roughly ("2019-08-01/2025-09-30", inferred from thin evidence) goes
    # with the undated ones after the rest rather than at the start of its wide range
    day = anchor_day(doc_dates.get(unit["doc"]) or "")
    return day.isoformat() if day else "9999"


def summarize(statements: Sequence[dict[str, Any]], vectors: np.ndarray, *, length: int = 8,
              claims: Sequence[dict[str, Any]] = (), timexes: Sequence[dict[str, Any]] = (),
              doc_dates: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Pick ``length`` statements that cover the corpus without repeating themselves.

    ``vectors`` are the statements' unit-length embeddings (row per statement).
    Returns ``[{"doc", "start", "end", "text", "score"}]`` in story order.
    """
    doc_dates = doc_dates or {}
    eligible = [i for i, s in enumerate(statements)
                if MIN_WORDS <= len(s["text"].split()) <= MAX_WORDS and not s["text"].rstrip().endswith("?")]
    if not eligible or length <= 0:
        return []
    sub = vectors[eligible]
    centroid = sub.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    relevance = sub @ centroid
    shared = {(m["doc"], m["start"]) for c in claims if len(c.get("sources", ())) > 1 for m in c["mentions"]}
    rank_in_doc: dict[str, int] = {}
    for pos, i in enumerate(sorted(eligible, key=lambda i: (statements[i]["doc"], statements[i]["start"]))):
        rank_in_doc[(statements[i]["doc"], statements[i]["start"])] = pos
    first: dict[str, int] = {}
    for i in eligible:
        first.setdefault(statements[i]["doc"], rank_in_doc[(statements[i]["doc"], statements[i]["start"])])
    for k, i in enumerate(eligible):
        s = statements[i]
        key = (s["doc"], s["start"])
        relevance[k] += 0.08 * (key in shared) + 0.06 / (1 + rank_in_doc[key] - first[s["doc"]])
        relevance[k] -= LEANS_BACK_PENALTY * bool(LEANS_BACK.match(s["text"].lstrip(" \"“'‘(")))
    chosen: list[int] = []
    best_sim = np.full(len(eligible), -1.0, dtype=np.float32)
    available = np.ones(len(eligible), dtype=bool)
    while len(chosen) < length and available.any():
        mmr = MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * np.maximum(best_sim, 0)
        mmr[~available] = -np.inf
        k = int(np.argmax(mmr))
        chosen.append(k)
        available[k] = False
        sims = sub @ sub[k]
        best_sim = np.maximum(best_sim, sims)
        available &= sims < REPEAT
    picked = []
    for k in chosen:
        s = statements[eligible[k]]
        picked.append({"doc": s["doc"], "start": s["start"], "end": s["end"], "text": s["text"],
                       "score": round(float(relevance[k]), 4),
                       "time": _time_key(s, [t for t in timexes if t["doc"] == s["doc"]], doc_dates)})
    picked.sort(key=lambda p: (p["time"], doc_dates.get(p["doc"]) or "9999", p["doc"], p["start"]))
    return picked
