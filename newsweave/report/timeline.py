"""What the report's timeline partial (``_timeline.html``) shows: the chart's geometry, the
legend and the list, from the merged story timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from newsweave.model import document_label
from newsweave.reconcile.intervals import interval_of
from newsweave.reconcile.timeline import TimelineOptions, build_timeline

def document_timelines(timeline: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Per-document timelines: for each document, the merged entries it reports, in date order."""
    out: dict[str, list[dict[str, Any]]] = {}
    for entry in timeline:
        for doc in entry["documents"]:
            out.setdefault(doc, []).append(entry)
    return out


PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf", "#7f7f7f", "#bcbd22")


def timeline_context(analysis: dict[str, Any], timeline: list[dict[str, Any]] | None = None,
                     options: TimelineOptions | None = None) -> dict[str, Any]:
    """What ``_timeline.html`` renders: the chart's geometry, the legend and the list.

    Pass ``timeline`` when ``analysis`` already holds one (``analysis["timeline"]``) to
    avoid building it again. The chart shows the entries with a known year, most-cited
    first when there are more than ``options.max_entries_in_chart``.
    """
    options = options or TimelineOptions()
    if timeline is None:
        timeline = analysis.get("timeline")
    if timeline is None:
        timeline = build_timeline(analysis, options)
    total = len(timeline)
    if total > options.max_entries_in_list:
        keep = {e["id"] for e in sorted(timeline, key=lambda e: -len(e["documents"]))[: options.max_entries_in_list]}
        timeline = [e for e in timeline if e["id"] in keep]
    timeline = [dict(e, sources=e["sources"][: options.max_sources_per_entry], more_sources=max(
        0, len(e["sources"]) - options.max_sources_per_entry)) for e in timeline]
    shown = {doc for e in timeline for doc in e["documents"]}
    docs = [d for d in analysis.get("documents", ()) if d["id"] in shown]
    colour = {d["id"]: PALETTE[i % len(PALETTE)] for i, d in enumerate(docs)}
    legend = [{"doc": d["id"], "name": document_label(d.get("title"), d.get("source"), d["id"]),
               "colour": colour[d["id"]], "reported": (d.get("published") or {}).get("value")} for d in docs]
    charted = [e for e in timeline if e["year_known"]]
    if len(charted) > options.max_entries_in_chart:
        keep = sorted(charted, key=lambda e: -len(e["documents"]))[: options.max_entries_in_chart]
        charted = [e for e in charted if e in keep]
    chart = _chart(charted, colour) if charted else None
    entries = [{**e, "colours": [colour[d] for d in e["documents"]]} for e in timeline]
    return {"timeline": entries, "timeline_chart": chart, "timeline_legend": legend,
            "timeline_documents": document_timelines(timeline), "timeline_total": total}


def _chart(entries: list[dict[str, Any]], colour: dict[str, str], width: int = 900,
           row: int = 14, margin: int = 40) -> dict[str, Any]:
    """Geometry for an SVG chart: one row per entry, a bar over its interval, a dot per source."""
    spans = [interval_of(e["date"]) for e in entries]
    lo = min(s.lo for s in spans)
    hi = max(s.hi for s in spans)
    scale = (width - 2 * margin) / max(1, hi - lo)
    rows = []
    for n, (entry, span) in enumerate(zip(entries, spans)):
        x0 = margin + (span.lo - lo) * scale
        x1 = max(x0 + 3, margin + (span.hi + 1 - lo) * scale)
        y = 30 + n * row
        dots = [{"x": round(x0 + (x1 - x0) / 2 + 7 * k, 1), "y": y, "colour": colour[s["doc"]],
                 "title": f"{s.get('reported') or 'undated'}: {s['sentence']}"}
                for k, s in enumerate(_one_per_doc(entry["sources"]))]
        rows.append({"x": round(x0, 1), "w": round(x1 - x0, 1), "y": y, "id": entry["id"],
                     "title": f"{entry['date']}: {entry['label']}", "dots": dots})
    ticks = []
    first, last = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
    years = range(first.year, last.year + 1)
    step = 1 if len(years) <= 12 else len(years) // 10 + 1
    for year in years[::step]:
        day = dt.date(year, 1, 1).toordinal()
        if lo <= day <= hi:
            ticks.append({"x": round(margin + (day - lo) * scale, 1), "label": str(year)})
    if len(ticks) < 2:  # a short story: month ticks
        month = dt.date(first.year, first.month, 1)
        while month <= last:
            if month.toordinal() >= lo:
                ticks.append({"x": round(margin + (month.toordinal() - lo) * scale, 1),
                              "label": month.strftime("%b %Y")})
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        ticks = ticks[:: max(1, len(ticks) // 12)]
    return {"width": width, "height": 40 + len(entries) * row + 20, "rows": rows, "ticks": ticks,
            "axis_y": 40 + len(entries) * row, "start": first.isoformat(), "end": last.isoformat()}


def _one_per_doc(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for s in sources:
        seen.setdefault(s["doc"], s)
    return list(seen.values())
