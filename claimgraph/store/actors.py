"""The actors table as a function of every document's view of each actor.

Each document's extraction says what an actor is called and what it is
("Idriss Déby", a person, of Chad). Articles disagree — on spelling, on
whether "Boko Haram" is a person or an organisation — and the stored row
used to keep whatever the first document saved said, so two runs over the
same corpus could differ with read timing. Here each document's view is
kept (`document_actors`), tallied per field and value (`actor_votes`), and
the row is chosen by a fixed rule over the tallies (`choose`), so it depends
on the set of documents only: not on their order, nor on the workers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, insert, select, tuple_, update

from claimgraph.model import Actor
from claimgraph.store import schema as s
from claimgraph.store.rows import actor_row

FIELDS = ("name", "kind", "country", "sector")
_IN_BATCH = 400


def merge_views(actors: Iterable[Actor]) -> dict[str, Actor]:
    """One view per actor id within a document: the first spelling, gaps filled, aliases united."""
    out: dict[str, Actor] = {}
    for a in actors:
        old = out.get(a.id)
        if old is None:
            out[a.id] = Actor(a.id, a.name, a.kind, a.country, a.sector, list(a.aliases))
            continue
        if old.kind == "unknown":
            old.kind = a.kind
        old.country = old.country or a.country
        old.sector = old.sector or a.sector
        old.aliases = list(dict.fromkeys([*old.aliases, a.name, *a.aliases]))
    return out


def _votes(view: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, value) pairs one document casts for one actor."""
    out = [("name", view["name"]), ("kind", view["kind"])]
    out += [(f, view[f]) for f in ("country", "sector") if view[f]]
    aliases = [view["name"], *json.loads(view["aliases"] or "[]")]
    out += [("alias", a) for a in dict.fromkeys(aliases) if a]
    return out


def _tally(conn: Connection, changes: dict[tuple[str, str, str], int]) -> None:
    """Apply +n/-n to vote counts in a few statements; counts that reach zero are removed.

    One read of the affected actors' tallies, then one bulk insert, update
    and delete: a per-vote statement would be some sixty round trips per
    saved document.
    """
    changes = {k: n for k, n in changes.items() if n}
    if not changes:
        return
    ids = sorted({a for a, _f, _v in changes})
    have: dict[tuple[str, str, str], int] = {}
    for i in range(0, len(ids), _IN_BATCH):
        q = select(s.actor_votes).where(s.actor_votes.c.actor_id.in_(ids[i:i + _IN_BATCH]))
        have.update(((r.actor_id, r.field, r.value), r.n) for r in conn.execute(q))
    new, changed, gone = [], [], []
    for key, n in sorted(changes.items()):
        total = have.get(key, 0) + n
        row = {"a": key[0], "f": key[1], "v": key[2], "cnt": total}
        if total <= 0:
            if key in have:
                gone.append(row)
        elif key in have:
            changed.append(row)
        else:
            new.append({"actor_id": key[0], "field": key[1], "value": key[2], "n": total})
    where = and_(s.actor_votes.c.actor_id == bindparam("a"), s.actor_votes.c.field == bindparam("f"),
                 s.actor_votes.c.value == bindparam("v"))
    if gone:
        conn.execute(delete(s.actor_votes).where(where), gone)
    if changed:
        conn.execute(update(s.actor_votes).where(where).values(n=bindparam("cnt")), changed)
    if new:
        conn.execute(insert(s.actor_votes), new)


def replace_views(conn: Connection, doc_id: str, actors: Iterable[Actor], replacing: bool) -> set[str]:
    """Store a document's views of its actors (dropping its old ones); returns the actor ids affected.

    Must run inside the transaction that saves the document's extraction, and
    one writer at a time per store (the caller holds the write lock), because
    the vote counts are read-modify-write.
    """
    changes: dict[tuple[str, str, str], int] = {}
    affected: set[str] = set()
    if replacing:
        for r in conn.execute(select(s.document_actors).where(s.document_actors.c.document_id == doc_id)):
            affected.add(r.actor_id)
            for field, value in _votes(r._mapping):
                changes[(r.actor_id, field, value)] = changes.get((r.actor_id, field, value), 0) - 1
        conn.execute(delete(s.document_actors).where(s.document_actors.c.document_id == doc_id))
    rows = []
    for a in merge_views(actors).values():
        row = {"document_id": doc_id, "actor_id": a.id, "name": a.name, "kind": a.kind or "unknown",
               "country": a.country, "sector": a.sector,
               "aliases": json.dumps([x for x in dict.fromkeys(a.aliases) if x and x != a.name], ensure_ascii=False)}
        rows.append(row)
        affected.add(a.id)
        for field, value in _votes(row):
            changes[(a.id, field, value)] = changes.get((a.id, field, value), 0) + 1
    if rows:
        conn.execute(insert(s.document_actors), rows)
    _tally(conn, changes)
    return affected


def _best(counts: dict[str, int], skip: tuple[str | None, ...] = ()) -> str | None:
    """The value most documents give; ties go to the longer, then the first in code-point order.

    Longer first because a tie between "Silk Way" and "Silk Way Airlines"
    under one id is best resolved by the fuller name; code-point order makes
    the last tie-break independent of everything but the values themselves.
    """
    candidates = [(-n, -len(v), v) for v, n in counts.items() if v not in skip and n > 0]
    return min(candidates)[2] if candidates else None


def choose(actor_id: str, votes: Mapping[str, dict[str, int]]) -> Actor | None:
    """The actor row from its vote tallies (field → value → documents); None when no document names it."""
    name = _best(votes.get("name", {}))
    if name is None:
        return None
    aliases = sorted(v for v, n in votes.get("alias", {}).items() if n > 0)
    return Actor(id=actor_id, name=name, kind=_best(votes.get("kind", {}), skip=("unknown",)) or "unknown",
                 country=_best(votes.get("country", {})), sector=_best(votes.get("sector", {})), aliases=aliases)


def refresh(conn: Connection, actor_ids: Iterable[str]) -> None:
    """Rewrite the actors and actor_aliases rows of these ids from their votes.

    Only rows whose values change are written. An id that no document names
    any more (its only document was re-extracted without it) is removed: a
    fresh run over the same documents would not have it either.
    """
    ids = sorted(set(actor_ids))
    for i in range(0, len(ids), _IN_BATCH):
        chunk = ids[i:i + _IN_BATCH]
        votes: dict[str, dict[str, dict[str, int]]] = {a: {} for a in chunk}
        for r in conn.execute(select(s.actor_votes).where(s.actor_votes.c.actor_id.in_(chunk))):
            votes[r.actor_id].setdefault(r.field, {})[r.value] = r.n
        old = {r.id: r for r in conn.execute(select(s.actors).where(s.actors.c.id.in_(chunk)))}
        old_aliases: dict[str, set[str]] = {}
        for r in conn.execute(select(s.actor_aliases).where(s.actor_aliases.c.actor_id.in_(chunk))):
            old_aliases.setdefault(r.actor_id, set()).add(r.alias)
        new_rows, new_aliases, gone_aliases = [], [], []
        for actor_id in chunk:
            actor = choose(actor_id, votes[actor_id])
            want = set(actor.aliases) if actor else set()
            have = old_aliases.get(actor_id, set())
            gone_aliases += [(actor_id, a) for a in sorted(have - want)]
            new_aliases += [{"actor_id": actor_id, "alias": a} for a in sorted(want - have)]
            if actor is None:
                continue
            row = actor_row(actor)
            if actor_id not in old:
                new_rows.append(row)
            elif any(old[actor_id]._mapping[f] != row[f] for f in FIELDS):
                conn.execute(update(s.actors).where(s.actors.c.id == actor_id)
                             .values(**{f: row[f] for f in FIELDS}))
        if gone_aliases:
            conn.execute(delete(s.actor_aliases).where(
                tuple_(s.actor_aliases.c.actor_id, s.actor_aliases.c.alias).in_(gone_aliases)))
        gone = [a for a in chunk if a in old and not votes[a]]
        if gone:
            conn.execute(delete(s.actors).where(s.actors.c.id.in_(gone)))
        if new_rows:
            conn.execute(insert(s.actors), new_rows)
        if new_aliases:
            conn.execute(insert(s.actor_aliases), new_aliases)


def backfill(conn: Connection) -> None:
    """Migration 5 on a store extracted before views were kept: each extracted
    document's view of an actor it names is taken to be the stored row, so the
    derived rows stay what they were until documents are re-extracted.
    A store that already keeps views (the migration run again) is left alone."""
    if conn.execute(select(s.document_actors.c.document_id).limit(1)).first() is not None:
        return
    actors = {r.id: r for r in conn.execute(select(s.actors))}
    aliases: dict[str, list[str]] = {}
    for r in conn.execute(select(s.actor_aliases).order_by(s.actor_aliases.c.alias)):
        aliases.setdefault(r.actor_id, []).append(r.alias)
    pairs = set(conn.execute(select(s.mentions.c.document_id, s.mentions.c.actor_id).distinct()).all())
    q = (select(s.events.c.document_id, s.event_actors.c.actor_id).distinct()
         .join(s.event_actors, s.event_actors.c.event_id == s.events.c.id))
    pairs |= set(conn.execute(q).all())
    changes: dict[tuple[str, str, str], int] = {}
    rows = []
    for doc_id, actor_id in sorted(p for p in pairs if p[1] in actors):
        a = actors[actor_id]
        row = {"document_id": doc_id, "actor_id": actor_id, "name": a.name, "kind": a.kind, "country": a.country,
               "sector": a.sector, "aliases": json.dumps(aliases.get(actor_id, []), ensure_ascii=False)}
        rows.append(row)
        for field, value in _votes(row):
            changes[(actor_id, field, value)] = changes.get((actor_id, field, value), 0) + 1
    for i in range(0, len(rows), 500):
        conn.execute(insert(s.document_actors), rows[i:i + 500])
    vote_rows = [{"actor_id": a, "field": f, "value": v, "n": n} for (a, f, v), n in sorted(changes.items())]
    for i in range(0, len(vote_rows), 500):
        conn.execute(insert(s.actor_votes), vote_rows[i:i + 500])
