"""Site chrome: lines of a copied web page that are not the article's body.

Each non-blank line (see :mod:`newsweave.clean.blocks`) is judged on its shape: its
length, how it begins and ends, and the patterns that calls to action, captions,
credits, copyright notices, contributor lines and teasers share across sites
("Subscribe to our newsletter", "Photo: …", "… /Getty Images", "© 2025 …",
"X and Y contributed reporting.", "Read more: …"). Body sentences are long and
end like sentences, so most rules apply only to short lines, and none to a line
that reads as reported speech. A standalone line that repeats a sentence of the
running text is a pull-quote: the repeat is marked ``duplicate``, the running-text
occurrence is kept.

The stage records :class:`~newsweave.model.RemovedSpan` s; it never changes the text.
Importing this module also registers the later cleaning stages (layout, then topic),
so they run in that order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from newsweave.clean.blocks import Block, span_for, split_blocks
from newsweave.config import Options
from newsweave.model import RemovedSpan
from newsweave.pipeline import Article, stage

NAME, VERSION = "clean.chrome", "0.2.0"
EXTRACTOR = f"{NAME}@{VERSION}"

_I = re.IGNORECASE

# Reported speech or narration: a line that says who said what is body, however short.
_REPORTING = re.compile(r"\b(?:said|says|told|added|according to|asked|wrote|argued|insisted)\b", _I)

_SUBSCRIBE_WORD = re.compile(
    r"\b(?:subscri\w*|newsletters?|inbox|sign(?:ing)?[- ]?up|log[- ]?in|paywall|premium|"
    r"free trial|members?hip|unlimited (?:access|digital)|digital access|donat\w+|"
    r"daily (?:e-?mails?|briefing|digest)|e-?mail (?:alerts?|updates)|breaking news alerts?)\b",
    _I,
)
_CALL_TO_ACTION = re.compile(
    r"^(?:[>»•▶►\-–—*]\s*)?(?:please\s+)?(?:subscribe|sign|get|join|click|tap|download|register|"
    r"support|donate|become|try|start|enter|want|like|don'?t miss|never miss|stay|keep|"
    r"receive|unlock|already|create|continue|log|read|listen|watch|follow|share|enjoy)\b",
    _I,
)
_SHARE_LINE = re.compile(
    r"^(?:(?:share|tweet|pin|email|e-mail|print|copy(?: the)? link|comments?|save|"
    r"facebook|twitter|linkedin|whatsapp|reddit|pinterest|messenger|telegram|flipboard|"
    r"this (?:article|story)|on|via|with|your friends|article|story|link|x)\W*)+$",
    _I,
)
_FOLLOW = re.compile(
    r"^(?:follow|like|find)\b.{0,80}\b(?:on (?:twitter|facebook|instagram|x|linkedin|"
    r"tiktok|youtube|threads|bluesky)|@\w+)",
    _I,
)
_AD = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content| by .*)?|paid (?:content|post|partner)|"
    r"promoted(?: content)?|ad|ads by \w+|(?:story|article) continues (?:below|after)(?: (?:the )?"
    r"(?:advertisement|ad))?|continue reading(?: (?:below|the main story))?|close|"
    r"skip (?:to|the) (?:ad|advertisement|content)|report an? ad)\W*$",
    _I,
)
_COOKIE = re.compile(
    r"\bcookies?\b.{0,80}\b(?:use|accept|consent|policy|settings|preferences|browsing|"
    r"experience)\b|\b(?:use|accept|consent to|policy|settings)\b.{0,40}\bcookies?\b",
    _I,
)
_CREDIT_HEAD = re.compile(
    r"^(?:[\[(]\s*)?(?:(?:file |main |top |header |lead |cover )?(?:photo(?:graph)?s?|"
    r"illustrations?|images?|pictures?|graphics?|artwork|videos?|photo illustration|"
    r"credits?|source|map|chart)(?: credits?)?|pictured|above|top|left|right|"
    r"enlarge this image|toggle caption|caption)\s*(?::|\||—|–|-(?=\s)|by\b|courtesy\b)",
    _I,
)
_PHOTO_AGENCY = (
    r"(?:Getty Images?|AFP|Reuters|AP(?: Photo)?|Associated Press|Shutterstock|EPA(?:-EFE)?|"
    r"Bloomberg|Alamy|Sipa|Xinhua|TASS|Anadolu|iStock(?:photo)?|NurPhoto|Pool|"
    r"ZUMA(?: Press| Wire)?|Corbis|UPI|DPA|Redux|Wikimedia Commons|Flickr|Unsplash)"
)
# "(Photo by Jane Doe/AFP via Getty Images)", "John Smith/Reuters", "Courtesy of ...".
_TRAILING_CREDIT = re.compile(
    r"(?:\((?:photo|image|picture|illustration|credit|video)[^()]{0,120}\)|"
    r"(?:^|[.!?]\s+|\s[|–—-]\s*)(?:photo|image|picture|illustration)\s*(?:by|:)[^.]{0,80}|"
    r"\b[\w.'’-]+(?:\s[\w.'’-]+){0,3}\s*/\s*(?:[\w&.'’ -]{0,30}/)?\s*(?:\w+ via )?" + _PHOTO_AGENCY
    + r"|(?:\bvia|/)\s*" + _PHOTO_AGENCY + r"|courtesy(?: of)? [^.]{0,60})\W*$",
    _I,
)
_CREDIT_REACH = 200  # characters from a line's end within which a trailing credit starts
# Every trailing credit holds one of these: lines without any skip the backtracking pattern.
_CREDIT_KEYS = ("(", "/", "via", "courtesy", "photo", "image", "picture", "illustration")


def _may_end_with_credit(text: str) -> bool:
    tail = text[-_CREDIT_REACH:].lower()
    return any(key in tail for key in _CREDIT_KEYS)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|\u00a9)|\ball rights reserved\b|"
    r"^(?:this (?:article|story|piece|column|post) (?:was |is |first |originally )+"
    r"(?:published|appeared|republished|syndicated|reprinted|produced)|"
    r"(?:republished|reprinted|distributed) (?:with|by) (?:permission|arrangement))",
    _I,
)
_CONTRIBUTOR = re.compile(
    r"\bcontributed (?:reporting|research|to (?:this|the) (?:report|article|story|piece))\b|"
    r"^(?:additional |further )?(?:reporting|writing|editing|research|graphics|production)"
    r"(?: and \w+)? (?:by|from)\b|^(?:edited|written|compiled|produced|reported|fact[- ]checked)"
    r" by\b|^\(?(?:reporting|editing) by [^)]*\)?$",
    _I,
)
_RELATED = re.compile(
    r"^(?:[>»•▶►\-–—*]\s*)?(?:read (?:more|next|also|the full story|this)|related(?: (?:stories|articles|"
    r"coverage|content|reading|links?|news|posts?))?|see also|more (?:from|on|about|stories|news)"
    r"\b[^.]{0,60}|recommended(?: for you| reading)?|also (?:read|see|on)|you (?:may|might) "
    r"also (?:like|be interested|enjoy)|don'?t miss|most (?:read|popular|viewed|shared)|"
    r"further reading|trending(?: now)?|top stories|editor'?s picks?|what to read next|"
    r"(?:watch|listen)(?: now| more)?|click here)\b\s*(?::|\||—|–|-|»|›|>|$|\w)",
    _I,
)
_SENTENCE_FINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_NORM_TOKEN = re.compile(r"[^\W_]+")


def classify_line(block: Block) -> tuple[str, float] | None:
    """The chrome reason and confidence for one line, or ``None`` when it reads as body.

    Most lines are body, so each test runs only where it can apply: length first, then a
    plain substring for the patterns that can match anywhere in a line, and the search
    for reported speech only when a pattern has matched.
    """
    text, n = block.text, block.n_words
    if n == 0:
        return None
    lower = text.lower()

    def reported() -> bool:
        return _REPORTING.search(text) is not None

    if n <= 8 and _AD.match(text):
        return "advertisement", 0.95
    if n <= 12 and _SHARE_LINE.match(text):
        return "share", 0.9
    if n <= 25 and _FOLLOW.match(text) and not reported():
        return "share", 0.85
    # Each of these two patterns has one part that may match inside a line; the rest are anchored.
    if n <= 60 and (_COPYRIGHT.match(text) or ("rights reserved" in lower and _COPYRIGHT.search(text))):
        return "copyright", 0.95
    if n <= 40 and (_CONTRIBUTOR.match(text) or ("contributed" in lower and _CONTRIBUTOR.search(text))):
        return "contributor", 0.95
    if n <= 70 and "cookie" in lower and _COOKIE.search(text) and not reported():
        return "cookie", 0.85
    if n <= 60 and _CREDIT_HEAD.match(text):
        return ("credit" if n <= 10 else "caption"), 0.9
    # A credit ends its line: searching only the last characters keeps this linear and cheap
    # (``pos`` is not a slice, so ``^`` still means the line's real start).
    if n <= 60 and _may_end_with_credit(text) and _TRAILING_CREDIT.search(text, max(0, len(text) - _CREDIT_REACH)):
        return ("credit" if n <= 8 else "caption"), 0.8
    if n <= 30 and _SUBSCRIBE_WORD.search(text) and not reported():
        if _CALL_TO_ACTION.match(text) or n <= 8 or not _SENTENCE_FINAL.search(text):
            return "subscription", 0.9
    if n <= 30 and _RELATED.match(text) and not reported():
        return "related", 0.85
    return None


def _normalise(text: str) -> str:
    return " ".join(_NORM_TOKEN.findall(text.lower()))


def find_duplicates(blocks: Sequence[Block], skip: set[int]) -> Iterator[tuple[Block, float]]:
    """Standalone lines that repeat a sentence of another block (pull-quotes).

    A line whose words all occur, in order, inside a longer block is the repeat; of two
    identical standalone lines the later one is. Blocks in ``skip`` are ignored.
    """
    norms = {b.index: _normalise(b.text) for b in blocks if b.index not in skip}
    joined = " | ".join(f"{norms[i]}" for i in norms)
    for b in blocks:
        if b.index in skip or b.n_words < 6 or b.n_words > 60:
            continue
        needle = norms[b.index]
        if joined.count(needle) < 2:
            continue
        for other in blocks:
            if other.index == b.index or other.index in skip or needle not in norms[other.index]:
                continue
            if len(norms[other.index]) > len(needle) or other.index < b.index:
                yield b, 0.9
                break


def find_chrome(text: str, doc: str = "") -> list[RemovedSpan]:
    """All chrome lines of ``text`` and repeated pull-quotes, in text order."""
    blocks = split_blocks(text)
    found: dict[int, RemovedSpan] = {}
    for b in blocks:
        verdict = classify_line(b)
        if verdict:
            found[b.index] = span_for(b, doc, EXTRACTOR, *verdict)
    for b, confidence in find_duplicates(blocks, set(found)):
        found[b.index] = span_for(b, doc, EXTRACTOR, "duplicate", confidence)
    return [found[i] for i in sorted(found)]


@stage(NAME, version=VERSION, requires=("text",), produces=("removed",))
def chrome_stage(article: Article, options: Options) -> Iterator[RemovedSpan]:
    """Mark the chrome lines of the article's original text as removed."""
    yield from find_chrome(article.document.text, article.document.id)
