"""Evaluate publication dating from the text alone, with the gold date hidden.

Data: TempEval-3 TimeML files (gold = the ``CREATION_TIME`` TIMEX3; the text is the
``TEXT`` element's content, without the DCT) or JSONL articles (gold = ``published``;
text = ``text``, with title, URL and date withheld). ``data`` may be a folder of
``.tml`` files, the ``tempeval3`` folder (both subsets) or a ``.jsonl`` file.

Figures: the share of documents dated to the exact day (a single-day answer equal to
gold), within 7 days and within 30 days (distance from gold to the answered day or
interval), the share left undated (no answer, or no year), and the median error in
days over the dated documents. The peer is htmldate's extensive text search run on
the same texts wrapped as HTML.

    newsweave eval dating --data ../shared/data/tempeval3 [--json]
"""

from __future__ import annotations

import html
import json
import math
import re
import statistics
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from newsweave.clean.dating_cues import find_cues
from newsweave.clean.dating_solve import YEARS_AFTER, YEARS_BEFORE, reference_year, solve
from newsweave.evaluate.timeml import read_timeml, timeml_paths

_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")

PRIOR_GAPS = range(-YEARS_BEFORE, YEARS_AFTER + 1)
METRICS = ("exact_day", "within_7_days", "within_month", "undated", "median_error_days", "median_width_days")
# Precision where it matters: the most probable day's own error, and how often answers
# are short (at most SHORT_DAYS days wide) and how right those are.
DAY_METRICS = ("best_day_exact", "best_day_within_7", "short_answers", "short_exact", "short_within_7")
SHORT_DAYS = 7
# No published figures exist for day-level document dating on these sets; say so
# rather than print numbers from a different task.
PUBLISHED: dict[str, dict[str, float]] = {}


def is_fitting_half(doc_id: str) -> bool:
    """Whether a JSONL article belongs to the half the year prior is fitted on (CRC-32 of its id even)."""
    return zlib.crc32(doc_id.encode("utf-8")) % 2 == 0


def iter_documents(data: Path, limit: int | None = None, *, fitting: bool = False) -> Iterator[tuple[str, str, str]]:
    """(id, text, gold ISO date) for each document in a TimeML folder or a JSONL file.

    JSONL articles are split by :func:`is_fitting_half`: the evaluation reads the
    held-out half (``fitting=False``), :func:`fit_year_prior` the other one.
    """
    data = Path(data)
    if data.suffix == ".jsonl":
        with data.open(encoding="utf-8") as lines:
            count = 0
            for line in lines:
                if limit is not None and count >= limit:
                    return
                row = json.loads(line)
                doc_id = str(row.get("id", ""))
                if row.get("published") and row.get("text") and is_fitting_half(doc_id) == fitting:
                    count += 1
                    yield doc_id, row["text"], row["published"]
        return
    files = timeml_paths(data)
    if not files:
        raise FileNotFoundError(f"no .tml files under {data}; pass a TimeML folder or a .jsonl file")
    if limit is not None and limit < len(files):
        step = len(files) / limit  # spread the sample over every subset and source
        files = [files[int(i * step)] for i in range(limit)]
    for path in files:
        doc = read_timeml(path)
        if doc.dct_value:
            yield doc.id, doc.text, doc.dct_value


def parse_answer(value: str | None) -> tuple[date, date] | None:
    """An answer's first and last day; None for no answer or a yearless one (``XXXX-…``)."""
    if not value or value.startswith("X"):
        return None
    parts = value.split("/")
    first, last = _bounds(parts[0]), _bounds(parts[-1])
    if first is None or last is None:
        return None
    return first[0], last[1]


def _bounds(value: str) -> tuple[date, date] | None:
    m = _DAY_RE.match(value)
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    m = _MONTH_RE.match(value)
    if m:
        year, month = int(m[1]), int(m[2])
        following = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
    return None


def error_days(answer: tuple[date, date], gold: date) -> int:
    """Distance in days from the gold day to the answered interval (0 inside it)."""
    first, last = answer
    return max(first.toordinal() - gold.toordinal(), gold.toordinal() - last.toordinal(), 0)


def score(answers: list[tuple]) -> dict[str, float]:
    """The dating figures over (answer value, gold value[, most probable day]) tuples.

    Without a most probable day, a single-day answer is its own and an interval has none.
    """
    n = len(answers)
    exact = week = month = undated = best_exact = best_week = short = short_exact = short_week = 0
    errors: list[int] = []
    widths: list[int] = []
    for value, gold_value, *rest in answers:
        gold = _bounds(gold_value)
        answer = parse_answer(value)
        if answer is None or gold is None:
            undated += 1
            continue
        err = error_days(answer, gold[0])
        errors.append(err)
        width = (answer[1] - answer[0]).days + 1
        widths.append(width)
        exact += answer[0] == answer[1] == gold[0]
        week += err <= 7
        month += err <= 30
        best = rest[0] if rest and rest[0] else (answer[0] if width == 1 else None)
        if best is not None:
            best_exact += best == gold[0]
            best_week += abs((best - gold[0]).days) <= 7
        if width <= SHORT_DAYS:
            short += 1
            short_exact += answer[0] == answer[1] == gold[0]
            short_week += err <= 7
    share = (lambda k: round(k / n, 4)) if n else (lambda k: 0.0)
    among_short = (lambda k: round(k / short, 4)) if short else (lambda k: None)
    return {
        "exact_day": share(exact), "within_7_days": share(week), "within_month": share(month),
        "undated": share(undated), "median_error_days": float(statistics.median(errors)) if errors else None,
        "median_width_days": float(statistics.median(widths)) if widths else None,
        "best_day_exact": share(best_exact), "best_day_within_7": share(best_week),
        "short_answers": share(short), "short_exact": among_short(short_exact), "short_within_7": among_short(short_week),
        "documents": n,
    }


def _ours(text: str) -> tuple[str | None, date | None]:
    solution = solve(find_cues(text))
    if solution is None or solution.yearless:
        return (solution.value if solution else None), None
    return solution.value, solution.best


def _htmldate(text: str) -> str | None:
    """The peer: htmldate's extensive search over the text, as a page would give it."""
    from htmldate import find_date

    page = "<html><body>" + "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip()) + "</body></html>"
    try:
        return find_date(page, extensive_search=True, original_date=True, outputformat="%Y-%m-%d",
                         min_date="1900-01-01")
    except (ValueError, TypeError):
        return None


SYSTEMS: dict[str, Callable[[str], str | None | tuple]] = {"newsweave": _ours, "htmldate": _htmldate}


def evaluate(data: Path, limit: int | None = None) -> dict:
    """Date every document of ``data`` from its text alone with each system, and score them."""
    docs = list(iter_documents(Path(data), limit))
    result: dict = {"data": str(data), "documents": len(docs), "systems": {}, "published": PUBLISHED,
                    "held_out": Path(data).suffix == ".jsonl"}
    for name, system in SYSTEMS.items():
        rows = []
        for _, text, gold in docs:
            answer = system(text)
            value, best = answer if isinstance(answer, tuple) else (answer, None)
            rows.append((value, gold, best))
        result["systems"][name] = score(rows)
    result.update({k: result["systems"]["newsweave"][k] for k in METRICS + DAY_METRICS})
    return result


def render(result: dict) -> str:
    """A plain-text table: our figures beside the peer's on the same data."""
    lines = [f"dating on {result['data']} ({result['documents']} documents, gold date hidden)"]
    for metrics in (METRICS, DAY_METRICS):
        lines.append(f"{'system':<12}" + "".join(f"{m:>19}" for m in metrics))
        for name, figures in result["systems"].items():
            cells = []
            for m in metrics:
                v = figures.get(m)
                cells.append(f"{'-' if v is None else (f'{v:.1f}' if m.startswith('median') else f'{v:.1%}'):>19}")
            lines.append(f"{name:<12}" + "".join(cells))
    if result.get("held_out"):
        lines.append("JSONL: only the held-out half (odd CRC-32 of the id); the year prior is fitted on the other")
    lines.append("errors are distances to the answered interval (0 inside it); median width is that interval's length")
    lines.append(f"best_day_*: the most probable day's error (of all documents); short_*: among answers at most "
                 f"{SHORT_DAYS} days wide (short_answers: their share of all documents)")
    lines.append("published: no day-level document-dating figures exist for this data set")
    return "\n".join(lines)


def fit_year_prior(data: Path, limit: int | None = None) -> dict[str, dict[int, float]]:
    """The year-gap tables of :mod:`newsweave.clean.dating_solve`, fitted on the JSONL's fitting half.

    For each article the reference year is the latest year named outside a future
    clause (else the earliest future one); the tables give P(publication year -
    reference year), add-one smoothed over the gaps seen, rounded to 3 places.
    """
    counts: dict[bool, Counter] = {True: Counter(), False: Counter()}
    for _, text, gold in iter_documents(Path(data), limit, fitting=True):
        reference = reference_year(find_cues(text))
        if reference is not None:
            counts[reference[1]][int(gold[:4]) - reference[0]] += 1
    tables = {}
    for past, name in ((True, "YEAR_GAP_PRIOR"), (False, "FUTURE_GAP_PRIOR")):
        seen = counts[past]
        total = sum(seen.values()) + len(PRIOR_GAPS) + 1  # one more pseudo-count for all gaps outside
        tables[name] = {g: round((seen[g] + 1) / total, 3) for g in PRIOR_GAPS}
    outside = sum(n for g, n in counts[True].items() if g not in PRIOR_GAPS)
    tables["YEAR_GAP_FLOOR"] = round((outside + 1) / (sum(counts[True].values()) + len(PRIOR_GAPS) + 1)
                                     / (2 * (YEARS_BEFORE + YEARS_AFTER)), 4)
    return tables


def fit_weekday_lags(data: Path, limit: int | None = None) -> dict[str, list[float]]:
    """The weekday tables of :mod:`newsweave.clean.dating_solve`, fitted on the JSONL's fitting half.

    For each relation a bare weekday is read in (past, future, asof, last, early,
    late), the log-probability of each lag (publication weekday minus the weekday
    named, 0-6 days; for ``future`` the lead, the weekday named minus publication's),
    relative to the most likely lag, add-one smoothed, each distinct weekday counted
    once per article.
    """
    counts: dict[str, Counter] = {}
    for _, text, gold in iter_documents(Path(data), limit, fitting=True):
        weekday = date.fromisoformat(gold[:10]).weekday()
        for relation, named in {(c.relation, c.weekday) for c in find_cues(text) if c.kind == "weekday"}:
            lag = (named - weekday) % 7 if relation in ("future", "next") else (weekday - named) % 7
            counts.setdefault(relation, Counter())[lag] += 1
    tables = {}
    for relation, seen in sorted(counts.items()):
        top = max(seen.values()) + 1
        tables[relation] = [round(math.log((seen[lag] + 1) / top), 2) for lag in range(7)]
        tables[relation + " (mentions)"] = sum(seen.values())
    return tables


if __name__ == "__main__":  # python -m newsweave.evaluate.dating --fit-prior PATH.jsonl
    if len(sys.argv) == 3 and sys.argv[1] == "--fit-prior":
        for table_name, table in fit_year_prior(Path(sys.argv[2])).items():
            print(f"{table_name} = {table}")
        for table_name, table in fit_weekday_lags(Path(sys.argv[2])).items():
            print(f"weekday lag {table_name}: {table}")
    else:
        sys.exit("usage: python -m newsweave.evaluate.dating --fit-prior PATH.jsonl")
