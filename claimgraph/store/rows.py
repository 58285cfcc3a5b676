"""Mapping between model records and table rows (both directions).

Kept apart from the Store so the query code reads as queries; the column
names here are the only place that knows how a record is flattened.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from claimgraph.dates import bounds
from claimgraph.model import Actor, Attribution, DateValue, Document, Event, Quantity, Span


def now() -> str:
    """The time stamped on ingested and extracted documents.

    `$SOURCE_DATE_EPOCH` (the reproducible-builds convention) fixes it, so two runs over
    the same corpus — on SQLite and PostgreSQL, through local processes or a Dask
    cluster — give byte-identical exports, `ingested_at` included.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).isoformat(timespec="seconds")
    return datetime.now(UTC).isoformat(timespec="seconds")


def actor_row(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
            "sector": actor.sector, "meta": "{}"}


def actor_gaps(actor: Actor, old: Mapping[str, Any]) -> dict[str, Any]:
    """Columns of a stored actor row that `actor` may fill: gaps only, never
    overwriting what an earlier document (or a user) set."""
    values: dict[str, Any] = {}
    if actor.country and not old["country"]:
        values["country"] = actor.country
    if actor.sector and not old["sector"]:
        values["sector"] = actor.sector
    if actor.kind != "unknown" and old["kind"] == "unknown":
        values["kind"] = actor.kind
    return values


def doc_row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "origin": doc.origin,
        "outlet": doc.outlet,
        "author": doc.author,
        "title": doc.title,
        "published_value": doc.published.value if doc.published else None,
        "published_precision": doc.published.precision if doc.published else None,
        "language": doc.language,
        "format": doc.format,
        "text": doc.text,
        "meta": json.dumps(doc.meta, ensure_ascii=False, default=str),
        "ingested_at": doc.ingested_at or now(),
    }


def row_doc(r: Any) -> Document:
    published = DateValue(r["published_value"], r["published_precision"] or "unknown") if r["published_value"] else None
    return Document(
        id=r["id"],
        text=r.get("text", "") or "",
        origin=r["origin"],
        outlet=r["outlet"],
        author=r["author"],
        title=r["title"],
        published=published,
        language=r["language"],
        format=r["format"],
        ingested_at=r["ingested_at"],
        meta=json.loads(r["meta"] or "{}"),
    )


def attr_row(doc_id: str, ord_: int, a: Attribution) -> dict[str, Any]:
    return {
        "document_id": doc_id,
        "ord": ord_,
        "kind": a.kind,
        "cue_start": a.cue.start,
        "cue_end": a.cue.end,
        "cue_text": a.cue.text,
        "content_start": a.content.start,
        "content_end": a.content.end,
        "source_start": a.source.start if a.source else None,
        "source_end": a.source.end if a.source else None,
        "source_text": a.source.text if a.source else None,
        "source_actor_id": a.source_actor_id,
        "parent_ord": a.parent,
    }


def row_attr(r: Any) -> Attribution:
    source = Span(r.source_start, r.source_end, r.source_text or "") if r.source_start is not None else None
    return Attribution(
        document_id=r.document_id,
        cue=Span(r.cue_start, r.cue_end, r.cue_text),
        content=Span(r.content_start, r.content_end),
        source=source,
        source_actor_id=r.source_actor_id,
        kind=r.kind,
        parent=r.parent_ord,
        id=r.ord,
    )


def event_row(ev: Event) -> dict[str, Any]:
    return {
        "id": ev.id,
        "document_id": ev.document_id,
        "sent_start": ev.sentence.start,
        "sent_end": ev.sentence.end,
        "trigger_start": ev.trigger.start if ev.trigger else None,
        "trigger_end": ev.trigger.end if ev.trigger else None,
        "trigger_text": ev.trigger.text if ev.trigger else None,
        "type": ev.type,
        "mode": ev.mode,
        "contexts": json.dumps(ev.contexts),
        "intensity": ev.intensity,
        "date_value": ev.date.value if ev.date else None,
        "date_precision": ev.date.precision if ev.date else None,
        "date_source": ev.date_source,
        **date_columns(ev.date.value if ev.date else None),
        "location": ev.location,
        "status": ev.status,
        "said_by": ev.said_by,
        "said_by_text": ev.said_by_text,
        "attribution_ord": ev.attribution,
        "quantities": json.dumps([quantity_json(q) for q in ev.quantities]),
        "negated": int(ev.negated),
        "confidence": ev.confidence,
        "rule": ev.rule,
    }


def date_columns(value: str | None) -> dict[str, str | None]:
    """`date_start`/`date_end`: the value's day interval, None for a date that cannot be placed."""
    b = bounds(value)
    return {"date_start": b[0] if b else None, "date_end": b[1] if b else None}


def quantity_json(q: Quantity) -> dict[str, Any]:
    return {"kind": q.kind, "value": q.value, "unit": q.unit, "text": q.text}


def row_event(r: Any, roles: dict[str, list[str]]) -> Event:
    return Event(
        id=r.id,
        document_id=r.document_id,
        sentence=Span(r.sent_start, r.sent_end),
        type=r.type,
        source=roles.get("source", []),
        target=roles.get("target", []),
        mode=r.mode,
        contexts=json.loads(r.contexts or "[]"),
        intensity=r.intensity,
        date=DateValue(r.date_value, r.date_precision or "unknown") if r.date_value else None,
        date_source=r.date_source,
        location=r.location,
        status=r.status,
        said_by=r.said_by,
        said_by_text=r.said_by_text,
        attribution=r.attribution_ord,
        trigger=Span(r.trigger_start, r.trigger_end, r.trigger_text or "") if r.trigger_start is not None else None,
        quantities=[Quantity(**q) for q in json.loads(r.quantities or "[]")],
        negated=bool(r.negated),
        confidence=r.confidence,
        rule=r.rule,
    )
