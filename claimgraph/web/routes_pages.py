"""Server-rendered pages. Each works without JavaScript; graph and timeline add JS on top."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimgraph.errors import NotFound
from claimgraph.model import STATUSES
from claimgraph.ontology.plover import PLOVER_TYPES
from claimgraph.web.params import (
    MAX_ID,
    ActorId,
    ActorQ,
    ByQ,
    ClaimId,
    DocId,
    GradeQ,
    SinceQ,
    StatusQ,
    TimeQ,
    TypeQ,
    UntilQ,
    filters,
)
from claimgraph.web.routes_api import views
from claimgraph.web.svg import dyad_chart
from claimgraph.web.templating import render
from claimgraph.web.views_docs import actor_view, document_view

router = APIRouter(include_in_schema=False)
GRADES = [f"{r}{c}" for r in "ABCDEF" for c in range(1, 7)]


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    return render(request, "overview.html", {"o": views(request).overview()})


@router.get("/graph", response_class=HTMLResponse)
def graph(request: Request, type: TypeQ = None, status: StatusQ = None, min_grade: GradeQ = None,
          since: SinceQ = None, until: UntilQ = None, actor: ActorQ = None) -> HTMLResponse:
    f = filters(type, status, min_grade, since, until, actor)
    data = views(request).graph(f)
    return render(request, "graph.html", {"g": data, "f": f, "types": PLOVER_TYPES, "statuses": STATUSES,
                                          "grades": GRADES})


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, actor: ActorQ = None) -> HTMLResponse:
    v = views(request)
    return render(request, "timeline.html", {"t": v.timeline(actor or None), "actors": v.canonical_actors(),
                                             "actor": actor or ""})


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, type: TypeQ = None, status: StatusQ = None, min_grade: GradeQ = None,
           since: SinceQ = None, until: UntilQ = None, actor: ActorQ = None) -> HTMLResponse:
    f = filters(type, status, min_grade, since, until, actor)
    v = views(request)
    return render(request, "claims.html", {"ledger": v.ledger(f), "f": f, "types": PLOVER_TYPES,
                                           "statuses": STATUSES, "grades": GRADES, "actors": v.canonical_actors()})


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: ClaimId) -> HTMLResponse:
    cv = views(request).claim(claim_id)
    if cv is None:
        raise NotFound("claim", claim_id)
    return render(request, "claim.html", {"cv": cv})


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request) -> HTMLResponse:
    v = views(request)
    docs = sorted(v.docs.values(), key=lambda d: (d.published.value if d.published else "", d.id), reverse=True)
    return render(request, "documents.html", {"docs": docs})


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: DocId) -> HTMLResponse:
    return render(request, "document.html", document_view(views(request), doc_id))


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request) -> HTMLResponse:
    v = views(request)
    return render(request, "actors.html", {"actors": v.canonical_actors()})


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: ActorId,
          with_: Annotated[str | None, Query(alias="with", max_length=MAX_ID)] = None,
          by: ByQ = "year", time: TimeQ = "event") -> Response:
    v = views(request)
    canonical = v.canon.get(actor_id, actor_id)
    if canonical != actor_id:  # a merged-away id: show the actor it now belongs to
        # relative, so no Host header (attacker-chosen under DNS rebinding) is ever reflected
        query = request.url.query
        return RedirectResponse("/actors/" + quote(canonical, safe="") + ("?" + query if query else ""),
                                status_code=307)
    data = actor_view(v, actor_id, with_ or None, by, reporting_time=time == "reporting")
    if data is None:
        raise NotFound("actor", actor_id)
    chart = dyad_chart(data["dyad"]) if data["dyad"] else None
    return render(request, "actor.html", {**data, "chart": chart, "by": by, "time": time})

