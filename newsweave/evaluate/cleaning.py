"""Evaluate cleaning on real articles with chrome and other stories' paragraphs inserted.

There is no public gold standard for "body vs. chrome" on plain-text news, so cases are
built: articles of ``news-2019-2020.jsonl`` get chrome lines generated from general
templates (subscribe prompts, captions, credits, share lines, copyright and contributor
lines, related-story teasers, ad and cookie lines) and the opening paragraphs of
unrelated articles (another ``topic``) inserted at the end and in the middle, with a
fixed random seed. The figures are the share of inserted characters caught (recall,
per insertion kind) and two measures of wrongly removed body:

- ``body_removed``: the share of the original article's characters removed. The
  outlets' own texts already carry chrome ("USA TODAY", "Enlarge this image toggle
  caption", "Sign up for daily newsletters"), which a cleaner should remove, so this
  is an upper bound.
- ``body_removed_excl_boilerplate``: the same share over the original lines that are
  not the outlet's boilerplate, a line being boilerplate when its normalised text
  recurs verbatim in at least :data:`BOILERPLATE_ARTICLES` articles of the same outlet
  in the data file. Captions, bios and notes written once are still counted as body,
  so this too errs on the side of counting a removal as a loss.

jusText and trafilatura, run on the same lines wrapped as HTML paragraphs, are the peers.

The articles are split in two by a hash of their id (:func:`part_of`): the rules are
tuned on the ``dev`` half and :func:`evaluate` reports the ``heldout`` half, where host
articles, teaser donors and the names in generated chrome all come from that half only.
Teasers are the opening paragraphs (at least 15 words, not the donor outlet's
boilerplate) of an article with another ``topic`` label and from another outlet; the
labels are coarse, so a teaser may still touch the host's subject (both about the
president, say), as a real page's teasers do.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.clean import clean_text
from newsweave.clean.blocks import covered

SEED = 20240817
DATA_FILE = "news-2019-2020.jsonl"
BOILERPLATE_ARTICLES = 3  # an outlet line repeated verbatim in this many articles is its chrome
PARTS = ("dev", "heldout")
SEEDS = Path(__file__).resolve().parents[2] / "examples" / "kursk"

# General templates; {name}, {names}, {outlet}, {year}, {headline}, {agency} are filled per case.
CHROME_TEMPLATES: dict[str, tuple[str, ...]] = {
    "subscription": (
        "Subscribe Today", "Get daily emails in your inbox", "Sign up for our newsletter",
        "Subscribe to {outlet} for unlimited digital access", "Get the {outlet} newsletter delivered to your inbox",
        "Sign up for the Morning Briefing newsletter", "Already a subscriber? Log in",
        "Support independent journalism. Subscribe now.", "Want more stories like this? Sign up for our daily email.",
        "Join 50,000 readers who get our free newsletter every morning.",
    ),
    "share": (
        "Share this article", "Share on Facebook Share on Twitter Email", "Share this: Facebook Twitter LinkedIn",
        "Follow {name} on Twitter @{handle}", "Tweet Share Email Print", "Copy link",
    ),
    "advertisement": ("ADVERTISEMENT", "Advertisement", "Story continues below advertisement", "Sponsored Content"),
    "cookie": (
        "We use cookies to improve your experience on our site. By continuing you accept our cookie policy.",
        "This site uses cookies. Manage your cookie settings.",
    ),
    "caption": (
        "{headline_clause} (Photo by {name}/{agency})",
        "{headline_clause}. Photo: {name}/{agency}",
        "{headline_clause} on {month} {day}, {year}. {name}/{agency} via Getty Images",
    ),
    "credit": (
        "Illustration: {surname}", "Photo: {agency}", "Photo credit: {name}/{agency}", "Image: {name} for {outlet}",
        "{name}/{agency}", "Photograph: {name}/{agency}",
    ),
    "copyright": (
        "Copyright: {outlet}", "© {year} {outlet}. All rights reserved.", "Copyright {year} {outlet}",
        "This article was originally published by {outlet}.",
    ),
    "contributor": (
        "{names} contributed reporting.", "{name} contributed to this report.",
        "Additional reporting by {name}; editing by {name2}", "Reporting by {name}; Editing by {name2}",
    ),
    "related": (
        "Read more: {headline}", "Related: {headline}", "READ MORE: {headline}", "See also: {headline}",
        "More from {outlet}: {headline}",
    ),
}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
AGENCIES = ("Getty Images", "AFP", "Reuters", "AP", "Shutterstock", "EPA")


@dataclass(frozen=True, slots=True)
class Case:
    """An article with insertions: its text, the original lines' spans and the inserted spans by kind.

    ``boilerplate`` holds the original lines that are the outlet's recurring chrome
    (a subset of ``body``, which holds every original line).
    """

    id: str
    text: str
    body: list[tuple[int, int]]
    inserted: list[tuple[str, int, int]]
    boilerplate: list[tuple[int, int]] = field(default_factory=list)


def load_articles(data: Path) -> list[dict]:
    path = data / DATA_FILE if data.is_dir() else data
    if not path.is_file():
        raise FileNotFoundError(f"cannot read {path}: pass the news-2019-2020.jsonl file or its folder")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def part_of(row: dict) -> str:
    """The half an article belongs to, ``dev`` or ``heldout``, from a hash of its id (stable)."""
    return PARTS[hashlib.sha1(row["id"].encode("utf-8")).digest()[0] & 1]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _person_names(rows: list[dict]) -> list[str]:
    names = set()
    for r in rows:
        for part in (r.get("authors") or "").replace(" and ", ",").split(","):
            words = part.strip().split()
            if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
                names.add(" ".join(words))
    return sorted(names) or ["Jane Doe", "John Roe"]


def _fill(template: str, rng: random.Random, names: list[str], rows: list[dict]) -> str:
    donor = rng.choice(rows)
    name, name2 = rng.choice(names), rng.choice(names)
    first = _paragraphs(donor["text"])[0] if donor["text"].strip() else donor["title"]
    clause = " ".join(first.split()[:12]).rstrip(".,;:")
    return template.format(
        name=name, name2=name2, names=f"{name} and {name2}", surname=name.split()[-1],
        handle=name.replace(" ", "").lower(), outlet=donor["outlet"], year=rng.randint(2015, 2024),
        headline=donor["title"], headline_clause=clause, agency=rng.choice(AGENCIES),
        month=rng.choice(MONTHS), day=rng.randint(1, 28),
    )


_TOKEN = re.compile(r"[^\W_]+")


def _line_key(line: str) -> str:
    return " ".join(_TOKEN.findall(line.lower()))


def outlet_boilerplate(rows: list[dict], min_articles: int = BOILERPLATE_ARTICLES) -> set[tuple[str, str]]:
    """``(outlet, normalised line)`` pairs that recur verbatim in ``min_articles`` of the outlet's articles."""
    seen: dict[tuple[str, str], int] = Counter()
    for r in rows:
        seen.update({(r["outlet"], key) for p in _paragraphs(r["text"]) if (key := _line_key(p))})
    return {k for k, count in seen.items() if count >= min_articles}


def build_cases(
    rows: list[dict], limit: int | None = None, seed: int = SEED, part: str | None = None
) -> list[Case]:
    """Articles with chrome lines and other stories' paragraphs inserted (deterministic).

    With ``part`` (``dev`` or ``heldout``) only that half of ``rows`` is used, for hosts
    and donors alike; an outlet's boilerplate is still learnt from all its articles.
    """
    boilerplate = outlet_boilerplate(rows)
    if part is not None:
        if part not in PARTS:
            raise ValueError(f"unknown part {part!r}: pass one of {', '.join(PARTS)}")
        rows = [r for r in rows if part_of(r) == part]
    rng = random.Random(seed)
    names = _person_names(rows)
    hosts = [r for r in rows if len(_paragraphs(r["text"])) >= 8]
    rng.shuffle(hosts)
    by_topic: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if len(_paragraphs(r["text"])) >= 4:
            by_topic[r["topic"]].append(r)
    topics = sorted(by_topic)
    cases = []
    for host in hosts[: limit or 200]:
        pieces: list[tuple[str | None, str]] = [(None, p) for p in _paragraphs(host["text"])]
        for _ in range(rng.randint(2, 4)):
            kind = rng.choice(sorted(CHROME_TEMPLATES))
            line = _fill(rng.choice(CHROME_TEMPLATES[kind]), rng, names, rows)
            if kind in ("copyright", "contributor"):
                pos = len(pieces)
            else:
                pos = rng.randint(1, len(pieces) - 1)
            pieces.insert(pos, (kind, line))

        def teaser(count: int) -> list[str]:
            topic = rng.choice([t for t in topics if t != host["topic"]])
            donor = rng.choice(by_topic[topic])
            while donor["outlet"] == host["outlet"]:  # the host's own boilerplate would come with it
                donor = rng.choice(by_topic[rng.choice([t for t in topics if t != host["topic"]])])
            # A teaser is the opening of the donor's story, not its outlet's recurring notes.
            story = [p for p in _paragraphs(donor["text"])
                     if len(p.split()) >= 15 and (donor["outlet"], _line_key(p)) not in boilerplate]
            return story[:count]

        roll = rng.random()
        if roll < 0.5:
            pieces += [("teaser-tail", p) for p in teaser(rng.randint(2, 4))]
        elif roll < 0.8:
            pos = rng.randint(2, max(2, len(pieces) - 3))
            pieces[pos:pos] = [("teaser-middle", p) for p in teaser(2)]
        text, body, inserted, chrome, offset = [], [], [], [], 0
        for kind, piece in pieces:
            span = (offset, offset + len(piece))
            (body.append(span) if kind is None else inserted.append((kind, *span)))
            if kind is None and (host["outlet"], _line_key(piece)) in boilerplate:
                chrome.append(span)
            text.append(piece)
            offset += len(piece) + 2
        cases.append(Case(host["id"], "\n\n".join(text), body, inserted, chrome))
    return cases


def _overlap(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in spans)


def _score(cases: list[Case], removed_by_case: list[list[tuple[int, int]]]) -> dict:
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    body_total = body_removed = plain_total = plain_removed = 0
    for case, removed in zip(cases, removed_by_case):
        merged = covered(removed)
        for kind, start, end in case.inserted:
            total[kind] += end - start
            caught[kind] += _overlap(merged, start, end)
        boilerplate = set(case.boilerplate)
        for start, end in case.body:
            lost = _overlap(merged, start, end)
            body_total += end - start
            body_removed += lost
            if (start, end) not in boilerplate:
                plain_total += end - start
                plain_removed += lost
    chrome_kinds = [k for k in total if not k.startswith("teaser")]
    chrome_total = sum(total[k] for k in chrome_kinds)
    teaser_total = sum(total[k] for k in total if k.startswith("teaser"))
    return {
        "chrome_recall": sum(caught[k] for k in chrome_kinds) / chrome_total if chrome_total else None,
        "off_topic_recall": sum(caught[k] for k in total if k.startswith("teaser")) / teaser_total
        if teaser_total else None,
        "body_removed": body_removed / body_total if body_total else 0.0,
        "body_removed_excl_boilerplate": plain_removed / plain_total if plain_total else 0.0,
        "boilerplate_share": 1 - plain_total / body_total if body_total else 0.0,
        "recall_by_kind": {k: round(caught[k] / total[k], 4) for k in sorted(total)},
    }


def _run_ours(cases: list[Case]) -> tuple[list[list[tuple[int, int]]], dict[str, Counter[str]], float]:
    """Our removed spans per case, the original characters they remove by reason, and the time."""
    reasons: dict[str, Counter[str]] = {"all": Counter(), "excl_boilerplate": Counter()}
    out = []
    began = time.perf_counter()
    for case in cases:
        spans = clean_text(case.text, case.id)
        body = covered(case.body)
        plain = covered(set(case.body) - set(case.boilerplate))
        for s in spans:
            reasons["all"][s.reason] += _overlap(body, s.start, s.end)
            reasons["excl_boilerplate"][s.reason] += _overlap(plain, s.start, s.end)
        out.append([(s.start, s.end) for s in spans])
    for counter in reasons.values():
        for reason in [r for r, v in counter.items() if not v]:
            del counter[reason]
    return out, reasons, time.perf_counter() - began


def _lines_as_html(case: Case) -> tuple[str, list[tuple[int, int, str]]]:
    lines = [(s, s + len(t), t) for s, t in _line_spans(case.text)]
    doc = "<html><body><article>" + "".join(f"<p>{html.escape(t)}</p>" for _, _, t in lines)
    return doc + "</article></body></html>", lines


def _line_spans(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            yield offset, line
        offset += len(line) + 1


def _run_justext(cases: list[Case]) -> list[list[tuple[int, int]]] | None:
    try:
        import justext
    except ImportError:
        return None
    stop = justext.get_stoplist("English")
    out = []
    for case in cases:
        doc, lines = _lines_as_html(case)
        paragraphs = justext.justext(doc.encode("utf-8"), stop)
        kept = {p.text.strip() for p in paragraphs if not p.is_boilerplate}
        out.append([(s, e) for s, e, t in lines if t.strip() not in kept])
    return out


def _run_trafilatura(cases: list[Case]) -> list[list[tuple[int, int]]] | None:
    try:
        import trafilatura
    except ImportError:
        return None
    out = []
    for case in cases:
        doc, lines = _lines_as_html(case)
        extracted = trafilatura.extract(doc, include_comments=False, favor_precision=True) or ""
        kept = {t.strip() for t in extracted.split("\n") if t.strip()}
        out.append([(s, e) for s, e, t in lines if t.strip() not in kept])
    return out


def seed_report(folder: Path = SEEDS) -> dict[str, list[dict]]:
    """The removed spans on each seed article, for a person to eyeball."""
    report = {}
    for path in sorted(folder.glob("*.txt")):
        spans = clean_text(path.read_text(encoding="utf-8"), path.stem)
        report[path.name] = [
            {"reason": s.reason, "start": s.start, "end": s.end, "text": s.text[:100]} for s in spans
        ]
    return report


def evaluate(data: Path, limit: int | None = None, part: str = "heldout") -> dict:
    """Build cases from ``data`` (the jsonl file or its folder), clean them, report catches and losses.

    The figures are on the held-out half of the articles unless ``part`` says ``dev``.
    """
    rows = load_articles(Path(data))
    cases = build_cases(rows, limit, part=part)
    ours, reasons, seconds = _run_ours(cases)
    body_chars = sum(e - s for c in cases for s, e in c.body)
    plain_chars = body_chars - sum(e - s for c in cases for s, e in c.boilerplate)
    result = {
        "cases": len(cases),
        "part": part,
        "seed": SEED,
        "ours": _score(cases, ours)
        | {
            "body_removed_by_reason": {
                k: round(v / body_chars, 4) for k, v in reasons["all"].most_common()
            },
            "body_removed_excl_boilerplate_by_reason": {
                k: round(v / plain_chars, 4) for k, v in reasons["excl_boilerplate"].most_common()
            },
        },
        "seconds": round(seconds, 2),
        "peers": {},
        "published": {},  # no published figures exist for this synthetic insertion task
        "seeds": seed_report() if SEEDS.is_dir() else {},
    }
    for name, runner in (("justext", _run_justext), ("trafilatura", _run_trafilatura)):
        removed = runner(cases)
        if removed is not None:
            result["peers"][name] = _score(cases, removed)
    return result


def render(result: dict) -> str:
    """A plain-text table: our figures beside the peers' on the same cases."""
    systems = {"newsweave": result["ours"], **result["peers"]}
    kinds = sorted({k for s in systems.values() for k in s["recall_by_kind"]})
    rows = ["chrome_recall", "off_topic_recall", "body_removed", "body_removed_excl_boilerplate",
            "boilerplate_share"] + [f"recall:{k}" for k in kinds]
    names = list(systems)
    lines = [
        f"cleaning on {result['cases']} built cases from the {result.get('part', 'whole')} articles "
        f"(seed {result['seed']}); "
        "published figures: none exist for this synthetic task",
        "boilerplate = original lines repeated verbatim in >= "
        f"{BOILERPLATE_ARTICLES} articles of the same outlet (its own chrome)",
        f"{'metric':<30}" + "".join(f"{n:>13}" for n in names),
    ]
    for row in rows:
        cells = []
        for n in names:
            value = systems[n]["recall_by_kind"].get(row[7:]) if row.startswith("recall:") else systems[n][row]
            cells.append(f"{value:>13.3f}" if isinstance(value, float) else f"{'-':>13}")
        lines.append(f"{row:<30}" + "".join(cells))
    lines.append(f"newsweave time: {result['seconds']} s")
    for key, label in (("body_removed_by_reason", "original lines"),
                       ("body_removed_excl_boilerplate_by_reason", "original lines less boilerplate")):
        by_reason = result["ours"].get(key, {})
        if by_reason:
            lines.append(f"removed from {label}, by reason: " + ", ".join(f"{k} {v:.3f}" for k, v in by_reason.items()))
    for name, spans in result.get("seeds", {}).items():
        lines.append(f"seed {name}:")
        lines += [f"  {s['reason']:<13} {s['text'][:80]!r}" for s in spans]
    return "\n".join(lines)
