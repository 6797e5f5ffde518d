"""Direct or wider: whether a quotation is the whole of what its attribution reports.

A quotation next to a reporting verb is the content of a *direct* quote only when the
writer's own words around it are not part of what is attributed. PolNeAR's annotators
draw the line case by case: "him for “stepping up ...”" is mostly the wider content
(the object belongs to the statement), "called the protester “a very obnoxious guy”"
sometimes the quotation alone, and "no matter what action Obama takes, “his word does
not trump the Second Amendment.”" takes the lead-in as well. No rule separates these, so
the decision is learned: a logistic model over symbolic features of each quotation's
context (the words and punctuation between the cue and the opening mark, the word
before a comma or colon that introduces it ("such as, “...”"), the
quotation's dependency relation and the word it hangs on, its shape, and the span
tagger's content probabilities on the words just outside its marks) gives the
probability that the gold content is the quotations alone.

:func:`settle` applies it to every attribution holding quotations, after the span tagger
has been merged: from its threshold up (:data:`THRESHOLD_ALONE` for a content that is its
quotations alone, :data:`THRESHOLD_WIDER` for a wider one), the content becomes its quotations alone (a
direct quote); below it, the attribution is marked ``wider`` and keeps its extent (a
partial quote: the quoted words are part of a wider reported statement, even where only
the quotation was found). Quotations found alone without a cue ("loose" ones, given to the
current speaker) are decided too, except those signed after a dash ("“...” ― Name",
:func:`is_dash_attributed_loose`), which are left to the rules' typing, and so is every
quotation found alone when ``THRESHOLD_ALONE`` is 0: see :mod:`newsweave.evaluate.quote_extent` for why. The weights (:mod:`newsweave.extract.quote_extent_data`) are
fitted on PolNeAR train only by ``python -m newsweave.evaluate.quote_extent``. The cost is
a few token look-ups per quotation.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence

import numpy as np
from spacy.tokens import Doc

from newsweave.extract.quote_cues import WORD, Attribution, QuoteIndex, sentence_initial
from newsweave.extract.quote_filter import size_bucket

try:
    from newsweave.extract.quote_extent_data import BIAS, THRESHOLD_ALONE, THRESHOLD_WIDER, WEIGHTS
except ImportError:  # not fitted yet: leave every extent as the rules and the tagger found it
    BIAS, THRESHOLD_ALONE, THRESHOLD_WIDER, WEIGHTS = 0.0, 0.5, 0.5, {}

# Words before an opening mark that are named as themselves (the rest by part of speech).
_NAMED_BEFORE = frozenset("""
that for as of to called calling call calls dubbed labeled labelled termed saying said says say
is was are were be been being it this the a an and but or because with about than like
described describing describes chants chanting chanted shouting shouted yelling wrote writes
""".split())
_MARKS = "\"“”„«»‘’'"


# A paragraph signed after a dash with a short name ("... they have is money.” ― Christina Lastra.").
_SIGNATURE = re.compile(r"[―—–][ \t\xa0]*[A-Z][^\n.!?,;:“”\"]{0,60}\.?[ \t\xa0]*$")
# The rest of a sentence after a quotation: up to a stop, question or exclamation mark, or a line end.
_SENTENCE_REST = re.compile(r"[^.!?\n]*")


def _bucket(n: int) -> str:
    return size_bucket(n, (0, 1, 2, 4, 8, 16))


def _tenths(p: float) -> int:
    return min(int(p * 10), 9)


def quotation_pieces(att: Attribution, quotes: QuoteIndex) -> list[tuple[int, int]]:
    """The attribution's quotations alone, as content pieces in text order."""
    return sorted((quotes.spans[k].start, quotes.spans[k].end) for k in set(att.quotes))


def _is_quotations_alone(att: Attribution, text: str, quotes: QuoteIndex) -> bool:
    """Whether every word of the content lies inside one of its quotations."""
    pieces = quotation_pieces(att, quotes)
    starts = [s for s, _ in pieces]
    for start, end in att.content:
        for m in WORD.finditer(text, start, end):
            k = bisect_right(starts, m.start()) - 1
            if k < 0 or pieces[k][1] <= m.start():
                return False
    return True


class ContentProbability:
    """The span tagger's probability that each token is content, looked up by character offset."""

    def __init__(self, starts: np.ndarray, content: np.ndarray):
        self.starts, self.content = starts, content

    def before(self, pos: int, n: int) -> tuple[float, float]:
        """(mean, max) content probability of the ``n`` tokens before character ``pos`` (marks skipped)."""
        hi = int(np.searchsorted(self.starts, pos))
        lo = max(hi - n - 1, 0)
        values = self.content[lo:hi]
        if len(values) > n:
            values = values[-n:]
        if not len(values):
            return 0.0, 0.0
        return float(values.mean()), float(values.max())

    def after(self, pos: int) -> float:
        """Content probability of the first token starting at or after character ``pos``."""
        k = int(np.searchsorted(self.starts, pos))
        return float(self.content[k]) if k < len(self.content) else 0.0


def features(att: Attribution, doc: Doc, text: str, quotes: QuoteIndex,
             probability: ContentProbability | None, *, alone: bool | None = None) -> list[str]:
    """The symbolic features of one attribution holding quotations (names of the active indicators).

    ``alone`` (whether the content is its quotations alone) is computed when not given."""
    pieces = quotation_pieces(att, quotes)
    first, last = pieces[0], pieces[-1]
    if alone is None:
        alone = _is_quotations_alone(att, text, quotes)
    now = "alone" if alone else "wider"
    lead = len(WORD.findall(text, att.first, first[0])) if att.first < first[0] else 0
    tail = len(WORD.findall(text, last[1], att.last)) if att.last > last[1] else 0
    cue = att.cue
    side = "none" if cue is None else ("before" if cue[1] <= first[0] else ("after" if cue[0] >= last[1] else "inside"))
    # The character before the opening mark, spaces skipped.
    i = first[0] - 1
    while i >= 0 and text[i] in " \t\xa0":
        i -= 1
    if sentence_initial(text, first[0]):
        before_char = "start"
    elif text[i] in ",:;—–-(":
        before_char = text[i]
    else:
        before_char = "word" if text[i].isalnum() else "other"
    # The character after the closing mark, spaces skipped, and whether the quotation opens its paragraph.
    j = last[1]
    while j < len(text) and text[j] in " \t\xa0":
        j += 1
    if j >= len(text) or text[j] == "\n":
        after_char = "nl"
    elif text[j] in "―—–-":
        after_char = "dash"
    elif text[j] in ",.;:(":
        after_char = text[j]
    else:
        after_char = "word" if text[j].isalnum() else "other"
    opens_paragraph = first[0] == 0 or text[text.rfind("\n", 0, first[0]) + 1 : first[0]].strip() == ""
    words = WORD.findall(text, first[0], first[1])
    opening = text[first[0] : first[1]].lstrip(_MARKS + " …")[:1]
    shape = "upper" if opening.isupper() else ("lower" if opening.islower() else "other")
    closing = text[last[0] : last[1]].rstrip(_MARKS + " ")[-1:]
    ending = closing if closing in ".?!," else "other"
    span = doc.char_span(first[0], first[1], alignment_mode="expand")
    out = [
        f"now={now}", f"o={att.origin}", f"r={att.relation}", f"side={side}", f"bc={before_char}",
        f"lead={_bucket(lead)}", f"tail={_bucket(tail)}", f"open={shape}", f"end={ending}",
        f"n={_bucket(len(words))}", f"q={min(len(pieces), 3)}",
        f"now|bc={now}|{before_char}", f"now|side={now}|{side}", f"now|open={now}|{shape}",
        f"bc|open={before_char}|{shape}", f"o|now={att.origin}|{now}", f"ac={after_char}",
        f"o|ac={att.origin}|{after_char}", f"para={opens_paragraph}", f"o|para={att.origin}|{opens_paragraph}",
        f"bc|ac={before_char}|{after_char}",
    ]
    # Words after the quotation before its sentence ends (up to three), read off the text.
    rest = _SENTENCE_REST.match(text, last[1])
    out.append(f"rest={_bucket(min(len(WORD.findall(rest.group()[:60])), 3) if rest else 0)}")
    if span is not None and len(span):
        k = span[0].i - 1
        while k >= 0 and (doc[k].is_space or doc[k].is_punct and doc[k].text in _MARKS + "``''"):
            k -= 1
        if k >= 0:
            prev = doc[k]
            word = prev.lower_ if prev.lower_ in _NAMED_BEFORE else prev.pos_
            out += [f"pw={word}", f"pd={prev.dep_}", f"pw|now={word}|{now}", f"pw|open={word}|{shape}"]
            if att.cue_token is not None and prev.i == att.cue_token.i:
                out.append("prev=cue")
            if prev.is_punct:
                # The word before the comma or colon ("such as, “...”", "including, “...”", "said, “...”").
                while k >= 0 and (doc[k].is_punct or doc[k].is_space):
                    k -= 1
                if k >= 0:
                    word = doc[k].lower_ if doc[k].lower_ in _NAMED_BEFORE else doc[k].pos_
                    out += [f"ww={word}|{prev.text}", f"ww|now={word}|{prev.text}|{now}"]
        root = span.root
        head = root.head
        out += [f"qdep={root.dep_}", f"qdep|now={root.dep_}|{now}", f"qhead={head.pos_}"]
        if att.cue_token is not None and head.i == att.cue_token.i:
            out.append("qhead=cue")
        if att.cue_token is not None and any(c.dep_ in ("dobj", "dative") and c.i < span[0].i for c in att.cue_token.children):
            out.append("cue_has_object")
    if att.origin == "loose" and _SIGNATURE.search(text, first[1], _paragraph_end(text, first[1])):
        out.append("signed")
    if probability is not None:
        mean, top = probability.before(first[0], 3)
        out += [f"pb={_tenths(mean)}", f"pbm={_tenths(top)}", f"pa={_tenths(probability.after(last[1]))}",
                f"pb|now={_tenths(mean)}|{now}"]
    else:
        out.append("no_tagger")
    return out


def is_dash_attributed_loose(feats: Sequence[str]) -> bool:
    """Whether the features are those of a quotation found alone without a cue and followed by a
    dash, or in a paragraph signed after a dash ("“...” ― Azucena Gonzàlez", readers'
    quotations): the dash names who said the whole quotation, a convention the cue-side
    context the model reads cannot see, so the rules type it (direct)."""
    return "o|now=loose|alone" in feats and ("o|ac=loose|dash" in feats or "signed" in feats)


def _paragraph_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def score(feats: Sequence[str]) -> float:
    """The model's probability that the gold content is the quotations alone."""
    z = BIAS + sum(WEIGHTS.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-z))


def settle(found: Sequence[Attribution], doc: Doc, text: str, quotes: QuoteIndex,
           probability: ContentProbability | None) -> None:
    """Narrow each attribution the model judges direct to its quotations; mark the others wider.

    Nothing is decided without the span tagger's probabilities (the tagger switched off):
    the model was fitted with them."""
    if not WEIGHTS or probability is None:
        return
    for att in found:
        if not att.quotes:
            continue
        alone = _is_quotations_alone(att, text, quotes)
        if alone and THRESHOLD_ALONE <= 0.0:
            continue  # typed by the rules (quotes._quote_type): see newsweave.evaluate.quote_extent
        feats = features(att, doc, text, quotes, probability, alone=alone)
        if alone and is_dash_attributed_loose(feats):
            continue  # "“...” ― Name": typed by the rules, see is_dash_attributed_loose
        if score(feats) >= (THRESHOLD_ALONE if alone else THRESHOLD_WIDER):
            att.content = quotation_pieces(att, quotes)
            att.extent = "alone"
        else:
            att.extent = "wider"


__all__ = ["ContentProbability", "features", "is_dash_attributed_loose", "quotation_pieces", "score", "settle"]
