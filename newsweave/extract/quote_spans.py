"""A learned choice of a reported content's boundaries among spans the parse proposes.

The cue rules give each indirect attribution one content span, and about half of
their errors on PolNeAR train are boundaries: a clause that runs on into a
conjoined verb phrase or a relative clause ("the raucous crowd, which chanted"),
or stops before a conjoined "that" clause. For a single-piece content that is not
a whole quotation, :func:`content_variants` proposes a few spans: starts at the
rule's start, at the content root's left edge or after a leading "that"; ends at
the rule's end, at the root's right edge, at the sentence's end, or before any
right-hand dependent of the root and of its arguments (cut before "and", ", which",
"while ..."). Each variant is a list of symbolic features (which edits made it,
the word after its end, its size and change in size, the rule and cue that found
it); a linear ranker (:mod:`newsweave.extract.quote_spans_data`, fitted pairwise on
PolNeAR train by ``python -m newsweave.evaluate.quote_spans``) scores them and the
best one replaces the content. A variant never cuts through a quotation, never
leaves its sentence span and never holds its own cue.

Cost: a handful of variants per candidate, each a few dictionary look-ups; the
parse walk is bounded by the content's own tokens.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsweave.extract.quote_cues import WORD, Attribution, QuoteIndex, trim_span

try:
    from newsweave.extract.quote_spans_data import MARGIN, WEIGHTS
except ImportError:  # not fitted yet: keep the rules' spans
    MARGIN, WEIGHTS = 0.0, {}

# Right-hand dependents before which a content may end ("X and Y", "X, which ...").
_CUT_DEPS = frozenset({"conj", "cc", "relcl", "acl", "appos", "advcl", "prep", "npadvmod", "punct", "advmod", "parataxis"})
# Arguments of the content's root whose own right-hand dependents are cut points too.
_ARG_DEPS = frozenset({"dobj", "pobj", "attr", "ccomp", "xcomp", "nsubj", "nsubjpass", "prep"})
_FUNCTION_POS = frozenset({"ADP", "CCONJ", "SCONJ", "PUNCT", "PART", "DET", "PRON", "AUX"})
MAX_CUTS = 6


def _size(n: int) -> str:
    for limit, name in ((1, "1"), (2, "2"), (4, "3-4"), (8, "5-8"), (16, "9-16"), (32, "17-32")):
        if n <= limit:
            return name
    return "33+"


def _delta(n: int) -> str:
    if n == 0:
        return "0"
    sign = "+" if n > 0 else "-"
    return sign + _size(abs(n))


def _word_of(tok: Token | None) -> str:
    """A token as a feature value: function words by their form, others by part of speech."""
    if tok is None:
        return "<none>"
    if tok.pos_ in _FUNCTION_POS or tok.is_punct:
        return tok.lower_
    return tok.pos_


def _inside_quote(quotes: QuoteIndex, pos: int, edge: str) -> bool:
    """Whether a start (``edge="start"``) or end at ``pos`` falls strictly inside a quotation."""
    k = quotes.at(pos if edge == "start" else pos - 1)
    if k is None:
        return False
    q = quotes.spans[k]
    return pos != (q.start if edge == "start" else q.end)


def _edit_features(doc: Doc, text: str, start: int, end: int, way: str, edge: str) -> list[str]:
    """Features of the words a variant adds to or cuts from the rules' span at one edge."""
    region = doc.char_span(start, end, alignment_mode="contract")
    if region is None or len(region) == 0:
        return [f"{edge}{way}=blank"]
    tag = f"{edge}{way}"
    first = region[0]
    top = region.root
    out = [
        f"{tag}_first={_word_of(first)}",
        f"{tag}_top={top.dep_}",
        f"{tag}_top={top.dep_}|{top.pos_}",
        f"{tag}_n={_size(len(region))}",
        f"{tag}_first2={_word_of(first)}|{_word_of(region[1]) if len(region) > 1 else '-'}",
    ]
    if any(t.dep_ in ("nsubj", "nsubjpass") for t in region):
        out.append(f"{tag}_subject")
    if any(t.pos_ == "VERB" for t in region):
        out.append(f"{tag}_verb")
    if any(t.is_quote for t in region):
        out.append(f"{tag}_quote")
    return out


def content_variants(att: Attribution, doc: Doc, text: str, quotes: QuoteIndex) -> list[tuple[int, int, list[str]]]:
    """The candidate spans for ``att``'s content, each with its features; the rules' span first.

    Empty when the content is not a single piece or the parse does not align with it.
    """
    if len(att.content) != 1:
        return []
    s0, e0 = att.content[0]
    span = doc.char_span(s0, e0, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    root = span.root
    sent = span[-1].sent
    sent_start, sent_end = sent.start_char, sent.end_char
    starts: dict[int, list[str]] = {s0: ["orig"]}
    ends: dict[int, list[str]] = {e0: ["orig"]}

    def add(table: dict[int, list[str]], pos: int, name: str) -> None:
        table.setdefault(pos, []).append(name)

    add(starts, root.left_edge.idx, "left_edge")
    if span[0].lower_ == "that" and len(span) > 1:
        add(starts, span[1].idx, "after_that")
    right = root.right_edge
    add(ends, right.idx + len(right), "right_edge")
    add(ends, sent_end, "sent_end")
    head = root.head
    if head.i < span.start or head.i >= span.end:
        # The rest of the governing phrase after the content ("called the system “rotten”",
        # "congratulated Clinton on her victory"), one dependent at a time.
        crossed = ""
        for n_ext, child in enumerate(c for c in head.rights if c.i >= span.end):
            if n_ext >= 4 or child.left_edge.i < span.end:
                break
            crossed = crossed or ("_past_cc" if child.dep_ in ("cc", "conj") else "")
            last = child.right_edge
            add(ends, last.idx + len(last), f"ext_{child.dep_}{crossed}")
    cuts = 0
    heads = [root] + [c for c in root.children if c.dep_ in _ARG_DEPS and c.i > root.i]
    for head in heads:
        for child in head.rights:
            if cuts >= MAX_CUTS:
                break
            first = child.left_edge
            if child.dep_ in _CUT_DEPS and span.start < first.i < span.end and first.i > head.i:
                prev = doc[first.i - 1]
                add(ends, prev.idx + len(prev), f"cut_{child.dep_}" + ("" if head is root else "_arg"))
                cuts += 1
    lemma = att.cue_token.lemma_.lower() if att.cue_token is not None else "-"
    cue_at = att.cue[0] if att.cue else -1
    source = (att.source.start_char, att.source.end_char) if att.source is not None else None
    n0 = len(WORD.findall(text, s0, e0))
    out: list[tuple[int, int, list[str]]] = []
    seen: set[tuple[int, int]] = set()
    for raw_start, s_names in starts.items():
        for raw_end, e_names in ends.items():
            start, end = trim_span(text, raw_start, raw_end)
            if (start, end) in seen or start >= end:
                continue
            is_orig = raw_start == s0 and raw_end == e0
            if not is_orig and (
                start < min(sent_start, s0) or end > max(sent_end, e0)
                or _inside_quote(quotes, start, "start") or _inside_quote(quotes, end, "end")
                or start <= cue_at < end
            ):
                continue
            seen.add((start, end))
            n = len(WORD.findall(text, start, end))
            after = doc.char_span(end, len(text), alignment_mode="expand") if end < len(text) else None
            before = doc.char_span(0, start, alignment_mode="expand") if start > 0 else None
            feats = [f"s={x}" for x in s_names] + [f"e={x}" for x in e_names]
            feats += [f"e={x}|{att.origin}" for x in e_names] + [f"s={x}|{att.origin}" for x in s_names]
            feats += [f"e={x}|{att.relation}" for x in e_names] + [f"e={x}|{lemma}" for x in e_names]
            feats += [f"se={s_names[0]}|{e_names[0]}", f"n={_size(n)}", f"dn={_delta(n - n0)}",
                      f"e={e_names[0]}|dn={_delta(n - n0)}", f"s={s_names[0]}|dn={_delta(n - n0)}"]
            nxt = after[0] if after is not None and len(after) else None
            prv = before[-1] if before is not None and len(before) else None
            feats.append(f"next={_word_of(nxt)}")
            feats.append(f"prev={_word_of(prv)}")
            feats.append(f"first={_word_of(doc.char_span(start, end, alignment_mode='expand')[0])}")
            if end != e0:
                feats += _edit_features(doc, text, min(end, e0), max(end, e0), "add" if end > e0 else "cut", "e")
            if start != s0:
                feats += _edit_features(doc, text, min(start, s0), max(start, s0), "add" if start < s0 else "cut", "s")
            if end >= sent_end - 2:
                feats.append("ends_sentence")
            if source is not None and start < source[1] and source[0] < end:
                feats.append("holds_source")
            out.append((start, end, feats))
    return out


def score(feats: list[str]) -> float:
    """The ranker's score of one variant (higher is more like PolNeAR's content)."""
    return sum(WEIGHTS.get(f, 0.0) for f in feats)


def refine_content(att: Attribution, doc: Doc, text: str, quotes: QuoteIndex, quote_type: str) -> None:
    """Replace ``att``'s content by its best-scoring variant (in place); whole quotations stay as they are."""
    if not WEIGHTS or quote_type == "direct":
        return
    variants = content_variants(att, doc, text, quotes)
    if len(variants) < 2:
        return
    scores = [score(v[2]) for v in variants]
    best = max(range(len(variants)), key=scores.__getitem__)
    start, end = variants[best][0], variants[best][1]
    if scores[best] >= scores[0] + MARGIN:  # the rules' span (first) is kept unless clearly beaten
        att.content = [(start, end)]
        att.quotes = list(quotes.overlapping(start, end))


__all__ = ["content_variants", "refine_content", "score"]
