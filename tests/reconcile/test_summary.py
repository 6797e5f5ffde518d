"""The summary: no repetition, valid citations, story order."""

import numpy as np

from newsweave.embeddings import embed
from newsweave.reconcile.summary import REPEAT, summarize

DOCS = {
    "a": "Floods hit the city of Porto Alegre on Monday after three days of rain. "
         "Floods hit the city of Porto Alegre on Monday after three days of heavy rain. "
         "Rescue teams evacuated more than 2,000 residents from the low-lying districts. ",
    "b": "The state governor declared an emergency and asked the federal government for help. "
         "Meteorologists expect more rain across the region until the end of the week. "
         "Hospitals in the south of the state reported shortages of clean water and medicine. ",
}


def _statements():
    out = []
    for doc, text in DOCS.items():
        pos = 0
        for sentence in text.split(". "):
            sentence = sentence.strip().rstrip(".")
            if not sentence:
                continue
            start = text.index(sentence, pos)
            out.append({"doc": doc, "start": start, "end": start + len(sentence), "text": sentence,
                        "type": "fact", "stance": "asserts"})
            pos = start + len(sentence)
    return out


def test_summary_has_no_repetition_and_valid_citations():
    statements = _statements()
    vectors = embed([s["text"] for s in statements])
    picked = summarize(statements, vectors, length=4, doc_dates={"a": "2024-05-01", "b": "2024-05-02"})
    assert len(picked) == 4
    for p in picked:
        assert DOCS[p["doc"]][p["start"]:p["end"]] == p["text"]
    chosen = embed([p["text"] for p in picked])
    sims = chosen @ chosen.T
    np.fill_diagonal(sims, 0)
    assert sims.max() < REPEAT, "two picks say the same thing"
    assert sum("Porto Alegre" in p["text"] for p in picked) <= 1


def test_summary_is_in_story_order():
    statements = _statements()
    picked = summarize(statements, embed([s["text"] for s in statements]), length=5,
                       doc_dates={"a": "2024-05-02", "b": "2024-05-01"})
    keys = [("2024-05-01" if p["doc"] == "b" else "2024-05-02", p["start"]) for p in picked]
    assert keys == sorted(keys)


def test_an_article_dated_only_roughly_comes_after_the_dated_ones_not_at_its_ranges_start():
    statements = _statements()
    picked = summarize(statements, embed([s["text"] for s in statements]), length=5,
                       doc_dates={"a": "2019-08-01/2025-09-30", "b": "2024-05-01"})
    docs = [p["doc"] for p in picked]
    assert "a" in docs and "b" in docs and docs == sorted(docs, key=lambda d: d == "a")


def test_a_unit_that_leans_on_the_text_before_it_gives_way_to_one_that_stands_alone():
    text = ("So the floods hit the city of Porto Alegre on Monday after three days of rain. "
            "Under this plan, the floods hit the city of Porto Alegre after three days of rain. "
            "Floods hit the city of Porto Alegre on Monday after three days of rain. ")
    statements, pos = [], 0
    for sentence in text.split(". "):
        sentence = sentence.strip().rstrip(".")
        if sentence:
            start = text.index(sentence, pos)
            statements.append({"doc": "a", "start": start, "end": start + len(sentence), "text": sentence})
            pos = start + len(sentence)
    vectors = embed([s["text"] for s in statements])
    picked = summarize(statements, vectors, length=1)
    assert picked[0]["text"].startswith("Floods hit"), picked
    # with nothing else to say, a leaning unit is still taken
    assert len(summarize(statements[:2], vectors[:2], length=1)) == 1
