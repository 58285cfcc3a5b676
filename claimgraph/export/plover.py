"""PLOVER JSON Lines: one event per line with the PLOVER record fields.

Field names follow the PLOVER gold-standard records (openeventdata/PLOVER):
`id`, `date`, `event`, `mode`, `context` (comma-separated), `source`/`target`
as lists of `{actorText, code, sector}`, `eventText`, `text`, `eventLoc`,
`language`, `publication`. What PLOVER has no field for (evidence status,
who said it, reporting date, the rule) goes under `claimgraph`, so a PLOVER
reader ignores it and nothing is lost for ours.
"""

from __future__ import annotations

import json
from typing import IO, Any

from claimgraph.export.records import Lookup
from claimgraph.model import Event, Mention
from claimgraph.store import Store

VERSION = "claimgraph-plover-1"


class _Mentions:
    """Mentions per document, loaded once each: the surface text an actor had in a sentence."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._by_doc: dict[str, list[Mention]] = {}

    def surface(self, ev: Event, actor_id: str) -> str | None:
        if ev.document_id not in self._by_doc:
            self._by_doc[ev.document_id] = self.store.mentions(ev.document_id)
        for m in self._by_doc[ev.document_id]:
            if m.actor_id == actor_id and ev.sentence.start <= m.start and m.end <= ev.sentence.end:
                return m.text
        return None


def plover_actor(actor_id: str, ev: Event, lk: Lookup, mentions: _Mentions) -> dict[str, Any]:
    """`{actorText, code, sector}`: code is the ISO alpha-3 of a state or the actor's affiliation."""
    actor = lk.actors.get(actor_id)
    text = mentions.surface(ev, actor_id) or (actor.name if actor else actor_id)
    out: dict[str, Any] = {"actorText": text}
    if actor is not None and actor.kind == "country":
        out["code"] = actor.id
    elif actor is not None and actor.country:
        out["code"] = actor.country
    if actor is not None and actor.sector:
        out["sector"] = actor.sector
    out["actorId"] = actor_id
    return out


def plover_record(ev: Event, lk: Lookup, mentions: _Mentions) -> dict[str, Any]:
    doc = lk.docs.get(ev.document_id)
    text = lk.text(ev.document_id)
    record: dict[str, Any] = {
        "id": ev.id,
        "date": ev.date.value if ev.date else None,
        "event": ev.type,
        "mode": ev.mode or "",
        "context": ", ".join(ev.contexts),
        "source": [plover_actor(a, ev, lk, mentions) for a in ev.source],
        "target": [plover_actor(a, ev, lk, mentions) for a in ev.target],
        "eventText": ev.trigger.text if ev.trigger else "",
        "text": text[ev.sentence.start:ev.sentence.end],
        "language": doc.language if doc else "en",
        "publication": (doc.outlet or doc.origin) if doc else "",
        "coder": "claimgraph",
        "version": VERSION,
    }
    place = lk.place(ev.id)
    if place is not None:
        p = place.place
        # PLOVER's eventLoc names the place as written; the resolved entry rides beside the name
        record["eventLoc"] = {"name": place.text, "geonamesID": p.geonameid, "placeName": p.name,
                              "countryCode": p.country, "admin1Code": p.admin1, "admin1Name": p.region,
                              "lat": p.lat, "lon": p.lon, "precision": p.precision, "basis": place.basis}
    elif ev.location:
        record["eventLoc"] = {"name": ev.location}
    record["claimgraph"] = {
        "document": lk.doc_summary(ev.document_id),
        "datePrecision": ev.date.precision if ev.date else None,
        "dateSource": ev.date_source,
        "dateReported": doc.published.value if doc and doc.published else None,
        "status": ev.status,
        "saidBy": lk.actor_ref(ev.said_by) or ({"name": ev.said_by_text} if ev.said_by_text else None),
        "intensity": ev.intensity,
        "negated": ev.negated,
        "confidence": ev.confidence,
        "rule": ev.rule,
        "evidence": {"start": ev.sentence.start, "end": ev.sentence.end},
        "quantities": [{"kind": q.kind, "value": q.value, "unit": q.unit, "text": q.text} for q in ev.quantities],
    }
    return record


class PloverExporter:
    name = "plover"
    whats = ("events",)
    binary = False

    def export(self, store: Store, what: str, out: IO[Any]) -> int:
        lk = Lookup(store)
        mentions = _Mentions(store)
        n = 0
        for ev in store.events():
            out.write(json.dumps(plover_record(ev, lk, mentions), ensure_ascii=False) + "\n")
            n += 1
        return n
