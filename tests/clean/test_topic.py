"""Off-topic paragraphs by topic coherence; seed behaviours the issue states."""

from __future__ import annotations

import numpy as np

from newsweave.clean import clean_text
from newsweave.clean.topic import off_topic_runs


def _removed_texts(text):
    return {s.text: s.reason for s in clean_text(text)}


def test_tail_block_below_threshold_is_off_topic_and_lone_mild_paragraph_is_not():
    sims = np.array([0.7, 0.6, 0.65, 0.3, 0.7, 0.62, 0.58, 0.2, 0.1, 0.15])
    assert off_topic_runs(sims) == [(7, 10)]


def test_never_removes_most_of_an_article():
    assert off_topic_runs(np.array([0.7, 0.6, 0.1, 0.1, 0.1, 0.1])) == []


def test_seed_004_taiwan_tail_is_removed_and_last_body_paragraph_kept(seed_texts):
    text = next(t for n, t in seed_texts.items() if n.startswith("004_"))
    removed = _removed_texts(text)
    paragraphs = [p for p in text.split("\n") if p.strip()]
    tail = [p for p in paragraphs if "Taiwan" in p or "KMT" in p]
    assert tail and all(removed.get(p.strip()) == "off-topic" for p in tail)
    given = next(p for p in paragraphs if p.startswith("Given the high intensity"))
    assert given.strip() not in removed
    assert any(r == "author-bio" for r in removed.values())


def test_seed_002_title_and_dek_recognised_and_body_kept(seed_texts):
    text = next(t for n, t in seed_texts.items() if n.startswith("002_"))
    removed = _removed_texts(text)
    lines = [p.strip() for p in text.split("\n") if p.strip()]
    assert removed.get(lines[0]) == "title" and removed.get(lines[1]) == "dek"
    rather = next(p for p in lines if p.startswith("Rather than directly contributing troops"))
    assert rather not in removed
    assert all(removed.get(p) == "subscription" for p in ("Subscribe Today", "Get daily emails in your inbox"))


def test_no_seed_loses_more_than_a_tenth_of_its_body(seed_texts):
    for name, text in seed_texts.items():
        removed = clean_text(text, name)
        off = sum(s.end - s.start for s in removed if s.reason == "off-topic")
        kept_share = 1 - sum(s.end - s.start for s in removed) / len(text)
        assert kept_share > 0.5, name
        if not name.startswith("004_"):
            assert off == 0, name
