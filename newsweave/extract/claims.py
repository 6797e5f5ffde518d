"""Check-worthy statements: facts and recommendations, one record per clause.

A sentence is cut into clauses at dashes and semicolons that join two clauses
("He also said the forces were encircled there — claims that analysts have
challenged"). Each clause with a finite verb is then one of:

* a **recommendation**: a deontic modal (``should``, ``must``, ``ought to``,
  ``need to``, ``would do well to``) whose subject is the actor
  ("The United States should encourage Kiev to withdraw" → actor
  "The United States"); modals inside ``whether``/``if`` clauses or questions are
  not recommendations, and a pronoun actor takes its antecedent from the
  coreference records;
* a **fact**: a clause that names an entity, a quantity or a time (what a
  fact-checker could look up).

Each statement has a stance: ``disputes`` when it denies (a denial verb such as
"deny" or "reject", a denial word such as "lie" or "untrue", or a negated main
verb), ``attributes`` when it reports someone else's words (it lies inside a
quote record), else ``asserts``; ``by`` names who asserts, attributes or disputes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy
from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, POS, TAG
from spacy.strings import get_string_id
from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from newsweave.config import Options
from newsweave.model import Record, record_rows
from newsweave.nlp import string_ids
from newsweave.pipeline import Article, stage

NAME, VERSION = "statements.rules", "0.1.0"
EXTRACTOR = f"{NAME}@{VERSION}"

DEONTIC = frozenset({"should", "must", "ought", "shall"})
NEED_VERBS = frozenset({"need", "have"})  # "needs to", "has to" with an infinitive complement
CONDITION_MARKS = frozenset({"whether", "if", "unless"})
DENIAL_VERBS = frozenset({"deny", "reject", "dismiss", "refute", "dispute", "challenge", "debunk", "contest",
                          "rebut", "discredit", "disprove"})
DENIAL_WORDS = frozenset({"lie", "lies", "false", "untrue", "fake", "baseless", "myth", "falsehood", "hoax",
                          "fabrication", "groundless", "unfounded", "nonsense", "disinformation", "misleading"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "you", "this", "that", "its", "their"})
CLAUSE_BREAK = re.compile(r"\s[—–]\s|\s?—\s?|;\s")
CHECKABLE = frozenset({"CARDINAL", "QUANTITY", "PERCENT", "MONEY", "DATE", "GPE", "LOC", "PERSON", "ORG", "NORP",
                       "FAC", "EVENT"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement(Record):
    """A check-worthy clause: a fact or a recommendation, with its stance and who holds it.

    ``actor`` is who should act (recommendations only), ``modal`` the modal that
    makes it one ("should"), ``negated`` marks "should not". ``stance`` is
    ``asserts``, ``attributes`` or ``disputes``; ``by`` is the person or body
    whose statement it is (``None`` when it is the author's own), ``cue`` the
    word that shows the stance ("said", "denied", "lie").
    """

    kind: ClassVar[str] = "statements"

    type: str  # fact | recommendation
    stance: str = "asserts"
    by: str | None = None
    cue: str | None = None
    actor: str | None = None
    actor_start: int | None = None
    actor_end: int | None = None
    modal: str | None = None
    negated: bool = False
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class _QuoteIndex:
    """Quote records sorted by start, to find the quote a clause lies in."""

    starts: list[int]
    quotes: list[dict[str, Any]]

    @classmethod
    def of(cls, quotes: Sequence[Any]) -> "_QuoteIndex":
        rows = sorted(record_rows(quotes, ("start", "end", "speaker", "speaker_start", "cue")),
                      key=lambda q: q["start"])
        return cls([q["start"] for q in rows], rows)

    def covering(self, start: int, end: int) -> dict[str, Any] | None:
        """The quote whose span covers most of ``[start, end)``, if it covers at least half."""
        best, best_overlap = None, 0
        i = bisect_right(self.starts, end)
        for q in self.quotes[max(0, i - 8):i]:
            overlap = min(end, q["end"]) - max(start, q["start"])
            if overlap > best_overlap:
                best, best_overlap = q, overlap
        return best if best_overlap * 2 >= end - start else None


def _antecedents(corefs: Sequence[Any]) -> dict[tuple[int, int], str]:
    return {(c["start"], c["end"]): c["antecedent"]
            for c in record_rows(corefs, ("start", "end", "antecedent")) if c.get("antecedent")}


class _Table:
    """Per-document token flags read once with ``Doc.to_array``, so clause tests are array slices.

    A clause check (has a verb, counts words, holds a number or a name) then costs
    no Token objects; only the few tokens a flag marks as candidates are visited.
    """

    def __init__(self, doc: Doc):
        cols = doc.to_array([IS_ALPHA, IS_PUNCT, IS_SPACE, LIKE_NUM, POS, TAG, LOWER, LEMMA, ENT_TYPE])
        alpha, punct, space, num, pos, tag, lower, lemma, ent = (cols[:, i] for i in range(cols.shape[1]))
        def isin(column, words):
            return numpy.isin(column, string_ids(words))

        verb, aux, noun, adj = pos == VERB, pos == AUX, pos == NOUN, pos == ADJ
        self.alpha = alpha.astype(bool)
        self.verbal = (verb | aux) & (tag != get_string_id("VBG"))
        self.edge = (punct | space).astype(bool)  # trimmed off a clause's start
        self.space = space.astype(bool)
        self.number = num.astype(bool)
        self.named = ent != 0
        self.checkable = isin(ent, CHECKABLE) | self.number
        self.past = isin(tag, ("VBD", "VBN"))
        self.recommends = isin(lower, DEONTIC | {"well"}) | (isin(lemma, NEED_VERBS) & verb)
        self.denies = (isin(lemma, DENIAL_VERBS) & verb) | (isin(lower, DENIAL_WORDS) & (noun | adj))
        self.first_person = isin(lower, ("i", "we"))

    @staticmethod
    def where(flags: numpy.ndarray, span: Span) -> Iterator[int]:
        """Indices of ``span``'s tokens whose flag is set, in order."""
        return (span.start + int(i) for i in numpy.flatnonzero(flags[span.start:span.end]))


def clauses(sent: Span, table: _Table, text: str) -> Iterator[Span]:
    """Cut a sentence (``text``) at dashes and semicolons that join two clauses with verbs of their own."""
    cuts = [m for m in CLAUSE_BREAK.finditer(text)]
    if not cuts:
        yield sent
        return
    pieces, last = [], 0
    for m in cuts:
        pieces.append((last, m.start()))
        last = m.end()
    pieces.append((last, len(text)))
    spans = [sent.doc.char_span(sent.start_char + a, sent.start_char + b, alignment_mode="contract")
             for a, b in pieces]
    spans = [s for s in spans if s is not None and len(s)]
    if len(spans) < 2 or not all(_has_verb(s, table) for s in spans):
        yield sent
        return
    yield from spans


def _has_verb(span: Span, table: _Table) -> bool:
    return bool(table.verbal[span.start:span.end].any())


def _is_condition(verb: Token) -> bool:
    """True when the verb heads a ``whether``/``if`` clause or sits inside one."""
    node = verb
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in node.children):
            return True
        if node.head.i == node.i or node.dep_ in ("ROOT",):
            return False
        node = node.head
    return False


def _recommendation(clause: Span, table: _Table) -> tuple[Token, Token] | None:
    """(modal token, main verb) of a deontic recommendation in the clause, if any."""
    doc = clause.doc
    for i in table.where(table.recommends, clause):
        tok = doc[i]
        low = tok.lower_
        verb = None
        if low in DEONTIC and tok.dep_ in ("aux", "ROOT") and tok.tag_ == "MD":
            verb = tok.head if tok.dep_ == "aux" else next((c for c in tok.children if c.pos_ == "VERB"), None)
            if verb is not None and low == "must" and _epistemic_must(verb):
                continue
        elif low == "well" and tok.head.lemma_ == "do" and any(c.lower_ == "would" for c in tok.head.children):
            verb = next((c for c in tok.head.children if c.dep_ == "xcomp"), None)  # "would do well to X"
        elif tok.lemma_ in NEED_VERBS and tok.pos_ == "VERB" and tok.tag_ in ("VBZ", "VBP"):
            verb = next((c for c in tok.children if c.dep_ == "xcomp" and c.tag_ == "VB"), None)
            if verb is not None and not any(c.lower_ == "to" for c in verb.children):
                verb = None
            if verb is not None:
                verb = tok  # the subject hangs on "needs"
        if verb is None or not (clause.start <= verb.i < clause.end) or _is_condition(verb):
            continue
        return tok, verb
    return None


def _epistemic_must(verb: Token) -> bool:
    """"must have been", "must be convinced": necessity of belief, not a call to act."""
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ in ("have", "be") for c in verb.children) or verb.lemma_ == "be"


def _subject(verb: Token) -> Span | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "expl"):
            toks = list(c.subtree)
            return verb.doc[toks[0].i:toks[-1].i + 1]
    if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        return _subject(verb.head)
    return None


def _denial(clause: Span, table: _Table) -> Token | None:
    """The word that makes the clause a denial: a denial verb, or a denial noun or adjective."""
    i = next(table.where(table.denies, clause), None)
    return None if i is None else clause.doc[i]


def _negated(clause: Span) -> bool:
    """A negated main verb, or a negated reported clause ("said the forces had not been trapped")."""
    root = clause.root
    return any(c.dep_ == "neg" for c in root.children) or any(
        c.dep_ == "ccomp" and any(g.dep_ == "neg" for g in c.children) for c in root.children)


def _denier(denial: Token, clause: Span) -> Span | None:
    """Who denies: the passive agent ("challenged by analysts"), else the subject of the verb or clause."""
    if denial.pos_ == "VERB":
        for c in denial.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    toks = list(objs[0].subtree)
                    return denial.doc[toks[0].i:toks[-1].i + 1]
        subject = _subject(denial)
        if subject is not None and subject.root.tag_ != "WDT":
            return subject
        return None
    return _subject(clause.root)


def _not_the_accused(by: str | None, denial: Token, memory: "_Memory") -> str | None:
    """A denier cannot be the one accused: in "Their encirclement is Putin's lie" the speaker is not Putin."""
    if by is None:
        return None
    accused = [c for c in denial.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    if accused and accused[0].text.lower() in by.lower():
        return memory.person_other_than(by) or by
    return by


def _checkable(clause: Span, table: _Table) -> bool:
    return bool(table.checkable[clause.start:clause.end].any())


def _words(clause: Span, table: _Table) -> int:
    return int(table.alpha[clause.start:clause.end].sum())


def extract_statements(doc: Doc, doc_id: str, original: str, quotes: Sequence[Any] = (),
                       corefs: Sequence[Any] = ()) -> Iterator[Statement]:
    """Every check-worthy clause of a parsed document as a :class:`Statement`.

    ``quotes`` and ``corefs`` are the article's quote and coreference records
    (objects or dicts); they say who speaks and whom a pronoun names.
    """
    index = _QuoteIndex.of(quotes)
    memory = _Memory(_antecedents(corefs))
    table = _Table(doc)
    text = doc.text  # built once: Span.text joins its tokens again on every call
    for sent in doc.sents:
        words = text[sent.start_char:sent.end_char].rstrip()
        if not words or words.endswith("?"):
            continue
        for clause in clauses(sent, table, words):
            clause = _trim(clause, table)
            if clause is None or _words(clause, table) < 4 or not _has_verb(clause, table):
                continue
            yield from _statement(clause, doc_id, original, index, memory, table)
            memory.remember(clause)


@dataclass(slots=True)
class _Memory:
    """What earlier clauses tell about later pronouns: coreference links and the last named subjects.

    Person coreference covers "he" and "she"; "it" and "they" take the last named
    subject of an earlier clause ("Ukraine must consolidate ... It should withdraw").
    """

    antecedent: dict[tuple[int, int], str]
    last_subject: str | None = None
    last_person: list[str] | None = None

    def remember(self, clause: Span) -> None:
        subject = _subject(clause.root)
        if subject is None or subject.root.pos_ != "PROPN":
            return
        self.last_subject = _strip_title(subject.text)
        if subject.root.ent_type_ == "PERSON":
            self.last_person = (self.last_person or [])[-3:] + [self.last_subject]

    def name(self, subject: Span) -> str:
        """The subject's words, or what it stands for when it is a pronoun."""
        low = subject.text.lower()
        if low in PRONOUNS:
            found = self.antecedent.get((subject.start_char, subject.end_char))
            if found:
                return found
            if low in ("it", "they") and self.last_subject:
                return self.last_subject
        return subject.text

    def person_other_than(self, name: str) -> str | None:
        """The most recent named person subject who is not ``name`` (a speaker resolved to the wrong man)."""
        surname = name.split()[-1].lower()
        for person in reversed(self.last_person or []):
            if surname not in person.lower():
                return person
        return None


TITLE = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Gen|President|Prime Minister)\.?\s+)+")


def _strip_title(name: str) -> str:
    return TITLE.sub("", name)


def _trim(span: Span, table: _Table) -> Span | None:
    start, end = span.start, span.end
    while start < end and table.edge[start]:
        start += 1
    while end > start and table.space[end - 1]:
        end -= 1
    return span.doc[start:end] if end > start else None


def _statement(clause: Span, doc_id: str, original: str, index: _QuoteIndex,
               memory: _Memory, table: _Table) -> Iterator[Statement]:
    start, end = clause.start_char, clause.end_char
    quote = index.covering(start, end)
    rec = _recommendation(clause, table)
    subject = _subject(rec[1]) if rec is not None else None
    if rec is not None and subject is not None and quote is not None:
        speaker_at = quote.get("speaker_start")
        if speaker_at is not None and subject.start_char <= speaker_at < subject.end_char:
            quote = None  # "Washington should urge Kiev ...": the actor, not a speaker
    denial = _denial(clause, table)
    by, cue, quoted = (quote.get("speaker"), quote.get("cue"), True) if quote is not None else (None, None, False)
    stance = "attributes" if quoted else "asserts"
    if denial is not None and rec is None:
        stance, cue = "disputes", denial.text
        holder = _denier(denial, clause)
        if holder is not None and not quoted:
            by = memory.name(holder)
        by = _not_the_accused(by, denial, memory)
    if quote is not None and (quote.get("cue") or "").lower().startswith(("den", "rej", "dism", "refut")):
        stance = "disputes"
    base = dict(doc=doc_id, start=start, end=end, text=original[start:end], extractor=EXTRACTOR,
                stance=stance, by=by, cue=cue, quoted=quoted, negated=_negated(clause))
    if rec is not None:
        modal, verb = rec
        if subject is not None and modal.i < subject.start:
            return  # "Should the Kremlin reject offers, ...": inversion makes a condition
        base["negated"] = any(c.dep_ == "neg" for c in (*verb.children, *modal.children))
        actor = memory.name(subject) if subject is not None else None
        yield Statement(
            **base, type="recommendation", confidence=0.85 if subject is not None else 0.6,
            actor=actor, actor_start=subject.start_char if subject is not None else None,
            actor_end=subject.end_char if subject is not None else None,
            modal=modal.text.lower() if modal.lower_ != "well" else "would do well to",
        )
    elif _checkable(clause, table) and not _first_person_opinion(clause, table):
        signals = sum(bool(flags[clause.start:clause.end].any()) for flags in (table.number, table.named, table.past))
        yield Statement(**base, type="fact", confidence=round(0.45 + 0.15 * signals, 2))


def _first_person_opinion(clause: Span, table: _Table) -> bool:
    doc = clause.doc
    return any(doc[i].dep_ == "nsubj" and doc[i].head.lemma_ in ("think", "believe", "feel")
               for i in table.where(table.first_person, clause))


@stage(NAME, version=VERSION, requires=("spacy", "quotes", "corefs"), produces=("statements",))
def rule_statements(article: Article, options: Options) -> Iterator[Statement]:
    """The statements.rules stage: facts and recommendations with stance and holder."""
    yield from extract_statements(
        article.spacy, article.document.id, article.document.text,
        quotes=article.records.get("quotes", ()), corefs=article.records.get("corefs", ()),
    )
