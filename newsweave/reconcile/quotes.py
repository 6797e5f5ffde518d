"""Quotes across the story: each speaker's canonical entity, and one statement quoted by several sources.

:func:`speaker_entities` maps every quote's speaker to the canonical entity of the mention
that names it (the speaker span itself, or, for a pronoun or surname the quote stage resolved
to a full name, the entity that has that name as an alias in the same document).

:func:`shared_statements` links the quotes of different documents that report one statement:

* the same words: two direct or partial quotes that share a run of :data:`RUN` words, or are
  the same short quote ("a digger"), are one statement even when one outlet quotes less of it;
* the same claim in other words: reported speech by the same speaker entity whose contents'
  MiniLM embeddings are at least :data:`PARAPHRASE` similar.

Two quotes whose speakers resolve to different entities are never linked (a reporter quoting
a politician's phrase back at someone else is not that politician's statement). Quotes are
grouped by word runs and by speaker, so the work stays near linear in the number of quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from newsweave.model import content_id

RUN = 6  # shared consecutive words that make two quotations one
SHORT = 3  # a whole quotation this many words or more, equal in both, is one statement too
PARAPHRASE = 0.85  # embedding similarity of two reported statements by one speaker
MAX_RUN_SHARERS = 64  # quotes one run of words is looked at in (a slogan quoted everywhere)
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def speaker_entities(quotes: Iterable[Mapping[str, Any]], mentions: Iterable[Mapping[str, Any]],
                     entities: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Quote id -> the canonical entity id of its speaker, for the quotes whose speaker is known."""
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for m in mentions:
        if m.get("entity"):
            by_doc[m["doc"]].append((m["start"], m["end"], m["entity"]))
    for spans in by_doc.values():
        spans.sort()
    aliases: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
    for e in entities:
        for alias in {e["name"], *(e.get("aliases") or {})}:
            aliases[alias].append((e["id"], set(e.get("documents") or ())))
    out = {}
    for q in quotes:
        if q.get("speaker_start") is None:
            continue
        spans = by_doc.get(q["doc"], [])
        i = bisect_left(spans, (q["speaker_start"], -1, ""))
        # the mention that is the speaker ("the Kremlin", "Lucas"), not one inside a longer
        # description ("Ukrainian" in "Ukrainian soldiers at the front")
        core = _DETERMINER.sub("", q.get("speaker_text") or "")
        whole = [s for s in spans[max(0, i - 1): i + 4]
                 if q["speaker_start"] <= s[0] and s[1] <= q["speaker_end"]
                 and (q["speaker_end"] - q["speaker_start"]) - (s[1] - s[0]) <= len(q["speaker_text"] or "") - len(core)]
        if whole:
            out[q["id"]] = whole[0][2]
            continue
        named = [eid for eid, docs in aliases.get(q.get("speaker") or "", ()) if q["doc"] in docs]
        if len(named) == 1:
            out[q["id"]] = named[0]
    return out


def _content(quote: Mapping[str, Any], texts: Mapping[str, str]) -> str:
    text = texts.get(quote["doc"], "")
    spans = quote.get("content_spans") or [(quote["content_start"], quote["content_end"])]
    return " ".join(text[a:b] for a, b in spans)


def shared_statements(quotes: list[Mapping[str, Any]], texts: Mapping[str, str],
                      speakers: Mapping[str, str], embed=None) -> list[dict[str, Any]]:
    """Groups of quotes from two or more documents that report one statement, most sources first.

    Each group: ``{id, speaker, speaker_entity, how, quotes: [{id, doc, start, end}], documents}``;
    ``how`` is "same words" or "same claim". ``embed`` (texts -> unit vectors) defaults to MiniLM.
    """
    quotes = [q for q in quotes if not q.get("duplicate_of") and q["doc"] in texts]
    words = [[w.lower() for w in _WORD.findall(_content(q, texts))] for q in quotes]
    parent = list(range(len(quotes)))
    how: dict[int, str] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def link(i: int, j: int, kind: str) -> None:
        a, b = quotes[i], quotes[j]
        if a["doc"] == b["doc"]:
            return
        sa, sb = speakers.get(a["id"]), speakers.get(b["id"])
        if sa and sb and sa != sb:
            return
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[rj] = ri
            how[ri] = "same words" if "same words" in (kind, how.get(ri), how.get(rj)) else kind

    runs: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, (q, ws) in enumerate(zip(quotes, words)):
        if q.get("quote_type") not in ("direct", "partial"):
            continue
        if SHORT <= len(ws) < RUN:
            runs[tuple(ws)].append(i)
        for k in range(len(ws) - RUN + 1):
            runs[tuple(ws[k:k + RUN])].append(i)
    for members in runs.values():
        members = sorted(set(members))[:MAX_RUN_SHARERS]
        if len({quotes[i]["doc"] for i in members}) > 1:
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    link(i, j, "same words")
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        if speakers.get(q["id"]) and len(words[i]) >= RUN:
            by_speaker[speakers[q["id"]]].append(i)
    blocks = [m for m in by_speaker.values() if len({quotes[i]["doc"] for i in m}) > 1]
    if blocks:
        if embed is None:
            from newsweave.embeddings import embed
        flat = [i for m in blocks for i in m]
        vectors = dict(zip(flat, embed([" ".join(words[i])[:500] for i in flat])))
        for members in blocks:
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    if float(vectors[i] @ vectors[j]) >= PARAPHRASE:
                        link(i, j, "same claim")
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(quotes)):
        groups[find(i)].append(i)
    out = []
    for root, members in groups.items():
        docs = sorted({quotes[i]["doc"] for i in members})
        if len(docs) < 2:
            continue
        entity = next((speakers[quotes[i]["id"]] for i in members if quotes[i]["id"] in speakers), None)
        speaker = next((quotes[i]["speaker"] for i in members if quotes[i].get("speaker")), None)
        linked = sorted(({"id": quotes[i]["id"], "doc": quotes[i]["doc"], "start": quotes[i]["start"],
                          "end": quotes[i]["end"]} for i in members), key=lambda q: (q["doc"], q["start"]))
        out.append({"id": content_id("|".join(q["id"] for q in linked), "s"), "speaker": speaker,
                    "speaker_entity": entity, "how": how.get(root, "same words"),
                    "quotes": linked, "documents": docs})
    out.sort(key=lambda g: (-len(g["documents"]), g["id"]))
    return out


__all__ = ["PARAPHRASE", "RUN", "shared_statements", "speaker_entities"]
