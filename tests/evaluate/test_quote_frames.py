"""Learning attribution frames from brat gold: which word and relation lead to the content."""

from __future__ import annotations

from collections import Counter

import pytest

from newsweave.evaluate.brat import Attribution, TextBound
from newsweave.evaluate.quote_frames import count_frames, gold_frame, select


@pytest.fixture(scope="module")
def nlp():
    from newsweave.nlp import load_spacy

    return load_spacy()


def _bound(label: str, text: str, part: str) -> TextBound:
    start = text.index(part)
    return TextBound(label, label, ((start, start + len(part)),), part)


def test_gold_frame_follows_the_cue_to_the_content_root(nlp):
    text = "The senator criticized the plan for its cost."
    doc = nlp(text)
    att = Attribution("E1", _bound("Content", text, "the plan for its cost"),
                      _bound("Cue", text, "criticized"), _bound("Source", text, "The senator"))
    assert gold_frame(doc, att) == ("criticize", "V", "dobj")


def test_count_frames_counts_gold_against_every_occurrence_outside_quotes(nlp):
    text = "Lee criticized the plan. Kim criticized the budget. “We criticized nothing,” Lee said."
    doc = nlp(text)
    att = Attribution("E1", _bound("Content", text, "the plan"), _bound("Cue", text, "criticized"), None)
    gold, seen = count_frames([(text, [att], doc)])
    frame = ("criticize", "V", "dobj")
    assert gold[frame] == 1 and seen[frame] == 2  # the quoted "criticized" is not counted


def test_select_keeps_frequent_reliable_frames_only():
    gold = Counter({("say", "V", "ccomp"): 8, ("make", "V", "dobj"): 3, ("rare", "V", "dobj"): 1})
    seen = Counter({("say", "V", "ccomp"): 10, ("make", "V", "dobj"): 100, ("rare", "V", "dobj"): 1})
    assert select(gold, seen, min_count=2, min_precision=0.2) == {("say", "V", "ccomp"): 0.8}
