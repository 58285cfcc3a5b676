"""The map's data: filtered events at their places, as GeoJSON points.

Filtered exactly like the timeline and graph (actor with everything merged
into it, type, status, event dates overlapping since/until), so an analyst
who narrows the timeline to one actor sees the same events on the map.
Events without a place are counted, not dropped silently.
"""

from __future__ import annotations

from typing import Any

from claimgraph.export.graph import quad_of
from claimgraph.model import Event
from claimgraph.store.places import EventPlace, PlaceStore
from claimgraph.web.dates import overlaps
from claimgraph.web.views import Filters, Views

MAX_POINTS = 5000  # a response is bounded whatever the corpus; the count of the rest is reported


def filtered_events(v: Views, f: Filters) -> list[Event]:
    if f.actor:
        seen: dict[str, Event] = {}
        for raw in v.raw_ids(v.canon.get(f.actor, f.actor)):
            for ev in v.store.events(actor=raw):
                seen.setdefault(ev.id, ev)
        events = sorted(seen.values(), key=lambda e: (e.document_id, e.sentence.start, e.id))
    else:
        events = v.store.events()
    return [e for e in events
            if (not f.type or e.type == f.type.upper()) and (not f.status or e.status == f.status)
            and overlaps(e.date.value if e.date else None, f.since, f.until)]


def feature(v: Views, ev: Event, ep: EventPlace) -> dict[str, Any]:
    p = ep.place
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
        "properties": {
            "event": ev.id, "type": ev.type, "quad": quad_of(ev.type), "status": ev.status,
            "date": ev.date.value if ev.date else None, "label": v.event_label(ev),
            "href": f"/documents/{ev.document_id}#ev-{ev.id}",
            "place": p.name, "geonameid": p.geonameid, "country": p.country, "admin1": p.admin1,
            "region": p.region, "precision": p.precision, "text": ep.text, "basis": ep.basis,
        },
    }


def map_points(v: Views, f: Filters, limit: int = MAX_POINTS, only: set[str] | None = None) -> dict[str, Any]:
    """`only`: ids allowed by the place filters (country, near), None for no place filter."""
    events = [e for e in filtered_events(v, f) if only is None or e.id in only]
    places = PlaceStore(v.store).of_events(e.id for e in events)
    placed = [(e, places[e.id]) for e in events
              if e.id in places and places[e.id].place.lat is not None and places[e.id].place.lon is not None]
    return {"type": "FeatureCollection", "features": [feature(v, e, ep) for e, ep in placed[:limit]],
            "total": len(placed), "unplaced": len(events) - len(placed)}
