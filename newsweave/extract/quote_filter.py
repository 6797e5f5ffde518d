"""A learned filter over candidate attributions: keep those that look like PolNeAR's.

The cue rules (:mod:`newsweave.extract.quote_cues`) propose more attributions
than news writers mean ("see", "continue", "support" head content only now and
then). A logistic model over a handful of symbolic features of each candidate
(the rule that found it, the cue's lemma and part of speech, the relation that
led to the content, the kind and size of the content, the kind of source)
scores it; candidates below :data:`THRESHOLD` are dropped before overlapping
cues are resolved, so a dropped candidate never hides a better one inside it.

The weights are a small artefact, :mod:`newsweave.extract.quote_filter_data`,
fitted on PolNeAR train only by ``python -m newsweave.evaluate.quote_filter``.
Scoring is a dictionary lookup per feature: linear in the number of candidates.
"""

from __future__ import annotations

import math

from newsweave.extract.quote_cues import WORD, Attribution

try:
    from newsweave.extract.quote_filter_data import BIAS, THRESHOLD, WEIGHTS
except ImportError:  # not fitted yet: keep every candidate
    BIAS, THRESHOLD, WEIGHTS = 0.0, 0.0, {}

_PRONOUNS = frozenset("he she they we i it you who which that".split())


def size_bucket(n: int, limits: tuple[int, ...] = (1, 2, 4, 8, 16, 32)) -> str:
    """A count as a feature value: the range of ``limits`` it falls in ("1", "3-4", "17-32"),
    or past the last ("33+")."""
    previous = limits[0] - 1
    for limit in limits:
        if n <= limit:
            return str(limit) if limit == previous + 1 else f"{previous + 1}-{limit}"
        previous = limit
    return f"{limits[-1] + 1}+"


def _source_kind(att: Attribution) -> str:
    source = att.source
    if source is None:
        return "none"
    root = source.root
    if root.lower_ in _PRONOUNS:
        return f"pron_{root.lower_}"
    labels = {t.ent_type_ for t in source}  # not Span.ents, which walks the whole document
    if "PERSON" in labels:
        return "person"
    if labels & {"ORG", "GPE", "NORP"}:
        return "org"
    return root.pos_.lower()


def features(att: Attribution, text: str, quote_type: str, nested: bool = False, holds: int = 0) -> list[str]:
    """The symbolic features of one candidate attribution (names of the active indicators).

    ``nested`` says that its cue lies in another candidate's content, ``holds`` how
    many other candidates' cues its own content holds.
    """
    tok = att.cue_token
    lemma = tok.lemma_.lower() if tok is not None else "-"
    pos = tok.pos_ if tok is not None else "-"
    words = sum(len(WORD.findall(text, s, e)) for s, e in att.content)
    cue_at = att.cue[0] if att.cue else att.first
    source = _source_kind(att)
    side = "before" if att.last <= cue_at else ("around" if att.first < cue_at else "after")
    out = [
        f"o={att.origin}",
        f"l={lemma}",
        f"ol={att.origin}|{lemma}",
        f"lr={lemma}|{att.relation}",
        f"or={att.origin}|{att.relation}",
        f"p={pos}",
        f"t={quote_type}",
        f"ot={att.origin}|{quote_type}",
        f"n={size_bucket(words)}",
        f"on={att.origin}|{size_bucket(words)}",
        f"s={source}",
        f"os={att.origin}|{source}",
        f"side={side}",
        f"pieces={min(len(att.content), 3)}",
    ]
    if att.origin == "frame":
        # The frame's precision on train, in tenths (frame_attribution's confidence is 0.4 + 0.4 p).
        out.append(f"fp={min(int((att.confidence - 0.4) * 25), 9)}")
    elif att.origin == "tagger":
        out.append(f"tp={min(int(att.confidence * 10), 9)}")  # the tagger's probability, in tenths
    out.append(f"nested={nested}")
    out.append(f"holds={min(holds, 3)}")
    if tok is not None:
        out.append(f"dep={tok.dep_}")
        out.append(f"tag={tok.tag_}")
        out.append(f"ld={lemma}|{tok.dep_}")
        if any(c.dep_ == "neg" for c in tok.children):
            out.append("neg")
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("to",) for c in tok.children):
            out.append("to_inf")
        if any(c.dep_ == "auxpass" for c in tok.children):
            out.append("passive")
    return out


def score(feats: list[str]) -> float:
    """The model's probability that a candidate with these features is a gold attribution."""
    z = BIAS + sum(WEIGHTS.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-z))


def keep(att: Attribution, feats: list[str]) -> bool:
    """Whether the filter keeps a candidate with these features (always, before the weights are fitted)."""
    if not WEIGHTS or (att.origin == "verb" and "t=direct" in feats):
        # A whole quotation next to a speech verb is kept: it may be the first half of a split
        # quote, which the filter, fitted on single candidates, cannot see joined.
        return True
    return score(feats) >= THRESHOLD


__all__ = ["features", "keep", "score"]
