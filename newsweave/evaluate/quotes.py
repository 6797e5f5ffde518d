"""Score quote and attribution extraction on PolNeAR, beside textacy's direct_quotations.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution in
political news as Source / Cue / Content spans (brat stand-off). Both systems
run on the same spaCy parse of each article. Where an article was annotated by
several annotators, the first annotation file (by name) is the gold one.

How spans are compared (tokens are the ``\\w+`` words of the text, so quote
marks and punctuation never decide a match):

* **token-overlap match** (the headline ``content_f1``): a predicted content
  and a gold content match when their token sets overlap by at least half of
  their union (Jaccard ≥ 0.5); predictions and gold are paired one-to-one,
  best overlap first. Precision = matched predictions / predictions, recall =
  matched gold / gold.
* **exact match**: the token sets are identical.
* **partial match**: any shared token (the lenient measure of Pareti's PARC
  evaluations), also one-to-one.
* **token-level** precision/recall: over all content tokens of the document.
* **cue F1**: cue spans paired one-to-one when they share a token.
* **speaker accuracy**: over gold attributions that have a source and whose
  content was matched (token overlap): the predicted speaker span shares a
  token with the gold source span, or the predicted speaker's name and the
  gold source text share their last word ("Lucas" vs "Scott Lucas").

"Direct" gold attributions are those whose content starts and ends with a
quotation mark; the direct figures compare them with the predictions each
system labels direct (every textacy triple is a direct quotation).
"""

from __future__ import annotations

import argparse
import re
from itertools import islice
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.evaluate import precision_recall_f1
from newsweave.evaluate.brat import Attribution, read_ann

QUOTE_MARKS = "\"“”„«»‘’'"
PUBLISHED = {
    "name": "Gender Gap Tracker (Asr et al. 2021), own news set",
    "content_f1": 0.837,
    "speaker_accuracy": 0.86,
}
_WORD = re.compile(r"\w+")

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Prediction:
    """One predicted attribution, reduced to what is scored."""

    content: Ranges
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    speaker_name: str | None
    direct: bool


class _Tokens:
    """The word tokens of one text, to turn character ranges into token-index sets."""

    def __init__(self, text: str):
        self.starts = [m.start() for m in _WORD.finditer(text)]

    def of(self, ranges: Iterable[tuple[int, int]]) -> frozenset[int]:
        out: set[int] = set()
        for start, end in ranges:
            out.update(range(bisect_left(self.starts, start), bisect_left(self.starts, end)))
        return frozenset(out)


def polnear_split(data: Path, split: str) -> Path:
    """Find a PolNeAR split folder from the data folder, the PolNeAR folder or the split itself."""
    for candidate in (data / "polnear" / split, data / split, data):
        if (candidate / "text").is_dir() and (candidate / "attributions").is_dir():
            return candidate
    raise FileNotFoundError(
        f"no PolNeAR split '{split}' under {data}: expected {data}/polnear/{split}/text and attributions/"
    )


def load_documents(split_dir: Path, limit: int | None = None) -> list[tuple[str, str, list[Attribution]]]:
    """(name, text, gold attributions) for each article of a split, in name order."""
    anns: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    out = []
    for path in sorted((split_dir / "text").glob("*.txt")):
        if path.stem not in anns:
            continue
        out.append((path.stem, path.read_text(encoding="utf-8"), read_ann(anns[path.stem])))
        if limit is not None and len(out) >= limit:
            break
    return out


def fitting_arguments(description: str, min_count: int) -> argparse.ArgumentParser:
    """The options every script fitting an artefact on PolNeAR train shares."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--min-count", type=int, default=min_count)
    parser.add_argument("--docbin", type=Path, default=None, help="spaCy DocBin of the same train parses, to skip parsing")
    return parser


def write_table_module(path: Path, docstring: str, assignments: Sequence[str], name: str, annotation: str,
                       table: Mapping[Any, float]) -> None:
    """Write a fitted artefact as a Python module of literals (a docstring, constants, one dict), for review in diffs."""
    lines = [f'"""{docstring}"""', "", *assignments, f"{name}: {annotation} = {{"]
    lines += [f"    {key!r}: {value}," for key, value in table.items()]
    lines += ["}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def train_parses(data: Path, limit: int | None = None, docbin: Path | None = None
                 ) -> tuple[int, Iterator[tuple[str, list[Attribution], Any]]]:
    """PolNeAR train as (number of documents, (text, gold, parse) for each), for the fitting scripts.

    ``docbin`` is a spaCy DocBin of the same parses: read when it exists (with the
    parses' tensors from ``<docbin>.tensors.npz`` beside it, which a DocBin does not
    keep), written with them after a fresh parse when it does not.
    """
    from newsweave.nlp import load_spacy

    docs = load_documents(polnear_split(data, "train"), limit)
    nlp = load_spacy()
    if docbin is not None and docbin.exists():
        if not _tensor_path(docbin).exists():  # the cue tagger reads them: fitting without them is wrong
            raise FileNotFoundError(f"{docbin} has no {_tensor_path(docbin).name} beside it (saved by an "
                                    "older version); delete it, or pass a new --docbin, to parse again")
        parsed = islice(_saved_parses(nlp, docbin), len(docs))  # the first ``limit`` of the saved parses
    else:
        parsed = nlp.pipe(text for _, text, _ in docs)
        if docbin is not None:
            parsed = _saving_parses(parsed, docbin)
    # strict: the parses are drawn to their end, so that a saving run writes its DocBin
    return len(docs), ((text, gold, doc) for (_, text, gold), doc in zip(docs, parsed, strict=True))


def _tensor_path(docbin: Path) -> Path:
    return docbin.with_name(docbin.name + ".tensors.npz")


def _saved_parses(nlp, docbin: Path) -> Iterator[Any]:
    import numpy as np
    from spacy.tokens import DocBin

    tensors = np.load(_tensor_path(docbin))
    for k, doc in enumerate(DocBin().from_disk(docbin).get_docs(nlp.vocab)):
        doc.tensor = tensors[f"arr_{k}"]
        yield doc


def _saving_parses(parsed: Iterable[Any], docbin: Path) -> Iterator[Any]:
    import numpy as np
    from spacy.tokens import DocBin

    store, tensors = DocBin(store_user_data=False), []
    for doc in parsed:
        store.add(doc)
        tensors.append(doc.tensor)
        yield doc
    store.to_disk(docbin)
    np.savez(_tensor_path(docbin), *tensors)


def is_direct(text: str) -> bool:
    """A gold content that starts and ends with a quotation mark (ignoring a final stop or comma)."""
    stripped = text.strip().rstrip(".,;:")
    return len(stripped) > 1 and stripped[0] in QUOTE_MARKS and stripped[-1] in QUOTE_MARKS


def _pair(pred: list[frozenset[int]], gold: list[frozenset[int]], accept: Callable[[int, int, int], bool]) -> list[tuple[int, int]]:
    """One-to-one pairs of predicted and gold token sets, best Jaccard first, kept when ``accept``."""
    owner: dict[int, list[int]] = {}
    for g, toks in enumerate(gold):
        for t in toks:
            owner.setdefault(t, []).append(g)
    candidates = []
    for p, toks in enumerate(pred):
        shared: dict[int, int] = {}
        for t in toks:
            for g in owner.get(t, ()):
                shared[g] = shared.get(g, 0) + 1
        for g, inter in shared.items():
            union = len(toks) + len(gold[g]) - inter
            if accept(inter, union, len(gold[g])):
                candidates.append((inter / union, p, g))
    candidates.sort(reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for _, p, g in candidates:
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
            pairs.append((p, g))
    return pairs


def _overlap(inter: int, union: int, gold_size: int) -> bool:
    return inter * 2 >= union


def _exact(inter: int, union: int, gold_size: int) -> bool:
    return inter == union


def _partial(inter: int, union: int, gold_size: int) -> bool:
    return inter > 0


class Score:
    """Running counts for one system on one subset (all attributions, or direct ones)."""

    def __init__(self) -> None:
        self.counts = {
            k: 0 for k in (
                "pred", "gold", "exact", "overlap", "partial", "tok_pred", "tok_gold", "tok_hit",
                "cue_pred", "cue_gold", "cue_hit", "spk_total", "spk_hit",
            )
        }

    def add(self, text: str, tokens: _Tokens, preds: list[Prediction], gold: list[Attribution]) -> None:
        c = self.counts
        gold = [g for g in gold if g.content is not None]
        p_sets = [tokens.of(p.content) for p in preds]
        g_sets = [tokens.of(g.content.ranges) for g in gold]
        keep = [i for i, s in enumerate(p_sets) if s]
        preds, p_sets = [preds[i] for i in keep], [p_sets[i] for i in keep]
        c["pred"] += len(preds)
        c["gold"] += len(gold)
        c["exact"] += len(_pair(p_sets, g_sets, _exact))
        c["partial"] += len(_pair(p_sets, g_sets, _partial))
        pairs = _pair(p_sets, g_sets, _overlap)
        c["overlap"] += len(pairs)
        all_p = frozenset().union(*p_sets) if p_sets else frozenset()
        all_g = frozenset().union(*g_sets) if g_sets else frozenset()
        c["tok_pred"] += len(all_p)
        c["tok_gold"] += len(all_g)
        c["tok_hit"] += len(all_p & all_g)
        p_cues = [tokens.of([p.cue]) for p in preds if p.cue]
        g_cues = [tokens.of(g.cue.ranges) for g in gold if g.cue]
        c["cue_pred"] += len(p_cues)
        c["cue_gold"] += len(g_cues)
        c["cue_hit"] += len(_pair(p_cues, g_cues, _partial))
        for p, g in pairs:
            source = gold[g].source
            if source is None:
                continue
            c["spk_total"] += 1
            c["spk_hit"] += _speaker_correct(preds[p], source.ranges, source.text, tokens)

    def result(self) -> dict[str, float | int]:
        c = self.counts
        out: dict[str, float | int] = {"predicted": c["pred"], "gold": c["gold"]}
        for name, hit in (("exact", "exact"), ("overlap", "overlap"), ("partial", "partial")):
            out.update(_prf(name, c[hit], c["pred"], c[hit], c["gold"]))
        out.update(_prf("token", c["tok_hit"], c["tok_pred"], c["tok_hit"], c["tok_gold"]))
        out.update(_prf("cue", c["cue_hit"], c["cue_pred"], c["cue_hit"], c["cue_gold"]))
        out["speaker_accuracy"] = c["spk_hit"] / c["spk_total"] if c["spk_total"] else 0.0
        out["speaker_scored"] = c["spk_total"]
        return out


def _speaker_correct(pred: Prediction, gold_ranges, gold_text: str, tokens: _Tokens) -> bool:
    if pred.speaker is not None and tokens.of([pred.speaker]) & tokens.of(gold_ranges):
        return True
    return same_person(pred.speaker_name, gold_text)


def last_word(name: str | None) -> str | None:
    words = _WORD.findall(name.lower()) if name else []
    return words[-1] if words else None


def same_person(predicted: str | None, gold: str) -> bool:
    """Whether a predicted speaker's name and a gold name share their last word ("Lucas", "Scott Lucas")."""
    ours_last = last_word(predicted)
    return ours_last is not None and ours_last == last_word(gold)


def _prf(name: str, hit_p: int, n_pred: int, hit_g: int, n_gold: int) -> dict[str, float]:
    p, r, f = precision_recall_f1(hit_p, n_pred, n_gold, hit_g)
    return {f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f}


def ours(doc, text: str) -> list[Prediction]:
    """newsweave's quotes.rules predictions for one parsed document."""
    from newsweave.extract.quotes import extract_quotes

    out = []
    for q in extract_quotes(doc, text, "eval"):
        if q.duplicate_of is not None:
            continue
        speaker = (q.speaker_start, q.speaker_end) if q.speaker_start is not None else None
        cue = (q.cue_start, q.cue_end) if q.cue_start is not None else None
        out.append(Prediction(q.content_spans, cue, speaker, q.speaker, q.quote_type == "direct"))
    return out


def textacy_quotes(doc, text: str) -> tuple[list[Prediction], bool]:
    """textacy's direct_quotations on the same parse; the flag says whether it raised."""
    from textacy.extract.triples import direct_quotations

    out = []
    try:
        for speaker, cue, content in direct_quotations(doc):
            spk = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
            cue_span = (cue[0].idx, cue[-1].idx + len(cue[-1])) if cue else None
            name = " ".join(t.text for t in speaker) if speaker else None
            out.append(Prediction(((content.start_char, content.end_char),), cue_span, spk, name, True))
    except Exception:  # textacy raises on unbalanced quotation marks; count it and go on
        return out, True
    return out, False


def evaluate(data: Path, limit: int | None = None, *, split: str = "dev") -> dict:
    """Score quotes.rules and textacy on a PolNeAR split (dev by default; tune on train)."""
    from newsweave.nlp import load_spacy

    docs = load_documents(polnear_split(Path(data), split), limit)
    nlp = load_spacy()
    systems = {"newsweave": (Score(), Score()), "textacy": (Score(), Score())}
    errors = 0
    seconds = {"newsweave": 0.0, "textacy": 0.0}
    words = 0
    for (name, text, gold), doc in zip(docs, nlp.pipe(d[1] for d in docs)):
        tokens = _Tokens(text)
        words += len(tokens.starts)
        direct_gold = [g for g in gold if g.content is not None and is_direct(g.content.text)]
        t0 = time.perf_counter()
        preds = ours(doc, text)
        t1 = time.perf_counter()
        base, failed = textacy_quotes(doc, text)
        t2 = time.perf_counter()
        seconds["newsweave"] += t1 - t0
        seconds["textacy"] += t2 - t1
        errors += failed
        for system, predicted in (("newsweave", preds), ("textacy", base)):
            everything, direct = systems[system]
            everything.add(text, tokens, predicted, gold)
            direct.add(text, tokens, [p for p in predicted if p.direct], direct_gold)
    mine_all, mine_direct = (s.result() for s in systems["newsweave"])
    base_all, base_direct = (s.result() for s in systems["textacy"])
    return {
        "dataset": f"PolNeAR {split}",
        "documents": len(docs),
        "words": words,
        "content_f1": mine_all["overlap_f1"],
        "content_precision": mine_all["overlap_precision"],
        "content_recall": mine_all["overlap_recall"],
        "content_exact_f1": mine_all["exact_f1"],
        "content_partial_f1": mine_all["partial_f1"],
        "content_token_f1": mine_all["token_f1"],
        "cue_f1": mine_all["cue_f1"],
        "speaker_accuracy": mine_all["speaker_accuracy"],
        "direct_content_f1": mine_direct["overlap_f1"],
        "direct_content_exact_f1": mine_direct["exact_f1"],
        "direct_speaker_accuracy": mine_direct["speaker_accuracy"],
        "all": mine_all,
        "direct": mine_direct,
        "baselines": {
            "textacy.direct_quotations": {
                "content_f1": base_all["overlap_f1"],
                "direct_content_f1": base_direct["overlap_f1"],
                "speaker_accuracy": base_all["speaker_accuracy"],
                "all": base_all,
                "direct": base_direct,
                "documents_with_errors": errors,
            }
        },
        "seconds": seconds,
        "published": PUBLISHED,
    }


def render(result: dict) -> str:
    """A plain-text table: newsweave beside textacy on the same parse, and the published figures."""
    base = result["baselines"]["textacy.direct_quotations"]
    rows = [
        ("content F1, token overlap (all)", "all", "overlap_f1", PUBLISHED["content_f1"]),
        ("content P, token overlap (all)", "all", "overlap_precision", None),
        ("content R, token overlap (all)", "all", "overlap_recall", None),
        ("content F1, exact (all)", "all", "exact_f1", None),
        ("content F1, partial (all)", "all", "partial_f1", None),
        ("content F1, token-level (all)", "all", "token_f1", None),
        ("cue F1 (all)", "all", "cue_f1", None),
        ("speaker accuracy (all)", "all", "speaker_accuracy", PUBLISHED["speaker_accuracy"]),
        ("content F1, token overlap (direct)", "direct", "overlap_f1", None),
        ("content P, token overlap (direct)", "direct", "overlap_precision", None),
        ("content R, token overlap (direct)", "direct", "overlap_recall", None),
        ("content F1, exact (direct)", "direct", "exact_f1", None),
        ("cue F1 (direct)", "direct", "cue_f1", None),
        ("speaker accuracy (direct)", "direct", "speaker_accuracy", None),
    ]
    lines = [
        f"Quotes and attribution on {result['dataset']} ({result['documents']} documents, "
        f"{result['all']['gold']} gold attributions, {result['direct']['gold']} direct)",
        f"{'metric':38} {'newsweave':>10} {'textacy':>10} {'published':>10}",
    ]
    for label, subset, key, published in rows:
        pub = f"{published:10.3f}" if published is not None else f"{'':>10}"
        lines.append(f"{label:38} {result[subset][key]:10.3f} {base[subset][key]:10.3f} {pub}")
    lines.append(
        f"textacy raised on {base['documents_with_errors']} of {result['documents']} documents "
        "(its quotations there are those yielded before the error)."
    )
    lines.append(f"Published: {PUBLISHED['name']}: quote F1 83.7, speaker accuracy 86% (not PolNeAR).")
    return "\n".join(lines)
