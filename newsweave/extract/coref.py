"""In-document coreference for people: names, surnames, titles, pronouns and role descriptions.

One left-to-right pass over a parsed document builds a chain per person:

- a full name starts a chain, or joins the chain with the same surname and a
  compatible first name (equal, initial, one typo);
- a lone surname or titled surname ("Lucas", "Mr. Lucas") joins the most
  recent chain with that surname;
- a third-person singular pronoun ("he", "her") joins the best recent chain:
  within the last three sentences, agreeing in gender when that is known
  (from "Mr."/"Mrs."/"Ms." or pronouns already resolved), preferring a
  grammatical subject and recency, and never the subject of its own clause
  when the pronoun is that verb's object ("Putin praised him");
- a definite description ("the Ukrainian leader", "the general") joins the
  most recent chain whose title or role has a related head noun.

For the quotes and events work, :func:`resolve_person` answers "who is this?"
for any token: ``resolve_person(doc, token_index)`` or
``resolve_person(doc, char_offset, char=True)`` returns the ``(start, end, name)``
of the person's fullest named mention in the document (character offsets), or
``None``. The analysis is computed once per ``Doc`` and kept in ``doc.user_data``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

import numpy
from spacy.attrs import LOWER, POS, SENT_START
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span

from newsweave.config import Options
from newsweave.extract.roles import person_roles
from newsweave.model import Record
from newsweave.nlp import string_ids
from newsweave.pipeline import Article, stage
from newsweave.reconcile.entities import _given_compatible, _person_parts, normalise, strip_titles

NAME, VERSION = "coref.rules", "0.1.0"
EXTRACTOR = f"{NAME}@{VERSION}"
USER_DATA_KEY = "newsweave.coref"

PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
            "she": "f", "her": "f", "hers": "f", "herself": "f"}
HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f",
                    "ms.": "f", "miss": "f", "dame": "f", "lady": "f", "lord": "m", "king": "m",
                    "queen": "f", "prince": "m", "princess": "f"}
# Role nouns that a definite description may use for the same person, by family.
ROLE_FAMILIES = (
    {"leader", "president", "premier", "chancellor", "king", "queen", "head", "ruler", "dictator"},
    {"commander", "general", "gen.", "chief", "marshal", "admiral", "colonel", "officer"},
    {"minister", "secretary"},
    {"spokesman", "spokeswoman", "spokesperson"},
    {"executive", "ceo", "chairman", "chairwoman", "founder", "boss", "director", "chief"},
    {"senator", "lawmaker", "legislator", "congressman", "congresswoman", "representative"},
    {"governor"}, {"mayor"}, {"judge", "justice"}, {"ambassador", "envoy", "diplomat"},
    {"analyst", "expert", "researcher", "scholar", "professor"},
)
ROLE_NOUNS = frozenset().union(*ROLE_FAMILIES)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "iobj", "dative"})
WINDOW_SENTENCES = 3
_PRONOUN_IDS = string_ids(frozenset(PRONOUNS))
_ROLE_NOUN_IDS = string_ids(ROLE_NOUNS)


@dataclass(frozen=True, slots=True, kw_only=True)
class Coreference(Record):
    """A mention of a person linked to the person's fullest named mention in the document."""

    kind: ClassVar[str] = "corefs"

    antecedent: str  # the person's fullest name in the document
    antecedent_start: int
    antecedent_end: int
    chain: int  # the person's chain number within the document
    form: str  # "name", "surname", "pronoun" or "description"


@dataclass(slots=True)
class Chain:
    """One person within a document."""

    number: int
    name: str
    start: int
    end: int
    given: str
    surname: str
    gender: str | None = None
    role_words: set[str] = field(default_factory=set)
    last_token: int = -1


@dataclass(frozen=True, slots=True)
class Link:
    start: int  # character offsets of the referring words
    end: int
    text: str
    chain: int
    form: str
    first_token: int
    last_token: int


@dataclass(slots=True)
class Analysis:
    chains: list[Chain]
    links: list[Link]
    token_chain: dict[int, int]  # token index -> chain number

    def chain_of(self, token_index: int) -> Chain | None:
        number = self.token_chain.get(token_index)
        return None if number is None else self.chains[number]


def _role_words(span: Span) -> set[str]:
    return {t.lower_ for t in span if t.pos_ in ("NOUN", "PROPN")} & ROLE_NOUNS


def _related(word: str, role_words: set[str]) -> bool:
    return any(word in family and family & role_words for family in ROLE_FAMILIES)


def analyse(doc: Doc) -> Analysis:
    """Build the document's person chains and links (cached in ``doc.user_data``)."""
    cached = doc.user_data.get(USER_DATA_KEY)
    if cached is not None:
        return cached
    cols = doc.to_array([SENT_START, POS, LOWER])
    starts = cols[:, 0].astype(numpy.int64) == 1
    if len(doc):
        starts[0] = True
    sentence_of = (numpy.cumsum(starts) - 1).tolist()
    pos, lower_ids = cols[:, 1], cols[:, 2]
    # Only these tokens can start a link; the rest of the document is never visited.
    candidates = (pos == PROPN) | ((pos == PRON) & numpy.isin(lower_ids, _PRONOUN_IDS)) \
        | ((pos == NOUN) & numpy.isin(lower_ids, _ROLE_NOUN_IDS))
    roles: dict[int, set[str]] = {}
    for ent, span, _ in person_roles(doc):
        roles.setdefault(ent.start, set()).update(_role_words(span))

    chains: list[Chain] = []
    links: list[Link] = []
    token_chain: dict[int, int] = {}
    # Recent mentions: (chain number, token index, sentence, is subject, head token index).
    recent: list[tuple[int, int, int, bool, int]] = []
    persons = {e.start: e for e in _person_spans(doc)}
    by_surname: dict[str, list[Chain]] = {}

    def link(chain: Chain, first: int, last: int, form: str) -> None:
        span = doc[first:last + 1]
        links.append(Link(span.start_char, span.end_char, span.text, chain.number, form, first, last))
        for i in range(first, last + 1):
            token_chain[i] = chain.number
        chain.last_token = last
        root = span.root
        recent.append((chain.number, root.i, sentence_of[root.i], root.dep_ in SUBJECT_DEPS, root.head.i))

    visited = 0  # tokens before this are done (a named person's tokens are skipped whole)
    for i in sorted({*map(int, numpy.flatnonzero(candidates)), *persons}):
        if i < visited:
            continue
        visited = i + 1
        ent = persons.get(i)
        if ent is not None:
            chain = _named(doc, ent, chains, roles.get(ent.start, set()), link)
            if chain is not None:
                by_surname.setdefault(chain.surname, []).append(chain)
            visited = ent.end
            continue
        token = doc[i]
        lower = token.lower_
        if token.pos_ == "PROPN" and (not token.ent_type_ or _single_token_entity(doc, i)):
            # A surname the NER missed or mislabelled ("Lucas said", "Zelenskiy" as ORG).
            same = by_surname.get(normalise(token.text))
            if same:
                link(max(same, key=lambda c: c.last_token), i, i, "surname")
        elif lower in PRONOUNS and token.pos_ == "PRON":
            chain = _pronoun_antecedent(token, PRONOUNS[lower], chains, recent, sentence_of)
            if chain is not None:
                chain.gender = chain.gender or PRONOUNS[lower]
                link(chain, i, i, "pronoun")
        elif lower in ROLE_NOUNS and token.pos_ == "NOUN" and token.i > 0:
            first = token.left_edge.i
            if doc[first].lower_ == "the" and token.right_edge.i == token.i:
                chain = _description_antecedent(lower, chains, recent, sentence_of[i])
                if chain is not None:
                    link(chain, first, i, "description")
    analysis = Analysis(chains, links, token_chain)
    doc.user_data[USER_DATA_KEY] = analysis
    return analysis


def _person_spans(doc: Doc) -> list[Span]:
    """PERSON entities, extended over capitalised proper nouns the NER cut off ("Oleksandr| Syrsky")."""
    spans = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        end = ent.end
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title \
                and not doc[end].ent_type_:
            end += 1
        spans.append(doc[ent.start:end] if end > ent.end else ent)
    return spans


def _single_token_entity(doc: Doc, i: int) -> bool:
    return doc[i].ent_iob_ == "B" and (i + 1 == len(doc) or doc[i + 1].ent_iob_ != "I")


def _named(doc: Doc, ent: Span, chains: list[Chain], role_words: set[str], link) -> Chain | None:
    name = strip_titles(ent.text)
    given, _, surname = _person_parts(normalise(name))
    if not surname:
        return None
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    gender = HONORIFIC_GENDER.get(before) or HONORIFIC_GENDER.get(ent.text.split()[0].lower())
    same = [c for c in chains if c.surname == surname and (not given or not c.given
                                                            or _given_compatible(given, c.given))]
    if same:
        chain = max(same, key=lambda c: c.last_token)
        if given and (not chain.given or len(name) > len(chain.name)):
            start = ent.end_char - len(name) if ent.text.endswith(name) else ent.start_char
            chain.name, chain.start, chain.end, chain.given = name, start, start + len(name), given
        form = "name" if given else "surname"
    else:
        start = ent.end_char - len(name) if ent.text.endswith(name) else ent.start_char
        chain = Chain(len(chains), name, start, start + len(name), given, surname)
        chains.append(chain)
        form = "name"
    chain.gender = chain.gender or gender
    chain.role_words |= role_words | ({before} & ROLE_NOUNS)
    link(chain, ent.start, ent.end - 1, form)
    return chain


def _pronoun_antecedent(token, gender: str, chains: list[Chain], recent, sentence_of) -> Chain | None:
    sentence = sentence_of[token.i]
    best, best_score = None, float("-inf")
    seen: set[int] = set()
    for number, index, sent, is_subject, head in reversed(recent):
        if sentence - sent > WINDOW_SENTENCES:
            break
        if number in seen:
            continue
        seen.add(number)
        chain = chains[number]
        if chain.gender and chain.gender != gender:
            continue
        # An object pronoun does not refer to its own verb's subject ("Putin praised him").
        if token.dep_ in OBJECT_DEPS and is_subject and head == token.head.i:
            continue
        score = -1.5 * (sentence - sent) + (1.0 if is_subject else 0.0) + (0.5 if chain.gender else 0.0)
        score -= 0.01 * (token.i - index)
        if score > best_score:
            best, best_score = chain, score
    return best


def _description_antecedent(noun: str, chains: list[Chain], recent, sentence: int) -> Chain | None:
    for number, _, sent, _, _ in reversed(recent):
        chain = chains[number]
        if _related(noun, chain.role_words):
            return chain
    return None


def resolve_person(doc: Doc, position: int, *, char: bool = False) -> tuple[int, int, str] | None:
    """Who a token refers to: ``(start, end, name)`` of the person's fullest named mention.

    ``position`` is a token index, or a character offset when ``char=True``. A
    pronoun ("he said"), a surname ("Lucas said"), a titled name or a role
    description resolves to the person's fullest named mention in ``doc``;
    anything else gives ``None``.

    >>> doc = nlp("Maria Lucas runs the lab. Lucas said she was pleased.")  # doctest: +SKIP
    >>> resolve_person(doc, 7)  # "she"                                  # doctest: +SKIP
    (0, 11, 'Maria Lucas')
    """
    if char:
        span = doc.char_span(position, min(position + 1, len(doc.text)), alignment_mode="expand")
        if span is None or not len(span):
            return None
        position = span.start
    chain = analyse(doc).chain_of(position)
    return None if chain is None else (chain.start, chain.end, chain.name)


@stage(NAME, version=VERSION, requires=("spacy",), produces=("corefs",))
def person_coreference(article: Article, options: Options) -> Iterator[Coreference]:
    analysis = analyse(article.spacy)
    doc_id = article.document.id
    confidence = {"name": 0.95, "surname": 0.9, "description": 0.6, "pronoun": 0.7}
    for l in analysis.links:
        chain = analysis.chains[l.chain]
        yield Coreference(
            doc=doc_id, start=l.start, end=l.end, text=l.text, extractor=EXTRACTOR,
            confidence=confidence[l.form], antecedent=chain.name, antecedent_start=chain.start,
            antecedent_end=chain.end, chain=l.chain, form=l.form,
        )
