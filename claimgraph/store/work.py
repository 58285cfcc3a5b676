"""Work state shared by every writer of one store: claims, leases, pending analysis.

Several `claimgraph` processes may write one store at once (two ingests of
overlapping folders, an ingest while `extract` runs). Three things keep them
from losing or repeating work:

- **extraction claims**: a writer claims a batch of pending documents
  (a row each in `extraction_claims`, with an owner and an expiry) before
  parsing them, and the claim is dropped in the transaction that saves the
  extraction. Others skip claimed documents; a claim lapses when it expires
  (the owner renews it from a heartbeat thread while it lives) or, on the
  same host, as soon as the owner's process is gone — so a `kill -9` costs
  the next run nothing but the work in flight.
- **the analysis lease**: one named lease in `leases`, taken by compare-and-set,
  so two analyses never interleave their reads and writes of the claims.
- **pending analysis**: the documents whose extraction no committed analysis
  has covered yet (`analysis_pending`), written with the extraction.

Every statement here is portable SQLAlchemy Core; the one dialect-specific
piece is insert-or-ignore (`ON CONFLICT DO NOTHING` on SQLite and PostgreSQL).
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from claimgraph.store import schema as s

# How long a claim or lease lives without renewal. Only a writer on another
# host waits this long for a dead owner's work; on the same host a dead
# process is noticed at once.
LEASE_SECONDS = 60.0
_IN_BATCH = 500


def new_owner() -> str:
    """host:pid:nonce — the pid lets a writer on the same host see that an owner died."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def owner_is_dead(owner: str) -> bool:
    """True only when certain: the owner ran on this host and its process is gone."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """A killed child its parent has not reaped yet still answers kill(pid, 0)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def insert_ignore(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert rows whose primary key is new, in one statement that cannot race a
    concurrent insert of the same key; returns the rows inserted (exact for one row)."""
    if not rows:
        return 0
    dialect = conn.dialect.name
    if dialect in ("sqlite", "postgresql"):
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        else:
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        stmt = dialect_insert(table).on_conflict_do_nothing(index_elements=[c.name for c in table.primary_key])
        if dialect == "postgresql":
            # psycopg 3 reports no rowcount (-1) for INSERT … ON CONFLICT: count the rows it returns.
            stmt = stmt.returning(*table.primary_key.columns)
            return len(conn.execute(stmt, list(rows)).all())
        result = conn.execute(stmt, rows[0] if len(rows) == 1 else list(rows))
        return max(0, result.rowcount)
    inserted = 0
    for row in rows:  # other dialects: one savepoint per row
        try:
            with conn.begin_nested():
                conn.execute(insert(table), row)
            inserted += 1
        except IntegrityError:
            pass
    return inserted


def pending_condition(extractor_version: str | None) -> Any:
    cond = s.documents.c.extracted_at.is_(None)
    if extractor_version:
        cond = or_(cond, s.documents.c.extractor_version != extractor_version)
    return cond


def release_lapsed(conn: Connection, now: float) -> None:
    """Drop claims whose time is up or whose owner is known dead."""
    conn.execute(delete(s.extraction_claims).where(s.extraction_claims.c.expires_at < now))
    owners = [r[0] for r in conn.execute(select(s.extraction_claims.c.owner).distinct())]
    dead = [o for o in owners if owner_is_dead(o)]
    if dead:
        conn.execute(delete(s.extraction_claims).where(s.extraction_claims.c.owner.in_(dead)))


def claim_pending(conn: Connection, owner: str, limit: int, extractor_version: str | None,
                  among: Sequence[str] | None = None) -> list[str]:
    """Claim up to `limit` unclaimed documents — pending ones, or those of `among` — for `owner`."""
    now = time.time()
    release_lapsed(conn, now)
    claimed = select(s.extraction_claims.c.document_id)
    q = (select(s.documents.c.id).where(s.documents.c.id.not_in(claimed))
         .order_by(s.documents.c.ingested_at, s.documents.c.id).limit(limit))
    if among is None:
        q = q.where(pending_condition(extractor_version))
        candidates = [r[0] for r in conn.execute(q)]
    else:
        candidates = []
        for i in range(0, len(among), _IN_BATCH):
            if len(candidates) >= limit:
                break
            chunk = list(among[i:i + _IN_BATCH])
            candidates += [r[0] for r in conn.execute(q.where(s.documents.c.id.in_(chunk)))]
        candidates = candidates[:limit]
    if not candidates:
        return []
    rows = [{"document_id": d, "owner": owner, "expires_at": now + LEASE_SECONDS} for d in candidates]
    insert_ignore(conn, s.extraction_claims, rows)
    mine = select(s.extraction_claims.c.document_id).where(
        s.extraction_claims.c.owner == owner, s.extraction_claims.c.document_id.in_(candidates))
    got = {r[0] for r in conn.execute(mine)}
    return [d for d in candidates if d in got]


def claimed_by_others(conn: Connection, owner: str, ids: Sequence[str] | None,
                      extractor_version: str | None) -> int:
    """How many documents we still want are claimed by a live writer (after dropping lapsed claims)."""
    release_lapsed(conn, time.time())
    q = (select(s.extraction_claims.c.document_id)
         .join(s.documents, s.documents.c.id == s.extraction_claims.c.document_id)
         .where(s.extraction_claims.c.owner != owner))
    if ids is None:
        return len(conn.execute(q.where(pending_condition(extractor_version))).all())
    n = 0
    for i in range(0, len(ids), _IN_BATCH):
        n += len(conn.execute(q.where(s.extraction_claims.c.document_id.in_(list(ids[i:i + _IN_BATCH])))).all())
    return n


def renew(conn: Connection, owner: str) -> None:
    until = time.time() + LEASE_SECONDS
    conn.execute(update(s.extraction_claims).where(s.extraction_claims.c.owner == owner).values(expires_at=until))
    conn.execute(update(s.leases).where(s.leases.c.owner == owner).values(expires_at=until))


def release(conn: Connection, owner: str) -> None:
    conn.execute(delete(s.extraction_claims).where(s.extraction_claims.c.owner == owner))
    conn.execute(delete(s.leases).where(s.leases.c.owner == owner))


def take_lease(conn: Connection, name: str, owner: str) -> bool:
    """Compare-and-set: the lease is ours if free, already ours, lapsed, or its owner is dead."""
    now = time.time()
    if insert_ignore(conn, s.leases, [{"name": name, "owner": owner, "expires_at": now + LEASE_SECONDS}]):
        return True
    row = conn.execute(select(s.leases).where(s.leases.c.name == name)).first()
    if row is None:
        return False
    if row.owner != owner and row.expires_at >= now and not owner_is_dead(row.owner):
        return False
    res = conn.execute(update(s.leases)
                       .where(s.leases.c.name == name, s.leases.c.owner == row.owner)
                       .values(owner=owner, expires_at=now + LEASE_SECONDS))
    return res.rowcount == 1


class Heartbeat:
    """Renews an owner's claims and leases from a daemon thread while the work goes on.

    A thread rather than renewals sprinkled through the work: parsing one
    long document or analysing a large bucket has no natural checkpoint, and
    a lease must outlive both.
    """

    def __init__(self, store: Any, owner: str, every: float = LEASE_SECONDS / 4) -> None:
        self.store = store
        self.owner = owner
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="claimgraph-heartbeat", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.store.renew(self.owner)
            except Exception:  # noqa: BLE001 - a missed renewal only shortens the lease; the work goes on
                continue
