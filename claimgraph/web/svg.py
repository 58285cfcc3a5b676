"""Charts drawn as inline SVG on the server: the dyad chart and the static timeline.

Server-side SVG works in the web UI, in the self-contained report and with
JavaScript off, and needs no chart library. Every text node is escaped by
markupsafe; colours come from CSS classes (q-…) so the stylesheet is the
one place the quad palette is defined and no inline style is needed (CSP).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup

from claimgraph.dates import bounds


def quad_class(quad: str) -> str:
    return "q-" + quad.replace(" ", "-")


def _svg(width: int, height: int, body: list[Markup], label: str) -> Markup:
    return Markup('<svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">').format(
        width, height, width, height, label) + Markup("").join(body) + Markup("</svg>")


def dyad_chart(series: dict[str, Any], width: int = 720, height: int = 300) -> Markup:
    """Stacked bars per period on a time axis: cooperation above zero, conflict below; mean intensity as a line.

    The x axis is time, not a list of categories: each bar spans its year or month,
    so 2014 and 2022 sit eight years apart and the empty years between them show
    as gaps (the mean line breaks there too). Claims without a date at this
    precision are counted beside the chart, never silently dropped.
    """
    rows = [r for r in series["rows"] if bounds(r["period"])]
    undated = int(series.get("undated") or 0)
    title = f"{series['a']['name']} – {series['b']['name']} by {series['by']}"
    what = "claims" if series["from"] == "claims" else "events"
    note = Markup('<p class="undated-note">{} undated {} (no {} at {} time) not placed on the axis.</p>').format(
        undated, what, series["by"], series.get("time", "event")) if undated else Markup("")
    if not rows:
        return Markup('<p class="empty">No dated {} between these actors.</p>').format(series["from"]) + note
    quads = series["quads"]
    coop = [q for q in quads if q.endswith("cooperation")]
    conf = [q for q in quads if q.endswith("conflict")]
    top = max(max(sum(r[q] for q in coop) for r in rows), 1)
    bottom = max(max(sum(r[q] for q in conf) for r in rows), 1)
    top, bottom = (round(x, 2) if x % 1 else int(x) for x in (top, bottom))
    left, right, pad_top, pad_bottom = 40, 12, 20, 36
    plot_h = height - pad_top - pad_bottom
    scale = plot_h / (top + bottom)
    zero = pad_top + top * scale
    spans = [(_day(bounds(r["period"])[0]), _day(bounds(r["period"])[1]) + 1) for r in rows]  # type: ignore[index]
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    plot_w = width - left - right

    def x(day: float) -> float:
        return left + (day - lo) / max(hi - lo, 1) * plot_w

    body = [Markup('<title>{}</title>').format(title),
            Markup('<line class="axis" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"/>').format(left, width - right, zero, zero),
            Markup('<text class="tick" x="4" y="{:.1f}">+{}</text>').format(pad_top + 10, top),
            Markup('<text class="tick" x="4" y="{:.1f}">−{}</text>').format(height - pad_bottom, bottom)]
    first, last = date.fromordinal(lo).year, date.fromordinal(hi - 1).year
    stride = max(1, -(-(last - first + 1) // 12))
    for year in range(first, last + 1):
        tx = x(date(year, 1, 1).toordinal())
        if left <= tx <= left + plot_w and (year - first) % stride == 0:
            body.append(Markup('<line class="grid" x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{}"/>'
                               '<text class="tick year" x="{:.1f}" y="{}">{}</text>').format(
                tx, tx, pad_top, height - pad_bottom, tx + 2, height - pad_bottom + 14, year))
    points: list[tuple[float, float, dict[str, Any], int, int]] = []
    for r, (d0, d1) in zip(rows, spans, strict=True):
        x0, x1 = x(d0), x(d1)
        gap = min((x1 - x0) * 0.1, 2)
        bar = max(x1 - x0 - 2 * gap, 1.5)
        bx = x0 + gap
        up, down = zero, zero
        for q in coop:
            if r[q]:
                h = r[q] * scale
                up -= h
                body.append(Markup('<rect class="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" '
                                   'data-period="{}"><title>{} {}: {}</title></rect>').format(
                    quad_class(q), bx, up, bar, h, r["period"], r["period"], q, r[q]))
        for q in conf:
            if r[q]:
                h = r[q] * scale
                body.append(Markup('<rect class="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" '
                                   'data-period="{}"><title>{} {}: {}</title></rect>').format(
                    quad_class(q), bx, down, bar, h, r["period"], r["period"], q, r[q]))
                down += h
        # mean intensity (−10…+10) mapped onto the same vertical extent
        y = zero - (r["mean"] / 10) * (top * scale if r["mean"] >= 0 else bottom * scale)
        points.append(((x0 + x1) / 2, y, r, d0, d1))
    # the mean line joins adjacent periods only: an empty period is a gap, not a slope
    run: list[tuple[float, float]] = []
    for i, (px, py, _r, d0, _d1) in enumerate(points):
        if run and points[i - 1][4] != d0:
            if len(run) > 1:
                body.append(Markup('<polyline class="mean" points="{}"/>').format(
                    " ".join(f"{a:.1f},{b:.1f}" for a, b in run)))
            run = []
        run.append((px, py))
    if len(run) > 1:
        body.append(Markup('<polyline class="mean" points="{}"/>').format(" ".join(f"{a:.1f},{b:.1f}" for a, b in run)))
    for px, py, r, _d0, _d1 in points:
        body.append(Markup('<circle class="mean-dot" cx="{:.1f}" cy="{:.1f}" r="3"><title>{}: mean intensity {}, '
                           'sum {} over {}</title></circle>').format(px, py, r["period"], r["mean"], r["sum"], r["n"]))
    body.append(Markup('<text class="tick" x="{}" y="{}">{} from {} by {} date, on a time axis; '
                       'line = mean intensity (−10…+10){}</text>').format(
        left, height - 6, series["by"], series["from"], series.get("time", "event"),
        f"; {undated} undated not shown" if undated else ""))
    return _svg(width, height, body, title) + note


def _day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def timeline_chart(events: list[dict[str, Any]], width: int = 960, lane: int = 16, standalone: bool = False) -> Markup:
    """Event-date intervals (bars) with the reporting date (diamond) joined by a dotted line.

    `standalone` (the report) links each bar to its source row in the same
    file instead of the server's source view, which a mailed file cannot reach.
    """
    if not events:
        return Markup('<p class="empty">No dated events.</p>')
    days = [_day(e["start"]) for e in events] + [_day(e["end"]) for e in events]
    days += [_day(e["reported_start"]) for e in events if e.get("reported_start")]
    lo, hi = min(days), max(days) + 1
    left, right, top = 10, 330, 24
    span = max(hi - lo, 1)
    plot_w = width - left - right

    def x(day: int) -> float:
        return left + (day - lo) / span * plot_w

    body = [Markup("<title>Timeline</title>")]
    first, last = date.fromordinal(lo).year, date.fromordinal(hi).year
    stride = max(1, (last - first) // 10 or 1)
    for year in range(first, last + 1, stride):
        tx = x(date(year, 1, 1).toordinal())
        if left <= tx <= left + plot_w:
            body.append(Markup('<line class="grid" x1="{:.1f}" x2="{:.1f}" y1="14" y2="{}"/>'
                               '<text class="tick" x="{:.1f}" y="10">{}</text>').format(
                tx, tx, top + lane * len(events), tx + 2, year))
    for i, e in enumerate(events):
        y = top + i * lane
        x0, x1 = x(_day(e["start"])), x(_day(e["end"]) + 1)
        if e.get("reported_start"):
            rx = x(_day(e["reported_start"]))
            body.append(Markup('<line class="report-link" x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{}"/>'
                               '<path class="reported" d="M{:.1f} {} l4 4 l-4 4 l-4 -4 z">'
                               '<title>reported {}</title></path>').format(
                x1, rx, y + 6, y + 6, rx, y + 2, e["reported_start"]))
        body.append(Markup('<a href="{}"><rect class="{}" x="{:.1f}" y="{}" width="{:.1f}" height="11">'
                           '<title>{} ({} {})</title></rect></a>').format(
            f"#doc-{e['document']}" if standalone else e["href"], quad_class(e["quad"]), x0, y, max(x1 - x0, 3), e["label"], e["date"], e["status"]))
        body.append(Markup('<text class="lane-label" x="{}" y="{}">{} · {}</text>').format(
            width - right + 8, y + 10, e["date"], e["label"][:60]))
    return _svg(width, top + lane * len(events) + 8, body, "Timeline of events by event date")
