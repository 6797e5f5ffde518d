"""Genre from general signals, on texts built here."""

from newsweave.extract.claims import extract_statements
from newsweave.extract.genre import classify, genre_of
from newsweave.extract.quotes import extract_quotes
from newsweave.nlp import load_spacy

OPINION = (
    "We have watched this policy fail for two years. I believe the government should change course now.\n"
    "Ministers must stop pretending that the plan works. However, the opposition should not celebrate either.\n"
    "Given these failures, the country needs to rethink its approach before the winter.\n"
)
REPORT = (
    "LONDON (Reuters) — The finance ministry said on Tuesday that inflation fell to 3 percent in March.\n"
    "\"Prices are easing faster than we expected,\" said Anna Smith, a spokeswoman for the ministry.\n"
    "Economists at the central bank told reporters that rates would stay at 4 percent, according to a statement.\n"
    "\"We will watch the data closely,\" the governor said.\n"
)


def _genre(text):
    doc = load_spacy()(text)
    quotes = list(extract_quotes(doc, text, "d", original=text))
    statements = list(extract_statements(doc, "d", text, quotes=quotes))
    return genre_of(doc, "d", text, quotes, statements)


def test_first_person_and_should_make_an_opinion():
    found = _genre(OPINION)
    assert found.genre == "opinion"
    assert any(signal == "recommendation" for *_, signal in found.evidence)
    assert any(signal == "first person" for *_, signal in found.evidence)


def test_dateline_and_quotes_make_a_report():
    found = _genre(REPORT)
    assert found.genre == "report"
    assert found.signals["dateline"] == 1.0
    assert 0.5 <= found.confidence <= 1.0
    start, end, _ = next(e for e in found.evidence if e[2] == "dateline")
    assert REPORT[start:end].startswith("LONDON")


def test_arguing_without_recommending_is_analysis():
    rates = {"sentences": 20, "recommendations": 0, "first_person": 0, "argument": 0.35, "questions": 0.1,
             "attribution": 0.1, "direct_quotes": 0.0, "dateline": 0.0, "credit": 0.0}
    assert classify(rates)[0] == "analysis"
