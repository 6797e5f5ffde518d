"""Inline SVG drawn in Python: the map of places and the quantity series charts.

The basemap is Natural Earth's 1:110m countries as TopoJSON (``assets/``,
from the world-atlas package; see ``assets/LICENSE-basemap.txt``), decoded once
per process. The map is an equirectangular projection scaled by the cosine of
the middle latitude, framed on the places with a margin; countries outside the
frame are left out. Every string placed in the SVG is escaped here, because the
SVG reaches the template as markup.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any

BASEMAP = "countries-110m.json"


@lru_cache(maxsize=1)
def countries() -> tuple[tuple[str, tuple[tuple[tuple[float, float], ...], ...], tuple[float, float, float, float]], ...]:
    """Each country as (name, rings of (lon, lat), bounding box), decoded from the TopoJSON."""
    topo = json.loads(resources.files("newsweave.report").joinpath("assets", BASEMAP).read_text("utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> tuple[tuple[float, float], ...]:
        out: list[tuple[float, float]] = []
        for i in indices:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points[1:] if out else points)
        return tuple(out)

    found = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = tuple(r for polygon in polygons for part in polygon for r in unwrapped(ring(part)))
        if not rings:
            continue
        xs = [p[0] for r in rings for p in r]
        ys = [p[1] for r in rings for p in r]
        found.append(((geometry.get("properties") or {}).get("name", ""), rings, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(found)


def unwrapped(ring: tuple[tuple[float, float], ...]) -> tuple[tuple[tuple[float, float], ...], ...]:
    """A ring that crosses the antimeridian (Russia's far east, Fiji) drawn without a line across the world.

    Longitudes are made continuous (a step of more than 180 degrees is a crossing, not
    an edge), so the ring runs past 180 (or -180) off the frame; a copy shifted by a
    whole turn then draws the part on the other side.

    >>> unwrapped(((179.0, 0.0), (-179.0, 0.0), (-179.0, 1.0), (179.0, 1.0)))
    (((179.0, 0.0), (181.0, 0.0), (181.0, 1.0), (179.0, 1.0)), ((-181.0, 0.0), (-179.0, 0.0), (-179.0, 1.0), (-181.0, 1.0)))
    """
    out, shift, last = [], 0.0, None
    for lon, lat in ring:
        if last is not None and abs(lon + shift - last) > 180:
            shift += 360.0 if lon + shift < last else -360.0
        last = lon + shift
        out.append((last, lat))
    west, east = min(p[0] for p in out), max(p[0] for p in out)
    if east > 180 or west < -180:
        turn = -360.0 if east > 180 else 360.0
        return tuple(out), tuple((lon + turn, lat) for lon, lat in out)
    return (tuple(out),)


MAX_LABELS = 14  # the most-mentioned places are named; the others have their name on hover
LABEL_CHAR_WIDTH, LABEL_HEIGHT = 7.0, 14.0  # a 12px label's rough size, to keep labels apart


def _free_label(name: str, x: float, y: float, r: float, boxes: list[tuple[float, float, float, float]]
                ) -> tuple[float, str] | None:
    """Where a dot's label goes: right of it, else left of it, where it covers no label placed
    before (then its box joins ``boxes``); None when both sides are taken."""
    width = LABEL_CHAR_WIDTH * len(name)
    top, bottom = y - LABEL_HEIGHT / 2, y + LABEL_HEIGHT / 2
    for left, x_text, anchor in ((x + r + 2, x + r + 2, "start"), (x - r - 2 - width, x - r - 2, "end")):
        box = (left, top, left + width, bottom)
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            boxes.append(box)
            return x_text, anchor
    return None


def place_map(places: list[dict[str, Any]], width: int = 760, height: int = 420) -> str:
    """An SVG map with a dot per place (``{"name", "lat", "lon", "count"}``), framed on them."""
    places = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not places:
        return ""
    lons = [p["lon"] for p in places]
    lats = [p["lat"] for p in places]
    pad_x = max(4.0, (max(lons) - min(lons)) * 0.25)
    pad_y = max(3.0, (max(lats) - min(lats)) * 0.25)
    west, east = max(-180.0, min(lons) - pad_x), min(180.0, max(lons) + pad_x)
    south, north = max(-85.0, min(lats) - pad_y), min(85.0, max(lats) + pad_y)
    k = math.cos(math.radians((north + south) / 2))
    span_x, span_y = (east - west) * k, north - south
    # widen the frame to the drawing's aspect so nothing is stretched
    if span_x / span_y < width / height:
        extra = (span_y * width / height - span_x) / k / 2
        west, east = west - extra, east + extra
    else:
        extra = (span_x * height / width - span_y) / 2
        south, north = south - extra, north + extra
    scale = width / ((east - west) * k)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * k * scale, (north - lat) * scale

    paths = []
    for name, rings, (x0, y0, x1, y1) in countries():
        if x1 < west or x0 > east or y1 < south or y0 > north:
            continue
        d = " ".join("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in (xy(*p) for p in r)) + "Z" for r in rings)
        paths.append(f'<path d="{d}"><title>{escape(name)}</title></path>')
    biggest = max(p.get("count", 1) for p in places) or 1
    dots, labels, boxes = [], [], []
    for p in sorted(places, key=lambda p: -p.get("count", 1)):
        x, y = xy(p["lon"], p["lat"])
        r = 3 + 7 * math.sqrt(p.get("count", 1) / biggest)
        name = escape(str(p["name"]))
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"><title>{name}: {p.get("count", 1)} mentions</title></circle>')
        if len(labels) < MAX_LABELS:
            label = _free_label(str(p["name"]), x, y, r, boxes)
            if label is not None:
                lx, anchor = label
                labels.append(f'<text x="{lx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">{name}</text>')
    return (
        f'<svg class="map" viewBox="0 0 {width} {height}" role="img" aria-label="Map of the places mentioned">'
        f'<rect width="{width}" height="{height}" class="sea"/><g class="land">{"".join(paths)}</g>'
        f'<g class="dots">{"".join(dots)}</g><g class="labels">{"".join(labels)}</g></svg>'
    )


def series_chart(series: dict[str, Any], labels: dict[str, str], width: int = 520, height: int = 212) -> str:
    """A dot chart of one quantity series: one dot per statement in time order, by source,
    with its bound; under each, the source and the time it refers to (italic: only its
    article's date)."""
    points = series["points"]
    if not points:
        return ""
    values = [p["value"] for p in points]
    top = max(values) * 1.15 or 1.0
    left, bottom, right, top_pad = 56, 46, 12, 10
    inner_w, inner_h = width - left - right, height - bottom - top_pad
    step = inner_w / max(1, len(points))
    parts = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" class="axis"/>']
    for tick in (0, top / 2, top):
        y = height - bottom - inner_h * tick / top
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">{_short(tick)}</text>')
    flagged = {(d[s]["doc"], d[s]["start"]) for d in series.get("discrepancies", ()) for s in ("a", "b")}
    for i, p in enumerate(points):
        x = left + step * (i + 0.5)
        y = height - bottom - inner_h * p["value"] / top
        label = labels.get(p["doc"], "?")
        cls = "pt flag" if (p["doc"], p["start"]) in flagged else "pt"
        marker = {"above": "▲", "at_least": "▲", "below": "▼", "at_most": "▼"}.get(p.get("bound") or "", "")
        when = p.get("when") or ""
        told = p.get("when_source") == "told"
        tip = escape(f'{p["text"]} — source {label}' + (f', {p["time"]}' if p.get("time") else "")
                     + (f' ({when})' if told else f' (reported {when})' if when else ""))
        parts.append(f'<line x1="{x:.1f}" y1="{height - bottom}" x2="{x:.1f}" y2="{y:.1f}" class="stem"/>'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" class="{cls}"><title>{tip}</title></circle>'
                     f'<text x="{x:.1f}" y="{height - bottom + 14}" class="tick" text-anchor="middle">#{escape(label)}</text>'
                     f'<text x="{x:.1f}" y="{height - bottom + 27}" class="tick{"" if told else " rep"}" '
                     f'text-anchor="middle">{escape(when.split("/")[0][:10])}</text>'
                     f'<text x="{x:.1f}" y="{y - 8:.1f}" class="val" text-anchor="middle">{_short(p["value"])}{marker}</text>')
    unit = escape(str(series.get("unit") or ""))
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(series["measure"])}">'
            f'{"".join(parts)}<text x="{left - 6}" y="{height - bottom + 14}" class="tick" text-anchor="end">{unit}</text></svg>')


def _short(value: float) -> str:
    if abs(value) >= 1_000_000_000:
        return f"{value / 1_000_000_000:.1f}B"
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if abs(value) >= 10_000:
        return f"{value / 1000:.0f}k"
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.2g}"
