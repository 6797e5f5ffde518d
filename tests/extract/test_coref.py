"""In-document person coreference on small built texts."""

from __future__ import annotations

import pytest

from newsweave.extract.coref import analyse, resolve_person
from newsweave.nlp import load_spacy


@pytest.fixture(scope="module")
def nlp():
    return load_spacy()


def token_index(doc, word: str, nth: int = 0) -> int:
    return [t.i for t in doc if t.text == word][nth]


def test_pronoun_and_surname_resolve_to_the_full_name(nlp):
    doc = nlp("Maria Lucas runs the lab in Boston. Lucas said she was pleased with the results.")
    assert resolve_person(doc, token_index(doc, "she")) == (0, 11, "Maria Lucas")
    assert resolve_person(doc, token_index(doc, "Lucas", 1))[2] == "Maria Lucas"


def test_resolve_person_accepts_character_offsets(nlp):
    text = "Maria Lucas runs the lab. \"It works,\" she said."
    doc = nlp(text)
    assert resolve_person(doc, text.index("she"), char=True)[2] == "Maria Lucas"
    assert resolve_person(doc, text.index("lab"), char=True) is None


def test_honorifics_keep_pronouns_apart_by_gender(nlp):
    doc = nlp("John Smith and Mary Jones spoke on Monday. Mr. Smith said he disagreed. "
              "Ms. Jones said her company would wait.")
    assert resolve_person(doc, token_index(doc, "he"))[2] == "John Smith"
    assert resolve_person(doc, token_index(doc, "her"))[2] == "Mary Jones"


def test_title_forms_and_descriptions_join_the_titled_person(nlp):
    doc = nlp("President Volodymyr Zelensky met Gen. Oleksandr Syrsky on Monday. "
              "The Ukrainian leader praised the army. Zelenskiy said he would visit the front.")
    assert resolve_person(doc, token_index(doc, "leader"))[2] == "Volodymyr Zelensky"
    assert resolve_person(doc, token_index(doc, "Zelenskiy"))[2] == "Volodymyr Zelensky"
    assert resolve_person(doc, token_index(doc, "he"))[2] == "Volodymyr Zelensky"


def test_object_pronoun_does_not_refer_to_its_own_subject(nlp):
    doc = nlp("Anna Berg met Peter Holm. Peter Holm praised him.")
    assert resolve_person(doc, token_index(doc, "him")) != resolve_person(doc, token_index(doc, "Holm", 1))


def test_people_sharing_a_surname_get_separate_chains(nlp):
    doc = nlp("Joe Biden spoke. Jill Biden listened.")
    assert len(analyse(doc).chains) == 2
