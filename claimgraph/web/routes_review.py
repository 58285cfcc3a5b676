"""Review and correct from the browser and the JSON API: every write is an analyst decision.

Writes are POSTs that must come from our own pages: the Origin (or, failing
that, the Referer) must be this server, and the request must carry the CSRF
token that equals the browser's `cg_csrf` cookie (a form field, or the
X-CSRF-Token header for JSON). Whatever the serve options add (token auth,
Host allow-list) applies on top. Inputs are bounded and validated by
`claimgraph.api`, which stores the decision and re-analyses what it touches.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from claimgraph import api
from claimgraph.store.queries import MAX_LIMIT
from claimgraph.web.routes_api import LimitQ, OffsetQ, views
from claimgraph.web.templating import CSRF_COOKIE, render

router = APIRouter()
Text = Annotated[str, Form(max_length=2000)]
Short = Annotated[str, Form(max_length=200)]


def check_write(request: Request, token: str | None) -> None:
    """Same origin and a CSRF token matching the cookie, or 403.

    Same origin is read from what browsers send on every POST: Sec-Fetch-Site
    when present (our pages send no Referer and so an Origin of "null"), else a
    real Origin, else the Referer. A client that sends none of them is not a
    browser a forged page could drive; it still needs the token.
    """
    here = f"{request.url.scheme}://{request.headers.get('host', '')}"
    site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    referer = request.headers.get("referer")
    if site is not None:
        same = site == "same-origin"
    elif origin and origin != "null":
        same = origin == here
    elif referer:
        same = f"{urlsplit(referer).scheme}://{urlsplit(referer).netloc}" == here
    else:
        same = origin is None
    if not same:
        raise HTTPException(403, "cross-origin write refused")
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not token or not hmac.compare_digest(cookie.encode(), token.encode()):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")


def _actors(field: str) -> list[str] | None:
    """A comma-separated actor field; empty means 'no change'."""
    parts = [p.strip() for p in field.split(",") if p.strip()]
    return parts[:20] or None


@router.post("/events/{event_id}/review", include_in_schema=False)
def review_form(request: Request, event_id: str, csrf: Short = "", action: Short = "edit", who: Short = "",
                why: Text = "", type: Short = "", status: Short = "", date: Short = "", source: Short = "",
                target: Short = "") -> Response:
    check_write(request, csrf)
    store = views(request).store
    d = api.review_event(store, event_id, action, who=who or "analyst", why=why, type=type or None,
                         status=status or None, date=date if action == "edit" and date else None,
                         source=_actors(source), target=_actors(target))
    return RedirectResponse(f"/documents/{quote(d.document_id or '')}#ev-{quote(event_id)}", status_code=303)


@router.post("/actors/{actor_id}/merge", include_in_schema=False)
def merge_form(request: Request, actor_id: str, csrf: Short = "", other: Short = "", who: Short = "",
               why: Text = "") -> Response:
    check_write(request, csrf)
    api.merge_actors(views(request).store, actor_id, other, who=who or "analyst", why=why)
    return RedirectResponse(f"/actors/{quote(actor_id, safe='')}", status_code=303)


@router.post("/actors/{actor_id}/split", include_in_schema=False)
def split_form(request: Request, actor_id: str, csrf: Short = "", alias: Short = "", who: Short = "",
               why: Text = "") -> Response:
    check_write(request, csrf)
    api.split_actor(views(request).store, actor_id, alias, who=who or "analyst", why=why)
    return RedirectResponse(f"/actors/{quote(actor_id, safe='')}", status_code=303)


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


@router.post("/api/events/{event_id}/review", tags=["api"])
def review_json(request: Request, event_id: str, body: Review) -> dict[str, Any]:
    """Confirm, reject or correct an event (same origin, X-CSRF-Token header = the cg_csrf cookie)."""
    check_write(request, request.headers.get("x-csrf-token"))
    d = api.review_event(views(request).store, event_id, body.action, who=body.who, why=body.why, type=body.type,
                         status=body.status, date=body.date, source=body.source, target=body.target)
    return d.to_json()


@router.get("/api/decisions", tags=["api"])
def decisions_json(request: Request, action: str | None = Query(None, pattern="^(confirm|reject|edit|merge|split)$"),
                   limit: LimitQ = 50, offset: OffsetQ = 0) -> dict[str, Any]:
    """The audit list of analyst decisions, newest first, one page."""
    page = api.decisions_page(views(request).store, action=action, limit=limit, offset=offset)
    return {**page.meta(), "items": [d.to_json() for d in page.items]}


@router.get("/api/decisions.csv", tags=["api"])
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
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="decisions.csv"'})


def _cell(value: Any) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@router.get("/decisions", response_class=HTMLResponse, include_in_schema=False)
def decisions_page(request: Request, limit: LimitQ = 50, offset: OffsetQ = 0) -> HTMLResponse:
    page = api.decisions_page(views(request).store, limit=min(limit, MAX_LIMIT), offset=offset)
    return render(request, "decisions.html", {"rows": page.items, "page": page.meta()})
