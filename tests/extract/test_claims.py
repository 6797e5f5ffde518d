"""Statements: recommendations with their actor, facts, and who asserts or disputes them."""

from newsweave.extract.claims import extract_statements
from newsweave.model import record_rows
from newsweave.extract.quotes import extract_quotes
from newsweave.nlp import load_spacy


def _statements(text):
    doc = load_spacy()(text)
    quotes = list(extract_quotes(doc, text, "d", original=text))
    return list(extract_statements(doc, "d", text, quotes=quotes))


def test_recommendation_names_its_actor():
    text = "The European Union should encourage Serbia to withdraw its remaining troops from the border.\n"
    [rec] = [s for s in _statements(text) if s.type == "recommendation"]
    assert rec.actor == "The European Union"
    assert text[rec.actor_start:rec.actor_end] == "The European Union"
    assert rec.modal == "should" and rec.stance == "asserts" and not rec.negated


def test_pronoun_actor_takes_the_last_named_subject():
    text = ("Brazil must protect the rainforest before the next dry season.\n"
            "It should also fund the rangers who patrol the Amazon border.\n")
    recs = [s for s in _statements(text) if s.type == "recommendation"]
    assert [r.actor for r in recs] == ["Brazil", "Brazil"]


def test_whether_clauses_and_inverted_conditions_are_not_recommendations():
    text = ("Madrid will have to decide whether it should send more police to the region in March.\n"
            "Should the company reject the offer, the board would resign by Friday.\n")
    assert not [s for s in _statements(text) if s.type == "recommendation"]


def test_denial_disputes_with_the_denier_as_holder():
    text = "The army chief, General Tom Baker, denied reports of a retreat from Aleppo on Monday.\n"
    [s] = [s for s in _statements(text) if s.stance == "disputes"]
    assert "Baker" in (s.by or "") and s.cue == "denied"


def test_statement_offsets_point_into_the_original_text():
    text = "Officials said 40 people were evacuated from Lyon on Sunday. The mayor should resign.\n"
    for s in _statements(text):
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text


def test_statements_read_stored_rows_and_records_alike():
    # The stage reads earlier records straight from their fields; a store row (a dict with
    # more keys) must give the same statements as the record it was made from.
    text = ('"The army should withdraw from the city by Friday," the mayor, Anna Novak, said on Monday.\n'
            "Officials said 40 soldiers were wounded in the fighting near the border.\n")
    doc = load_spacy()(text)
    quotes = list(extract_quotes(doc, text, "d", original=text))
    assert quotes
    from_records = list(extract_statements(doc, "d", text, quotes=quotes))
    from_rows = list(extract_statements(doc, "d", text, quotes=[q.to_dict() for q in quotes]))
    assert from_records == from_rows and from_records
    assert record_rows(quotes, ("start", "speaker")) == [{"start": q.start, "speaker": q.speaker} for q in quotes]
