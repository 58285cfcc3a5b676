"""Versioned schema migrations.

Each migration is applied in its own transaction together with the row that
records it, so a crash mid-migration leaves the previous version intact.
Add a migration by appending to MIGRATIONS; never edit a released one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from claimgraph.errors import StoreError
from claimgraph.store import schema as s
from claimgraph.store import search
from claimgraph.store.rows import date_columns


def _create(*tables):  # type: ignore[no-untyped-def]
    def run(conn: Connection) -> None:
        for table in tables:
            table.create(conn, checkfirst=True)

    return run


def _date_bounds_and_search(conn: Connection) -> None:
    """Day-interval columns beside event and claim dates (filled from the stored values) and the
    full-text search index, built from what the store already holds."""
    for table in (s.events, s.claims):
        have = {c["name"] for c in inspect(conn).get_columns(table.name)}
        for col in ("date_start", "date_end"):
            if col not in have:
                conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {col} VARCHAR(10)"))
        rows = conn.execute(select(table.c.id, table.c.date_value).where(table.c.date_value.is_not(None))).all()
        for r in rows:
            conn.execute(update(table).where(table.c.id == r.id).values(**date_columns(r.date_value)))
    for index in (*s.events.indexes, *s.claims.indexes):
        if index.name in ("ix_events_date_start", "ix_claims_date"):
            index.create(conn, checkfirst=True)
    search.create_index(conn)


def _decisions(conn: Connection) -> None:
    """Analyst decisions, and the review verdict they leave on events."""
    if "review" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN review VARCHAR(10)"))
    s.decisions.create(conn, checkfirst=True)


def _byte_order_collation(conn: Connection) -> None:
    """PostgreSQL only: string columns of stores made before migration 4 take the "C" collation
    the schema now names (schema.py says why). Databases made since already have it."""
    if conn.dialect.name != "postgresql":
        return
    current = {
        (r.table_name, r.column_name): r.collation_name
        for r in conn.execute(text(
            "SELECT table_name, column_name, collation_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')"))
    }
    prep = conn.dialect.identifier_preparer
    for table in s.metadata.sorted_tables:
        for column in table.columns:
            key = (table.name, column.name)
            if key not in current or current[key] == "C":  # not a string column, or done (None: the default)
                continue
            # Names and types come from schema.py, never from input.
            conn.execute(text(
                f"ALTER TABLE {prep.format_table(table)} ALTER COLUMN {prep.format_column(column)} "
                f"TYPE {column.type.compile(dialect=conn.dialect)}"))


def _migration_4(conn: Connection) -> None:
    """Collation first: changing it rebuilds the indexes on those columns anyway."""
    _byte_order_collation(conn)
    for table in (s.documents, s.events):
        for index in table.indexes:
            index.create(conn, checkfirst=True)


def _work_state(conn: Connection) -> None:
    _create(s.analysis_pending, s.extraction_claims, s.leases, s.document_actors, s.actor_votes)(conn)
    from claimgraph.store.actors import backfill

    backfill(conn)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (
        1,
        "documents, actors, mentions, timexes, attributions, events",
        _create(s.documents, s.actors, s.actor_aliases, s.mentions, s.timexes, s.attributions, s.events, s.event_actors),
    ),
    (
        2,
        "analysis: actor merges and overrides, claims, claim events/actors, claim links, settings",
        _create(s.actor_merges, s.actor_overrides, s.claims, s.claim_events, s.claim_actors, s.claim_links,
                s.analysis_settings),
    ),
    (3, "places: event_places (the gazetteer entry each event is placed at)", _create(s.event_places)),
    (
        4,
        "indexes for document and event pages and date filters; byte-order string columns on PostgreSQL",
        _migration_4,
    ),
    (5, "date intervals on events and claims; full-text search index", _date_bounds_and_search),
    (6, "analyst decisions; review verdicts on events", _decisions),
    (
        7,
        "work state: analysis pending, extraction claims, leases; per-document actor views and their tallies",
        _work_state,
    ),
]

LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    row = conn.execute(select(s.schema_version.c.version).order_by(s.schema_version.c.version.desc())).first()
    return int(row[0]) if row else 0


def migrate(engine) -> int:  # type: ignore[no-untyped-def]
    """Bring the database up to LATEST; returns the version reached."""
    for attempt in range(5):
        try:
            with engine.begin() as conn:
                s.schema_version.create(conn, checkfirst=True)
                version = current_version(conn)
            break
        except OperationalError:
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))
    if version > LATEST:
        raise StoreError(
            f"database schema version {version} is newer than this claimgraph ({LATEST}); upgrade claimgraph"
        )
    for number, _desc, run in MIGRATIONS:
        if number <= version:
            continue
        for attempt in range(5):
            try:
                with engine.begin() as conn:
                    if current_version(conn) >= number:  # another process got there first
                        break
                    run(conn)
                    conn.execute(
                        s.schema_version.insert().values(version=number, applied_at=datetime.now(UTC).isoformat())
                    )
                break
            except (OperationalError, IntegrityError):
                # Two processes opening a new database at once: the loser's
                # transaction rolls back; look again after the winner commits.
                if attempt == 4:
                    raise
                time.sleep(0.2 * (attempt + 1))
        version = number
    return version
