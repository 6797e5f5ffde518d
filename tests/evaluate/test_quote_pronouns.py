"""The labelled pronoun speakers of PolNeAR and the harness that scores them."""

from __future__ import annotations

from collections import Counter

import pytest

from newsweave.evaluate.quote_pronouns import evaluate, load_labels, render
from newsweave.evaluate.quotes import same_person
from newsweave.evaluate.quotes import load_documents, polnear_split


def test_labels_cover_dev_and_part_of_train_with_he_or_she_only():
    cases = load_labels()
    by_split = Counter(c.split for c in cases)
    assert by_split["dev"] >= 290 and 150 <= by_split["train"] <= 300
    assert {c.pronoun.lower() for c in cases} == {"he", "she"}
    assert all(c.referent and c.end - c.start == len(c.pronoun) for c in cases)
    assert sum(c.named for c in cases) >= 0.95 * len(cases)


def test_label_offsets_land_on_he_or_she_in_the_polnear_text(data_dir):
    for split in ("dev", "train"):
        folder = polnear_split(data_dir, split) / "text"
        for case in load_labels(split):
            text = (folder / f"{case.document}.txt").read_text(encoding="utf-8")
            assert text[case.start : case.end] == case.pronoun


def test_every_he_or_she_source_of_dev_is_labelled(data_dir):
    labelled = {(c.document, c.start, c.end) for c in load_labels("dev")}
    gold = {
        (name, a.source.start, a.source.end)
        for name, _, attributions in load_documents(polnear_split(data_dir, "dev"))
        for a in attributions
        if a.source is not None and a.source.text.strip().lower() in ("he", "she")
    }
    assert gold == labelled


def test_names_match_on_their_last_word():
    assert same_person("Scott Lucas", "Lucas")
    assert same_person("Mr. O'Malley", "Martin O'Malley")
    assert not same_person("Bill Clinton", "Hillary Rodham")
    assert not same_person(None, "Lucas")


def test_a_few_dev_documents_score_above_the_baselines(data_dir):
    result = evaluate(data_dir, limit=6, split="dev")
    scores = result["scores"]["all"]
    assert result["found"] >= 30
    assert scores["newsweave"]["accuracy"] >= 0.8
    assert scores["newsweave"]["accuracy"] > max(scores["nearest_person"]["accuracy"],
                                                 scores["previous_speaker"]["accuracy"])
    assert "newsweave" in render(result)


@pytest.mark.slow
def test_dev_pronoun_speaker_accuracy_holds_its_floor(data_dir):
    result = evaluate(data_dir, split="dev")
    scores = result["scores"]["all"]
    assert result["found"] >= 240
    assert result["accuracy"] >= 0.84
    assert result["accuracy"] > max(scores["nearest_person"]["accuracy"], scores["previous_speaker"]["accuracy"])
    assert result["hard_accuracy"] >= 0.75
