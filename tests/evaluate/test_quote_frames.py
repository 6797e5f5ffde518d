"""Learning attribution frames from brat gold: which word and relation lead to the content."""

from __future__ import annotations

from collections import Counter

from newsweave.evaluate.quote_frames import count_frames, gold_frame, select


def test_gold_frame_follows_the_cue_to_the_content_root(nlp, attribution):
    text = "The senator criticized the plan for its cost."
    doc = nlp(text)
    att = attribution(text, "the plan for its cost", "criticized", "The senator")
    assert gold_frame(doc, att) == ("criticize", "V", "dobj")


def test_count_frames_counts_gold_against_every_occurrence_outside_quotes(nlp, attribution):
    text = "Lee criticized the plan. Kim criticized the budget. “We criticized nothing,” Lee said."
    doc = nlp(text)
    att = attribution(text, "the plan", "criticized")
    gold, seen = count_frames([(text, [att], doc)])
    frame = ("criticize", "V", "dobj")
    assert gold[frame] == 1 and seen[frame] == 2  # the quoted "criticized" is not counted


def test_select_keeps_frequent_reliable_frames_only():
    gold = Counter({("say", "V", "ccomp"): 8, ("make", "V", "dobj"): 3, ("rare", "V", "dobj"): 1})
    seen = Counter({("say", "V", "ccomp"): 10, ("make", "V", "dobj"): 100, ("rare", "V", "dobj"): 1})
    assert select(gold, seen, min_count=2, min_precision=0.2) == {("say", "V", "ccomp"): 0.8}
