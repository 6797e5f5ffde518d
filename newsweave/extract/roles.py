"""Roles and descriptions of people, read off the parse: appositives, titles and premodifiers.

Three constructions, each found from the dependency parse around a PERSON entity:

- appositive after the name: "Oleksiy Melnyk, the co-director of foreign policy
  ... at the Kyiv-based think tank Razumkov Center, said" -> "co-director of ...
  Razumkov Center";
- appositive before the name: "Ukraine's top military commander, Gen. Oleksandr
  Syrsky" -> "Ukraine's top military commander";
- title or premodifier: "Gen. Oleksandr Syrsky", "Russian Defense Minister
  Andrei Belousov", "President Volodymyr Zelensky" (also when the title is
  inside spaCy's entity span).

Each role is a :class:`Role` record whose offsets are the role's words; it names
the person's span, so reconciliation can attach it to the canonical entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from spacy.tokens import Doc, Span

from newsweave.config import Options
from newsweave.model import Record
from newsweave.pipeline import Article, stage

NAME, VERSION = "roles.syntax", "0.1.1"
EXTRACTOR = f"{NAME}@{VERSION}"
USER_DATA_KEY = "newsweave.roles"  # where a parse keeps its person_roles

PREMODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod"})
# Right children of the name that belong to an appositive's description.
APPOSITIVE_DEPS = frozenset({"appos", "prep", "acl", "amod", "npadvmod"})
LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
TITLE_IN_NAME = re.compile(
    r"^((?:(?:President|Vice President|Prime Minister|Minister|Gen|General|Lt|Col|Colonel|Maj|Capt|"
    r"Adm|Sgt|Sen|Senator|Rep|Gov|Governor|Mayor|Judge|Dr|Prof|Mr|Mrs|Ms|King|Queen|Prince|Pope|"
    r"Chancellor|Secretary|Ambassador|Commander|Chairman)\.?\s+)+)"
)
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mr.", "mrs.", "ms."})


@dataclass(frozen=True, slots=True, kw_only=True)
class Role(Record):
    """A role or description of a person: ``text`` is the role's words, ``person`` the name's."""

    kind: ClassVar[str] = "roles"

    person: str
    person_start: int
    person_end: int
    form: str  # "appositive", "title" or "premodifier"
    role: str  # the role normalised: no leading article or trailing punctuation


def _clean(text: str) -> str:
    return LEADING.sub("", text.strip(" ,;:—–-\n")).strip()


def person_roles(doc: Doc) -> list[tuple[Span, Span, str]]:
    """(person entity, role span, form) for every role the parse shows around a PERSON entity.

    Found once per parse and kept in ``doc.user_data``: coreference reads them too.
    """
    found = doc.user_data.get(USER_DATA_KEY)
    if found is None:
        found = doc.user_data[USER_DATA_KEY] = _find_roles(doc)
    return found


def _find_roles(doc: Doc) -> list[tuple[Span, Span, str]]:
    out: list[tuple[Span, Span, str]] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        root = ent.root
        # A title inside the entity span ("President Volodymyr Zelensky" tagged as one PERSON).
        title = TITLE_IN_NAME.match(ent.text)
        if title and len(title.group(1).split()) < len(ent.text.split()):
            span = doc.char_span(ent.start_char, ent.start_char + len(title.group(1).rstrip()),
                                 alignment_mode="expand")
            if span is not None:
                out.append((ent, span, "title"))
        # Premodifiers immediately left of the name: "Russian Defense Minister", "Gen."
        left = [c for c in root.lefts if c.i < ent.start and c.dep_ in PREMODIFIER_DEPS]
        if left and left[-1].right_edge.i == ent.start - 1:
            first = min(c.left_edge.i for c in left)
            while first < ent.start and doc[first].dep_ == "det":
                first += 1
            span = doc[first:ent.start]
            if span and not all(t.lower_ in HONORIFICS for t in span):
                form = "title" if len(span) == 1 and span[0].pos_ == "PROPN" else "premodifier"
                out.append((ent, span, form))
        # Appositive before the name: "<description>, <Name>" with the name as the appos.
        head = root.head
        if root.dep_ == "appos" and head.i < ent.start and head.pos_ in ("NOUN", "PROPN"):
            first = head.left_edge.i
            last = ent.start - 1
            while last > first and (doc[last].is_punct or doc[last].dep_ in PREMODIFIER_DEPS
                                    and doc[last].head.i >= ent.start):
                last -= 1
            span = doc[first:last + 1]
            if span and head.ent_type_ != "PERSON":  # "Zelensky's chief of staff, Andriy Yermak"
                out.append((ent, span, "appositive"))
        # Appositive after the name: "<Name>, <description>,"
        if ent.end < len(doc) and doc[ent.end].text == ",":
            rights = [c for c in root.rights if c.i > ent.end and c.dep_ in APPOSITIVE_DEPS]
            if any(c.dep_ == "appos" for c in rights):
                last = max(c.right_edge.i for c in rights)
                span = doc[ent.end + 1:last + 1]
                # a list of names is no description; a name inside one is ("... at Razumkov Center")
                if span and not any(c.ent_type_ == "PERSON" for c in rights if c.dep_ == "appos"):
                    out.append((ent, span, "appositive"))
    return out


@stage(NAME, version=VERSION, requires=("spacy",), produces=("roles",))
def syntactic_roles(article: Article, options: Options) -> Iterator[Role]:
    doc_id = article.document.id
    for ent, span, form in person_roles(article.spacy):
        role = _clean(span.text)
        if not role:
            continue
        yield Role(
            doc=doc_id, start=span.start_char, end=span.end_char, text=span.text,
            extractor=EXTRACTOR, confidence=0.8 if form == "appositive" else 0.9,
            person=ent.text, person_start=ent.start_char, person_end=ent.end_char,
            form=form, role=role,
        )
