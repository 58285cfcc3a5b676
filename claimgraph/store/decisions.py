"""Analyst decisions: stored apart from machine output, re-applied to every new extraction.

A decision names the event it corrects by an anchor — document, trigger and
sentence offsets, and the type the machine gave it — because event ids are
positional and change when a document is extracted again. `apply_document`
runs inside the transaction that saves a document's extraction, so a store
never holds a re-extracted document whose corrections were lost, and an
interrupted run leaves both or neither.

Only this module writes the `decisions` table and the `review` column.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select, update

from claimgraph.dates import bounds
from claimgraph.store import schema as s
from claimgraph.store.rows import now

EVENT_ACTIONS = ("confirm", "reject", "edit")
ACTOR_ACTIONS = ("merge", "split")
EDITABLE = ("type", "status", "date", "source", "target")


@dataclass(slots=True)
class Decision:
    action: str
    target: str
    who: str
    why: str = ""
    document_id: str | None = None
    anchor: dict[str, Any] = field(default_factory=dict)
    change: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    created_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "created_at": self.created_at, "who": self.who, "why": self.why,
                "action": self.action, "target": self.target, "document": self.document_id,
                "anchor": self.anchor, "change": self.change}


def row_decision(r: Any) -> Decision:
    return Decision(r.action, r.target, r.who, r.why, r.document_id, json.loads(r.anchor or "{}"),
                    json.loads(r.change or "{}"), r.id, r.created_at)


def anchor_of(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """Where an event sits, in terms that survive re-extraction."""
    r = conn.execute(select(s.events).where(s.events.c.id == event_id)).first()
    if r is None:
        return None
    return {"document": r.document_id, "trigger": [r.trigger_start, r.trigger_end],
            "sentence": [r.sent_start, r.sent_end], "type": r.type}


def find_event(conn: Connection, anchor: dict[str, Any]) -> str | None:
    """The event at `anchor` now: same trigger, else same sentence and machine type."""
    e = s.events.c
    t0, t1 = anchor.get("trigger") or [None, None]
    if t0 is not None:
        r = conn.execute(select(e.id).where(e.document_id == anchor["document"], e.trigger_start == t0,
                                            e.trigger_end == t1).order_by(e.id)).first()
        if r:
            return str(r[0])
    s0, s1 = anchor.get("sentence") or [None, None]
    r = conn.execute(select(e.id).where(e.document_id == anchor["document"], e.sent_start == s0, e.sent_end == s1,
                                        e.type == anchor.get("type")).order_by(e.id)).first()
    return str(r[0]) if r else None


def record(conn: Connection, d: Decision) -> Decision:
    """Store a decision and apply it now (event decisions); returns it with id and time."""
    d.created_at = now()
    res = conn.execute(insert(s.decisions).values(
        created_at=d.created_at, who=d.who, why=d.why, action=d.action, target=d.target,
        document_id=d.document_id, anchor=json.dumps(d.anchor, sort_keys=True),
        change=json.dumps(d.change, sort_keys=True)))
    d.id = int(res.inserted_primary_key[0])
    if d.action in EVENT_ACTIONS:
        apply(conn, d)
    return d


def apply(conn: Connection, d: Decision) -> bool:
    """Apply one event decision to the event it anchors; False when that event is gone."""
    ev_id = find_event(conn, d.anchor)
    if ev_id is None:
        return False
    e = s.events.c
    if d.action in ("confirm", "reject"):
        conn.execute(update(s.events).where(e.id == ev_id).values(review="confirmed" if d.action == "confirm"
                                                                    else "rejected"))
        return True
    values: dict[str, Any] = {}
    for name, (_before, after) in d.change.items():
        if name == "type":
            values["type"] = after
        elif name == "status":
            values["status"] = after
        elif name == "date":
            b = bounds(after) if after else None
            values.update(date_value=after or None, date_precision=_precision(after), date_source="analyst",
                          date_start=b[0] if b else None, date_end=b[1] if b else None)
        elif name in ("source", "target"):
            conn.execute(delete(s.event_actors).where(s.event_actors.c.event_id == ev_id,
                                                      s.event_actors.c.role == name))
            rows = [{"event_id": ev_id, "role": name, "ord": i, "actor_id": a} for i, a in enumerate(after or [])]
            if rows:
                conn.execute(insert(s.event_actors), rows)
    if values:
        conn.execute(update(s.events).where(e.id == ev_id).values(**values))
    conn.execute(update(s.events).where(e.id == ev_id, e.review.is_(None)).values(review="confirmed"))
    return True


def _precision(value: str | None) -> str | None:
    if not value:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "unknown")


def apply_document(conn: Connection, doc_id: str) -> int:
    """Re-apply, in the order they were made, every event decision about one document."""
    q = (select(s.decisions).where(s.decisions.c.document_id == doc_id,
                                   s.decisions.c.action.in_(EVENT_ACTIONS)).order_by(s.decisions.c.id))
    return sum(apply(conn, row_decision(r)) for r in conn.execute(q).all())


def not_rejected(table: Any = s.events) -> Any:
    """The condition that keeps rejected events out of every list, claim and chart."""
    return or_(table.c.review.is_(None), table.c.review != "rejected")
