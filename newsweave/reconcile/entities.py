"""Canonical entities across a corpus: mentions grouped into identities, each merge explained.

Mentions are first grouped by a *name key* (titles, possessives, accents, case
and common transliteration differences removed: "President Volodymyr
Zelenskiy's" and "Volodymyr Zelensky" share ``volodymyr zelensky``). Groups of
one type are then merged by rules that each leave a reason:

- persons: a lone surname joins the one full name with that surname in its
  document (else in the corpus); a middle initial or a misspelt first name
  (one edit) still matches; two people who share a surname but not a first
  name (or middle initial) are never merged, also not through a third form;
- places: region forms ("Kursk Oblast", "Kursk region") join the bare name,
  and the gazetteer's alternate names join spellings ("Kiev" and "Kyiv");
  names the gazetteer knows as different places are never merged;
- organisations: an acronym joins the one name whose initials it spells; a bare
  institution ("Defense Ministry") joins the one form qualified by a nationality
  ("Russian Defense Ministry") in its documents, else in the corpus.

Candidates are only compared within blocks (same surname key, same first
name, same first letters), so the work grows with the corpus, not its square.
Mentions of different types are merged in two cases only: a name the tagger typed
an organisation that is a person's name (the same full name, the surname of a person
named in full in the same document, or of the one person named in full in the corpus
when the word is tagged a person there at least as often) is that person's; and a name
typed a place, an organisation or a group that has far more mentions as one of the
other two ("Kyiv" a place 19 times, an organisation once: the capital for its
government) joins that entity. Places are then geocoded together, so an ambiguous
name is read in the light of the story's other places.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz.distance import OSA

from newsweave.model import Entity, Mention, content_id

TITLE_WORDS = (
    "the|mr|mrs|ms|miss|dr|prof|professor|gen|general|lt|col|colonel|maj|major|capt|captain|adm|"
    "admiral|sgt|president|vice president|prime minister|premier|minister|chancellor|king|queen|"
    "prince|princess|sen|senator|rep|representative|gov|governor|mayor|judge|justice|sir|dame|"
    "lord|lady|pope|rev|reverend|father|sheikh|ambassador|secretary|chairman|ceo|commander|"
    "marshal|field marshal|defense minister|defence minister|foreign minister|spokesman|spokeswoman"
)
TITLES = re.compile(rf"^(?:{TITLE_WORDS})\.?\s+", re.I)
ARTICLE = re.compile(r"^the\s+", re.I)
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
REGION_SUFFIX = re.compile(
    r"\s+(?:oblast|region|province|krai|kray|governorate|prefecture|district|county|state)$", re.I
)
CORPORATE_SUFFIX = re.compile(
    r"[\s,]+(?:inc|corp|corporation|co|company|ltd|limited|plc|llc|sa|sas|ag|gmbh|nv|bv|spa)\.?$",
    re.I,
)
ACRONYM_STOPWORDS = frozenset({"of", "and", "the", "for", "&", "de", "in", "on", "to"})
# Transliteration variants, applied to a folded token in order.
_TRANSLIT = (
    (re.compile(r"kh"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"(?<=.)[iyj](?=[aeou])"), ""),  # Yulia/Julia/Iulia, Andriy/Andrei stays apart
    (re.compile(r"\b[yj](?=[aeou])"), ""),  # Yevgeny/Evgeny
    (re.compile(r"(?:[iy][iyj]|ij|yj)\b"), "y"),  # Zelenskiy/Zelenskyy/Zelenskyi -> zelensky
    (re.compile(r"ski\b"), "sky"),
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters
)
MAX_BLOCK = 400  # a block larger than this is too generic to compare all pairs within
# Types one name may be given by turns ("Kyiv" the city and its government, "Ukrainian" the people);
# the type it has at least this many times as often wins.
FOLDABLE_TYPES = frozenset({"place", "organisation", "group"})
FOLD_RATIO = 3


def fold(text: str) -> str:
    """Case-, accent- and punctuation-folded text: ``"Zelens'kyi"`` -> ``"zelenskyi"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = re.sub(r"['’`ʼ]", "", stripped)
    return re.sub(r"[^\w]+", " ", stripped).strip().casefold()


TITLE_TOKENS = frozenset(w for t in TITLE_WORDS.split("|") for w in t.split()) | {"ceo", "cfo", "coo"}
PARENTHESIS = re.compile(r"\s*\(.*$")


def person_name(text: str) -> str:
    """The name inside a person mention that carries a role: the last run of capitalised words
    after any title or lowercase word, in the comma segment that looks most like a name.

    >>> person_name("Apple CEO Steve Jobs"), person_name("Joe Leonard, Chairman of AirTran")
    ('Steve Jobs', 'Joe Leonard')
    """
    def core(segment: str) -> str:
        words = segment.split()
        cut = 0
        for i, w in enumerate(words[:-1]):
            bare = w.strip(".").lower()
            if bare in TITLE_TOKENS or not (w[:1].isupper() or w[:1] in "'’"):
                cut = i + 1
        return " ".join(words[cut:])

    def pure(segment: str) -> bool:
        words = segment.split()
        return bool(words) and all((w[:1].isupper() or w[:1] in "'’") and w.strip(".").lower()
                                   not in TITLE_TOKENS for w in words)

    segments = [seg.strip() for seg in PARENTHESIS.sub("", text).split(",") if seg.strip()]
    if not segments:
        return text
    return next((seg for seg in segments if pure(seg)), core(segments[-1]))


def strip_titles(name: str, label: str = "person") -> str:
    """The name without possessive, article and (for persons) titles: ``"Mr. Zelensky's"`` -> ``"Zelensky"``."""
    name = POSSESSIVE.sub("", name.strip())
    if label == "person" and ("," in name or "(" in name or len(name.split()) > 2):
        name = person_name(name)
    pattern = TITLES if label == "person" else ARTICLE
    while (stripped := pattern.sub("", name)) != name:
        name = stripped
    return name.strip()


@lru_cache(maxsize=65536)
def translit_token(token: str) -> str:
    """A folded token with common transliteration differences removed: ``zelenskiy`` -> ``zelensky``."""
    for pattern, repl in _TRANSLIT:
        token = pattern.sub(repl, token)
    return token


def normalise(name: str, label: str = "person") -> str:
    """A key that spelling variants of one name share: ``"Mr. Zelenskiy's"`` -> ``"zelensky"``."""
    return " ".join(translit_token(t) for t in fold(strip_titles(name, label)).split())


@dataclass(slots=True)
class NameGroup:
    """Mentions of one type sharing a name key (a lone surname: within one document)."""

    label: str
    key: str
    mentions: list[Mention] = field(default_factory=list)
    given: str = ""  # person: first-name key ("" for a lone surname)
    initials: str = ""  # person: middle initials
    surname: str = ""
    places: frozenset[int] = frozenset()
    retyped_from: str = ""  # the tagger's type, when the name is a person's (see _retype_person_names)


def _person_parts(key: str) -> tuple[str, str, str]:
    """(given name, middle initials, surname) of a person key; initials are one-letter tokens."""
    tokens = key.split()
    if not tokens:  # a name of punctuation alone ("- ''") has no parts
        return "", "", ""
    if len(tokens) == 1:
        return "", "", tokens[0]
    middle = "".join(t for t in tokens[1:-1] if len(t) == 1)
    return tokens[0], middle, tokens[-1]


def _group_key(m: Mention) -> str:
    key = normalise(m.text, m.label)
    if m.label == "place":
        key = REGION_SUFFIX.sub("", key)
    elif m.label == "organisation":
        key = CORPORATE_SUFFIX.sub("", key)
    return key


class _Clusters:
    """Union-find over name groups, with per-cluster person constraints and merge reasons."""

    def __init__(self, groups: list[NameGroup]):
        self.groups = groups
        self.parent = list(range(len(groups)))
        self.given = [{g.given} - {""} for g in groups]
        self.initials = [{g.initials} - {""} for g in groups]
        self.places = [g.places for g in groups]
        self.reasons: list[list[str]] = [[] for _ in groups]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def compatible(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if any(not _given_compatible(x, y) for x in self.given[ra] for y in self.given[rb]):
            return False
        if self.initials[ra] and self.initials[rb] and self.initials[ra] != self.initials[rb]:
            return False
        return not (self.places[ra] and self.places[rb] and not self.places[ra] & self.places[rb])

    def union(self, a: int, b: int, reason: str) -> bool:
        if not self.compatible(a, b):
            return False
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[rb] = ra
        self.given[ra] |= self.given[rb]
        self.initials[ra] |= self.initials[rb]
        self.places[ra] = self.places[ra] & self.places[rb] if self.places[ra] and self.places[rb] \
            else self.places[ra] | self.places[rb]
        self.reasons[ra].extend(self.reasons[rb])
        self.reasons[ra].append(reason)
        return True


def _given_compatible(a: str, b: str) -> bool:
    """First names of one person: equal, an initial of the other, or one edit apart (typo)."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if a[0] != b[0] or min(len(a), len(b)) < 5:
        return False
    return OSA.distance(a, b) <= 1


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """Canonical entities, which entity each mention belongs to, and salience per document."""

    entities: list[Entity]
    assignment: dict[str, str]  # mention id -> entity id
    document_salience: dict[str, dict[str, float]]  # doc -> entity id -> salience in 0-1


def reconcile(
    mentions: Iterable[Mention],
    *,
    doc_lengths: Mapping[str, int] | None = None,
    actor_spans: Iterable[tuple[str, int, int]] = (),
    geocode: bool = True,
    min_population: int = 5000,
) -> Reconciliation:
    """Group mentions into canonical entities across documents; see the module docstring.

    ``doc_lengths`` (characters) lets position count towards salience; ``actor_spans``
    are ``(doc, start, end)`` of speakers and actors (quote speakers, event agents):
    a mention inside one counts more. Mentions with a true ``removed`` attribute
    (text the cleaner removed) are left out.
    """
    kept = [m for m in mentions if not getattr(m, "removed", False)]
    groups = _retype_person_names(_name_groups(kept, min_population))
    clusters = _Clusters(groups)
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        by_label[g.label].append(i)
    _merge_persons(clusters, by_label.get("person", []))
    _merge_places(clusters, by_label.get("place", []), min_population)
    _merge_organisations(clusters, by_label.get("organisation", []))
    _fold_minority_types(clusters, [i for label in FOLDABLE_TYPES for i in by_label.get(label, [])])

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(groups)):
        members[clusters.find(i)].append(i)
    actor_index = defaultdict(list)
    for doc, start, end in actor_spans:
        actor_index[doc].append((start, end))

    raw: list[tuple[Entity, list[Mention]]] = []
    assignment: dict[str, str] = {}
    for root, idx in members.items():
        ms = [m for i in idx for m in groups[i].mentions]
        label = groups[root].label
        entity = _build_entity(label, ms, clusters.reasons[root], [groups[i] for i in idx])
        raw.append((entity, ms))
        for m in ms:
            assignment[m.id] = entity.id

    if geocode:
        raw = _geocode(raw, min_population)
    doc_salience = _document_salience(raw, doc_lengths or {}, actor_index)
    n_docs = len({m.doc for m in kept}) or 1
    entities = []
    for entity, ms in raw:
        per_doc = [doc_salience[d][entity.id] for d in entity.documents]
        story = sum(per_doc) / n_docs
        entities.append(replace(entity, salience=round(story, 4)))
    entities.sort(key=lambda e: (-e.salience, e.name))
    return Reconciliation(entities, assignment, doc_salience)


def reconcile_entities(mentions: Iterable[Mention], **options) -> tuple[list[Entity], dict[str, str]]:
    """Group mentions into canonical entities; return them and a mention-id -> entity-id map."""
    result = reconcile(mentions, **options)
    return result.entities, result.assignment


# --- Grouping and merge rules -------------------------------------------------------------------


def _name_groups(mentions: list[Mention], min_population: int) -> list[NameGroup]:
    from newsweave.extract.gazetteer import same_place_ids

    index: dict[tuple, NameGroup] = {}
    for m in mentions:
        key = _group_key(m)
        if not key:
            continue
        # A lone surname is grouped per document: it may mean different people in different ones.
        gid = (m.label, key, m.doc) if m.label == "person" and " " not in key else (m.label, key)
        group = index.get(gid)
        if group is None:
            group = index[gid] = NameGroup(m.label, key)
            if m.label == "person":
                group.given, group.initials, group.surname = _person_parts(key)
        group.mentions.append(m)
    groups = list(index.values())
    for g in groups:
        if g.label == "place":
            ids: frozenset[int] = frozenset()
            for surface in {strip_titles(m.text, "place") for m in g.mentions}:
                ids |= same_place_ids(REGION_SUFFIX.sub("", surface), min_population)
            g.places = ids
    return groups


def _retype_person_names(groups: list[NameGroup]) -> list[NameGroup]:
    """Organisation groups whose name is a person's become person groups.

    The tagger often types a foreign name as an organisation in one sentence and a
    person in another ("Oleksandr Syrskyi", "Zelenskiy said"). A full name that is, as
    a person's name, the key of a person with a first name, and a lone word that is the
    surname of a full-name person of the same document, are that person's; a lone word
    is retyped only in the documents where such a person is named, and an acronym never.
    """
    people = [g for g in groups if g.label == "person" and g.given]
    # The person groups a retyped group may join, by the identity _name_groups gives them.
    existing = {(g.key, "" if g.given else g.mentions[0].doc): g for g in groups if g.label == "person"}
    surname_docs: dict[str, set[str]] = defaultdict(set)
    full_names: dict[str, set[str]] = defaultdict(set)
    for g in people:
        surname_docs[g.surname].update(m.doc for m in g.mentions)
        full_names[g.surname].add(g.given)
    # How often each lone word is a person and an organisation in the whole corpus (tagged an
    # organisation in a document that names the person in full, it is the person: see below).
    lone_person, lone_organisation = Counter(), Counter()
    for g in groups:
        if g.label == "person" and not g.given:
            lone_person[g.key] += len(g.mentions)
        elif g.label == "organisation" and " " not in g.key:
            key = normalise(_surface(g), "person")
            for m in g.mentions:
                (lone_person if m.doc in surname_docs.get(key, ()) else lone_organisation)[key] += 1
    out: list[NameGroup] = []

    def as_person(key: str, doc: str, mentions: list[Mention], label: str, **parts: str) -> None:
        group = existing.get((key, doc))
        if group is None:
            group = existing[key, doc] = NameGroup("person", key, [], **parts)
            out.append(group)
        group.mentions.extend(mentions)
        group.retyped_from = group.retyped_from or label

    for g in groups:
        surface = _surface(g) if g.label == "organisation" else ""
        key = normalise(surface, "person") if surface and not surface.isupper() else ""  # NATO stays
        if key and " " in key and (key, "") in existing:
            given, initials, surname = _person_parts(key)
            as_person(key, "", g.mentions, g.label, given=given, initials=initials, surname=surname)
        elif key and " " not in key and len(full_names.get(key, ())) == 1 \
                and lone_person[key] >= lone_organisation[key]:
            # "the Trump administration" in an article that never names Donald Trump in full,
            # in a story that names one Trump and tags the word a person at least as often
            for m in g.mentions:
                as_person(key, m.doc, [m], g.label, surname=key)
        elif key and " " not in key and surname_docs.get(key, set()) & {m.doc for m in g.mentions}:
            docs = surname_docs[key]
            rest = [m for m in g.mentions if m.doc not in docs]
            if rest:
                out.append(NameGroup(g.label, g.key, rest, places=g.places))
            for m in g.mentions:
                if m.doc in docs:
                    as_person(key, m.doc, [m], g.label, surname=key)
        else:
            out.append(g)
    return out


def _blocks(indices: Iterable[int], key_of) -> Iterable[list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in indices:
        for k in key_of(i):
            blocks[k].append(i)
    return (b for b in blocks.values() if 1 < len(b) <= MAX_BLOCK)


def _merge_persons(c: _Clusters, indices: list[int]) -> None:
    groups = c.groups
    full = [i for i in indices if groups[i].given]
    lone = [i for i in indices if not groups[i].given]
    # Same given name and surname, differing only by a middle initial.
    for block in _blocks(full, lambda i: [f"{groups[i].given}|{groups[i].surname}"]):
        block.sort(key=lambda i: -len(groups[i].mentions))
        for j in block[1:]:
            c.union(block[0], j, f"'{_surface(groups[j])}' = '{_surface(groups[block[0]])}': "
                                 "same name up to a middle initial")
    # A misspelt or initialled first name with the same surname.
    for block in _blocks(full, lambda i: [groups[i].surname]):
        block.sort(key=lambda i: -len(groups[i].mentions))
        for a_pos, a in enumerate(block):
            for b in block[a_pos + 1:]:
                ga, gb = groups[a], groups[b]
                if ga.given != gb.given and _given_compatible(ga.given, gb.given):
                    kind = "initial" if min(len(ga.given), len(gb.given)) == 1 else "misspelt first name"
                    c.union(a, b, f"'{_surface(gb)}' = '{_surface(ga)}': same surname, {kind}")
    # A misspelt surname with the same first name (one edit, long names only).
    for block in _blocks(full, lambda i: [f"{groups[i].given}|{groups[i].surname[:2]}"]):
        for a_pos, a in enumerate(block):
            for b in block[a_pos + 1:]:
                sa, sb = groups[a].surname, groups[b].surname
                if sa != sb and min(len(sa), len(sb)) >= 6 and OSA.distance(sa, sb) <= 1:
                    c.union(a, b, f"'{_surface(groups[b])}' = '{_surface(groups[a])}': "
                                  "same first name, surname one edit apart")
    # A lone surname: the one full-name person with that surname in its document, else in the corpus.
    by_surname: dict[str, set[int]] = defaultdict(set)
    for i in full:
        by_surname[groups[i].surname].add(i)
    for i in lone:
        g = groups[i]
        candidates = by_surname.get(g.surname, set())
        docs = {m.doc for m in g.mentions}
        local = {j for j in candidates if any(m.doc in docs for m in groups[j].mentions)}
        for scope, pool in (("its document", local), ("the corpus", candidates)):
            roots = {c.find(j) for j in pool}
            if len(roots) == 1:
                target = next(iter(pool))
                c.union(target, i, f"surname '{_surface(g)}' matches the only full name with it in "
                                   f"{scope}, '{_surface(groups[target])}'")
                break
            if len(roots) > 1:
                break  # ambiguous: two different people share this surname
    # Lone surnames left over (no full name anywhere) are one entity across documents.
    for block in _blocks([i for i in lone if not by_surname.get(groups[i].surname)],
                         lambda i: [groups[i].key]):
        for j in block[1:]:
            c.union(block[0], j, f"surname '{_surface(groups[j])}' repeated across documents")


def _merge_places(c: _Clusters, indices: list[int], min_population: int) -> None:
    groups = c.groups
    # Gazetteer alternate names: "Kiev" and "Kyiv" denote one GeoNames place.
    by_id: dict[str, list[int]] = defaultdict(list)
    for i in indices:
        if len(groups[i].places) == 1:
            by_id[str(next(iter(groups[i].places)))].append(i)
    for block in by_id.values():
        for j in block[1:]:
            c.union(block[0], j, f"'{_surface(groups[j])}' = '{_surface(groups[block[0]])}': "
                                 "alternate names of one gazetteer place")
    # Transliteration or spelling variants the gazetteer does not list (guarded by its ids).
    for block in _blocks(indices, lambda i: [groups[i].key[:3]]):
        for a_pos, a in enumerate(block):
            for b in block[a_pos + 1:]:
                ka, kb = groups[a].key, groups[b].key
                if ka != kb and " " not in ka + kb and min(len(ka), len(kb)) >= 6 \
                        and OSA.distance(ka, kb) <= 1:
                    c.union(a, b, f"'{_surface(groups[b])}' = '{_surface(groups[a])}': "
                                  "spelling variant")


def _merge_organisations(c: _Clusters, indices: list[int]) -> None:
    groups = c.groups
    by_initials: dict[str, list[int]] = defaultdict(list)
    for i in indices:
        words = [w for w in groups[i].key.split() if w not in ACRONYM_STOPWORDS]
        if len(words) >= 2:
            by_initials["".join(w[0] for w in words)].append(i)
    for i in indices:
        g = groups[i]
        surface = _surface(g)
        if " " in g.key or not (2 <= len(surface) <= 6 and surface.isupper()):
            continue
        candidates = {c.find(j) for j in by_initials.get(g.key, ())}
        if len(candidates) == 1:
            target = by_initials[g.key][0]
            c.union(target, i, f"'{surface}' is the acronym of '{_surface(groups[target])}'")
    _merge_national_forms(c, indices)


def _merge_national_forms(c: _Clusters, indices: list[int]) -> None:
    """A bare institution ("Defense Ministry", from "Russia's Defense Ministry") joins the one form
    of it qualified by a country ("Russian Defense Ministry") in its documents, else in the corpus;
    with two countries' forms about ("Russian ...", "Ukrainian ..."), it stays alone."""
    from newsweave.reconcile.affiliation import demonym_country

    groups = c.groups
    qualified: dict[str, list[int]] = defaultdict(list)
    for i in indices:
        first, _, rest = ARTICLE.sub("", _surface(groups[i])).partition(" ")
        if " " in rest and demonym_country(first):
            qualified[_group_key(replace(groups[i].mentions[0], text=rest))].append(i)
    for i in indices:
        forms = qualified.get(groups[i].key)
        if not forms:
            continue
        docs = {m.doc for m in groups[i].mentions}
        local = [j for j in forms if docs & {m.doc for m in groups[j].mentions}]
        for pool in (local, forms):
            roots = {c.find(j) for j in pool}
            if len(roots) == 1:
                c.union(pool[0], i, f"'{_surface(groups[i])}' joins the only country-qualified form, '{_surface(groups[pool[0]])}'")
                break
            if roots:
                break


def _fold_minority_types(c: _Clusters, indices: list[int]) -> None:
    """A name typed two ways joins the entity of the type it has at least FOLD_RATIO times as
    many mentions of ("Kyiv": the place, not a one-off organisation; "Ukrainian": the group)."""
    groups = c.groups
    size: Counter[int] = Counter()
    for i in indices:
        size[c.find(i)] += len(groups[i].mentions)
    by_key: dict[str, list[int]] = defaultdict(list)
    for i in indices:
        by_key[groups[i].key].append(i)
    for same in by_key.values():
        if len({groups[i].label for i in same}) < 2:
            continue
        major = max(same, key=lambda i: (size[c.find(i)], groups[i].label))
        if groups[major].label == "place" and not c.places[c.find(major)]:
            continue  # a "place" the gazetteer does not know ("GOP") is no evidence against the other type
        for i in same:
            minor = groups[i]
            if minor.label != groups[major].label and size[c.find(i)] * FOLD_RATIO <= size[c.find(major)]:
                c.union(major, i, f"'{_surface(minor)}', typed {minor.label} {len(minor.mentions)} times, "
                                  f"is far more often a {groups[major].label}")


def _surface(group: NameGroup) -> str:
    return Counter(strip_titles(m.text, group.label) for m in group.mentions).most_common(1)[0][0]


# --- Building entities ---------------------------------------------------------------------------


def _canonical_name(label: str, surfaces: Counter) -> str:
    """The fullest common form: most name words (initials and titles aside), then most frequent."""
    def fullness(s: str) -> tuple[int, int, int]:
        words = [w for w in s.split() if len(w.strip(".")) > 1]
        region = 1 if label == "place" and REGION_SUFFIX.search(s) else 0
        return (len(words) + region, surfaces[s], -len(s))

    return max(surfaces, key=fullness)


def _build_entity(label: str, mentions: list[Mention], reasons: list[str],
                  groups: list[NameGroup]) -> Entity:
    aliases = Counter(POSSESSIVE.sub("", m.text.strip()) for m in mentions)
    names = Counter(strip_titles(m.text, label) for m in mentions)
    name = _canonical_name(label, names)
    forms = [sorted({strip_titles(m.text, label) for m in g.mentions}) for g in groups]
    notes = [f"same name after removing titles, case, accents and transliteration differences: "
             f"{', '.join(f)}" for f in forms if len(f) > 1]
    notes += [f"'{_surface(g)}', typed {g.retyped_from} by the tagger, is a person's name"
              for g in groups if g.retyped_from]
    # Lone surnames are per document, so their document is part of the identity.
    key = "|".join(sorted(g.key if " " in g.key or g.label != "person" else f"{g.key}@{g.mentions[0].doc}"
                          for g in groups))
    return Entity(
        id=content_id(f"{label}|{key}", "e"),
        name=name,
        type=label,
        aliases=dict(aliases.most_common()),
        mention_count=len(mentions),
        documents=tuple(sorted({m.doc for m in mentions})),
        merge_reasons=tuple(notes + reasons),
    )


def _geocode(raw: list[tuple[Entity, list[Mention]]], min_population: int):
    from newsweave.extract.gazetteer import geocode_story, lookup

    names: dict[str, int] = {}
    chosen: dict[str, str] = {}
    for entity, ms in raw:
        if entity.type != "place":
            continue
        # Geocode by the entity's most frequent surface form the gazetteer knows.
        for alias in sorted(entity.aliases, key=lambda a: -entity.aliases[a]):
            bare = strip_titles(alias, "place")
            if lookup(bare, min_population):
                chosen[entity.id] = bare
                names[bare] = names.get(bare, 0) + entity.mention_count
                break
    if not names:
        return raw
    found = geocode_story(names, min_population)
    out = []
    for entity, ms in raw:
        result = found.get(chosen.get(entity.id, ""))
        if result is not None:
            entity = replace(entity, geo=result.to_dict())
        out.append((entity, ms))
    return out


def _document_salience(raw, doc_lengths: Mapping[str, int], actors) -> dict[str, dict[str, float]]:
    """Per document: share of mentions, how early the first one is, and speaker/actor roles.

    Each entity gets 0.6 x its share of the document's mentions (scaled so the most
    mentioned entity has 1) + 0.25 x earliness of its first mention + 0.15 if it is
    a speaker or actor; the result lies in 0-1.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, dict[str, int]] = defaultdict(dict)
    acting: dict[str, set[str]] = defaultdict(set)
    ends: dict[str, int] = defaultdict(int)
    for entity, ms in raw:
        for m in ms:
            counts[m.doc][entity.id] += 1
            first[m.doc][entity.id] = min(first[m.doc].get(entity.id, m.start), m.start)
            ends[m.doc] = max(ends[m.doc], m.end)
            if any(s <= m.start and m.end <= e for s, e in actors.get(m.doc, ())):
                acting[m.doc].add(entity.id)
    out: dict[str, dict[str, float]] = {}
    for doc, c in counts.items():
        top = max(c.values())
        length = doc_lengths.get(doc) or ends[doc] or 1
        out[doc] = {
            eid: round(0.6 * n / top + 0.25 * (1 - min(first[doc][eid] / length, 1.0))
                       + (0.15 if eid in acting[doc] else 0.0), 4)
            for eid, n in c.items()
        }
    return out
