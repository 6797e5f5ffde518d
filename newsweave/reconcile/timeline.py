"""One story timeline across sources: the same event told by several articles becomes one entry.

:func:`build_timeline` takes the ``analysis.json`` dict (documents, ``events``, mentions
with their canonical ``entity``, entities) and returns entries ordered by when the event
happened, each citing every source that reports it and when that source was published.

Two events are the same happening when their dates are compatible (their TIMEX3
intervals overlap; an unknown year matches any year), their predicates agree (same lemma
or the same family in :data:`~newsweave.extract.events_lexicon.EVENT_FAMILIES`) and
their participants or wording agree (shared canonical entities, sentence-embedding
similarity of the two clauses with MiniLM), and their actors are not known to be on
different sides (the countries their places and nationality words stand for: "Russia's
invasion" is not "Ukraine invading Russia"). Pairs are merged greedily, best first, and a
cluster never merges into one whose dates it contradicts, nor into one that began after an
article that tells the event as done was published. An undated mention of an event
("the incursion") then joins the dated entry it matches best, so that entry cites it too:
first one its own article dates that names the same town or region ("Kiev invaded the Kursk
region in August ... the Kursk invasion"), else another article's. A mention dated only
relative to an article whose own date is a range ("earlier this month", in an article of
May to December 2024) keeps that range as a window it must fall in. A date told without its
year ("in August") takes the year of the entry it joins when that leaves one year possible
("last summer", 2024: "2024-08"). A past tense its article does not date ("Jobs resigned")
joins, as an undated mention, only an entry dated in the days just before its article
(``TimelineOptions.recent_days``): told as news, it happened then. Events are compared by
the embedding of their clause; an event noun, whose clause is only its noun phrase ("its
launch"), by that of its phrase and its sentence together.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy

from newsweave.extract.events_lexicon import EVENT_FAMILIES, EVENT_NOUNS
from newsweave.extract.timex import anchor_day, find_timexes
from newsweave.embeddings import DIMENSIONS, embed
from newsweave.model import content_id
from newsweave.reconcile.affiliation import mention_country
from newsweave.reconcile.intervals import Interval, interval_of, published_bounds

TIMELINE_COMMITMENTS = frozenset({"asserted", "attributed"})
TIMELINE_GRAINS = frozenset({"time", "day", "week", "month", "season", "quarter", "half", "year"})
@dataclass(slots=True)
class _Item:
    event: dict[str, Any]
    interval: Interval | None
    keys: frozenset[str]  # canonical entities (or normalised participant words)
    families: frozenset[int]
    reported: str | None
    # The last day the event can have happened on as its article tells it: the article's latest
    # possible publication day, for an event told in a past tense (None otherwise or unknown).
    done_by: int | None = None
    # The countries its actors stand for ("Kyiv", "Ukrainian troops": UA); empty when unknown.
    sides: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()  # ... and the countries its targets stand for
    # Its date with an unknown year filled from its article's, as its interval reads it
    # ("XXXX-08" in an article of September 2024: "2024-08"); None: the date as told.
    value: str | None = None
    # ``keys`` with a participant that stands for a country as that country (see ``_keys``)
    parties: frozenset[str] = frozenset()
    # For an event told relative to an article dated only roughly ("earlier this month" in an
    # article of May to December 2024): the days it can fall in, though it has no date of its own.
    window: Interval | None = None
    places: frozenset[str] = frozenset()  # the towns and regions it names (see ``_keys``)
    # whether ``window`` is only the days before its article, for an undated past tense
    # (``TimelineOptions.recent_days``), not a time the text tells: it then joins an entry as
    # an undated mention does, by its wording and participants, only within those days
    recent: bool = False
    stem: str | None = None  # its predicate's derivational stem (see ``derivational_stem``)

    def fits(self, other: "_Item") -> bool:
        """Whether ``other``'s date (if it has one with a year) can fall in this one's window."""
        return (self.window is None or other.interval is None or not other.interval.year_known
                or self.window.overlaps(other.interval))

    def opposed(self, other: "_Item") -> bool:
        """Whether the two events' actors are known to be on different sides ("Russia invaded"
        and "Ukraine invaded"): then they are not one happening, whatever their verbs."""
        if self.sides and other.sides and not self.sides & other.sides:
            return True
        # one's doer is the other's target ("Russia's invasion", "invading Russia")
        return bool(self.sides & (other.targets - other.sides) or other.sides & (self.targets - self.sides))

    def may_be(self, other: "_Item") -> bool:
        """Whether this event and ``other`` can be one happening as far as their dates go:
        their intervals overlap, and neither starts after the other's article told it as done."""
        a, b = self.interval, other.interval
        if a is None or b is None or not a.overlaps(b):
            return False
        return not (self.began_after(other.done_by) or other.began_after(self.done_by))

    def began_after(self, day: int | None) -> bool:
        """Whether the event's known dates start after ``day`` (an ordinal; None: never)."""
        return day is not None and self.interval is not None and self.interval.year_known and self.interval.lo > day


@dataclass(frozen=True, slots=True)
class TimelineOptions:
    """How eagerly events merge: ``threshold`` on the combined score, and its weights."""

    threshold: float = 0.55
    paraphrase: float = 0.82  # embedding similarity that merges without predicate agreement
    embedding_weight: float = 0.45
    predicate_weight: float = 0.3
    entity_weight: float = 0.25
    attach_similarity: float = 0.6  # for an undated mention to join a dated entry with shared participants
    attach_specific: float = 0.45  # ... or naming one town or region alike
    attach_wording: float = 0.75  # ... or, naming none, by its wording alone ("their first meeting")
    attach_in_document: float = 0.35  # ... or to an event its own article dates, naming one thing alike
    # a past-tense event its article does not date may join an entry dated up to this many days
    # before the article was published (0: it joins none)
    recent_days: int = 7
    max_entries_in_chart: int = 60
    max_entries_in_list: int = 200  # the report lists the most-told entries; the JSON has all
    max_sources_per_entry: int = 12


# ---------------------------------------------------------------------------
# Items
# ---------------------------------------------------------------------------

_FAMILY_OF: dict[str, frozenset[int]] = {}
for _i, _family in enumerate(EVENT_FAMILIES):
    for _word in _family:
        _FAMILY_OF[_word] = _FAMILY_OF.get(_word, frozenset()) | {_i}
del _i, _family, _word
_STOP = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"})
_NOMINAL_ENDING = re.compile(r"(?:ation|ition|ment|ance|ence|ery|ure|ion|al|ing|y|e)$")


def derivational_stem(lemma: str) -> str:
    """What an event noun and the verb it derives from have in common, to tell that "the
    delivery" and "delivered" name one kind of happening: the lemma without a nominal ending,
    cut to five letters.

    >>> [derivational_stem(w) for w in ("delivery", "deliver", "production", "produce", "landing", "land")]
    ['deliv', 'deliv', 'produ', 'produ', 'land', 'land']
    """
    base = _NOMINAL_ENDING.sub("", lemma)
    return (base if len(base) >= 4 else lemma)[:5]


def _word_key(text: str) -> str | None:
    words = [w for w in re.findall(r"\w+", text.lower().replace("’s", "").replace("'s", "")) if w not in _STOP]
    return words[-1] if words else None


Mention = tuple[int, int, str | None, str, str | None]  # start, end, entity id, text, label


class _DocMentions:
    """One document's mentions sorted by start, to find those inside a span by bisection."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = sorted(mentions)
        self.starts = [m[0] for m in self.mentions]

    def within(self, span: dict[str, Any]) -> list[Mention]:
        inside = self.mentions[bisect_left(self.starts, span["start"]): bisect_left(self.starts, span["end"])]
        return [m for m in inside if m[1] <= span["end"]]


def _mention_index(analysis: dict[str, Any]) -> dict[str, _DocMentions]:
    out: dict[str, list[Mention]] = {}
    for m in analysis.get("mentions", ()):
        out.setdefault(m["doc"], []).append((m["start"], m["end"], m.get("entity"), m["text"], m.get("label")))
    return {doc: _DocMentions(spans) for doc, spans in out.items()}


PLACE_LABELS = frozenset({"place", "GPE", "LOC", "FAC"})


class _Participants(NamedTuple):
    keys: frozenset[str]
    parties: frozenset[str]
    places: frozenset[str]
    sides: frozenset[str]
    targets: frozenset[str]


def _keys(event: dict[str, Any], mentions: _DocMentions, entities: dict[str, dict[str, Any]]) -> _Participants:
    """What an event is about: the canonical entities (or words) of its participants; the same
    with each participant that stands for a country as that country ("Kyiv", "Ukraine" and
    "Ukrainian forces" as actors are one party, ``c:UA``; a target only as a country or a
    nationality, not the town taken), to compare two events' participants by; the places
    below a country it names (a town, a region: "the Kursk region"), which tell one happening
    from another better than the people in it, who take part in many; and the countries its
    actors and its targets stand for (:func:`~newsweave.reconcile.affiliation.mention_country`)."""
    keys: set[str] = set()
    parties: set[str] = set()
    places: set[str] = set()
    countries: dict[bool, set[str]] = {True: set(), False: set()}
    roles = [(p, True) for p in event.get("actors") or ()] + [(p, False) for p in event.get("targets") or ()]
    if event.get("place"):
        roles.append((event["place"], None))
    for p, actor in roles:
        found = mentions.within(p)
        for start, end, entity, text, label in found:
            key = entity or "w:" + (_word_key(text) or text.lower())
            keys.add(key)
            record = entities.get(entity or "")
            country = mention_country(label, text, record, towns=bool(actor))
            parties.add("c:" + country if country and actor is not None else key)
            if country and actor is not None:
                countries[actor].add(country)
            if entity and label in PLACE_LABELS and not country:
                places.add(entity)
        if not found and (word := _word_key(p["text"])):
            keys.add("w:" + word)
            parties.add("w:" + word)
    if event.get("form") == "noun" and event.get("sentence_end") and not any(not k.startswith("w:") for k in parties):
        # an event noun seldom has its participants in its phrase ("Deliveries to Singapore
        # Airlines, its launch customer, ..."): the named things of its sentence stand in
        sentence = {"start": event["sentence_start"], "end": event["sentence_end"]}
        parties.update(entity for _s, _e, entity, _t, _l in mentions.within(sentence) if entity)
    return _Participants(frozenset(keys), frozenset(parties), frozenset(places),
                         frozenset(countries[True]), frozenset(countries[False]))


def _items(analysis: dict[str, Any], options: "TimelineOptions") -> list[_Item]:
    docs = {d["id"]: d for d in analysis.get("documents", ())}
    mentions = _mention_index(analysis)
    entities = {e["id"]: e for e in analysis.get("entities", ())}
    items = []
    for event in analysis.get("events", ()):
        if event.get("commitment") not in TIMELINE_COMMITMENTS:
            continue
        published = (docs.get(event["doc"]) or {}).get("published")
        interval = None
        source = event.get("date_source")
        value = event.get("date")
        if event.get("granularity") in TIMELINE_GRAINS and (
                source in ("timex", "offset") or (source == "document" and event.get("tense") == "perfect")):
            # the year (and month) an article's "March 12" ("this month") falls in: its date's,
            # when that is known closely; a wide inferred interval ("2019-08-01/2025-11-30")
            # gives none: the entry stays without a year (listed, not charted)
            day = anchor_day((published or {}).get("value") or "")
            if day is not None and value.startswith("XXXX"):
                # told before its article's date was known (the story dated it since): the
                # words read again against that date ("last summer" in August 2024: 2023-SU)
                value = _read_again(event, (docs.get(event["doc"]) or {}).get("text") or "", day) or value
            if day is not None and value.startswith("XXXX-XX"):
                value = f"{day:%Y-%m}{value[7:]}"  # "this month"
            year = day.year if day else None
            interval = interval_of(value, year)
            if interval is not None and year is not None and value.startswith("XXXX"):
                value = f"{year:04d}{value[4:]}"
            if interval is not None and event.get("granularity") in ("day", "time"):
                # a day's news straddles midnight and time zones: "entered on the 12th",
                # "retook it on the 13th"; a past perfect reported on a day happened by then
                # (not one placed by an offset: "a day after Ukraine had agreed")
                before = 7 if event.get("tense") == "past_perfect" and source == "timex" else 1
                interval = Interval(interval.lo - before, interval.hi + 1, interval.year_known)
        families = _FAMILY_OF.get(event.get("predicate", ""), frozenset())
        in_doc = mentions.get(event["doc"]) or _DocMentions([])
        found = _keys(event, in_doc, entities)
        window, recent = None, False
        if interval is None and source == "timex" and (value or "").startswith("XXXX"):
            window = _published_window(published)
        elif interval is None and source == "document" and event.get("tense") == "past":
            window = _recent_window(published, options.recent_days)
            recent = window is not None
        items.append(_Item(event, interval, found.keys, families, (published or {}).get("value"),
                           _done_by(event, published, undated=interval is None), found.sides, found.targets,
                           value, found.parties, window, found.places, recent,
                           derivational_stem(event["predicate"]) if event.get("predicate") else None))
    return items


def _recent_window(published: dict[str, Any] | None, days: int) -> Interval | None:
    """The days before a closely dated article in which what it tells in the past tense without
    a date most likely happened ("Jobs resigned", in an article of 25 August: a day or a few
    before), so that it can join an entry others date in them (None when the date is rough)."""
    value = (published or {}).get("value") or ""
    day = anchor_day(value)
    if day is None or days <= 0:
        return None
    return Interval(day.toordinal() - days, day.toordinal(), True)


def _published_window(published: dict[str, Any] | None) -> Interval | None:
    """The days an article's "this month" or "this year" can fall in: from the first day of the
    month of its earliest possible date to its latest (None when its date is unknown, or known
    only to within more than a year, which holds an event to no entry in particular)."""
    bounds = published_bounds((published or {}).get("value") or "")
    if bounds is None or not bounds[0].year_known or not bounds[1].year_known:
        return None
    first, last = bounds
    window = Interval(dt.date.fromordinal(first.lo).replace(day=1).toordinal(), last.hi, True)
    return window if window.hi - window.lo <= 366 else None


def _read_again(event: dict[str, Any], text: str, day: dt.date) -> str | None:
    """The value of an event's temporal expression read again in its sentence against ``day``,
    if that now gives a full date; None otherwise (or when the text is not at hand)."""
    start, s0, s1 = event.get("timex_start"), event.get("sentence_start"), event.get("sentence_end")
    if start is None or s0 is None or not text or not s0 <= start < (s1 or 0):
        return None
    for timex in find_timexes(text[s0:s1], day):
        if timex.start == start - s0:
            return timex.value if "X" not in timex.value and interval_of(timex.value) is not None else None
    return None


PAST_TENSES = frozenset({"past", "perfect", "past_perfect"})


def _done_by(event: dict[str, Any], published: dict[str, Any] | None, *, undated: bool = False) -> int | None:
    """The latest day an event can have begun as its article tells it: the article's latest
    possible date, for an event told in a past tense, or an undated one told as anything but
    foreseen ("its military advances", "Ukraine holds the salient": under way when written)."""
    value = (published or {}).get("value") or ""
    tense = event.get("tense")
    if not value or not (tense in PAST_TENSES or undated and tense not in ("future", "modal") and anchor_day(value)):
        return None  # (an undated mention only from an article dated closely: a wide guess may be wrong)
    latest = interval_of(value.rsplit("/", 1)[-1])
    return latest.hi if latest is not None and latest.year_known else None


# ---------------------------------------------------------------------------
# Clustering
# ---------------------------------------------------------------------------

def _predicate_agreement(a: _Item, b: _Item) -> float:
    """1 for the same predicate; 0.8 for one family, or an event noun and the verb it derives
    from ("delivery", "delivered"; two verbs alike in their first letters are not: "consist",
    "consider"); else 0."""
    p, q = a.event.get("predicate"), b.event.get("predicate")
    if p == q:
        return 1.0
    if a.families & b.families:
        return 0.8
    derived = a.stem is not None and a.stem == b.stem and (p in EVENT_NOUNS) != (q in EVENT_NOUNS)
    return 0.8 if derived else 0.0


def _entity_overlap(a: _Item, b: _Item) -> float:
    """Shared participants: canonical entities, a country standing for all its places, people and
    forces as actors ("Kiev" and "Ukrainian forces" are both Ukraine's doing)."""
    if not a.parties or not b.parties:
        return 0.0
    return len(a.parties & b.parties) / min(len(a.parties), len(b.parties))


def _score(a: _Item, b: _Item, similarity: float, options: TimelineOptions) -> float | None:
    """The merge score of two events, or None when they must not merge."""
    e1, e2 = a.event, b.event
    if e1["doc"] == e2["doc"] and e1.get("sentence_start") == e2.get("sentence_start") or a.opposed(b):
        return None
    predicate = _predicate_agreement(a, b)
    entities = _entity_overlap(a, b)
    if predicate == 0.0 and similarity < options.paraphrase:
        return None
    if predicate > 0.0 and entities == 0.0 and similarity < 0.6:
        return None
    score = (options.embedding_weight * similarity + options.predicate_weight * predicate
             + options.entity_weight * entities)
    return score if score >= options.threshold else None


def _embed_mergeable(items: list[_Item], texts: dict[str, str]) -> numpy.ndarray:
    """Embeddings of the events that share a block with another document's event; zeros
    for the rest, which can then only stay alone (embedding is the costliest step here).

    An event is its clause; an event noun ("its launch") is its noun phrase and its sentence
    together ("Since its launch the store has sold ..."), the mean of the two: the phrase says
    what happened, the sentence what it is about."""
    docs_in: dict[str, set[str]] = {}
    for key, members in _blocks(items, range(len(items))).items():
        docs_in[key] = {items[i].event["doc"] for i in members}
    mergeable = [
        i for i, it in enumerate(items)
        if any(len(docs_in.get(key, ())) > 1 for key in _block_keys(it))
    ]
    vectors = numpy.zeros((len(items), DIMENSIONS), dtype=numpy.float32)
    if not mergeable:
        return vectors
    vectors[mergeable] = embed([_clip_words(items[i].event["text"]) for i in mergeable])
    # an event noun's clause is only its noun phrase ("its launch")
    nouns = [(i, _sentence(items[i].event, texts)) for i in mergeable if items[i].event.get("form") == "noun"
             and items[i].event.get("sentence_end") and texts.get(items[i].event["doc"])]
    if nouns:
        rows = [i for i, _ in nouns]
        mean = vectors[rows] + embed([_clip_words(sentence) for _, sentence in nouns])
        vectors[rows] = mean / numpy.maximum(numpy.linalg.norm(mean, axis=1, keepdims=True), 1e-9)
    return vectors


def _clip_words(text: str) -> str:
    return " ".join(text.split())[:300]


def _block_keys(it: _Item) -> list[str]:
    keys = ["p:" + it.event["predicate"], "s:" + it.stem] if it.event.get("predicate") else []
    return keys + [f"f:{family}" for family in it.families]


def _blocks(items: list[_Item], indices) -> dict[str, list[int]]:
    """Items grouped by predicate and by event family: only items in one block can agree."""
    blocks: dict[str, list[int]] = {}
    for i in indices:
        for key in _block_keys(items[i]):
            blocks.setdefault(key, []).append(i)
    return blocks


def _candidate_pairs(items: list[_Item], dated: list[int], vectors: numpy.ndarray,
                     options: TimelineOptions) -> set[tuple[int, int]]:
    """Pairs that can score at all: a shared predicate or family, or paraphrases.

    Blocks are swept in date order, so only events whose dates can overlap are paired,
    and paraphrases come from chunked matrix products: no loop over all pairs.
    """
    pairs: set[tuple[int, int]] = set()
    for members in _blocks(items, dated).values():
        known = sorted((i for i in members if items[i].interval.year_known), key=lambda i: items[i].interval.lo)
        for x, i in enumerate(known):
            for j in known[x + 1:]:
                if items[j].interval.lo > items[i].interval.hi:
                    break
                pairs.add((min(i, j), max(i, j)))
        unknown = [i for i in members if not items[i].interval.year_known]
        for i in unknown:  # an unknown year can match any year: pair by day of year only
            pairs.update((min(i, j), max(i, j)) for j in members if j != i)
    index = numpy.asarray(dated)
    matrix = vectors[index]
    for start in range(0, len(index), 512):
        block = matrix[start:start + 512] @ matrix.T
        for x, y in zip(*numpy.nonzero(block >= options.paraphrase)):
            i, j = int(index[start + x]), int(index[y])
            if i < j:
                pairs.add((i, j))
    return pairs


def _cluster(items: list[_Item], vectors: numpy.ndarray, options: TimelineOptions) -> list[list[int]]:
    dated = [i for i, it in enumerate(items) if it.interval is not None]
    pairs: list[tuple[float, int, int]] = []
    for i, j in _candidate_pairs(items, dated, vectors, options) if len(dated) > 1 else ():
        a, b = items[i], items[j]
        if not a.may_be(b):
            continue
        score = _score(a, b, float(vectors[i] @ vectors[j]), options)
        if score is not None:
            pairs.append((score, i, j))
    parent = {i: i for i in dated}
    members = {i: [i] for i in dated}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _score_, i, j in sorted(pairs, reverse=True):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        # every pair across the two clusters must still agree on the date and the sides
        if not all(items[a].may_be(items[b]) and not items[a].opposed(items[b])
                   for a in members[ri] for b in members[rj]):
            continue
        parent[rj] = ri
        members[ri] += members.pop(rj)
    roots = list(members)
    clusters = [members[r] for r in roots]
    cluster_of = {m: c for c, r in enumerate(roots) for m in members[r]}
    # undated mentions ("the incursion") join the dated entry they match best: first one
    # their own article dates ("the assault in Kursk" after "Kiev invaded the region in August":
    # a shared town or region; else the same kind of happening and a shared participant:
    # "Ukraine's offensive was a gamble" after "Ukraine launched an incursion ... last August");
    # else, in other articles, one with the same
    # kind of happening, and shared participants with similar wording, or very similar wording
    # when the mention names no participant to compare;
    # only the dated events of the same blocks are looked at
    blocks = _blocks(items, dated)
    for i, it in enumerate(items):
        if it.interval is not None:
            continue
        candidates = {m for key in _block_keys(it) for m in blocks.get(key, ())}
        in_document = [m for m in candidates if items[m].event["doc"] == it.event["doc"]
                       and not items[m].opposed(it) and it.fits(items[m])]
        own = [m for m in in_document if it.places & items[m].places
               and float(vectors[i] @ vectors[m]) >= options.attach_in_document]
        if not own:  # "Ukraine's offensive was a gamble" in an article that dates the offensive
            own = [m for m in in_document if _predicate_agreement(it, items[m]) > 0
                   and _entity_overlap(it, items[m]) > 0 and float(vectors[i] @ vectors[m]) >= options.attach_specific]
        if own:
            clusters[cluster_of[max(own, key=lambda m: float(vectors[i] @ vectors[m]))]].append(i)
            continue
        best, best_score = None, 0.0
        for m in candidates:
            cluster = clusters[cluster_of[m]]
            if any(items[n].event["doc"] == it.event["doc"] for n in cluster):
                continue
            if any(items[n].began_after(it.done_by) or items[n].opposed(it) or not it.fits(items[n]) for n in cluster):
                continue  # told as done before the entry's events began, another side's doing, or out of its window
            if it.window is not None and not any(items[n].interval.year_known for n in cluster if items[n].interval):
                continue  # a window holds a mention only to an entry that has a year
            similarity = float(vectors[i] @ vectors[m])
            score = 0.0
            if it.window is not None and not it.recent or _predicate_agreement(it, items[m]) > 0 and (
                    similarity >= options.attach_wording and not it.keys
                    or similarity >= options.attach_similarity and _entity_overlap(it, items[m]) > 0
                    or similarity >= options.attach_specific and it.places & items[m].places):
                # (a roughly dated mention may join as a dated event would)
                score = _score(it, items[m], similarity, options) or 0.0
            if score > best_score:
                best, best_score = cluster_of[m], score
        if best is not None:
            clusters[best].append(i)
    return clusters


# ---------------------------------------------------------------------------
# Entries
# ---------------------------------------------------------------------------

GRAIN_ORDER = ("time", "day", "week", "month", "season", "quarter", "half", "year")


def _entry(cluster: list[int], items: list[_Item], vectors: numpy.ndarray,
           texts: dict[str, str], names: dict[str, str]) -> dict[str, Any]:
    dated = [items[i] for i in cluster if items[i].interval is not None]
    # the most precise date, preferring a known year, then the date most sources give
    known = [it.interval for it in dated if it.interval.year_known]
    span = (min(k.lo for k in known), max(k.hi for k in known)) if known else None
    votes = Counter(_dated_in_entry(it, span) for it in dated)
    date, grain, _known = min(votes, key=lambda v: (not v[2], GRAIN_ORDER.index(v[1]), -votes[v]))
    central = max(cluster, key=lambda i: float((vectors[cluster] @ vectors[i]).sum()))
    label_event = items[central].event
    sources = []
    label, label_at = label_event["text"], label_event["start"]
    stripped = label.strip()
    if not stripped[:1].isupper() and not (stripped.startswith("the ") and len(stripped.split()) >= 3) \
            and texts.get(label_event["doc"]):
        # a clause that does not begin its sentence ("to reverse their decision", "when Ukraine
        # launched a surprise attack") or a bare noun ("the meeting") reads as a heading only
        # within its sentence; a noun with its modifiers ("the Kursk invasion") is one
        label_at = label_event.get("sentence_start", label_event["start"])
        label = texts[label_event["doc"]][label_at:label_event.get("sentence_end", label_event["end"])]
    trigger = label_event.get("trigger_start"), label_event.get("trigger_end")
    label, label_trigger = _label(label, None if trigger[0] is None else (trigger[0] - label_at, trigger[1] - label_at))
    for i in sorted(cluster, key=lambda i: (items[i].reported or "", items[i].event["doc"], items[i].event["start"])):
        e = items[i].event
        sources.append({
            "doc": e["doc"], "start": e["start"], "end": e["end"], "sentence": _sentence(e, texts),
            "reported": items[i].reported, "event": e.get("id"), "trigger": e.get("trigger"),
            "date": e.get("date") if items[i].interval is not None or items[i].window is not None else None,
            "date_source": e.get("date_source"), "tense": e.get("tense"), "commitment": e.get("commitment"),
            "attributed_to": e.get("attributed_to"),
        })
    # (sorted: ties keep one order whatever the hash seed, so two runs write the same JSON)
    entity_counts = Counter(k for i in cluster for k in sorted(items[i].keys) if not k.startswith("w:"))
    # sorted by its date; a "March 12" without a year sits in the placeholder leap year
    shown = interval_of(date)
    lo = shown.lo if shown is not None and shown.year_known else \
        span[0] if span is not None else min(it.interval.lo for it in dated)
    return {
        "id": content_id("|".join(sorted(s["event"] or f"{s['doc']}:{s['start']}" for s in sources)), "t"),
        "date": date, "granularity": grain, "year_known": any(it.interval.year_known for it in dated),
        "sort": lo, "label": label, "label_trigger": label_trigger,
        "sources": sources, "documents": sorted({s["doc"] for s in sources}),
        "entities": [{"id": k, "name": names.get(k, k)} for k, _ in entity_counts.most_common(8)],
    }


def _sentence(event: dict[str, Any], texts: dict[str, str]) -> str:
    """The sentence an event is told in (its own words when the article's text is not at hand)."""
    text = texts.get(event["doc"], "")
    s0, s1 = event.get("sentence_start", event["start"]), event.get("sentence_end", event["end"])
    return text[s0:s1].strip() if text else event["text"]


def _dated_in_entry(it: _Item, span: tuple[int, int] | None) -> tuple[str, str, bool]:
    """(value, granularity, year known) of one source's date as its entry places it: a date
    told without its year ("in August", in an article whose year is unknown) takes the one
    year in which it falls within ``span``, the first and last day of the entry's dates that
    have a year ("last summer", 2024: "2024-08"), and so can be the entry's most precise date."""
    value, grain = it.value or it.event["date"], it.event["granularity"]
    if it.interval.year_known:
        return value, grain, True
    if span is None:
        return value, grain, False
    lo, hi = span
    first, last = dt.date.fromordinal(lo).year, dt.date.fromordinal(hi).year
    years = [y for y in range(first - 1, last + 1)
             if (iv := interval_of(value, y)) is not None and iv.lo >= lo - 1 and iv.hi <= hi + 1]
    if len(years) != 1:
        return value, grain, False
    return f"{years[0]:04d}{value[4:]}", grain, True


def _label(text: str, trigger: tuple[int, int] | None = None, limit: int = 140) -> tuple[str, list[int] | None]:
    """A heading from ``text``: its spaces folded, clipped; and where ``trigger`` (offsets into
    ``text``) lies in it, so that two entries told in one sentence ("launched a surprise
    attack and recaptured Kherson") show which happening each is (None when clipped off)."""
    label = clip(" ".join(text.split()), limit)
    if trigger is None or not 0 <= trigger[0] < trigger[1] <= len(text):
        return label, None
    before = " ".join(text[: trigger[0]].split())
    start = len(before) + (1 if before and text[trigger[0] - 1].isspace() else 0)
    end = start + len(" ".join(text[trigger[0]:trigger[1]].split()))
    shown = len(label) - label.endswith("…")
    return label, [start, end] if end <= shown else None


def clip(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def build_timeline(analysis: dict[str, Any], options: TimelineOptions | None = None) -> list[dict[str, Any]]:
    """The merged story timeline of an ``analysis.json`` dict, ordered by when events happened.

    Each entry: ``{id, date, granularity, label, sources: [{doc, start, end, sentence,
    reported, ...}], entities: [{id, name}], documents, year_known}``. Entries whose year
    is unknown (``XXXX-03-12``) sort after the dated ones, by month and day.
    """
    options = options or TimelineOptions()
    items = _items(analysis, options)
    dated = [it for it in items if it.interval is not None]
    if not dated:
        return []
    # an undated mention matters only if it could join a dated entry: keep those alone
    predicates = {it.event.get("predicate") for it in dated}
    stems = {it.stem for it in dated}
    families = frozenset().union(*(it.families for it in dated))
    items = dated + [it for it in items if it.interval is None
                     and (it.event.get("predicate") in predicates or it.stem in stems or it.families & families)]
    texts = {d["id"]: d.get("text") or "" for d in analysis.get("documents", ())}
    vectors = _embed_mergeable(items, texts)
    names = {e["id"]: e["name"] for e in analysis.get("entities", ())}
    entries = [_entry(c, items, vectors, texts, names) for c in _cluster(items, vectors, options)]
    entries.sort(key=lambda e: (not e["year_known"], e["sort"] if e["year_known"] else
                                interval_of(e["date"]).day_of_year()[0],
                                GRAIN_ORDER.index(e["granularity"]), e["sources"][0]["doc"], e["sources"][0]["start"]))
    for entry in entries:
        del entry["sort"]
    return entries
