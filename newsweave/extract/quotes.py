"""Quotes and reported speech: who said what, with content, cue and speaker spans.

Four passes over one parsed document, each linear in its length:

1. :func:`~newsweave.extract.quote_marks.find_quote_spans` pairs quotation marks (straight and curly,
   two apostrophes standing for one, nested, multi-paragraph quotes whose paragraphs each open
   with a mark). Apostrophes are never quote marks, and an unbalanced mark ends at its paragraph's end.
2. (:mod:`newsweave.extract.quote_cues`) Each reporting verb outside a quote (``say``, ``tell``, ``deny``, ... by
   lemma), each "according to" and each "Name: ..." headline line becomes an
   attribution: the content is the verb's clausal complement (``ccomp``,
   ``xcomp``, ``parataxis``), its object for verbs whose object is a statement
   ("denied threats of encirclement"), or an adjacent quote ("“...,” he said";
   "He said: “...”"; a whole-sentence quote next to a speech verb wins over the
   clause around it); content that touches a quote grows to the whole quote,
   and content that runs round its cue ("A, X said, B") is two pieces.
   Any other word whose dependency *frame* (lemma, part of speech, relation
   to its dependent) was learned from PolNeAR train to head attributed
   content ("supported Trump", "called for an inquiry", "accused X of Y";
   :mod:`newsweave.evaluate.quote_frames`) is a cue too, its content the
   dependent's clause or the object with the rest of its verb phrase.
   A word that no rule made a cue but that a learned tagger over the parse's
   contextual vectors marks as one (:mod:`newsweave.extract.quote_tagger`, fitted on
   PolNeAR train: "groused that ...", "rebuked X") heads the content it governs
   (its clause, its object with the rest of its phrase, or its passive subject).
   A quote a colon introduces after a clause with a subject ("The report makes
   that clear: “...”") takes that clause's verb as its cue. A quote that follows
   its attribution's sentence directly is the second half of a split quote
   ("“A,” he said. “B.”", also past an unquoted attribution in between: "said X,
   who said ..."); another sentence-initial quote without a cue of its own
   belongs to the current speaker of the discourse; a quotation just before a cue whose
   content is a quotation after it ("“A,” X said, “B.”", B parsed as the verb's complement)
   is the first half of that split quote. Raising verbs ("X seemed to Y", "X is
   expected to Y") take subject and complement as content; a leading "In a CBS poll," or
   "For most Democrats," names the source of the rest of its sentence; an inverted split
   quote ("“A,” said X, a description, “B.”") is one quote with X as speaker.
   A logistic filter (:mod:`newsweave.extract.quote_filter`, fitted on PolNeAR train)
   drops unlikely candidates before a cue inside another attribution's content is dropped.
3. A trained span tagger (:mod:`newsweave.extract.quote_spans`, a small BiLSTM over the
   parse's own vectors and the rules' answer, fitted on PolNeAR train) tags source, cue and
   content spans; :mod:`newsweave.extract.quote_spans_merge` adds the contents it is confident
   of that no rule found, takes its extent for an indirect content where it is confident,
   and drops unquoted rule contents it does not tag at all. A learned direct-or-wider model
   (:mod:`newsweave.extract.quote_extent`, fitted on PolNeAR train) then narrows a content
   that holds quotations to the quotations alone where the gold is likely to be just them
   ("praised him for “...”" -> "“...”", a direct quote).
4. Speakers are resolved in text order by :mod:`newsweave.extract.speakers`,
   and a pull-quote repeated verbatim is marked as a duplicate of the first.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from newsweave.config import Options
from newsweave.extract.quote_cues import (
    CUE_LEMMAS,
    FRAME_POS,
    NOT_SPEECH,
    WORD,
    Attribution,
    QuoteIndex,
    according_to,
    colon_line_attributions,
    is_title,
    frame_attribution,
    prep_source_attribution,
    raising_attribution,
    sentence_initial,
    subject_of,
    tagged_attribution,
    trim_span,
    verb_attribution,
)
from newsweave.extract.events_lexicon import ASPECTUAL_VERBS
from newsweave.extract.quote_extent import ContentProbability
from newsweave.extract.quote_extent import settle as settle_extents
from newsweave.extract.quote_filter import features, keep
from newsweave.extract.quote_marks import QuoteSpan, find_quote_spans
from newsweave.extract.quote_tagger import THRESHOLD as TAG_THRESHOLD
from newsweave.extract.quote_tagger import cue_scorer
from newsweave.extract.quote_spans import load_tagger
from newsweave.extract.quote_spans_merge import merge_tagged
from newsweave.extract.speakers import Discourse, Speaker, addressee_of
from newsweave.model import Record
from newsweave.nlp import string_ids
from newsweave.pipeline import REGISTRY, Article, stage

NAME, VERSION = "quotes.rules", "0.7.12"
EXTRACTOR = f"{NAME}@{VERSION}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote(Record):
    """One attribution: what was said (content), the cue that reports it and who said it.

    ``start``/``end`` cover the whole attribution (content, cue and speaker);
    ``content_spans`` lists the content's pieces when a split quote makes it
    discontinuous. ``speaker`` is the resolved name ("Scott Lucas" for "Lucas",
    the current speaker for "he") or the source's own text for unnamed and
    collective sources ("experts", "the Kremlin"); ``speaker_start``/``speaker_end``
    locate the words naming the speaker nearest the quote and ``speaker_text``
    is what they say ("he"). ``duplicate_of`` is the id of the first quote when
    this one repeats it verbatim (a pull-quote).
    """

    kind: ClassVar[str] = "quotes"

    quote_type: str
    content_start: int
    content_end: int
    content_spans: tuple[tuple[int, int], ...] = ()
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_text: str | None = None
    speaker_description: str | None = None
    addressee: str | None = None
    duplicate_of: str | None = None


def _paragraph_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


# A short noun phrase, a comma or colon, then a quotation to the end: "a statement, “...”".
_STATEMENT_THEN_QUOTE = re.compile(r"[^\"“”,:\n]{1,60}[,:][ \t]*([\"“][^\n]*[\"”][.,]?)")


def _finish_content(att: Attribution, text: str, quotes: QuoteIndex) -> None:
    """Grow each content piece that touches a quote to the whole quote, then trim its edges."""
    anchor = att.cue[0] if att.cue else att.first
    p_start, p_end = _paragraph_of(text, anchor)
    bounded = quotes.at(anchor) is None  # a cue's content stays in its paragraph, except through a quote
    pieces: list[tuple[int, int]] = []
    for start, end in att.content:
        if bounded:
            start, end = max(start, p_start), min(end, p_end)
        for k in quotes.overlapping(start, end):
            q = quotes.spans[k]
            if start < q.start and q.end > end and sentence_initial(text, q.start) and quotes.at(start) is None:
                # A clause the parser ran on into the next sentence's quotation ("Time, he added,
                # was on their side. “It's preseason,” he said."): the quotation is not its own.
                end = q.start
                break
            start, end = min(start, q.start), max(end, q.end)
            if k not in att.quotes:
                att.quotes.append(k)
        # A clause that ends right before a closing mark takes the mark (and its comma) in.
        start, end = trim_span(text, start, end)
        if start >= end:
            continue
        if pieces and start <= pieces[-1][1]:
            pieces[-1] = (pieces[-1][0], max(end, pieces[-1][1]))
        else:
            pieces.append((start, end))
    if not pieces:
        att.content = [(anchor, anchor)]
        return
    start, end = pieces.pop()
    statement = _STATEMENT_THEN_QUOTE.fullmatch(text, start, end) if att.origin == "frame" else None
    if statement is not None:
        # "issued a statement, “...”": the quote the statement noun introduces is the content.
        start = statement.start(1)
        att.quotes = [k for k in att.quotes if quotes.spans[k].start >= start]
    if att.quotes:
        # "He explained the headline by saying: “...”": a colon hands over to the quote.
        last = quotes.spans[att.quotes[-1]]
        if trim_span(text, last.end, end)[0] >= end and text[start : last.start].rstrip().endswith(":"):
            start = last.start
            att.quotes = [k for k in att.quotes if quotes.spans[k].start >= start]
            pieces = []
    att.content = pieces + [(start, end)]


# Fewer words than this, inside a sentence, make a quotation partial (a scare quote, a label).
SHORT_QUOTE_WORDS = 3
_OPEN_MARKS = "\"“„«‘'"
_CLOSE_MARKS = "\"”»’'"
# Either edge of a whole quotation: writers also open with a closing mark ("”Fear. I am ...”").
_EDGE_MARKS = frozenset(_OPEN_MARKS + _CLOSE_MARKS)


# A quotation opening on a lower-case word right after a word of the sentence ("Cruz “has
# consistently demonstrated ...”", "dubbed “the little senator”") goes on with the writer's
# sentence: partial (on PolNeAR train the gold content is more often wider than the quotation).
_FRAGMENT_START = re.compile(r"(?:[\"“„«‘]|'')[^\w\n]{0,3}[a-z]")
_AFTER_WORD = re.compile(r"\w[ \t\xa0]*$")


def _quote_type(att: Attribution, text: str) -> str:
    """direct: every piece of the content is a whole quotation; partial: quoted words inside
    reported speech ("resulted in “negative sentiments”"); indirect: no quotation at all.

    A few quoted words inside a sentence ("called them “rebels”", "as “fantastic,”")
    are a partial quote even when they make up the whole content: a scare quote or
    a label, not a statement quoted in full, unless they end a sentence of their own
    ("launched an ad: “Scam.”"). Nor is a quotation that opens on a lower-case word right
    after a word of the sentence (``_FRAGMENT_START``).
    """
    if not att.quotes:
        return "indirect"
    if att.extent:
        return "direct" if att.extent == "alone" else "partial"
    for start, end in att.content:
        piece = text[start:end].rstrip(".,;: \n")
        if not piece or piece[0] not in _EDGE_MARKS or piece[-1] not in _EDGE_MARKS:
            return "partial"
    start, end = att.content[0][0], att.content[-1][1]
    if _FRAGMENT_START.match(text, start) and _AFTER_WORD.search(text, max(start - 3, 0), start):
        return "partial"
    short = len(WORD.findall(text, start, end)) < SHORT_QUOTE_WORDS
    if short and not sentence_initial(text, start) and text[start:end].rstrip(_CLOSE_MARKS + " ")[-1:] not in "!?.":
        return "partial"
    return "direct"



# The parts of speech a cue can have ("according" aside): the frame words' and prepositions'.
_CUE_POS_IDS = string_ids(frozenset(FRAME_POS) | {"ADP"})
_ACCORDING_ID = get_string_id("according")
_NOT_SPEECH_IDS = string_ids(NOT_SPEECH)


def _aspectual(tok: Token) -> bool:
    """A verb of phase with a complement verb, which says what goes on ("The economy continues
    to suffer", "continued to insist"): no cue itself."""
    return tok.lemma_.lower() in ASPECTUAL_VERBS and any(c.dep_ == "xcomp" for c in tok.children)


def candidate_attributions(doc: Doc, text: str, quotes: QuoteIndex) -> list[Attribution]:
    """Every attribution the cue rules propose, content finished, before filtering and nesting."""
    found: list[Attribution] = []
    found.extend(colon_line_attributions(doc, text))
    cue_probability = cue_scorer(doc)
    # Only these tokens can head a candidate below: the others are never made into Token objects.
    pos, lower, lemma = doc.to_array([POS, LOWER, LEMMA]).T
    visit = (np.isin(pos, _CUE_POS_IDS) | (lower == _ACCORDING_ID)) & ~np.isin(lemma, _NOT_SPEECH_IDS)
    for i in np.flatnonzero(visit):
        tok = doc[int(i)]
        if quotes.at(tok.idx) is not None or _aspectual(tok):
            continue
        att = None
        if tok.lower_ == "according":
            att = according_to(tok, text)
        elif tok.pos_ in ("VERB", "AUX") and (att := raising_attribution(tok, text)) is not None:
            pass
        elif tok.pos_ == "ADP" and (att := prep_source_attribution(tok, text)) is not None:
            pass
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in CUE_LEMMAS:
            att = verb_attribution(tok, text, quotes)
        if att is None and tok.pos_ in FRAME_POS:
            att = frame_attribution(tok, text)
        if att is None and (p := cue_probability(tok)) >= TAG_THRESHOLD:
            att = tagged_attribution(tok, text, p)
        if att is not None:
            found.append(att)
    for att in found:
        _finish_content(att, text, quotes)
    found = [a for a in found if a.content[0][0] < a.content[0][1]]
    claimed = {k for att in found for k in att.quotes}
    found.extend(_colon_quotes(doc, text, quotes, claimed))
    return found


def featured_candidates(doc: Doc, text: str, quotes: QuoteIndex) -> list[tuple[Attribution, list[str]]]:
    """The candidates in content order, each with the filter's features (its own, and whether
    its cue lies in another candidate's content or its content holds other cues)."""
    found = sorted(candidate_attributions(doc, text, quotes), key=lambda a: a.first)
    nested = _nested_flags(found)
    cues = sorted(a.cue[0] for a in found if a.cue)
    out = []
    for att, inside in zip(found, nested):
        held = bisect_left(cues, att.last) - bisect_left(cues, att.first)
        if att.cue and att.first <= att.cue[0] < att.last:
            held -= 1
        out.append((att, features(att, text, _quote_type(att, text), nested=inside, holds=held)))
    return out


def extract_quotes(
    doc: Doc, text: str, doc_id: str, extractor: str = EXTRACTOR, original: str | None = None,
    *, span_tagger: bool = True,
) -> list[Quote]:
    """Every attribution in a parsed document, in text order; see the module docstring.

    ``text`` is the text spaCy parsed (an article's analysis text, chrome blanked);
    ``original``, when given, is the document's original text with the same offsets,
    from which the records' ``text`` and ``cue`` are cut. ``span_tagger=False`` leaves
    the trained span tagger out (the rules alone, for comparisons).
    """
    quotes = QuoteIndex(find_quote_spans(text))
    found = rule_attributions(doc, text, quotes)
    found, probability = tagged_attributions(doc, text, quotes, found, span_tagger=span_tagger)
    settle_extents(found, doc, text, quotes, probability)
    return _to_records(found, doc, original if original is not None else text, doc_id, extractor, quotes)


def tagged_attributions(doc: Doc, text: str, quotes: QuoteIndex, found: list[Attribution], *, span_tagger: bool = True
                        ) -> tuple[list[Attribution], ContentProbability | None]:
    """The rules' attributions merged with the span tagger's, and the tagger's content
    probability per token (None when the tagger is off, unfitted or the parse has no tensor)."""
    tagger = load_tagger() if span_tagger else None
    if tagger is None or doc.tensor is None or doc.tensor.shape[:1] != (len(doc),):
        return found, None
    tagged, starts, content = tagger.tag_with_content(doc, quotes.spans, rule_spans(found))
    return merge_tagged(found, tagged, doc, text, quotes), ContentProbability(starts, content)


def rule_attributions(doc: Doc, text: str, quotes: QuoteIndex) -> list[Attribution]:
    """The rules' attributions in content order: candidates kept by the filter, nested cues
    dropped, loose quotes attached."""
    found = [att for att, feats in featured_candidates(doc, text, quotes) if keep(att, feats)]
    # Univocal: a cue inside another attribution's content is part of that content.
    kept = _drop_nested_cues(found)
    return _attach_loose_quotes(kept, quotes, text)


def rule_spans(found: list[Attribution]) -> list[tuple[list[tuple[int, int]], tuple[int, int] | None, tuple[int, int] | None]]:
    """(content ranges, cue range, source range) of each attribution: the span tagger's view of the rules."""
    return [
        (att.content, att.cue, (att.source.start_char, att.source.end_char) if att.source is not None else None)
        for att in found
    ]


_COLON_BEFORE_QUOTE = re.compile(r"[:,][ \t\xa0]*$")
# Nouns for what was said or written: after one, a comma introduces the quote too
# ("Trump issued a statement, “Last night ...”").
_STATEMENT_NOUNS = frozenset("""
statement message tweet post letter line note email words response reply remark comment headline
sign slogan caption memo
""".split())


def _colon_quotes(doc: Doc, text: str, quotes: QuoteIndex, claimed: set[int]) -> Iterator[Attribution]:
    """Quotes a colon introduces after a clause with a subject ("A footnote in the report
    makes that clear: “...”", "Clinton has since apologized: “...”"), or a comma after a
    statement noun ("Trump issued a statement, “...”"): the clause's verb
    is the cue, its subject the source, the quote the content. Speech verbs ("said:")
    have claimed their quotes already; this catches the rest.
    """
    for k, q in enumerate(quotes.spans):
        if k in claimed or not _COLON_BEFORE_QUOTE.search(text, max(q.start - 4, 0), q.start):
            continue
        colon = max(text.rfind(":", max(q.start - 4, 0), q.start), text.rfind(",", max(q.start - 4, 0), q.start))
        span = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if span is None or quotes.at(colon) is not None:
            continue
        if text[colon] == "," and (span[0].i == 0 or doc[span[0].i - 1].lemma_.lower() not in _STATEMENT_NOUNS):
            continue
        if span[0].i == 0:
            continue
        verb, subject = doc[span[0].i - 1], None
        for _ in range(6):  # up from the word before the colon to a verb with its subject before it
            if verb.pos_ in ("VERB", "AUX"):
                subject = subject_of(verb)
                if subject is not None and subject.i < verb.i:
                    break
                subject = None
            if verb.head.i == verb.i or verb.head.idx >= colon:
                break
            verb = verb.head
        if subject is None:
            continue
        source = doc[subject.left_edge.i : subject.right_edge.i + 1]
        att = Attribution(
            [(q.start, q.end)], (verb.idx, verb.idx + len(verb)), verb, source, confidence=0.6, origin="colon_quote"
        )
        _finish_content(att, text, quotes)
        yield att


def _nested_flags(ordered: list[Attribution]) -> list[bool]:
    """For each attribution (``ordered`` by content start), whether its cue lies in another one's content.

    A sorted sweep: for each prefix of the order, the two largest content ends
    (with their owners) say in O(log n) whether some *other* attribution that
    starts at or before a cue still runs past it.
    """
    starts = [a.first for a in ordered]
    top: list[tuple[tuple[int, int], tuple[int, int]]] = []
    best, second = (-1, -1), (-1, -1)
    for i, att in enumerate(ordered):
        if att.last > best[0]:
            best, second = (att.last, i), best
        elif att.last > second[0]:
            second = (att.last, i)
        top.append((best, second))
    flags = []
    for i, att in enumerate(ordered):
        cue = att.cue[0] if att.cue else att.first
        k = bisect_right(starts, cue) - 1
        inside = False
        if k >= 0:
            (end1, who1), (end2, _) = top[k]
            inside = end1 > cue and (who1 != i or end2 > cue)
        flags.append(inside)
    return flags


def _drop_nested_cues(ordered: list[Attribution]) -> list[Attribution]:
    """Drop attributions whose cue lies in another one's content (``ordered`` by content start)."""
    return [att for att, inside in zip(ordered, _nested_flags(ordered)) if not inside]


def _attach_loose_quotes(found: list[Attribution], quotes: QuoteIndex, text: str) -> list[Attribution]:
    """Give quotes without a cue of their own to the attribution before them.

    A quote later in the same paragraph as a quote's attribution continues it
    ("“A,” he said. “B.”"), and so does a paragraph that opens with a quote right
    after such a paragraph. Other sentence-initial quotes of four words or more
    become attributions of their own, given to the discourse's current speaker.
    """
    claimed = {k for att in found for k in att.quotes}
    found.sort(key=lambda a: a.first)
    starts = [a.first for a in found]
    ends = [0] * len(found)
    running = 0
    for i, att in enumerate(found):  # running maximum of content ends, for containment checks
        running = max(running, att.last)
        ends[i] = running
    out = list(found)
    for k, q in enumerate(quotes.spans):
        i = bisect_right(starts, q.start) - 1
        if k in claimed or (i >= 0 and ends[i] > q.start):
            continue
        if i + 1 < len(found) and _opens_split(found[i + 1], q, text):
            # “A,” X said, “B.”: the parse made B the verb's complement; A is its first half.
            found[i + 1].content.insert(0, (q.start, q.end))
            found[i + 1].quotes.insert(0, k)
            continue
        prev = _quoted_before(found, i, text)
        if prev is not None and _continues(prev, q, text):
            prev.content.append((q.start, q.end))
            prev.quotes.append(k)
            continue
        words = WORD.findall(text, q.start, q.end)
        if len(words) < 4 or not sentence_initial(text, q.start) or is_title(words):
            continue
        out.append(Attribution([(q.start, q.end)], None, None, None, confidence=0.5, quotes=[k], origin="loose"))
    out.sort(key=lambda a: a.first)
    return out


QUOTE_MARK = re.compile(r"[\"“”„«»]|''")
# A sentence's end: not the stop of a title or an initial ("said Ms. Acosta", "John F. Kennedy").
_SENTENCE_END = re.compile(
    r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)(?<!\b[A-Z])"
    r"[.!?][\"”’']*\s+[\"“‘A-Z]"
)


def _quoted_before(found: list[Attribution], i: int, text: str) -> Attribution | None:
    """The quoted attribution a loose quote after ``found[i]`` may continue.

    That is ``found[i]`` itself, or the one before attributions without quotes in
    the same sentence ("“A,” said X, who said he left. “B.”": B is X's), or in later
    sentences whose sources are all "he" or "she" ("“A,” X said. He did not suggest Y. “B.”").
    """
    j = i
    while j >= 0 and not found[j].quotes and j > i - 3:
        j -= 1
    if j < 0 or not found[j].quotes or found[j].cue is None:
        return None
    if j < i and _SENTENCE_END.search(text, found[j].cue[1], found[i].first) and not all(
        found[k].source is not None and found[k].source.text.lower() in ("he", "she") for k in range(j + 1, i + 1)
    ):
        return None
    return found[j]


def _opens_split(after: Attribution, q: QuoteSpan, text: str) -> bool:
    """Whether quote ``q`` is the first half of the split quote ``after`` reports after its cue.

    That is "“A,” X said, “B.”" (also "“A,” X said, referring to Y, “B.”"): ``after``'s content
    is a quotation that opens after its cue, and only the cue's clause (no words of the
    writer's before the speaker or the cue, no line break) separates ``q`` from it.
    """
    if after.cue is None or not after.quotes or after.first < after.cue[1]:
        return False
    if text[q.start : q.end].rstrip(_CLOSE_MARKS + "”“ ")[-1:] not in (",", "?", "!", "—", "-"):
        return False  # a first half runs on ("“A,” he said, “B.”"); "“A.” X said: “B.”" is two speakers
    lead = after.cue[0] if after.source is None else min(after.cue[0], after.source.start_char)
    gap = text[q.end : lead]
    return "\n" not in gap and WORD.search(gap) is None and "\n" not in text[q.end : after.first]


def _continues(prev: Attribution, q: QuoteSpan, text: str) -> bool:
    """Whether quote ``q`` goes on with the quoted attribution ``prev`` (a split quote)."""
    tail = max(prev.last, prev.cue[1])
    if prev.source is not None:
        tail = max(tail, prev.source.end_char)
    gap = text[tail : q.start]
    if "\n" not in gap:
        return len(gap) < 300
    if gap.strip(" \t\n.,;:") == "":
        return gap.count("\n") <= 2
    # “A,” X said during the interview in Macau.¶“B.”: the next paragraph's quote goes on with
    # A when the attribution's sentence ends its paragraph and nothing else is said in between.
    rest, _, between = gap.partition("\n")
    return (
        between.strip() == ""
        and gap.count("\n") <= 2
        and len(rest) < 200
        and _SENTENCE_END.search(rest) is None
        and not QUOTE_MARK.search(rest)
    )


def _to_records(
    found: list[Attribution], doc: Doc, text: str, doc_id: str, extractor: str, quotes: QuoteIndex
) -> list[Quote]:
    discourse = Discourse.of(doc, text)
    records: list[Quote] = []
    seen: dict[str, str] = {}
    for att in found:
        speaker: Speaker | None = None
        if att.source is not None:
            speaker = discourse.resolve(att.source)
        elif att.cue is None and discourse.current is not None:
            speaker = discourse.current
        quote_type = _quote_type(att, text)
        addressee = addressee_of(att.cue_token) if att.cue_token is not None else None
        bounds = [p for p in att.content] + ([att.cue] if att.cue else [])
        if att.source is not None:
            bounds.append((att.source.start_char, att.source.end_char))
        start, end = min(b[0] for b in bounds), max(b[1] for b in bounds)
        record = Quote(
            doc=doc_id, start=start, end=end, text=text[start:end], extractor=extractor,
            confidence=att.confidence if speaker is not None else att.confidence * 0.6,
            quote_type=quote_type, content_start=att.first, content_end=att.last,
            content_spans=tuple(att.content),
            cue=text[att.cue[0] : att.cue[1]] if att.cue else None,
            cue_start=att.cue[0] if att.cue else None, cue_end=att.cue[1] if att.cue else None,
            speaker=speaker.name if speaker else None,
            speaker_start=speaker.start if speaker else None,
            speaker_end=speaker.end if speaker else None,
            speaker_text=speaker.text if speaker else None,
            speaker_description=speaker.description if speaker and att.source is not None else None,
            addressee=addressee.text if addressee is not None else None,
        )
        if quote_type == "direct":
            key = " ".join(WORD.findall(text, att.first, att.last)).lower()
            if key in seen:
                record = _replace_duplicate(record, seen[key])
            else:
                seen[key] = record.id
        records.append(record)
    return records


def _replace_duplicate(record: Quote, first_id: str) -> Quote:
    from dataclasses import replace

    return replace(record, duplicate_of=first_id)


def warm_up(options: Options) -> None:
    from newsweave.nlp import load_spacy

    load_spacy(options.min_gazetteer_population)
    if options.quote_tagger:
        load_tagger()


@stage(NAME, version=VERSION, requires=("spacy",), produces=("quotes",), warm_up=warm_up, options=("quote_tagger",))
def rule_quotes(article: Article, options: Options) -> Iterator[Quote]:
    """The quotes.rules stage: every quote and reported statement in the article (the span
    tagger left out when ``options.quote_tagger`` is off, which the records' extractor says).

    The parsed text is the article's analysis text (``Doc.text`` is the same string, rebuilt
    token by token on every call)."""
    yield from extract_quotes(
        article.spacy, article.analysis_text, article.document.id, original=article.document.text,
        extractor=REGISTRY[NAME].label_for(options), span_tagger=options.quote_tagger,
    )
