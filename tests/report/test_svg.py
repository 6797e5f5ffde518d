"""The report's SVG map: countries drawn whole, dots framed, labels kept apart."""

from __future__ import annotations

import re

from newsweave.report.svg import countries, place_map, unwrapped


def _path_longitudes_jump(d: str) -> float:
    """The widest step between consecutive points of any subpath of an SVG path."""
    widest = 0.0
    for sub in d.split("M")[1:]:
        xs = [float(p.split(",")[0]) for p in re.findall(r"-?\d+\.?\d*,-?\d+\.?\d*", sub)]
        widest = max([widest, *(abs(b - a) for a, b in zip(xs, xs[1:]))])
    return widest


def test_no_country_edge_runs_across_the_world():
    # Russia's far east and Fiji cross the antimeridian: drawn naively, an edge from
    # 180 to -180 degrees draws a line across the whole map.
    svg = place_map([{"name": "Anadyr", "lat": 64.7, "lon": 177.5, "count": 1},
                     {"name": "Lima", "lat": -12.0, "lon": -77.0, "count": 1}])
    width = float(re.search(r'viewBox="0 0 (\d+)', svg)[1])
    paths = re.findall(r'<path d="([^"]+)">', svg)
    assert paths and max(_path_longitudes_jump(d) for d in paths) < width / 2


def test_unwrapping_keeps_a_ring_that_does_not_cross_as_it_is():
    ring = ((10.0, 0.0), (20.0, 0.0), (20.0, 5.0), (10.0, 0.0))
    assert unwrapped(ring) == (ring,)
    assert any(name == "Russia" for name, _, _ in countries())


def test_labels_of_nearby_places_do_not_overlap():
    places = [{"name": "Kursk region", "lat": 51.7, "lon": 36.2, "count": 9},
              {"name": "Sumy region", "lat": 50.9, "lon": 34.8, "count": 5},
              {"name": "Sudzha", "lat": 51.2, "lon": 35.3, "count": 4},
              {"name": "Washington", "lat": 38.9, "lon": -77.0, "count": 2}]  # a world-wide frame
    svg = place_map(places)
    labels = re.findall(r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)">([^<]+)</text>', svg)
    boxes = []
    for x, y, anchor, name in labels:
        x, y, width = float(x), float(y), 7.0 * len(name)
        left = x if anchor == "start" else x - width
        boxes.append((left, y - 11, left + width, y + 3))
    assert labels
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_chart_unit_sits_apart_from_the_value_ticks():
    from newsweave.report.svg import series_chart

    points = [{"value": 1295.0, "doc": "a", "start": 0, "text": "1,295 km2"},
              {"value": 1036.0, "doc": "b", "start": 0, "text": "400 square miles"}]
    svg = series_chart({"points": points, "unit": "km²", "measure": "territory"}, {"a": "1", "b": "2"})
    ticks = re.findall(r'<text x="([\d.]+)" y="([\d.]+)" class="tick"[^>]*>([^<]*)</text>', svg)
    unit_y = {float(y) for x, y, text in ticks if text == "km²"}
    value_ys = {float(y) for x, y, text in ticks if text and text[0].isdigit()}
    assert len(unit_y) == 1 and unit_y.isdisjoint(value_ys)
