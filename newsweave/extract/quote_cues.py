"""Cues: the words that report speech, and the attribution each cue heads in a parse.

Speech verbs take their clausal complement or an adjacent quote as content;
verbs whose object is the statement ("denied threats of encirclement") take the
object; any other word whose dependency frame was learned from PolNeAR train
(:mod:`newsweave.evaluate.quote_frames`) heads the content it governs; "according
to X" and "Name: claim" headline lines are cues too. Each function here looks
at one cue and its neighbourhood in the parse, so a pass over a document stays
linear. :mod:`newsweave.extract.quotes` turns the raw attributions into records.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsweave.extract.quote_frames_data import FRAMES
from newsweave.extract.quote_marks import QuoteSpan

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
# Words that head no attribution, whatever the frames and the tagger say: they report no
# statement, though PolNeAR's annotators often mark them ("Lucas said, referring to the U.S.
# cutting off aid": what a quote is about; "Kyiv will have to decide whether ...": a choice).
NOT_SPEECH = frozenset("refer decide".split())
SOURCE_DEPS = frozenset({"nsubj", "csubj"})
COMPLEMENT_DEPS = ("ccomp", "xcomp", "parataxis")
_STRIP_TAIL = " \t\n,;:—–-"
_STRIP_HEAD = " \t\n,;:—–-"
WORD = re.compile(r"\w+")
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
FRAME_MIN_PRECISION = 0.1
_FRAME_RELATIONS = frozenset({"ccomp", "xcomp", "dobj", "advcl", "oprd", "attr", "acomp"})
FRAME_POS = {"VERB": "V", "AUX": "V", "NOUN": "N", "PROPN": "N", "ADJ": "J"}


# Small words a title or a slogan leaves in lower case ("Orange is the New Black").
_TITLE_SMALL_WORDS = frozenset("a an the and or but nor of to in on for at by with from as is are vs".split())


def is_title(words: list[str]) -> bool:
    """Whether quoted words read as a title, a headline or a slogan, not as something said:
    every word capitalised ("Orange is the New Black", "DIVISIVE, STUPID AND WRONG"), small
    words aside."""
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def frame_relation(child: Token) -> str | None:
    """The relation from a governing word to ``child``: its dependency, or ``prep_<p>`` with an object."""
    if child.dep_ == "prep":
        if any(g.dep_ in ("pobj", "pcomp") for g in child.children):
            return f"prep_{child.lower_}"
        return None
    return child.dep_


def frame_of(head: Token, child: Token) -> tuple[str, str, str] | None:
    """The frame ``(lemma, coarse pos, relation)`` of content under ``head`` through ``child``."""
    pos = FRAME_POS.get(head.pos_)
    rel = frame_relation(child)
    if pos is None or rel is None:
        return None
    return head.lemma_.lower(), pos, rel


@dataclass(slots=True)
class Attribution:
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    cue_token: Token | None = None
    source: Span | None = None
    confidence: float = 0.8
    quotes: list[int] = field(default_factory=list)
    # Which rule found it ("verb", "frame", "according", "colon_line", "colon_quote", "loose")
    # and the relation it followed to the content: features of the learned filter.
    origin: str = "verb"
    relation: str = ""
    # What :func:`newsweave.extract.quote_extent.settle` decided for a quoted content: "alone"
    # (the quotations are the whole content: direct), "wider" (partial), or "" (not decided).
    extent: str = ""

    @property
    def first(self) -> int:
        return self.content[0][0]

    @property
    def last(self) -> int:
        return self.content[-1][1]


class QuoteIndex:
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


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the subject it shares with the verb it is attached to ("..., adding")."""
    tok = verb
    for _ in range(3):
        subjects = [child for child in tok.children if child.dep_ in SOURCE_DEPS]
        if subjects:
            # "The main objectives, one Ukrainian colonel told The New York Times, were ...": the
            # parse gives "told" two subjects; the one nearest the verb is the speaker
            return min(subjects, key=lambda child: abs(child.i - tok.i))
        if tok.dep_ == "agent":
            break
        if tok.dep_ not in ("conj", "advcl", "xcomp") or tok.head.i == tok.i:
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
            if child.dep_ == "conj" and child.lemma_.lower() not in CUE_LEMMAS:
                continue
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


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and joining punctuation; keep quote marks and a final stop inside."""
    while start < end and text[start] in _STRIP_HEAD:
        start += 1
    while end > start and text[end - 1] in _STRIP_TAIL:
        end -= 1
    if end > start and text[end - 1] == "." and not text[start] in "\"“‘«'":
        end -= 1
    return start, end


def _between_is_blank(text: str, start: int, end: int) -> bool:
    return start <= end and not WORD.search(text, start, end) if start <= end else False


def verb_attribution(verb: Token, text: str, quotes: QuoteIndex) -> Attribution | None:
    """An attribution cued by a reporting verb, or None when it reports nothing here."""
    lemma = verb.lemma_.lower()
    sent = verb.sent
    content: tuple[int, int] | None = None
    pieces: list[tuple[int, int]] = []
    relation = ""
    comps = [c for c in verb.children if c.dep_ in COMPLEMENT_DEPS]
    if comps:
        comp = next((c for c in comps if c.dep_ == "ccomp"), comps[0])
        relation = comp.dep_
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
        pieces = [p for p in (before, after) if p and WORD.search(text, *p)]
        if pieces:  # two pieces around the cue clause, as PolNeAR marks them
            content = (pieces[0][0], pieces[-1][1])
            relation = "around"
    adjacent = _adjacent_quote(verb, text, quotes) if content is None or lemma in SPEECH_VERBS else None
    if adjacent is not None and (
        content is None
        or (content[0] < adjacent[1] and adjacent[0] < content[1] and _whole_sentence_quote(text, adjacent, verb))
    ):
        # "Still, she added, “...”": a quote next to its cue is the whole content, not the sentence.
        content = adjacent
        relation = "quote"
    if content is None and lemma in SPEECH_VERBS and (named := _quote_then_name(verb, text, quotes)) is not None:
        return named
    if content is None and lemma in OBJECT_CONTENT_VERBS:
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "on")]
        target = objs[0] if objs else (preps[0] if preps and lemma in ("call", "warn") else None)
        if target is not None:
            content = _object_span(verb, target, target)
            relation = "object"
    if content is None:
        return None
    inverted = _inverted_split(verb, text, quotes, content)
    if inverted is not None:
        return inverted
    subject = subject_of(verb)
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
        kept = [p for p in ((content[0], lo), (hi, content[1])) if WORD.search(text, *p)] or [content]
    return Attribution(kept, (verb.idx, cue_end.idx + len(cue_end)), verb, source, relation=relation)


_VP_STOP_DEPS = frozenset({"punct", "cc", "conj", "advcl", "parataxis", "mark", "nsubj", "relcl"})
_VP_SKIP_DEPS = frozenset({"npadvmod", "advmod", "agent"})
# Prepositions that complete a stance verb's object ("accused X of Y", "praised X for Y", "called X to Z").
_VP_PREPS = frozenset({"of", "for", "as", "to", "with", "about", "against", "into", "over", "from"})


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
        if right.dep_ in _VP_SKIP_DEPS or (right.dep_ == "prep" and right.lower_ not in _VP_PREPS):
            continue  # "endorsed Trump last week", "supporting her by a wide margin": circumstances
        end_tok = right.right_edge
    return target.left_edge.idx, end_tok.idx + len(end_tok)


def frame_attribution(tok: Token, text: str) -> Attribution | None:
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
    return governed_attribution(tok, child, rel, round(0.4 + 0.4 * precision, 3), "frame")


# Relations a word found by the learned cue tagger may govern its content through, most telling first.
_TAGGED_RELATIONS = ("ccomp", "xcomp", "dobj", "nsubjpass", "prep_about", "prep_of", "prep_on", "prep_for",
                     "prep_to", "prep_against", "prep_with", "prep_over", "attr", "oprd", "acomp")


def tagged_attribution(tok: Token, text: str, probability: float) -> Attribution | None:
    """An attribution cued by a word the learned tagger (:mod:`newsweave.extract.quote_tagger`) marks as a cue.

    Its content is the dependent reached through the first relation of :data:`_TAGGED_RELATIONS`
    it has: a clause, an object with the rest of its phrase, or a passive subject.
    """
    found: dict[str, Token] = {}
    for child in tok.children:
        rel = frame_relation(child)
        if rel is not None and rel not in found:
            found[rel] = child
    for rel in _TAGGED_RELATIONS:
        if rel in found and (rel != "nsubjpass" or tok.pos_ == "VERB"):
            return governed_attribution(tok, found[rel], rel, round(probability, 3), "tagger")
    return None


def governed_attribution(tok: Token, child: Token, rel: str, confidence: float, origin: str) -> Attribution | None:
    """The attribution of cue ``tok`` whose content ``child`` heads through relation ``rel``."""
    cue_end = tok
    if rel.startswith("prep_"):
        target = next(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
        content = _object_span(tok, child, target)
        if child.i == tok.i + 1:
            cue_end = child
    elif rel in ("ccomp", "xcomp", "advcl"):
        content = _clause_span(child, tok.lemma_.lower())
    elif rel == "nsubjpass":  # "the plan was denounced by X": the passive subject is what X said or did
        content = _span_of(child)
    else:
        content = _object_span(tok, child, child)
    for c in tok.children:  # phrasal verbs: "pointed out"
        if c.dep_ == "prt" and c.i == tok.i + 1:
            cue_end = c
    if tok.pos_ in ("VERB", "AUX"):
        subject = subject_of(tok)
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
    return Attribution([content], cue, tok, source, confidence=confidence, origin=origin, relation=rel)


def _inverted_split(
    verb: Token, text: str, quotes: QuoteIndex, content: tuple[int, int]
) -> Attribution | None:
    """ "“A,” said Edward Leamer, an economist at UCLA, “B.”": the parser reads the speaker
    and B as one clause; the two quotes are the content and the words between them the source."""
    if subject_of(verb) is not None or content[0] <= verb.idx:
        return None
    before = quotes.at(max(verb.idx - 2, 0))
    if before is None:
        k = bisect_right(quotes.starts, verb.idx) - 1
        before = k if k >= 0 else None
    after = quotes.at(max(content[1] - 1, 0))
    if before is None or after is None or before == after:
        return None
    first, last = quotes.spans[before], quotes.spans[after]
    if WORD.search(text, first.end, verb.idx) or "\n" in text[first.end : last.start]:
        return None
    if not sentence_initial(text, first.start) or last.start <= verb.idx + len(verb) or last.end < content[1] - 1:
        return None
    source = verb.doc.char_span(
        *trim_span(text, verb.idx + len(verb), last.start), alignment_mode="contract"
    )
    if source is None or not len(source):
        return None
    return Attribution(
        [(first.start, first.end), (last.start, last.end)], (verb.idx, verb.idx + len(verb)), verb, source,
        quotes=[before, after], relation="quote",
    )


# Words that may stand between a quotation and its speech verb as the speaker's name and title
# when the parse lost the subject ("“...,” Tulsa police Chief Chuck Jordan said").
_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PUNCT", "SPACE"})
_NAME_GAP = re.compile(r"[^\n.!?;:\"“”]{2,80}")


def _quote_then_name(verb: Token, text: str, quotes: QuoteIndex) -> Attribution | None:
    """ "“A,” Tulsa police Chief Chuck Jordan said": a quotation ending in a comma, question or
    exclamation mark, then only a name and title before the speech verb, which the parser did
    not read as its subject. The quotation is the content and the name the source."""
    k = bisect_right(quotes.starts, verb.idx) - 1
    if k < 0 or quotes.spans[k].end > verb.idx:
        return None
    q = quotes.spans[k]
    if text[q.start : q.end].rstrip("\"”’' ")[-1:] not in (",", "?", "!") or not _NAME_GAP.fullmatch(text, q.end, verb.idx):
        return None
    doc = verb.doc
    span = doc.char_span(*trim_span(text, q.end, verb.idx), alignment_mode="contract")
    if span is None or not len(span) or len(span) > 8 or not span[0].is_title:
        return None
    if any(t.pos_ not in _NAME_POS and not t.is_title for t in span):
        return None
    return Attribution([(q.start, q.end)], (verb.idx, verb.idx + len(verb)), verb, span, quotes=[k], relation="quote")


def _whole_sentence_quote(text: str, quote: tuple[int, int], verb: Token) -> bool:
    """Whether a quote next to its cue stands for a whole sentence: one before the cue opens
    its sentence (not "Germany should expand ''as quickly as possible,'' said X"), one after
    the cue closes it (not "called it “fantastic,” telling reporters ...")."""
    if quote[1] <= verb.idx:
        return sentence_initial(text, quote[0])
    tail = text[quote[1] : verb.sent.end_char]
    return not WORD.search(tail)


# A quotation's last words before its closing mark(s) end a sentence.
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’'\s]*$")


def _new_sentence_with_its_own_content(verb: Token, text: str, quote: QuoteSpan) -> bool:
    """Whether the cue after a quotation opens a new sentence that reports something else:
    "“... of the state.” She noted a planned rally ..." (the verb has its own object or
    clause), not "“... of the state.” Trump said." nor "“Why?” he asked him."."""
    if not _ENDS_SENTENCE.search(text, quote.start, quote.end):
        return False
    start = verb.sent.start_char
    if start < quote.end or not text[start : start + 1].isupper():
        return False
    return any(
        c.i > verb.i and (c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and c.pos_ == "NOUN"))
        for c in verb.children
    )


def _adjacent_quote(verb: Token, text: str, quotes: QuoteIndex) -> tuple[int, int] | None:
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
    # "“A.” X said: “B.”": a colon after the cue clause hands over to the quote after it.
    colon_after = text[last : last + 3].lstrip(" \t").startswith(":")
    if k >= 0 and not colon_after and quotes.spans[k].end <= first and _between_is_blank(text, quotes.spans[k].end, first):
        gap = text[quotes.spans[k].end : first]
        if "\n" not in gap and not _new_sentence_with_its_own_content(verb, text, quotes.spans[k]):
            return quotes.spans[k].start, quotes.spans[k].end
    k = bisect_right(quotes.starts, last - 1)
    if k < len(quotes.spans):
        q = quotes.spans[k]
        gap = text[last : q.start]
        # Not past the end of the cue's sentence: "... who has advised Mrs. Clinton. ''He would ...''".
        ended = any(ch in gap for ch in ".!?")
        if _between_is_blank(text, last, q.start) and (gap.count("\n") == 0 or ":" in gap) and len(gap) < 40 and not ended:
            return q.start, q.end
    return None


# Raising verbs whose subject and complement together are what is held or expected: "Trump
# seemed to be shrinking", "X is expected to win" (PolNeAR's content: "Trump ... to be shrinking").
RAISING_VERBS = frozenset("seem appear".split())
PASSIVE_RAISING_VERBS = frozenset("expect believe consider think say report rumor predict project presume deem".split())
_RAISED_COMPLEMENTS = frozenset({"xcomp", "acomp", "oprd"})


def raising_attribution(verb: Token, text: str) -> Attribution | None:
    """ "X seemed to Y", "X is expected to Y": the subject and the complement are two content pieces."""
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if not (lemma in RAISING_VERBS or (passive and lemma in PASSIVE_RAISING_VERBS)):
        return None
    subject = next((c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    comp = next((c for c in verb.rights if c.dep_ in _RAISED_COMPLEMENTS), None)
    if subject is None or comp is None or subject.tag_ in ("WP", "WDT", "EX") or subject.lower_ == "it":
        return None
    first = min([verb] + [c for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg") and c.i > subject.i], key=lambda t: t.i)
    cue = (first.idx, verb.idx + len(verb))
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    source = None
    if agent is not None:
        objs = [c for c in agent.children if c.dep_ == "pobj"]
        if objs:
            source = verb.doc[objs[0].left_edge.i : objs[0].right_edge.i + 1]
    pieces = [_span_of(subject), _clause_span(comp, lemma)]
    return Attribution(pieces, cue, verb, source, confidence=0.6, origin="raising", relation=comp.dep_)


# "In a CNN poll, Clinton led ...", "For most Democrats, the Clinton years remain ...": a
# prepositional phrase naming where a finding was stated, or whose view the clause gives.
SOURCE_NOUNS = frozenset("""
poll survey study report interview statement words view opinion analysis estimate letter memo book
column op-ed tweet speech remarks testimony filing complaint lawsuit ruling post video ad editorial
""".split())
VIEWER_NOUNS = frozenset("""
voter democrat republican supporter american critic official conservative liberal activist people
anyone many most some expert analyst observer fan member leader candidate
""".split())
_VIEWER_ENTS = frozenset({"PERSON", "NORP", "ORG"})
QUOTE_CHARS = re.compile(r"[\"“”]|''")


def prep_source_attribution(prep: Token, text: str) -> Attribution | None:
    """ "In a Des Moines Register poll, X led ...", "For Republicans, it is a smoking gun ...":
    the rest of the sentence is the content, the preposition's object the source."""
    word = prep.lower_
    if word not in ("in", "for", "to") or prep.dep_ != "prep":
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    sent = prep.sent
    lead = prep.i == sent.start or prep.doc[prep.i - 1].dep_ in ("cc", "punct", "mark")
    after = prep.doc[obj.right_edge.i + 1] if obj.right_edge.i + 1 < len(prep.doc) else None
    followed_by_comma = after is not None and after.text == ","
    if word == "in":
        if obj.lemma_.lower() not in SOURCE_NOUNS:
            return None
    elif not (lead and followed_by_comma) or not (
        obj.ent_type_ in _VIEWER_ENTS or obj.lemma_.lower() in VIEWER_NOUNS
    ):
        return None
    if prep.head.lemma_.lower() in CUE_LEMMAS or QUOTE_CHARS.search(sent.text) or any(
        t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" for t in sent
    ):
        return None  # "he said in an interview that ...": the speech verb is the cue
    source = prep.doc[obj.left_edge.i : obj.right_edge.i + 1]
    before = trim_span(text, sent.start_char, prep.idx)
    rest = trim_span(text, source.end_char, sent.end_char)
    content = max((before, rest), key=lambda p: len(WORD.findall(text, p[0], p[1])))
    if len(WORD.findall(text, *content)) < 3:
        return None
    return Attribution([content], (prep.idx, prep.idx + len(prep)), prep, source, confidence=0.5, origin="prep_source")


def according_to(tok: Token, text: str) -> Attribution | None:
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
    before = trim_span(text, sent.start_char, phrase_start)
    after = trim_span(text, phrase_end, sent.end_char)
    content = max((before, after), key=lambda p: len(WORD.findall(text, p[0], p[1])))
    if content[0] >= content[1]:
        return None
    return Attribution([content], (tok.idx, to.idx + len(to)), tok, source, confidence=0.75, origin="according")


def colon_line_attributions(doc: Doc, text: str) -> Iterator[Attribution]:
    """Headline-style lines "Pat Caddell: Democrat voters worried ..." (a name, a colon, a claim)."""
    for m in _COLON_LINE.finditer(text):
        content = trim_span(text, m.start(2), m.end(2))
        if len(WORD.findall(text, *content)) < 3 or "://" in m.group(2):
            continue
        source = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        colon = m.end(1)
        if source is None:
            continue
        yield Attribution([content], (colon, colon + 1), None, source, confidence=0.6, origin="colon_line")

def sentence_initial(text: str, pos: int) -> bool:
    """Whether a quote at ``pos`` starts its sentence (after a paragraph break or a full stop)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\n.!?”\""
