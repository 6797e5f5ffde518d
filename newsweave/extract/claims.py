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

from spacy.tokens import Doc, Span, Token

from newsweave.config import Options
from newsweave.model import Record, as_dict
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
        rows = sorted((as_dict(q) for q in quotes), key=lambda q: q["start"])
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
    return {(c["start"], c["end"]): c["antecedent"] for c in map(as_dict, corefs) if c.get("antecedent")}


def clauses(sent: Span) -> Iterator[Span]:
    """Cut a sentence at dashes and semicolons that join two clauses with verbs of their own."""
    text = sent.text
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
    if len(spans) < 2 or not all(_has_verb(s) for s in spans):
        yield sent
        return
    yield from spans


def _has_verb(span: Span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG",) for t in span)


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


def _recommendation(clause: Span) -> tuple[Token, Token] | None:
    """(modal token, main verb) of a deontic recommendation in the clause, if any."""
    for tok in clause:
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


def _denial(clause: Span) -> Token | None:
    """The word that makes the clause a denial: a denial verb or noun, or a negated main verb."""
    for tok in clause:
        if tok.lemma_ in DENIAL_VERBS and tok.pos_ == "VERB":
            return tok
        if tok.lower_ in DENIAL_WORDS and tok.pos_ in ("NOUN", "ADJ"):
            return tok
    return None


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


def _checkable(clause: Span) -> bool:
    return any(t.ent_type_ in CHECKABLE or t.like_num for t in clause)


def _words(clause: Span) -> int:
    return sum(1 for t in clause if t.is_alpha)


def extract_statements(doc: Doc, doc_id: str, original: str, quotes: Sequence[Any] = (),
                       corefs: Sequence[Any] = ()) -> Iterator[Statement]:
    """Every check-worthy clause of a parsed document as a :class:`Statement`.

    ``quotes`` and ``corefs`` are the article's quote and coreference records
    (objects or dicts); they say who speaks and whom a pronoun names.
    """
    index = _QuoteIndex.of(quotes)
    memory = _Memory(_antecedents(corefs))
    for sent in doc.sents:
        if not sent.text.strip() or sent.text.rstrip().endswith("?"):
            continue
        for clause in clauses(sent):
            clause = _trim(clause)
            if clause is None or _words(clause) < 4 or not _has_verb(clause):
                continue
            yield from _statement(clause, doc_id, original, index, memory)
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


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_space or span.doc[start].is_punct):
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end] if end > start else None


def _statement(clause: Span, doc_id: str, original: str, index: _QuoteIndex,
               memory: _Memory) -> Iterator[Statement]:
    start, end = clause.start_char, clause.end_char
    quote = index.covering(start, end)
    rec = _recommendation(clause)
    subject = _subject(rec[1]) if rec is not None else None
    if rec is not None and subject is not None and quote is not None:
        speaker_at = quote.get("speaker_start")
        if speaker_at is not None and subject.start_char <= speaker_at < subject.end_char:
            quote = None  # "Washington should urge Kiev ...": the actor, not a speaker
    denial = _denial(clause)
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
    elif _checkable(clause) and not _first_person_opinion(clause):
        signals = sum((any(t.like_num for t in clause), any(t.ent_type_ for t in clause),
                       any(t.tag_ in ("VBD", "VBN") for t in clause)))
        yield Statement(**base, type="fact", confidence=round(0.45 + 0.15 * signals, 2))


def _first_person_opinion(clause: Span) -> bool:
    return any(t.lower_ in ("i", "we") and t.dep_ == "nsubj" and t.head.lemma_ in ("think", "believe", "feel")
               for t in clause)


@stage(NAME, version=VERSION, requires=("spacy", "quotes", "corefs"), produces=("statements",))
def rule_statements(article: Article, options: Options) -> Iterator[Statement]:
    """The statements.rules stage: facts and recommendations with stance and holder."""
    yield from extract_statements(
        article.spacy, article.document.id, article.document.text,
        quotes=article.records.get("quotes", ()), corefs=article.records.get("corefs", ()),
    )
