"""Evaluate quantity extraction on the CQE and quantulum3 sets, beside quantulum3 itself.

Data (``../shared/data/quantities/``):

* CQE (``cqe-*-model.json``): ``[{"text", "quantities": [{"value": "75000000" | "40-50",
  "normalized_unit": "dollar"}]}]``. Units are canonical names ("kilometre",
  "pound-mass", "percentage", "year of age"), "-" or "count" for bare numbers, and for
  counted things the counted noun ("cabinet minister", "people").
* quantulum3 (``quantulum3-quantities*.json``): ``[{"req", "res": [{"value", "unit",
  "surface", "uncertainty"?}]}]``; a range is its midpoint with an ``uncertainty``;
  bare numbers have unit "dimensionless".

Scoring, per sentence, one-to-one greedy matching:

* value match: the numbers agree within 0.1% (a range matches a range with the same
  ends, or the same midpoint when one side gives only the midpoint);
* value+unit match: the values match and the units name the same thing after
  :func:`unit_key`, which maps both sides' names onto one vocabulary (documented there):
  a bare-number gold ("-", "count", "dimensionless") matches any prediction without a
  physical unit or currency (counted or not); a counted-noun gold matches a prediction
  whose counted noun is the gold's head word (last word, singular).

Two views of the gold are printed. "All gold" scores against every annotated item.
"Issue policy" first sets aside the gold items that the issue's rules say are not
quantities (years and decades, dates, times of day, numbers that are part of a name or
code: "Voyager 2", "English 101", "Core i7 860"), with a printed count per reason, and
drops from *every* system's predictions those that match a set-aside item by value, so
that neither side is rewarded or punished for them. Only the quantulum3 files annotate
such items (their gold gives the ``surface`` to judge by); the CQE guidelines already
leave them out, so CQE gold is scored the same in both views. See :func:`policy_exclusion`.

A parenthetical equivalent ("1,500,000 kilometres (930,000 mi)") is one record for us and
two quantities in both gold sets, so each equivalent is scored as its own prediction.
Precision, recall and F1 are micro-averaged per file set and overall.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
import time
from functools import cache
from pathlib import Path
from typing import Any

from newsweave.evaluate import precision_recall_f1

PUBLISHED = {
    "NewsQuant (Almasian et al., 2023)": {
        "CQE": {"value_f1": 0.920, "value_unit_f1": 0.856},
        "quantulum3": {"value_f1": 0.730, "value_unit_f1": 0.472},
    }
}
REL_TOL = 1e-3
DIMENSIONLESS = "dimensionless"
# Names the gold sets use for what our tables call by another name.
UNIT_ALIASES = {
    "-": DIMENSIONLESS, "count": DIMENSIONLESS, "dimensionless": DIMENSIONLESS, "": DIMENSIONLESS,
    "degree celsius": "celsius", "degree fahrenheit": "fahrenheit", "tonne": "metric ton",
    "cubic centimetre": "millilitre", "netherlands guilde": "netherlands guilder",
    "percent": "percentage", "pound": "pound-mass", "count per week": "count per week",
}


def unit_key(name: str | None) -> str:
    """One vocabulary for unit names: lower case, "X of age" → "X", aliases resolved.

    >>> [unit_key(u) for u in ("year of age", "degree Celsius", "-", "tonne", "Dollar")]
    ['year', 'celsius', 'dimensionless', 'metric ton', 'dollar']
    """
    key = (name or "").strip().lower().removesuffix(" of age")
    if key in UNIT_ALIASES:
        return UNIT_ALIASES[key]
    return " per ".join(UNIT_ALIASES.get(part, part) for part in key.split(" per "))


_YEAR_SURFACE = re.compile(r"(?:1\d|20)\d\d(?:'?s)?")
_CLOCK_AFTER = re.compile(r"\s*(?:[ap]\.?m\.?\b|[:.]\d\d)", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"\s+{_MONTH}\b", re.IGNORECASE)
# a capitalised word or an alphanumeric code right before the number, inside the sentence
_NAME_BEFORE = re.compile(r"(?:[^.!?\s]\s+[\"“(]?[A-Z][\w-]*|[A-Za-z]+\d+[A-Za-z]*)\s+$")
_NAME_AT_START = re.compile(r"^[\"“(]?[A-Z][\w-]*\s+$")
_CAPITAL_AFTER = re.compile(r"\s+[A-Z]")


def policy_exclusion(text: str, gold: dict) -> str | None:
    """Why the issue's rules leave a gold item out of "quantities", or None to keep it.

    Only unit-less gold with a ``surface`` is judged: "year" (a four-digit 1000-2099
    integer or decade, "1979", "1960s"), "time" (followed by am/pm or ":mm"), "date"
    (next to a month name) and "name" (after a capitalised word or a code inside the
    sentence, "Voyager 2"; or sentence-initial between two capitalised words, "Bahco
    9031 Ergo").

    >>> policy_exclusion("since the passage of Voyager 2 in 1979", {"surface": "1979", "unit": "dimensionless"})
    'year'
    >>> policy_exclusion("In this pit, 50 cars are stored", {"surface": "50", "unit": "dimensionless"})
    """
    surface = gold.get("surface")
    if not surface or unit_key(gold.get("unit")) != DIMENSIONLESS:
        return None
    at = text.find(surface)
    if at < 0:
        return None
    before, end = text[:at], at + len(surface)
    if _YEAR_SURFACE.fullmatch(text, at, end + (2 if text[end: end + 2] == "'s" else 1 if text[end: end + 1] == "s" else 0)):
        return "year"
    if _CLOCK_AFTER.match(text, end):
        return "time"
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(text, end):
        return "date"
    if _NAME_BEFORE.search(before) or (_NAME_AT_START.match(before) and _CAPITAL_AFTER.match(text, end)):
        return "name"
    return None


def _singular(word: str) -> str:
    word = word.lower().strip(" '")
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and not word.endswith("ss"):
            return word[: -len(suffix)] + repl
    return word


@cache
def known_units() -> frozenset[str]:
    """Every canonical unit name our tables know: what is not one is a counted noun."""
    from newsweave.extract.quantity_units import CURRENCY_NAMES, CURRENCY_SUBUNITS, UNIT_TABLE

    names = {u.name for u, _ in UNIT_TABLE} | set(CURRENCY_NAMES.values())
    names |= {name for _, _, name in CURRENCY_SUBUNITS.values()}
    return frozenset(unit_key(n) for n in names)


def _is_unit(key: str) -> bool:
    base = key.split(" per ")[0]
    return key == DIMENSIONLESS or base in known_units() or base in ("bitcoin", "mark", "peseta", "rupee")


def unit_matches(gold: str, predicted: dict[str, Any]) -> bool:
    """Whether a gold unit name and a prediction (``unit``, ``counted``) name the same thing."""
    gold_key = unit_key(gold)
    pred_unit = predicted.get("unit")
    if gold_key == DIMENSIONLESS:
        return pred_unit is None or unit_key(pred_unit) == DIMENSIONLESS
    if pred_unit is not None:
        return unit_key(pred_unit) == gold_key
    counted = predicted.get("counted")
    if counted and not _is_unit(gold_key):
        return _singular(gold_key.split()[-1]) == _singular(counted.split()[-1])
    return False


def _interval(value: Any, uncertainty: Any = None) -> tuple[float, float] | None:
    if isinstance(value, str):
        parts = [p for p in value.replace(" ", "").split("-") if p]
        if value.strip().startswith("-") and len(parts) == 1:
            parts = ["-" + parts[0]]
        try:
            nums = [float(p) for p in parts]
        except ValueError:
            return None
        if len(nums) == 2 and not value.strip().startswith("-"):
            return nums[0], nums[1]
        return (float(value), float(value)) if _floatable(value) else None
    v = float(value)
    u = float(uncertainty or 0.0)
    return v - u, v + u


def _floatable(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b)) + 1e-9


def values_match(gold: tuple[float, float], pred: tuple[float, float]) -> bool:
    if _close(gold[0], pred[0]) and _close(gold[1], pred[1]):
        return True
    return _close((gold[0] + gold[1]) / 2, (pred[0] + pred[1]) / 2) and (gold[0] == gold[1] or pred[0] == pred[1])


def _score(golds: list[dict], preds: list[dict], with_unit: bool) -> int:
    """Greedy one-to-one matches between gold and predicted quantities of one sentence."""
    used = set()
    hits = 0
    for g in golds:
        for i, p in enumerate(preds):
            if i in used or not values_match(g["interval"], p["interval"]):
                continue
            if with_unit and not unit_matches(g["unit"], p):
                continue
            used.add(i)
            hits += 1
            break
    return hits


def load_sets(data: Path) -> dict[str, list[dict]]:
    """The evaluation sentences by file set: ``{"text", "gold": [{"interval", "unit"}]}``."""
    folder = data / "quantities" if (data / "quantities").is_dir() else data
    sets: dict[str, list[dict]] = {}
    for path in sorted(folder.glob("cqe-*-model.json")):
        name = "cqe-" + path.name.removeprefix("cqe-").removesuffix("-model.json")
        items = json.loads(path.read_text(encoding="utf-8"))
        sets[name] = [
            {"text": it["text"], "gold": [
                {"interval": _interval(q["value"]), "unit": q.get("normalized_unit", q.get("unit", ""))}
                for q in it["quantities"] if _interval(q["value"]) is not None
            ]}
            for it in items
        ]
    for path in sorted(folder.glob("quantulum3-quantities*.json")):
        name = path.stem.replace("-quantities", "").replace(".", "-")
        items = json.loads(path.read_text(encoding="utf-8"))
        sets[name] = [
            {"text": it["req"], "gold": [
                {"interval": _interval(q["value"], q.get("uncertainty")), "unit": q["unit"], "surface": q.get("surface")}
                for q in it["res"]
            ]}
            for it in items
        ]
    return sets


def ours(texts: list[str]) -> list[list[dict]]:
    """Our predictions for each text (with the parse, as in the pipeline)."""
    from newsweave.extract.quantities import extract
    from newsweave.nlp import bare_spacy

    nlp = bare_spacy()
    out = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=64)):
        preds = []
        for q in extract(text, "eval", doc):
            low, high = (q.low, q.high) if q.low is not None else (q.value, q.value)
            preds.append({"interval": (low, high), "unit": q.unit_name, "counted": q.counted})
            for eq in q.equivalents:
                elow, ehigh = (eq["low"], eq["high"]) if eq["low"] is not None else (eq["value"], eq["value"])
                preds.append({"interval": (elow, ehigh), "unit": eq["unit_name"], "counted": None})
        out.append(preds)
    return out


@cache
def quantulum_classifier() -> str:
    """Retrain quantulum3's unit classifier into a temporary file (the shipped one fails
    to load with current scikit-learn) and return its path."""
    from quantulum3._lang.en_US import classifier as en_classifier
    from quantulum3.classifier import train_classifier

    if en_classifier.stem is None:
        # quantulum3 stems with the optional ``stemming`` package (porter2); where it is not
        # installed, a light suffix stripper stands in, for training and parsing alike.
        en_classifier.stem = _light_stem
    path = Path(tempfile.mkdtemp(prefix="quantulum3-")) / "clf.joblib"
    train_classifier(store=True, n_jobs=1, output_path=str(path))
    return str(path)


def _light_stem(word: str) -> str:
    """A small English suffix stripper (a stand-in for porter2 when it is not installed)."""
    for suffix in ("ational", "ation", "ness", "ment", "ing", "ies", "ied", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def quantulum(texts: list[str]) -> list[list[dict]]:
    """quantulum3's predictions for each text, in our scoring shape."""
    from quantulum3 import parser

    clf = quantulum_classifier()
    out = []
    for text in texts:
        preds = []
        try:
            found = parser.parse(text, classifier_path=clf)
        except Exception:  # noqa: BLE001 - a peer's crash is a miss, not the harness's failure
            found = []
        for q in found:
            u = q.uncertainty or 0.0
            unit = q.unit.name if q.unit is not None else DIMENSIONLESS
            preds.append({"interval": (q.value - u, q.value + u), "unit": unit, "counted": None})
        out.append(preds)
    return out


def _prf(hits: int, n_pred: int, n_gold: int) -> dict[str, float]:
    return {k: round(v, 4) for k, v in zip(("precision", "recall", "f1"), precision_recall_f1(hits, n_pred, n_gold))}


def _figures(items: list[dict], predictions: list[list[dict]]) -> dict[str, Any]:
    n_gold = sum(len(it["gold"]) for it in items)
    n_pred = sum(len(p) for p in predictions)
    v_hits = sum(_score(it["gold"], p, False) for it, p in zip(items, predictions))
    vu_hits = sum(_score(it["gold"], p, True) for it, p in zip(items, predictions))
    value, value_unit = _prf(v_hits, n_pred, n_gold), _prf(vu_hits, n_pred, n_gold)
    return {
        "sentences": len(items), "gold": n_gold, "predicted": n_pred,
        "value_f1": value["f1"], "value_precision": value["precision"], "value_recall": value["recall"],
        "value_unit_f1": value_unit["f1"], "value_unit_precision": value_unit["precision"],
        "value_unit_recall": value_unit["recall"], "_hits": (v_hits, vu_hits, n_pred, n_gold),
    }


def policy_view(items: list[dict], predictions: list[list[dict]]) -> tuple[list[dict], list[list[dict]], Counter]:
    """The sentences with the gold the issue's rules exclude set aside, and the predictions
    that match those items by value dropped; with the count of set-aside items per reason."""
    reasons: Counter = Counter()
    kept_items, kept_preds = [], []
    for item, preds in zip(items, predictions):
        gold, dropped = [], []
        for g in item["gold"]:
            reason = policy_exclusion(item["text"], g)
            if reason:
                reasons[reason] += 1
                dropped.append(g)
            else:
                gold.append(g)
        remaining = list(preds)
        for g in dropped:
            hit = next((i for i, p in enumerate(remaining) if values_match(g["interval"], p["interval"])), None)
            if hit is not None:
                remaining.pop(hit)
        kept_items.append({**item, "gold": gold})
        kept_preds.append(remaining)
    return kept_items, kept_preds, reasons


def _overall(hits: list[int]) -> dict[str, Any]:
    v_hits, vu_hits, n_pred, n_gold = hits
    v, vu = _prf(v_hits, n_pred, n_gold), _prf(vu_hits, n_pred, n_gold)
    return {"value_f1": v["f1"], "value_precision": v["precision"], "value_recall": v["recall"],
            "value_unit_f1": vu["f1"], "value_unit_precision": vu["precision"],
            "value_unit_recall": vu["recall"], "gold": n_gold, "predicted": n_pred}


def evaluate(data: Path, limit: int | None = None, peers: bool = True) -> dict:
    """Value F1 and value+unit F1 per file set and overall, ours beside quantulum3.

    ``limit`` takes the first ``limit`` sentences of each file set.
    """
    sets = load_sets(Path(data))
    if not sets:
        raise FileNotFoundError(f"no CQE or quantulum3 files under {data}; expected quantities/cqe-*-model.json")
    systems = {"newsweave": ours}
    if peers:
        systems["quantulum3"] = quantulum
    result: dict[str, Any] = {"sets": {}, "baselines": {}, "published": PUBLISHED, "timing_s": {}}
    policy: dict[str, Any] = {"excluded": Counter(), "sets": {}, "overall": {}}
    totals = {name: [0, 0, 0, 0] for name in systems}
    policy_totals = {name: [0, 0, 0, 0] for name in systems}
    for set_name, items in sets.items():
        items = items[:limit] if limit else items
        texts = [it["text"] for it in items]
        per_set = {}
        per_set_policy = {}
        for name, system in systems.items():
            t0 = time.perf_counter()
            predictions = system(texts)
            result["timing_s"][name] = round(result["timing_s"].get(name, 0.0) + time.perf_counter() - t0, 3)
            figures = _figures(items, predictions)
            for i, h in enumerate(figures.pop("_hits")):
                totals[name][i] += h
            per_set[name] = figures
            kept_items, kept_preds, reasons = policy_view(items, predictions)
            figures = _figures(kept_items, kept_preds)
            for i, h in enumerate(figures.pop("_hits")):
                policy_totals[name][i] += h
            per_set_policy[name] = figures
        policy["excluded"].update(reasons)
        result["sets"][set_name] = per_set
        policy["sets"][set_name] = per_set_policy
    policy["overall"] = {name: _overall(hits) for name, hits in policy_totals.items()}
    policy["excluded"] = dict(sorted(policy["excluded"].items()))
    result["policy"] = policy
    result["policy_value_f1"] = policy["overall"]["newsweave"]["value_f1"]
    result["policy_value_unit_f1"] = policy["overall"]["newsweave"]["value_unit_f1"]
    for name, hits in totals.items():
        overall = _overall(hits)
        if name == "newsweave":
            result.update(overall)
        else:
            result["baselines"][name] = overall
    return result


def _table(sets: dict[str, dict], overall: dict[str, dict]) -> list[str]:
    lines = [f"{'set':<24}{'system':<12}{'gold':>6}{'pred':>6}{'value P/R/F1':>22}{'value+unit P/R/F1':>24}"]
    rows = [(set_name, name, f) for set_name, systems in sets.items() for name, f in systems.items()]
    rows += [("ALL", name, f) for name, f in overall.items()]
    for set_name, name, f in rows:
        lines.append(
            f"{set_name:<24}{name:<12}{f['gold']:>6}{f['predicted']:>6}"
            f"{f['value_precision']:>8.3f}{f['value_recall']:>7.3f}{f['value_f1']:>7.3f}"
            f"{f['value_unit_precision']:>10.3f}{f['value_unit_recall']:>7.3f}{f['value_unit_f1']:>7.3f}"
        )
    return lines


def render(result: dict) -> str:
    """Plain-text tables: ours beside quantulum3 on the same sentences, on all gold and under
    the issue's policy, and the published figures."""
    lines = ["All gold:"]
    lines += _table(result["sets"], {"newsweave": result, **result.get("baselines", {})})
    policy = result.get("policy")
    if policy:
        excluded = ", ".join(f"{n} {reason}" for reason, n in policy["excluded"].items()) or "none"
        lines += ["", f"Issue policy (gold set aside as not quantities: {excluded}; matching predictions dropped):"]
        lines += _table(policy["sets"], policy["overall"])
    lines.append("")
    for source, systems in result.get("published", PUBLISHED).items():
        for name, f in systems.items():
            lines.append(f"published {source}: {name:<12} value F1 {f['value_f1']:.3f}  value+unit F1 {f['value_unit_f1']:.3f}")
    return "\n".join(lines)
