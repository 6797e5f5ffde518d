"""Regular-expression building blocks shared by the extractors."""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_trie(words: Iterable[str], *, fold_case: bool = False, space: str = r"\s+") -> str:
    """A regex alternation of ``words``, longest first, written as a character trie.

    ``s(?:even(?:t(?:een|y))?|ix)`` matches what ``seventeen|seventy|seven|six`` matches,
    in the same order of preference: the words that match at one position all lie on
    one path of the trie, and its greedy optional tails try the longer ones first. The
    regex engine then tests a position against a few first letters instead of every
    word: 12 times faster for 700 office-holder names, a quarter faster for number words.

    A space inside a word matches ``space``. For a pattern compiled with IGNORECASE pass
    ``fold_case``: the words are lower-cased first, since cased twins on separate branches
    ("KM", "kmh") would otherwise change which one wins.
    """
    trie: dict[str, dict] = {}
    for word in {w.lower() for w in words} if fold_case else set(words):
        node = trie
        for piece in re.findall(r"\s+|.", word, flags=re.DOTALL):
            node = node.setdefault(space if piece.isspace() else re.escape(piece), {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        tails = [key + pattern(child) for key, child in sorted(node.items()) if key]
        if not tails:
            return ""
        if len(tails) == 1 and "" not in node:
            return tails[0]
        return "(?:" + "|".join(tails) + ")" + ("?" if "" in node else "")

    return pattern(trie)
