"""Quantities: numbers with units or counted things, normalised and attached to what they measure.

Finding is text-level and linear (:mod:`newsweave.extract.quantity_finder`); this module
turns what the finder reads into :class:`Quantity` records, converts each to its
dimension's canonical unit, and uses the spaCy parse to attach it: the counted noun
("30,000 Ukrainian troops" → troop), what is measured and whose it is ("Ukrainian forces
controlled some 500 square miles of Russian territory" → territory, Ukrainian forces),
who states it ("according to X", "X said") and, when the temporal stage ran, the time
expression of its sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from newsweave.config import Options
from newsweave.extract.quantity_finder import Found, find_quantities
from newsweave.model import Record
from newsweave.pipeline import Article, stage

NAME, VERSION = "quantities.rules", "0.1.4"
EXTRACTOR = f"{NAME}@{VERSION}"

# How close two statements of one quantity must be to agree ("600-mile (965km)").
AGREEMENT_TOLERANCE = 0.1
# Measures that name land held or covered: an area under a hectare is implausible for them
# ("400m2" of territory where other outlets write some 400 square miles).
LAND_MEASURES = frozenset({
    "territory", "land", "area", "region", "ground", "zone", "farmland", "forest", "province",
    "oblast", "country", "district", "enclave", "buffer", "front", "salient", "pocket", "bridgehead",
})
MIN_LAND_KM2 = 0.01
# the measured thing is a place ("400m2 of Russia"): land, whatever its name
PLACE_ENTITIES = frozenset({"GPE", "LOC"})
SAY_LEMMAS = frozenset({
    "say", "tell", "claim", "report", "estimate", "announce", "state", "add", "note", "insist",
    "confirm", "assert", "write", "put", "allege", "acknowledge", "warn", "predict", "calculate",
})


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity(Record):
    """A quantity stated in an article.

    ``value`` is the number as written with its multiplier applied ("$3.2bn" → 3.2e9); a
    range ("10 to 15") has ``low`` and ``high`` and its midpoint as ``value``. ``unit`` is
    the unit as written ("sq km", "$", ""), ``unit_name`` its canonical name ("square
    kilometre", "dollar"; None for a bare count), ``normalized`` the value in the
    dimension's canonical unit: ``{"value": 1295.0, "unit": "km²"}`` (money in its ISO
    4217 code, e.g. ``{"value": 3.2e9, "unit": "USD"}``). ``bound`` is one of exact,
    approximately, below, above, at_most, at_least; ``change`` is increase/decrease for
    "rose 5%", "halved". ``time`` is the nearest temporal expression of its sentence ("By
    Sunday") and ``time_value`` its TIMEX3 value ("2025-03-16"); ``predicate`` the lemma of the
    verb it hangs on ("release" for "30,000 people being released"). ``equivalents`` are parenthetical restatements, each a dict with
    its own offsets, value, unit and normalized value; ``flags`` names doubts
    ("equivalent_disagrees", "implausible_unit").
    """

    kind: ClassVar[str] = "quantities"

    value: float
    low: float | None = None
    high: float | None = None
    unit: str = ""
    unit_name: str | None = None
    normalized: dict[str, Any] | None = None
    bound: str = "exact"
    change: str | None = None
    measure: str | None = None
    holder: str | None = None
    time: str | None = None
    time_value: str | None = None
    predicate: str | None = None
    stated_by: str | None = None
    counted: str | None = None
    equivalents: tuple[dict[str, Any], ...] = ()
    flags: tuple[str, ...] = ()


def normalize(found: Found) -> dict[str, Any] | None:
    """The value in its dimension's canonical unit.

    >>> from newsweave.extract.quantity_finder import find_quantities
    >>> normalize(find_quantities("some 40 square miles")[0])
    {'value': 103.59952, 'unit': 'km²'}
    >>> normalize(find_quantities("50 cents")[0])
    {'value': 0.5, 'unit': 'USD'}
    """
    if found.currency:
        from newsweave.extract.quantity_units import CURRENCY_SUBUNITS

        factor = next((f for code, f, name in CURRENCY_SUBUNITS.values() if name == found.subunit), 1.0)
        unit = found.currency if not found.per else f"{found.currency}/{found.per}"
        return {"value": round(found.value * factor, 10), "unit": unit}
    if found.unit is None:
        return None
    u = found.unit
    unit = u.canonical if not found.per else f"{u.canonical}/{found.per}"
    return {"value": round(found.value * u.factor + u.offset, 10), "unit": unit}


def _agrees(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if not a or not b or a["unit"] != b["unit"]:
        return False
    scale = max(abs(a["value"]), abs(b["value"]), 1e-12)
    return abs(a["value"] - b["value"]) / scale <= AGREEMENT_TOLERANCE


def to_quantity(found: Found, doc_id: str, text: str, attachment: dict[str, Any] | None = None) -> Quantity:
    """A :class:`Quantity` record for what the finder read, with the parse's attachment."""
    norm = normalize(found)
    equivalents, flags = [], []
    for eq in found.equivalents:
        eq_norm = normalize(eq)
        agrees = _agrees(norm, eq_norm)
        if not agrees:
            flags.append("equivalent_disagrees")
        equivalents.append({
            "start": eq.start, "end": eq.end, "text": eq.text, "value": eq.value, "low": eq.low,
            "high": eq.high, "unit": eq.unit_text, "unit_name": eq.unit_name, "normalized": eq_norm,
            "agrees": agrees,
        })
    attachment = attachment or {}
    measure = attachment.get("measure")
    if (
        norm and norm["unit"] == "km²" and abs(norm["value"]) < MIN_LAND_KM2
        and (measure in LAND_MEASURES or attachment.get("measure_is_place"))
    ):
        flags.append("implausible_unit")
    if norm and found.low is not None and found.unit is not None:
        norm = dict(norm, low=round(found.low * found.unit.factor + found.unit.offset, 10),
                    high=round(found.high * found.unit.factor + found.unit.offset, 10))
    confidence = 0.9 if (found.unit or found.currency or attachment.get("counted")) else 0.6
    return Quantity(
        doc=doc_id, start=found.start, end=found.end, text=text[found.start:found.end],
        extractor=EXTRACTOR, confidence=confidence, value=found.value, low=found.low, high=found.high,
        unit=found.unit_text or ("$" if found.currency and not found.unit_text else ""),
        unit_name=found.unit_name, normalized=norm, bound=found.bound, change=found.change,
        measure=measure, holder=attachment.get("holder"), time=attachment.get("time"),
        time_value=attachment.get("time_value"), predicate=attachment.get("predicate"),
        stated_by=attachment.get("stated_by"), counted=attachment.get("counted"),
        equivalents=tuple(equivalents), flags=tuple(flags),
    )


# --------------------------------------------------------------------- attachment


def _phrase(token) -> str:
    """The noun chunk-sized phrase of a token: its compounds, adjectives and determiners."""
    left = token.left_edge.i
    for t in token.lefts:
        if t.dep_ in ("det", "predet"):
            left = max(left, t.i + 1)
    tokens = [t for t in token.doc[left: token.i + 1] if t.dep_ not in ("punct", "cc")]
    return " ".join(t.text for t in tokens).strip() or token.text


def _of_object(token):
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return obj
    return None


def _speaker(sent, root) -> str | None:
    """Who states the sentence: "according to X", or the subject of a saying verb."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            to = tok.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
            if objs:
                return tok.doc[objs[0].left_edge.i: objs[0].right_edge.i + 1].text
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_ in SAY_LEMMAS:
            subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and root.i not in range(subjects[0].left_edge.i, subjects[0].right_edge.i + 1):
                subj = subjects[0]
                if subj.pos_ == "PRON" and subj.lower_ not in ("he", "she", "they"):
                    continue
                return tok.doc[subj.left_edge.i: subj.right_edge.i + 1].text
    return None


def attach(doc, found: Found, timexes: Sequence[Record] = ()) -> dict[str, Any]:
    """What the parse says about a quantity: counted noun, measure, holder, speaker, time."""
    span = doc.char_span(found.start, found.end, alignment_mode="expand")
    if span is None or not len(span):
        return {}
    root = span.root
    out: dict[str, Any] = {}
    counted = None
    if found.unit is None and found.currency is None:
        head = root.head
        if root.dep_ in ("nummod", "quantmod", "amod", "compound") and head.pos_ in ("NOUN", "PROPN") and head.i >= span.end:
            counted = head
        else:
            counted = next((o for t in span for o in [_of_object(t)] if o is not None and o.i >= span.end), None)
            if counted is None and span.end < len(doc) and doc[span.end].pos_ == "NOUN" and doc[span.end].head.i >= span.end:
                counted = doc[span.end] if doc[span.end].head == doc[span.end] or doc[span.end].dep_ != "compound" else doc[span.end].head
        if counted is not None and counted.is_alpha:
            out["counted"] = counted.lemma_.lower()
    anchor = counted if counted is not None else root
    measure = _of_object(anchor) if counted is None else counted
    if measure is None and anchor.dep_ in ("nummod", "amod", "compound", "npadvmod", "quantmod", "nmod") and anchor.head.pos_ in ("NOUN", "PROPN"):
        measure = anchor.head
    verb = anchor
    while verb.dep_ not in ("ROOT",) and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) if verb.pos_ in ("VERB", "AUX") else None
    if verb.pos_ in ("VERB", "AUX"):
        out["predicate"] = verb.lemma_.lower()
    if measure is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
        # "a strip of land covering 30 square miles", "a pocket that spans ...": what the clause describes
        measure = _of_object(verb.head) or verb.head
    if measure is None and verb.dep_ == "advcl" and verb.tag_ == "VBG" and subject is None:
        # "clinging to a strip of land ..., covering 30 square miles": the participle describes
        # the governing verb's nearest object before it
        objects = [c for c in verb.head.children if c.dep_ == "dobj"]
        objects += [g for c in verb.head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        before = [o for o in objects if o.i < verb.i]
        if before and (nearest := max(before, key=lambda t: t.i)).pos_ == "NOUN":
            measure = _of_object(nearest) or nearest
    if measure is None and subject is not None and subject.pos_ in ("NOUN", "PROPN") and anchor.dep_ in ("dobj", "attr", "npadvmod", "pobj", "advmod"):
        measure, subject = subject, None
    if measure is not None:
        out["measure"] = measure.lemma_.lower()
        if measure.ent_type_ in PLACE_ENTITIES:
            out["measure_is_place"] = True
        poss = next((c for c in measure.children if c.dep_ == "poss"), None)
        if poss is not None:
            out["holder"] = doc[poss.left_edge.i: poss.i + 1].text.removesuffix("'s").removesuffix("’s").strip()
    if "holder" not in out and subject is not None and subject.pos_ != "PRON" and (measure is None or subject.i != measure.i):
        out["holder"] = _phrase(subject)
    sent = root.sent
    out["stated_by"] = _speaker(sent, root)
    if timexes:
        in_sentence = [t for t in timexes if t.start < sent.end_char and t.end > sent.start_char]
        if in_sentence:
            nearest = min(in_sentence, key=lambda t: min(abs(t.start - found.end), abs(found.start - t.end)))
            out["time"] = nearest.text
            out["time_value"] = nearest.value
    return {k: v for k, v in out.items() if v is not None}


def _is_pronoun_one(found: Found, attachment: dict[str, Any]) -> bool:
    """A bare "one" (or "a") that counts nothing is a pronoun: "one can already celebrate"."""
    return found.words and found.value == 1 and found.unit is None and found.currency is None and "counted" not in attachment


def extract(text: str, doc_id: str = "", spacy_doc=None, timexes: Sequence[Record] = ()) -> list[Quantity]:
    """Every quantity in ``text``; with a parse of the same text, attached to what it measures."""
    quantities = []
    for found in find_quantities(text):
        attachment = attach(spacy_doc, found, timexes) if spacy_doc is not None else {}
        if spacy_doc is not None and _is_pronoun_one(found, attachment):
            continue
        quantities.append(to_quantity(found, doc_id, text, attachment))
    return quantities


def warm_up(options: Options) -> None:
    from newsweave.nlp import load_spacy

    load_spacy(options.min_gazetteer_population)


@stage(NAME, version=VERSION, requires=("spacy",), produces=("quantities",), warm_up=warm_up)
def rule_quantities(article: Article, options: Options) -> Iterator[Quantity]:
    """The registered stage: scan the analysis text, attach with the shared parse."""
    timexes: Iterable[Record] = article.records.get("timexes", ())
    doc_text = article.document.text
    for quantity in extract(article.analysis_text, article.document.id, article.spacy, tuple(timexes)):
        # offsets are the same in both texts; the record quotes the original
        yield _with_text(quantity, doc_text)


def _with_text(quantity: Quantity, text: str) -> Quantity:
    from dataclasses import replace

    return replace(quantity, text=text[quantity.start: quantity.end])
