"""Named-entity mentions from spaCy's NER and the gazetteer place ruler.

The small model's spans are mended where a name's own shape says it is wrong: a function
word or stop taken in at either end is left out ("American Studies and International Politics
at"); a name with an institution's head word ("Razumkov Center", "Center for European Policy
Analysis") is an organisation whatever the tagger said; a person's or organisation's
name has no possessive inside ("Kiev's NATO", "Russia's Defense Ministry": the part after it is
the name); a name has a capital letter ("square kilometers" is no person, "monthslong" no
place); the portfolio of "Secretary of State" is part of a title, of "Department of State" part of
the institution; a person's name is no acronym; a lone word called a person no more often than a
place in the article, and no one's surname there, is the place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Span

from newsweave.config import Options
from newsweave.model import Mention
from newsweave.pipeline import Article, stage

NAME, VERSION = "mentions.spacy", "0.3.1"
EXTRACTOR = f"{NAME}@{VERSION}"

# spaCy's OntoNotes labels mapped to the entity types newsweave reports.
ENTITY_TYPES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "other",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
    "LAW": "other",
}
# spaCy's small model gives no per-entity scores; these are its measured label precisions
# on OntoNotes (rounded), and the gazetteer's on news text.
CONFIDENCE = {"PERSON": 0.9, "ORG": 0.8, "GPE": 0.9, "LOC": 0.75, "NORP": 0.9, "FAC": 0.6}


# Head words of institutions' names: a name holding one (capitalised) names an organisation.
ORGANISATION_HEADS = frozenset("""
    center centre institute institution university college school academy ministry council
    committee commission agency foundation fund bank party association department office court
    corporation company group inc ltd llc authority bureau board federation organization
    organisation network patrol police guard service army navy command force senate congress
    parliament assembly government administration
""".split())
# Offices and departments named "<title> of <portfolio>" ("Secretary of State", "Minister of Defence",
# "Department of Justice"), where the portfolio alone is no mention ("Prime Minister of Singapore" is).
OFFICE_TITLES = frozenset("""
    secretary minister director chancellor commissioner undersecretary administrator
""".split())
PORTFOLIOS = frozenset("""
    state defense defence justice treasury energy commerce labor labour agriculture interior education
    health transportation transport finance economy trade
""".split())
# Parts of speech a name never starts or ends with, which the tagger's span sometimes takes in.
_EDGE_POS = frozenset({"ADP", "CCONJ", "PUNCT", "PART", "SCONJ"})


def warm_up(options: Options) -> None:
    from newsweave.nlp import load_spacy

    load_spacy(options.min_gazetteer_population)


def entity_type(ent: Span) -> str | None:
    """newsweave's type for a spaCy entity, or None for labels it does not report.

    A place is named by a noun: a lone adjective labelled as a place ("on Ukrainian
    territory", which the small model tags GPE) is the nationality, a group.
    """
    kind = ENTITY_TYPES.get(ent.label_)
    if kind == "place" and len(ent) == 1 and ent.root.pos_ == "ADJ":
        return "group"
    return kind


def mended(ent: Span) -> tuple[Span, str] | None:
    """The span and type of a mention as its name's shape has it (see the module docstring),
    or None when the span names nothing."""
    kind = entity_type(ent)
    if kind is None:
        return None
    doc, start, end = ent.doc, ent.start, ent.end
    if kind in ("person", "organisation"):  # "Kiev's NATO": the name is what the possessive qualifies
        start = max([t.i + 1 for t in ent[:-1] if t.tag_ == "POS" or t.lower_ in ("'s", "’s")], default=start)
    while end - start > 1 and doc[end - 1].pos_ in _EDGE_POS:
        end -= 1
    while end - start > 1 and doc[start].pos_ in _EDGE_POS:
        start += 1
    if end - start == 1 and doc[start].lower_ in PORTFOLIOS and start >= 2 and doc[start - 1].lower_ == "of" \
            and doc[start - 2].is_title:
        word = doc[start - 2].lower_
        if word in ORGANISATION_HEADS:  # "Department of State": the institution is the whole phrase
            return doc[start - 2:end], "organisation"
        if word in OFFICE_TITLES:  # "Secretary of State": a title, no mention of a state
            return None
    span = doc[start:end] if (start, end) != (ent.start, ent.end) else ent
    if kind in ("person", "place", "other") and any(
            t.lower_ in ORGANISATION_HEADS and t.is_title for t in span):
        return span, "organisation"
    words = [t for t in span if t.is_alpha]
    if (words or kind == "person") and all(t.is_lower for t in words):
        return None  # a name has a capital: "square kilometers" is no person, "monthslong" no place
    if kind == "person":
        if len(words) == 1 and words[0].is_upper and len(words[0]) > 1:
            return span, "organisation"  # "NATO"
    return span, kind


@stage(NAME, version=VERSION, requires=("spacy",), produces=("mentions",), warm_up=warm_up)
def spacy_mentions(article: Article, options: Options) -> Iterator[Mention]:
    doc_id = article.document.id
    ents = article.spacy.ents
    # a lone word spaCy calls a person no more often than a place in the article, which names
    # nobody with it as surname ("Sudzha" beside "the town of Sudzha"), is that place
    places = Counter(e.text for e in ents if entity_type(e) == "place")
    people = Counter(e.text for e in ents if e.label_ == "PERSON" and len(e) == 1)
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
    for ent in ents:
        found = mended(ent)
        if found is None:
            continue
        span, kind = found
        if kind == "person" and len(span) == 1 and 0 < people[span.text] <= places[span.text] \
                and span.text not in surnames:
            kind = "place"
        yield Mention(
            doc=doc_id, start=span.start_char, end=span.end_char, text=span.text,
            extractor=EXTRACTOR, confidence=CONFIDENCE.get(ent.label_, 0.6), label=kind,
        )
