"""The genre of an article: a news report, an analysis, or an opinion piece.

Decided from general signals, each counted over the body:

* the author's own **recommendations** (statements of type ``recommendation``
  that no one else is quoted saying: "The US should help Ukraine ...");
* **first person** outside quotes ("those of us calling for negotiations");
* **argument structure**: sentence-initial connectives that weigh one point
  against another ("However", "Given these constraints", "To be sure");
* **attribution**: the share of sentences that report someone's words, and
  quotation marks; reports are built from them;
* a **dateline** ("KYIV, Ukraine (AP) —") or a "contributed reporting" credit.

Opinion needs the author to argue *for* something (recommendations, first
person); a report mostly relays what others said; an analysis argues without
recommending, or explains ("Why is Kursk important?"). The confidence is a
logistic function of the margin between the best and the second-best score.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy
from spacy.attrs import IS_ALPHA, LOWER, POS
from spacy.symbols import PRON
from spacy.tokens import Doc

from newsweave.config import Options
from newsweave.model import Record, record_rows
from newsweave.nlp import string_ids
from newsweave.pipeline import Article, stage

NAME, VERSION = "genre.signals", "0.1.0"
EXTRACTOR = f"{NAME}@{VERSION}"
GENRES = ("report", "analysis", "opinion")

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "myself", "ourselves"})
CONNECTIVES = re.compile(
    r"^(?:however|therefore|thus|hence|yet|still|instead|ultimately|consequently|moreover|furthermore|"
    r"nevertheless|nonetheless|indeed|in short|in sum|to be sure|of course|after all|given\b|despite\b|"
    r"although|while\b|rather|worse|better|so\b|but\b|that is why|this is why|for its part|at best|at worst)",
    re.IGNORECASE,
)
DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][\w .]{1,30})?\s*(?:\([A-Za-z .]{1,20}\))?\s*[—–-]{1,2}\s+\S",
)
CREDIT = re.compile(r"\bcontributed (?:reporting|to this report)\b|\breporting by\b|\bediting by\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Genre(Record):
    """The genre of one document, covering its whole text.

    ``scores`` gives each genre's score, ``signals`` the counts they come from and
    ``evidence`` the spans that show the signals: ``[start, end, signal]``.
    """

    kind: ClassVar[str] = "genres"

    genre: str
    scores: dict[str, float]
    signals: dict[str, float]
    evidence: tuple[tuple[int, int, str], ...] = ()


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ``spans`` as sorted, disjoint intervals."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _in_spans(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of ``spans`` (sorted and disjoint, see :func:`_merged`)."""
    i = bisect_right(spans, (pos, float("inf")))
    return i > 0 and spans[i - 1][0] <= pos < spans[i - 1][1]


def _any_between(points: Sequence[int], start: int, end: int) -> bool:
    """Whether a sorted ``points`` has one in ``[start, end)``."""
    i = bisect_left(points, start)
    return i < len(points) and points[i] < end


def signals(doc: Doc, text: str, quotes: Sequence[Any] = (), statements: Sequence[Any] = ()
            ) -> tuple[dict[str, float], list[tuple[int, int, str]]]:
    """Count the genre signals of a parsed document; return (rates per sentence, evidence spans)."""
    quotes = record_rows(quotes, ("start", "end", "content_spans", "content_start", "content_end",
                                  "duplicate_of", "quote_type"))
    statements = record_rows(statements, ("start", "end", "type", "stance"))
    quoted = _merged((a, b) for q in quotes for a, b in (q.get("content_spans") or [(q["content_start"], q["content_end"])]))
    lower, pos, alpha = doc.to_array([LOWER, POS, IS_ALPHA]).T
    sentences = [s for s in doc.sents if alpha[s.start:s.end].any()]
    n = max(1, len(sentences))
    evidence: list[tuple[int, int, str]] = []
    first_person = 0
    pronouns = numpy.isin(lower, string_ids(FIRST_PERSON)) & (pos == PRON)
    for i in numpy.flatnonzero(pronouns):
        tok = doc[int(i)]
        if not _in_spans(tok.idx, quoted):
            first_person += 1
            if first_person <= 5:
                evidence.append((tok.idx, tok.idx + len(tok), "first person"))
    argued = 0
    questions = 0
    parsed = doc.text  # built once: Span.text joins its tokens again for every sentence
    for sent in sentences:
        head = parsed[sent.start_char:sent.end_char].lstrip()
        if CONNECTIVES.match(head):
            argued += 1
        if head.rstrip().endswith("?") and not _in_spans(sent.start_char, quoted):
            questions += 1
            evidence.append((sent.start_char, sent.end_char, "question"))
    recommendations = [s for s in statements if s["type"] == "recommendation" and s["stance"] == "asserts"]
    evidence.extend((s["start"], s["end"], "recommendation") for s in recommendations[:6])
    attributed = sorted({q["start"] for q in quotes if not q.get("duplicate_of")})
    attributed_sents = sum(1 for s in sentences if _any_between(attributed, s.start_char, s.end_char))
    direct = sum(1 for q in quotes if q.get("quote_type") in ("direct", "partial"))
    evidence.extend((q["start"], q["end"], "attribution") for q in quotes[:4])
    body = text.lstrip()
    offset = len(text) - len(body)
    dateline = 0.0
    first_line = body.split("\n", 1)[0]
    if DATELINE.match(first_line) or DATELINE.match(body[:200]):
        dateline = 1.0
        evidence.append((offset, offset + min(len(first_line), 60), "dateline"))
    credit = CREDIT.search(text)
    if credit:
        evidence.append((credit.start(), credit.end(), "reporting credit"))
    rates = {
        "sentences": float(len(sentences)),
        "recommendations": float(len(recommendations)),
        "first_person": float(first_person),
        "argument": argued / n,
        "questions": questions / n,
        "attribution": attributed_sents / n,
        "direct_quotes": direct / n,
        "dateline": dateline,
        "credit": 1.0 if credit else 0.0,
    }
    return rates, evidence


def scores(rates: dict[str, float]) -> dict[str, float]:
    """Each genre's score from the signals: a hand-set linear model, one line per genre.

    Recommendations and first person are counts that saturate (a long op-ed does
    not need more of them than a short one); the rest are rates per sentence.
    """
    return {
        "report": 1.6 * rates["attribution"] + 0.8 * rates["direct_quotes"] + 0.5 * rates["dateline"]
        + 0.4 * rates["credit"] + 0.1,
        "analysis": 0.9 * rates["argument"] + 1.5 * rates["questions"] + 0.3 * rates["attribution"] + 0.2,
        "opinion": 0.35 * min(rates["recommendations"], 4) + 0.2 * min(rates["first_person"], 5)
        + 0.6 * rates["argument"] - 0.6 * rates["attribution"] - 0.5 * rates["direct_quotes"],
    }


def classify(rates: dict[str, float]) -> tuple[str, dict[str, float], float]:
    """(genre, scores, confidence) for the signal rates of one document."""
    found = scores(rates)
    ranked = sorted(found, key=found.get, reverse=True)
    margin = found[ranked[0]] - found[ranked[1]]
    confidence = 1 / (1 + math.exp(-4 * margin))
    return ranked[0], {k: round(v, 3) for k, v in found.items()}, round(confidence, 3)


def genre_of(doc: Doc, doc_id: str, text: str, quotes: Sequence[Any] = (),
             statements: Sequence[Any] = ()) -> Genre:
    """The :class:`Genre` record of one parsed document."""
    rates, evidence = signals(doc, text, quotes, statements)
    genre, found, confidence = classify(rates)
    return Genre(
        doc=doc_id, start=0, end=len(text), text="", extractor=EXTRACTOR, confidence=confidence,
        genre=genre, scores=found, signals={k: round(v, 3) for k, v in rates.items()},
        evidence=tuple(sorted(evidence)),
    )


@stage(NAME, version=VERSION, requires=("spacy", "quotes", "statements"), produces=("genres",))
def genre_stage(article: Article, options: Options) -> Iterator[Genre]:
    """The genre.signals stage: one genre record per article."""
    yield genre_of(article.spacy, article.document.id, article.document.text,
                   article.records.get("quotes", ()), article.records.get("statements", ()))
