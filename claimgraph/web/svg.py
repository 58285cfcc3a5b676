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


def quad_class(quad: str) -> str:
    return "q-" + quad.replace(" ", "-")


def _svg(width: int, height: int, body: list[Markup], label: str) -> Markup:
    return Markup('<svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">').format(
        width, height, width, height, label) + Markup("").join(body) + Markup("</svg>")


def dyad_chart(series: dict[str, Any], width: int = 720, height: int = 300) -> Markup:
    """Stacked bars per period: cooperation above zero, conflict below; mean intensity as a line."""
    rows = series["rows"]
    title = f"{series['a']['name']} – {series['b']['name']} by {series['by']}"
    if not rows:
        return Markup('<p class="empty">No dated {} between these actors.</p>').format(series["from"])
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
    step = (width - left - right) / len(rows)
    bar = max(min(step * 0.6, 48), 3)
    body = [Markup('<title>{}</title>').format(title),
            Markup('<line class="axis" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"/>').format(left, width - right, zero, zero),
            Markup('<text class="tick" x="4" y="{:.1f}">+{}</text>').format(pad_top + 10, top),
            Markup('<text class="tick" x="4" y="{:.1f}">−{}</text>').format(height - pad_bottom, bottom)]
    points = []
    for i, r in enumerate(rows):
        x = left + i * step + (step - bar) / 2
        up, down = zero, zero
        for q in coop:
            if r[q]:
                h = r[q] * scale
                up -= h
                body.append(Markup('<rect class="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}">'
                                   '<title>{} {}: {}</title></rect>').format(
                    quad_class(q), x, up, bar, h, r["period"], q, r[q]))
        for q in conf:
            if r[q]:
                h = r[q] * scale
                body.append(Markup('<rect class="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}">'
                                   '<title>{} {}: {}</title></rect>').format(
                    quad_class(q), x, down, bar, h, r["period"], q, r[q]))
                down += h
        body.append(Markup('<text class="tick" x="{:.1f}" y="{}" text-anchor="middle">{}</text>').format(
            x + bar / 2, height - pad_bottom + 14, r["period"]))
        # mean intensity (−10…+10) mapped onto the same vertical extent
        y = zero - (r["mean"] / 10) * (top * scale if r["mean"] >= 0 else bottom * scale)
        points.append((x + bar / 2, y, r))
    if len(points) > 1:
        body.append(Markup('<polyline class="mean" points="{}"/>').format(
            " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)))
    for x, y, r in points:
        body.append(Markup('<circle class="mean-dot" cx="{:.1f}" cy="{:.1f}" r="3"><title>{}: mean intensity {}, '
                           'sum {} over {}</title></circle>').format(x, y, r["period"], r["mean"], r["sum"], r["n"]))
    body.append(Markup('<text class="tick" x="{}" y="{}">{} from {} by {} date; line = mean intensity (−10…+10)'
                       '</text>').format(left, height - 6, series["by"], series["from"], series.get("time", "event")))
    return _svg(width, height, body, title)


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
