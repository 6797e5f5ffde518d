"""Named-entity mentions from spaCy's NER and the gazetteer place ruler."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from newsweave.config import Options
from newsweave.model import Mention
from newsweave.pipeline import Article, stage

NAME, VERSION = "mentions.spacy", "0.2.0"
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


@stage(NAME, version=VERSION, requires=("spacy",), produces=("mentions",), warm_up=warm_up)
def spacy_mentions(article: Article, options: Options) -> Iterator[Mention]:
    doc_id = article.document.id
    for ent in article.spacy.ents:
        kind = entity_type(ent)
        if kind is None:
            continue
        yield Mention(
            doc=doc_id, start=ent.start_char, end=ent.end_char, text=ent.text,
            extractor=EXTRACTOR, confidence=CONFIDENCE.get(ent.label_, 0.6), label=kind,
        )
