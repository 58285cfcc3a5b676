"""The graph as an analyst can read it at thousands of claims: one edge per dyad and quad.

Hundreds of parallel Russia–Ukraine claim edges are one thick "material
conflict" edge, weighted by independent support (how many distinct outlets
carry any of its claims), not by how many times a story was repeated. Only
the busiest `top` actors are drawn (by that weight); `focus` draws one
actor's neighbourhood instead — the click-to-expand step.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from claimgraph.export.graph import quad_of
from claimgraph.store.queries import EdgeRow


@dataclass(slots=True)
class DyadEdge:
    a: str
    b: str
    quad: str
    items: list[EdgeRow] = field(default_factory=list)
    directions: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def support(self) -> list[str]:
        return sorted({x for it in self.items for x in it.sources})

    def to_json(self, kind: str) -> dict[str, Any]:
        """A single item keeps its own id and link; several link to the pair's dyad view."""
        (src, tgt), n = self.directions.most_common(1)[0]
        one = self.items[0] if len(self.items) == 1 else None
        types = Counter(it.type for it in self.items)
        best = min(((it.credibility or 6), "ABCDEF".find(it.reliability or "F"), it.reliability or "F")
                   for it in self.items)
        both = n < len(self.items)
        if one is not None:
            href = f"/claims/{quote(one.id)}" if kind == "claim" else f"/documents/{one.sources[0]}#ev-{one.id}"
        else:
            href = f"/actors/{quote(self.a, safe='')}?with={quote(self.b, safe='')}"
        dates = sorted(it.date for it in self.items if it.date)
        return {
            "id": one.id if one else f"{self.a}|{self.b}|{self.quad}", "kind": kind if one else "dyad",
            "source": src, "target": tgt, "both_ways": both, "quad": self.quad,
            "type": types.most_common(1)[0][0], "types": dict(types.most_common()), "mode": None,
            "count": len(self.items), "support": len(self.support), "sources": self.support[:20],
            "weight": len(self.support), "status": "", "date": (dates[0] + ("–" + dates[-1] if dates[-1] != dates[0]
                                                                             else "")) if dates else None,
            "grade": f"{best[2]}{best[0]}" if kind == "claim" else None,
            "credibility": best[0] if kind == "claim" else None, "href": href,
        }


def aggregate(rows: list[EdgeRow], canon: dict[str, str], kind: str, top: int = 40,
              focus: str | None = None) -> tuple[list[dict[str, Any]], list[str], int]:
    """(edges, actor ids to draw, how many actors there are in all)."""
    edges: dict[tuple[str, str, str], DyadEdge] = {}
    for it in rows:
        quad = quad_of(it.type)
        for s in it.source:
            for t in it.target:
                a, b = canon.get(s, s), canon.get(t, t)
                if a == b:
                    continue
                lo, hi = sorted((a, b))
                e = edges.setdefault((lo, hi, quad), DyadEdge(lo, hi, quad))
                if not e.items or e.items[-1] is not it:
                    e.items.append(it)
                e.directions[(a, b)] += 1
    weight: dict[str, int] = defaultdict(int)
    for e in edges.values():
        w = len(e.support)
        weight[e.a] += w
        weight[e.b] += w
    if focus:
        keep = {focus} | {x for e in edges.values() if focus in (e.a, e.b) for x in (e.a, e.b)}
        chosen = [focus] + sorted(keep - {focus}, key=lambda x: (-weight[x], x))[:max(top - 1, 0)]
    else:
        chosen = sorted(weight, key=lambda x: (-weight[x], x))[:top]
    drawn = set(chosen)
    out = [e.to_json(kind) for _k, e in sorted(edges.items()) if e.a in drawn and e.b in drawn]
    return out, chosen, len(weight)
