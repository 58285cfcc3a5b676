"""The FastAPI application: server-rendered pages plus the JSON API they use.

Security posture, because article text is attacker-controlled: Jinja2
autoescaping is on for every template, highlights are built from escaped
pieces (highlight.py), pages carry no inline script, and every response has a
strict Content-Security-Policy (scripts and styles from our own origin only),
so even a markup bug could not execute an injected payload. The built-in
Swagger page is off (it loads from a CDN); the OpenAPI schema is served at
/api/openapi.json.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from claimgraph.errors import NotFound
from claimgraph.store import Store

HERE = Path(__file__).parent
STATIC = HERE / "static"
VENDOR = STATIC / "vendor"
VENDOR_FILES = ("cytoscape.min.js",)

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def vendor_ready(vendor: Path = VENDOR) -> bool:
    """Whether scripts/build_web.sh has put the npm-built files in place."""
    return all((vendor / f).is_file() for f in VENDOR_FILES)


def template_env() -> Environment:
    """Autoescape on for everything (not only *.html): no template may emit raw text."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.globals["quad_class"] = lambda q: "q-" + str(q).replace(" ", "-")
    return env


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


def create_app(db: str | Path | None = None, store: Store | None = None, vendor: Path = VENDOR) -> FastAPI:
    """An app over one store (opened from `db` unless given).

    `vendor` is where the npm-built libraries are served from; pointing it at
    an empty folder is how the no-graph-library fallback is exercised.
    """
    from claimgraph.web import routes_api, routes_pages

    app = FastAPI(title="claimgraph", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="Evidence-graded knowledge graph of conflict reporting.")
    app.state.store = store or Store.open(db)
    app.state.templates = template_env()
    app.state.vendor = vendor
    app.add_middleware(SecurityHeaders)
    if vendor.is_dir():
        app.mount("/static/vendor", StaticFiles(directory=vendor), name="vendor")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=404)
        return render(request, "error.html", {"message": str(exc)}, status_code=404)

    return app


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    env: Environment = request.app.state.templates
    ready = vendor_ready(request.app.state.vendor)
    html = env.get_template(name).render(request=request, vendor=ready, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)
