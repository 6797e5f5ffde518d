"""Speaker resolution over one document's discourse."""

from __future__ import annotations

from newsweave.extract.speakers import Discourse


def span(doc, words: str):
    start = doc.text.index(words)
    return doc.char_span(start, start + len(words))


def test_surname_expands_to_the_earlier_full_name(nlp):
    doc = nlp("Scott Lucas is a professor. Later, Lucas said the war had changed.")
    speaker = Discourse.of(doc).resolve(span(doc, "Lucas said")[:1])
    assert speaker.name == "Scott Lucas"
    assert doc.text[speaker.start : speaker.end] == "Lucas"


def test_pronoun_prefers_the_current_speaker(nlp):
    doc = nlp("Oleksiy Melnyk spoke first. President Volodymyr Zelensky was named later. He stressed it.")
    discourse = Discourse.of(doc)
    discourse.resolve(span(doc, "Oleksiy Melnyk"))
    speaker = discourse.resolve(span(doc, "He stressed")[:1])
    assert speaker.name == "Oleksiy Melnyk" and speaker.text == "He"


def test_pronoun_skips_a_current_speaker_of_the_other_gender(nlp):
    doc = nlp("Mrs. Anna Kovalenko spoke. Mr. Ivan Petrenko arrived. She said so. He said no.")
    discourse = Discourse.of(doc)
    discourse.resolve(span(doc, "Anna Kovalenko"))
    he = discourse.resolve(span(doc, "He said")[:1])
    assert he.name == "Ivan Petrenko"


def test_collective_source_is_kept_as_text(nlp):
    doc = nlp("Ukrainian troops on the ground have told reporters that supplies are short.")
    speaker = Discourse.of(doc).resolve(span(doc, "Ukrainian troops on the ground"))
    assert speaker.name.startswith("Ukrainian troops")


def test_relative_pronoun_names_its_antecedent_but_keeps_its_own_span(nlp):
    doc = nlp("The plan was backed by Michael Tyler, who said the campaign would go on.")
    speaker = Discourse.of(doc).resolve(span(doc, "who"))
    assert speaker.name.endswith("Tyler") and speaker.text == "who"
    assert doc.text[speaker.start : speaker.end] == "who"
