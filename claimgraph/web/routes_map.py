"""The map: `/map` (page) and `/api/map` (GeoJSON points), filtered like the timeline.

Country shapes come from the `world-atlas` npm package (Natural Earth, as
TopoJSON) and are drawn with d3-geo in the browser — no tile server, no
external origin, so the CSP stays `'self'` only. Without the built vendor
files (scripts/build_web.sh) the page still lists every placed event.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from claimgraph import api
from claimgraph.errors import UsageError
from claimgraph.model import STATUSES
from claimgraph.ontology.plover import PLOVER_TYPES
from claimgraph.store import Store
from claimgraph.web import schemas
from claimgraph.web.params import ActorQ, CountryQ, KmQ, NearQ, SinceQ, StatusQ, TypeQ, UntilQ, filters
from claimgraph.web.routes_api import views
from claimgraph.web.templating import render
from claimgraph.web.views_map import map_points

MAP_VENDOR_FILES = ("d3-array.min.js", "d3-geo.min.js", "topojson-client.min.js", "countries-50m.json")

router = APIRouter()


class UnknownPlaceFilter(Exception):
    """`near` or `country` naming nothing the gazetteer knows: a 404 (the place is not found), not a 422 —
    the value has the declared shape, there is just no such place."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


def place_filter(store: Store, near: str | None, km: float, country: str | None) -> set[str] | None:
    """The CLI's --near/--country, for the map."""
    if country:
        try:
            api.resolve_country(country)
        except UsageError as exc:
            raise UnknownPlaceFilter("country", str(exc)) from exc
    try:
        return api.place_filter(store, near=near or None, km=km, country=country or None)
    except UsageError as exc:
        raise UnknownPlaceFilter("near", str(exc)) from exc


@router.get("/api/map", response_model=schemas.MapPoints, tags=["api"],
            responses={**schemas.COMMON_ERRORS, **schemas.PLACE_NOT_FOUND})
def api_map(request: Request, type: TypeQ = None, status: StatusQ = None, since: SinceQ = None,
            until: UntilQ = None, actor: ActorQ = None, country: CountryQ = None, near: NearQ = None,
            km: KmQ = api.DEFAULT_KM) -> Any:
    """Placed events as GeoJSON points ([lon, lat]) with their place and precision (exact, region, country)."""
    v = views(request)
    try:
        only = place_filter(v.store, near, km, country)
    except UnknownPlaceFilter as exc:
        return JSONResponse({"detail": str(exc)}, status_code=404)
    return map_points(v, filters(type, status, None, since, until, actor), only=only)


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, type: TypeQ = None, status: StatusQ = None, since: SinceQ = None,
             until: UntilQ = None, actor: ActorQ = None, country: CountryQ = None, near: NearQ = None,
             km: KmQ = api.DEFAULT_KM) -> HTMLResponse:
    f = filters(type, status, None, since, until, actor)
    v = views(request)
    try:
        only = place_filter(v.store, near, km, country)
    except UnknownPlaceFilter as exc:
        return render(request, "error.html", {"message": str(exc), "title": "Unknown place"}, status_code=404)
    vendor = request.app.state.vendor
    ready = all((vendor / name).is_file() for name in MAP_VENDOR_FILES)
    return render(request, "map.html", {"m": map_points(v, f, only=only), "f": f, "types": PLOVER_TYPES,
                                        "statuses": STATUSES, "actors": v.canonical_actors(), "map_ready": ready,
                                        "place": {"near": near or "", "km": km, "country": (country or "").upper()}})
