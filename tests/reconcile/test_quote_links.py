"""Quotes across documents: speakers' canonical entities and statements several sources quote."""

from __future__ import annotations

import json

import jsonschema
import pytest

from newsweave.analysis import analyze
from newsweave.export.json import SCHEMA_PATH
from newsweave.reconcile.quotes import shared_statements, speaker_entities

ARTICLES = [
    'Maria Lopez, the mayor of Kolva, spoke on Monday after the floods.\n\n'
    '"We will rebuild every bridge that the floods destroyed, and we will do it this year," Lopez said.\n',
    'The mayor of Kolva promised quick repairs.\n\n'
    '"We will rebuild every bridge that the floods destroyed," Maria Lopez told reporters on Tuesday.\n',
    'Pedro Alvarez, a city councillor, was not convinced.\n\n'
    '"We will rebuild every bridge that the floods destroyed is a promise nobody can keep," Alvarez said.\n',
]


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    return analyze(ARTICLES, db=tmp_path_factory.mktemp("links") / "n.db").to_dict()


def test_every_named_speaker_gets_the_canonical_entity(story):
    names = {e["id"]: e["name"] for e in story["entities"]}
    said = {names.get(q.get("speaker_entity")) for q in story["quotes"] if q.get("speaker")}
    assert {"Maria Lopez", "Pedro Alvarez"} <= said, story["quotes"]


def test_one_statement_quoted_by_two_sources_is_linked_and_another_speaker_is_not(story):
    groups = story["shared_quotes"]
    assert len(groups) == 1, groups
    group = groups[0]
    assert len(group["documents"]) == 2 and group["how"] == "same words"
    names = {e["id"]: e["name"] for e in story["entities"]}
    assert names[group["speaker_entity"]] == "Maria Lopez"
    alvarez = {q["id"] for q in story["quotes"] if q.get("speaker") == "Pedro Alvarez"}
    assert alvarez and not alvarez & {q["id"] for q in group["quotes"]}
    jsonschema.validate(story, json.loads(SCHEMA_PATH.read_text()))


def _quote(qid, doc, start, end, kind="indirect", speaker=None):
    return {"id": qid, "doc": doc, "start": start, "end": end, "content_spans": [[start, end]],
            "quote_type": kind, "speaker": speaker, "speaker_start": 0 if speaker else None, "speaker_end": 4}


def test_reported_speech_by_one_speaker_in_other_words_is_the_same_claim():
    texts = {"a": "The minister said the government would cut fuel taxes by ten percent next month.",
             "b": "The minister said the government would reduce the tax on fuel by 10% next month.",
             "c": "The minister said that schools would reopen after the summer holidays."}
    quotes = [_quote("qa", "a", 18, 81, speaker="minister"), _quote("qb", "b", 18, 82, speaker="minister"),
              _quote("qc", "c", 18, 70, speaker="minister")]
    groups = shared_statements(quotes, texts, {"qa": "e1", "qb": "e1", "qc": "e1"})
    assert [sorted(q["id"] for q in g["quotes"]) for g in groups] == [["qa", "qb"]]
    assert groups[0]["how"] == "same claim"
    assert shared_statements(quotes, texts, {"qa": "e1", "qb": "e2", "qc": "e1"}) == []


def test_a_speaker_resolved_to_a_name_finds_its_entity_by_alias_in_that_document():
    quotes = [{"id": "q", "doc": "d", "speaker": "Scott Lucas", "speaker_start": 50, "speaker_end": 52}]
    entities = [{"id": "e", "name": "Scott Lucas", "aliases": {"Lucas": 2}, "documents": ["d"]}]
    assert speaker_entities(quotes, [], entities) == {"q": "e"}
    assert speaker_entities(quotes, [], [dict(entities[0], documents=["other"])]) == {}
