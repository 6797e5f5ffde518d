"""Events: what happened, who did it to whom, where, when, and how firmly the writer says so.

One pass over a parsed document. Candidate triggers are picked with one vectorised read
of the parse (``Doc.to_array``): main verbs in clause positions, and event nouns ("the
incursion", "Ukraine's counteroffensive") as arguments. A verb whose object is an event
noun ("launched a counteroffensive") stands for that noun, and one that sends forces across
or into somewhere ("sent troops into Syria") for the crossing or entering; an aspectual or intention verb
with an ``xcomp`` ("began to pull back") gives way to its complement. For each trigger:

- ``actors`` (subjects, agents, possessors of a noun) and ``targets`` (objects, passive
  subjects, "of" phrases of a noun, a named recipient: "delivered to Singapore Airlines"), as the mention they fall in (entity mentions, person
  coreference) or their noun phrase; ``place`` from a locative preposition's object;
- ``date`` from the temporal expression the parse attaches to the trigger (walking each
  timex's head up to the nearest trigger), else one inherited from the clause it is
  coordinated with, else the document's date for a past or present-perfect report
  (``date_source`` says which: ``timex``, ``document`` or ``none``); a happening told to lie a
  length of time after or before another ("The news comes a day after Ukraine had agreed")
  is that length from the other's date, or from the previous day the text named
  (``offset``: ``timex_start``/``timex_end`` then locate the length);
- ``commitment``: ``recommended`` (should/must, "urged X to"), ``hypothetical`` (modal,
  future, if-clause, intention, a question), ``denied`` (negated, or under "deny"), ``attributed``
  (inside a quote's content or under a reporting verb, ``attributed_to`` its speaker) or
  ``asserted`` by the writer.

Every step is bounded per token (head walks are capped at the sentence), so the stage is
linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc, Span, Token

from newsweave.config import Options
from newsweave.extract.events_lexicon import (
    ASPECTUAL_VERBS, DENIAL_VERBS, DISPATCH_VERBS, EVENT_NOUNS, FORCE_NOUNS, HYPOTHETICAL_MODALS,
    IRREALIS_VERBS, PATH_PREDICATES, PLACE_PREPOSITIONS, RECIPIENT_PREPOSITIONS, RECOMMEND_MODALS, RECOMMEND_VERBS,
    REPORTING_VERBS, STATIVE_VERBS, SUPPORT_VERBS,
)
from newsweave.extract.timex_resolve import Point, first_day
from newsweave.model import Record
from newsweave.nlp import string_ids
from newsweave.pipeline import Article, stage

NAME, VERSION = "events.rules", "0.5.2"
EXTRACTOR = f"{NAME}@{VERSION}"

VERB_DEPS = ("ROOT", "conj", "ccomp", "advcl", "relcl", "xcomp", "pcomp", "acl", "parataxis")
NOUN_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "ROOT", "conj", "npadvmod")
SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "dative", "iobj", "oprd"})
# A verb with none of these dependents (and no xcomp or conj link up) triggers no event.
ARGUMENT_DEPS = SUBJECTS | PASSIVE_SUBJECTS | OBJECTS | {"agent", "prep", "dobj"}
# Verbs that attribute a clause, and verbs whose xcomp is the event: unions built once, not per token.
SAYING_VERBS = REPORTING_VERBS | DENIAL_VERBS
CONTROL_VERBS = ASPECTUAL_VERBS | IRREALIS_VERBS | RECOMMEND_VERBS
# Clause links across which a trigger shares its governor's time.
INHERIT_DATE = frozenset({"conj", "xcomp", "acl", "advcl"})
CALENDAR_VALUE = re.compile(r"^(?:\d{3,4}|XXXX)(?:-(?:\d\d|XX|W\d\d|SU|SP|FA|WI|Q[1-4]|H[12])(?:-\d\d)?)?(?:T.*)?$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """Who or what takes part in an event: a mention's text and offsets, and its label."""

    text: str
    start: int
    end: int
    label: str | None = None
    entity: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Record):
    """Something a sentence reports as happening.

    ``start``/``end`` cover the trigger's clause; ``predicate`` is the lemma that names the
    happening (the event noun for "launched a counteroffensive"). ``date`` is a TIMEX3
    value with its ``granularity`` (day, month, week, season, quarter, half, year, decade)
    and ``date_source`` (``timex``, ``offset``, ``document`` or ``none``); ``timex_start``/``timex_end``
    locate the temporal expression it came from. ``commitment`` is one of asserted,
    attributed, denied, hypothetical, recommended.
    """

    kind: ClassVar[str] = "events"

    trigger: str
    trigger_start: int
    trigger_end: int
    predicate: str
    form: str  # "verb" or "noun"
    actors: tuple[Participant, ...] = ()
    targets: tuple[Participant, ...] = ()
    place: Participant | None = None
    date: str | None = None
    granularity: str | None = None
    date_source: str = "none"
    timex_start: int | None = None
    timex_end: int | None = None
    tense: str | None = None
    commitment: str = "asserted"
    attributed_to: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0


def granularity_of(value: str | None) -> str | None:
    """The grain of a TIMEX3 calendar value.

    >>> [granularity_of(v) for v in ("2025-03-12", "2024-08", "2024-SU", "2025", "XXXX-03-12T10:00")]
    ['day', 'month', 'season', 'year', 'time']
    """
    if not value or not CALENDAR_VALUE.match(value):
        return None
    if "T" in value:
        return "time"
    parts = value.split("-")
    if len(parts[0]) == 3:
        return "decade"
    if len(parts) == 1:
        return "year"
    second = parts[1]
    if second.startswith("W"):
        return "week"
    if second in ("SU", "SP", "FA", "WI"):
        return "season"
    if second.startswith("Q"):
        return "quarter"
    if second.startswith("H"):
        return "half"
    return "day" if len(parts) > 2 else "month"


# ---------------------------------------------------------------------------
# Participants
# ---------------------------------------------------------------------------

class _Spans:
    """Char-offset lookup of earlier records (mentions, corefs, quotes) by position."""

    def __init__(self, records: Sequence[Any]):
        self.records = sorted(records, key=lambda r: (r.start, -r.end))
        self.starts = [r.start for r in self.records]

    def covering(self, start: int, end: int) -> Any | None:
        i = bisect_right(self.starts, start) - 1
        while i >= 0 and i >= bisect_right(self.starts, start) - 4:
            r = self.records[i]
            if r.start <= start and end <= r.end:
                return r
            i -= 1
        return None


class _QuoteContents:
    """Which quote's content covers a position: its speaker, by binary search (quotes do not nest)."""

    def __init__(self, quotes: Sequence[Any]):
        spans = sorted(
            (s, e, order, q.speaker or q.speaker_text)
            for order, q in enumerate(quotes)
            for s, e in (q.content_spans or ((q.content_start, q.content_end),))
        )
        self.spans = spans
        self.starts = [s for s, *_ in spans]

    def speaker_at(self, pos: int) -> str | None:
        i = bisect_right(self.starts, pos)
        covering = [(order, speaker) for s, e, order, speaker in self.spans[max(0, i - 4):i] if s <= pos < e]
        return min(covering)[1] if covering else None


@dataclass(slots=True)
class _Context:
    text: str
    mentions: _Spans
    corefs: _Spans
    quotes: _QuoteContents
    doc_date: str | None
    according_tokens: list[int] = field(default_factory=list)  # where "according" is, in token order
    according: dict[int, str | None] = field(default_factory=dict)  # sentence start -> named source
    markers: dict[int, tuple[bool, bool, bool]] = field(default_factory=dict)  # token -> _clause_markers


def _clause_markers(token: Token, ctx: _Context) -> tuple[bool, bool, bool]:
    """(recommending modal, hypothetical modal or condition, negation) among a token's children.

    Read once per token: every trigger of a sentence climbs through the same governors.
    """
    found = ctx.markers.get(token.i)
    if found is None:
        recommended = hypothetical = denied = False
        for child in token.children:
            dep = child.dep_
            if dep in ("aux", "auxpass") and child.tag_ == "MD":
                low = child.lower_
                recommended |= low in RECOMMEND_MODALS
                hypothetical |= low in HYPOTHETICAL_MODALS
            elif dep == "neg":
                denied = True
            elif dep == "mark" and child.lower_ in ("if", "unless"):
                hypothetical = True
        found = ctx.markers[token.i] = (recommended, hypothetical, denied)
    return found


def _phrase(token: Token) -> tuple[int, int]:
    """The noun phrase headed by ``token``: its left dependents, and an "of" name after it
    ("the town of Sudzha", without what a clause after the name says of it)."""
    start = token.left_edge.idx
    end = _name_end(token)
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                    end = max(end, _name_end(obj))
    return start, end


def _name_end(token: Token) -> int:
    """Where a noun ends with the compound or flat words after it ("Sudzha", "Kim Jong Un")."""
    end = token.idx + len(token)
    for child in token.rights:
        if child.dep_ in ("compound", "flat"):
            end = max(end, child.idx + len(child))
    return end


def _participant(token: Token, ctx: _Context) -> Participant:
    if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl" and token.head.head.i != token.head.i:
        token = token.head.head  # "the region, which Kiev invaded": the region
    start, end = token.idx, token.idx + len(token)
    coref = ctx.corefs.covering(start, end)
    if coref is not None and token.pos_ == "PRON":
        return Participant(text=coref.antecedent, start=coref.antecedent_start,
                           end=coref.antecedent_end, label="person")
    mention = ctx.mentions.covering(start, end)
    if mention is not None:
        return Participant(text=mention.text, start=mention.start, end=mention.end, label=mention.label)
    # a possessor or modifier that names the entity: "Russia's Defense Ministry" keeps its head
    start, end = _phrase(token)
    return Participant(text=ctx.text[start:end], start=start, end=end, label=None)


def _with_conjuncts(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.append(child)
    return out


def _arguments(trigger: Token, ctx: _Context, subject: Token | None) -> tuple[list[Participant], list[Participant], Participant | None]:
    actors: list[Participant] = []
    targets: list[Participant] = []
    place: Participant | None = None
    for child in trigger.children:
        dep = child.dep_
        if dep in SUBJECTS:
            actors += [_participant(t, ctx) for t in _with_conjuncts(child)]
        elif dep in PASSIVE_SUBJECTS or dep in OBJECTS:
            targets += [_participant(t, ctx) for t in _with_conjuncts(child)]
            if dep in OBJECTS:  # "delivered the aircraft to X": the parse often hangs "to X" on the object
                targets += _recipients(child, ctx)
        elif dep == "agent":
            actors += [_participant(t, ctx) for t in child.children if t.dep_ == "pobj"]
        elif dep == "poss" and trigger.pos_ in ("NOUN", "PROPN"):
            actors.append(_participant(child, ctx))
        elif dep in ("amod", "compound") and trigger.pos_ == "NOUN" and child.ent_type_ in ("NORP", "ORG"):
            actors.append(_participant(child, ctx))  # "the Ukrainian incursion"
        elif dep == "compound" and trigger.pos_ == "NOUN" and child.ent_type_ in ("GPE", "LOC", "FAC"):
            place = place or _participant(child, ctx)  # "the Kursk incursion"
        elif dep == "prep":
            objs = [t for t in child.children if t.dep_ == "pobj"]
            if not objs:
                continue
            if child.lower_ == "of" and trigger.pos_ == "NOUN":
                targets.append(_participant(objs[0], ctx))
            elif child.lower_ in RECIPIENT_PREPOSITIONS:
                targets += _recipients(trigger, ctx, [child])
            elif child.lower_ in PLACE_PREPOSITIONS and place is None:
                p = _participant(objs[0], ctx)
                if p.label == "place" or objs[0].ent_type_ in ("GPE", "LOC", "FAC"):
                    place = p
                    if child.lower_ in ("into", "across") and trigger.pos_ == "NOUN":
                        targets.append(p)
    if not actors and subject is not None:
        actors.append(_participant(subject, ctx))
    return actors, targets, place


def _recipients(head: Token, ctx: _Context, preps: Sequence[Token] | None = None) -> list[Participant]:
    """Who receives what happens, from ``head``'s "to" phrases: "delivered to Singapore
    Airlines", "deliveries to the airline" (a named one only: "to the end", "to a halt" name
    no participant)."""
    out = []
    for prep in preps if preps is not None else head.children:
        if prep.dep_ != "prep" or prep.lower_ not in RECIPIENT_PREPOSITIONS:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and (p := _participant(obj, ctx)).label is not None:
                out.append(p)
    return out


def _inherited_subject(trigger: Token) -> Token | None:
    """The subject an xcomp, conjoined verb or subjectless adjunct shares with its governor
    ("began to pull back", "achieved its aims by invading", "having crossed the river, troops ...")."""
    token = trigger
    for _ in range(4):
        if token.head.i == token.i:
            return None
        if token.dep_ in ("xcomp", "conj"):
            token = token.head
        elif token.dep_ == "pcomp" and token.tag_ == "VBG" and token.head.dep_ == "prep":
            token = token.head.head
        elif token.dep_ == "advcl" and token.tag_ in ("VBG", "VBN") \
                and not any(c.dep_ in SUBJECTS or c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "mark" for c in token.children):
            token = token.head
        else:
            return None
        for child in token.children:
            if child.dep_ in SUBJECTS or (child.dep_ in OBJECTS and trigger.dep_ == "xcomp" and token.lemma_ in RECOMMEND_VERBS):
                return child
    return None


# ---------------------------------------------------------------------------
# Commitment, tense
# ---------------------------------------------------------------------------

def _tense(trigger: Token) -> str | None:
    if trigger.pos_ != "VERB":
        return None
    auxes = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes):
        return "future" if any(a.lower_ in ("will", "'ll", "wo", "shall") for a in auxes) else "modal"
    if any(a.lemma_ == "have" for a in auxes) and trigger.tag_ == "VBN":
        return "past_perfect" if any(a.tag_ == "VBD" for a in auxes) else "perfect"
    if trigger.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if trigger.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


def _commitment(trigger: Token, ctx: _Context) -> tuple[str, str | None]:
    """(commitment, attributed_to) for a trigger from its modals, negation and governors."""
    speaker = ctx.quotes.speaker_at(trigger.idx)
    hypothetical = recommended = denied = False
    token = trigger
    first_clause = True
    prev_dep = ""
    for _ in range(12):  # up the clause chain to the sentence root
        if first_clause:
            modal_recommends, modal_hypothetical, negated = _clause_markers(token, ctx)
            recommended |= modal_recommends
            hypothetical |= modal_hypothetical
            denied |= negated
            if token.tag_ == "MD" and token.i != trigger.i:  # parsed as the head: "ought to reverse"
                recommended |= token.lower_ in RECOMMEND_MODALS
                hypothetical |= token.lower_ in HYPOTHETICAL_MODALS
        if token.i != trigger.i:
            lemma = token.lemma_.lower()
            if lemma in DENIAL_VERBS:
                denied = True
            if lemma in RECOMMEND_VERBS and prev_dep in ("xcomp", "ccomp"):
                recommended = True
            elif lemma in IRREALIS_VERBS and prev_dep == "xcomp":
                hypothetical = True
            elif lemma in ("have", "need") and prev_dep == "xcomp":
                recommended = recommended or lemma == "need"
            if lemma in SAYING_VERBS and prev_dep in ("ccomp", "parataxis", "dobj") and speaker is None:
                subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
                speaker = _speaker_name(subject, ctx) if subject is not None else token.text
        # a governor's modal holds for its xcomp ("could decide to go") and for a bare
        # infinitive it governs ("should help the Ukrainians launch attacks")
        if token.dep_ != "xcomp" and not (token.dep_ == "ccomp" and token.tag_ == "VB"):
            first_clause = False
        if token.head.i == token.i:
            break
        prev_dep = token.dep_
        token = token.head
    if not speaker:
        speaker = _according_to(trigger, ctx)
    if recommended:
        return "recommended", speaker
    if hypothetical:
        return "hypothetical", speaker
    if denied:
        return "denied", speaker
    if speaker:
        return "attributed", speaker
    return "asserted", None


def _according_to(trigger: Token, ctx: _Context) -> str | None:
    """The source an "according to X" in the trigger's sentence names (each sentence read once)."""
    sent = trigger.sent
    if sent.start not in ctx.according:
        ctx.according[sent.start] = _according_in(sent, ctx)
    return ctx.according[sent.start]


def _according_in(sent: Span, ctx: _Context) -> str | None:
    doc = sent.doc
    first = bisect_left(ctx.according_tokens, sent.start)
    for i in ctx.according_tokens[first:bisect_left(ctx.according_tokens, sent.end)]:
        t = doc[i]
        if t.i + 1 < sent.end and t.nbor(1).lower_ == "to":
            obj = next((c for c in t.nbor(1).children if c.dep_ == "pobj"), None)
            return _speaker_name(obj, ctx) if obj is not None else "unnamed source"
    return None


def _speaker_name(token: Token, ctx: _Context) -> str:
    p = _participant(token, ctx)
    return p.text


# ---------------------------------------------------------------------------
# Triggers and dates
# ---------------------------------------------------------------------------



def _candidates(doc: Doc) -> list[int]:
    """Token indices of candidate triggers, chosen with one vectorised read of the parse."""
    if not len(doc):
        return []
    arr = doc.to_array([POS, DEP, LEMMA]).astype(numpy.uint64)
    pos, dep, lemma = arr[:, 0], arr[:, 1], arr[:, 2]
    verbs = (pos == VERB) & numpy.isin(dep, string_ids(VERB_DEPS))
    nouns = (pos == NOUN) & numpy.isin(dep, string_ids(NOUN_DEPS)) & numpy.isin(lemma, string_ids(EVENT_NOUNS))
    return numpy.flatnonzero(verbs | nouns).tolist()


def _keeps(token: Token) -> tuple[bool, Token | None]:
    """Whether a candidate is an event trigger, and the event noun a support verb stands for."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN":
        head = token.head
        if token.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in SUPPORT_VERBS:
            return False, None  # the support verb's event
        governor = head.head if token.dep_ == "pobj" else head
        return governor.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT", None
    children = list(token.children)
    if lemma in STATIVE_VERBS:
        return False, None
    has_clause = any(c.dep_ in ("ccomp", "xcomp") for c in children)
    if lemma in SAYING_VERBS and has_clause:
        return False, None  # the content is the event; the verb attributes it
    if lemma in CONTROL_VERBS and any(c.dep_ == "xcomp" for c in children):
        return False, None
    if not any(c.dep_ in ARGUMENT_DEPS for c in children) \
            and token.dep_ not in ("xcomp", "conj"):
        return False, None
    if lemma in SUPPORT_VERBS:
        noun = next((c for c in children if c.dep_ == "dobj" and c.lemma_.lower() in EVENT_NOUNS), None)
        return True, noun
    return True, None


def _dispatch(token: Token) -> tuple[str, Token, list[Token]] | None:
    """The crossing that sending forces reports, where to, and the forces sent: ("enter",
    Syria, [troops]) for "sent troops into Syria", ("cross", border, []) for "sent its forces
    pouring across the border" (the forces are the motion verb's subject, not the sender's object)."""
    if token.lemma_.lower() not in DISPATCH_VERBS:
        return None
    moved = [c for c in token.children if c.dep_ in OBJECTS and c.lemma_.lower() in FORCE_NOUNS]
    paths = [token] if moved else []
    for c in token.children:  # the forces as the subject of a motion verb: "sent its forces pouring"
        if c.dep_ in ("ccomp", "xcomp", "oprd", "advcl") and any(
                g.dep_ in SUBJECTS | OBJECTS and g.lemma_.lower() in FORCE_NOUNS for g in c.children):
            paths.append(c)
    for verb in paths:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in PATH_PREDICATES:
                ground = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if ground is not None:
                    return PATH_PREDICATES[prep.lower_], ground, moved
    return None


def _timex_roots(doc: Doc, timexes: Sequence[Any], *, durations: bool = False) -> list[tuple[Any, Token]]:
    """Each calendar timex (each duration, with ``durations``) with the token that heads it in the parse."""
    starts = doc.to_array("IDX").tolist() if len(doc) else []
    out = []
    for tx in timexes:
        if durations:
            if tx.type != "DURATION" or not OFFSET_DURATION.match(tx.value or ""):
                continue
        elif tx.type not in ("DATE", "TIME") or not granularity_of(tx.value):
            continue
        first = max(0, bisect_right(starts, tx.start) - 1)
        last = max(first, bisect_right(starts, max(tx.start, tx.end - 1)) - 1)
        root = doc[first]
        for i in range(first, last + 1):
            t = doc[i]
            if not (first <= t.head.i <= last) or t.head.i == t.i:
                root = t
                break
        out.append((tx, root))
    return out


# "a day", "two weeks", "three months": a length a happening is told to lie before or after another
OFFSET_DURATION = re.compile(r"^P(\d+)([DWMY])$")
_OFFSET_UNIT = {"D": "day", "W": "week", "M": "month", "Y": "year"}
# the grains a value must have for an offset in each unit to keep its meaning ("a day after" a month: no)
_OFFSET_GRAINS = {"D": ("day",), "W": ("day",), "M": ("day", "month"), "Y": ("day", "month", "year")}
_FULL_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")


@dataclass(frozen=True, slots=True)
class _Offset:
    """"M a day after S" / "M, two weeks before S": S lies ``sign`` × the duration from M."""

    main: Token
    other: Token
    duration: Any  # the DURATION timex record
    sign: int  # -1: S before M ("after"); +1: S after M ("before")


def _offsets(doc: Doc, timexes: Sequence[Any]) -> list[_Offset]:
    """Durations that place one happening relative to another: "comes a day after Ukraine had
    agreed" (the duration hangs on the clause's "after"), "two days before the vote" (on the
    preposition, whose object is the other happening)."""
    out = []
    for tx, root in _timex_roots(doc, timexes, durations=True):
        if root.dep_ != "npadvmod":
            continue
        head = root.head
        if head.lower_ in ("after", "before") and head.dep_ == "prep":
            objects = [c for c in head.children if c.dep_ == "pobj"]
            if objects and head.head.i != head.i:
                out.append(_Offset(head.head, objects[0], tx, -1 if head.lower_ == "after" else 1))
        elif head.dep_ == "advcl" and head.head.i != head.i:
            mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
            if mark is not None:
                out.append(_Offset(head.head, head, tx, -1 if mark.lower_ == "after" else 1))
    return out


def offset_value(value: str, duration: str, sign: int) -> str | None:
    """``value`` moved by ``sign`` × ``duration``, at its own grain; None when the value is not
    a known calendar day, month or year or the duration is finer than it.

    >>> offset_value("2025-03-12", "P1D", -1), offset_value("2024-08", "P2M", 1), offset_value("2024-08", "P3D", 1)
    ('2025-03-11', '2024-10', None)
    """
    m = OFFSET_DURATION.match(duration)
    grain = granularity_of(value)
    if m is None or value.startswith("X") or grain not in _OFFSET_GRAINS[m.group(2)]:
        return None
    day = first_day(value)
    if day is None:
        return None
    return Point(day, grain).shift(sign * int(m.group(1)), _OFFSET_UNIT[m.group(2)]).value


def _relative_dates(offsets: Sequence[_Offset], date_of: Callable[[Token], Any | None],
                    reference: Callable[[int], str | None]) -> dict[int, tuple[str, Any]]:
    """Token index -> (value, duration timex) for happenings dated by an offset from another:
    the other's own date, else, for the main clause ("The news comes a day after ..."), the
    previous reference time in the text (:func:`_reference_times`)."""
    out: dict[int, tuple[str, Any]] = {}
    for o in offsets:
        main, other = date_of(o.main), date_of(o.other)
        if other is None:
            base = main.value if main is not None else reference(o.main.sent.start_char)
            if base and (value := offset_value(base, o.duration.value, o.sign)):
                out[o.other.i] = (value, o.duration)
        elif main is None and (value := offset_value(other.value, o.duration.value, -o.sign)):
            out[o.main.i] = (value, o.duration)
    return out


def _reference_times(timexes: Sequence[Any], doc_date: str | None) -> Callable[[int], str | None]:
    """The previous reference time at a position: the last full calendar day the text named
    before it, else the document's date when that is a day."""
    days = sorted((tx.end, tx.value) for tx in timexes if tx.type == "DATE" and _FULL_DAY.match(tx.value or ""))
    ends = [end for end, _ in days]
    fallback = doc_date if doc_date and _FULL_DAY.match(doc_date) else None

    def at(pos: int) -> str | None:
        k = bisect_right(ends, pos)
        return days[k - 1][1] if k else fallback
    return at


def _attach_dates(doc: Doc, triggers: dict[int, Token], timexes: Sequence[Any]) -> dict[int, Any]:
    """Token index -> the timex the parse attaches to it: the nearest trigger or verb up from it.

    A verb that is no trigger ("claimed", "began") keeps its timex for the clause it
    governs; a sentence-level adverbial with no verb above it dates the sentence's root.
    """
    attached: dict[int, Any] = {}
    for tx, root in _timex_roots(doc, timexes):
        token = root
        found = None
        for _ in range(12):
            if token.i != root.i and (token.i in triggers or token.pos_ in ("VERB", "AUX")):
                found = token.i
                break
            if token.head.i == token.i:
                found = token.i
                break
            token = token.head
        if found is not None and found not in attached:
            attached[found] = tx
    return attached


def _date_of(token: Token, dated: dict[int, Any], triggers: dict[int, Token]) -> Any | None:
    """The timex attached to a trigger, or to the clause that governs it."""
    if token.i in dated:
        return dated[token.i]
    up = token
    for _ in range(6):
        dep = up.dep_
        if up.head.i == up.i:
            return None
        up = up.head
        inherits = dep in INHERIT_DATE or (dep in ("ccomp", "parataxis") and up.i not in triggers)
        if not inherits:
            return None
        if up.i in dated:
            return dated[up.i]
    return None


def extract_events(doc: Doc, text: str, doc_id: str = "", *, timexes: Sequence[Any] = (),
                   mentions: Sequence[Any] = (), corefs: Sequence[Any] = (), quotes: Sequence[Any] = (),
                   doc_date: str | None = None) -> list[Event]:
    """Every event of a parsed document, in text order (see the module docstring).

    ``text`` is the document's original text (same offsets as ``doc``); ``timexes``,
    ``mentions``, ``corefs`` and ``quotes`` are the earlier stages' records for it, and
    ``doc_date`` the document's published date value (``2025-03-16``), if known.
    """
    ctx = _Context(text=text, mentions=_Spans(mentions), corefs=_Spans(corefs),
                   quotes=_QuoteContents([q for q in quotes if getattr(q, "content_start", None) is not None]),
                   doc_date=doc_date if granularity_of(doc_date) else None,
                   according_tokens=numpy.flatnonzero(
                       doc.to_array(LOWER) == get_string_id("according")).tolist())
    triggers: dict[int, Token] = {}
    stands_for: dict[int, Token] = {}
    for i in _candidates(doc):
        token = doc[i]
        keep, noun = _keeps(token)
        if keep:
            triggers[i] = token
            if noun is not None:
                stands_for[i] = noun
    dated = _attach_dates(doc, triggers, timexes)
    relative = _relative_dates(_offsets(doc, timexes), lambda t: _date_of(t, dated, triggers),
                               _reference_times(timexes, ctx.doc_date))
    events: list[Event] = []
    for i, token in triggers.items():
        sent = token.sent
        tense = _tense(token)
        tx = _date_of(token, dated, triggers)
        if tx is not None:
            date, source, t_span = tx.value, "timex", (tx.start, tx.end)
        elif i in relative:
            date, duration = relative[i]
            source, t_span = "offset", (duration.start, duration.end)
        elif ctx.doc_date and tense in ("perfect", "past", "present") and token.pos_ == "VERB":
            date, source, t_span = ctx.doc_date, "document", (None, None)
        else:
            date, source, t_span = None, "none", (None, None)
        actors, targets, place = _arguments(token, ctx, _inherited_subject(token))
        commitment, speaker = _commitment(token, ctx)
        if commitment in ("asserted", "attributed") and _is_question(text, sent.start_char, sent.end_char):
            commitment = "hypothetical"  # "How has Russia responded?" asserts nothing
        noun = stands_for.get(i)
        predicate = (noun or token).lemma_.lower()
        if token.pos_ == "VERB" and (crossing := _dispatch(token)) is not None:
            predicate, ground = crossing[0], _participant(crossing[1], ctx)
            targets = [t for t in targets if not any(t.start <= f.idx < t.end for f in crossing[2])] + [ground]
            place = place or (ground if ground.label == "place" or crossing[1].ent_type_ in ("GPE", "LOC") else None)
        if noun is not None:
            n_actors, n_targets, n_place = _arguments(noun, ctx, None)
            targets = [t for t in targets if not (t.start <= noun.idx < t.end)] + n_targets
            actors = actors or n_actors
            place = place or n_place
        start, end = _clause_extent(token)
        events.append(Event(
            doc=doc_id, start=start, end=end, text=text[start:end], extractor=EXTRACTOR,
            confidence=0.7 if token.pos_ == "VERB" else 0.6,
            trigger=token.text, trigger_start=token.idx, trigger_end=token.idx + len(token),
            predicate=predicate, form="verb" if token.pos_ == "VERB" else "noun",
            actors=tuple(dict.fromkeys(actors)), targets=tuple(dict.fromkeys(targets)), place=place,
            date=date, granularity=granularity_of(date), date_source=source,
            timex_start=t_span[0], timex_end=t_span[1], tense=tense,
            commitment=commitment, attributed_to=speaker,
            sentence_start=sent.start_char, sentence_end=sent.end_char,
        ))
    return events


_CLOSING = " \t\n\"'”’)»"


def _is_question(text: str, start: int, end: int) -> bool:
    """Whether the sentence ``text[start:end]`` ends with a question mark (before closing quotes)."""
    return text[start:end].rstrip(_CLOSING).endswith("?")


def _clause_extent(token: Token) -> tuple[int, int]:
    """The trigger's clause: its subtree without clauses of their own hanging off it."""
    left, right = token.i, token.i
    sub_clause = {"ccomp", "advcl", "relcl", "parataxis", "conj", "cc", "punct", "mark"}
    for child in token.lefts:
        if child.dep_ not in sub_clause:
            left = min(left, child.left_edge.i)
            break
    for child in token.rights:
        if child.dep_ in sub_clause:
            break
        right = max(right, child.right_edge.i)
    doc = token.doc
    return doc[left].idx, doc[right].idx + len(doc[right])


# ---------------------------------------------------------------------------
# The pipeline stage
# ---------------------------------------------------------------------------

def _document_date(article: Article) -> str | None:
    published = article.document.published
    if published is not None and granularity_of(published.value):
        return published.value
    for record in article.records.get("published", ()):
        value = getattr(record, "value", None)
        if isinstance(value, str) and granularity_of(value):
            return value
    return None


@stage(NAME, version=VERSION, requires=("spacy",), produces=("events",))
def rule_events(article: Article, options: Options) -> Iterator[Event]:
    """Events of the article's body; uses timexes, mentions, corefs and quotes when present.

    Without a ``timexes`` stage before it, temporal expressions are found here with
    :func:`newsweave.extract.timex.find_timexes` so that events are still dated.
    """
    timexes = article.records.get("timexes")
    if timexes is None:
        from newsweave.extract.timex import document_anchor, find_timexes, spacy_tense

        timexes = find_timexes(article.analysis_text, document_anchor(article), article.document.id,
                               tense=spacy_tense(article.spacy))
    yield from extract_events(
        article.spacy, article.document.text, article.document.id, timexes=timexes,
        mentions=article.records.get("mentions", ()), corefs=article.records.get("corefs", ()),
        quotes=article.records.get("quotes", ()), doc_date=_document_date(article),
    )
