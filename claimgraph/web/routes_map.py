"""The map: `/map` (page) and `/api/map` (GeoJSON points), filtered like the timeline.

Country shapes come from the `world-atlas` npm package (Natural Earth, as
TopoJSON) and are drawn with d3-geo in the browser — no tile server, no
external origin, so the CSP stays `'self'` only. Without the built vendor
files (scripts/build_web.sh) the page still lists every placed event.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from claimgraph.model import STATUSES
from claimgraph.ontology.plover import PLOVER_TYPES
from claimgraph.web import schemas
from claimgraph.web.params import ActorQ, SinceQ, StatusQ, TypeQ, UntilQ, filters
from claimgraph.web.routes_api import views
from claimgraph.web.templating import render
from claimgraph.web.views_map import map_points

MAP_VENDOR_FILES = ("d3-array.min.js", "d3-geo.min.js", "topojson-client.min.js", "countries-50m.json")

router = APIRouter()


@router.get("/api/map", response_model=schemas.MapPoints, tags=["api"], responses=schemas.COMMON_ERRORS)
def api_map(request: Request, type: TypeQ = None, status: StatusQ = None, since: SinceQ = None,
            until: UntilQ = None, actor: ActorQ = None) -> dict[str, Any]:
    """Placed events as GeoJSON points ([lon, lat]) with their place and precision (exact, region, country)."""
    return map_points(views(request), filters(type, status, None, since, until, actor))


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, type: TypeQ = None, status: StatusQ = None, since: SinceQ = None,
             until: UntilQ = None, actor: ActorQ = None) -> HTMLResponse:
    f = filters(type, status, None, since, until, actor)
    v = views(request)
    vendor = request.app.state.vendor
    ready = all((vendor / name).is_file() for name in MAP_VENDOR_FILES)
    return render(request, "map.html", {"m": map_points(v, f), "f": f, "types": PLOVER_TYPES, "statuses": STATUSES,
                                        "actors": v.canonical_actors(), "map_ready": ready})
