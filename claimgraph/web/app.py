"""The FastAPI application: server-rendered pages plus the JSON API they use.

Security posture, because article text is attacker-controlled: Jinja2
autoescaping is on for every template, highlights are built from escaped
pieces (highlight.py), pages carry no inline script, and every response has a
strict Content-Security-Policy (scripts and styles from our own origin only),
so even a markup bug could not execute an injected payload. The built-in
Swagger page is off (it loads from a CDN); the OpenAPI schema is served at
/api/openapi.json.

Who may connect is security.py's `Access` policy (Host allow-list, token
beyond loopback, same-origin writes); every parameter is declared in
params.py, so a bad value is a 422 naming it, never a 500.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from claimgraph.errors import NotFound, UsageError
from claimgraph.store import Store
from claimgraph.web import routes_api, routes_map, routes_pages, routes_review
from claimgraph.web.head import HeadAsGet
from claimgraph.web.params import hint
from claimgraph.web.security import Access, Guard, same_origin_writes
from claimgraph.web.templating import STATIC, VENDOR, render, template_env

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if request.url.path.startswith("/static/"):
            # revalidate (ETag → 304) so an upgraded package never runs stale JS
            response.headers["Cache-Control"] = "no-cache"
        return response


def create_app(db: str | Path | None = None, store: Store | None = None, vendor: Path = VENDOR,
               access: Access | None = None) -> FastAPI:
    """An app over one store (opened from `db` unless given).

    `vendor` is where the npm-built libraries are served from; pointing it at
    an empty folder is how the no-graph-library fallback is exercised.
    `access` defaults to the loopback policy: localhost names only, no token.
    """
    app = FastAPI(title="claimgraph", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="Evidence-graded knowledge graph of conflict reporting. Served beyond loopback "
                              "(or with --require-token), every request needs `Authorization: Bearer TOKEN`.",
                  dependencies=[Depends(same_origin_writes)])
    app.state.store = store or Store.open(db)
    app.state.templates = template_env()
    app.state.vendor = vendor
    app.state.access = access or Access()
    # added innermost first: HEAD→GET, then security headers (so refusals carry them too), then the guard
    app.add_middleware(Guard, access=app.state.access)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    if vendor.is_dir():
        app.mount("/static/vendor", StaticFiles(directory=vendor), name="vendor")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(routes_api.router)
    app.include_router(routes_map.router)
    app.include_router(routes_pages.router)
    app.include_router(routes_review.router)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=404)
        return render(request, "error.html", {"message": str(exc)}, status_code=404)

    @app.exception_handler(UsageError)
    async def bad_request(request: Request, exc: UsageError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return render(request, "error.html", {"message": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        # the message says what the parameter should look like, not only the regex it failed
        errors = [dict(e, msg=f"expected {hint(e['loc'])} ({e['msg']})") if hint(e["loc"]) else e
                  for e in exc.errors()]
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, RequestValidationError(errors))
        message = "; ".join(f"{e['loc'][-1]}: expected {hint(e['loc'])}" if hint(e["loc"])
                            else f"{e['loc'][-1]}: {e['msg']}" for e in exc.errors())
        return render(request, "error.html", {"message": message, "title": "Bad request"}, status_code=422)

    return app
