"""Temporal expressions: find them with compiled rules and normalise them to TIMEX3.

:func:`find_timexes` scans a text once per rule (each rule is one compiled regex, so the
whole pass is linear in the text's length), keeps the leftmost-longest matches, and
resolves them in reading order so that "the next day" or "that night" is resolved
against the previous time the text mentioned, not the document's date::

    >>> import datetime as dt
    >>> [t.value for t in find_timexes("Troops crossed on Friday. The next day they left.",
    ...                                 dt.date(2025, 3, 16))]
    ['2025-03-14', '2025-03-15']

Which way an ambiguous name points ("on Friday": last Friday or the coming one?) comes
from the verb's tense: pass ``tense`` (offset -> "past"/"present"/"future"/None), as the
``timex.rules`` stage does from the spaCy parse; without it a cheap textual cue
(will/'ll/next versus said/was/-ed nearby) decides.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from newsweave.config import Options
from newsweave.extract.timex_resolve import Point, Tense, first_day
from newsweave.extract.timex_relative import RELATIVE_RULES
from newsweave.extract.timex_rules import CALENDAR_RULES, Context, Found, Rule, compares
from newsweave.model import Record
from newsweave.pipeline import Article, stage

NAME, VERSION = "timex.rules", "0.6.3"
EXTRACTOR = f"{NAME}@{VERSION}"
RULES: tuple[Rule, ...] = CALENDAR_RULES + RELATIVE_RULES  # earlier rules win ties of equal span


@dataclass(frozen=True, slots=True, kw_only=True)
class Timex(Record):
    """A temporal expression normalised to TIMEX3.

    ``type`` is DATE, TIME, DURATION or SET; ``value`` the TIMEX3 value (``2025-03-12``,
    ``2024-SU``, ``P7M``, ``PAST_REF``, ``XXXX-03-12`` when no anchor was known);
    ``anchor`` says what a relative expression was resolved against ("dct", "previous"
    for the previous reference time in the text, or None); ``mod`` the TIMEX3 mod
    (START, END, MID, APPROX, MORE_THAN, ...).

    An offset from another time ("three days later") is resolved to the date it lands on;
    ``duration`` then holds the TIMEX3 value of the length it measures (``P3D``) and
    ``duration_end`` where the words measuring it end (before "later"): TimeML annotates
    those words alone, as a DURATION whose anchor the signal "later" names.
    """

    kind: ClassVar[str] = "timexes"

    type: str
    value: str
    anchor: str | None = None
    mod: str | None = None
    duration: str | None = None
    duration_end: int | None = None


# --- tense from the text, when no parse is at hand -----------------------------------
# "to" before a determiner or a name begins a noun phrase, no infinitive: "the speaker's plans
# to reporters", "due to the storm" (because of it) look nowhere
_NOT_INFINITIVE = r"(?!\s+(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|reporters?|(?-i:[A-Z])\w*)\b)"
_FUTURE_CUE = re.compile(
    rf"\b(?:will|won't|shall|would|going\s+to|plan(?:s|ned|ning)?\s+to{_NOT_INFINITIVE}|scheduled|expected|expects?"
    rf"|set\s+to|due(?!\s+to\b)|due\s+to{_NOT_INFINITIVE}|is\s+to|are\s+to|intends?\s+to|(?:agree|promise|propose|prepare|hope)[sd]?\s+to|(?:vow|aim|want|threaten)(?:s|ed)?\s+to|next(?!\s+to\b)|upcoming|tomorrow|postponed|effective"
    r"|as\s+(?:soon|early)\s+as|(?:minutes|hours|days|weeks|months|years)\s+away)\b|'ll\b",
    re.IGNORECASE,
)
# common irregular past forms; a regular one is any lower-case word in -ed ("United" is no verb)
_IRREGULAR_PAST = (
    "said|told|was|were|had|did|made|took|came|went|got|gave|began|won|lost|left|met|paid|rose|fell|"
    "grew|saw|became|held|brought|bought|sold|thought|found|sent|spent|built|led|fought|struck|broke|"
    "ran|wrote|spoke|chose|drove|flew|knew|stood|sought|caught|taught|hit|quit|shot|threw|wore|woke"
)
_NOT_PAST_ED = "need|succeed|proceed|exceed|indeed|speed|feed|seed|bleed|breed|heed|shed|hundred"
# a participle after "be" ("will be named", "is to be held") is a passive, not a past tense:
# the auxiliary before it carries the tense
_PAST_CUE = re.compile(
    rf"\b(?<!\bbe\s)(?<!\bbeing\s)(?:(?i:{_IRREGULAR_PAST}|ago|last|yesterday)|(?-i:(?!(?:{_NOT_PAST_ED})\b)[a-z]{{3,}}ed))\b"
)
# the dots of "a.m.", "U.S.", "Mr." or "Feb." end no clause
_ABBREVIATIONS = (
    "Mr Mrs Ms Dr Jr Sr St Gen Gov Sen Rep Col Lt Sgt Corp Inc Co Ltd No "
    "Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec"
).split()
# The look-behinds follow the dot, so the regex engine skips straight to the break characters
# (30x faster than look-behinds first, same matches).
_CLAUSE_BREAK = re.compile(r"\.(?!\d)(?<!\b\w\.)" + "".join(rf"(?<!\b{a}\.)" for a in _ABBREVIATIONS) + r"|[;!?\n]")


# "since" points back from the time of writing whatever the verb's tense ("has been on
# patrol since March and was scheduled to ..."): the expression after it is in the past
_SINCE_BEFORE = re.compile(r"\b[Ss]ince\s+(?:(?:early|late|mid)[\s-]+)?(?:last\s+)?$")


_UNTIL_BEFORE = re.compile(r"\buntil\s+(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?\s+(?:[ECMP][SD]T\s+)?)?$", re.IGNORECASE)
_PLUPERFECT_BEFORE = re.compile(r"\bhad\s+been\s+$", re.IGNORECASE)
_TO_AFTER = re.compile(r"\s+to\b")


def textual_tense(text: str) -> Tense:
    """A tense guess for an offset from the words of its sentence, nearest cue first.

    >>> textual_tense("He will speak on Friday.")(17)
    'future'
    """

    def tense_at(offset: int) -> str | None:
        if _SINCE_BEFORE.search(text, max(0, offset - 20), offset):
            return "past"
        lo = max(0, offset - 120)
        hi = min(len(text), offset + 120)
        left = text[lo:offset]
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(left)]
        start = lo + (breaks[-1] if breaks else 0)
        right = _CLAUSE_BREAK.search(text, offset, hi)
        end = right.start() if right else hi
        # the verb before the expression governs it ("will succeed him Feb. 1, soon after he
        # turned 65"), the nearest cue first ("said Friday that he will ..." is past); only
        # where none comes before does the first cue after it decide ("On Friday, troops
        # entered ..."; "On Tuesday, the league plans to hold ..."), and where there is none
        # at all, "until" names a deadline ahead ("has given them until 9 a.m. Tuesday")
        best: tuple[int, str] | None = None
        for pattern, label in ((_FUTURE_CUE, "future"), (_PAST_CUE, "past")):
            for m in pattern.finditer(text, start, offset):
                if best is None or offset - m.end() < best[0]:
                    # "had been scheduled to expire Friday": a plan of the past, since overtaken
                    superseded = (label == "future" and _PLUPERFECT_BEFORE.search(text, max(0, m.start() - 12), m.start())
                                  and (m.group().endswith("to") or _TO_AFTER.match(text, m.end())))
                    best = (offset - m.end(), "past" if superseded else label)
        if best is None:
            past = _PAST_CUE.search(text, offset, end)
            future = _FUTURE_CUE.search(text, offset, past.start() if past else end)
            if future or past:
                return "future" if future else "past"
            return "future" if _UNTIL_BEFORE.search(text, max(0, offset - 24), offset) else None
        return best[1]

    return tense_at


_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_WORD_END = re.compile(r"\W|$")
_RULES_BY_TRIGGER: dict[str, tuple[int, ...]] = {}
for _i, _rule in enumerate(RULES):
    for _word in _rule.triggers:
        _RULES_BY_TRIGGER[_word] = _RULES_BY_TRIGGER.get(_word, ()) + (_i,)
del _i, _rule, _word


def _windows(text: str) -> dict[int, list[tuple[int, int]]]:
    """For each rule, the merged stretches of text around its trigger words (see :class:`Rule`)."""
    open_: dict[int, list[list[int]]] = {}
    for m in _TOKEN.finditer(text):
        token = m.group()
        if token[0].isdigit():
            if len(token) == 4 and (token[:2] == "20" or "15" <= token[:2] <= "19"):
                token = "<year>"
            elif len(token) == 2 and (token[1] == "0" or text[m.start() - 1:m.start()] in ("'", "\u2019")):
                token = "<decade>"  # "the '90s", and a year without its century: "in '87"
            else:
                continue
        ids = _RULES_BY_TRIGGER.get(token.lower())
        if not ids:
            continue
        for i in ids:
            rule = RULES[i]
            lo, hi = max(0, m.start() - rule.before), m.end() + rule.after
            spans = open_.setdefault(i, [])
            if spans and lo <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], hi)
            else:
                spans.append([lo, hi])
    # end each window at a word boundary so that no match is cut inside a word
    return {
        i: [(lo, _WORD_END.search(text, min(hi, len(text))).start()) for lo, hi in spans]
        for i, spans in open_.items()
    }


# a capitalised time word inside a sentence belongs to a name: ABC's "This Week", "60 Minutes",
# "High Noon", "VOA Today", "USA TODAY", the "New York Daily News", "Entertainment Weekly", The Hill's
# "Overnight Health Care", Vox's "Future Perfect" (holidays such as "Labor Day" are matched by their own rule)
_TITLE_WORD = re.compile(
    r"\b(?:Week|Weekend|Month|Year|Days?|Hours?|Minutes?|Noon|Today|Tonight"
    r"|Daily|Nightly|Weekly|Monthly|Quarterly|Yearly|Overnight|Future|TODAY|TONIGHT)\b"
)
_SENTENCE_START = re.compile(r"[.!?:;\"'`(\n\-_]\s*$")


def _in_a_title(text: str, start: int, end: int) -> bool:
    """Whether a capitalised time word in ``text[start:end]`` is part of a name, not a sentence's start."""
    for m in _TITLE_WORD.finditer(text, start, end):
        before = text[max(0, m.start() - 12):m.start()]
        if before.strip() and not _SENTENCE_START.search(before):
            return True
    return False


# The dating stage reads a whole batch (32 articles by default) before the parse, and the
# temporal stage then reads the same texts: the cache must outlast a batch to be hit.
_CANDIDATES_KEPT = 128


@lru_cache(maxsize=_CANDIDATES_KEPT)
def _candidates(text: str) -> tuple[tuple[int, int, int, Rule, re.Match], ...]:
    """Every rule's matches in ``text``, leftmost and longest first: what does not depend on the anchor.

    Kept for the last :data:`_CANDIDATES_KEPT` texts: dating (without an anchor, for every
    article of a batch before it is parsed) and the temporal stage (with the inferred date,
    after the parse) read the same article text, which is then scanned once.
    """
    candidates = []
    windows = _windows(text)
    for priority, rule in enumerate(RULES):
        spans = windows.get(priority, ()) if rule.triggers else ((0, len(text)),)
        for lo, hi in spans:
            for m in rule.pattern.finditer(text, lo, hi):
                if m.end() > m.start():
                    candidates.append((m.start(), -(m.end() - m.start()), priority, rule, m))
    candidates.sort(key=lambda c: c[:3])
    return tuple(candidates)


_PERIOD_ENDED = re.compile(r"\s*,?\s*(?:ended|ending|through|to)\s")


def find_timexes(
    text: str, anchor: dt.date | None, doc_id: str = "", *, tense: Tense | None = None
) -> list[Timex]:
    """Every temporal expression in ``text``, normalised against ``anchor`` (the document date).

    ``anchor=None`` leaves what cannot be known as X (``XXXX-03-12``, ``XXXX-WXX-5``).
    Offsets are character offsets into ``text``.
    """
    candidates = _candidates(text)
    ctx = Context(text=text, dct=anchor, tense=tense or textual_tense(text))
    out: list[Timex] = []
    taken_until = 0
    for start, _neg_len, _priority, rule, m in candidates:
        if start < taken_until:
            continue
        found: Found | None = rule.handle(m, ctx)  # type: ignore[attr-defined]
        if found is None:
            continue
        s, e = found.start if found.start is not None else m.start(), found.end if found.end is not None else m.end()
        if rule.name != "holiday" and _in_a_title(text, s, e):
            continue
        taken_until = e
        out.append(Timex(
            doc=doc_id, start=s, end=e, text=text[s:e], extractor=EXTRACTOR,
            confidence=found.confidence, type=found.type, value=found.value,
            anchor=found.anchor, mod=found.mod, duration=found.duration, duration_end=found.duration_end,
        ))
        if found.period is not None:
            ctx.to_date = found.period
        if found.sets_reference and isinstance(found.point, Point) and found.type in ("DATE", "TIME"):
            ctx.reference = found.point
            if found.point.grain in ("quarter", "half") and (
                ctx.period is None or anchor is None or found.point.ended_by(anchor) or _PERIOD_ENDED.match(text, e)
            ) and not (ctx.period is not None and (compares(text, s, 40) or found.point.first_day() < ctx.period.first_day())):
                # only a period already over can have results reported: "the fourth quarter"
                # in an October forecast does not replace the quarter the report is about,
                # while a fiscal "fourth quarter ended Sept. 30" does; nor does the quarter a
                # figure is compared with ("up from the second quarter"), nor one before the
                # period under report ("after a flat second quarter"): reports look at the latest
                ctx.period, ctx.to_date = found.point, None
    return out


# --- the pipeline stage ------------------------------------------------------------------
ANCHOR_MAX_DAYS = 31


def anchor_day(value: str) -> dt.date | None:
    """The day a published date anchors relative expressions to, if it is known well enough.

    A day, a month, or an interval of at most :data:`ANCHOR_MAX_DAYS` days anchors at its
    first day. A year, or a wide interval (a date inferred from thin evidence:
    "2019-08-01/2025-11-30"), anchors nothing: "last month" resolved against a guess spanning
    years would put an event in a year the text never implies, so it stays unresolved.
    """
    start = first_day(value)
    if start is None or len(value.split("/")[0].strip()) < 7:
        return None
    if "/" in value:
        end = first_day(value.split("/")[1])
        if end is None or (end - start).days > ANCHOR_MAX_DAYS:
            return None
    return start


def document_anchor(article: Article) -> dt.date | None:
    """The date relative expressions resolve against: the document's published date if known."""
    published = article.document.published
    if published is not None:
        return anchor_day(published.value)
    for record in article.records.get("published", ()):
        value = getattr(record, "value", None)
        if isinstance(value, str):
            return anchor_day(value)
    return None


# "could" is left out: as the past of "can" it reports ("could not be located Wednesday",
# "Neither he nor ... could be located") as often as it looks ahead
_FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo", "would", "might", "may"})
_REPORTING_LEMMAS = frozenset(
    "say tell report announce claim add state note insist argue confirm deny warn write "
    "call have hold remain".split()
)
_PROSPECTIVE_LEMMAS = frozenset(
    "plan expect schedule set intend hope aim prepare propose want agree promise threaten vow".split()
)


def spacy_tense(doc) -> Tense:
    """Tense at a character offset from the parse: the governing verb's tag and auxiliaries.

    A non-finite verb ("to leave Friday", "withdrawing ... on Friday") takes its tense from
    the verb that governs it, except that an infinitive after a verb of planning or
    expecting ("plans to hold a news conference Tuesday") looks forward.
    """
    from bisect import bisect_right

    from spacy.attrs import IDX

    starts: list[int] = []  # the tokens' character offsets, read (in one call) when first asked

    def finite_tense(token) -> str | None:
        for _hop in range(4):  # a few hops up a chain of non-finite verbs is enough
            children = list(token.children)
            # "may have been responsible": a modal perfect looks back, whatever the modal
            perfect = any(c.dep_ == "aux" and c.lower_ == "have" and c.tag_ == "VB" for c in children)
            for child in children:
                if child.tag_ == "MD" and child.lower_ in _FUTURE_MODALS:
                    return "past" if perfect else "future"
            if any(c.dep_ == "aux" and c.tag_ == "VBD" for c in children):
                return "past"
            if any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in children):
                return "past"  # the present perfect reports what has happened
            if token.tag_ == "VBD":
                return "past"
            if token.tag_ in ("VBZ", "VBP"):
                # "meet Monday with ...": a scheduled event; "says Monday": a report, so past
                return "present" if token.lemma_ in _REPORTING_LEMMAS or token.lemma_ == "be" else "future"
            if token.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in children):
                return "future"  # "is meeting Friday": the progressive of an arrangement
            infinitive = any(c.tag_ == "TO" for c in children)
            head = token.head
            if head.i == token.i or head.pos_ not in ("VERB", "AUX"):
                return "past" if token.tag_ == "VBN" else None
            if infinitive and head.lemma_ in _PROSPECTIVE_LEMMAS:
                return "future"
            token = head
        return None

    def tense_at(offset: int) -> str | None:
        if not starts:
            starts.extend(doc.to_array(IDX).tolist())
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return None
        token = doc[i]
        if token.dep_ == "poss":  # "Tuesday's declaration": the verb says nothing of the day
            return None
        while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
            token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            return None
        return finite_tense(token)

    return tense_at


def stage_tense(text: str, doc=None) -> Tense:
    """The tense the stage uses: a textual cue where the sentence has one, else the parse.

    Cue words next to the expression ("will", "scheduled", "said", "ago") are the surer
    sign in news prose; the parse decides where there is none ("meet Monday with ...").
    """
    textual = textual_tense(text)
    if doc is None:
        return textual
    parsed = spacy_tense(doc)

    def tense_at(offset: int) -> str | None:
        return textual(offset) or parsed(offset)

    return tense_at


@stage(NAME, version=VERSION, requires=("spacy",), produces=("timexes",))
def rule_timexes(article: Article, options: Options) -> Iterator[Timex]:
    """Temporal expressions of the article's body, anchored on its date, tense from the parse."""
    text = article.analysis_text
    tense = stage_tense(text, article.spacy)
    yield from find_timexes(text, document_anchor(article), article.document.id, tense=tense)
