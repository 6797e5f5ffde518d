"""newsweave.nlp: the tokenizer splits quotation marks glued to the words around them."""

from __future__ import annotations

import pytest


def words(nlp, text: str) -> list[str]:
    return [t.text for t in nlp.tokenizer(text)]


@pytest.mark.parametrize(
    "text, cue, mark",
    [
        ("He said,“We will win.”", "said", "“"),
        ("He said:“We won.”", "said", "“"),
        ('She said,"We won."', "said", '"'),
        ("The act—“My plan!”—is here.", "act", "“"),
    ],
)
def test_quote_mark_glued_to_the_cue_is_a_token_of_its_own(nlp, text, cue, mark):
    tokens = words(nlp, text)
    assert cue in tokens and mark in tokens
    assert tokens.index(mark) == tokens.index(cue) + 2  # the punctuation between them stands alone too


def test_closing_mark_glued_to_the_next_word_is_split(nlp):
    assert words(nlp, "“We will win.”He left.")[-4:] == ["”", "He", "left", "."]


def test_abbreviations_apostrophes_and_inches_keep_their_tokens(nlp):
    tokens = words(nlp, "The U.S.” reply, Ukraine’s army, ''yes'' and a 5\" screen.")
    assert "U.S." in tokens and "’s" in tokens and "5" in tokens


def test_bare_pipeline_keeps_spacy_tokenizer():
    from newsweave.nlp import bare_spacy

    assert "said,“We" in [t.text for t in bare_spacy().tokenizer("He said,“We won.”")]


def test_token_offsets_still_index_the_original_text(nlp):
    text = "He said,“We will win.”He left."
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in nlp.tokenizer(text))


def test_the_lemmatizers_known_lemmas_as_sets_give_the_same_lemmas():
    import spacy

    from newsweave.nlp import SPACY_MODEL, index_lemmas_as_sets, load_spacy

    text = ("Ukrainian troops have withdrawn from the villages they had seized, analysts said, "
            "while the children's leaders were meeting and the geese flew over better-defended lines.")
    shipped = spacy.load(SPACY_MODEL)
    fixed = spacy.load(SPACY_MODEL)
    index_lemmas_as_sets(fixed)
    table = fixed.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(table[key], frozenset) for key in table.keys())
    assert [t.lemma_ for t in fixed(text)] == [t.lemma_ for t in shipped(text)]
    assert isinstance(load_spacy().get_pipe("lemmatizer").lookups.get_table("lemma_index")["noun"], frozenset)
