"""Claims across sources: which sources assert, attribute, dispute or ignore each statement.

Statements (from :mod:`newsweave.extract.claims`) are aligned by meaning: a
sentence embedding (all-MiniLM-L6-v2, CPU, batched, loaded once per process)
blended with the overlap of their content stems, so "Syrskyi denied threats of
encirclement" meets "Ukrainian forces were encircled" through *encirc-*. Pairs
are found among each statement's nearest neighbours (chunked matrix products,
never the full square for a large corpus) and merged greedily, strongest first,
while every pair in a claim stays similar (no chaining through a middle sentence).

A denial that names no proposition of its own ("called the claim untrue") joins
the statement before it in the same article. Only explicit denials dispute (a
bare negation is too often about something else: "It was not clear how many").
A claim is a contradiction when
someone asserts or attributes it and someone else disputes it.

Positions: each article's recommendations (who should act, what to do), its
theses (its own most central statements) and its stance on the story's questions,
which are the claims and the recommendations that at least two sources address.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsweave.embeddings import embed
from newsweave.model import content_id

SIMILAR = 0.48  # blended similarity above which two statements state one claim
KEEP_TOGETHER = 0.35  # every pair inside a claim stays above this
QUESTION_SIMILAR = 0.48  # recommendations about one question
NEIGHBOURS = 12
STOP = frozenset("""about after again against also although among another because been before being between both
could does doing down during each either even every from further have having here into itself just least less
like made make many more most much must need neither never only other ought over same should since some such than
that their them then there these they this those through under until very were what when where whether which
while will with within without would your said says told according""".split())
GENERIC = frozenset({"claim", "claims", "report", "reports", "statement", "allegation", "allegations", "assertion",
                     "accusation", "idea", "notion", "story", "rumor", "rumour", "called", "calls", "call"})
DENIAL = frozenset({"deny", "denied", "denies", "reject", "rejected", "dismissed", "untrue", "false", "lie", "lies",
                    "challenged", "disputed", "refuted", "baseless", "fake"})
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def names(text: str) -> frozenset[str]:
    """Stems of capitalised words not at the start of the text: names, which anchor no proposition."""
    return frozenset(m.group().lower()[:6] for m in WORD.finditer(text) if m.start() > 0 and m.group()[0].isupper())


# Stems of words that only report a statement ("insisted", "insistence", "argued"): the frame, not
# the proposition, so two statements sharing only their frame are not one claim (reporting verbs
# whose stems also name things, "charges", "States", "agreement", "observers", stay)
FRAME_STEMS = frozenset(w[:6] for w in """insist assert argue argument claim allege contend maintain stress
emphasise emphasize explain acknowledge admit concede believe think suggest""".split())


def stems(text: str) -> frozenset[str]:
    """Content-word stems: the first six letters of words of four letters or more, stop words
    and reporting words out.

    >>> sorted(stems("Forces were encircled; threats of encirclement, he insisted"))
    ['encirc', 'forces', 'threat']
    """
    return frozenset(stem for w in WORD.findall(text) if len(w) >= 4 and w.lower() not in STOP
                     and (stem := w.lower()[:6]) not in FRAME_STEMS)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class _Lexicon:
    """Inverse document frequencies of stems over the statements being aligned.

    Words every statement of the story shares ("Kursk", "forces") say little;
    a rare stem shared by two statements ("encirc-") anchors them to one claim.
    """

    def __init__(self, bags: Sequence[frozenset[str]]):
        df = Counter(stem for bag in bags for stem in bag)
        n = max(1, len(bags))
        self.idf = {stem: float(np.log((n + 1) / (c + 0.5))) for stem, c in df.items()}
        self.rare = max(3, int(0.04 * n))
        self.df = df
        self.names: frozenset[str] = frozenset()

    def overlap(self, a: frozenset[str], b: frozenset[str]) -> tuple[float, bool]:
        """(IDF-weighted Jaccard, whether they share a rare stem)."""
        shared = a & b
        if not shared:
            return 0.0, False
        union = sum(self.idf.get(s, 0.0) for s in a | b) or 1.0
        return (sum(self.idf.get(s, 0.0) for s in shared) / union,
                any(self.df[s] <= self.rare for s in shared - self.names))


def neighbours(vectors: np.ndarray, k: int = NEIGHBOURS, chunk: int = 2048) -> list[list[tuple[int, float]]]:
    """Each row's ``k`` most similar other rows by cosine, computed in chunks of rows."""
    n = len(vectors)
    out: list[list[tuple[int, float]]] = []
    k = min(k, n - 1)
    if k <= 0:
        return [[] for _ in range(n)]
    for lo in range(0, n, chunk):
        sims = vectors[lo:lo + chunk] @ vectors.T
        for r in range(sims.shape[0]):
            sims[r, lo + r] = -1.0
        idx = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for r, row in enumerate(idx):
            out.append([(int(j), float(sims[r, j])) for j in row])
    return out


ANAPHOR = re.compile(r"^(?:claims?|allegations?|assertions?|accusations?|reports?)\b|\b(?:the|this|that|these|those|"
                     r"such)\s+(?:claims?|allegations?|assertions?|accusations?|reports?|idea|notion|story|rumou?rs?)\b",
                     re.IGNORECASE)


def _anaphoric(statement: dict[str, Any]) -> bool:
    """A denial that points back instead of naming its proposition: "Zelensky called the claim untrue"."""
    return statement["stance"] == "disputes" and bool(ANAPHOR.search(statement["text"]))


def _clusters(statements: list[dict[str, Any]], vectors: np.ndarray, bags: list[frozenset[str]]) -> list[list[int]]:
    """Greedy merging of similar statements into claims, strongest pairs first."""
    n = len(statements)
    lexicon = _Lexicon(bags)
    lexicon.names = frozenset().union(*(names(s["text"]) for s in statements)) if statements else frozenset()

    def score(i: int, j: int, cos: float | None = None) -> float:
        cos = float(vectors[i] @ vectors[j]) if cos is None else cos
        overlap, anchored = lexicon.overlap(bags[i], bags[j])
        return 0.5 * cos + 0.5 * overlap + (0.15 if anchored else 0.0)

    found: dict[tuple[int, int], float] = {}
    for i, row in enumerate(neighbours(vectors)):
        for j, cos in row:
            s = score(i, j, cos)
            if s >= SIMILAR and (statements[i]["doc"] != statements[j]["doc"]
                                 or statements[i]["stance"] != statements[j]["stance"]):
                found[min(i, j), max(i, j)] = s
    pairs = sorted(((s, i, j) for (i, j), s in found.items()), reverse=True)
    owner = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, i, j in pairs:
        a, b = owner[i], owner[j]
        if a == b:
            continue
        if any(score(x, y) < KEEP_TOGETHER for x in members[a] for y in members[b]):
            continue
        for x in members[b]:
            owner[x] = a
        members[a].extend(members.pop(b))
    # anaphoric denials join the statement just before them in their article
    previous: dict[str, int] = {}
    for i in sorted(range(n), key=lambda i: (statements[i]["doc"], statements[i]["start"])):
        doc = statements[i]["doc"]
        if _anaphoric(statements[i]) and doc in previous and len(members.get(owner[i], ())) == 1:
            a = owner[previous[doc]]
            members.pop(owner[i], None)
            owner[i] = a
            members[a].append(i)
        else:
            previous[doc] = i
    return [sorted(m, key=lambda i: (statements[i]["doc"], statements[i]["start"])) for m in members.values()]


def _mention(s: dict[str, Any], stance: str) -> dict[str, Any]:
    return {"doc": s["doc"], "start": s["start"], "end": s["end"], "stance": stance, "by": s.get("by"),
            "text": s["text"]}


def _claim(group: list[dict[str, Any]]) -> dict[str, Any] | None:
    mentions = [_mention(s, s["stance"]) for s in group]
    docs = {m["doc"] for m in mentions}
    stances = Counter(m["stance"] for m in mentions)
    if len(docs) < 2 and len(stances) < 2:
        return None
    holders_for = {m["by"] for m in mentions if m["stance"] != "disputes"}
    holders_against = {m["by"] for m in mentions if m["stance"] == "disputes"}
    contradiction = bool(stances["disputes"]) and bool(stances["asserts"] + stances["attributes"]) and (
        holders_for != holders_against or None in holders_for)
    head = min((m for m in mentions if m["stance"] != "disputes"), default=mentions[0],
               key=lambda m: (m["stance"] != "attributes" if contradiction else m["stance"] != "asserts",
                              len(m["text"])))
    return {
        "id": content_id("|".join(f"{m['doc']}:{m['start']}" for m in mentions), "c"),
        "statement": head["text"], "mentions": mentions, "contradiction": contradiction,
        "sources": sorted(docs),
    }


def align_claims(statements: Sequence[dict[str, Any]], vectors: np.ndarray | None = None) -> list[dict[str, Any]]:
    """Claims that several sources state, or that someone disputes: see the module docstring.

    ``statements`` are statement records as dicts; ``vectors`` their embeddings
    (computed when not given). Returns claims with ``id``, ``statement``,
    ``mentions`` [{doc, start, end, stance, by, text}], ``contradiction`` and
    ``sources``, contradictions first, then by the number of sources.
    """
    facts = [s for s in statements if s["type"] == "fact"]
    if vectors is None:
        vectors = embed([s["text"] for s in facts])
    else:
        keep = [i for i, s in enumerate(statements) if s["type"] == "fact"]
        vectors = vectors[keep]
    bags = [stems(s["text"]) for s in facts]
    claims = [c for g in _clusters(facts, vectors, bags) if (c := _claim([facts[i] for i in g]))]
    claims.sort(key=lambda c: (not c["contradiction"], -len(c["sources"]), -len(c["mentions"])))
    return claims


def _question(rec: dict[str, Any]) -> str:
    """"The US should help Ukraine ..." → "Should the US help Ukraine ...?"."""
    text, actor, modal = rec["text"].strip().rstrip(".!"), rec.get("actor"), rec.get("modal") or "should"
    match = re.search(rf"\b{re.escape(modal)}\b(?:\s+not)?\s+", text, re.IGNORECASE) if modal else None
    if actor and match:
        rest = text[match.end():]
        rest = re.sub(r"^(?:now|also|still|then|eventually)\s+", "", rest)
        subject = actor[:1].lower() + actor[1:] if actor.split()[0].lower() in ("the", "a", "an") else actor
        verb = "Should" if modal != "would do well to" else "Would"
        return f"{verb} {subject} {rest if modal != 'would do well to' else 'do well to ' + rest}?"
    return text + "?"


def positions(statements: Sequence[dict[str, Any]], genres: dict[str, dict[str, Any]], claims: list[dict[str, Any]],
              vectors: np.ndarray, documents: Sequence[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(positions per document, questions): see the module docstring."""
    recs = [i for i, s in enumerate(statements) if s["type"] == "recommendation" and s["stance"] == "asserts"]
    questions: list[dict[str, Any]] = []
    # recommendations that at least two sources make (or oppose) are questions
    if recs:
        sub = vectors[recs]
        sims = sub @ sub.T
        taken: set[int] = set()
        order = sorted(range(len(recs)), key=lambda a: -float(sims[a].sum()))
        for a in order:
            if a in taken:
                continue
            group = [b for b in range(len(recs)) if b not in taken and sims[a, b] >= QUESTION_SIMILAR]
            docs = {statements[recs[b]]["doc"] for b in group}
            if len(docs) < 2:
                continue
            taken.update(group)
            head = statements[recs[a]]
            questions.append({
                "id": content_id(f"q|{head['doc']}|{head['start']}", "q"), "kind": "recommendation",
                "question": _question(head),
                "stances": {statements[recs[b]]["doc"]: ("against" if statements[recs[b]].get("negated") else "for")
                            for b in group},
                "evidence": [{"doc": statements[recs[b]]["doc"], "start": statements[recs[b]]["start"],
                              "end": statements[recs[b]]["end"]} for b in group],
            })
    for claim in claims:
        if len(claim["sources"]) < 2 and not claim["contradiction"]:
            continue
        stances = {}
        for m in claim["mentions"]:
            stances.setdefault(m["doc"], m["stance"])
            if m["stance"] == "disputes" or (m["stance"] == "asserts" and stances[m["doc"]] == "attributes"):
                stances[m["doc"]] = m["stance"]
        questions.append({
            "id": "q" + claim["id"], "kind": "claim", "question": claim["statement"].strip().rstrip(".") + "?",
            "claim": claim["id"], "stances": stances,
            "evidence": [{"doc": m["doc"], "start": m["start"], "end": m["end"]} for m in claim["mentions"]],
        })
    out = []
    rec_set = set(recs)
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        by_doc[s["doc"]].append(i)
    for doc in documents:
        mine = by_doc.get(doc, [])
        own = [i for i in mine if statements[i]["stance"] == "asserts" and statements[i]["type"] == "fact"]
        theses = []
        if own:
            centroid = vectors[mine].mean(axis=0)
            ranked = sorted(own, key=lambda i: -float(vectors[i] @ centroid))[:3]
            theses = [_span(statements[i]) for i in sorted(ranked, key=lambda i: statements[i]["start"])]
        recommendations = [dict(_span(statements[i]), actor=statements[i].get("actor"),
                                negated=statements[i].get("negated", False))
                           for i in mine if i in rec_set]
        actors = Counter(r["actor"] for r in recommendations if r["actor"])
        genre = genres.get(doc, {})
        out.append({
            "doc": doc, "genre": genre.get("genre"), "theses": theses, "recommendations": recommendations,
            "actors": [a for a, _ in actors.most_common()],
            "stances": {q["id"]: q["stances"].get(doc, "silent") for q in questions},
        })
    return out, questions


def _span(s: dict[str, Any]) -> dict[str, Any]:
    return {"doc": s["doc"], "start": s["start"], "end": s["end"], "text": s["text"]}
