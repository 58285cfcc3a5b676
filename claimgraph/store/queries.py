"""Paged, sorted, filtered lists: the one query layer behind the CLI, the JSON API and the pages.

Every filter, the sort order, `limit`/`offset` and the total count are pushed
into SQL, so a list of ten thousand claims costs one page of rows and one
COUNT, and the three front ends — which all call these through
`claimgraph.api` — cannot disagree about how many there are.

Dates filter by overlap of day intervals (`date_start`/`date_end`, kept
beside each date by the store): "2012" meets `--since 2012-06`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import JSON, Select, String, and_, cast, distinct, func, or_, select

from claimgraph.errors import UsageError
from claimgraph.model import Actor, Document, Event
from claimgraph.store import schema as s
from claimgraph.store.claims import ClaimStore, StoredClaim
from claimgraph.store.decisions import Decision, not_rejected, row_decision
from claimgraph.store.rows import row_doc, row_event
from claimgraph.store.store import DOCUMENT_ID_LEN, Store

T = TypeVar("T")
MAX_LIMIT = 200  # rows per page, whatever a client asks for
DEFAULT_LIMIT = 50


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of a list and the size of the whole list."""

    items: list[T]
    total: int
    limit: int | None
    offset: int

    def meta(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "count": len(self.items)}


@dataclass(slots=True)
class ActorRow:
    """An actor with how many events and documents it (and every id merged into it) has."""

    actor: Actor
    events: int = 0
    merged: list[str] = field(default_factory=list)


def _page(q: Select[Any], limit: int | None, offset: int) -> Select[Any]:
    if offset < 0:
        raise UsageError(f"offset {offset}: must be 0 or more")
    if limit is not None:
        if limit < 1:
            raise UsageError(f"limit {limit}: must be 1 or more")
        q = q.limit(limit)
    return q.offset(offset) if offset else q


def _order(sort: str, keys: dict[str, list[Any]], what: str) -> list[Any]:
    """`sort` is a key of `keys`, `-key` for descending; nulls always last."""
    desc = sort.startswith("-")
    cols = keys.get(sort.lstrip("-"))
    if cols is None:
        raise UsageError(f"cannot sort {what} by {sort!r}; choose from: "
                         + ", ".join(k for key in keys for k in (key, "-" + key)))
    out: list[Any] = []
    for c in cols:
        out += [c.is_(None), c.desc() if desc else c.asc()]
    return out


def _count(conn: Any, q: Select[Any]) -> int:
    return int(conn.execute(select(func.count()).select_from(q.order_by(None).subquery())).scalar_one())


def _overlap(table: Any, lo: str | None, hi: str | None) -> list[Any]:
    conds = []
    if lo:
        conds.append(table.c.date_end >= lo)
    if hi:
        conds.append(table.c.date_start <= hi)
    return conds


# ---------------------------------------------------------------- documents
DOCUMENT_SORTS = {"published": [s.documents.c.published_value], "ingested": [s.documents.c.ingested_at],
                  "title": [s.documents.c.title], "outlet": [s.documents.c.outlet]}


def documents(store: Store, *, sort: str = "-published", outlet: str | None = None, limit: int | None = None,
              offset: int = 0) -> Page[Document]:
    """Documents without their text, newest publication first by default."""
    cols = [c for c in s.documents.c if c.name != "text"]
    q = select(*cols)
    if outlet:
        q = q.where(s.documents.c.outlet == outlet)
    q = q.order_by(*_order(sort, DOCUMENT_SORTS, "documents"), s.documents.c.id)
    with store.engine.connect() as conn:
        total = _count(conn, q)
        rows = conn.execute(_page(q, limit, offset)).all()
    return Page([row_doc(r._mapping) for r in rows], total, limit, offset)


def documents_by_id(store: Store, ids: Sequence[str]) -> dict[str, Document]:
    """Documents (without text) by id: the page's documents in one query, not one each."""
    cols = [c for c in s.documents.c if c.name != "text"]
    wanted = sorted(set(ids))
    out: dict[str, Document] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            for r in conn.execute(select(*cols).where(s.documents.c.id.in_(wanted[i:i + 500]))):
                out[r.id] = row_doc(r._mapping)
    return out


def reporting_period(store: Store) -> tuple[str | None, str | None]:
    """First and last publication date in the corpus: the period its reporting covers."""
    c = s.documents.c.published_value
    with store.engine.connect() as conn:
        lo, hi = conn.execute(select(func.min(c), func.max(c)).where(c.is_not(None))).one()
    return lo, hi


# ---------------------------------------------------------------- events
EVENT_SORTS = {"document": [s.events.c.document_id, s.events.c.sent_start],
               "date": [s.events.c.date_start, s.events.c.date_end], "type": [s.events.c.type]}


def event_query(*, actor_ids: Sequence[str] | None = None, type: str | None = None, status: str | None = None,
                lo: str | None = None, hi: str | None = None, document: str | None = None,
                dated: bool | None = None, excluded: Sequence[str] = (),
                only: Sequence[str] | None = None) -> Select[Any]:
    """The filtered SELECT over events; `excluded` are event ids to leave out (rejected by an analyst),
    `only` the ids to keep (the events a place filter found)."""
    e = s.events.c
    q = select(s.events).where(not_rejected())
    if only is not None:
        q = q.where(e.id.in_(list(only)))
    if type:
        q = q.where(e.type == type.upper())
    if status:
        q = q.where(e.status == status.lower())
    if document:
        q = q.where(e.document_id == document if len(document) >= DOCUMENT_ID_LEN
                    else e.document_id.startswith(document, autoescape=True))
    q = q.where(*_overlap(s.events, lo, hi))
    if dated is True:
        q = q.where(e.date_start.is_not(None))
    elif dated is False:
        q = q.where(e.date_start.is_(None))
    if actor_ids is not None:
        q = q.where(e.id.in_(select(s.event_actors.c.event_id).where(s.event_actors.c.actor_id.in_(list(actor_ids)))))
    if excluded:
        q = q.where(e.id.not_in(list(excluded)))
    return q


def events(store: Store, *, sort: str = "document", limit: int | None = None, offset: int = 0,
           **filters: Any) -> Page[Event]:
    q = event_query(**filters).order_by(*_order(sort, EVENT_SORTS, "events"), s.events.c.id)
    with store.engine.connect() as conn:
        total = _count(conn, q)
        rows = conn.execute(_page(q, limit, offset)).all()
        items = with_roles(conn, rows)
    return Page(items, total, limit, offset)


def with_roles(conn: Any, rows: Sequence[Any]) -> list[Event]:
    """Event rows → Events with their source and target actors (one query per 500 events)."""
    ids = [r.id for r in rows]
    roles: dict[str, dict[str, list[str]]] = {}
    for i in range(0, len(ids), 500):
        ea = (select(s.event_actors).where(s.event_actors.c.event_id.in_(ids[i:i + 500]))
              .order_by(s.event_actors.c.ord))
        for r in conn.execute(ea):
            roles.setdefault(r.event_id, {"source": [], "target": []})[r.role].append(r.actor_id)
    return [row_event(r, roles.get(r.id, {})) for r in rows]


# ---------------------------------------------------------------- actors
def event_counts(conn: Any, excluded: Sequence[str] = (), within: Sequence[str] | None = None) -> dict[str, int]:
    """Distinct events per canonical actor — its own and those of every id merged into it, each
    event once — rejected events left out. One grouped scan of event_actors: joining such a count
    to the actors table made SQLite rescan it once per actor."""
    ea = s.event_actors.c
    cid = func.coalesce(s.actor_merges.c.canonical_id, ea.actor_id)
    q = (select(cid.label("cid"), func.count(distinct(ea.event_id)).label("n"))
         .select_from(s.event_actors.outerjoin(s.actor_merges, s.actor_merges.c.actor_id == ea.actor_id))
         .where(ea.event_id.not_in(select(s.events.c.id).where(s.events.c.review == "rejected"))))
    if excluded:
        q = q.where(ea.event_id.not_in(list(excluded)))
    if within is not None:
        q = q.where(cid.in_(list(within)))
    return {r.cid: int(r.n) for r in conn.execute(q.group_by(cid))}


ACTOR_SORTS = {"name": [func.lower(s.actors.c.name)], "id": [s.actors.c.id], "kind": [s.actors.c.kind]}


def actors(store: Store, *, q: str | None = None, kind: str | None = None, canonical_only: bool = True,
           sort: str = "name", limit: int | None = None, offset: int = 0,
           excluded: Sequence[str] = ()) -> Page[ActorRow]:
    """Actors matching `q` (in id, name or any alias, case-insensitive); merged-away ids left out.

    Sort "events" (busiest first with "-events") counts every event of the actor
    and of the ids merged into it, once — the ranking the overview and
    `claimgraph summary` both show. That order is made from one grouped count
    and the filtered ids (cheap columns), then only the page's rows are read.
    """
    keys = {**ACTOR_SORTS, "events": []}
    _order(sort, {k: v or [s.actors.c.id] for k, v in keys.items()}, "actors")  # validates `sort`
    stmt = select(s.actors)
    if canonical_only:
        merged_away = select(s.actor_merges.c.actor_id).where(s.actor_merges.c.canonical_id != s.actor_merges.c.actor_id)
        stmt = stmt.where(s.actors.c.id.not_in(merged_away))
    if kind:
        stmt = stmt.where(s.actors.c.kind == kind)
    if q and q.strip():
        like = "%" + q.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        in_alias = select(s.actor_aliases.c.actor_id).where(func.lower(s.actor_aliases.c.alias).like(like, escape="\\"))
        stmt = stmt.where(or_(func.lower(s.actors.c.name).like(like, escape="\\"),
                              func.lower(s.actors.c.id).like(like, escape="\\"), s.actors.c.id.in_(in_alias)))
    with store.engine.connect() as conn:
        if sort.lstrip("-") == "events":
            counts = event_counts(conn, excluded)
            ids = [r[0] for r in conn.execute(stmt.with_only_columns(s.actors.c.id))]
            sign = -1 if sort.startswith("-") else 1
            ids.sort(key=lambda i: (sign * counts.get(i, 0), i))
            total = len(ids)
            page_ids = ids[offset:offset + limit if limit is not None else None]
            by_id = {r.id: r for r in conn.execute(select(s.actors).where(s.actors.c.id.in_(page_ids)))}
            rows = [by_id[i] for i in page_ids if i in by_id]
        else:
            stmt = stmt.order_by(*_order(sort, keys, "actors"), s.actors.c.id)
            total = _count(conn, stmt)
            rows = conn.execute(_page(stmt, limit, offset)).all()
            counts = event_counts(conn, excluded, within=[r.id for r in rows])
        ids = [r.id for r in rows]
        aliases: dict[str, list[str]] = {}
        merged: dict[str, list[str]] = {}
        if ids:
            for r in conn.execute(select(s.actor_aliases).where(s.actor_aliases.c.actor_id.in_(ids))
                                  .order_by(s.actor_aliases.c.alias)):
                aliases.setdefault(r.actor_id, []).append(r.alias)
            for r in conn.execute(select(s.actor_merges).where(and_(s.actor_merges.c.canonical_id.in_(ids),
                                                                    s.actor_merges.c.actor_id != s.actor_merges.c.canonical_id))
                                  .order_by(s.actor_merges.c.actor_id)):
                merged.setdefault(r.canonical_id, []).append(r.actor_id)
    items = [ActorRow(Actor(id=r.id, name=r.name, kind=r.kind, country=r.country, sector=r.sector,
                            aliases=aliases.get(r.id, [])), counts.get(r.id, 0), merged.get(r.id, [])) for r in rows]
    return Page(items, total, limit, offset)


def busiest_actors(store: Store, top: int = 10, excluded: Sequence[str] = ()) -> list[ActorRow]:
    return actors(store, sort="-events", limit=top, excluded=excluded).items


def actor_ids_matching(store: Store, text: str) -> list[str]:
    """Exact id, else exact name or alias (case-insensitive): the ids a user means by `text`."""
    wanted = text.strip().lower()
    with store.engine.connect() as conn:
        hit = conn.execute(select(s.actors.c.id).where(s.actors.c.id == text.strip())).first()
        if hit:
            return [hit[0]]
        rows = conn.execute(select(s.actors.c.id).where(func.lower(s.actors.c.id) == wanted)).all()
        if not rows:
            rows = conn.execute(select(s.actors.c.id).where(func.lower(s.actors.c.name) == wanted).union(
                select(s.actor_aliases.c.actor_id).where(func.lower(s.actor_aliases.c.alias) == wanted))).all()
    return sorted({r[0] for r in rows})


def actor_names(store: Store) -> list[tuple[str, str]]:
    """(id, spelling) for every name and alias: what did-you-mean suggestions are drawn from."""
    with store.engine.connect() as conn:
        out = [(r.id, r.name) for r in conn.execute(select(s.actors.c.id, s.actors.c.name))]
        out += [(r.actor_id, r.alias) for r in conn.execute(select(s.actor_aliases))]
    return out


# ---------------------------------------------------------------- claims
def _n_sources(store: Store) -> Any:
    col = s.claims.c.independent_sources
    return func.json_array_length(col if store.engine.dialect.name == "sqlite" else cast(col, JSON))


def claim_filter(store: Store, *, type: str | None = None, status: str | None = None,
                 min_grade: str | None = None, lo: str | None = None, hi: str | None = None,
                 actor_ids: Sequence[str] | None = None, event_ids: Sequence[str] | None = None) -> list[Any]:
    """WHERE conditions on `claims` for the ledger's filters (shared by the ledger and the graph);
    `event_ids`: only claims with one of these events among their evidence (a place filter's events)."""
    c = s.claims.c
    conds: list[Any] = []
    if type:
        conds.append(c.type == type.upper())
    if status:
        conds.append(or_(c.status == status, c.presentations.contains(f': "{status}"', autoescape=True)))
    if min_grade:
        letter, digit = min_grade[:1].upper(), min_grade[1:]
        if not letter or letter not in "ABCDEF" or (digit and not (digit.isdigit() and 1 <= int(digit) <= 6)):
            raise UsageError(f"grade {min_grade!r}: a letter A–F and a digit 1–6, e.g. B2")
        conds.append(c.reliability.in_(list("ABCDEF"[:"ABCDEF".index(letter) + 1])))
        if digit:
            conds.append(c.credibility <= int(digit))
    conds += _overlap(s.claims, lo, hi)
    if actor_ids is not None:
        conds.append(c.id.in_(select(s.claim_actors.c.claim_id).where(
            s.claim_actors.c.actor_id.in_(list(actor_ids)), s.claim_actors.c.role == "party")))
    if event_ids is not None:
        conds.append(c.id.in_(select(s.claim_events.c.claim_id).where(s.claim_events.c.event_id.in_(list(event_ids)))))
    return conds


def claims(store: Store, *, sort: str = "support", limit: int | None = None, offset: int = 0,
           **filters: Any) -> Page[StoredClaim]:
    """The claim ledger. `status` matches the claim's status or how any outlet presented it;
    `min_grade` "B2" admits A1…B2 (letter and digit both at least as good); sort "support" is
    best-supported first: credibility, reliability, then more independent sources."""
    c = s.claims.c
    q = select(c.id).where(*claim_filter(store, **filters))
    keys = {"support": [c.credibility, c.reliability, -_n_sources(store)],
            "date": [c.date_start, c.date_end], "reported": [c.reported], "type": [c.type]}
    q = q.order_by(*_order(sort, keys, "claims"), c.id)
    with store.engine.connect() as conn:
        total = _count(conn, q)
        ids = [r[0] for r in conn.execute(_page(q, limit, offset))]
    by_id = {sc.claim.id: sc for sc in ClaimStore(store).claims(ids)}
    return Page([by_id[i] for i in ids if i in by_id], total, limit, offset)


def claim_rows(store: Store, **filters: Any) -> list[StoredClaim]:
    """Every claim passing the filters, read in one query without its events and links: what an
    order computed outside SQL (analysis/track.py's ledger order) needs, before one page is hydrated."""
    import json

    from claimgraph.model import Claim, Grade

    c = s.claims.c
    # the two keys of `info` the ledger order reads, extracted by the database: `info` holds
    # intervals and sentences, and decoding all of it for thousands of claims was most of a page's time
    keys = [_json_key(store, c.info, k).label(k) for k in ("context", "specific")]
    q = (select(c.id, c.type, c.reasons, c.independent_sources, c.reliability, c.credibility, *keys)
         .where(*claim_filter(store, **filters)).order_by(c.id))
    with store.engine.connect() as conn:
        return [StoredClaim(Claim(id=r.id, type=r.type, independent_sources=json.loads(r.independent_sources),
                                  grade=Grade(r.reliability, r.credibility, json.loads(r.reasons))),
                            "", info={"context": _truthy(r.context), "specific": int(_num(r.specific))})
                for r in conn.execute(q)]


def _json_key(store: Store, col: Any, key: str) -> Any:
    if store.engine.dialect.name == "sqlite":
        return func.json_extract(col, f"$.{key}")
    return cast(col, JSON)[key].as_string()


def _truthy(value: Any) -> bool:
    return value not in (None, 0, "0", "", "false", "null", "[]", "{}", False)


def _num(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 1.0 if _truthy(value) else 0.0


def claims_by_ids(store: Store, ids: Sequence[str]) -> list[StoredClaim]:
    """These claims, whole (events and links), in the order given."""
    by_id = {sc.claim.id: sc for sc in ClaimStore(store).claims(ids)}
    return [by_id[i] for i in ids if i in by_id]


@dataclass(slots=True)
class EdgeRow:
    """What the aggregated graph needs of a claim (or an event): no text, no links."""

    id: str
    type: str
    source: list[str]
    target: list[str]
    sources: list[str]  # independent sources (outlets), or the document for an event
    reliability: str | None
    credibility: int | None
    date: str | None


def claim_edge_rows(store: Store, **filters: Any) -> list[EdgeRow]:
    """Every claim passing the filters, as light rows (one query)."""
    import json

    c = s.claims.c
    q = (select(c.id, c.type, c.source, c.target, c.independent_sources, c.reliability, c.credibility,
                c.date_value).where(*claim_filter(store, **filters)).order_by(c.id))
    with store.engine.connect() as conn:
        return [EdgeRow(r.id, r.type, json.loads(r.source), json.loads(r.target), json.loads(r.independent_sources),
                        r.reliability, r.credibility, r.date_value) for r in conn.execute(q)]


def event_edge_rows(store: Store, *, type: str | None = None, status: str | None = None, lo: str | None = None,
                    hi: str | None = None, actor_ids: Sequence[str] | None = None) -> list[EdgeRow]:
    """Events as light rows, for the graph before analysis has made claims."""
    with store.engine.connect() as conn:
        rows = conn.execute(event_query(type=type, status=status, lo=lo, hi=hi, actor_ids=actor_ids)
                            .order_by(s.events.c.id)).all()
        evs = with_roles(conn, rows)
    return [EdgeRow(e.id, e.type, e.source, e.target, [e.document_id], None, None,
                    e.date.value if e.date else None) for e in evs]


# ---------------------------------------------------------------- tallies
TALLIES = {("events", "type"): s.events.c.type, ("events", "status"): s.events.c.status,
           ("claims", "grade"): s.claims.c.reliability + cast(s.claims.c.credibility, String),
           ("events", "document"): s.events.c.document_id}


def tally(store: Store, what: str, by: str, within: Sequence[str] | None = None) -> dict[str, int]:
    """Rows per value, largest first, counted by the database (events by type, claims by grade, …);
    `within` narrows an events-by-document tally to those documents."""
    col = TALLIES[(what, by)]
    q = select(col.label("k"), func.count().label("n")).group_by(col).order_by(func.count().desc(), col)
    if within is not None:
        q = q.where(s.events.c.document_id.in_(list(within)))
    if what == "events":
        q = q.where(not_rejected())
    with store.engine.connect() as conn:
        return {str(r.k): int(r.n) for r in conn.execute(q)}


def link_count(store: Store) -> int:
    return store.count("claim_links")


def decisions(store: Store, *, action: str | None = None, limit: int | None = None,
              offset: int = 0) -> Page[Decision]:
    """The audit list: every analyst decision, newest first."""
    q = select(s.decisions)
    if action:
        q = q.where(s.decisions.c.action == action)
    q = q.order_by(s.decisions.c.id.desc())
    with store.engine.connect() as conn:
        total = _count(conn, q)
        rows = conn.execute(_page(q, limit, offset)).all()
    return Page([row_decision(r) for r in rows], total, limit, offset)


def reviews(store: Store, doc_id: str) -> dict[str, str]:
    """Event id → the analyst's verdict (confirmed / rejected) for one document's reviewed events."""
    e = s.events.c
    with store.engine.connect() as conn:
        return {r.id: r.review for r in conn.execute(select(e.id, e.review).where(e.document_id == doc_id,
                                                                                   e.review.is_not(None)))}


def record_decision(store: Store, d: Decision) -> Decision:
    """Store (and, for an event, apply) one analyst decision in its own transaction."""
    from claimgraph.store.decisions import record

    with store.engine.begin() as conn:
        return record(conn, d)


def event_anchor(store: Store, event_id: str) -> dict[str, Any] | None:
    from claimgraph.store.decisions import anchor_of

    with store.engine.connect() as conn:
        return anchor_of(conn, event_id)


def claims_of_events(store: Store, event_ids: Sequence[str]) -> dict[str, str]:
    """Event id → the claim it is evidence for (one indexed query, not every claim loaded)."""
    ids = sorted(set(event_ids))
    out: dict[str, str] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            q = select(s.claim_events).where(s.claim_events.c.event_id.in_(ids[i:i + 500]))
            out.update((r.event_id, r.claim_id) for r in conn.execute(q))
    return out


_SENTENCES: dict[tuple[str, str, int, int], str] = {}  # (store url, doc, start, end) → text; documents never change


def sentences(store: Store, spans: Sequence[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
    """Evidence sentences cut out by the database (substr), so a page of claims never loads whole articles.
    A document's text never changes (its id is its hash), so cut sentences are kept (a bounded cache)."""
    out: dict[tuple[str, int, int], str] = {}
    for sp in set(spans):
        hit = _SENTENCES.get((store.url, *sp))
        if hit is not None:
            out[sp] = hit
    wanted = sorted(set(spans) - set(out))
    with store.engine.connect() as conn:
        for doc, start, end in wanted:
            q = select(func.substr(s.documents.c.text, start + 1, end - start)).where(s.documents.c.id == doc)
            out[(doc, start, end)] = conn.execute(q).scalar() or ""
    if len(_SENTENCES) > 50_000:
        _SENTENCES.clear()
    _SENTENCES.update(((store.url, *k), v) for k, v in out.items())
    return out


def actors_by_id(store: Store, ids: Sequence[str]) -> dict[str, Actor]:
    """Actor records (without aliases) for many ids in one query per 500: the names a page shows."""
    wanted = sorted(set(ids))
    out: dict[str, Actor] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            for r in conn.execute(select(s.actors).where(s.actors.c.id.in_(wanted[i:i + 500]))):
                out[r.id] = Actor(id=r.id, name=r.name, kind=r.kind, country=r.country, sector=r.sector)
    return out
