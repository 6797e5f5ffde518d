"""Speaker resolution over one document's discourse."""

from __future__ import annotations

from newsweave.extract.speakers import Discourse, addressee_of


def span(doc, words: str):
    start = doc.text.index(words)
    return doc.char_span(start, start + len(words))


def pronoun_after(nlp, text: str, earlier: str, source: str):
    """The speaker of ``source``'s first word after ``earlier`` was resolved as a source, in ``text``."""
    doc = nlp(text)
    discourse = Discourse.of(doc)
    discourse.resolve(span(doc, earlier))
    return discourse.resolve(span(doc, source)[:1])


def test_surname_expands_to_the_earlier_full_name(nlp):
    doc = nlp("Scott Lucas is a professor. Later, Lucas said the war had changed.")
    speaker = Discourse.of(doc).resolve(span(doc, "Lucas said")[:1])
    assert speaker.name == "Scott Lucas"
    assert doc.text[speaker.start : speaker.end] == "Lucas"


def test_pronoun_prefers_the_current_speaker_over_a_man_named_in_between(nlp):
    speaker = pronoun_after(nlp, "Oleksiy Melnyk spoke first. Reporters later asked about President Volodymyr "
                            "Zelensky. He stressed it.", "Oleksiy Melnyk", "He stressed")
    assert speaker.name == "Oleksiy Melnyk" and speaker.text == "He"


def test_pronoun_is_the_person_who_is_subject_of_the_sentence_before(nlp):
    text = "Tom Baker said the vote was close. Peter Grant rejected the idea at once. \u201cIt will not pass,\u201d he said."
    assert pronoun_after(nlp, text, "Tom Baker", "he said").name == "Peter Grant"


def test_pronoun_is_the_subject_named_earlier_in_its_own_sentence(nlp):
    text = "Tom Baker said the vote was close. Peter Grant has proposed a new wall, which he said others would pay for."
    assert pronoun_after(nlp, text, "Tom Baker", "he said").name == "Peter Grant"


def test_a_subject_inside_a_quotation_does_not_take_the_pronoun(nlp):
    text = "Tom Baker spoke to reporters. \u201cPeter Grant is wrong about this,\u201d he said."
    assert pronoun_after(nlp, text, "Tom Baker", "he said").name == "Tom Baker"


def test_she_skips_a_current_speaker_known_to_be_a_man_from_his_pronouns(nlp):
    text = ("Anna Ruiz joined the panel on Monday. Mark Hill said he would run and that his party agreed. "
            "\u201cWe are ready,\u201d she said.")
    assert pronoun_after(nlp, text, "Mark Hill", "she said").name == "Anna Ruiz"


def test_gender_is_kept_per_full_name_not_per_surname(nlp):
    doc = nlp("Bill Carter said he was tired of his critics. His wife, Mary Carter, stayed home.")
    discourse = Discourse.of(doc)
    assert discourse.gender_of("Bill Carter") == "m"
    assert discourse.gender_of("Mary Carter") == "f"
    assert discourse.gender_of("Carter") is None


def test_a_gendered_role_noun_before_a_name_gives_its_gender(nlp):
    doc = nlp("Campaign spokeswoman Dana Lee said the bus was late.")
    assert Discourse.of(doc).gender_of("Dana Lee") == "f"


def test_pronoun_skips_a_current_speaker_of_the_other_gender(nlp):
    he = pronoun_after(nlp, "Mrs. Anna Kovalenko spoke. Mr. Ivan Petrenko arrived. She said so. He said no.",
                       "Anna Kovalenko", "He said")
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


def test_source_cut_inside_a_name_is_widened_to_the_name(nlp):
    doc = nlp("Despite President Volodymyr Zelensky's insistence that NATO is the best option, nothing moved.")
    speaker = Discourse.of(doc).resolve(span(doc, "President"))
    assert speaker.name == "Volodymyr Zelensky"


def test_description_is_the_whole_hyphenated_appositive(nlp):
    doc = nlp("The war hurt Russia, according to Oleksiy Melnyk, the co-director of foreign policy at the Razumkov Center.")
    source = span(doc, "Oleksiy Melnyk, the co-director of foreign policy at the Razumkov Center")
    speaker = Discourse.of(doc).resolve(source)
    assert speaker.name == "Oleksiy Melnyk"
    assert speaker.description is not None and speaker.description.startswith("the co-director of foreign policy")


def test_description_is_not_the_name_itself(nlp):
    doc = nlp("Ukraine's top military commander, Gen. Oleksandr Syrsky, pushed back against the idea.")
    source = span(doc, "Ukraine's top military commander, Gen. Oleksandr Syrsky")
    speaker = Discourse.of(doc).resolve(source)
    assert "Syrsky" in speaker.name
    assert speaker.description == "Ukraine's top military commander"


def test_title_of_proper_nouns_is_a_description(nlp):
    doc = nlp('"It matters," then U.S. Secretary of State Antony Blinken told reporters in January.')
    speaker = Discourse.of(doc).resolve(span(doc, "then U.S. Secretary of State Antony Blinken"))
    assert speaker.name == "Antony Blinken"
    assert speaker.description == "then U.S. Secretary of State"


def test_passive_tell_has_no_addressee(nlp):
    doc = nlp("Americans were told a massive counteroffensive would kick off. Officials told reporters it would.")
    told = [t for t in doc if t.lower_ == "told"]
    assert addressee_of(told[0]) is None
    assert addressee_of(told[1]).text == "reporters"


def test_a_given_name_learned_on_train_gives_gender_when_the_article_says_nothing(nlp):
    doc = nlp("Hillary Jones opened the meeting. Donald Brown spoke next. \u201cWe will vote,\u201d she said.")
    discourse = Discourse.of(doc)
    assert discourse.gender_of("Hillary Jones") == "f" and discourse.gender_of("Donald Brown") == "m"
    discourse.resolve(span(doc, "Donald Brown"))
    assert discourse.resolve(span(doc, "she said")[:1]).name == "Hillary Jones"


def test_a_definite_role_description_stands_for_the_person_named_before(nlp):
    doc = nlp("Marco Diaz spoke over boos from the audience. "
              "The Florida senator said he would offer a prayer. \u201cWe tried,\u201d he added.")
    discourse = Discourse.of(doc)
    described = discourse.resolve(span(doc, "The Florida senator"))
    assert described.name == "Marco Diaz" and described.text == "The Florida senator" and described.is_person
    assert discourse.resolve(span(doc, "he added")[:1]).name == "Marco Diaz"


def test_a_collective_description_is_not_taken_for_a_person(nlp):
    doc = nlp("Marco Diaz spoke over boos. The campaign said it would go on.")
    discourse = Discourse.of(doc)
    assert discourse.resolve(span(doc, "The campaign")).name == "The campaign"


def test_a_pronoun_followed_by_a_no_break_space_is_still_a_pronoun(nlp):
    doc = nlp("Tom Baker spoke to reporters. He\u00a0recalled that the vote was close.")
    discourse = Discourse.of(doc)
    discourse.resolve(span(doc, "Tom Baker"))
    source = doc[[t.i for t in doc if t.text.startswith("He")][0] :]
    source = source[: 2 if source[1].is_space else 1]
    speaker = discourse.resolve(source)
    assert speaker.name == "Tom Baker" and speaker.text == "He"
