"""SQL for the analysis layer: actor merges, user overrides, claims, links, grades.

Kept beside store.py because only `claimgraph/store/` writes SQL; the
analysis package computes, this module persists. Every replace_* call is one
transaction, so an interrupted `update` leaves the previous consistent state.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, or_, select, update

from claimgraph.model import Claim, ClaimLink, DateValue, Event, Grade
from claimgraph.store import schema as s
from claimgraph.store.decisions import not_rejected
from claimgraph.store.rows import date_columns, row_event
from claimgraph.store.store import Store, starts_with

_IN_BATCH = 500  # ids per IN list, as in store.py


@dataclass(slots=True)
class StoredClaim:
    """A Claim plus the bookkeeping the model does not carry."""

    claim: Claim
    bucket: str
    negated: bool = False
    reported: str | None = None  # earliest publication date among its documents
    info: dict[str, Any] = field(default_factory=dict)  # intervals, contexts, speakers: what links need
    # what the link rules derive from the fields above, worked out once (analysis/links.py);
    # never stored
    derived: Any = field(default=None, repr=False, compare=False)


@dataclass(slots=True)
class Merge:
    actor_id: str
    canonical_id: str
    why: str
    origin: str = "rule"


class ClaimStore:
    """Analysis tables of one Store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    # ------------------------------------------------------------ resolution
    def merges(self) -> dict[str, Merge]:
        with self.engine.connect() as conn:
            return {
                r.actor_id: Merge(r.actor_id, r.canonical_id, r.why, r.origin)
                for r in conn.execute(select(s.actor_merges).order_by(s.actor_merges.c.actor_id))
            }

    def replace_merges(self, merges: Iterable[Merge]) -> None:
        rows = [{"actor_id": m.actor_id, "canonical_id": m.canonical_id, "why": m.why, "origin": m.origin}
                for m in merges]
        with self.engine.begin() as conn:
            conn.execute(delete(s.actor_merges))
            if rows:
                conn.execute(insert(s.actor_merges), rows)

    def overrides(self) -> list[tuple[str, str, str]]:
        """(action, a, b) in the order the user made them: later decisions win."""
        with self.engine.connect() as conn:
            q = select(s.actor_overrides).order_by(s.actor_overrides.c.id)
            return [(r.action, r.a, r.b) for r in conn.execute(q)]

    def add_override(self, action: str, a: str, b: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(s.actor_overrides).values(
                action=action, a=a, b=b, created_at=datetime.now(UTC).isoformat(timespec="seconds")))

    # ------------------------------------------------------------ events
    def events_for_actors(self, actor_ids: Iterable[str]) -> list[Event]:
        """Events in which any of these (raw) actor ids takes part."""
        ids = sorted(set(actor_ids))
        ev_ids: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                q = select(s.event_actors.c.event_id).where(s.event_actors.c.actor_id.in_(ids[i:i + 500]))
                ev_ids.update(r[0] for r in conn.execute(q))
        return self.events_by_id(ev_ids)

    def events_by_id(self, ids: Iterable[str]) -> list[Event]:
        ids = sorted(set(ids))
        out: list[Event] = []
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                # rejected events are out of every claim: analysis reads events only through here
                rows = conn.execute(select(s.events).where(s.events.c.id.in_(chunk), not_rejected())).all()
                roles: dict[str, dict[str, list[str]]] = {}
                ea = select(s.event_actors).where(s.event_actors.c.event_id.in_(chunk)).order_by(s.event_actors.c.ord)
                for r in conn.execute(ea):
                    roles.setdefault(r.event_id, {"source": [], "target": []})[r.role].append(r.actor_id)
                out.extend(row_event(r, roles.get(r.id, {})) for r in rows)
        return sorted(out, key=lambda e: e.id)

    def event_ids_of_documents(self, doc_ids: Sequence[str]) -> list[str]:
        with self.engine.connect() as conn:
            q = select(s.events.c.id).where(s.events.c.document_id.in_(list(doc_ids)), not_rejected())
            return [r[0] for r in conn.execute(q)]

    # ------------------------------------------------------------ claims
    def is_empty(self) -> bool:
        """No claims and no links stored: the store was never analysed (or holds nothing to analyse)."""
        with self.engine.connect() as conn:
            return all(conn.execute(select(t.c[0]).limit(1)).first() is None for t in (s.claims, s.claim_links))

    def buckets_of_claims(self, claim_ids: Iterable[str]) -> set[str]:
        ids = list(set(claim_ids))
        with self.engine.connect() as conn:
            return {r[0] for r in conn.execute(select(s.claims.c.bucket).where(s.claims.c.id.in_(ids)))}

    def claim_ids_in_buckets(self, buckets: Iterable[str]) -> set[str]:
        b = list(set(buckets))
        with self.engine.connect() as conn:
            return {r[0] for r in conn.execute(select(s.claims.c.id).where(s.claims.c.bucket.in_(b)))}

    def claim_ids_with_actors(self, actor_ids: Iterable[str], role: str | None = None) -> set[str]:
        a = sorted(set(actor_ids))
        out: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(a), 500):
                q = select(s.claim_actors.c.claim_id).where(s.claim_actors.c.actor_id.in_(a[i:i + 500]))
                if role:
                    q = q.where(s.claim_actors.c.role == role)
                out.update(r[0] for r in conn.execute(q))
        return out

    def claim_ids_of_events(self, event_ids: Iterable[str]) -> set[str]:
        e = sorted(set(event_ids))
        out: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(e), 500):
                q = select(s.claim_events.c.claim_id).where(s.claim_events.c.event_id.in_(e[i:i + 500]))
                out.update(r[0] for r in conn.execute(q))
        return out

    def claim_ids_of_documents(self, doc_ids: Iterable[str]) -> set[str]:
        """Claims citing these documents, even if the documents' events were since replaced."""
        out: set[str] = set()
        with self.engine.connect() as conn:
            for d in set(doc_ids):
                q = select(s.claims.c.id).where(s.claims.c.documents.contains(json.dumps(d), autoescape=True))
                out.update(r[0] for r in conn.execute(q))
        return out

    def setting(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.analysis_settings.c.value).where(s.analysis_settings.c.key == key)).first()
            return row[0] if row else None

    def set_setting(self, key: str, value: str | None) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(s.analysis_settings).where(s.analysis_settings.c.key == key))
            if value is not None:
                conn.execute(insert(s.analysis_settings).values(key=key, value=value))

    def replace_claims(self, buckets: set[str] | None, claims: Iterable[StoredClaim]) -> set[str]:
        """Drop the claims of `buckets` (all when None) and write `claims`; returns the dropped ids."""
        with self.engine.begin() as conn:
            q = select(s.claims.c.id)
            if buckets is not None:
                q = q.where(s.claims.c.bucket.in_(list(buckets)))
            old = {r[0] for r in conn.execute(q)}
            old_l = list(old)
            for i in range(0, len(old_l), 500):
                chunk = old_l[i:i + 500]
                conn.execute(delete(s.claim_events).where(s.claim_events.c.claim_id.in_(chunk)))
                conn.execute(delete(s.claim_actors).where(s.claim_actors.c.claim_id.in_(chunk)))
                conn.execute(delete(s.claims).where(s.claims.c.id.in_(chunk)))
            # One executemany per table: building a statement per claim costs more
            # than writing it once a corpus has thousands of claims.
            claim_rows, event_rows, actor_rows = [], [], []
            for sc in claims:
                c = sc.claim
                claim_rows.append(_claim_row(sc))
                event_rows.extend({"claim_id": c.id, "event_id": e} for e in c.events)
                roles = {(a, "party") for a in set(c.source) | set(c.target)}
                roles |= {(a, "speaker") for a in sc.info.get("speakers", [])}
                actor_rows.extend({"claim_id": c.id, "actor_id": a, "role": r} for a, r in sorted(roles))
            for table, rows in ((s.claims, claim_rows), (s.claim_events, event_rows), (s.claim_actors, actor_rows)):
                if rows:
                    conn.execute(insert(table), rows)
        return old

    def claims(self, ids: Iterable[str] | None = None) -> list[StoredClaim]:
        """Claims (all, or these ids) with their events and links, ordered by id.

        For given ids every read is by key, a chunk of ids at a time, and the links are read
        through each end's index separately: `claim_id IN … OR other_id IN …` led PostgreSQL
        to scan the whole link table, the two halves each use their own index.
        """
        with self.engine.connect() as conn:
            q = select(s.claims).order_by(s.claims.c.id)
            ce = select(s.claim_events).order_by(s.claim_events.c.event_id)
            links: dict[tuple[str, str, str], str] = {}
            if ids is None:
                rows = conn.execute(q).all()
                events = conn.execute(ce).all()
                links = {(r.claim_id, r.other_id, r.kind): r.why for r in conn.execute(select(s.claim_links))}
            else:
                rows, events = [], []
                id_list = sorted(set(ids))
                for i in range(0, len(id_list), _IN_BATCH):
                    chunk = id_list[i:i + _IN_BATCH]
                    rows += conn.execute(q.where(s.claims.c.id.in_(chunk))).all()
                    events += conn.execute(ce.where(s.claim_events.c.claim_id.in_(chunk))).all()
                    for end in (s.claim_links.c.claim_id, s.claim_links.c.other_id):
                        links.update(((r.claim_id, r.other_id, r.kind), r.why)
                                     for r in conn.execute(select(s.claim_links).where(end.in_(chunk))))
            out = {r.id: _row_claim(r) for r in rows}
            for r in sorted(events, key=lambda r: r.event_id):
                if r.claim_id in out:
                    out[r.claim_id].claim.events.append(r.event_id)
            for (claim_id, other_id, kind), why in sorted(links.items()):
                if claim_id in out:
                    out[claim_id].claim.links.append(ClaimLink(kind, other_id, why))
                if other_id in out and other_id != claim_id:
                    out[other_id].claim.links.append(ClaimLink("denied-by" if kind == "denies" else kind, claim_id, why))
        return [out[k] for k in sorted(out)]

    def get_claim(self, ident: str) -> StoredClaim | None:
        """By id or unambiguous prefix; a full id is one primary-key probe."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(s.claims.c.id).where(s.claims.c.id == ident)).all()
            if not rows:
                rows = conn.execute(select(s.claims.c.id).where(starts_with(s.claims.c.id, ident)).limit(2)).all()
        if len(rows) != 1:
            return None
        return self.claims([rows[0][0]])[0]

    # ------------------------------------------------------------ links
    def replace_links(self, claim_ids: set[str] | None, links: Iterable[tuple[str, ClaimLink]]) -> None:
        """Drop every link touching `claim_ids` (all when None) and write `links` (from, link)."""
        with self.engine.begin() as conn:
            if claim_ids is None:
                conn.execute(delete(s.claim_links))
            else:
                ids = list(claim_ids)
                for i in range(0, len(ids), 500):
                    chunk = ids[i:i + 500]
                    conn.execute(delete(s.claim_links).where(
                        or_(s.claim_links.c.claim_id.in_(chunk), s.claim_links.c.other_id.in_(chunk))))
            rows = {(a, ln.claim, ln.kind): ln.why for a, ln in links}
            if rows:
                conn.execute(insert(s.claim_links), [
                    {"claim_id": a, "other_id": b, "kind": k, "why": w} for (a, b, k), w in sorted(rows.items())])

    def links_touching(self, ids: Iterable[str]) -> list[tuple[str, str, str, str]]:
        """Links with either end in `ids`; each end read through its own index (see `claims`)."""
        id_list = sorted(set(ids))
        out: set[tuple[str, str, str, str]] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(id_list), _IN_BATCH):
                chunk = id_list[i:i + _IN_BATCH]
                for end in (s.claim_links.c.claim_id, s.claim_links.c.other_id):
                    q = select(s.claim_links).where(end.in_(chunk))
                    out.update((r.claim_id, r.other_id, r.kind, r.why) for r in conn.execute(q))
        return sorted(out)

    def all_links(self) -> list[tuple[str, str, str, str]]:
        with self.engine.connect() as conn:
            q = select(s.claim_links).order_by(s.claim_links.c.claim_id, s.claim_links.c.other_id, s.claim_links.c.kind)
            return [(r.claim_id, r.other_id, r.kind, r.why) for r in conn.execute(q)]

    def set_grades(self, grades: dict[str, Grade]) -> None:
        rows = [{"cid": cid, "rel": g.reliability, "cred": g.credibility, "why": json.dumps(g.reasons)}
                for cid, g in sorted(grades.items())]
        if not rows:
            return
        stmt = (update(s.claims).where(s.claims.c.id == bindparam("cid"))
                .values(reliability=bindparam("rel"), credibility=bindparam("cred"), reasons=bindparam("why")))
        with self.engine.begin() as conn:
            conn.execute(stmt, rows)  # one executemany, not a statement per claim


def _claim_row(sc: StoredClaim) -> dict[str, Any]:
    c = sc.claim
    return {
        "id": c.id, "bucket": sc.bucket, "type": c.type, "mode": c.mode,
        "source": json.dumps(c.source), "target": json.dumps(c.target), "negated": int(sc.negated),
        "date_value": c.date.value if c.date else None, "date_precision": c.date.precision if c.date else None,
        **date_columns(c.date.value if c.date else None), "status": c.status, "intensity": c.intensity, "documents": json.dumps(c.documents),
        "independent_sources": json.dumps(c.independent_sources),
        "presentations": json.dumps(c.presentations, sort_keys=True), "reported": sc.reported,
        "reliability": c.grade.reliability, "credibility": c.grade.credibility,
        "reasons": json.dumps(c.grade.reasons), "info": json.dumps(sc.info, sort_keys=True),
    }


def _row_claim(r: Any) -> StoredClaim:
    claim = Claim(
        id=r.id, type=r.type, mode=r.mode, source=json.loads(r.source), target=json.loads(r.target),
        date=DateValue(r.date_value, r.date_precision or "unknown") if r.date_value else None,
        documents=json.loads(r.documents), independent_sources=json.loads(r.independent_sources),
        presentations=json.loads(r.presentations), status=r.status, intensity=r.intensity,
        grade=Grade(r.reliability, r.credibility, json.loads(r.reasons)),
    )
    return StoredClaim(claim, r.bucket, bool(r.negated), r.reported, json.loads(r.info or "{}"))
