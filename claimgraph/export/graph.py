"""The actor graph shared by the GraphML/GEXF exports and the web UI's graph page.

Nodes are (canonical) actors; edges are claims — one edge per source×target
pair of a claim, keyed by the claim id — or, while no claims have been
computed yet, events. Building it once here keeps the exported graph and the
graph an analyst clicks through in the browser the same graph.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from claimgraph.model import Actor, Claim
from claimgraph.ontology import plover
from claimgraph.store import Store
from claimgraph.store.claims import ClaimStore


@dataclass(slots=True)
class Edge:
    """One drawn relation: a claim (or an event) from one actor to another."""

    id: str
    kind: str  # "claim" or "event"
    source: str
    target: str
    type: str
    quad: str
    mode: str | None = None
    status: str = "asserted"
    date: str | None = None
    date_precision: str | None = None
    reliability: str | None = None
    credibility: int | None = None
    reasons: list[str] = field(default_factory=list)
    intensity: float = 0.0
    documents: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    href: str = ""

    @property
    def grade(self) -> str | None:
        if self.reliability is None or self.credibility is None:
            return None
        return f"{self.reliability}{self.credibility}"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["grade"] = self.grade
        return data


def quad_of(type_name: str) -> str:
    """The PLOVER quad, or "unknown" for a type the ontology does not know."""
    try:
        return plover.quad(type_name)
    except KeyError:
        return "unknown"


def canonical_ids(store: Store) -> dict[str, str]:
    """Raw actor id → canonical id, from the analysis layer's merges (empty before analysis)."""
    return {m.actor_id: m.canonical_id for m in ClaimStore(store).merges().values()}


def load_claims(store: Store) -> list[Claim]:
    """Every stored claim with its events and links (empty until analysis has run)."""
    return [sc.claim for sc in ClaimStore(store).claims()]


def claim_edges(claims: list[Claim], canon: dict[str, str]) -> list[Edge]:
    edges = []
    for c in claims:  # a claim without a target (a bare denial) has no dyad to draw
        for src in c.source:
            for tgt in c.target:
                edges.append(Edge(
                    id=c.id, kind="claim", source=canon.get(src, src), target=canon.get(tgt, tgt), type=c.type,
                    quad=quad_of(c.type), mode=c.mode, status=c.status,
                    date=c.date.value if c.date else None, date_precision=c.date.precision if c.date else None,
                    reliability=c.grade.reliability, credibility=c.grade.credibility, reasons=list(c.grade.reasons),
                    intensity=c.intensity, documents=list(c.documents), sources=list(c.independent_sources),
                    href=f"/claims/{c.id}",
                ))
    return edges


def event_edges(store: Store, canon: dict[str, str]) -> list[Edge]:
    """Fallback before claims exist: each event with both a source and a target is an edge."""
    edges = []
    for ev in store.events():
        for src in ev.source:
            for tgt in ev.target:
                edges.append(Edge(
                    id=ev.id, kind="event", source=canon.get(src, src), target=canon.get(tgt, tgt), type=ev.type,
                    quad=quad_of(ev.type), mode=ev.mode, status=ev.status,
                    date=ev.date.value if ev.date else None, date_precision=ev.date.precision if ev.date else None,
                    intensity=ev.intensity, documents=[ev.document_id],
                    href=f"/documents/{ev.document_id}#ev-{ev.id}",
                ))
    return edges


def graph_edges(store: Store, edges: str = "auto") -> tuple[str, list[Edge]]:
    """("claims", edges) when claims exist (or are asked for), else ("events", edges).

    `edges` is "auto", "claims" or "events": auto prefers claims because a claim
    is graded and deduplicated across outlets, an event is one sentence's say-so.
    """
    canon = canonical_ids(store)
    if edges != "events":
        claims = load_claims(store)
        if claims or edges == "claims":
            return "claims", claim_edges(claims, canon)
    return "events", event_edges(store, canon)


def actor_nodes(store: Store, edges: list[Edge]) -> dict[str, Actor]:
    """The actors the edges touch; unknown ids get a placeholder so no edge dangles."""
    known = {a.id: a for a in store.actors()}
    out: dict[str, Actor] = {}
    for e in edges:
        for ident in (e.source, e.target):
            if ident not in out:
                out[ident] = known.get(ident) or Actor(id=ident, name=ident)
    return out


def build_graph(store: Store, edges: str = "auto") -> nx.MultiDiGraph:
    """The actor graph with only scalar attributes, as GraphML and GEXF require.

    The PLOVER type is `plover_type`, not `type`: GEXF reserves an edge's
    `type` for directed/undirected and networkx drops it on the way in.
    """
    edges_are, edges_ = graph_edges(store, edges)
    g = nx.MultiDiGraph(name="claimgraph", edges_are=edges_are)
    for actor in actor_nodes(store, edges_).values():
        g.add_node(
            actor.id, label=actor.name, kind=actor.kind, country=actor.country or "",
            sector=actor.sector or "", aliases="; ".join(actor.aliases),
        )
    for e in edges_:
        g.add_edge(
            e.source, e.target, key=e.id, id=e.id, label=e.type, kind=e.kind, plover_type=e.type, quad=e.quad,
            mode=e.mode or "", status=e.status, date=e.date or "", date_precision=e.date_precision or "",
            grade=e.grade or "", reliability=e.reliability or "", credibility=e.credibility or 0,
            reasons="; ".join(e.reasons), intensity=float(e.intensity), weight=float(7 - (e.credibility or 6)),
            documents=";".join(e.documents), sources=";".join(e.sources),
        )
    return g


GRAPH_WHATS = ("graph", "claims", "events")


def edges_for(what: str) -> str:
    """`--what` of a graph export → which edges.

    "claims" forces claim edges (an empty graph before analysis); "graph" and
    "events" — the CLI's default `--what` — give the actor–claim graph when
    claims exist and the actor–event graph until then, so a plain
    `export --format graphml` is the graph the issue asks for.
    """
    return "claims" if what == "claims" else "auto"
