"""Review and correct from the browser and the JSON API: every write is an analyst decision.

Writes are POSTs, so the app-wide `security.same_origin_writes` applies: same
origin and the session's CSRF token in X-CSRF-Token (the pages' forms are
sent by static/review.js, which adds it), on top of the serve options (token,
Host allow-list). Inputs are bounded here and validated by `claimgraph.api`,
which stores the decision and re-analyses what it touches. A form post gets
JSON back (`next`: where to look at the result), so the page reloads there.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from claimgraph import api
from claimgraph.store.queries import MAX_LIMIT
from claimgraph.web import schemas
from claimgraph.web.params import LimitQ, OffsetQ
from claimgraph.web.routes_api import views
from claimgraph.web.templating import render

router = APIRouter()
Text = Annotated[str, Form(max_length=2000)]
Short = Annotated[str, Form(max_length=200)]


def _actors(field: str) -> list[str] | None:
    """A comma-separated actor field; empty means 'no change'."""
    parts = [p.strip() for p in field.split(",") if p.strip()]
    return parts[:20] or None


@router.post("/events/{event_id}/review", include_in_schema=False)
def review_form(request: Request, event_id: str, action: Short = "edit", who: Short = "",
                why: Text = "", type: Short = "", status: Short = "", date: Short = "", source: Short = "",
                target: Short = "") -> Response:
    store = views(request).store
    d = api.review_event(store, event_id, action, who=who or "analyst", why=why, type=type or None,
                         status=status or None, date=date if action == "edit" and date else None,
                         source=_actors(source), target=_actors(target))
    return _done(request, f"/documents/{quote(d.document_id or '')}#review-{quote(event_id)}")


@router.post("/actors/{actor_id}/merge", include_in_schema=False)
def merge_form(request: Request, actor_id: str, other: Short = "", who: Short = "",
               why: Text = "") -> Response:
    api.merge_actors(views(request).store, actor_id, other, who=who or "analyst", why=why)
    return _done(request, f"/actors/{quote(actor_id, safe='')}")


@router.post("/actors/{actor_id}/split", include_in_schema=False)
def split_form(request: Request, actor_id: str, alias: Short = "", who: Short = "",
               why: Text = "") -> Response:
    api.split_actor(views(request).store, actor_id, alias, who=who or "analyst", why=why)
    return _done(request, f"/actors/{quote(actor_id, safe='')}")


def _done(request: Request, next_url: str) -> Response:
    """JSON for review.js (where to go next), a 303 for any other client."""
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"next": next_url})
    return RedirectResponse(next_url, status_code=303)


class Review(BaseModel):
    """A decision about one event, as JSON."""

    action: str = Field(pattern="^(confirm|reject|edit)$")
    who: str = Field(min_length=1, max_length=100)
    why: str = Field("", max_length=2000)
    type: str | None = Field(None, max_length=40)
    status: str | None = Field(None, max_length=20)
    date: str | None = Field(None, max_length=21)
    source: list[str] | None = Field(None, max_length=20)
    target: list[str] | None = Field(None, max_length=20)


@router.post("/api/events/{event_id}/review", tags=["api"], response_model=schemas.Decision,
             responses={**schemas.COMMON_ERRORS, **schemas.NOT_FOUND})
def review_json(request: Request, event_id: str, body: Review) -> dict[str, Any]:
    """Confirm, reject or correct an event (same origin, X-CSRF-Token header = the cg_csrf cookie)."""
    d = api.review_event(views(request).store, event_id, body.action, who=body.who, why=body.why, type=body.type,
                         status=body.status, date=body.date, source=body.source, target=body.target)
    return d.to_json()


@router.get("/api/decisions", tags=["api"], response_model=schemas.DecisionPage)
def decisions_json(request: Request, action: str | None = Query(None, pattern="^(confirm|reject|edit|merge|split)$"),
                   limit: LimitQ = 50, offset: OffsetQ = 0) -> dict[str, Any]:
    """The audit list of analyst decisions, newest first, one page."""
    page = api.decisions_page(views(request).store, action=action, limit=limit, offset=offset)
    return {**page.meta(), "items": [d.to_json() for d in page.items]}


class CSVResponse(Response):
    media_type = "text/csv"


@router.get("/api/decisions.csv", tags=["api"], response_class=CSVResponse,
            responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}})
def decisions_csv(request: Request) -> Response:
    """Every decision as CSV (the audit export). Cells that a spreadsheet would run as a
    formula are prefixed with an apostrophe: the why is free text."""
    page = api.decisions_page(views(request).store)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["id", "created_at", "who", "action", "target", "document", "change", "why"])
    for d in page.items:
        w.writerow([_cell(x) for x in (d.id, d.created_at, d.who, d.action, d.target, d.document_id or "",
                                       json.dumps(d.change, ensure_ascii=False), d.why)])
    return CSVResponse(out.getvalue(), headers={"Content-Disposition": 'attachment; filename="decisions.csv"'})


def _cell(value: Any) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@router.get("/decisions", response_class=HTMLResponse, include_in_schema=False)
def decisions_page(request: Request, limit: LimitQ = 50, offset: OffsetQ = 0) -> HTMLResponse:
    page = api.decisions_page(views(request).store, limit=min(limit, MAX_LIMIT), offset=offset)
    return render(request, "decisions.html", {"rows": page.items, "page": page.meta()})
