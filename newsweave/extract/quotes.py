"""Quotes and reported speech: who said what, with content, cue and speaker spans.

Three passes over one parsed document, each linear in its length:

1. :func:`~newsweave.extract.quote_marks.find_quote_spans` pairs quotation marks (straight and curly, nested,
   multi-paragraph quotes whose paragraphs each open with a mark). Apostrophes
   are never quote marks, and an unbalanced mark ends at its paragraph's end.
2. Each reporting verb outside a quote (``say``, ``tell``, ``deny``, ... by
   lemma), each "according to" and each "Name: ..." headline line becomes an
   attribution: the content is the verb's clausal complement (``ccomp``,
   ``xcomp``, ``parataxis``), its object for verbs whose object is a statement
   ("denied threats of encirclement"), or an adjacent quote ("“...,” he said";
   "He said: “...”"); content that touches a quote grows to the whole quote.
   Any other word whose dependency *frame* (lemma, part of speech, relation
   to its dependent) was learned from PolNeAR train to head attributed
   content ("supported Trump", "called for an inquiry", "accused X of Y";
   :mod:`newsweave.evaluate.quote_frames`) is a cue too, its content the
   dependent's clause or the object with the rest of its verb phrase.
   A quote that follows its attribution's sentence directly is the second half
   of a split quote ("“A,” he said. “B.”"); another sentence-initial quote
   without a cue of its own belongs to the current speaker of the discourse.
3. Speakers are resolved in text order by :mod:`newsweave.extract.speakers`,
   and a pull-quote repeated verbatim is marked as a duplicate of the first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from spacy.tokens import Doc, Span, Token

from newsweave.config import Options
from newsweave.extract.quote_frames_data import FRAMES
from newsweave.extract.quote_marks import QuoteSpan, find_quote_spans
from newsweave.extract.speakers import Discourse, Speaker, addressee_of
from newsweave.model import Record
from newsweave.pipeline import Article, stage

NAME, VERSION = "quotes.rules", "0.1.0"
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


# ---------------------------------------------------------------------------
# Cues
# ---------------------------------------------------------------------------

# Verbs that report speech or writing: their complement, or an adjacent quote, is content.
SPEECH_VERBS = frozenset("""
say tell add note write report claim insist warn argue stress explain suggest acknowledge admit
agree ask state declare confirm predict promise pledge vow urge recall respond reply answer
continue emphasize emphasise complain testify contend maintain assert allege concede estimate
indicate reveal announce deny accuse charge observe remark comment tweet post joke quip boast
brag lament counter retort reiterate repeat caution speculate mention disclose proclaim conclude
hint imply assure inform advise demand blast slam describe chant shout yell scream whisper cite
show find decry mock question wonder announce predict propose threaten point
read interject exclaim quote bark boom sing confess gloat utter jeer email text fume scoff muse gush
snap thunder sneer cry
""".split())
# Verbs of thinking: they are attributions only with a clausal complement.
BELIEF_VERBS = frozenset("think believe expect hope fear worry feel doubt guess figure assume know".split())
# Verbs whose direct object can be the statement itself ("denied threats of encirclement").
OBJECT_CONTENT_VERBS = frozenset("""
deny reject announce cite criticize criticise dismiss acknowledge confirm predict promise propose
endorse demand question praise blame decry mock echo dispute
""".split())
CUE_LEMMAS = SPEECH_VERBS | BELIEF_VERBS | OBJECT_CONTENT_VERBS
SOURCE_DEPS = frozenset({"nsubj", "csubj"})
COMPLEMENT_DEPS = ("ccomp", "xcomp", "parataxis")
_STRIP_TAIL = " \t\n,;:—–-"
_STRIP_HEAD = " \t\n,;:—–-"
_WORD = re.compile(r"\w+")
# Dependents of a cue that belong to its clause ("he told reporters", "she said Monday").
_CLAUSE_DEPS = frozenset({"nsubj", "csubj", "aux", "advmod", "dative", "dobj", "npadvmod", "neg"})
# Conjoined or subordinate clauses with their own subject end a reported clause:
# "they prefer an outsider, while about 4 in 10 want experience".
_CLAUSE_BREAKS = frozenset({"conj", "advcl"})
_CONDITION_MARKS = frozenset({"unless", "if", "until", "because", "once"})
_BREAK_MARKS = frozenset({"while", "though", "although", "whereas", "as", "but", "and"})
# "Poll: Sanders leads", "Dr. Ben Carson: Clinton not fit to serve" at the start of a paragraph.
_COLON_LINE = re.compile(
    r"^[ \t]*((?:[A-Z][\w.’'-]*\.?[ \t]){0,4}[A-Z][\w.’'-]*?):[ \t]+(\S[^\n]*\S)", re.MULTILINE
)


# Learned frames (see newsweave.evaluate.quote_frames) used as cues when the word is no
# speech verb, or when a speech verb's own rules find no content; relations through the
# subject are left out (the subject is the source, not the content).
FRAME_MIN_PRECISION = 0.2
_FRAME_RELATIONS = frozenset({"ccomp", "xcomp", "dobj", "advcl", "oprd", "attr", "acomp"})
_FRAME_POS = {"VERB": "V", "AUX": "V", "NOUN": "N", "PROPN": "N", "ADJ": "J"}


def frame_relation(child: Token) -> str | None:
    """The relation from a governing word to ``child``: its dependency, or ``prep_<p>`` with an object."""
    if child.dep_ == "prep":
        if any(g.dep_ in ("pobj", "pcomp") for g in child.children):
            return f"prep_{child.lower_}"
        return None
    return child.dep_


def frame_of(head: Token, child: Token) -> tuple[str, str, str] | None:
    """The frame ``(lemma, coarse pos, relation)`` of content under ``head`` through ``child``."""
    pos = _FRAME_POS.get(head.pos_)
    rel = frame_relation(child)
    if pos is None or rel is None:
        return None
    return head.lemma_.lower(), pos, rel


@dataclass(slots=True)
class _Attribution:
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    cue_token: Token | None = None
    source: Span | None = None
    confidence: float = 0.8
    quotes: list[int] = field(default_factory=list)

    @property
    def first(self) -> int:
        return self.content[0][0]

    @property
    def last(self) -> int:
        return self.content[-1][1]


class _Quotes:
    """Lookup of quote spans by character position (sorted, non-overlapping starts)."""

    def __init__(self, spans: list[QuoteSpan]):
        self.spans = spans
        self.starts = [s.start for s in spans]

    def at(self, pos: int) -> int | None:
        k = bisect_right(self.starts, pos) - 1
        return k if k >= 0 and self.spans[k].start <= pos < self.spans[k].end else None

    def overlapping(self, start: int, end: int) -> range:
        lo = bisect_right(self.starts, start) - 1
        if lo < 0 or self.spans[lo].end <= start:
            lo += 1
        hi = bisect_right(self.starts, end - 1)
        return range(max(lo, 0), hi)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject it shares with the verb it is attached to ("..., adding")."""
    tok = verb
    for _ in range(3):
        for child in tok.children:
            if child.dep_ in SOURCE_DEPS:
                return child
        if tok.dep_ == "agent":
            break
        if tok.dep_ not in ("conj", "advcl", "xcomp") or tok.head is tok:
            break
        tok = tok.head
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _span_of(tok: Token) -> tuple[int, int]:
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right)


def _clause_span(head: Token, cue_lemma: str) -> tuple[int, int]:
    """A reported clause: the complement's subtree, up to a coordinated clause with its own subject."""
    end_tok = head.right_edge
    for child in head.rights:
        if child.dep_ in _CLAUSE_BREAKS and child.pos_ in ("VERB", "AUX") and (
            any(c.dep_ in SOURCE_DEPS for c in child.children)
            or (child.lemma_.lower() in CUE_LEMMAS and child.lemma_.lower() == cue_lemma)
        ):
            marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ in _BREAK_MARKS]
            if child.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
                continue  # "he opposes X but that the plans won't help": a second reported clause
            if child.dep_ == "advcl" and not marks:
                continue
            stop = child.left_edge.i
            prev = child.doc[stop - 1] if stop > 0 else None
            while prev is not None and prev.i > head.i and (prev.is_punct or prev.dep_ == "cc"):
                stop -= 1
                prev = child.doc[stop - 1]
            end_tok = child.doc[max(stop - 1, head.i)]
            break
    left = head.left_edge
    return left.idx, end_tok.idx + len(end_tok)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and joining punctuation; keep quote marks and a final stop inside."""
    while start < end and text[start] in _STRIP_HEAD:
        start += 1
    while end > start and text[end - 1] in _STRIP_TAIL:
        end -= 1
    if end > start and text[end - 1] == "." and not text[start] in "\"“‘«'":
        end -= 1
    return start, end


def _between_is_blank(text: str, start: int, end: int) -> bool:
    return start <= end and not _WORD.search(text, start, end) if start <= end else False


def _verb_attribution(verb: Token, text: str, quotes: _Quotes) -> _Attribution | None:
    """An attribution cued by a reporting verb, or None when it reports nothing here."""
    lemma = verb.lemma_.lower()
    sent = verb.sent
    content: tuple[int, int] | None = None
    pieces: list[tuple[int, int]] = []
    comps = [c for c in verb.children if c.dep_ in COMPLEMENT_DEPS]
    if comps:
        comp = next((c for c in comps if c.dep_ == "ccomp"), comps[0])
        if lemma in BELIEF_VERBS and comp.dep_ != "ccomp":
            return None
        content = _clause_span(comp, lemma)
        for child in verb.rights:  # "vowed to impose a tariff unless the company cancels": a condition on the content
            if child.i > comp.i and child.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in child.children
            ):
                content = (content[0], max(content[1], _span_of(child)[1]))
        if comp.dep_ == "xcomp" and lemma not in ("say", "tell", "urge", "ask", "promise", "pledge", "vow", "warn", "threaten", "call", "demand", "continue"):
            return None
    elif lemma in BELIEF_VERBS:
        return None
    elif verb.dep_ == "parataxis" and verb.head.i != verb.i:
        # "We will win, he said, and fast": everything in the sentence but the cue clause.
        left, right = verb.left_edge.i, verb.right_edge.i
        before = (sent.start_char, sent.doc[left].idx) if left > sent.start else None
        after = (sent.doc[right].idx + len(sent.doc[right]), sent.end_char) if right + 1 < sent.end else None
        pieces = [p for p in (before, after) if p and _WORD.search(text, *p)]
        if pieces:  # two pieces around the cue clause, as PolNeAR marks them
            content = (pieces[0][0], pieces[-1][1])
    adjacent = _adjacent_quote(verb, text, quotes) if content is None or lemma in SPEECH_VERBS else None
    if adjacent is not None and (
        content is None
        or (content[0] < adjacent[1] and adjacent[0] < content[1] and _whole_sentence_quote(text, adjacent, verb))
    ):
        # "Still, she added, “...”": a quote next to its cue is the whole content, not the sentence.
        content = adjacent
    if content is None and lemma in OBJECT_CONTENT_VERBS:
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "on")]
        target = objs[0] if objs else (preps[0] if preps and lemma in ("call", "warn") else None)
        if target is not None:
            content = _span_of(target)
    if content is None:
        return None
    subject = _subject(verb)
    source = None
    if subject is not None:
        s_start, s_end = _span_of(subject)
        around = content[0] < verb.idx < content[1] and s_start < verb.idx  # "A, X said, B"
        if around or not (s_start < content[1] and content[0] < s_end):
            source = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    cue_end = verb
    for child in verb.children:  # phrasal verbs: "pointed out", "called for"
        if child.dep_ == "prt" and child.i == cue_end.i + 1:
            cue_end = child
    kept = pieces if pieces and content == (pieces[0][0], pieces[-1][1]) else [content]
    if len(kept) == 1 and content[0] < verb.idx < content[1]:
        # "In any case, Mr. DiPietro said, the golf industry ...": the content runs round its cue.
        lo = min(verb.idx, source.start_char) if source is not None else verb.idx
        hi = cue_end.idx + len(cue_end)
        if source is not None and source.end_char > hi and source.end_char < content[1]:
            hi = source.end_char
        kept = [p for p in ((content[0], lo), (hi, content[1])) if _WORD.search(text, *p)] or [content]
    return _Attribution(kept, (verb.idx, cue_end.idx + len(cue_end)), verb, source)


_VP_STOP_DEPS = frozenset({"punct", "cc", "conj", "advcl", "parataxis", "mark", "nsubj", "relcl"})


def _object_span(verb: Token, child: Token, target: Token) -> tuple[int, int]:
    """An object and the rest of its verb phrase: "accused Sanders of a smear", "called X a sham".

    PolNeAR's content for a stance verb runs from the object to the end of the
    verb's complements (its second object, "of"/"for" phrase or infinitive), not
    through a following coordinated or adverbial clause.
    """
    end_tok = target.right_edge
    for right in verb.rights:
        if right.i <= child.i:
            continue
        if right.dep_ in _VP_STOP_DEPS:
            break
        end_tok = right.right_edge
    return target.left_edge.idx, end_tok.idx + len(end_tok)


def _frame_attribution(tok: Token, text: str) -> _Attribution | None:
    """An attribution cued by a learned frame ("supported Trump", "called for an inquiry")."""
    best: tuple[float, Token, str] | None = None
    for child in tok.children:
        frame = frame_of(tok, child)
        if frame is None:
            continue
        precision = FRAMES.get(frame, 0.0)
        rel = frame[2]
        if precision >= FRAME_MIN_PRECISION and (rel in _FRAME_RELATIONS or rel.startswith("prep_")):
            if best is None or precision > best[0]:
                best = (precision, child, rel)
    if best is None:
        return None
    precision, child, rel = best
    cue_end = tok
    if rel.startswith("prep_"):
        target = next(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
        content = _object_span(tok, child, target)
        if child.i == tok.i + 1:
            cue_end = child
    elif rel in ("ccomp", "xcomp", "advcl"):
        content = _clause_span(child, tok.lemma_.lower())
    else:
        content = _object_span(tok, child, child)
    for c in tok.children:  # phrasal verbs: "pointed out"
        if c.dep_ == "prt" and c.i == tok.i + 1:
            cue_end = c
    if tok.pos_ in ("VERB", "AUX"):
        subject = _subject(tok)
    else:
        subject = next((c for c in tok.children if c.dep_ == "poss"), None)
    source = None
    if subject is not None:
        s_start, s_end = _span_of(subject)
        if not (s_start < content[1] and content[0] < s_end):
            source = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    cue = (tok.idx, cue_end.idx + len(cue_end))
    if content[0] < cue[1] and cue[0] < content[1]:
        return None
    return _Attribution([content], cue, tok, source, confidence=round(0.4 + 0.4 * precision, 3))


def _whole_sentence_quote(text: str, quote: tuple[int, int], verb: Token) -> bool:
    """Whether a quote next to its cue stands for a whole sentence: one before the cue opens
    its sentence (not "Germany should expand ''as quickly as possible,'' said X"), one after
    the cue closes it (not "called it “fantastic,” telling reporters ...")."""
    if quote[1] <= verb.idx:
        return _sentence_initial(text, quote[0])
    tail = text[quote[1] : verb.sent.end_char]
    return not _WORD.search(tail)


def _adjacent_quote(verb: Token, text: str, quotes: _Quotes) -> tuple[int, int] | None:
    """A quote right before the cue clause ("“...,” he said") or right after it ("He said: “...”")."""
    clause = [verb] + [
        c for c in verb.children
        if c.dep_ in _CLAUSE_DEPS and not quotes.overlapping(*_span_of(c))
    ]
    first = min([verb.idx] + [t.left_edge.idx for t in clause[1:]])
    last_tok = max([verb] + [t.right_edge for t in clause[1:]], key=lambda t: t.i)
    last = last_tok.idx + len(last_tok)
    k = quotes.at(max(first - 1, 0))
    if k is None:
        k = bisect_right(quotes.starts, first) - 1
    if k >= 0 and quotes.spans[k].end <= first and _between_is_blank(text, quotes.spans[k].end, first):
        gap = text[quotes.spans[k].end : first]
        if "\n" not in gap:
            return quotes.spans[k].start, quotes.spans[k].end
    k = bisect_right(quotes.starts, last - 1)
    if k < len(quotes.spans):
        q = quotes.spans[k]
        gap = text[last : q.start]
        if _between_is_blank(text, last, q.start) and (gap.count("\n") == 0 or ":" in gap) and len(gap) < 40:
            return q.start, q.end
    return None


def _according_to(tok: Token, text: str) -> _Attribution | None:
    """ "..., according to X": the rest of the sentence is the content, X the source."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    if not objs:
        return None
    source = doc[objs[0].left_edge.i : objs[0].right_edge.i + 1]
    sent = tok.sent
    phrase_start, phrase_end = tok.idx, source.end_char
    before = _trim(text, sent.start_char, phrase_start)
    after = _trim(text, phrase_end, sent.end_char)
    content = max((before, after), key=lambda p: len(_WORD.findall(text, p[0], p[1])))
    if content[0] >= content[1]:
        return None
    return _Attribution([content], (tok.idx, to.idx + len(to)), tok, source, confidence=0.75)


def _colon_attributions(doc: Doc, text: str) -> Iterator[_Attribution]:
    """Headline-style lines "Pat Caddell: Democrat voters worried ..." (a name, a colon, a claim)."""
    for m in _COLON_LINE.finditer(text):
        content = _trim(text, m.start(2), m.end(2))
        if len(_WORD.findall(text, *content)) < 3 or "://" in m.group(2):
            continue
        source = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        colon = m.end(1)
        if source is None:
            continue
        yield _Attribution([content], (colon, colon + 1), None, source, confidence=0.6)


def _paragraph_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _finish_content(att: _Attribution, text: str, quotes: _Quotes) -> None:
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
            start, end = min(start, q.start), max(end, q.end)
            if k not in att.quotes:
                att.quotes.append(k)
        # A clause that ends right before a closing mark takes the mark (and its comma) in.
        start, end = _trim(text, start, end)
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
    if att.quotes:
        # "He explained the headline by saying: “...”": a colon hands over to the quote.
        last = quotes.spans[att.quotes[-1]]
        if _trim(text, last.end, end)[0] >= end and text[start : last.start].rstrip().endswith(":"):
            start = last.start
            att.quotes = [k for k in att.quotes if quotes.spans[k].start >= start]
            pieces = []
    att.content = pieces + [(start, end)]


# Fewer words than this, inside a sentence, make a quotation partial (a scare quote, a label).
SHORT_QUOTE_WORDS = 3
_OPEN_MARKS = "\"“„«‘'"
_CLOSE_MARKS = "\"”»’'"


def _quote_type(att: _Attribution, text: str) -> str:
    """direct: every piece of the content is a whole quotation; partial: quoted words inside
    reported speech ("resulted in “negative sentiments”"); indirect: no quotation at all.

    A few quoted words inside a sentence ("called them “rebels”", "as “fantastic,”")
    are a partial quote even when they make up the whole content: a scare quote or
    a label, not a statement quoted in full, unless they end a sentence of their own
    ("launched an ad: “Scam.”").
    """
    if not att.quotes:
        return "indirect"
    for start, end in att.content:
        piece = text[start:end].rstrip(".,;: \n")
        if not piece or piece[0] not in _OPEN_MARKS or piece[-1] not in _CLOSE_MARKS:
            return "partial"
    start, end = att.content[0][0], att.content[-1][1]
    short = len(_WORD.findall(text, start, end)) < SHORT_QUOTE_WORDS
    if short and not _sentence_initial(text, start) and text[start:end].rstrip(_CLOSE_MARKS + " ")[-1:] not in "!?.":
        return "partial"
    return "direct"


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether a quote at ``pos`` starts its sentence (after a paragraph break or a full stop)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\n.!?”\""


def extract_quotes(
    doc: Doc, text: str, doc_id: str, extractor: str = EXTRACTOR, original: str | None = None
) -> list[Quote]:
    """Every attribution in a parsed document, in text order; see the module docstring.

    ``text`` is the text spaCy parsed (an article's analysis text, chrome blanked);
    ``original``, when given, is the document's original text with the same offsets,
    from which the records' ``text`` and ``cue`` are cut.
    """
    quotes = _Quotes(find_quote_spans(text))
    found: list[_Attribution] = []
    found.extend(_colon_attributions(doc, text))
    for tok in doc:
        if quotes.at(tok.idx) is not None:
            continue
        att = None
        if tok.lower_ == "according":
            att = _according_to(tok, text)
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in CUE_LEMMAS:
            att = _verb_attribution(tok, text, quotes)
        if att is None and tok.pos_ in _FRAME_POS:
            att = _frame_attribution(tok, text)
        if att is not None:
            found.append(att)
    for att in found:
        _finish_content(att, text, quotes)
    found = [a for a in found if a.content[0][0] < a.content[0][1]]
    claimed = {k for att in found for k in att.quotes}
    found.extend(_colon_quotes(doc, text, quotes, claimed))
    # Univocal: a cue inside another attribution's content is part of that content.
    found.sort(key=lambda a: a.first)
    kept = _drop_nested_cues(found)
    found = _attach_loose_quotes(kept, quotes, text)
    return _to_records(found, doc, original if original is not None else text, doc_id, extractor, quotes)


_COLON_BEFORE_QUOTE = re.compile(r":[ \t\xa0]*$")


def _colon_quotes(doc: Doc, text: str, quotes: _Quotes, claimed: set[int]) -> Iterator[_Attribution]:
    """Quotes a colon introduces after a clause with a subject ("A footnote in the report
    makes that clear: “...”", "Clinton has since apologized: “...”"): the clause's verb
    is the cue, its subject the source, the quote the content. Speech verbs ("said:")
    have claimed their quotes already; this catches the rest.
    """
    for k, q in enumerate(quotes.spans):
        if k in claimed or not _COLON_BEFORE_QUOTE.search(text, max(q.start - 4, 0), q.start):
            continue
        colon = text.rindex(":", max(q.start - 4, 0), q.start)
        span = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if span is None or quotes.at(colon) is not None:
            continue
        if span[0].i == 0:
            continue
        verb, subject = doc[span[0].i - 1], None
        for _ in range(6):  # up from the word before the colon to a verb with its subject before it
            if verb.pos_ in ("VERB", "AUX"):
                subject = _subject(verb)
                if subject is not None and subject.i < verb.i:
                    break
                subject = None
            if verb.head is verb or verb.head.idx >= colon:
                break
            verb = verb.head
        if subject is None:
            continue
        source = doc[subject.left_edge.i : subject.right_edge.i + 1]
        att = _Attribution([(q.start, q.end)], (verb.idx, verb.idx + len(verb)), verb, source, confidence=0.6)
        _finish_content(att, text, quotes)
        yield att


def _drop_nested_cues(ordered: list[_Attribution]) -> list[_Attribution]:
    """Drop attributions whose cue lies in another one's content (``ordered`` by content start).

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
    kept = []
    for i, att in enumerate(ordered):
        cue = att.cue[0] if att.cue else att.first
        k = bisect_right(starts, cue) - 1
        if k >= 0:
            (end1, who1), (end2, _) = top[k]
            if end1 > cue and (who1 != i or end2 > cue):
                continue
        kept.append(att)
    return kept


def _attach_loose_quotes(found: list[_Attribution], quotes: _Quotes, text: str) -> list[_Attribution]:
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
        prev = _quoted_before(found, i, text)
        if prev is not None and _continues(prev, q, text):
            prev.content.append((q.start, q.end))
            prev.quotes.append(k)
            continue
        if len(_WORD.findall(text, q.start, q.end)) < 4 or not _sentence_initial(text, q.start):
            continue
        out.append(_Attribution([(q.start, q.end)], None, None, None, confidence=0.5, quotes=[k]))
    out.sort(key=lambda a: a.first)
    return out


_SENTENCE_END = re.compile(r"[.!?][\"”’']*\s+[\"“‘A-Z]")


def _quoted_before(found: list[_Attribution], i: int, text: str) -> _Attribution | None:
    """The quoted attribution a loose quote after ``found[i]`` may continue.

    That is ``found[i]`` itself, or the one before attributions without quotes in
    the same sentence ("“A,” said X, who said he left. “B.”": B is X's).
    """
    j = i
    while j >= 0 and not found[j].quotes and j > i - 3:
        j -= 1
    if j < 0 or not found[j].quotes or found[j].cue is None:
        return None
    if j < i and _SENTENCE_END.search(text, found[j].cue[1], found[i].first):
        return None
    return found[j]


def _continues(prev: _Attribution, q: QuoteSpan, text: str) -> bool:
    """Whether quote ``q`` goes on with the quoted attribution ``prev`` (a split quote)."""
    tail = max(prev.last, prev.cue[1])
    if prev.source is not None:
        tail = max(tail, prev.source.end_char)
    gap = text[tail : q.start]
    if "\n" not in gap:
        return len(gap) < 300
    return gap.strip(" \t\n.,;:") == "" and gap.count("\n") <= 2


def _to_records(
    found: list[_Attribution], doc: Doc, text: str, doc_id: str, extractor: str, quotes: _Quotes
) -> list[Quote]:
    discourse = Discourse.of(doc)
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
            key = " ".join(_WORD.findall(text, att.first, att.last)).lower()
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


@stage(NAME, version=VERSION, requires=("spacy",), produces=("quotes",), warm_up=warm_up)
def rule_quotes(article: Article, options: Options) -> Iterator[Quote]:
    """The quotes.rules stage: every quote and reported statement in the article."""
    yield from extract_quotes(
        article.spacy, article.spacy.text, article.document.id, original=article.document.text
    )
