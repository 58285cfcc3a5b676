"""The Store: the only object that talks SQL.

SQLite by default (a file, WAL mode, foreign keys on); any SQLAlchemy URL
(postgresql+psycopg://…) for teams. Every write is one transaction: a
document row is committed on its own, and its whole extraction (mentions,
timexes, attributions, events) replaces the old one atomically, stamped with
`extracted_at`, together with the document's entry in the pending-analysis
set. A run killed at any point therefore leaves each document either
un-extracted (picked up by the next run) or fully extracted and pending
analysis (finished by the next run). Several writers may share a store:
see store/work.py for the claims and leases that keep them apart.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from claimgraph.errors import NotFound, StoreError, store_missing
from claimgraph.model import Actor, Attribution, Document, Event, Mention, Timex
from claimgraph.store import actors as actor_views
from claimgraph.store import decisions, search, work
from claimgraph.store import schema as s
from claimgraph.store.migrations import migrate
from claimgraph.store.rows import (
    attr_row,
    doc_row,
    event_row,
    now,
    row_attr,
    row_doc,
    row_event,
)

DEFAULT_DB = "claimgraph.db"
# claimgraph.model.document_id is 16 hex digits: an id that long is complete, looked up by key
DOCUMENT_ID_LEN = 16
# Ids per `IN (...)` list: well under SQLite's bound-parameter limit.
_IN_BATCH = 500


def resolve_url(db: str | os.PathLike[str] | None) -> str:
    """`--db` value → SQLAlchemy URL. A bare path means a SQLite file."""
    db = db or os.environ.get("CLAIMGRAPH_DB") or DEFAULT_DB
    db = str(db)
    if "://" in db:
        if db.startswith("postgresql://"):
            return "postgresql+psycopg://" + db[len("postgresql://"):]
        return db
    return f"sqlite:///{Path(db).expanduser()}"


class ExtractionLike(Protocol):
    """What `save_extractions` reads: nlp's Extraction records have these fields (the store may not import them)."""

    document_id: str
    actors: list[Actor]
    mentions: list[Mention]
    timexes: list[Timex]
    attributions: list[Attribution]
    events: list[Event]


@dataclass(slots=True)
class ExtractionRows:
    """One document's extraction as the store saves it (the nlp layer's records, without importing it)."""

    document_id: str
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def starts_with(column: Any, prefix: str) -> ColumnElement[bool]:
    """`column` starts with `prefix`, as a range (`>= 'ab' AND < 'ac'`) rather than `LIKE 'ab%'`.

    Why: SQLite's LIKE is case-insensitive, so it can never use the index on a
    case-sensitive id and scanned the whole table — once per claim and document
    on the claims page. A range is served by the primary-key btree on SQLite and
    PostgreSQL alike, because string columns compare in byte order on both
    (schema.py), and it has no wildcard to escape.
    """
    cond = column >= prefix
    if prefix:
        nxt = ord(prefix[-1]) + 1
        if 0xD800 <= nxt <= 0xDFFF:  # surrogates cannot be stored: the next storable code point
            nxt = 0xE000
        upper = column < prefix[:-1] + chr(nxt) if nxt <= 0x10FFFF else column.startswith(prefix, autoescape=True)
        cond = and_(cond, upper)
    return cond


def _masked(url: str) -> str:
    """The URL with its password hidden: error messages end up in logs and bug reports."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unparsable database URL)"


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


class Store:
    """A claimgraph database. Open with `Store.open(db)`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.version = migrate(engine)

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, *, create: bool = True) -> Store:
        """Open (and migrate) the store at `db`; `create=False` refuses one that does not exist yet.

        Reading commands pass create=False: a mistyped --db must say so, not
        quietly create an empty database and report that it holds nothing.
        """
        url = resolve_url(db)
        try:
            if url.startswith("sqlite"):
                path = url[len("sqlite:///"):]
                if path and path != ":memory:":
                    parent = Path(path).parent
                    if not create and not Path(path).is_file():
                        raise store_missing(path)
                    if not parent.exists():
                        raise StoreError(f"{path}: folder {parent} does not exist")
                # hide_parameters: a failed statement's message must not carry
                # an article's text (it reached stderr in tracebacks).
                engine = create_engine(url, future=True, hide_parameters=True)
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, future=True, pool_pre_ping=True, hide_parameters=True)
            if not create and not inspect(engine).has_table("schema_version"):
                engine.dispose()
                raise store_missing(engine.url.render_as_string(hide_password=True))
            return cls(engine, url)
        except OperationalError as exc:
            raise StoreError(f"cannot open database {_masked(url)}: {exc.orig}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open database {_masked(url)}: {exc}") from exc

    @property
    def display_url(self) -> str:
        """URL safe to print: no password."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction that holds the write lock from its first statement.

        On SQLite, `BEGIN IMMEDIATE`: a deferred transaction that reads and
        then writes cannot wait for a concurrent writer (the busy timeout
        does not apply to upgrading a read snapshot) and fails with "database
        is locked"; taking the lock first makes it queue instead. Elsewhere
        an ordinary transaction: the statements that race are insert-or-ignore
        or compare-and-set, and `save_extraction` locks the actor tallies.
        """
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn
                conn.commit()
        else:
            with self.engine.begin() as conn:
                yield conn

    # ------------------------------------------------------------ documents
    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(s.documents.c.id).where(s.documents.c.id == doc_id)).first() is not None

    def add_document(self, doc: Document) -> bool:
        """Insert a document; False if its text is already stored.

        One insert-or-ignore, so two writers storing the same text at once
        cannot both see it as new. Of several files with the same text, the
        stored row (origin, title, dates) is the one whose origin sorts first,
        whatever order they were read in; when a later-read file wins, the
        document is extracted again (its date anchors the timexes).
        """
        row = doc_row(doc)
        with self._write() as conn:
            if work.insert_ignore(conn, s.documents, [row]):
                search.index_documents(conn, [(doc.id, doc.title, doc.text)])
                return True
            winner = {k: v for k, v in row.items() if k not in ("id", "text", "ingested_at")}
            conn.execute(
                update(s.documents)
                .where(s.documents.c.id == doc.id, s.documents.c.origin > doc.origin)
                .values(**winner, extractor_version="")  # "": stale, whatever the current version
            )
        return False

    def count(self, table: str) -> int:
        t = s.metadata.tables[table]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t)).scalar_one())

    def documents(self, limit: int | None = None, with_text: bool = False) -> list[Document]:
        cols = [c for c in s.documents.c if with_text or c.name != "text"]
        q = select(*cols).order_by(s.documents.c.ingested_at, s.documents.c.id)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [row_doc(r._mapping) for r in conn.execute(q)]

    def get_document(self, ident: str) -> Document:
        """By full id or unambiguous prefix (as git does for commits); a full id is one primary-key probe."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(s.documents).where(s.documents.c.id == ident)).all()
            if not rows:
                rows = conn.execute(select(s.documents).where(starts_with(s.documents.c.id, ident)).limit(2)).all()
        if len(rows) != 1:
            raise NotFound("document", ident)
        return row_doc(rows[0]._mapping)

    def document_ids(self, pending_only: bool = False, extractor_version: str | None = None) -> list[str]:
        q = select(s.documents.c.id).order_by(s.documents.c.ingested_at, s.documents.c.id)
        if pending_only:
            q = q.where(work.pending_condition(extractor_version))
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(q)]

    def iter_documents(self, ids: Sequence[str], batch: int = 200) -> Iterator[Document]:
        for i in range(0, len(ids), batch):
            chunk = list(ids[i:i + batch])
            with self.engine.connect() as conn:
                rows = {r.id: r for r in conn.execute(select(s.documents).where(s.documents.c.id.in_(chunk)))}
            for ident in chunk:
                if ident in rows:
                    yield row_doc(rows[ident]._mapping)

    # ------------------------------------------------------------ extraction
    def save_extraction(
        self,
        doc_id: str,
        *,
        actors: Iterable[Actor],
        mentions: Iterable[Mention],
        timexes: Iterable[Timex],
        attributions: Iterable[Attribution],
        events: Iterable[Event],
        extractor_version: str,
    ) -> None:
        """Replace a document's extraction atomically (a batch of one: see `save_extractions`)."""
        self.save_extractions([ExtractionRows(doc_id, list(actors), list(mentions), list(timexes),
                                              list(attributions), list(events))], extractor_version)

    def save_extractions(self, batch: Sequence[ExtractionLike], extractor_version: str) -> None:
        """Replace the extractions of several documents in one transaction: all of them or none.

        Why batches: one transaction and a dozen statements per document made saving on
        PostgreSQL, where each statement is a network round trip, three times slower than on
        SQLite. A batch costs the same dozen statements in all, each an executemany over every
        document's rows. Saving the same documents one by one gives the same store (actors are
        derived from every document's view of them, store/actors.py, whatever the order).

        The same transaction records each document's views of its actors and derives
        the actors they name again (store/actors.py), marks every document of the batch
        for analysis, and drops the writer's claims on them: a kill leaves each document
        either untouched and claimable, or extracted and pending analysis.
        """
        if not batch:
            return
        doc_ids = [x.document_id for x in batch]
        with self._write() as conn:
            if self.engine.dialect.name == "postgresql":  # the tallies are read-modify-write
                conn.exec_driver_sql("LOCK TABLE actor_votes IN SHARE ROW EXCLUSIVE MODE")
            redo = self._extracted(conn, doc_ids)
            if redo:
                self._clear_extraction(conn, sorted(redo))
            affected: set[str] = set()
            for x in batch:
                affected |= actor_views.replace_views(conn, x.document_id, x.actors, x.document_id in redo)
            actor_views.refresh(conn, affected)
            tables: dict[Any, list[dict[str, Any]]] = {
                s.mentions: [], s.timexes: [], s.attributions: [], s.events: [], s.event_actors: []}
            for x in batch:
                doc_id = x.document_id
                tables[s.mentions] += [
                    {"document_id": doc_id, "start": m.start, "end": m.end, "text": m.text,
                     "actor_id": m.actor_id, "role": m.role, "rule": m.rule} for m in x.mentions]
                tables[s.timexes] += [
                    {"document_id": doc_id, "start": t.start, "end": t.end, "text": t.text,
                     "value": t.value, "precision": t.precision, "kind": t.kind} for t in x.timexes]
                tables[s.attributions] += [attr_row(doc_id, i, a) for i, a in enumerate(x.attributions)]
                for ev in x.events:
                    tables[s.events].append(event_row(ev))
                    for role, ids in (("source", ev.source), ("target", ev.target)):
                        tables[s.event_actors] += [{"event_id": ev.id, "role": role, "ord": i, "actor_id": a}
                                                   for i, a in enumerate(ids)]
            for table, rows in tables.items():
                if rows:
                    conn.execute(insert(table), rows)
            self._after_save(conn, batch)
            stamp = now()
            conn.execute(
                update(s.documents).where(s.documents.c.id == bindparam("doc"))
                .values(extracted_at=stamp, extractor_version=extractor_version),
                [{"doc": d} for d in doc_ids])
            work.insert_ignore(conn, s.analysis_pending, [{"document_id": d} for d in dict.fromkeys(doc_ids)])
            for i in range(0, len(doc_ids), _IN_BATCH):
                conn.execute(delete(s.extraction_claims)
                             .where(s.extraction_claims.c.document_id.in_(doc_ids[i:i + _IN_BATCH])))

    def _after_save(self, conn: Any, batch: Sequence[Any]) -> None:
        """In the saving transaction: the search index follows the new actors and evidence sentences,
        and the analyst's decisions about these documents are applied to their new events."""
        search.index_actors(conn, [a.id for x in batch for a in x.actors])
        if search.is_sqlite(conn):
            ids = [x.document_id for x in batch]
            docs = {r.id: r for r in conn.execute(select(s.documents.c.id, s.documents.c.title, s.documents.c.text)
                                                  .where(s.documents.c.id.in_(ids)))}
            for x in batch:
                d = docs.get(x.document_id)
                if d is not None:
                    search.index_sentences(conn, x.document_id, d.title, d.text,
                                           [(e.id, e.sentence.start, e.sentence.end) for e in x.events])
        for x in batch:
            decisions.apply_document(conn, x.document_id)  # the analyst's corrections outlive re-extraction

    def _extracted(self, conn: Any, doc_ids: list[str]) -> set[str]:
        """Which documents have an extraction to replace? One read instead of five deletes per
        document for the usual case, a document extracted for the first time: extraction rows
        are only ever written together with `extracted_at`, in one transaction. (An id with no
        document row is cleared too, as before: its rows, if any, go.)"""
        seen: dict[str, Any] = {}
        for i in range(0, len(doc_ids), _IN_BATCH):
            q = select(s.documents.c.id, s.documents.c.extracted_at).where(
                s.documents.c.id.in_(doc_ids[i:i + _IN_BATCH]))
            seen.update((r.id, r.extracted_at) for r in conn.execute(q))
        return {d for d in doc_ids if d not in seen or seen[d] is not None}

    def _clear_extraction(self, conn: Any, doc_ids: list[str]) -> None:
        for i in range(0, len(doc_ids), _IN_BATCH):
            chunk = doc_ids[i:i + _IN_BATCH]
            ev_ids = select(s.events.c.id).where(s.events.c.document_id.in_(chunk))
            conn.execute(delete(s.event_actors).where(s.event_actors.c.event_id.in_(ev_ids)))
            for table in (s.event_places, s.events, s.attributions, s.timexes, s.mentions):
                conn.execute(delete(table).where(table.c.document_id.in_(chunk)))

    # ------------------------------------------------------------ work state (store/work.py)
    @staticmethod
    def new_owner() -> str:
        """A fresh id for one run's claims and leases."""
        return work.new_owner()

    def heartbeat(self, owner: str) -> work.Heartbeat:
        """Context manager renewing `owner`'s claims and leases while it is open."""
        return work.Heartbeat(self, owner)

    def claim_extraction(self, owner: str, limit: int, extractor_version: str | None,
                         among: Sequence[str] | None = None) -> list[str]:
        """Claim up to `limit` documents to extract (pending ones, or of `among`) for `owner`."""
        with self._write() as conn:
            return work.claim_pending(conn, owner, limit, extractor_version, among)

    def claimed_by_others(self, owner: str, extractor_version: str | None,
                          among: Sequence[str] | None = None) -> int:
        with self._write() as conn:
            return work.claimed_by_others(conn, owner, among, extractor_version)

    def renew(self, owner: str) -> None:
        with self._write() as conn:
            work.renew(conn, owner)

    def release(self, owner: str) -> None:
        """Give up every claim and lease of `owner` (the end of its run, or its failure)."""
        with self._write() as conn:
            work.release(conn, owner)

    def take_lease(self, name: str, owner: str) -> bool:
        with self._write() as conn:
            return work.take_lease(conn, name, owner)

    def release_lease(self, name: str, owner: str) -> None:
        with self._write() as conn:
            conn.execute(delete(s.leases).where(s.leases.c.name == name, s.leases.c.owner == owner))

    def analysis_pending(self) -> list[str]:
        """Ids of documents extracted since the last analysis that covered them."""
        with self.engine.connect() as conn:
            q = select(s.analysis_pending.c.document_id).order_by(s.analysis_pending.c.document_id)
            return [r[0] for r in conn.execute(q)]

    def analysis_needed(self, doc_ids: Iterable[str]) -> None:
        """Add documents to the pending set: something about them changed (an analyst's decision)."""
        ids = sorted(set(doc_ids))
        if ids:
            with self._write() as conn:
                work.insert_ignore(conn, s.analysis_pending, [{"document_id": d} for d in ids])

    def analysis_done(self, doc_ids: Iterable[str]) -> None:
        """Clear these documents from the pending set, once an analysis that read them has committed."""
        ids = sorted(set(doc_ids))
        with self._write() as conn:
            for i in range(0, len(ids), _IN_BATCH):
                conn.execute(delete(s.analysis_pending)
                             .where(s.analysis_pending.c.document_id.in_(ids[i:i + _IN_BATCH])))

    # ------------------------------------------------------------ queries
    def actors(self) -> list[Actor]:
        with self.engine.connect() as conn:
            aliases: dict[str, list[str]] = {}
            for r in conn.execute(select(s.actor_aliases).order_by(s.actor_aliases.c.alias)):
                aliases.setdefault(r.actor_id, []).append(r.alias)
            return [
                Actor(id=r.id, name=r.name, kind=r.kind, country=r.country, sector=r.sector, aliases=aliases.get(r.id, []))
                for r in conn.execute(select(s.actors).order_by(s.actors.c.id))
            ]

    def get_actor(self, ident: str) -> Actor:
        """By id: one primary-key lookup, not a scan of every actor."""
        with self.engine.connect() as conn:
            r = conn.execute(select(s.actors).where(s.actors.c.id == ident)).first()
            if r is None:
                raise NotFound("actor", ident)
            q = select(s.actor_aliases.c.alias).where(s.actor_aliases.c.actor_id == ident).order_by(s.actor_aliases.c.alias)
            aliases = [a[0] for a in conn.execute(q)]
        return Actor(id=r.id, name=r.name, kind=r.kind, country=r.country, sector=r.sector, aliases=aliases)

    def actor_documents(self) -> dict[str, list[str]]:
        with self.engine.connect() as conn:
            out: dict[str, list[str]] = {}
            q = select(s.mentions.c.actor_id, s.mentions.c.document_id).distinct().order_by(s.mentions.c.document_id)
            for actor_id, doc_id in conn.execute(q):
                if actor_id:
                    out.setdefault(actor_id, []).append(doc_id)
            return out

    def mentions_of_actors(self, actor_ids: Iterable[str]) -> list[Mention]:
        """Every mention of these actor ids, by document and position: one indexed read
        (ix_mentions_actor) instead of the whole table per actor, as an actor's profile needs."""
        ids = sorted(set(actor_ids))
        out: list[Mention] = []
        with self.engine.connect() as conn:
            for i in range(0, len(ids), _IN_BATCH):
                q = select(s.mentions).where(s.mentions.c.actor_id.in_(ids[i:i + _IN_BATCH]))
                out.extend(Mention(r.document_id, r.start, r.end, r.text, r.actor_id, r.role, r.rule)
                           for r in conn.execute(q))
        return sorted(out, key=lambda m: (m.document_id, m.start, m.end, m.actor_id or ""))

    def mentions(self, doc_id: str) -> list[Mention]:
        with self.engine.connect() as conn:
            q = select(s.mentions).where(s.mentions.c.document_id == doc_id).order_by(s.mentions.c.start)
            return [
                Mention(r.document_id, r.start, r.end, r.text, r.actor_id, r.role, r.rule) for r in conn.execute(q)
            ]

    def mentions_by_document(self, doc_ids: Iterable[str]) -> dict[str, list[Mention]]:
        """Mentions of many documents (document id → mentions by start), a few queries in all.

        Analysis needs the mentions of every document with events; one query per
        document was a tenth of a fresh corpus's analysis time.
        """
        ids = sorted(set(doc_ids))
        out: dict[str, list[Mention]] = {d: [] for d in ids}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), _IN_BATCH):
                q = (select(s.mentions).where(s.mentions.c.document_id.in_(ids[i:i + _IN_BATCH]))
                     .order_by(s.mentions.c.document_id, s.mentions.c.start, s.mentions.c.id))
                for r in conn.execute(q):
                    out[r.document_id].append(
                        Mention(r.document_id, r.start, r.end, r.text, r.actor_id, r.role, r.rule))
        return out

    def timexes(self, doc_id: str | None = None) -> list[Timex]:
        q = select(s.timexes).order_by(s.timexes.c.document_id, s.timexes.c.start)
        if doc_id:
            q = q.where(s.timexes.c.document_id == doc_id)
        with self.engine.connect() as conn:
            return [Timex(r.document_id, r.start, r.end, r.text, r.value, r.precision, r.kind) for r in conn.execute(q)]

    def attributions(self, doc_id: str | None = None) -> list[Attribution]:
        q = select(s.attributions).order_by(s.attributions.c.document_id, s.attributions.c.ord)
        if doc_id:
            q = q.where(s.attributions.c.document_id == doc_id)
        with self.engine.connect() as conn:
            return [row_attr(r) for r in conn.execute(q)]

    def events(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        document: str | None = None,
        limit: int | None = None,
        include_rejected: bool = False,
    ) -> list[Event]:
        """Events, filtered, without those an analyst rejected (unless asked). Dates compare as ISO
        strings at their precision."""
        q = select(s.events).order_by(s.events.c.document_id, s.events.c.sent_start, s.events.c.id)
        if not include_rejected:
            q = q.where(decisions.not_rejected())
        if type:
            q = q.where(s.events.c.type == type.upper())
        if status:
            q = q.where(s.events.c.status == status.lower())
        if document:
            q = q.where(starts_with(s.events.c.document_id, document))
        if since:
            q = q.where(s.events.c.date_value >= since)
        if until:
            # "2012" <= until "2012-12-31": compare on the common prefix length.
            q = q.where(s.events.c.date_value <= until + "~")
        if actor:
            sub = select(s.event_actors.c.event_id).where(s.event_actors.c.actor_id == actor)
            q = q.where(s.events.c.id.in_(sub))
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
            ids = [r.id for r in rows]
            roles: dict[str, dict[str, list[str]]] = {}
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                ea = select(s.event_actors).where(s.event_actors.c.event_id.in_(chunk)).order_by(s.event_actors.c.ord)
                for r in conn.execute(ea):
                    roles.setdefault(r.event_id, {"source": [], "target": []})[r.role].append(r.actor_id)
        return [row_event(r, roles.get(r.id, {})) for r in rows]

    def stats(self) -> dict[str, int]:
        return {t: self.count(t) for t in ("documents", "actors", "mentions", "timexes", "attributions", "events")}
