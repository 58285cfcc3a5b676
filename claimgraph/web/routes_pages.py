"""Server-rendered pages. Each works without JavaScript; graph and timeline add JS on top."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimgraph import api
from claimgraph.errors import NotFound
from claimgraph.model import STATUSES
from claimgraph.ontology.plover import PLOVER_TYPES
from claimgraph.store.queries import MAX_LIMIT
from claimgraph.web.highlight import marked
from claimgraph.web.params import (
    MAX_ID,
    ActorId,
    ActorQ,
    ByQ,
    ClaimId,
    ClaimLimitQ,
    DocId,
    GradeQ,
    LimitQ,
    OffsetQ,
    SinceQ,
    StatusQ,
    TimeQ,
    TypeQ,
    UntilQ,
    filters,
)
from claimgraph.web.routes_api import hit_href, views
from claimgraph.web.svg import dyad_chart
from claimgraph.web.templating import render
from claimgraph.web.views_docs import actor_view, document_view

router = APIRouter(include_in_schema=False)
GRADES = [f"{r}{c}" for r in "ABCDEF" for c in range(1, 7)]


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    return render(request, "overview.html", {"o": views(request).overview()})


@router.get("/graph", response_class=HTMLResponse)
def graph(request: Request, type: TypeQ = None, status: StatusQ = None,
          min_grade: GradeQ = None, since: SinceQ = None, until: UntilQ = None,
          actor: ActorQ = None, detail: str = Query("dyads", pattern="^(dyads|claims)$"),
          top: int = Query(40, ge=1, le=MAX_LIMIT), focus: ActorQ = None) -> HTMLResponse:
    f = filters(type, status, min_grade, since, until, actor)
    v = views(request)
    data = v.graph(f, detail, top, focus or None)
    return render(request, "graph.html", {"g": data, "f": f, "types": PLOVER_TYPES, "statuses": STATUSES,
                                          "grades": GRADES, "actor_name": v.actor(actor).name if actor else ""})


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, actor: ActorQ = None, since: SinceQ = None,
             until: UntilQ = None, older: bool = False, limit: int = Query(200, ge=1, le=MAX_LIMIT),
             offset: OffsetQ = 0) -> HTMLResponse:
    v = views(request)
    t = v.timeline(actor or None, since=since or None, until=until or None, older=older, limit=limit, offset=offset)
    return render(request, "timeline.html", {"t": t, "actor": actor or "",
                                             "actor_name": v.actor(actor).name if actor else ""})


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, type: TypeQ = None, status: StatusQ = None,
           min_grade: GradeQ = None, since: SinceQ = None, until: UntilQ = None,
           actor: ActorQ = None, sort: str = Query("support", pattern="^-?(support|date|reported|type)$"),
           limit: ClaimLimitQ = 25, offset: OffsetQ = 0) -> HTMLResponse:
    f = filters(type, status, min_grade, since, until, actor)
    v = views(request)
    ledger, page = v.ledger(f, sort=sort, limit=limit, offset=offset)
    return render(request, "claims.html", {"ledger": ledger, "page": page.meta(), "sort": sort, "f": f, "cap_links": 3,
                                           "types": PLOVER_TYPES, "statuses": STATUSES, "grades": GRADES,
                                           "actor_name": v.actor(actor).name if actor else ""})


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: ClaimId) -> HTMLResponse:
    cv = views(request).claim(claim_id)
    if cv is None:
        raise NotFound("claim", claim_id)
    return render(request, "claim.html", {"cv": cv})


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, sort: str = Query("-published", pattern="^-?(published|ingested|title|outlet)$"),
              limit: LimitQ = 50, offset: OffsetQ = 0) -> HTMLResponse:
    page = api.documents_page(views(request).store, sort=sort, limit=limit, offset=offset, cap=True)
    return render(request, "documents.html", {"docs": page.items, "page": page.meta(), "sort": sort})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=200), limit: int = Query(20, ge=1, le=MAX_LIMIT),
           offset: OffsetQ = 0) -> HTMLResponse:
    """Hits with the matched words marked: the text is escaped first, then the markers become <mark>."""
    page = api.search(views(request).store, q, limit=limit, offset=offset) if q.strip() else None
    hits = [{"hit": h, "href": hit_href(h), "title": marked(h.title), "snippet": marked(h.snippet)}
            for h in (page.items if page else [])]
    return render(request, "search.html", {"q": q, "hits": hits, "page": page.meta() if page else None})


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: DocId) -> HTMLResponse:
    return render(request, "document.html", document_view(views(request), doc_id))


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, q: str | None = Query(None, max_length=100), kind: str | None = Query(None, max_length=40),
           sort: str = Query("name", pattern="^-?(name|id|kind|events)$"), limit: LimitQ = 50,
           offset: OffsetQ = 0) -> HTMLResponse:
    page = api.actors_page(views(request).store, q=q or None, kind=kind or None, sort=sort, limit=limit,
                           offset=offset, cap=True)
    return render(request, "actors.html", {"rows": page.items, "page": page.meta(), "sort": sort, "q": q or ""})


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

