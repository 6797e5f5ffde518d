"""Claims aligned across sources, with disputes and contradictions, on built statements."""

from newsweave.reconcile.claims import align_claims, stems


def _s(doc, start, text, stance="asserts", by=None, type_="fact"):
    return {"doc": doc, "start": start, "end": start + len(text), "text": text, "stance": stance, "by": by,
            "type": type_, "negated": False, "confidence": 0.8}


FILLER = [
    _s("a", 500, "The harvest in the northern provinces was the largest in a decade."),
    _s("b", 500, "Grain exports through the port of Odesa rose in the spring."),
    _s("c", 500, "The central bank kept its interest rate unchanged at eight percent."),
    _s("a", 700, "Teachers in the capital went on strike over unpaid wages."),
    _s("b", 700, "A new bridge over the river opened to traffic in May."),
]


def test_a_denial_and_an_attribution_of_one_claim_make_a_contradiction():
    statements = FILLER + [
        _s("a", 10, "The general said the rebels had surrounded the garrison in Mosul.", "attributes", "General Ali"),
        _s("b", 10, "The governor denied that the garrison in Mosul was surrounded by rebels.", "disputes",
           "the governor"),
        _s("c", 10, "Rebels surrounded the garrison in Mosul overnight."),
    ]
    claims = align_claims(statements)
    claim = next(c for c in claims if any("Mosul" in m["text"] for m in c["mentions"]))
    stances = {m["doc"]: m["stance"] for m in claim["mentions"]}
    assert stances == {"a": "attributes", "b": "disputes", "c": "asserts"}
    assert claim["contradiction"] is True
    assert claims[0]["id"] == claim["id"], "contradictions come first"
    by = {m["doc"]: m["by"] for m in claim["mentions"]}
    assert by["b"] == "the governor" and by["a"] == "General Ali"


def test_unrelated_statements_are_not_merged():
    claims = align_claims(FILLER)
    assert all(len(c["mentions"]) < 3 for c in claims)
    assert not any(c["contradiction"] for c in claims)


def test_anaphoric_denial_joins_the_statement_before_it():
    statements = FILLER + [
        _s("a", 10, "The minister said the dam at Kakhovka had been mined by soldiers.", "attributes", "the minister"),
        _s("a", 90, "The mayor, speaking on Friday, called the claim untrue.", "disputes", "The mayor"),
        _s("b", 10, "Soldiers mined the dam at Kakhovka, engineers reported."),
    ]
    claims = align_claims(statements)
    claim = next(c for c in claims if any("Kakhovka" in m["text"] for m in c["mentions"]))
    assert any(m["stance"] == "disputes" and m["by"] == "The mayor" for m in claim["mentions"])
    assert claim["contradiction"]


def test_stems_match_derived_words():
    assert stems("encircled") & stems("encirclement")


def test_statements_sharing_only_their_reporting_frame_are_not_one_claim():
    statements = FILLER + [
        _s("a", 10, "President Marcos had long insisted that talks could come only after the full withdrawal "
                    "of foreign troops.", "attributes", "President Marcos"),
        _s("b", 10, "Despite President Marcos's insistence that membership in the alliance is the best "
                    "option, the administration has rejected this path.", "disputes", "the administration"),
    ]
    claims = align_claims(statements)
    assert not any(c["contradiction"] for c in claims), [c["mentions"] for c in claims]


def test_reporting_words_are_no_stems():
    assert not stems("he insisted") and not stems("her insistence")
