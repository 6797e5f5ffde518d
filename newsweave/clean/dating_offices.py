"""Office holders named in a text, and what they say about when it was written.

News names people by the office they hold when it is written: "President Trump",
"Chancellor Angela Merkel", "the Obama administration" put the day of writing inside
that person's term; "former President Barack Obama", "then-Secretary of State Antony
Blinken" after it ended; "President-elect Joe Biden" just before it began. The terms
come from :file:`dating_offices.json`, a table of the holders of high public offices
since about 1980 (US executive and congressional leaders, the heads of state or
government of the G20 members, Russia and Ukraine, UN and NATO secretaries-general,
European Commission presidents, popes), general knowledge whose dates are public
record; see its ``_about`` note. Nothing in it is about any one story.

A title is needed before the name (or "administration" after it): a bare surname is
too often someone else, and says nothing of current or former.

>>> [(c.person, c.relation) for c in find_office_cues("Former President Barack Obama met Chancellor Merkel.")]
[('Barack Obama', 'former'), ('Angela Merkel', 'current'), ('Angela Merkel', 'started')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from newsweave.patterns import word_trie

TABLE = Path(__file__).with_name("dating_offices.json")

# Modifiers before a title, and the relation each gives ("then" without a hyphen is
# often the adverb, "and then President X said", so it counts for less).
_MODIFIERS = {"former": "former", "ex-": "former", "the late": "former", "late": "former", "then-": "then",
              "then": "then", "outgoing": "current", "acting": "current", "incoming": "elect",
              "would-be": "", "future": "", "potential": "", "deputy": "", "assistant": "", "under": ""}
# How strongly each relation holds: the log-plausibility lost by a day that breaks it.
# A current title is also used for a term long over ("President Jimmy Carter appointed him in
# 1977"): on the fitting half of the news JSONL about 10% of present-tense and 18% of
# past-tense mentions fall outside the term, so a day outside it loses only log(0.9/0.1)
# or log(0.82/0.18), but under 2% of those in a sentence that also names a day of the
# last week or a month-day without its year (``current_recent``); and a title is
# never given before the term began (``started``).
WEIGHT = {"former": 4.0, "then-": 4.0, "then": 2.0, "elect": 1.5, "current": 2.2, "current_past": 1.5,
          "started": 4.0, "current_recent": 3.5}
# Words that put a sentence in the days around its writing ("on Thursday", "last week"):
# a current title there is the title held then.
_RECENT_RE = re.compile(r"\b(?:(?:on|last|this|by|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                        r"|(?:last|this)\s+(?:week|weekend)|yesterday|today|tonight|this\s+morning)\b"
                        # a month-day without its year ("on March 3"): recent by convention
                        r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?!\d|,?\s+\d{4})\b",
                        re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"[.!?]\s|\n")
# Words after a name that make it the head of the current government ("the Trump administration").
_GOVERNMENT_RE = re.compile(r"(?:['’]s)?\s+(?:administration|White House|presidency|government|cabinet)\b")
# "a Biden administration", "former Obama White House official", "the first Trump administration".
_HYPOTHETICAL_RE = re.compile(r"\b(?:a|an|another|would-be|future|potential|possible|former|ex-|first|second)\s+$",
                              re.IGNORECASE)
_PRESENT_RE = re.compile(r"\b(?:is|are|has|have|says|wants|does|do|will|can|must|remains|seems|continues)\b")
_PAST_RE = re.compile(r"\b(?:was|were|had|did|said|signed|served|took|led|ordered|announced|met|visited|"
                      r"told|called|made|gave|became|won|lost|appointed|declared|ended|began)\b")


@dataclass(frozen=True, slots=True)
class Holder:
    """One person's terms in one office: ``terms`` are (first day, last day or None while in office)."""

    person: str
    office: str
    terms: tuple[tuple[date, date | None], ...]
    government: bool  # whether "<name> administration" names this office's holder


@dataclass(frozen=True, slots=True)
class OfficeCue:
    """A person named by an office: ``relation`` is current, former, then or elect.

    A current title also yields a ``started`` cue: whatever else, it was written after
    the first term began.
    """

    start: int
    end: int
    person: str
    office: str
    relation: str
    weight: float
    terms: tuple[tuple[date, date | None], ...]


@dataclass(frozen=True, slots=True)
class OfficeTable:
    """The compiled table: holders by written name, titles by office, and the regexes that find them."""

    as_of: date
    holders: dict[str, tuple[Holder, ...]]  # name as written -> holders it may be
    titles: dict[str, frozenset[str]]  # office -> its titles, lower-cased
    name_re: re.Pattern
    title_re: re.Pattern  # a (modifier,) title and given names, ending where the name starts


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@cache
def office_table(path: Path = TABLE) -> OfficeTable:
    """Read and compile the office-holder table (once per process)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    terms: dict[tuple[str, str], list[tuple[date, date | None]]] = {}
    forms: dict[tuple[str, str], set[str]] = {}
    government: dict[str, bool] = {}
    titles: dict[str, frozenset[str]] = {}
    for office in raw["offices"]:
        name = office["office"]
        titles[name] = frozenset(t.lower().replace("-", " ") for t in office["titles"])
        government[name] = bool(office.get("administration"))
        for person, first, last, *written in office["terms"]:
            key = (person, name)
            terms.setdefault(key, []).append((_day(first), _day(last)))
            forms.setdefault(key, set()).update(written[0] if written else (person, person.split()[-1]))
    holders: dict[str, list[Holder]] = {}
    for key, spans in terms.items():
        holder = Holder(key[0], key[1], tuple(sorted(spans)), government[key[1]])
        for form in forms[key]:
            holders.setdefault(form, []).append(holder)
    names = sorted(holders, key=len, reverse=True)
    # not "Pope Leo XIII" for "Pope Leo XIV"; "Zelensky’s" (a possessive, either apostrophe) is the name
    # The word-start test is left to :func:`_names`: a pattern that opens with the names (not a
    # look-behind) lets the regex engine skip to the names' first letters, ~3× faster; the
    # names as a trie, 12× faster again.
    name_re = re.compile(r"(?:" + word_trie(names, space=" ") + r")(?![\w-]|’(?![sS]\b)|\s+[IVX]+\b)")
    all_titles = sorted({t for ts in raw["offices"] for t in ts["titles"]}, key=len, reverse=True)
    modifiers = "|".join(re.escape(m) for m in sorted(_MODIFIERS, key=len, reverse=True))
    title_re = re.compile(
        r"(?:(?<!and\s)(?<!but\s)(?<!since\s)\b(?P<mod>(?i:" + modifiers + r"))\s*)?"
        r"(?<!\w)(?P<title>(?i:" + word_trie(all_titles, fold_case=True, space=r"[\s-]+") + r"))"
        r"(?P<elect>-[Ee]lect)?\s+(?:[A-Z][\w’'-]*\s+|[A-Z]\.\s*){0,3}$"
    )
    return OfficeTable(_day(raw["as_of"]), {k: tuple(v) for k, v in holders.items()}, titles, name_re, title_re)


def find_office_cues(text: str, tense=None, table: OfficeTable | None = None) -> list[OfficeCue]:
    """People named by a title (or with "administration") in ``text``, left to right.

    ``tense`` is an optional function from an offset to ``past``/``future``/None
    (:func:`newsweave.extract.timex.textual_tense`): a current title in a past-tense
    clause ("President Reagan signed it") is weaker evidence, since writers also call
    people by the title they held then.
    """
    table = table or office_table()
    cues: list[OfficeCue] = []
    for m in _names(table.name_re, text):
        candidates = table.holders[m.group()]
        left = text[max(0, m.start() - 90):m.start()]
        titled = table.title_re.search(left)
        if titled:
            title = " ".join(titled["title"].lower().replace("-", " ").split())
            holders = [h for h in candidates if title in table.titles[h.office]]
            mod = " ".join((titled["mod"] or "").lower().split())
            relation = _MODIFIERS.get(mod, "current")
            if titled["elect"]:  # "President-elect X"; "then-President-elect X": after the term began
                relation = "started" if relation in ("then", "former") else "elect"
            if not relation:
                continue  # "would-be President X", "Deputy Secretary of State X"
            start = max(0, m.start() - 90) + titled.start()
            key = "then-" if mod == "then-" else relation
        elif _GOVERNMENT_RE.match(text, m.end()) and not _HYPOTHETICAL_RE.search(text, max(0, m.start() - 30), m.start()):
            holders = [h for h in candidates if h.government]
            relation, key, start = "current", "current", m.start()
        else:
            continue
        if not holders:
            continue
        weight = WEIGHT[key]
        if relation == "current":
            if _RECENT_RE.search(text, *_sentence(text, m.start(), m.end())):
                weight = WEIGHT["current_recent"]
            elif _clause_is_past(text, m.start(), m.end(), tense):
                weight = WEIGHT["current_past"]
        spans = tuple(sorted({t for h in holders for t in h.terms}, key=lambda t: t[0]))
        person = holders[0].person if len({h.person for h in holders}) == 1 else m.group()
        office = holders[0].office if len({h.office for h in holders}) == 1 else "/".join(sorted({h.office for h in holders}))
        cues.append(OfficeCue(start, m.end(), person, office, relation, weight, spans))
        if relation == "current":
            cues.append(OfficeCue(start, m.end(), person, office, "started", WEIGHT["started"], spans))
    return cues


_IN_WORD_RE = re.compile(r"[\w’'-]")


def _names(name_re: re.Pattern, text: str) -> Iterator[re.Match]:
    r"""``name_re``'s matches that start a word, as ``(?<![\w’'-])`` before it would give them."""
    pos = 0
    while m := name_re.search(text, pos):
        if m.start() and _IN_WORD_RE.match(text, m.start() - 1):
            pos = m.start() + 1  # a name inside a word: look again from the next character
            continue
        yield m
        pos = m.end()


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around ``[start, end)``, at most 250 characters each way."""
    lo = max(0, start - 250)
    before = [m.end() for m in _SENTENCE_END_RE.finditer(text, lo, start)]
    after = _SENTENCE_END_RE.search(text, end, min(len(text), end + 250))
    return (before[-1] if before else lo), (after.start() if after else min(len(text), end + 250))


def _clause_is_past(text: str, start: int, end: int, tense) -> bool:
    """Whether the clause around a name is told in the past rather than the present."""
    if tense is not None:
        said = tense(start)
        if said is not None:
            return said == "past"
    window = text[max(0, start - 60):end + 60]
    return bool(_PAST_RE.search(window)) and not _PRESENT_RE.search(window)


def allowed_days(cue: OfficeCue, open_end: date) -> list[tuple[date, date]]:
    """The spans of days a cue allows the writing in (``open_end`` closes a term still running).

    >>> c = OfficeCue(0, 1, "X", "o", "former", 4.0, ((date(2001, 1, 20), date(2009, 1, 20)),))
    >>> allowed_days(c, date(2026, 12, 31))
    [(datetime.date(2009, 1, 21), datetime.date(2026, 12, 31))]
    """
    terms = [(first, last or open_end) for first, last in cue.terms]
    if cue.relation == "current":
        return terms
    if cue.relation == "started":
        return [(terms[0][0], open_end)]
    if cue.relation == "elect":
        return [(date.fromordinal(first.toordinal() - 100), first) for first, _ in terms]
    after = date.fromordinal(min(last for _, last in terms).toordinal() + 1)
    if cue.relation == "then":
        return [(after, open_end)] if after <= open_end else []
    # former: after the first term ended and outside every later one
    spans, cursor = [], after
    for first, last in sorted(terms):
        if last < cursor:
            continue
        if first > cursor:
            spans.append((cursor, date.fromordinal(first.toordinal() - 1)))
        cursor = max(cursor, date.fromordinal(last.toordinal() + 1))
    if cursor <= open_end:
        spans.append((cursor, open_end))
    return spans
