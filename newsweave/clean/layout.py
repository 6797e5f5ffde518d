"""Layout: the title, dek and byline lines at the top of an article, the author bio at the end.

A plain-text copy of a web article often begins with its headline (a short line that
does not end like a sentence), a subtitle or dek (one sentence, often set off by a
blank line where the body paragraphs are not), and bylines and dates ("By Jane Doe",
"USA TODAY", "Updated March 3, 2025"). At the end, a short paragraph that opens
with a person's name followed by a role ("Jane Doe, a senior fellow at …", "Jane Doe
is a professor of …"), says nothing anyone *said*, and is followed only by chrome or
by nothing, is the author's bio. These lines are recorded as removed with reasons
``title``, ``dek``, ``byline`` and ``author-bio``; the document's title comes from
its metadata or from the span marked ``title``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from newsweave.clean.blocks import Block, span_for, split_blocks
from newsweave.config import Options
from newsweave.model import RemovedSpan
from newsweave.pipeline import Article, stage

NAME, VERSION = "clean.layout", "0.1.0"
EXTRACTOR = f"{NAME}@{VERSION}"

_I = re.IGNORECASE
TOP_LINES = 6  # headline furniture lives in the first few lines
_SENTENCE_FINAL = re.compile(r"[.!;:,…][\"'”’)\]]*$")
_QUESTION_FINAL = re.compile(r"\?[\"'”’)\]]*$")
_BYLINE = re.compile(
    r"^(?:by|written by|story by|words by|with|from|reporting by|posted by)\s+[A-Z]|"
    r"^(?:published|updated|posted|last updated|first published|modified)\b|"
    r"^this (?:article|story) is (?:more|less) than\b|"
    r"^(?:\w+day,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b"
    r"|^\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}\b",
    _I,
)
_ROLE_LINE = re.compile(
    r"^(?:opinion |guest |staff |senior |contributing |special |chief |political |foreign )*"
    r"(?:contributor|columnist|correspondent|writer|reporter|editor|journalist)s?$",
    _I,
)
_CONNECTOR = frozenset({"and", "of", "the", "de", "la", "van", "von", "der", "da", "bin", "al", "&"})
_WORD = re.compile(r"[^\W\d_][\w.'’-]*|\d+")
_NAME_START = re.compile(r"^(?:(?:Dr|Prof|Professor|Sir|Dame)\.?\s)?[A-Z][\w'’.-]*(?:\s(?:[A-Z][\w'’.-]*|de|van|von|bin|al|da|der|la)){1,4}")
_ROLE_NOUN = re.compile(
    r"\b(?:professor|fellow|author|director|editor|chair|chairman|chairwoman|columnist|"
    r"correspondent|reporter|writer|journalist|analyst|researcher|scientist|economist|"
    r"lecturer|president|founder|co-founder|ceo|contributor|host|member|minister|"
    r"ambassador|official|adviser|advisor|scholar|lawyer|attorney|partner|executive|"
    r"dean|historian|commentator|producer|strategist|consultant|specialist|expert|"
    r"diplomat|officer|secretary|senator|representative|candidate|student)s?\b",
    _I,
)
_BIO_LINK = re.compile(r"^,\s|^\s(?:is|was|has been|serves|served|teaches|writes|leads|heads|directs)\b")
# After "Name, role, ..." a bio goes on with what the author is or does; a news sentence
# with what the person did ("…, called the news", "…, noted that").
_BIO_VERB = re.compile(
    r",\s+(?:is|was|has|had|have|serves|served|teaches|taught|writes|wrote|leads|led|heads|"
    r"headed|directs|directed|works|worked|covers|lives|holds|held|previously|also|formerly)\b"
)
_FIRST_SENTENCE = re.compile(r"^.*?(?:[.!?](?=\s+[A-Z\"“])|$)", re.S)
# Words that open a sentence but never a person's name.
_NOT_A_NAME = frozenset(
    "on in at for but and the a an as after before when while with from by of to if this that "
    "these those it he she they we his her their our its there here meanwhile still yet so then "
    "now although though because since during under over like unlike".split()
)
_REPORTING = re.compile(r"\b(?:said|says|told|added|according to|asked|argued|insisted)\b", _I)
_AUTHOR_NOTE = re.compile(
    r"^(?:the (?:author|writer)s? (?:is|are|was|were|has|have)\b|about the authors?\b|"
    r"the views expressed\b|the opinions expressed\b|[—–-]\s*[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3}\s*,?\s)",
    _I,
)


def _looks_like_names(block: Block) -> bool:
    """A short line of capitalised words (a byline or an outlet): 'Jane Doe and John Roe'."""
    words = _WORD.findall(block.text)
    if not words or len(words) > 12 or _SENTENCE_FINAL.search(block.text) or _QUESTION_FINAL.search(block.text):
        return False
    if len(words) > 6 and not any(w.lower() == "and" for w in words):
        return False
    return all(w[0].isupper() or w.lower() in _CONNECTOR for w in words)


def _is_headline(block: Block) -> bool:
    n = block.n_words
    if n < 2 or n > 25 or _SENTENCE_FINAL.search(block.text):
        return False
    return not _QUESTION_FINAL.search(block.text) or n <= 15


def find_top(blocks: Sequence[Block], skip: set[int], doc: str = "") -> list[RemovedSpan]:
    """Title, dek and byline lines at the top; ``skip`` holds blocks already marked as chrome."""
    kept = [b for b in blocks if b.index not in skip]
    if len(kept) < 3:
        return []
    body_blank = [b.blank_after for b in kept[2:12]]
    blank_style = sum(body_blank) * 2 > len(body_blank)  # how body paragraphs are separated
    out: list[RemovedSpan] = []
    title: Block | None = None
    dek_done = False
    for pos, b in enumerate(kept[:TOP_LINES]):
        if len(kept) - pos < 2:
            break
        if (b.n_words <= 15 and _BYLINE.search(b.text)) or _ROLE_LINE.match(b.text):
            out.append(span_for(b, doc, EXTRACTOR, "byline", 0.85))
        elif _looks_like_names(b) and b.n_words <= 12:
            # a few names or an outlet in capitals is a byline; a longer title-case line a headline
            name_like = b.n_words <= 3 or b.text.isupper() or " and " in b.text
            is_title = title is None and not name_like
            title = b if is_title else title
            out.append(span_for(b, doc, EXTRACTOR, "title" if is_title else "byline", 0.7))
        elif title is None and not dek_done and _is_headline(b):
            title = b
            out.append(span_for(b, doc, EXTRACTOR, "title", 0.85))
        elif title is not None and not dek_done and b.n_words <= 40 and b.n_sentences <= 2 and (
            not _SENTENCE_FINAL.search(b.text) or b.blank_after != blank_style
        ):
            dek_done = True
            out.append(span_for(b, doc, EXTRACTOR, "dek", 0.75))
        else:
            break
    return out


def _is_bio(block: Block) -> bool:
    text = block.text
    if block.n_words > 150 or _REPORTING.search(text):
        return False
    if _AUTHOR_NOTE.match(text):
        return True
    m = _NAME_START.match(text)
    if not m or not _BIO_LINK.match(text[m.end() :]) or m.group().split()[0].lower() in _NOT_A_NAME:
        return False
    if text[m.end()] == ",":  # "Name, role ..." must read as a bio to its first sentence's end
        sentence = _FIRST_SENTENCE.match(text).group()
        rest = sentence[m.end() + 1 :]
        if "," in rest and not _BIO_VERB.search(rest):
            return False
    return _ROLE_NOUN.search(text[m.end() : m.end() + 200]) is not None


def find_bio(blocks: Sequence[Block], skip: set[int], doc: str = "") -> list[RemovedSpan]:
    """Author bios near the end: followed only by chrome lines (or by nothing)."""
    out: list[RemovedSpan] = []
    tail_from = max(1, int(len(blocks) * 0.6))
    for pos in range(len(blocks) - 1, tail_from - 1, -1):
        b = blocks[pos]
        if b.index in skip:
            continue
        nxt = blocks[pos + 1] if pos + 1 < len(blocks) else None
        ends_body = nxt is None or nxt.index in skip
        if ends_body and _is_bio(b):
            out.append(span_for(b, doc, EXTRACTOR, "author-bio", 0.8))
            skip = skip | {b.index}
    return out[::-1]


def find_layout(text: str, removed: Sequence[RemovedSpan] = (), doc: str = "") -> list[RemovedSpan]:
    """Title, dek, byline and author-bio spans of ``text``, given the chrome already ``removed``."""
    blocks = split_blocks(text)
    gone = {(r.start, r.end) for r in removed}
    skip = {b.index for b in blocks if (b.start, b.end) in gone}
    top = find_top(blocks, skip, doc)
    skip |= {b.index for b in blocks if any(b.start == s.start for s in top)}
    return top + find_bio(blocks, skip, doc)


@stage(NAME, version=VERSION, requires=("text",), produces=("removed",))
def layout_stage(article: Article, options: Options) -> Iterator[RemovedSpan]:
    """Mark headline furniture at the top and the author bio at the end as removed."""
    yield from find_layout(article.document.text, article.removed, article.document.id)
