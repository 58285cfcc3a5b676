"""Event places: the `event_places` table, written by analysis and read by queries, exports and the map.

A module beside `Store` (as `claims.py` is) so the place queries read as
queries. Writes replace a set of events' rows in one transaction, so an
interrupted analysis leaves either the old places or the new ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, insert, select

from claimgraph.model import Place
from claimgraph.store import schema as s
from claimgraph.store.store import Store

_IN_BATCH = 500
KM_PER_DEGREE = 111.195  # along a meridian, on the mean Earth radius


@dataclass(frozen=True, slots=True)
class EventPlace:
    """Where one event is placed: the gazetteer entry, the words read, and which words (basis)."""

    event_id: str
    document_id: str
    text: str
    basis: str  # location (the event's own place phrase) | sentence (a place its sentence names)
    place: Place

    def to_json(self) -> dict[str, Any]:
        return {**self.place.to_json(), "text": self.text, "basis": self.basis}


def _row(ep: EventPlace) -> dict[str, Any]:
    p = ep.place
    return {"event_id": ep.event_id, "document_id": ep.document_id, "text": ep.text[:500], "basis": ep.basis,
            "name": p.name, "geonameid": p.geonameid, "country": p.country, "admin1": p.admin1,
            "region": p.region, "lat": p.lat, "lon": p.lon, "precision": p.precision}


def _place(r: Any) -> EventPlace:
    return EventPlace(r.event_id, r.document_id, r.text, r.basis,
                      Place(r.name, r.geonameid, r.country, r.admin1, r.region, r.lat, r.lon, r.precision))


class PlaceStore:
    """Place rows of one Store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    def replace(self, event_ids: Iterable[str] | None, places: Iterable[EventPlace]) -> None:
        """Replace the rows of `event_ids` (all rows when None) by `places`, in one transaction."""
        rows = [_row(p) for p in places]
        with self.engine.begin() as conn:
            if event_ids is None:
                conn.execute(delete(s.event_places))
            else:
                ids = sorted(set(event_ids) | {r["event_id"] for r in rows})
                for i in range(0, len(ids), _IN_BATCH):
                    conn.execute(delete(s.event_places).where(s.event_places.c.event_id.in_(ids[i:i + _IN_BATCH])))
            if rows:
                conn.execute(insert(s.event_places), rows)

    def of_events(self, event_ids: Iterable[str] | None = None) -> dict[str, EventPlace]:
        """Places by event id (of these events, or of all)."""
        out: dict[str, EventPlace] = {}
        with self.engine.connect() as conn:
            if event_ids is None:
                q = select(s.event_places).order_by(s.event_places.c.event_id)
                return {r.event_id: _place(r) for r in conn.execute(q)}
            ids = sorted(set(event_ids))
            for i in range(0, len(ids), _IN_BATCH):
                q = select(s.event_places).where(s.event_places.c.event_id.in_(ids[i:i + _IN_BATCH]))
                out.update((r.event_id, _place(r)) for r in conn.execute(q))
        return out

    def event_ids_in_country(self, iso3: str) -> set[str]:
        q = select(s.event_places.c.event_id).where(s.event_places.c.country == iso3.upper())
        with self.engine.connect() as conn:
            return {r[0] for r in conn.execute(q)}

    def within_box(self, lat: float, lon: float, km: float) -> list[EventPlace]:
        """Placed events inside the lat/lon box around a point that holds every point within `km`.

        The index narrows by box; the caller measures the exact great-circle distance.
        Near the poles or across the antimeridian the box widens to every longitude.
        """
        dlat = km / KM_PER_DEGREE
        cos = math.cos(math.radians(lat))
        dlon = 360.0 if cos < 1e-6 else km / (KM_PER_DEGREE * cos)
        c = s.event_places.c
        cond = [c.lat.is_not(None), c.lat >= lat - dlat, c.lat <= lat + dlat]
        if dlon < 180 and -180 <= lon - dlon and lon + dlon <= 180:
            cond += [c.lon >= lon - dlon, c.lon <= lon + dlon]
        with self.engine.connect() as conn:
            return [_place(r) for r in conn.execute(select(s.event_places).where(and_(*cond)))]
