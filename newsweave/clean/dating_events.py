"""Widely known dated events mentioned in a text, and what they say about when it was written.

A reader dates "two-and-a-half years after Putin began this brutal invasion" to
August 2024 because everyone knows when Russia's full-scale invasion of Ukraine
began. :file:`dating_events.json` holds that kind of general knowledge: a hand-curated
table of a few hundred widely known world events since 1945 (wars and invasions,
attacks, disasters, pandemics, elections and referendums, coups, deaths of famous
people, treaties and summits, financial crises, major sporting events), each with the
day it happened (or its month, or year, where the day is not well known) and how text
names it. Only events whose dates are certain are listed, the kind any almanac's
chronology holds; nothing in it is about any one story.

Schema of the table (``_about`` repeats it in short):

- ``groups``: shared sets of participant words, written as they appear in text
  (matched case-sensitively, whole words), referred to from events as ``"@Name"``;
- ``heads``: shared sets of head words (matched as written or capitalised), ``"@name"``;
- ``events``: one object per event with ``event`` (its name), ``date`` (``YYYY-MM-DD``,
  ``YYYY-MM`` or ``YYYY``), ``domain``, and how text mentions it: ``names`` (fixed
  phrases, case-sensitive: "9/11", "Hurricane Katrina", "Brexit vote") and/or
  ``heads`` (invasion, war, attack, death, election ...) with ``with``, a list of
  participant groups of which each must be named in the head's sentence or the one
  before ("the invasion" with {Russia, Putin, Moscow ...} and {Ukraine, Kyiv ...});
  ``prefer`` (words that pick this event over others a mention could be: "full-scale",
  "Crimea", a year), ``needs`` (at least one must be in the sentence: "Katrina" needs a
  storm word) and ``foreseen`` (true for what is written about before it happens:
  elections, referendums, games, summits, treaties under negotiation, named storms; such
  a mention says nothing by itself, only counted from: "two years after the Brexit vote")
  and ``patient`` (true where the participant must be who it happened to: "the capture
  of X", "X was released"; always so for deaths: "X's death", not "X killed").

To add an event: one line in ``events`` with a date you are sure of, the phrases
that name it unambiguously as ``names``, else head words plus the participant groups
that must stand near them; run ``tests/clean/test_dating_events.py``.

Three shapes of mention give cues (:class:`EventCue`):

- ``since``: "N <units> since/after/into <event>", "<event> … N <units> ago",
  "N years of <event>", "<began> <event> … after N years": written N units after it;
- ``anniversary``: "the Nth anniversary of <event>": N years after it (a ``since`` cue);
- ``after``: an event told as having happened (not "the next election", not in a
  future or hypothetical clause): written after it, a weak lower bound.

A mention two events fit ("the invasion" with Russia and Ukraine: Crimea 2014 or the
full-scale invasion of 2022) keeps the one its context prefers ("full-scale",
"Crimea", a year next to it); failing that a ``since`` cue keeps both as alternatives
(the other cues choose between them) and an ``after`` cue the earliest.

>>> [(c.kind, c.events[0].name, c.months) for c in find_event_cues("Two years after the Brexit vote, talks are stalled.")]
[('since', 'the Brexit referendum', 24.0)]
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from newsweave.extract.timex_lexicon import NUMBER_RE, parse_number
from newsweave.patterns import word_trie

TABLE = Path(__file__).with_name("dating_events.json")

UNIT_MONTHS = {"day": 1 / 30.44, "week": 7 / 30.44, "month": 1.0, "year": 12.0, "decade": 120.0}
# How far the true time elapsed may be from a whole count, in months (fewer, more), by
# unit: "two years since" is mostly said from 23 months on until the third year is full,
# "a decade after" from 8 years on; "30 months", "two-and-a-half years" mean that month.
ROUNDING = {"day": (0.5, 0.5), "week": (0.5, 0.5), "month": (0.5, 1.0), "year": (1.5, 11.5), "decade": (24.0, 36.0)}
EXACT = (0.5, 0.5)
# "nearly three years", "more than two years": the count is a bound, off by up to this.
BOUND_SLACK = {"day": 0.5, "week": 1.0, "month": 1.5, "year": 12.0, "decade": 60.0}
ANNIVERSARY_SLACK = (2.0, 1.0)  # an anniversary is written about in the weeks before it, on the day or soon after
AGO_YEARS = (6.0, 6.0)  # "four years ago" is rounded either way
MAX_ALTERNATIVES = 3  # a since cue with more candidate events says nothing
# Participants of most events must stand within this many characters of the head word, in
# its sentence ("the death of George Floyd", "Trump's election"); those of a war, coup,
# pandemic or referendum may be named anywhere in the sentence or the one before ("Putin
# ... Ukraine. Whatever he hoped when he began this invasion").
NEAR_REACH = 80
CONTEXT_DOMAINS = frozenset({"war", "coup", "pandemic", "referendum"})

_DURATION = (
    r"(?:(?P<mod>nearly|almost|about|around|roughly|some|more\s+than|over|just\s+over|just\s+under|less\s+than"
    r"|under|fewer\s+than|at\s+least|well\s+over)\s+)?"
    rf"(?P<num>{NUMBER_RE})[\s-]+(?P<unit>year|month|week|day|decade)s?(?P<half>\s+and\s+a\s+half)?"
)
_DURATION_RE = re.compile(r"\b" + _DURATION + r"\b", re.IGNORECASE)
# Between a duration and the event it counts from: "two years since", "three months after
# the start of", "a year into", "30 years have passed since".
# The words between the connector and the mention may only name it ("the start of",
# "Russia's", "Russia launched its full-scale"), not lead to something else counted from
# it ("into the economy's recovery from the Great Recession").
_LEAD_IN = (r"(?:(?:the|a|an|its|his|her|their)\s+)?(?:(?:start|beginning|outbreak|onset|launch|first\s+day)\s+of\s+)?"
            r"(?:(?!(?:from|of|to|in|by|for|with|on|at|and|or)\b)[\w'’.-]+\s+){0,4}")
_SINCE_GAP_RE = re.compile(
    r"\s*(?:(?:have|has)\s+(?:now\s+)?(?:passed|elapsed|gone\s+by)\s+|(?:went|gone)\s+by\s+|on\s+)?"
    r"(?P<connector>since|after|into|following|on\s+from)\s+" + _LEAD_IN,
    re.IGNORECASE,
)
_OF_GAP_RE = re.compile(r"\s+of\s+(?:[\w'’-]+\s+){0,2}", re.IGNORECASE)  # "three years of (brutal) war"
# The clause a count with "after" or "of" stands in must be told in the present ("Three
# years after the invasion, the front is frozen"): in a past narrative it dates another
# event ("Two months after the vote, a man was murdered"), not the writing.
_PRESENT_RE = re.compile(r"\b(?:is|are|has|have|remains?|continues?|must|can|now|still|today|marks?|stands?)\b|['’]s\s+been\b",
                         re.IGNORECASE)
_PAST_RE = re.compile(
    r"\b(?:was|were|had|did|said|told|wrote|went|came|took|made|began|saw|gave|got|found|knew|thought|became|left|led"
    r"|felt|brought|held|kept|ran|met|sent|spoke|stood|won|lost|paid|put|rushed|killed|died)\b", re.IGNORECASE)
# "<event> struck New Orleans 15 years ago": the count right after it, in the same clause.
_AGO_RE = re.compile(r"[^.,;:!?()\"“”]{0,40}?\b" + _DURATION + r"\s+ago\b", re.IGNORECASE)
# "the most in one day since", "the biggest drop in a week since": a record, not time elapsed.
_RECORD_BEFORE_RE = re.compile(r"(?:\b(?:most|biggest|largest|worst|best|highest|lowest|sharpest|steepest)\b[^.;:!?]{0,30}"
                               r"|\bin\s+(?:a\s+single\s+)?|\b(?:first|last|final|opening|past|next)\s+)$", re.IGNORECASE)
# Words before a head that make it another thing: "World War II", "a trade war", "the Cold War".
_OTHER_KIND_RE = re.compile(r"\b(?:trade|tariff|price|currency|culture|cultural|cold|civil|world|proxy|propaganda|information"
                            r"|bidding|turf|gang|drug|holy|star|class|shadow|political|legal|verbal|twitter|media|PR)"
                            r"[\s-]+$", re.IGNORECASE)
_BEGAN_RE = re.compile(r"\b(?:began|begun|launched|started|unleashed|initiated)\b[^.;:!?,]{0,25}$", re.IGNORECASE)
_AFTER_OF_RE = re.compile(r"\b(?:after|following)\s+" + _DURATION + r"\s+of\b", re.IGNORECASE)
_ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9}


def _ordinal_words() -> dict[str, int]:
    """Ordinal words up to the hundredth: "tenth", "twentieth", "seventy-fifth"."""
    words = dict(_ORDINAL_UNITS) | {
        "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
        "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "hundredth": 100}
    for stem, value in (("twent", 20), ("thirt", 30), ("fort", 40), ("fift", 50), ("sixt", 60), ("sevent", 70),
                        ("eight", 80), ("ninet", 90)):
        words[stem + "ieth"] = value
        words.update({f"{stem}y-{unit}": value + n for unit, n in _ORDINAL_UNITS.items()})
    return words


_ORDINALS = _ordinal_words()
_ANNIVERSARY_RE = re.compile(
    r"\b(?:(?P<digits>\d{1,3})(?:st|nd|rd|th)|(?P<word>" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")"
    r"|(?P<years>\d{1,3}|" + "|".join(sorted(_ORDINAL_UNITS, key=len)) + r")-year)"
    r"[\s-]+anniversary\s+of\s+" + _LEAD_IN + "$",
    re.IGNORECASE,
)
# Words (or phrases) ahead of a mention, inside its noun phrase, that make it an event
# to come or a kind rather than the known one: "the next election", "another 9/11".
_NOUN_PHRASE_START_RE = re.compile(
    r".*(?:\b(?:since|after|into|following|of|before|from|to|in|on|by|with|than|that|when|as|during|amid|and|or)\b"
    r"|[,;:()\"“”]|^)",
    re.IGNORECASE | re.DOTALL,
)
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:a|an|another|any|next|upcoming|coming|future|possible|potential|new|looming|impending|planned|proposed"
    r"|prospective|hypothetical|would-be|expected|feared|threatened|imminent|renewed)\b",
    re.IGNORECASE,
)
# A clause that looks ahead or supposes: no lower bound from an event named in it.
_UNREAL_RE = re.compile(
    r"\b(?:will|would|could|might|shall|if|unless|whether|avoid|prevent|risk|threat|fears?|warn(?:s|ed)?|worr(?:y|ies|ied)"
    r"|prepar(?:e|es|ing)|plans?|planned|scheduled|expected|ahead\s+of)\b|'ll\b",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_YEAR_NEAR_BEFORE_RE = re.compile(r"\b((?:19|20)\d\d)(?:['’]s)?\s+(?:[\w-]+\s+){0,2}$")
_YEAR_NEAR_AFTER_RE = re.compile(r"^(?:\s+(?:of|in)\s+|\s*,\s*|\s+)((?:19|20)\d\d)\b")


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event: ``first``..``last`` is its day, or its month or year when that is all that is certain."""

    name: str
    first: date
    last: date
    domain: str
    foreseen: bool = False
    patient: bool = False
    groups: tuple[frozenset[str], ...] = ()
    prefer: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EventTable:
    """The compiled table: events by the name or head word that mentions them, and the two regexes."""

    events: tuple[Event, ...]
    by_name: dict[str, tuple[Event, ...]]  # fixed phrase as written -> events
    by_head: dict[str, tuple[Event, ...]]  # head word, lower-cased -> events (their groups must be met)
    mention_re: re.Pattern
    word_re: re.Pattern  # participant, prefer and needs words


@dataclass(frozen=True, slots=True)
class EventCue:
    """A mention of a known event and what it says about the day of writing.

    ``kind`` is ``since`` (written ``months`` after the event, within ``slack`` =
    (months fewer, months more)) or ``after`` (written after it). ``events`` are the
    events the mention may be: one, or a few alternatives for a ``since`` cue.
    """

    start: int
    end: int
    kind: str
    events: tuple[Event, ...]
    months: float = 0.0
    slack: tuple[float, float] = (0.0, 0.0)

    def windows(self) -> tuple[tuple[date, date], ...]:
        """For a ``since`` cue, the days each alternative puts the writing in (month-aligned).

        >>> e = Event("x", date(2022, 2, 24), date(2022, 2, 24), "war")
        >>> EventCue(0, 1, "since", (e,), 30.0).windows()
        ((datetime.date(2024, 8, 1), datetime.date(2024, 8, 31)),)
        """
        spans = []
        for event in self.events:
            # a count within half a month of a whole month is that month
            lo = _month_index(event.first) + math.floor(self.months - self.slack[0] + 0.5)
            hi = _month_index(event.last) + math.ceil(self.months + self.slack[1] - 0.5)
            spans.append((_month_start(lo), _month_end(hi)))
        return tuple(spans)


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _month_end(index: int) -> date:
    return date.fromordinal(_month_start(index + 1).toordinal() - 1)


def _span(value: str) -> tuple[date, date]:
    """The first and last day of ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        index = parts[0] * 12 + parts[1] - 1
        return _month_start(index), _month_end(index)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _expand(items: list[str], shared: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    for item in items:
        out.extend(shared[item[1:]] if item.startswith("@") else [item])
    return out


def _key(text: str) -> str:
    return " ".join(text.split())


@cache
def event_table(path: Path = TABLE) -> EventTable:
    """Read and compile the event table (once per process)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    groups, heads = raw["groups"], raw["heads"]
    events: list[Event] = []
    by_name: dict[str, list[Event]] = {}
    by_head: dict[str, list[Event]] = {}
    words: set[str] = set()
    for item in raw["events"]:
        first, last = _span(item["date"])
        event = Event(
            item["event"], first, last, item["domain"], bool(item.get("foreseen")),
            item["domain"] == "death" or bool(item.get("patient")),
            tuple(frozenset(_expand(g, groups)) for g in item.get("with", ())),
            frozenset(_expand(item.get("prefer", []), groups)), frozenset(_expand(item.get("needs", []), groups)),
        )
        events.append(event)
        for name in item.get("names", ()):
            by_name.setdefault(_key(name), []).append(event)
        for head in _expand(item.get("heads", []), heads):
            by_head.setdefault(_key(head.lower()), []).append(event)
        words.update(w for g in event.groups for w in g)
        words.update(event.prefer | event.needs)
    mention_re = re.compile(
        # heads as written lower-case or capitalised: a case-sensitive pattern is ~3x faster than (?i:)
        r"(?<![\w/-])(?:(?P<name>" + word_trie(by_name) + r")|(?P<head>"
        + word_trie({form for head in by_head for form in (head, head[0].upper() + head[1:])}) + r"))(?![\w/]|-\w)"
    )
    word_re = re.compile(r"(?<![\w-])(?:" + word_trie(words) + r")(?!\w)")
    return EventTable(tuple(events), {k: tuple(v) for k, v in by_name.items()},
                      {k: tuple(v) for k, v in by_head.items()}, mention_re, word_re)


class _Sentences:
    """Sentence bounds of a text, found once and looked up by offset."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in _SENTENCE_END_RE.finditer(text)]
        self.length = len(text)

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def bounds(self, i: int) -> tuple[int, int]:
        return self.starts[max(i, 0)], self.starts[i + 1] if i + 1 < len(self.starts) else self.length


def find_event_cues(text: str, tense: Callable[[int], str | None] | None = None,
                    table: EventTable | None = None) -> list[EventCue]:
    """Cues from the known events ``text`` mentions, left to right.

    ``tense`` is an optional function from an offset to ``past``/``future``/None
    (:func:`newsweave.extract.timex.textual_tense`): an event named in a future clause
    gives no lower bound.
    """
    table = table or event_table()
    mentions = list(table.mention_re.finditer(text))
    if not mentions:
        return []
    hits = [(m.start(), m.group()) for m in table.word_re.finditer(text)]
    hit_starts = [h[0] for h in hits]
    # A head whose events' participants the text never names is dropped before any sentence is looked at.
    named = {word for _, word in hits}
    mentions = [m for m in mentions if m["name"] is not None
                or any(all(g & named for g in e.groups) for e in table.by_head[_key(m["head"].lower())])]
    if not mentions:
        return []
    sentences = _Sentences(text)
    cues: list[EventCue] = []
    for m in mentions:
        sentence = sentences.index(m.start())
        s_start, s_end = sentences.bounds(sentence)
        candidates = _candidates(text, m, table, hits, hit_starts, sentences.bounds(sentence - 1)[0], s_start, s_end)
        if not candidates:
            continue
        cue = _since(text, m.start(), m.end(), s_start, s_end, candidates)
        if cue is None and _told_as_past(text, m.start(), m.end(), s_start, tense):
            known = [e for e in candidates if not e.foreseen]
            if known:
                earliest = min(known, key=lambda e: e.first)
                cue = EventCue(m.start(), m.end(), "after", (earliest,))
        if cue is not None:
            cues.append(cue)
    return cues


def _words_between(hits, hit_starts, lo: int, hi: int) -> set[str]:
    return {word for _, word in hits[bisect.bisect_left(hit_starts, lo):bisect.bisect_left(hit_starts, hi)]}


def _candidates(text: str, m: re.Match, table: EventTable, hits, hit_starts,
                context_start: int, s_start: int, s_end: int) -> list[Event]:
    """The events a mention may be, after its context has had its say (empty: none fits)."""
    sentence_words = _words_between(hits, hit_starts, s_start, s_end)
    if m["name"] is not None:
        pool = [e for e in table.by_name[_key(m["name"])] if not e.needs or e.needs & sentence_words]
    else:
        context = _words_between(hits, hit_starts, context_start, s_end)
        near = _words_between(hits, hit_starts, max(s_start, m.start() - NEAR_REACH), min(s_end, m.end() + NEAR_REACH))
        before = _words_between(hits, hit_starts, max(s_start, m.start() - 30), m.start())
        before = {w for w in before if _AGENT_BEFORE_RE.match(text, text.rfind(w, 0, m.start()) + len(w), m.start())}
        pool = [e for e in table.by_head[_key(m["head"].lower())]
                if all(g & (context if e.domain in CONTEXT_DOMAINS else near) for g in e.groups)
                and (not e.needs or e.needs & sentence_words)
                and not (e.domain in AGENT_DOMAINS and len(e.groups) > 1 and before and not before & e.groups[0]
                         and before & frozenset().union(*e.groups[1:]))
                and (not e.patient or _is_patient(text, m, e.groups[0] if e.groups else frozenset(), hits, hit_starts))]
    if not pool or _is_hypothetical(text, m.start()):
        return []
    if _OTHER_KIND_RE.search(text, max(0, m.start() - 25), m.start()) or (
            m["head"] is not None and m["head"][0].isupper()
            and _PROPER_BEFORE_RE.search(text, max(0, m.start() - 25), m.start())):
        return []  # "World War II", "the Cold War", "a trade war": not the war of the participants named
    if m["head"] is not None:
        named = _NAME_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())
        if named and named[1] not in _CALENDAR_WORDS:
            # "the Kursk invasion", "the Normandy landings": named for a place or party none of the events has
            word = named[1]
            pool = [e for e in pool if any(w == word or w.endswith(" " + word) for g in e.groups for w in g)]
    year = _year_next_to(text, m.start(), m.end())
    if year is not None:
        pool = [e for e in pool if e.first.year <= year <= e.last.year]
    if len(pool) > 1:
        context = _words_between(hits, hit_starts, context_start, s_end) | _plain_words(text, context_start, s_end)
        scores = [len(e.prefer & context) for e in pool]
        best = max(scores)
        pool = [e for e, s in zip(pool, scores) if s == best]
    distinct = {(e.first, e.last): e for e in pool}
    return sorted(distinct.values(), key=lambda e: e.first)


_PLAIN_WORD_RE = re.compile(r"[\w-]+")
# A participant written just before a head is its agent: "Iraq's invasion", "the Iraqi invasion".
_AGENT_BEFORE_RE = re.compile(r"(?:['’]s?)?\s+(?:[a-z][\w-]*\s+){0,2}$")
AGENT_DOMAINS = frozenset({"war", "attack", "coup"})
# The person a death (or a capture, a poisoning) happened to: "X's death", "the killing of X",
# "X died", "X was killed", "police killed X"; not "X killed ...".
_PATIENT_BEFORE_RE = re.compile(r"(?:['’]s?\s+(?:[\w-]+\s+){0,2}|,?\s+(?:(?:was|were|had\s+been|has\s+been|being|is)\s+"
                                r"(?:\w+\s+)?)?)$")
_PATIENT_AFTER_RE = re.compile(r"\s+(?:of\s+|on\s+)?(?:(?!(?:by|and|or|who|which|that|in|at|with)\b)[\w.'’-]+\s+){0,4}$")
_ACTIVE_HEAD_RE = re.compile(r"(?:killed|assassinated|murdered|executed|shot|captured|poisoned|beaten|released|freed)$",
                             re.IGNORECASE)
_PROPER_BEFORE_RE = re.compile(r"\b[A-Z][\w.'’-]*\s+$")
_NAME_BEFORE_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w.-]*[\w])(?:['’]s?)?\s+$")
_CALENDAR_WORDS = frozenset("January February March April May June July August September October November December "
                            "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday "
                            "Saturday Sunday".split())


def _plain_words(text: str, start: int, end: int) -> set[str]:
    """Words of a stretch, for ``prefer`` lists holding ordinary words ("full-scale", "first", a year)."""
    return set(_PLAIN_WORD_RE.findall(text, start, end))


def _is_patient(text: str, m: re.Match, names: frozenset[str], hits, hit_starts) -> bool:
    """Whether one of ``names`` is who the head happened to ("the death of X", "X was killed", "killed X")."""
    head = m.group()
    for start, word in hits[bisect.bisect_left(hit_starts, max(0, m.start() - 40)):
                            bisect.bisect_left(hit_starts, m.end() + 40)]:
        if word not in names:
            continue
        end = start + len(word)
        if end <= m.start():
            gap = _PATIENT_BEFORE_RE.fullmatch(text, end, m.start())
            # "X killed ..." makes X the killer; "X was killed", "X died", "X's killing" do not
            if gap and (not _ACTIVE_HEAD_RE.search(head) or re.search(r"\b(?:was|were|been|being|is)\b|['’]", gap.group())):
                return True
        elif start >= m.end() and _PATIENT_AFTER_RE.fullmatch(text, m.end(), start):
            return True
    return False


def _is_hypothetical(text: str, start: int) -> bool:
    """Whether the mention's noun phrase makes it an event to come or a kind: "the next election", "a 9/11"."""
    before = text[max(0, start - 40):start]
    lead = _NOUN_PHRASE_START_RE.match(before)
    phrase = before[lead.end():] if lead else before
    return bool(_HYPOTHETICAL_RE.search(phrase))


def _year_next_to(text: str, start: int, end: int) -> int | None:
    """A year written in the mention's noun phrase: "the 2014 invasion", "the war of 1967"."""
    before = _YEAR_NEAR_BEFORE_RE.search(text, max(0, start - 30), start)
    if before:
        return int(before[1])
    after = _YEAR_NEAR_AFTER_RE.match(text[end:end + 12])
    return int(after[1]) if after else None


def _duration_months(m: re.Match, ago: bool = False) -> tuple[float, tuple[float, float]] | None:
    """The months a duration match counts and its slack (fewer, more), or None for a vague one."""
    number = parse_number(m["num"])
    if number is None:
        return None
    unit = m["unit"].lower()
    if m["half"]:
        number += 0.5
    months = number * UNIT_MONTHS[unit]
    rounding = EXACT if number != int(number) and unit == "year" else ROUNDING[unit]  # "two-and-a-half years"
    if unit in ("year", "decade") and rounding is not EXACT:
        # "10 years after" is said from about nine years on; "four years ago" either way
        rounding = AGO_YEARS if ago and unit == "year" else (max(rounding[0], min(0.1 * months, 12.0)), rounding[1])
    mod = " ".join((m["mod"] or "").lower().split())
    if mod in ("nearly", "almost", "just under", "less than", "under", "fewer than"):
        return months, (BOUND_SLACK[unit], 3.0 if unit in ("year", "decade") else 0.5)
    if mod in ("more than", "over", "just over", "at least", "well over"):
        return months, (0.5, BOUND_SLACK[unit])
    return months, rounding


def _since(text: str, start: int, end: int, s_start: int, s_end: int, events: list[Event]) -> EventCue | None:
    """A ``since`` cue when a duration in the sentence is counted from the mentioned event."""
    if len(events) > MAX_ALTERNATIVES:
        return None
    found: tuple[int, float, tuple[float, float]] | None = None
    lo = max(s_start, start - 160)
    anniversary = _ANNIVERSARY_RE.search(text, lo, start)
    if anniversary:
        n = anniversary["digits"] or anniversary["years"]
        years = int(n) if n and n.isdigit() else _ORDINALS.get((anniversary["word"] or n or "").lower())
        if years:
            found = (anniversary.start(), 12.0 * years, ANNIVERSARY_SLACK)
    if found is None:
        durations = list(_DURATION_RE.finditer(text, lo, start))
        if durations:
            last = durations[-1]
            gap = text[last.end():start]
            if _RECORD_BEFORE_RE.search(text, max(s_start, last.start() - 45), last.start()):
                gap = ""  # "the most in one day since", "the first two weeks of"
            since = _SINCE_GAP_RE.fullmatch(gap)
            narrated = since is None or since["connector"].lower() in ("after", "following")
            if (since or _OF_GAP_RE.fullmatch(gap)) and not (narrated and _narrated(text, end, s_end)):
                counted = _duration_months(last)
                if counted:
                    found = (last.start(), *counted)
    if found is None:
        ago = _AGO_RE.match(text, end, s_end)
        if ago:
            counted = _duration_months(ago, ago=True)
            if counted:
                found = (start, *counted)
                end = ago.end()
    if found is None and _BEGAN_RE.search(text, max(s_start, start - 40), start):
        after = _AFTER_OF_RE.search(text, end, s_end)
        if after and not _narrated(text, after.end(), s_end):
            counted = _duration_months(after)
            if counted:
                found = (start, *counted)
                end = after.end()
    if found is None:
        return None
    cue_start, months, slack = found
    return EventCue(min(cue_start, start), end, "since", tuple(events), months, slack)


def _narrated(text: str, start: int, end: int) -> bool:
    """Whether the rest of a sentence is a past narrative rather than told in the present."""
    present = _PRESENT_RE.search(text, start, end)
    past = _PAST_RE.search(text, start, end)
    return present is None or (past is not None and past.start() < present.start())


def _told_as_past(text: str, start: int, end: int, s_start: int, tense) -> bool:
    """Whether a mention reports the event as having happened (no future or supposition in its clause)."""
    if tense is not None and tense(start) == "future":
        return False
    return not _UNREAL_RE.search(text, max(s_start, start - 80), min(len(text), end + 30))
