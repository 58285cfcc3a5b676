"""Dyad series: how two actors' relations move over time, from claims.

Built on claims rather than events so that one story repeated by ten outlets
counts once. Event time (when it happened) is the default; reporting time
(the earliest publication among the claim's documents) is a switch — the
two are never mixed. Negated claims ("did not allow") are left out: they
say something did not happen. With `weighted`, each claim counts by its
credibility (CRED_WEIGHT), so a confirmed story outweighs a rumour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimgraph.analysis.resolve import Resolution, load_resolution
from claimgraph.analysis.times import period
from claimgraph.store.claims import ClaimStore, StoredClaim
from claimgraph.store.store import Store

QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
CRED_WEIGHT = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.5}


@dataclass(slots=True)
class Row:
    period: str
    counts: dict[str, float] = field(default_factory=lambda: dict.fromkeys(QUADS, 0.0))
    n: float = 0.0
    total: float = 0.0
    claims: list[str] = field(default_factory=list)

    @property
    def mean(self) -> float:
        return self.total / self.n if self.n else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, **{q: round(v, 3) for q, v in self.counts.items()}, "n": round(self.n, 3),
                "sum_intensity": round(self.total, 3), "mean_intensity": round(self.mean, 3), "claims": self.claims}


@dataclass(slots=True)
class Series:
    a: str
    b: str
    by: str
    time: str  # "event" | "reporting"
    weighted: bool
    rows: list[Row]
    unplaced: list[str]  # claims with no date at this precision

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "by": self.by, "time": self.time, "weighted": self.weighted,
                "rows": [r.to_json() for r in self.rows], "unplaced": self.unplaced}


def _quad(type_: str) -> str | None:
    from claimgraph.ontology import plover
    try:
        return plover.quad(type_)
    except KeyError:
        return None


def _side_matches(ids: list[str], actor: str, res: Resolution, affiliates: bool) -> bool:
    for x in ids:
        if x == actor:
            return True
        rec = res.actor(x)
        if affiliates and rec is not None and rec.country and res.of(rec.country) == actor:
            return True
    return False


def in_dyad(sc: StoredClaim, a: str, b: str, res: Resolution, affiliates: bool = True) -> bool:
    s, t = sc.claim.source, sc.claim.target
    return ((_side_matches(s, a, res, affiliates) and _side_matches(t, b, res, affiliates))
            or (_side_matches(s, b, res, affiliates) and _side_matches(t, a, res, affiliates)))


def dyad_series(store: Store, a: str, b: str, by: str = "year", reporting_time: bool = False,
                weighted: bool = False, affiliates: bool = True) -> Series:
    """Counts by quad and summed/mean intensity per period, both directions of the dyad."""
    res = load_resolution(store)
    a, b = res.of(a), res.of(b)
    cs = ClaimStore(store)
    ids = cs.claim_ids_with_actors([a, b] + [x for x, rec in res.actors.items() if rec.country in (a, b)],
                                   role="party")
    rows: dict[str, Row] = {}
    unplaced: list[str] = []
    for sc in cs.claims(ids):
        if sc.negated or not in_dyad(sc, a, b, res, affiliates):
            continue
        quad = _quad(sc.claim.type)
        if quad is None:
            continue
        when = sc.reported if reporting_time else (sc.claim.date.value if sc.claim.date else None)
        key = period(when, by)
        if key is None:
            unplaced.append(sc.claim.id)
            continue
        w = CRED_WEIGHT.get(sc.claim.grade.credibility, 0.5) if weighted else 1.0
        row = rows.setdefault(key, Row(key))
        row.counts[quad] += w
        row.n += w
        row.total += w * sc.claim.intensity
        row.claims.append(sc.claim.id)
    return Series(a, b, by, "reporting" if reporting_time else "event", weighted,
                  [rows[k] for k in sorted(rows)], sorted(unplaced))


PLOT_FORMATS = (".png", ".svg")


def plot(series: Series, path: str) -> None:
    """Stacked quad counts on a time axis with the mean intensity on a second axis (Agg: no display).

    Each bar spans its year or month on a real date axis, so empty periods show as
    gaps and 2014 does not sit next to 2022; the mean line breaks across gaps.
    Undated claims are counted in the title. PNG or SVG, by the file's suffix.
    """
    from datetime import date, timedelta
    from pathlib import Path

    import matplotlib

    from claimgraph.dates import bounds
    from claimgraph.errors import UsageError

    suffix = Path(path).suffix.lower()
    if suffix not in PLOT_FORMATS:
        raise UsageError(f"{path}: the plot is written as PNG or SVG; name the file .png or .svg")
    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    colours = {"verbal cooperation": "#8fd18f", "material cooperation": "#2e8b57",
               "verbal conflict": "#f4a582", "material conflict": "#b2182b"}
    spans = []
    for r in series.rows:
        b = bounds(r.period)
        if b:
            d0, d1 = date.fromisoformat(b[0]), date.fromisoformat(b[1]) + timedelta(days=1)
            spans.append((r, d0, d1))
    fig, ax = plt.subplots(figsize=(9, 4))
    starts = [mdates.date2num(d0) for _, d0, _ in spans]
    widths = [(d1 - d0).days * 0.85 for _, d0, d1 in spans]
    bottom = [0.0] * len(spans)
    for q in QUADS:
        vals = [r.counts[q] for r, _, _ in spans]
        ax.bar(starts, vals, width=widths, bottom=bottom, align="edge", label=q, color=colours[q])
        bottom = [x + y for x, y in zip(bottom, vals, strict=True)]
    ax.set_ylabel("claims" + (" (weighted by credibility)" if series.weighted else ""))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax2 = ax.twinx()
    xs: list[float] = []
    ys: list[float] = []
    for i, (r, d0, d1) in enumerate(spans):
        if i and spans[i - 1][2] != d0:  # a gap: break the line
            xs.append(float("nan"))
            ys.append(float("nan"))
        xs.append(mdates.date2num(d0 + (d1 - d0) / 2))
        ys.append(r.mean)
    ax2.plot(xs, ys, color="black", marker="o", label="mean intensity")
    ax2.axhline(0, color="grey", linewidth=0.5)
    ax2.set_ylim(-10, 10)
    ax2.set_ylabel("mean intensity (−10…+10)")
    undated = f"; {len(series.unplaced)} undated claim(s) not placed" if series.unplaced else ""
    ax.set_title(f"{series.a}–{series.b} by {series.by} ({series.time} time){undated}", fontsize="medium")
    ax.legend(loc="upper left", fontsize="small")
    fig.tight_layout()
    fig.savefig(path, format=suffix[1:])
    plt.close(fig)
