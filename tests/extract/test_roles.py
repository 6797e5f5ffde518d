"""Roles and descriptions of people from appositives, titles and premodifiers."""

from __future__ import annotations

import pytest

from newsweave.extract.roles import person_roles
from newsweave.nlp import load_spacy


@pytest.fixture(scope="module")
def nlp():
    return load_spacy()


def roles(nlp, text: str) -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set[tuple[str, str]]] = {}
    for ent, span, form in person_roles(nlp(text)):
        out.setdefault(ent.text, set()).add((span.text, form))
    return out


def test_appositive_after_the_name_keeps_its_whole_description(nlp):
    found = roles(nlp, "Sarah Jones, a spokeswoman for the Lisbon-based company Alto Group, declined to comment.")
    (text, form), = found["Sarah Jones"]
    assert form == "appositive" and text.startswith("a spokeswoman") and text.endswith("Alto Group")


def test_appositive_before_the_name(nlp):
    found = roles(nlp, "The company's chief executive, Tim Cook, said sales grew.")
    assert ("The company's chief executive", "appositive") in found["Tim Cook"]


def test_premodifier_titles(nlp):
    found = roles(nlp, "Russian Defense Minister Andrei Belousov visited the plant on Friday.")
    assert any(form in ("premodifier", "title") and "Minister" in text for text, form in found["Andrei Belousov"])


def test_honorific_alone_is_not_a_role(nlp):
    assert not roles(nlp, "Mr. Lucas Brandt said nothing.").get("Lucas Brandt")


def test_a_name_inside_a_description_keeps_it_but_a_list_of_names_is_none(nlp):
    found = roles(nlp, "Andriy Yermak, the chief of staff to President Volodymyr Zelensky, said talks would go on.")
    assert any(form == "appositive" and text.startswith("the chief of staff") for text, form in found["Andriy Yermak"])
    found = roles(nlp, "The guests were Tom Hanks, Meryl Streep and Denzel Washington.")
    assert not any(form == "appositive" for pairs in found.values() for _, form in pairs), found
