"""Place names standing for a government ("Kyiv will now have to decide", "Moscow denied it").

A country or capital-city mention is read as its government when the parse
shows it acting: the subject of a verb of deciding, saying or doing that
places do not do (decide, deny, demand, warn, ...), or the possessor of such
an act ("Kyiv's decision"). The record keeps the place mention apart and links
it to the government it stands for, named from the gazetteer's country.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from spacy.tokens import Doc, Span

from newsweave.config import Options
from newsweave.extract.gazetteer import capital_of, country_name, lookup
from newsweave.model import Record
from newsweave.pipeline import Article, stage

NAME, VERSION = "metonymy.rules", "0.1.0"
EXTRACTOR = f"{NAME}@{VERSION}"

AGENT_VERBS = frozenset(
    "decide say announce deny reject accuse demand insist warn agree refuse respond claim "
    "threaten vow pledge promise urge call order approve sign condemn blame retaliate "
    "negotiate propose offer plan seek want hope expect confirm acknowledge admit insist "
    "respond argue believe allege criticize criticise welcome sanction expel recognize "
    "recognise invade attack launch withdraw authorize authorise request ask tell".split()
)
AGENT_NOUNS = frozenset(
    "decision response refusal demand statement position policy offer proposal plan "
    "denial claim request warning threat approval plea stance".split()
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Metonymy(Record):
    """A place mention that stands for a government: ``stands_for`` names that government."""

    kind: ClassVar[str] = "metonymy"

    place: str
    country: str  # ISO code
    stands_for: str  # "government of Ukraine"
    cue: str  # the verb or noun that shows the place acting


def _government(span: Span, min_population: int) -> tuple[str, str] | None:
    """(country code, country name) when the span names a country or a capital city."""
    for place in lookup(span.text, min_population):
        if place.kind == "country":
            return place.country, place.name
        if place.kind == "city":
            capital = capital_of(place.country, min_population)
            if capital is not None and capital.geonameid == place.geonameid:
                return place.country, country_name(place.country)
    return None


def _cue(span: Span) -> str | None:
    root = span.root
    head = root.head
    if root.dep_ == "nsubj":
        verb = head
        # "Kyiv will now have to decide": follow have/need/want + to + verb.
        for child in verb.children:
            if child.dep_ == "xcomp" and child.lemma_ in AGENT_VERBS:
                return child.lemma_
        if verb.lemma_ in AGENT_VERBS:
            return verb.lemma_
    if root.dep_ == "poss" and head.lemma_ in AGENT_NOUNS:
        return head.lemma_
    return None


def find_metonymy(doc: Doc, min_population: int = 5000) -> list[tuple[Span, str, str, str]]:
    """(place span, country code, country name, cue) for places acting as governments."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "GPE":
            continue
        cue = _cue(ent)
        if cue is None:
            continue
        gov = _government(ent, min_population)
        if gov is not None:
            out.append((ent, gov[0], gov[1], cue))
    return out


@stage(NAME, version=VERSION, requires=("spacy",), produces=("metonymy",))
def place_metonymy(article: Article, options: Options) -> Iterator[Metonymy]:
    for span, code, country, cue in find_metonymy(article.spacy, options.min_gazetteer_population):
        yield Metonymy(
            doc=article.document.id, start=span.start_char, end=span.end_char, text=span.text,
            extractor=EXTRACTOR, confidence=0.7, place=span.text, country=code,
            stands_for=f"government of {country}", cue=cue,
        )
