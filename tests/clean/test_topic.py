"""Off-topic paragraphs by topic coherence; seed behaviours the issue states."""

from __future__ import annotations

import numpy as np
import pytest

import newsweave.clean.embed as embed
from newsweave.clean import clean_text
from newsweave.clean.topic import (
    CONTEXT_FEATURES,
    FEATURES,
    context_features,
    context_probability,
    ambiguous,
    block_support,
    decide,
    find_off_topic,
    lexical_probability,
    lexical_support,
    names,
    paragraph_features,
    refined_probability,
    score_paragraphs,
    shared_with_neighbour_only,
    vocabulary,
)

# A made-up article about a harbour, ten paragraphs that keep returning to their subject.
HARBOUR = [
    f"The Westport harbour authority approved the dredging plan for the {part} basin on Tuesday, "
    f"and Mayor Alvarez said the harbour works would keep the fishing fleet and the ferry running."
    for part in ("north", "south", "east", "west", "inner", "outer", "old", "new", "main", "small")
]
# Two paragraphs of another story, sharing no names and few words with the harbour story.
INSERT = [
    "Senator Okafor unveiled a vaccine procurement bill in Lagos, promising clinics in every "
    "province would receive doses before the rainy season begins.",
    "Okafor's bill would fund refrigerated lorries and train nurses, the Lagos health ministry "
    "estimated, at a cost of two billion naira over three budgets.",
]


def _removed_texts(text):
    return {s.text: s.reason for s in clean_text(text)}


def test_never_removes_most_of_an_article():
    texts = HARBOUR[:3] + [f"{x} {y}" for x in INSERT for y in INSERT] * 2
    p, off = score_paragraphs(texts)
    assert off.sum() <= len(texts) // 2


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


def test_names_are_capitalised_words_inside_sentences_only():
    assert names("The council met. Mayor Alvarez thanked Okafor's team in Lagos.") == {
        "alvare", "okafor", "lagos"
    }


def test_block_support_is_low_for_an_inserted_pair_and_high_for_the_body():
    texts = HARBOUR[:5] + INSERT + HARBOUR[5:]
    words = block_support([vocabulary(t) for t in texts])
    assert words[5] < 0.3 and words[6] < 0.3
    # a neighbour shares a block with the insert, so it is less supported than the rest
    assert min(words[4], words[7]) > max(words[5], words[6])
    assert min(words[:3].min(), words[9:].min()) > 0.6
    assert block_support([]).shape == (0,)
    assert block_support([frozenset(), frozenset()]).tolist() == [1.0, 1.0]


def test_features_have_one_column_per_name_and_flag_the_last_paragraph():
    texts = HARBOUR[:5] + INSERT + HARBOUR[5:]
    x = paragraph_features(lexical_support(texts))
    assert x.shape == (len(texts), len(FEATURES))
    last = x[:, FEATURES.index("last")]
    assert last[-1] == 1 and not last[:-1].any()


def test_inserted_pair_is_likelier_off_topic_than_any_body_paragraph():
    texts = HARBOUR[:5] + INSERT + HARBOUR[5:]
    p = lexical_probability(paragraph_features(lexical_support(texts)))
    assert min(p[5], p[6]) > np.delete(p, [5, 6]).max()


def test_ambiguous_paragraphs_are_the_likeliest_in_the_band_and_capped():
    p = np.array([0.05, 0.36, 0.45, 0.9, 0.4, 0.31, 0.2, 0.38, 0.01, 0.01, 0.01, 0.01])
    assert ambiguous(p).tolist() == [2, 4, 7]


def test_the_band_of_doubt_reaches_lower_inside_the_article_than_at_its_end():
    p = np.array([0.01, 0.25, 0.01, 0.01, 0.01, 0.01, 0.25, 0.01])
    assert ambiguous(p).tolist() == [1]


def test_inserted_pair_is_likelier_off_topic_than_any_body_paragraph_in_context():
    texts = HARBOUR[:5] + INSERT + HARBOUR[5:]
    x = paragraph_features(lexical_support(texts))
    xc = context_features(x, lexical_probability(x))
    assert xc.shape == (len(texts), len(CONTEXT_FEATURES))
    p = context_probability(xc)
    assert min(p[5], p[6]) > np.delete(p, [5, 6]).max()


def test_words_shared_with_one_neighbour_only_mark_a_run_from_another_story():
    sets = [vocabulary(t) for t in HARBOUR[:5] + INSERT + HARBOUR[5:]]
    private = shared_with_neighbour_only(sets)
    assert min(private[5], private[6]) > 0.1
    assert np.delete(private, [5, 6]).max() == 0.0  # the harbour words recur all through
    assert shared_with_neighbour_only([]).shape == (0,)


def test_a_weak_pair_inside_the_article_needs_less_than_one_at_its_end():
    p = np.array([0.01, 0.35, 0.35, 0.01, 0.01, 0.01, 0.01, 0.01, 0.35, 0.35])
    assert np.flatnonzero(decide(p)).tolist() == [1, 2]


def test_article_whose_paragraphs_all_support_each_other_is_not_embedded(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("nothing should be embedded")

    monkeypatch.setattr(embed, "encode", refuse)
    assert find_off_topic("\n\n".join(HARBOUR)) == []


def test_inserted_pair_from_another_story_is_removed_as_off_topic():
    text = "\n\n".join(HARBOUR[:5] + INSERT + HARBOUR[5:])
    removed = {s.text for s in find_off_topic(text) if s.reason == "off-topic"}
    assert removed == set(INSERT)


@pytest.mark.parametrize("max_tokens", [8, 32, 40])
def test_encode_gives_unit_vectors_for_any_token_budget(max_tokens):
    vectors = embed.encode(["A harbour dredging plan.", " ".join(HARBOUR)], max_tokens)
    assert vectors.shape == (2, embed.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_a_lone_doubtful_paragraph_stays_while_a_doubtful_pair_goes():
    p = np.array([0.01, 0.45, 0.02, 0.01, 0.45, 0.45, 0.01, 0.02, 0.7, 0.01])
    assert np.flatnonzero(decide(p)).tolist() == [4, 5, 8]


def test_the_shipped_decider_has_one_weight_per_feature():
    from newsweave.clean import topic_decider_data as fitted

    assert len(fitted.LEXICAL) == len(FEATURES)
    assert len(fitted.CONTEXT) == len(CONTEXT_FEATURES)
    assert len(fitted.REFINED) == len(CONTEXT_FEATURES) + 1  # and the cosine with the core


def test_refined_probability_falls_as_the_cosine_with_the_core_rises():
    x = paragraph_features(lexical_support(HARBOUR[:5] + INSERT + HARBOUR[5:]))
    x = context_features(x, lexical_probability(x))[5:6]
    low, high = (refined_probability(x, np.array([c], dtype=np.float32))[0] for c in (0.0, 0.8))
    assert low > high


def test_the_decider_module_is_written_and_read_back(tmp_path):
    import importlib.util

    from newsweave.clean.topic_fit import write_module

    lexical = ([0.5] * len(FEATURES), -1.0)
    context = ([0.75] * len(CONTEXT_FEATURES), -2.0)
    refined = ([0.25] * (len(CONTEXT_FEATURES) + 1), 0.5)
    target = tmp_path / "decider.py"
    write_module(lexical, context, refined, 3, target)
    spec = importlib.util.spec_from_file_location("decider", target)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.LEXICAL == tuple(lexical[0]) and module.REFINED_BIAS == 0.5
    assert module.CONTEXT == tuple(context[0]) and module.CONTEXT_BIAS == -2.0


@pytest.mark.slow
def test_topic_fit_regenerates_the_shipped_decider_byte_for_byte(data_dir, tmp_path, monkeypatch):
    import newsweave.clean.topic_fit as fit

    shipped = fit.TARGET.read_bytes()
    monkeypatch.setattr(fit, "TARGET", tmp_path / "decider.py")
    original = fit.write_module
    monkeypatch.setattr(fit, "write_module", lambda *a: original(*a, path=tmp_path / "decider.py"))
    fit.main(["--data", str(data_dir)])
    assert (tmp_path / "decider.py").read_bytes() == shipped


def test_stop_words_are_scikit_learns_list_without_importing_it():
    from newsweave.clean.topic import _NEWS_WORDS, _STOP

    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    assert _STOP == frozenset(sklearn_text.ENGLISH_STOP_WORDS) | _NEWS_WORDS
