"""Response models of the JSON API, for the OpenAPI schema at /api/openapi.json.

Why declared: API clients (and schemathesis in our tests) check each response
against the schema, so the schema must say what a response is and which error
statuses an operation can answer with. The fields every client relies on are
typed; nested records that mirror the export schema (records.py) are open
objects, and every model admits extra fields (`extra="allow"`) so that adding
a field to an export record never turns a response into a validation error.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Problem(BaseModel):
    """The body of every error the app itself answers with (400, 401, 403, 404)."""

    detail: str


class ActorRef(Open):
    id: str
    name: str
    kind: str | None = None


class DocumentSummary(Open):
    id: str
    origin: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None


class DateJson(Open):
    value: str
    precision: str | None = None


class GradeJson(Open):
    reliability: str
    credibility: int
    reasons: list[str]
    code: str


class LinkJson(Open):
    kind: str
    claim: str
    why: str = ""


class EvidenceJson(Open):
    event: str
    document: DocumentSummary | None = None
    sentence: str
    status: str
    href: str


class ClaimOut(Open):
    id: str
    type: str
    mode: str | None = None
    quad: str
    status: str
    date: DateJson | None = None
    intensity: float | None = None
    source: list[ActorRef]
    target: list[ActorRef]
    events: list[str]
    documents: list[str]
    independent_sources: list[str]
    presentations: dict[str, str]
    grade: GradeJson
    links: list[LinkJson]
    evidence: list[EvidenceJson]
    href: str


class Overview(Open):
    counts: dict[str, int]
    events_by_type: dict[str, int]
    events_by_status: dict[str, int]
    claims_by_grade: dict[str, int]
    top_actors: list[dict[str, Any]]
    recent_documents: list[dict[str, Any]]


class GraphNode(Open):
    id: str
    label: str
    kind: str | None = None
    country: str | None = None
    href: str


class Graph(Open):
    edges_are: str = Field(description="'claims' after analysis, 'events' before it")
    nodes: list[GraphNode]
    edges: list[dict[str, Any]]
    quads: list[str]


class Timeline(Open):
    events: list[dict[str, Any]] = Field(description="dated events, by event date")
    undated: list[dict[str, Any]]
    actor: str | None = None


class DocumentOut(Open):
    id: str
    origin: str | None = None
    outlet: str | None = None
    author: str | None = None
    title: str | None = None
    published: str | None = None
    text: str
    events: list[dict[str, Any]]


class ActorOut(Open):
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    aliases: list[str]
    documents: list[str]


class ActorDetail(Open):
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    aliases: list[str]
    merged: list[dict[str, Any]]
    relations: list[dict[str, Any]]
    claims: list[str]
    events: list[str]


class Dyad(Open):
    a: ActorRef
    b: ActorRef
    by: str
    from_: str = Field(alias="from", description="'claims' after analysis, 'events' before it")
    time: str
    rows: list[dict[str, Any]]
    undated: int
    quads: list[str]


class PageMeta(Open):
    """Where a page sits in its list: every list answers one bounded page."""

    total: int = Field(description="rows in the whole list")
    limit: int | None = None
    offset: int
    count: int = Field(description="rows on this page")


class ClaimPage(PageMeta):
    items: list[ClaimOut]


class DocumentPage(PageMeta):
    items: list[dict[str, Any]]


class EventPage(PageMeta):
    items: list[dict[str, Any]]


class ActorPage(PageMeta):
    items: list[dict[str, Any]]


class SearchHit(Open):
    kind: str = Field(description="document, sentence or actor")
    ref: str
    document: str | None = None
    title: str
    snippet: str = Field(description="plain text; matched words between U+E000 and U+E001")
    href: str


class SearchPage(PageMeta):
    items: list[SearchHit]


class Decision(Open):
    id: int | None = None
    created_at: str | None = None
    who: str
    why: str
    action: str
    target: str
    document: str | None = None
    change: dict[str, Any]


class DecisionPage(PageMeta):
    items: list[Decision]


def _problem(description: str) -> dict[str, Any]:
    return {"model": Problem, "description": description}


# Statuses any API operation may answer with, whatever its parameters: the
# Host allow-list, the token, the same-origin rule of write requests.
COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _problem("Host header not allowed (DNS-rebinding guard)"),
    401: _problem("token required: Authorization: Bearer TOKEN (served beyond loopback)"),
    403: _problem("cross-origin or CSRF-less write refused"),
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: _problem("no such id in the store")}
UNKNOWN_ACTOR: dict[int | str, dict[str, Any]] = {
    404: _problem("an actor filter names no known actor (the message suggests the closest ones)")}
UNKNOWN_FILTER: dict[int | str, dict[str, Any]] = {
    404: _problem("an actor, place or country filter names nothing the store or gazetteer knows")}
PLACE_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: _problem("no such place or state in the gazetteer")}


class PointGeometry(Open):
    type: str = Field(description='always "Point"')
    coordinates: list[float] = Field(description="[longitude, latitude] (GeoJSON order)")


class MapFeature(Open):
    type: str = Field(description='always "Feature"')
    geometry: PointGeometry
    properties: dict[str, Any] = Field(description="the event (id, type, status, date, label, href) and its "
                                                   "place (name, country ISO3, admin1, region, precision)")


class MapPoints(Open):
    """GeoJSON FeatureCollection of placed events, plus what the filters left unplaced."""

    type: str = Field(description='always "FeatureCollection"')
    features: list[MapFeature]
    total: int = Field(description="placed events matching the filters (features holds at most `limit`)")
    unplaced: int = Field(description="events matching the filters that have no place")
