"""quotes.rules on small built texts: marks, cues, split and partial quotes, speakers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.extract.quote_cues import frame_of
from newsweave.extract.quotes import Quote, extract_quotes, find_quote_spans


@pytest.fixture(scope="module")
def quotes_of(nlp):
    def run(text: str) -> list[Quote]:
        return extract_quotes(nlp(text), text, "doc")

    return run


def content(q: Quote, text: str) -> str:
    return " // ".join(text[s:e] for s, e in q.content_spans)


def test_quote_spans_pair_straight_and_curly_marks():
    text = 'He said "yes" and then “no, never” again.'
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == ['"yes"', "“no, never”"]


def test_two_apostrophes_pair_as_one_double_mark():
    text = "''We met as the 'core four' today,'' he said. Ukraine's army ''held.''"
    spans = [text[q.start : q.end] for q in find_quote_spans(text)]
    assert spans == ["''We met as the 'core four' today,''", "''held.''"]


def test_direct_quote_in_two_apostrophes_is_direct(quotes_of):
    text = "''We have a networking ability that campaigns spend years building,'' Mr. Lee said."
    (q,) = quotes_of(text)
    assert q.quote_type == "direct" and q.cue == "said"
    assert content(q, text).startswith("''We have") and content(q, text).endswith("''")


def test_apostrophes_are_never_quote_marks():
    text = "The U.S.' aid and Ukrainians' morale matter to Ukraine's army and Ukrainians’ allies."
    assert find_quote_spans(text) == []


def test_headline_single_quote_holds_apostrophes_inside_words():
    text = "Trump: ‘I’m the Worst Thing That Ever Happened to the Establishment’\nUkraine’s troops and Ukrainians’ ‘hope’ held."
    spans = [text[q.start : q.end] for q in find_quote_spans(text)]
    assert spans == ["‘I’m the Worst Thing That Ever Happened to the Establishment’", "‘hope’"]


def test_unbalanced_mark_ends_at_its_paragraph():
    text = "He said “this never closes.\n\nA new paragraph follows."
    (span,) = find_quote_spans(text)
    assert not span.closed and span.end <= text.index("\n")


def test_multi_paragraph_quote_continues_when_next_paragraph_opens_with_a_mark():
    text = "“First paragraph of the quote.\n\n“Second paragraph,” she said."
    (span,) = find_quote_spans(text)
    assert span.start == 0 and text[span.end - 1] == "”" and len(span.pieces) == 2


def test_direct_quote_with_said_after(quotes_of):
    text = "“This is a disaster for Moscow,” said Scott Lucas."
    (q,) = quotes_of(text)
    assert q.quote_type == "direct"
    assert content(q, text).startswith("“This is a disaster")
    assert q.cue == "said" and q.speaker == "Scott Lucas"
    assert q.start <= q.content_start and q.end >= q.speaker_end


def test_split_quote_is_one_discontinuous_content(quotes_of):
    text = "“We will not retreat,” the general said. “Our troops hold the line.”"
    (q,) = quotes_of(text)
    assert len(q.content_spans) == 2
    assert "Our troops" in content(q, text) and "said" not in content(q, text)


def test_reported_speech_said_that(quotes_of):
    text = "Mr. Zelensky said that his military did not want to stay on Russian soil indefinitely."
    (q,) = quotes_of(text)
    assert q.quote_type == "indirect"
    assert content(q, text).startswith("that his military")
    assert q.speaker == "Zelensky" or q.speaker.endswith("Zelensky")


@pytest.mark.parametrize(
    "text, cue, fragment",
    [
        ("Oleksandr Syrskyi, the army chief, denied threats of encirclement.", "denied", "threats of encirclement"),
        ("Dmitry Peskov categorically rejected any prospect of trading territory.", "rejected", "any prospect"),
    ],
)
def test_statement_verbs_take_their_object_as_content(quotes_of, text, cue, fragment):
    (q,) = quotes_of(text)
    assert q.cue == cue and fragment in content(q, text)


def test_partial_quote_with_according_to(quotes_of):
    text = 'The incursion resulted in "negative sentiments" domestically, according to Oleksiy Melnyk.'
    (q,) = quotes_of(text)
    assert q.quote_type == "partial" and q.cue == "according to"
    assert q.speaker == "Oleksiy Melnyk" and "negative sentiments" in content(q, text)


def test_colon_headline_attribution(quotes_of):
    text = "Pat Caddell: Democrat Voters Worried About the Economy\n\nThe race goes on."
    (q,) = quotes_of(text)
    assert q.cue == ":" and q.speaker == "Pat Caddell"
    assert content(q, text) == "Democrat Voters Worried About the Economy"


def test_he_added_is_the_current_speaker_not_the_nearest_man(quotes_of):
    text = (
        "“The offensive surprised everyone,” said Oleksiy Melnyk. "
        "He noted that President Volodymyr Zelensky had visited the front. "
        "“It was a gamble,” he added."
    )
    records = quotes_of(text)
    added = next(q for q in records if q.cue == "added")
    assert added.speaker == "Oleksiy Melnyk" and added.speaker_text == "he"


def test_surname_resolves_to_earlier_full_name(quotes_of):
    text = "Scott Lucas teaches in Dublin. “Moscow was caught off guard,” Lucas said."
    (q,) = quotes_of(text)
    assert q.speaker == "Scott Lucas" and q.speaker_text == "Lucas"


def test_unnamed_and_collective_speakers_are_kept(quotes_of):
    text = "Experts say the offensive will stall. The Kremlin said the attack had been repelled."
    speakers = {q.speaker for q in quotes_of(text)}
    assert "Experts" in speakers and any("Kremlin" in s for s in speakers)


def test_addressee_and_description(quotes_of):
    text = (
        "Scott Lucas, a political scientist at University College Dublin, "
        "told the Guardian that the war had changed."
    )
    (q,) = quotes_of(text)
    assert q.addressee == "the Guardian"
    assert q.speaker_description is not None and "political scientist" in q.speaker_description


def test_pull_quote_repeated_verbatim_is_marked_duplicate(quotes_of):
    text = (
        "“We are not going anywhere,” said Anna Smith.\n\n"
        "The town was calm.\n\n"
        "“We are not going anywhere,” said Anna Smith."
    )
    records = quotes_of(text)
    assert len(records) == 2
    assert records[0].duplicate_of is None and records[1].duplicate_of == records[0].id


def test_stage_is_registered():
    from newsweave.pipeline import REGISTRY

    stage = REGISTRY["quotes.rules"]
    assert stage.requires == ("spacy",) and stage.produces == ("quotes",)


PIECES = st.sampled_from(['"', "“", "”", "‘", "’", "'", " said ", " he ", ", ", ".", "\n\n", ":", " — ", "Ukraine's ", "U.S.' "])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=30).map("".join))
def test_any_text_gives_offsets_in_range(quotes_of, text):
    for q in quotes_of(text):
        assert 0 <= q.start <= q.content_start <= q.content_end <= q.end <= len(text)
        assert all(0 <= s <= e <= len(text) for s, e in q.content_spans)
        if q.cue_start is not None:
            assert text[q.cue_start : q.cue_end] == q.cue


def test_he_after_a_quote_is_that_speaker_although_another_man_is_named_between(quotes_of):
    # named, but not as a subject: a man the sentence before makes its subject would take the
    # pronoun (PolNeAR's labelled pronoun sources: see newsweave.evaluate.quote_pronouns)
    text = (
        "“The operation was a gamble,” said Oleksiy Melnyk, a co-director at a Kyiv think tank. "
        "The border region was visited by President Volodymyr Zelensky on Monday. "
        "“Nobody can hold that ground for ever,” he stressed."
    )
    stressed = next(q for q in quotes_of(text) if q.cue == "stressed")
    assert stressed.speaker == "Oleksiy Melnyk" and stressed.speaker_text == "he"


def test_partial_quote_inside_reported_speech_according_to(quotes_of):
    text = "The incursion resulted in “negative sentiments” domestically, according to Oleksiy Melnyk."
    (q,) = quotes_of(text)
    assert q.quote_type == "partial" and q.cue == "according to"
    assert "“negative sentiments”" in content(q, text)
    assert q.speaker == "Oleksiy Melnyk"


def test_reported_speech_without_quote_marks_keeps_the_that_clause(quotes_of):
    text = (
        "Volodymyr Zelensky visited the troops. "
        "Mr. Zelensky said that his military did not want to stay on Russian soil indefinitely."
    )
    said = next(q for q in quotes_of(text) if q.cue == "said")
    assert said.quote_type == "indirect"
    assert content(said, text).startswith("that his military") and content(said, text).endswith("indefinitely")
    assert said.speaker == "Volodymyr Zelensky"


@pytest.mark.parametrize(
    ("text", "cue", "statement", "speaker"),
    [
        ("The army chief, Oleksandr Syrskyi, denied threats of encirclement.", "denied",
         "threats of encirclement", "Oleksandr Syrskyi"),
        ("Dmitry Peskov categorically rejected any prospect of trading territory.", "rejected",
         "any prospect of trading territory", "Dmitry Peskov"),
    ],
)
def test_statement_verbs_resolve_the_speaker_named_in_an_appositive(quotes_of, text, cue, statement, speaker):
    q = next(q for q in quotes_of(text) if q.cue == cue)
    assert content(q, text) == statement and q.speaker == speaker


def test_stance_frames_are_attributions_with_their_whole_verb_phrase(quotes_of):
    text = "Senator Maria Lopez accused the governor of hiding the report from voters."
    q = next(q for q in quotes_of(text) if q.cue == "accused")
    assert content(q, text) == "the governor of hiding the report from voters"
    assert q.speaker == "Maria Lopez"


def test_called_for_takes_the_preposition_into_the_cue(quotes_of):
    text = "The mayor called for an independent inquiry into the contract."
    q = next(q for q in quotes_of(text) if q.cue and q.cue.startswith("called"))
    assert q.cue == "called for" and content(q, text) == "an independent inquiry into the contract"


def test_direct_means_the_content_is_whole_quotations(quotes_of):
    text = "She said that “the plan will fail.”\n\n“We will not give up,” she said."
    kinds = {content(q, text)[:4]: q.quote_type for q in quotes_of(text)}
    assert kinds["that"] == "partial" and kinds["“We "] == "direct"


def test_frame_of_names_lemma_pos_and_relation(nlp):
    doc = nlp("She called for a recount.")
    called = doc[1]
    prep = next(c for c in called.children if c.dep_ == "prep")
    assert frame_of(called, prep) == ("call", "V", "prep_for")


def test_quote_after_speech_verb_is_content_without_the_framing_words(quotes_of):
    text = "Still, she added, “we also can’t ignore significant changes to the energy landscape.”"
    (q,) = quotes_of(text)
    assert q.quote_type == "direct" and content(q, text).startswith("“we also")


def test_colon_hands_content_over_to_the_quote(quotes_of):
    text = "He explained the headline by saying: “It was because I asked for America to be great again.”"
    qs = [q for q in quotes_of(text) if "America" in content(q, text)]
    assert qs and content(qs[0], text).startswith("“It was because") and qs[0].quote_type == "direct"


def test_split_quote_continues_past_a_relative_clause_attribution(quotes_of):
    text = (
        '"I don\'t want to get on the wrong side of Trump," said one former staffer, '
        'who said he left on good terms. "I couldn\'t afford to defend myself."'
    )
    first = next(q for q in quotes_of(text) if q.quote_type == "direct")
    assert len(first.content_spans) == 2 and "afford" in content(first, text)


def test_split_quote_continues_past_a_sentence_the_speaker_is_the_pronoun_subject_of(quotes_of):
    text = ('"We have had problems with intrusions in the past," Obama said after the meeting. '
            'He did not suggest retaliation. "Our goal is to start instituting some norms."')
    first = next(q for q in quotes_of(text) if "intrusions" in content(q, text))
    assert len(first.content_spans) == 2 and "Our goal" in content(first, text)


def test_a_quote_after_another_speakers_sentence_is_not_the_first_speakers(quotes_of):
    text = ('"We have had problems with intrusions in the past," Obama said after the meeting. '
            'Putin denied any involvement. "Our goal is to start instituting some norms."')
    first = next(q for q in quotes_of(text) if "intrusions" in content(q, text))
    assert "Our goal" not in content(first, text)


def test_scare_quote_inside_a_sentence_is_partial_not_direct(quotes_of):
    text = "Trump has hailed the vote as “fantastic,” telling reporters he thinks it is great."
    assert all(q.quote_type != "direct" for q in quotes_of(text))


def test_a_quotation_going_on_with_the_writers_sentence_is_partial_but_one_after_a_comma_is_direct(quotes_of):
    text = ("Blackwell wrote that Cruz “has consistently demonstrated his deep commitment to "
            "conservative principles,” and added more. Blackwell wrote, “Cruz works hard for those principles.”")
    found = quotes_of(text)
    fragment = [q for q in found if "consistently" in content(q, text)]
    whole = [q for q in found if content(q, text).startswith("“Cruz works")]
    assert fragment and all(q.quote_type == "partial" for q in fragment)
    assert [q.quote_type for q in whole] == ["direct"]


def test_a_split_quote_goes_on_past_a_title_abbreviation_and_an_unquoted_attribution(quotes_of):
    text = ("Advisers urged a default. ''We need Chapter 9,'' said Ms. Acosta, referring to the chapter "
            "used by cities. ''Give us the tool and we will finish what we are doing.''")
    found = quotes_of(text)
    first = next(q for q in found if "Chapter 9" in content(q, text))
    assert len(first.content_spans) == 2 and "Give us the tool" in content(first, text)
    assert not [q for q in found if q is not first and "Give us" in content(q, text)]


def test_colon_after_a_clause_with_a_subject_introduces_a_quote(quotes_of):
    text = 'A footnote in the report makes that clear: "These assessments do not apply to the system."'
    (q,) = quotes_of(text)
    assert q.quote_type == "direct" and q.cue == "makes"
    assert content(q, text).startswith('"These') and "footnote" in q.speaker


def test_reported_clause_around_its_cue_is_two_pieces_with_the_speaker(quotes_of):
    text = "In any case, Mr. DiPietro said, the golf industry was vastly over-supplied with courses."
    (q,) = quotes_of(text)
    assert len(q.content_spans) == 2 and "said" not in content(q, text)
    assert "golf industry" in content(q, text) and q.speaker.endswith("DiPietro")


def test_short_quote_that_is_a_sentence_of_its_own_stays_direct(quotes_of):
    text = 'Htay Oo, its acting chairman, told reporters: "We lost."'
    assert [q.quote_type for q in quotes_of(text)] == ["direct"]


def test_comma_after_a_statement_noun_introduces_a_quote(quotes_of):
    text = "After the attacks, Trump issued a statement, “Last night, our nation was attacked.”"
    (q,) = quotes_of(text)
    assert q.quote_type == "direct" and q.cue == "issued" and q.speaker == "Trump"


def test_raising_verb_takes_its_subject_and_complement_as_content(quotes_of):
    text = "The real estate magnate was expected to cruise past the delegates needed."
    (q,) = quotes_of(text)
    assert q.cue == "was expected" and q.speaker is None
    assert content(q, text) == "The real estate magnate // to cruise past the delegates needed"


def test_adjacent_quote_is_not_taken_past_the_cue_sentence_end(quotes_of):
    text = (
        "''The economy has changed,'' said Alan Krueger, a former adviser who has advised Mrs. Clinton. "
        "''He would recommend policies that would strengthen it,'' he said."
    )
    quotes = quotes_of(text)
    assert [q.cue for q in quotes] == ["said", "said"]
    assert all(q.speaker == "Alan Krueger" for q in quotes)


def test_quote_in_next_paragraph_continues_an_attribution_that_ends_its_paragraph(quotes_of):
    text = (
        "“We like a lot of the candidates,” Adelson said during the interview in Macau.\n\n"
        "“It’s changing every day. I saw it in the news today.”"
    )
    (q,) = quotes_of(text)
    assert len(q.content_spans) == 2 and q.speaker == "Adelson"


def test_curly_opener_after_a_comma_closes_a_quote():
    text = "“The reality is, that could create real problems for her here,“ said Jim Clyburn."
    (span,) = find_quote_spans(text)
    assert text[span.start : span.end].endswith("here,“")


def test_a_spaced_straight_mark_after_a_nested_quote_closes_the_open_quotation():
    text = ("\"I've always been insulted with the term 'African American outreach,' \" he told the group, "
            "adding that the phrase \"suggests\" a lot.")
    spans = [text[q.start : q.end] for q in find_quote_spans(text)]
    assert spans[0].endswith("outreach,' \"") and spans[1] == '"suggests"'
    text = "''He built strong coalitions, '' said Mr. Gunnels, who now works in ''the Senate.''"
    spans = [text[q.start : q.end] for q in find_quote_spans(text)]
    assert spans == ["''He built strong coalitions, ''", "''the Senate.''"]


def test_a_stray_straight_mark_does_not_swallow_the_curly_quotations_after_it():
    text = ('She reports:\n\n"Trump walked onto the stage, chanting “U-S-A! U-S-A!”\n\n'
            '“That’s right, Donald — USA, baby,” Melanie said.\n\nHe said "yes" and “no.”')
    spans = [text[q.start : q.end] for q in find_quote_spans(text)]
    assert spans == ["“U-S-A! U-S-A!”", "“That’s right, Donald — USA, baby,”", '"yes"', "“no.”"]


def test_a_straight_mark_left_open_before_a_curly_quotation_paragraph_opens_nothing():
    # Paragraphs of a quoted article, each opened by a straight mark that never closes, then the
    # writer's own curly quotation: a long quotation goes on only with marks of its own kind.
    text = ('The piece reads:\n\n"The first time she had seen him, she was just beginning.\n\n'
            '"Melanie thought the whole thing was outrageous.\n\n'
            '“It never crossed my mind,” she said later.\n\nHe said "yes."')
    spans = [text[q.start : q.end] for q in find_quote_spans(text)]
    assert spans == ["“It never crossed my mind,”", '"yes."']


def test_a_headline_ending_in_a_straight_single_quoted_stretch_after_a_colon_quotes_it():
    text = "Silverman heckles Sanders supporters: 'You're being ridiculous.'\n\nIt's the Clintons' fault: 'no."
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == ["'You're being ridiculous.'"]


def test_markup_attribute_values_are_no_quotations():
    text = '<tweet author="realDonaldTrump" tweet-date="Sept. 26, 2016">\n\nHe said "yes."'
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == ['"yes."']


def test_a_long_quotation_goes_on_into_paragraphs_opened_by_a_mark_of_its_kind():
    text = '“We will win,” she said. “And we will keep going.\n\n“Nothing stops us.”\n\nThe end.'
    spans = find_quote_spans(text)
    assert [text[q.start : q.end] for q in spans][-1].endswith("Nothing stops us.”")
    assert len(spans[-1].pieces) == 2


def test_a_cue_opening_a_new_sentence_with_its_own_object_does_not_take_the_quotation_before(quotes_of):
    text = ("“I completely disagree with the assertion,” she said. “We feel good about the areas we are going to.” "
            "She noted a planned rally on Saturday in Sioux City.")
    said = [q for q in quotes_of(text) if q.cue == "said"]
    assert len(said) == 1 and len(said[0].content_spans) == 2
    assert all(q.cue != "noted" or not content(q, text).startswith("“") for q in quotes_of(text))


def test_referring_to_and_deciding_are_not_statements(quotes_of):
    text = ('"Ukraine wants to be able to resist," Lucas said, referring to the U.S. cutting off its aid. '
            "Kyiv will now have to decide whether it should reinforce the salient.")
    found = quotes_of(text)
    assert not any(q.cue and ("refer" in q.cue or "decide" in q.cue) for q in found)
    assert any(q.cue == "said" and q.speaker == "Lucas" for q in found)


def test_a_title_case_quotation_without_a_cue_is_a_title_not_a_quote(nlp):
    text = ("She talked about her role.\n\n“Orange is the New Black”\n\n"
            "“We never stopped working on the show for a single day,” she said.\n\n"
            "“It was the best time of our lives, and we knew it.”")
    found = [content(q, text) for q in extract_quotes(nlp(text), text, "doc", span_tagger=False)]
    assert not any("Orange" in c for c in found)
    assert any("best time" in c for c in found)


def test_poll_named_by_a_leading_in_phrase_is_the_source(quotes_of):
    text = "In an early-October CBS News poll, she led Mr. Sanders 56 percent to 32 percent."
    (q,) = quotes_of(text)
    assert q.cue == "In" and "CBS News poll" in q.speaker
    assert content(q, text) == "she led Mr. Sanders 56 percent to 32 percent"


def test_a_speech_verb_not_a_leading_in_phrase_cues_a_reported_interview(quotes_of):
    text = "In an interview, the senator said that the bill would fail."
    (q,) = quotes_of(text)
    assert q.cue == "said" and content(q, text) == "that the bill would fail"


def test_inverted_split_quote_takes_the_words_between_as_speaker(quotes_of):
    text = (
        '"The risk," said Edward Leamer, an economist who directs the UCLA Anderson Forecast, '
        '"is that we\'re going to be attracting workers and repelling jobs."'
    )
    (q,) = quotes_of(text)
    assert q.quote_type == "direct" and len(q.content_spans) == 2
    assert q.speaker == "Edward Leamer" and content(q, text).startswith('"The risk,"')


def test_first_half_of_a_split_quote_joins_the_verb_that_took_the_second(quotes_of):
    text = ('Mr. Xi and Mr. Obama sealed their agreement.\n\n"By locking in China," Mr. Obama said, '
            '"it now allowed me to go to India and South Africa and Brazil."')
    (q,) = [q for q in quotes_of(text) if q.cue == "said"]
    assert len(q.content_spans) == 2 and content(q, text).startswith('"By locking in China,"')
    assert q.speaker is not None and q.speaker.endswith("Obama")


def test_a_quotation_opened_with_a_closing_mark_is_direct(quotes_of):
    text = "The readers wrote in.\n”Fear. I am truly afraid that he will win the election this year,” one reader said."
    (q,) = quotes_of(text)
    assert q.quote_type == "direct" and content(q, text).startswith("”Fear.")


def test_a_paragraph_opening_closing_mark_opens_a_quotation():
    text = "He spoke.\n” … he delivered a mix of orthodoxy,” the column said."
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == ["” … he delivered a mix of orthodoxy,”"]


def test_speech_verb_whose_subject_the_parse_lost_takes_the_quotation_before_the_name(nlp):
    from newsweave.extract.quote_cues import QuoteIndex, _quote_then_name

    text = "“We will achieve justice in this case,” Tulsa police Chief Chuck Jordan said Monday."
    doc = nlp(text)
    said = next(t for t in doc if t.text == "said")
    att = _quote_then_name(said, text, QuoteIndex(find_quote_spans(text)))
    assert att is not None and text[att.first : att.last].startswith("“We will") and att.source.text.endswith("Jordan")
    plain = "“We will achieve justice.” Then the chief left and said nothing."
    doc = nlp(plain)
    said = next(t for t in doc if t.text == "said")
    assert _quote_then_name(said, plain, QuoteIndex(find_quote_spans(plain))) is None


def test_a_quotation_ending_a_sentence_before_another_speakers_colon_is_not_theirs(quotes_of):
    text = "''We are refugees,'' Ms. Alawee said. ''We are not terrorists.'' Mr. Zahed said: ''The attack was the work of terrorists.''"
    by_speaker = {q.speaker: content(q, text) for q in quotes_of(text)}
    zahed = next(v for k, v in by_speaker.items() if k and k.endswith("Zahed"))
    assert "not terrorists" not in zahed and "The attack" in zahed


def test_a_clause_the_parser_ran_into_the_next_sentences_quotation_stops_before_it(quotes_of):
    text = ("Time, Mr. Pence added, was on their side. ''It's preseason, for heaven's sake,'' he said. "
            "''The gun starts on Labor Day.''")
    added = [q for q in quotes_of(text) if q.cue == "added"]
    assert all("preseason" not in content(q, text) for q in added)


def test_a_parenthetical_speaker_is_the_subject_nearest_its_verb(quotes_of):
    text = ("The main objectives, one Ukrainian colonel told The New York Times, were to divert Russian "
            "troops from the east.")
    quotes = [q for q in quotes_of(text) if q.cue == "told"]
    assert quotes and all("colonel" in (q.speaker_text or "") for q in quotes), quotes


def test_a_verb_of_phase_with_a_complement_verb_is_no_cue(quotes_of):
    text = ("The economy continues to suffer from regular strikes against its power plants. "
            "The minister continued to insist that the grid would hold.")
    found = quotes_of(text)
    assert not any(q.cue and q.cue.lower().startswith("continue") for q in found), [q.cue for q in found]
