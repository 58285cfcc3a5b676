"""JSON API (documented in /api/openapi.json); the graph and timeline pages fetch from here."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from claimgraph import api
from claimgraph.errors import NotFound, UsageError
from claimgraph.export.records import document_record
from claimgraph.store import Store
from claimgraph.store.queries import MAX_LIMIT, Page
from claimgraph.store.search import KINDS
from claimgraph.web import schemas
from claimgraph.web.params import (
    ActorId,
    ActorQ,
    ByQ,
    ClaimId,
    ClaimLimitQ,
    CountryQ,
    DocId,
    DyadActorQ,
    GradeQ,
    KindQ,
    KmQ,
    LimitQ,
    NearQ,
    OffsetQ,
    SinceQ,
    StatusQ,
    TimeQ,
    TypeQ,
    UntilQ,
    filters,
)
from claimgraph.web.views import ClaimView, Views
from claimgraph.web.views_docs import actor_view, dyad_series

router = APIRouter(prefix="/api", tags=["api"], responses=schemas.COMMON_ERRORS)


def envelope(page: Page[Any], items: list[Any]) -> dict[str, Any]:
    """A page of a list: its rows and where they sit in the whole (`total`, `limit`, `offset`)."""
    return {**page.meta(), "items": items}


def views(request: Request) -> Views:
    store: Store = request.app.state.store
    return Views(store)


LIST_LINKS = 10  # links per claim in a list; the claim itself has them all, with their reasons


def claim_json(cv: ClaimView, full: bool = True) -> dict[str, Any]:
    """A claim as JSON; in a list (`full=False`) its links are the first few, without the reasons
    (which quote whole evidence sentences), so a page stays bounded whatever a claim has gathered."""
    out = _claim_json(cv)
    if not full:
        out["link_count"] = len(out["links"])
        out["links"] = [{"kind": ln["kind"], "claim": ln["claim"]} for ln in out["links"][:LIST_LINKS]]
    return out


def _claim_json(cv: ClaimView) -> dict[str, Any]:
    c = cv.claim
    return {
        "id": c.id, "type": c.type, "mode": c.mode, "quad": cv.quad, "status": c.status,
        "date": c.date.to_json() if c.date else None, "intensity": c.intensity,
        "source": [a.ref() for a in cv.source], "target": [a.ref() for a in cv.target],
        "events": c.events, "documents": c.documents, "independent_sources": c.independent_sources,
        "presentations": c.presentations, "grade": {**c.grade.to_json(), "code": c.grade.code},
        "links": [{"kind": ln.kind, "claim": ln.claim, "why": ln.why} for ln in c.links],
        "evidence": [{"event": e.event.id, "document": e.document.summary() if e.document else None,
                      "sentence": e.sentence, "status": e.event.status, "href": e.href} for e in cv.evidence],
        "href": f"/claims/{c.id}",
    }


@router.get("/overview", response_model=schemas.Overview)
def api_overview(request: Request) -> dict[str, Any]:
    """Counts, recent documents, busiest actors, claims by grade."""
    return views(request).overview()


@router.get("/graph", response_model=schemas.Graph, responses=schemas.UNKNOWN_ACTOR)
def api_graph(request: Request, type: TypeQ = None, status: StatusQ = None,
              min_grade: GradeQ = None, since: SinceQ = None, until: UntilQ = None,
              actor: ActorQ = None, detail: str = Query("dyads", pattern="^(dyads|claims)$"),
              top: int = Query(40, ge=1, le=MAX_LIMIT, description="draw the busiest N actors"),
              focus: ActorQ = None) -> dict[str, Any]:
    """Actors as nodes; by default one edge per dyad and quad weighted by independent support,
    among the `top` busiest actors or around `focus`; `detail=claims` draws one edge per claim
    (events before analysis)."""
    return views(request).graph(filters(type, status, min_grade, since, until, actor), detail, top, focus or None)


@router.get("/timeline", response_model=schemas.Timeline, responses=schemas.UNKNOWN_ACTOR)
def api_timeline(request: Request, actor: ActorQ = None, since: SinceQ = None,
                 until: UntilQ = None, older: bool = False, limit: int = Query(200, ge=1, le=MAX_LIMIT),
                 offset: OffsetQ = 0) -> dict[str, Any]:
    """Events by event date with their reporting date, one page, opening on the reporting period;
    `background` counts older events left out (`older=true` shows them); undated events apart."""
    t = views(request).timeline(actor or None, since=since or None, until=until or None, older=older,
                                limit=limit, offset=offset)
    return {**t, **t["page"]}


@router.get("/claims", response_model=schemas.ClaimPage, responses=schemas.UNKNOWN_ACTOR)
def api_claims(request: Request, type: TypeQ = None, status: StatusQ = None,
               min_grade: GradeQ = None, since: SinceQ = None, until: UntilQ = None,
               actor: ActorQ = None, sort: str = Query("support", pattern="^-?(support|date|reported|type)$"),
               limit: ClaimLimitQ = 50, offset: OffsetQ = 0) -> dict[str, Any]:
    """The claim ledger, best-supported first, one page."""
    ledger, page = views(request).ledger(filters(type, status, min_grade, since, until, actor), with_evidence=False,
                                         sort=sort, limit=limit, offset=offset)
    return envelope(page, [claim_json(cv, full=False) for cv in ledger])


@router.get("/claims/{claim_id}", response_model=schemas.ClaimOut, responses=schemas.NOT_FOUND)
def api_claim(request: Request, claim_id: ClaimId) -> dict[str, Any]:
    cv = views(request).claim(claim_id)
    if cv is None:
        raise NotFound("claim", claim_id)
    return claim_json(cv)


@router.get("/documents", response_model=schemas.DocumentPage)
def api_documents(request: Request, sort: str = Query("-published", pattern="^-?(published|ingested|title|outlet)$"),
                  outlet: str | None = Query(None, max_length=200), limit: LimitQ = 50,
                  offset: OffsetQ = 0) -> dict[str, Any]:
    """Sources, newest publication first, one page."""
    page = api.documents_page(views(request).store, sort=sort, outlet=outlet or None, limit=limit, offset=offset,
                              cap=True)
    return envelope(page, [{**d.summary(), "author": d.author, "href": f"/documents/{d.id}"} for d in page.items])


@router.get("/documents/{doc_id}", response_model=schemas.DocumentOut, responses=schemas.NOT_FOUND)
def api_document(request: Request, doc_id: DocId) -> dict[str, Any]:
    v = views(request)
    doc = v.store.get_document(doc_id)
    return {**document_record(doc), "events": [e.to_json() for e in api.events(v.store, document=doc.id)]}


@router.get("/events", response_model=schemas.EventPage,
            responses={**schemas.UNKNOWN_ACTOR, **schemas.PLACE_NOT_FOUND})
def api_events(request: Request, actor: ActorQ = None, type: TypeQ = None, status: StatusQ = None,
               since: SinceQ = None, until: UntilQ = None,
               document: str | None = Query(None, max_length=64, pattern="^[0-9a-f]*$"),
               sort: str = Query("document", pattern="^-?(document|date|type)$"), limit: LimitQ = 50,
               offset: OffsetQ = 0, country: CountryQ = None, near: NearQ = None,
               km: KmQ = api.DEFAULT_KM) -> Any:
    """Events, filtered and sorted in the database, one page; `country` and `near`/`km` by their places
    (a place the gazetteer does not know, or a state given as `near`, is a 404 naming the parameter)."""
    store = views(request).store
    try:
        placed = api.place_filter(store, near=near or None, km=km, country=country or None)
    except UsageError as exc:
        return JSONResponse({"detail": f"{'near' if near else 'country'}: {exc}"}, status_code=404)
    page = api.events_page(store, actor=actor or None, type=type or None, status=status or None,
                           since=since or None, until=until or None, document=document or None, sort=sort,
                           limit=limit, offset=offset, cap=True, placed=placed)
    return envelope(page, [{**e.to_json(), "href": f"/documents/{e.document_id}#ev-{e.id}"} for e in page.items])


@router.get("/actors", response_model=schemas.ActorPage)
def api_actors(request: Request, q: str | None = Query(None, max_length=100, description="typeahead: part of a name"),
               kind: str | None = Query(None, max_length=40), sort: str = Query("name", pattern="^-?(name|id|kind|events)$"),
               limit: LimitQ = 50, offset: OffsetQ = 0) -> dict[str, Any]:
    """Resolved actors (merged ids folded in) whose id, name or alias contains `q`, one page."""
    page = api.actors_page(views(request).store, q=q or None, kind=kind or None, sort=sort, limit=limit,
                           offset=offset, cap=True)
    return envelope(page, [{**r.actor.ref(), "country": r.actor.country, "sector": r.actor.sector,
                            "aliases": r.actor.aliases, "merged": r.merged, "events": r.events,
                            "href": f"/actors/{r.actor.id}"} for r in page.items])


@router.get("/search", response_model=schemas.SearchPage)
def api_search(request: Request, q: str = Query(..., min_length=1, max_length=200),
               kind: KindQ = None,
               limit: int = Query(20, ge=1, le=MAX_LIMIT), offset: OffsetQ = 0) -> dict[str, Any]:
    """Full-text search over documents, evidence sentences and actor names; hits best first.
    `snippet` is plain text with the matched words between U+E000 and U+E001."""
    page = api.search(views(request).store, q, kinds=kind or KINDS, limit=limit, offset=offset)
    return envelope(page, [{**h.to_json(), "href": hit_href(h)} for h in page.items])


def hit_href(h: Any) -> str:
    """Where a search hit is read: the document, the sentence in its document, or the actor."""
    if h.kind == "actor":
        return f"/actors/{h.ref}"
    if h.kind == "sentence":
        return f"/documents/{h.document_id}#ev-{h.ref}"
    return f"/documents/{h.ref}"


@router.get("/actors/{actor_id}", response_model=schemas.ActorDetail, responses=schemas.NOT_FOUND)
def api_actor(request: Request, actor_id: ActorId) -> dict[str, Any]:
    v = views(request)
    data = actor_view(v, actor_id)
    if data is None:
        raise NotFound("actor", actor_id)
    a = data["actor"]
    return {**a.ref(), "country": a.country, "sector": a.sector, "aliases": data["aliases"],
            "merged": [{"id": m.actor_id, "why": m.why, "origin": m.origin} for m in data["merged"]],
            "relations": [{"actor": r["actor"].ref(), "quads": r["quads"], "total": r["total"]}
                          for r in data["relations"]],
            "claims": [c.claim.id for c in data["claims"]], "events": [e["event"].id for e in data["events"]]}


@router.get("/dyad", response_model=schemas.Dyad, responses=schemas.UNKNOWN_ACTOR)
def api_dyad(request: Request, a: DyadActorQ, b: DyadActorQ, by: ByQ = "year", time: TimeQ = "event") -> dict[str, Any]:
    """Counts by PLOVER quad and summed/mean intensity per period, by event (or reporting) date."""
    return dyad_series(views(request), a, b, by, reporting_time=time == "reporting")
