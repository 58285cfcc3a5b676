"""View models: what each page and its JSON API endpoint shows, built from the Store.

Pages and the JSON API call the same functions, so the browser's graph and
timeline (which fetch JSON) and the server-rendered fallbacks agree. Nothing
here writes; everything goes through Store / ClaimStore (parameterised SQL).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimgraph import api
from claimgraph.dates import filter_bounds
from claimgraph.errors import NotFound
from claimgraph.export.graph import Edge, actor_nodes, canonical_ids, graph_edges, quad_of
from claimgraph.model import Actor, Claim, Document, Event
from claimgraph.ontology.plover import QUADS
from claimgraph.store import Store, queries
from claimgraph.store.claims import ClaimStore
from claimgraph.store.queries import Page
from claimgraph.web.aggregate import aggregate
from claimgraph.web.dates import bounds, grade_at_least, overlaps
from claimgraph.web.highlight import actor_href


@dataclass(slots=True)
class Filters:
    """Graph / ledger filters, as the query string gives them (all optional)."""

    type: str | None = None
    status: str | None = None
    min_grade: str | None = None
    since: str | None = None
    until: str | None = None
    actor: str | None = None

    def admits(self, e: Edge) -> bool:
        """Event edges carry no grade, so a grade filter only narrows claim edges."""
        if self.type and e.type != self.type.upper():
            return False
        if self.status and e.status != self.status:
            return False
        if e.kind == "claim" and not grade_at_least(e.reliability, e.credibility, self.min_grade):
            return False
        return overlaps(e.date, self.since, self.until)


@dataclass(slots=True)
class Evidence:
    """One event behind a claim, with its sentence and where to read it."""

    event: Event
    sentence: str
    document: Document | None
    href: str


@dataclass(slots=True)
class ClaimView:
    claim: Claim
    source: list[Actor]
    target: list[Actor]
    quad: str
    evidence: list[Evidence] = field(default_factory=list)
    links: dict[str, list[tuple[Claim | None, str]]] = field(default_factory=dict)

    @property
    def grade(self) -> str:
        return self.claim.grade.code


class Views:
    """Per-request view builder over one store (cheap: lookups load lazily)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.claims_store = ClaimStore(store)
        self._actors: dict[str, Actor] | None = None
        self._docs: dict[str, Document] | None = None
        self._canon: dict[str, str] | None = None
        self._one: dict[str, Actor] = {}
        self._doc_cache: dict[str, Document] = {}

    # ------------------------------------------------------------ lookups
    @property
    def actors(self) -> dict[str, Actor]:
        if self._actors is None:
            self._actors = {a.id: a for a in self.store.actors()}
        return self._actors

    @property
    def docs(self) -> dict[str, Document]:
        if self._docs is None:
            self._docs = {d.id: d for d in self.store.documents()}
        return self._docs

    @property
    def canon(self) -> dict[str, str]:
        if self._canon is None:
            self._canon = canonical_ids(self.store)
        return self._canon

    def actor(self, ident: str) -> Actor:
        """The canonical actor for an id, by primary key (cached per request): a page names a few
        dozen actors, and loading every actor of a large store cost more than the page itself."""
        ident = self.canon.get(ident, ident)
        if self._actors is not None:
            return self._actors.get(ident) or Actor(id=ident, name=ident)
        if ident not in self._one:
            try:
                self._one[ident] = self.store.get_actor(ident)
            except NotFound:
                self._one[ident] = Actor(id=ident, name=ident)
        return self._one[ident]

    def actor_row(self, ident: str) -> Actor | None:
        """A raw actor record (not its canonical actor), or None."""
        try:
            return self.store.get_actor(ident)
        except NotFound:
            return None

    def names(self) -> dict[str, str]:
        return {a.id: a.name for a in self.actors.values()}

    def canonical_actors(self) -> list[Actor]:
        """Actors by name, merged-away ids left out so none is offered twice."""
        return sorted((a for a in self.actors.values() if self.canon.get(a.id, a.id) == a.id),
                      key=lambda a: a.name.lower())

    def raw_ids(self, canonical: str) -> list[str]:
        """Every raw actor id merged into `canonical`, itself included."""
        return sorted({canonical, *(raw for raw, c in self.canon.items() if c == canonical)})

    # ------------------------------------------------------------ overview
    def overview(self, recent: int = 8) -> dict[str, Any]:
        """Counts and rankings from the shared query layer, so they match `claimgraph summary`."""
        stats = self.store.stats()
        docs = queries.documents(self.store, sort="-ingested", limit=recent).items
        per_doc = queries.tally(self.store, "events", "document", within=[d.id for d in docs])
        return {
            "counts": {**stats, "claims": self.store.count("claims"), "links": queries.link_count(self.store)},
            "events_by_type": queries.tally(self.store, "events", "type"),
            "events_by_status": queries.tally(self.store, "events", "status"),
            "claims_by_grade": dict(sorted(queries.tally(self.store, "claims", "grade").items())),
            "top_actors": [{"id": r.actor.id, "name": r.actor.name, "events": r.events, "href": actor_href(r.actor.id)}
                           for r in queries.busiest_actors(self.store, 10) if r.events],
            "recent_documents": [{**d.summary(), "ingested_at": d.ingested_at, "events": per_doc.get(d.id, 0),
                                  "href": f"/documents/{d.id}"} for d in docs],
        }

    # ------------------------------------------------------------ graph
    def graph(self, f: Filters, detail: str = "dyads", top: int = 40, focus: str | None = None) -> dict[str, Any]:
        """The actor graph, aggregated by default: one edge per dyad and quad weighted by independent
        support, the `top` busiest actors, or `focus`'s neighbourhood (web/aggregate.py).
        `detail="claims"` is the unaggregated graph, one edge per claim (for small stores and exports)."""
        if detail == "claims":
            return self._claim_graph(f)
        lo, hi = filter_bounds(f.since, f.until)
        ids = api.actor_ids(self.store, f.actor) if f.actor else None
        centre = None
        if focus:  # an unknown actor is an error with suggestions, as everywhere
            cands = sorted({self.canon.get(i, i) for i in api.actor_ids(self.store, focus)})
            centre = next((c for c in cands if self.actor_row(c) is not None), cands[0])
        has_claims = self.store.count("claims") > 0
        if has_claims:
            rows = queries.claim_edge_rows(self.store, type=f.type, status=f.status, min_grade=f.min_grade, lo=lo,
                                           hi=hi, actor_ids=ids)
        else:
            rows = queries.event_edge_rows(self.store, type=f.type, status=f.status, lo=lo, hi=hi, actor_ids=ids)
        edges, chosen, total = aggregate(rows, self.canon, "claim" if has_claims else "event", top, centre)
        self.prefetch(chosen)
        return {
            "edges_are": "claims" if has_claims else "events", "detail": "dyads",
            "nodes": [{"id": a.id, "label": a.name, "kind": a.kind, "country": a.country, "href": actor_href(a.id)}
                      for a in (self.actor(x) for x in chosen)],
            "edges": edges, "quads": list(QUADS), "actors_total": total, "top": top, "focus": centre,
        }

    def _claim_graph(self, f: Filters) -> dict[str, Any]:
        edges_are, edges = graph_edges(self.store)
        edges = [e for e in edges if f.admits(e)]
        if f.actor:
            who = self.canon.get(f.actor, f.actor)
            edges = [e for e in edges if who in (e.source, e.target)]
        nodes = actor_nodes(self.store, edges)
        return {
            "edges_are": edges_are, "detail": "claims",
            "nodes": [{"id": a.id, "label": a.name, "kind": a.kind, "country": a.country,
                       "href": actor_href(a.id)} for a in nodes.values()],
            "edges": [e.to_json() for e in edges],
            "quads": list(QUADS), "actors_total": len(nodes), "top": len(nodes), "focus": None,
        }

    # ------------------------------------------------------------ claims
    def claim_view(self, c: Claim, index: dict[str, Claim] | None = None, with_evidence: bool = False,
                   events: dict[str, Event] | None = None) -> ClaimView:
        view = ClaimView(c, [self.actor(a) for a in c.source], [self.actor(a) for a in c.target], quad_of(c.type))
        for link in c.links:
            other = index.get(link.claim) if index is not None else None
            view.links.setdefault(link.kind, []).append((other, link.why))
        if with_evidence:
            evs = ([events[e] for e in c.events if e in events] if events is not None
                   else self.claims_store.events_by_id(c.events))
            view.evidence = self._evidence(evs)
        return view

    def _evidence(self, evs: list[Event]) -> list[Evidence]:
        """Sentences cut out by the database and their documents, in two queries for the lot."""
        texts = queries.sentences(self.store, [(e.document_id, e.sentence.start, e.sentence.end) for e in evs])
        docs = self.documents([e.document_id for e in evs])
        return [Evidence(ev, texts[(ev.document_id, ev.sentence.start, ev.sentence.end)], docs.get(ev.document_id),
                         f"/documents/{ev.document_id}#ev-{ev.id}") for ev in evs]

    def documents(self, ids: list[str]) -> dict[str, Document]:
        """These documents (no text), cached per request."""
        missing = [i for i in ids if i not in self._doc_cache]
        if missing:
            self._doc_cache.update(queries.documents_by_id(self.store, missing))
        return {i: self._doc_cache[i] for i in ids if i in self._doc_cache}

    def prefetch(self, ids: Any) -> None:
        """Load the actors a page will name in one query instead of one each."""
        want = {self.canon.get(i, i) for i in ids} - set(self._one)
        if want and self._actors is None:
            found = queries.actors_by_id(self.store, sorted(want))
            for i in want:
                self._one[i] = found.get(i) or Actor(id=i, name=i)

    def ledger(self, f: Filters, with_evidence: bool = True, *, sort: str = "support", limit: int | None = None,
               offset: int = 0) -> tuple[list[ClaimView], Page[Any]]:
        """One page of claims, best-supported first (credibility, reliability, more independent sources).

        The routes bound `limit` (declared Query limits); None — every claim — is for the report."""
        page = api.claims_page(self.store, type=f.type, status=f.status, min_grade=f.min_grade, since=f.since,
                               until=f.until, actor=f.actor, sort=sort, limit=limit, offset=offset)
        claims = [sc.claim for sc in page.items]
        self.prefetch(a for c in claims for a in (*c.source, *c.target))
        linked = {ln.claim for c in claims for ln in c.links} - {c.id for c in claims}
        index = {c.id: c for c in claims}
        if linked:
            index.update((sc.claim.id, sc.claim) for sc in self.claims_store.claims(linked))
        events = ({e.id: e for e in self.claims_store.events_by_id({x for c in claims for x in c.events})}
                  if with_evidence else None)
        if events:  # every sentence of the page at once
            self._evidence(list(events.values()))
        return [self.claim_view(c, index, with_evidence, events) for c in claims], page

    def claim(self, ident: str) -> ClaimView | None:
        sc = self.claims_store.get_claim(ident)
        if sc is None:
            return None
        others = [link.claim for link in sc.claim.links]
        index = {o.claim.id: o.claim for o in self.claims_store.claims(others)} if others else {}
        return self.claim_view(sc.claim, index, with_evidence=True)

    # ------------------------------------------------------------ timeline
    def timeline(self, actor: str | None = None, *, since: str | None = None, until: str | None = None,
                 older: bool = False, limit: int | None = None, offset: int = 0) -> dict[str, Any]:
        """One page of events on the event-date axis, each with its reporting (publication) date,
        opening on the corpus's reporting period (api.timeline)."""
        t = api.timeline(self.store, actor=actor, since=since, until=until, older=older, limit=limit,
                         offset=offset)
        evs = t["events"].items + t["undated"].items
        docs = self.documents([e.document_id for e in evs])
        self.prefetch(a for e in evs for a in (*e.source, *e.target))
        dated = [self._timeline_item(ev, docs) for ev in t["events"].items]
        undated = [self._timeline_item(ev, docs) for ev in t["undated"].items]
        return {"events": dated, "undated": undated, "actor": actor, "page": t["events"].meta(),
                "undated_total": t["undated"].total, "period": t["period"], "since": t["since"],
                "until": t["until"], "background": t["background"], "older": older}

    def _timeline_item(self, ev: Event, docs: dict[str, Document]) -> dict[str, Any]:
        doc = docs.get(ev.document_id)
        item: dict[str, Any] = {
            "id": ev.id, "type": ev.type, "quad": quad_of(ev.type), "mode": ev.mode, "status": ev.status,
            "label": self.event_label(ev),
            "date": ev.date.value if ev.date else None, "precision": ev.date.precision if ev.date else None,
            "reported": doc.published.value if doc and doc.published else None,
            "outlet": doc.outlet if doc else None, "document": ev.document_id,
            "href": f"/documents/{ev.document_id}#ev-{ev.id}",
        }
        b = bounds(item["date"])
        rep = bounds(item["reported"])
        item["start"], item["end"] = b if b else (None, None)
        item["reported_start"] = rep[0] if rep else None
        return item

    def event_label(self, ev: Event) -> str:
        src = ", ".join(self.actor(a).name for a in ev.source) or "?"
        tgt = ", ".join(self.actor(a).name for a in ev.target)
        return f"{src} {ev.type}{'/' + ev.mode if ev.mode else ''}{' → ' + tgt if tgt else ''}"
