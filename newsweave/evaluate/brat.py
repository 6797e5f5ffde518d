"""Read brat stand-off annotations (``.ann``) of attributions, as PolNeAR ships them.

Text-bound lines give a label and one or more character ranges (discontinuous
spans are ``315 448;463 553``); event lines tie them into an attribution, where a
numbered role (``Content2``) adds a second span to the first (a split quote's second half)::

    T1	Source 0 11	Pat Caddell
    T9	Content 315 448;463 553	“One of ...” “Yesterday ...”
    E1	Attribution:T4 Content:T3 Cue:T2 Source:T1
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class TextBound:
    """A labelled span: ``ranges`` are character offsets into the article's text."""

    id: str
    label: str
    ranges: Ranges
    text: str

    @property
    def start(self) -> int:
        return self.ranges[0][0]

    @property
    def end(self) -> int:
        return self.ranges[-1][1]


@dataclass(frozen=True, slots=True)
class Attribution:
    """A gold attribution: content, cue and (optionally) source spans."""

    id: str
    content: TextBound | None
    cue: TextBound | None
    source: TextBound | None


def parse_ranges(field: str) -> Ranges:
    """``"315 448;463 553"`` → ``((315, 448), (463, 553))``."""
    out = []
    for part in field.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(sorted(out))


def read_ann(path: Path) -> list[Attribution]:
    """The attributions of one ``.ann`` file, in the order their events are listed."""
    bounds: dict[str, TextBound] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        cols = line.split("\t")
        ident = cols[0]
        if ident.startswith("T") and len(cols) >= 2:
            label, _, ranges = cols[1].partition(" ")
            bounds[ident] = TextBound(ident, label, parse_ranges(ranges), cols[2] if len(cols) > 2 else "")
        elif ident.startswith("E") and len(cols) >= 2:
            roles = {}
            for arg in cols[1].split():
                role, _, ref = arg.partition(":")
                roles[role] = ref
            events.append((ident, roles))
    out = []
    for ident, roles in events:
        if not any(r.startswith("Attribution") for r in roles):
            continue
        out.append(
            Attribution(
                ident,
                _merged(bounds, roles, "Content"),
                _merged(bounds, roles, "Cue"),
                _merged(bounds, roles, "Source"),
            )
        )
    return out


def _merged(bounds: dict[str, TextBound], roles: dict[str, str], role: str) -> TextBound | None:
    """An event's span for ``role``, joined with its numbered repeats (``Content2:T56``, a split quote's second half)."""
    parts = [bounds[ref] for name, ref in roles.items() if name.rstrip("0123456789") == role and ref in bounds]
    if len(parts) <= 1:
        return parts[0] if parts else None
    parts.sort(key=lambda b: b.start)
    ranges = tuple(sorted(r for b in parts for r in b.ranges))
    return TextBound(parts[0].id, parts[0].label, ranges, " ".join(b.text for b in parts))
