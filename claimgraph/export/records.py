"""Records in the DESIGN §6 export schema: the stable shape our scripts read.

Every format (JSON Lines, CSV, PLOVER, FollowTheMoney, graphs, the web API)
builds on these dicts, so a field means the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from claimgraph.model import Actor, Document, Event
from claimgraph.store import Store
from claimgraph.store.places import EventPlace, PlaceStore


class Lookup:
    """Documents and actors by id, loaded once per export (not per event)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.docs: dict[str, Document] = {d.id: d for d in store.documents()}
        self.actors: dict[str, Actor] = {a.id: a for a in store.actors()}
        self._texts: dict[str, str] = {}
        self._places: dict[str, EventPlace] | None = None

    def place(self, event_id: str) -> EventPlace | None:
        """Where analysis placed an event (all places loaded on first use)."""
        if self._places is None:
            self._places = PlaceStore(self.store).of_events()
        return self._places.get(event_id)

    def actor_ref(self, actor_id: str | None) -> dict[str, Any] | None:
        if not actor_id:
            return None
        actor = self.actors.get(actor_id)
        if actor is None:
            return {"id": actor_id, "name": actor_id, "kind": "unknown"}
        return actor.ref()

    def doc_summary(self, doc_id: str) -> dict[str, Any]:
        doc = self.docs.get(doc_id)
        return doc.summary() if doc else {"id": doc_id}

    def text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            self._texts[doc_id] = self.store.get_document(doc_id).text
        return self._texts[doc_id]


def document_record(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "origin": doc.origin,
        "outlet": doc.outlet,
        "author": doc.author,
        "title": doc.title,
        "published": doc.published.value if doc.published else None,
        "published_precision": doc.published.precision if doc.published else None,
        "language": doc.language,
        "format": doc.format,
        "ingested_at": doc.ingested_at,
        "text": doc.text,
    }


def event_record(ev: Event, lk: Lookup) -> dict[str, Any]:
    text = lk.text(ev.document_id)
    said_by = lk.actor_ref(ev.said_by)
    if said_by is None and ev.said_by_text:
        said_by = {"id": None, "name": ev.said_by_text, "kind": "unknown"}
    return {
        "id": ev.id,
        "document": lk.doc_summary(ev.document_id),
        "source": [lk.actor_ref(a) for a in ev.source],
        "target": [lk.actor_ref(a) for a in ev.target],
        "type": ev.type,
        "mode": ev.mode,
        "contexts": ev.contexts,
        "intensity": ev.intensity,
        "date": ev.date.to_json() if ev.date else None,
        "date_source": ev.date_source,
        "location": ev.location,
        "place": place_record(lk.place(ev.id)),
        "status": ev.status,
        "said_by": said_by,
        "evidence": {"text": text[ev.sentence.start:ev.sentence.end], "start": ev.sentence.start, "end": ev.sentence.end},
        "trigger": {"text": ev.trigger.text, "start": ev.trigger.start, "end": ev.trigger.end} if ev.trigger else None,
        "quantities": [{"kind": q.kind, "value": q.value, "unit": q.unit, "text": q.text} for q in ev.quantities],
        "negated": ev.negated,
        "confidence": ev.confidence,
        "rule": ev.rule,
    }


def place_record(ep: EventPlace | None) -> dict[str, Any] | None:
    """`place`: the gazetteer entry (name, geonameid, country ISO3, admin1, region, lat, lon,
    precision exact|region|country) plus the words read (`text`) and whether they were the
    event's own place phrase or a place its sentence names (`basis`); null when unplaced."""
    return ep.to_json() if ep else None


def actor_record(actor: Actor, documents: list[str]) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "sector": actor.sector,
        "aliases": actor.aliases,
        "documents": documents,
    }


def iter_records(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """All records of one kind, in a stable order."""
    if what == "documents":
        ids = store.document_ids()
        for doc in store.iter_documents(ids):
            yield document_record(doc)
    elif what == "events":
        lk = Lookup(store)
        for ev in store.events():
            yield event_record(ev, lk)
    elif what == "actors":
        docs = store.actor_documents()
        for actor in store.actors():
            yield actor_record(actor, docs.get(actor.id, []))
    elif what == "attributions":
        lk = Lookup(store)
        for a in store.attributions():
            text = lk.text(a.document_id)
            yield {
                "document": lk.doc_summary(a.document_id),
                "kind": a.kind,
                "source": (
                    {"text": a.source.text, "start": a.source.start, "end": a.source.end,
                     "actor": lk.actor_ref(a.source_actor_id)}
                    if a.source else None
                ),
                "cue": {"text": a.cue.text, "start": a.cue.start, "end": a.cue.end},
                "content": {"start": a.content.start, "end": a.content.end, "text": text[a.content.start:a.content.end]},
                "parent": a.parent,
            }
    elif what == "timexes":
        lk = Lookup(store)
        for t in store.timexes():
            yield {"document": lk.doc_summary(t.document_id), "text": t.text, "start": t.start, "end": t.end,
                   "value": t.value, "precision": t.precision, "kind": t.kind}
    elif what == "claims":
        from claimgraph.analysis import claim_records  # analysis builds claims; export only writes them

        yield from claim_records(store)
    else:  # pragma: no cover - guarded by the CLI's choice list
        raise ValueError(what)


WHATS = ("events", "documents", "actors", "claims", "attributions", "timexes")
