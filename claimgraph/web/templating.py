"""Templates, static paths and page rendering: what the app and its page routes share.

A module of its own so that `app` (which mounts the routes) and `routes_pages`
(which renders) both depend on it and not on each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader

from claimgraph.web.bidi import display

HERE = Path(__file__).parent
STATIC = HERE / "static"
VENDOR = STATIC / "vendor"
VENDOR_FILES = ("cytoscape.min.js",)

def vendor_ready(vendor: Path = VENDOR) -> bool:
    """Whether scripts/build_web.sh has put the npm-built files in place."""
    return all((vendor / f).is_file() for f in VENDOR_FILES)


def pager(url: Any, meta: dict[str, Any]) -> dict[str, Any]:
    """Links to the previous and next page of a list, keeping every other query parameter."""
    total, offset, count = int(meta["total"]), int(meta["offset"]), int(meta["count"])
    limit = int(meta["limit"] or count or 1)
    prev_off = max(offset - limit, 0)
    last_off = max((total - 1) // limit * limit, 0)
    return {
        "total": total, "first": offset + 1 if count else 0, "last": offset + count,
        "prev": str(url.include_query_params(offset=prev_off, limit=limit)) if offset > 0 else None,
        "next": str(url.include_query_params(offset=offset + limit, limit=limit)) if offset + count < total else None,
        "end": str(url.include_query_params(offset=last_off, limit=limit)) if offset + count < total else None,
    }


def template_env() -> Environment:
    """Autoescape on for everything (not only *.html): no template may emit raw text.

    `finalize` strips bidi-override characters from every displayed value (bidi.py).
    """
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, finalize=display)
    env.globals["quad_class"] = lambda q: "q-" + str(q).replace(" ", "-")
    env.globals["pager"] = pager
    return env


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    env: Environment = request.app.state.templates
    ready = vendor_ready(request.app.state.vendor)
    csrf = getattr(request.state, "csrf", None)  # set by security.Guard; write requests must echo it
    html = env.get_template(name).render(request=request, vendor=ready, path=request.url.path, csrf=csrf,
                                         **context)
    return HTMLResponse(html, status_code=status_code)
