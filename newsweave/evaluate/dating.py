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
import re
import statistics
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from newsweave.clean.dating import infer_from_text

_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_TAG_RE = re.compile(r"<[^>]+>")
_TIMEX_RE = re.compile(r"<TIMEX3\b[^>]*>")
_VALUE_RE = re.compile(r'\bvalue="([^"]*)"')
_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")

METRICS = ("exact_day", "within_7_days", "within_month", "undated", "median_error_days")
# No published figures exist for day-level document dating on these sets; say so
# rather than print numbers from a different task.
PUBLISHED: dict[str, dict[str, float]] = {}


def read_timeml(path: Path) -> tuple[str, str] | None:
    """(text, gold creation date) of one TimeML file; the text is TEXT without its tags."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    gold = None
    for tag in _TIMEX_RE.findall(raw):
        if 'functionInDocument="CREATION_TIME"' in tag:
            value = _VALUE_RE.search(tag)
            gold = value.group(1) if value else None
            break
    body = _TEXT_RE.search(raw)
    if gold is None or body is None:
        return None
    return html.unescape(_TAG_RE.sub("", body.group(1))), gold


def iter_documents(data: Path, limit: int | None = None) -> Iterator[tuple[str, str, str]]:
    """(id, text, gold ISO date) for each document in a TimeML folder or a JSONL file."""
    data = Path(data)
    if data.suffix == ".jsonl":
        with data.open(encoding="utf-8") as lines:
            count = 0
            for line in lines:
                if limit is not None and count >= limit:
                    return
                row = json.loads(line)
                if row.get("published") and row.get("text"):
                    count += 1
                    yield str(row.get("id", count)), row["text"], row["published"]
        return
    files = sorted(data.rglob("*.tml"))
    if not files:
        raise FileNotFoundError(f"no .tml files under {data}; pass a TimeML folder or a .jsonl file")
    if limit is not None and limit < len(files):
        step = len(files) / limit  # spread the sample over every subset and source
        files = [files[int(i * step)] for i in range(limit)]
    for path in files:
        read = read_timeml(path)
        if read is not None:
            yield path.stem, read[0], read[1]


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


def score(answers: list[tuple[str | None, str]]) -> dict[str, float]:
    """The dating figures over (answer value, gold value) pairs."""
    n = len(answers)
    exact = week = month = undated = 0
    errors: list[int] = []
    for value, gold_value in answers:
        gold = _bounds(gold_value)
        answer = parse_answer(value)
        if answer is None or gold is None:
            undated += 1
            continue
        err = error_days(answer, gold[0])
        errors.append(err)
        exact += answer[0] == answer[1] == gold[0]
        week += err <= 7
        month += err <= 30
    share = (lambda k: round(k / n, 4)) if n else (lambda k: 0.0)
    return {
        "exact_day": share(exact), "within_7_days": share(week), "within_month": share(month),
        "undated": share(undated), "median_error_days": float(statistics.median(errors)) if errors else None,
        "documents": n,
    }


def _ours(text: str) -> str | None:
    published = infer_from_text(text)
    return published.value if published else None


def _htmldate(text: str) -> str | None:
    """The peer: htmldate's extensive search over the text, as a page would give it."""
    from htmldate import find_date

    page = "<html><body>" + "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip()) + "</body></html>"
    try:
        return find_date(page, extensive_search=True, original_date=True, outputformat="%Y-%m-%d",
                         min_date="1900-01-01")
    except (ValueError, TypeError):
        return None


SYSTEMS: dict[str, Callable[[str], str | None]] = {"newsweave": _ours, "htmldate": _htmldate}


def evaluate(data: Path, limit: int | None = None) -> dict:
    """Date every document of ``data`` from its text alone with each system, and score them."""
    docs = list(iter_documents(Path(data), limit))
    result: dict = {"data": str(data), "documents": len(docs), "systems": {}, "published": PUBLISHED}
    for name, system in SYSTEMS.items():
        result["systems"][name] = score([(system(text), gold) for _, text, gold in docs])
    result.update({k: result["systems"]["newsweave"][k] for k in METRICS})
    return result


def render(result: dict) -> str:
    """A plain-text table: our figures beside the peer's on the same data."""
    head = f"{'system':<12}" + "".join(f"{m:>19}" for m in METRICS)
    lines = [f"dating on {result['data']} ({result['documents']} documents, gold date hidden)", head]
    for name, figures in result["systems"].items():
        cells = []
        for m in METRICS:
            v = figures[m]
            cells.append(f"{'-' if v is None else (f'{v:.1f}' if m == 'median_error_days' else f'{v:.1%}'):>19}")
        lines.append(f"{name:<12}" + "".join(cells))
    lines.append("published: no day-level document-dating figures exist for this data set")
    return "\n".join(lines)
