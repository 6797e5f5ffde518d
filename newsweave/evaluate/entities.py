"""Entity evaluation on MEANTIME: named-mention detection and cross-document coreference.

Gold subset (stated, since MEANTIME annotates far more than names): entity
mentions that refer to an entity of type PER, ORG or LOC and are named: their
``syntactic_type`` is ``NAM`` or ``PRE.NAM``, or (for the cross-document layer's
mentions, which carry no ``syntactic_type``) every word is capitalised, "of",
"and", "the" and a possessive aside. MEANTIME does not annotate every name in a
text (only entities taking part in annotated events), so plain precision is
understated; ``mention_precision_annotated`` counts only system mentions that
overlap some gold entity mention. Pronouns, nominals and products (PRO) are left
out. Gold identities are the cross-document ``instance_id``; an entity without
one is its own in-document identity.

Mention detection: a system mention labelled person/organisation/place matches
a gold mention (one-to-one) when the spans overlap and end at the same
character, possessive aside (MEANTIME often includes an appositive or article
before a name: "European aircraft manufacturer, Airbus"); ``mention_f1_strict``
needs identical spans. Type is not required to agree for detection.

Coreference, two settings, each with an exact-string baseline beside it:

- ``end_to_end`` (the headline ``b3_f1``, ``ceafe_f1``): our detected mentions
  reconciled across all documents; a gold mention we missed, or a system
  mention not in the gold subset, is twinless (scored as in the CoNLL reference
  scorer: it counts in the denominators and overlaps nothing).
- ``gold_mentions``: the gold mentions' texts and types given to the
  reconciler, isolating cross-document merging from detection.

The baseline merges two mentions only when type and exact text agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path

from newsweave.evaluate import f1
from newsweave.evaluate.meantime import UNANNOTATED, CatDocument, GoldMention, read_corpus
from newsweave.model import Document, Mention

GOLD_SYNTACTIC = frozenset({"NAM", "PRE.NAM"})
NAME_GLUE = frozenset({"of", "and", "the", "'s", "’s", "&", "-", "de"})
GOLD_TYPES = {"PER": "person", "ORG": "organisation", "LOC": "place"}
SYSTEM_TYPES = frozenset(GOLD_TYPES.values())
POSSESSIVE_TAIL = ("'s", "’s", "'", "’")

Clusters = list[set[Hashable]]


# --- Scores --------------------------------------------------------------------------------------


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """B³ precision, recall, F1 (Bagga & Baldwin), twinless mentions as in the CoNLL scorer."""
    def score(a: Clusters, b: Clusters) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        total = sum(len(c) for c in a)
        if not total:
            return 0.0
        acc = 0.0
        for c in a:
            overlaps: dict[int, int] = defaultdict(int)
            for m in c:
                if m in where:
                    overlaps[where[m]] += 1
            acc += sum(n * n for n in overlaps.values()) / len(c)
        return acc / total

    r, p = score(key, response), score(response, key)
    return p, r, f1(p, r)


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """MUC precision, recall, F1 (Vilain et al., 1995): links kept, counted per cluster.

    Recall is the sum over key clusters of ``|K| - partitions(K)`` over the sum of
    ``|K| - 1``, where a mention the response lacks is a partition of its own; precision is
    the same with the roles swapped. Singletons carry no links and count for nothing.
    """
    def score(a: Clusters, b: Clusters) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        links = sum(len(c) - 1 for c in a)
        if not links:
            return 0.0
        kept = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            kept += len(c) - len(parts)
        return kept / links

    r, p = score(key, response), score(response, key)
    return p, r, f1(p, r)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """Entity-based CEAF (φ4) precision, recall, F1 with the optimal cluster alignment."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not key or not response:
        return 0.0, 0.0, 0.0
    where = {m: i for i, c in enumerate(response) for m in c}
    sim = np.zeros((len(key), len(response)))
    for i, k in enumerate(key):
        for m in k:
            j = where.get(m)
            if j is not None:
                sim[i, j] += 1
    sizes_k = np.array([len(k) for k in key])[:, None]
    sizes_r = np.array([len(r) for r in response])[None, :]
    sim = 2 * sim / (sizes_k + sizes_r)
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    p, r = total / len(response), total / len(key)
    return float(p), float(r), float(f1(p, r))


def clusters_of(items: Iterable[tuple[Hashable, Hashable]]) -> Clusters:
    """Clusters from (mention, cluster id) pairs."""
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, cluster in items:
        groups[cluster].add(mention)
    return list(groups.values())


# --- Systems -------------------------------------------------------------------------------------


def _named(g: GoldMention) -> bool:
    if g.syntactic_type in GOLD_SYNTACTIC:
        return True
    if g.syntactic_type != UNANNOTATED:
        return False
    words = [w for w in g.text.split() if w.lower() not in NAME_GLUE]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


def gold_subset(docs: list[CatDocument]) -> list[GoldMention]:
    """Named PER/ORG/LOC mentions, one per span (see the module docstring)."""
    seen, out = set(), []
    for d in docs:
        for g in d.mentions:
            if g.ent_type in GOLD_TYPES and _named(g) and (g.doc, g.start, g.end) not in seen:
                seen.add((g.doc, g.start, g.end))
                out.append(g)
    return out


def detect(docs: list[CatDocument]) -> list[Mention]:
    """Our mention stage on the rebuilt texts (no cleaning: MEANTIME texts are bodies)."""
    from newsweave.config import Options
    from newsweave.pipeline import Pipeline

    pipeline = Pipeline.build(["mentions.spacy"], Options(clean=False))
    documents = [Document(id=d.id, text=d.text, source=d.id) for d in docs]
    out: list[Mention] = []
    for article in pipeline.process_batch(documents):
        out.extend(m for m in article.records.get("mentions", []) if m.label in SYSTEM_TYPES)
    return out


def _trim(text: str, end: int) -> int:
    for tail in POSSESSIVE_TAIL:
        if text.endswith(tail):
            return end - len(tail)
    return end


def align(gold: list[GoldMention], system: list[Mention], strict: bool = False) -> dict[str, GoldMention]:
    """One-to-one: system mention id -> the gold mention it matches (see the module docstring)."""
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for g in gold:
        by_doc[g.doc].append(g)
    used: set[tuple[str, str]] = set()
    out: dict[str, GoldMention] = {}
    for m in sorted(system, key=lambda m: (m.doc, m.start)):
        end = _trim(m.text, m.end)
        for g in by_doc.get(m.doc, ()):
            if (g.doc, g.m_id) in used:
                continue
            hit = (g.start == m.start and g.end == m.end) if strict else (
                g.start < m.end and m.start < g.end and _trim(g.text, g.end) == end)
            if hit:
                used.add((g.doc, g.m_id))
                out[m.id] = g
                break
    return out


def exact_string(mentions: list[Mention]) -> dict[str, str]:
    """The baseline: one identity per (type, exact text)."""
    return {m.id: f"{m.label}|{m.text}" for m in mentions}


def ours(mentions: list[Mention]) -> dict[str, str]:
    from newsweave.reconcile.entities import reconcile_entities

    return reconcile_entities(mentions, geocode=False)[1]


def _coref_scores(key: list[tuple[Hashable, str, str]], response: list[tuple[Hashable, str, str]],
                  ) -> dict[str, dict[str, float]]:
    """Scores overall and per type; items are (mention, cluster, type)."""
    out = {}
    for name, keep in [("all", None)] + [(t, t) for t in sorted(SYSTEM_TYPES)]:
        k = clusters_of((m, c) for m, c, t in key if keep is None or t == keep)
        r = clusters_of((m, c) for m, c, t in response if keep is None or t == keep)
        b3, ce = b_cubed(k, r), ceaf_e(k, r)
        out[name] = {"b3_p": b3[0], "b3_r": b3[1], "b3_f1": b3[2],
                     "ceafe_p": ce[0], "ceafe_r": ce[1], "ceafe_f1": ce[2]}
    return out


def _end_to_end(gold, system, matched, resolver: Callable[[list[Mention]], dict[str, str]]):
    assignment = resolver(system)
    key = [((g.doc, g.m_id), g.entity, GOLD_TYPES[g.ent_type]) for g in gold]
    response = []
    for m in system:
        g = matched.get(m.id)
        mention = (g.doc, g.m_id) if g else m.id
        response.append((mention, assignment[m.id], GOLD_TYPES[g.ent_type] if g else m.label))
    return _coref_scores(key, response)


def _on_gold(gold: list[GoldMention], resolver):
    mentions = [Mention(doc=g.doc, start=g.start, end=g.end, text=g.text, extractor="gold",
                        label=GOLD_TYPES[g.ent_type]) for g in gold]
    assignment = resolver(mentions)
    key = [(m.id, g.entity, m.label) for m, g in zip(mentions, gold)]
    response = [(m.id, assignment[m.id], m.label) for m in mentions]
    return _coref_scores(key, response)


def evaluate(data: Path, limit: int | None = None) -> dict:
    """Score mention detection and cross-document coreference on MEANTIME under ``data``.

    ``data`` is the MEANTIME folder (or any folder above it holding ``meantime/``).
    """
    folder = data / "meantime" if (data / "meantime").is_dir() else data
    docs = read_corpus(folder, limit)
    gold = gold_subset(docs)
    system = detect(docs)
    matched = align(gold, system)
    spans_by_doc = {d.id: d.mentions for d in docs}
    strict = align(gold, system, strict=True)
    p = len(matched) / len(system) if system else 0.0
    r = len(matched) / len(gold) if gold else 0.0
    annotated = [m for m in system if any(g.start < m.end and m.start < g.end
                                          for g in spans_by_doc.get(m.doc, ()))]
    pa = sum(1 for m in annotated if m.id in matched) / len(annotated) if annotated else 0.0
    ps = len(strict) / len(system) if system else 0.0
    rs = len(strict) / len(gold) if gold else 0.0
    e2e, e2e_base = _end_to_end(gold, system, matched, ours), _end_to_end(gold, system, matched, exact_string)
    on_gold, on_gold_base = _on_gold(gold, ours), _on_gold(gold, exact_string)
    return {
        "dataset": "MEANTIME (airbus, apple)",
        "documents": len(docs),
        "gold_mentions": len(gold),
        "gold_entities": len({g.entity for g in gold}),
        "system_mentions": len(system),
        "gold_subset": "named mentions (NAM, PRE.NAM, or unannotated and capitalised) of PER/ORG/LOC",
        "mention_precision": p, "mention_recall": r, "mention_f1": f1(p, r),
        "mention_f1_strict": f1(ps, rs),
        "mention_precision_annotated": pa,
        "b3_f1": e2e["all"]["b3_f1"], "ceafe_f1": e2e["all"]["ceafe_f1"],
        "end_to_end": e2e,
        "gold_mentions_setting": on_gold,
        "baselines": {
            "exact_string": {
                "b3_f1": e2e_base["all"]["b3_f1"], "ceafe_f1": e2e_base["all"]["ceafe_f1"],
                "end_to_end": e2e_base, "gold_mentions_setting": on_gold_base,
            },
        },
    }


def render(result: dict) -> str:
    """A plain-text table: our figures beside the exact-string baseline on the same mentions."""
    base = result["baselines"]["exact_string"]
    lines = [
        f"Entities on {result['dataset']}: {result['documents']} documents, "
        f"{result['gold_mentions']} gold named mentions of {result['gold_entities']} entities "
        f"({result['gold_subset']}); {result['system_mentions']} system mentions.",
        "",
        f"Mention detection  P {result['mention_precision']:.3f}  R {result['mention_recall']:.3f}  "
        f"F1 {result['mention_f1']:.3f}  (strict spans F1 {result['mention_f1_strict']:.3f}; "
        f"precision on annotated spans {result['mention_precision_annotated']:.3f})",
        "",
        f"{'cross-document coreference':<34}{'B3 F1':>8}{'CEAF-e F1':>11}   {'baseline B3':>11}{'CEAF-e':>8}",
    ]
    for setting, key in (("end to end", "end_to_end"), ("on gold mentions", "gold_mentions_setting")):
        for t, ours in result[key].items():
            b = base[key][t]
            lines.append(f"{setting + ' / ' + t:<34}{ours['b3_f1']:>8.3f}{ours['ceafe_f1']:>11.3f}   "
                         f"{b['b3_f1']:>11.3f}{b['ceafe_f1']:>8.3f}")
    lines += ["", "Baseline: exact-string match (same type, same text) on the same mentions. "
                  "No published figure for this exact setting (named PER/ORG/LOC subset) is known to us."]
    return "\n".join(lines)
