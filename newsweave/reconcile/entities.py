"""Canonical entities across a corpus: mentions grouped into identities.

This first pass groups mentions of one type by a normalised key (titles,
possessives and accents removed, case folded) and attaches a lone surname to
the one full name in the corpus that ends with it. Every merge records why.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from newsweave.model import Entity, Mention, content_id

TITLES = re.compile(
    r"^(?:the|mr|mrs|ms|dr|gen|president|prime minister|minister|general|sen|rep)\.?\s+", re.I
)
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def normalise(name: str) -> str:
    """A key that spelling variants of one name share: ``"Mr. Zelensky's"`` -> ``"zelensky"``."""
    name = POSSESSIVE.sub("", name.strip())
    while (stripped := TITLES.sub("", name)) != name:
        name = stripped
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", " ", folded).strip().casefold()


def reconcile_entities(mentions: Iterable[Mention]) -> tuple[list[Entity], dict[str, str]]:
    """Group mentions into canonical entities; return them and a mention-id -> entity-id map."""
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        key = normalise(m.text)
        if key:
            groups[(m.label, key)].append(m)

    reasons: dict[tuple[str, str], list[str]] = defaultdict(list)
    full_names = defaultdict(list)
    for label, key in groups:
        if label == "person" and " " in key:
            full_names[key.rsplit(" ", 1)[1]].append(key)
    for (label, key) in list(groups):
        if label == "person" and " " not in key and len(full_names.get(key, ())) == 1:
            target = ("person", full_names[key][0])
            groups[target].extend(groups.pop((label, key)))
            reasons[target].append(f"surname '{key}' matches the only full name ending in it")

    entities, assignment = [], {}
    for (label, key), members in groups.items():
        surface = Counter(m.text for m in members)
        name = max(surface, key=lambda s: (len(normalise(s).split()), surface[s], len(s)))
        entity = Entity(
            id=content_id(f"{label}|{key}", "e"),
            name=POSSESSIVE.sub("", name),
            type=label,
            aliases=dict(surface.most_common()),
            mention_count=len(members),
            documents=tuple(sorted({m.doc for m in members})),
            salience=0.0,
            merge_reasons=tuple(["same normalised name"] + reasons[(label, key)]),
        )
        entities.append(entity)
        for m in members:
            assignment[m.id] = entity.id
    total_docs = len({m.doc for ms in groups.values() for m in ms}) or 1
    total = sum(e.mention_count for e in entities) or 1
    entities = [
        _with_salience(e, e.mention_count / total * 0.5 + len(e.documents) / total_docs * 0.5)
        for e in entities
    ]
    entities.sort(key=lambda e: -e.salience)
    return entities, assignment


def _with_salience(entity: Entity, salience: float) -> Entity:
    from dataclasses import replace

    return replace(entity, salience=round(salience, 4))
