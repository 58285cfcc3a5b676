"""JSON API (documented in /api/openapi.json); the graph and timeline pages fetch from here."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from claimgraph.errors import NotFound
from claimgraph.export.records import actor_record, document_record
from claimgraph.store import Store
from claimgraph.web import schemas
from claimgraph.web.params import (
    ActorId,
    ActorQ,
    ByQ,
    ClaimId,
    DocId,
    DyadActorQ,
    GradeQ,
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


def views(request: Request) -> Views:
    store: Store = request.app.state.store
    return Views(store)


def claim_json(cv: ClaimView) -> dict[str, Any]:
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


@router.get("/graph", response_model=schemas.Graph)
def api_graph(request: Request, type: TypeQ = None, status: StatusQ = None, min_grade: GradeQ = None,
              since: SinceQ = None, until: UntilQ = None, actor: ActorQ = None) -> dict[str, Any]:
    """Actors as nodes; claims (or events before analysis) as edges, filtered."""
    return views(request).graph(filters(type, status, min_grade, since, until, actor))


@router.get("/timeline", response_model=schemas.Timeline)
def api_timeline(request: Request, actor: ActorQ = None) -> dict[str, Any]:
    """Events by event date with their reporting date; undated events listed apart."""
    return views(request).timeline(actor or None)


@router.get("/claims", response_model=list[schemas.ClaimOut])
def api_claims(request: Request, type: TypeQ = None, status: StatusQ = None, min_grade: GradeQ = None,
               since: SinceQ = None, until: UntilQ = None, actor: ActorQ = None) -> list[dict[str, Any]]:
    """The claim ledger, best-supported first."""
    ledger = views(request).ledger(filters(type, status, min_grade, since, until, actor), with_evidence=False)
    return [claim_json(cv) for cv in ledger]


@router.get("/claims/{claim_id}", response_model=schemas.ClaimOut, responses=schemas.NOT_FOUND)
def api_claim(request: Request, claim_id: ClaimId) -> dict[str, Any]:
    cv = views(request).claim(claim_id)
    if cv is None:
        raise NotFound("claim", claim_id)
    return claim_json(cv)


@router.get("/documents", response_model=list[schemas.DocumentSummary])
def api_documents(request: Request) -> list[dict[str, Any]]:
    return [d.summary() for d in views(request).docs.values()]


@router.get("/documents/{doc_id}", response_model=schemas.DocumentOut, responses=schemas.NOT_FOUND)
def api_document(request: Request, doc_id: DocId) -> dict[str, Any]:
    v = views(request)
    doc = v.store.get_document(doc_id)
    return {**document_record(doc), "events": [e.to_json() for e in v.store.events(document=doc.id)
                                               if e.document_id == doc.id]}


@router.get("/actors", response_model=list[schemas.ActorOut])
def api_actors(request: Request) -> list[dict[str, Any]]:
    v = views(request)
    docs = v.store.actor_documents()
    return [actor_record(a, docs.get(a.id, [])) for a in v.actors.values() if v.canon.get(a.id, a.id) == a.id]


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


@router.get("/dyad", response_model=schemas.Dyad)
def api_dyad(request: Request, a: DyadActorQ, b: DyadActorQ, by: ByQ = "year", time: TimeQ = "event") -> dict[str, Any]:
    """Counts by PLOVER quad and summed/mean intensity per period, by event (or reporting) date."""
    return dyad_series(views(request), a, b, by, reporting_time=time == "reporting")
