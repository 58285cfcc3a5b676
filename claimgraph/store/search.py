"""Full-text search over documents, evidence sentences and actor names.

One store function, two engines: SQLite keeps an FTS5 table (`search_index`)
that the Store fills as documents, extractions and actors are saved;
PostgreSQL searches the base tables with its own `to_tsvector` /
`websearch_to_tsquery`. Both return the same `Hit` records.

Article text is hostile. The user's query never reaches FTS5's query
language as written: it is cut into words and quoted phrases, each quoted,
so no input is a syntax error or an operator. Highlights come back wrapped
in two private-use characters (stripped from indexed text first, so an
article cannot forge them); the web layer escapes the text and only then
turns the markers into <mark>.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, column, func, select, text

from claimgraph.store import schema as s

OPEN, CLOSE = "\ue000", "\ue001"
KINDS = ("document", "sentence", "actor")
MAX_QUERY = 200  # characters: a search box, not a document
_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class Hit:
    """One match: what it is, which record, where to read it, and a highlighted snippet."""

    kind: str  # document | sentence | actor
    ref: str  # document id, event id or actor id
    document_id: str | None
    title: str
    snippet: str  # text with OPEN/CLOSE around the matched words
    start: int | None = None  # sentence offset in its document

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "ref": self.ref, "document": self.document_id, "title": self.title,
                "snippet": self.snippet, "start": self.start}


def clean(value: str | None) -> str:
    """Indexed text without our marker characters, so only the engine can place them."""
    return (value or "").replace(OPEN, " ").replace(CLOSE, " ")


def terms(query: str) -> list[str]:
    """The query as words and phrases: `"air strike" Kyiv` → ['air strike', 'Kyiv']."""
    out = []
    for phrase, word in _TERM.findall(query[:MAX_QUERY]):
        words = _WORD.findall(phrase or word)
        if words:
            out.append(" ".join(words))
    return out


def fts5_query(query: str) -> str:
    """Every term as a quoted FTS5 string (all must match): no operator or syntax survives."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms(query))


def is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


# ---------------------------------------------------------------- the index (SQLite)
def create_index(conn: Connection) -> None:
    """The FTS5 table and, for an existing store, its contents (migration 5)."""
    if not is_sqlite(conn):
        conn.execute(text(
            "CREATE INDEX IF NOT EXISTS ix_documents_fts ON documents USING gin "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text))"))
        return
    conn.execute(text(
        "CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5("
        "kind UNINDEXED, ref UNINDEXED, document_id UNINDEXED, start UNINDEXED, title, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"))
    conn.execute(text("DELETE FROM search_index"))
    docs = conn.execute(text("SELECT id, title, text FROM documents")).all()
    index_documents(conn, [(d.id, d.title, d.text) for d in docs])
    for d in docs:
        rows = conn.execute(text("SELECT id, sent_start, sent_end FROM events WHERE document_id = :d"),
                            {"d": d.id}).all()
        index_sentences(conn, d.id, d.title, d.text, [(r.id, r.sent_start, r.sent_end) for r in rows])
    ids = [r[0] for r in conn.execute(text("SELECT id FROM actors"))]
    index_actors(conn, ids)


def index_documents(conn: Connection, docs: Iterable[tuple[str, str | None, str]]) -> None:
    if not is_sqlite(conn):
        return
    rows = [{"ref": i, "title": clean(t), "body": clean(body)} for i, t, body in docs]
    if rows:
        conn.execute(text("INSERT INTO search_index (kind, ref, document_id, start, title, body) "
                          "VALUES ('document', :ref, :ref, NULL, :title, :body)"), rows)


def index_sentences(conn: Connection, doc_id: str, title: str | None, doc_text: str,
                    events: Iterable[tuple[str, int, int]]) -> None:
    """A document's evidence sentences, replacing the old ones; one row per sentence
    (several events in one sentence are one hit, linked to the first)."""
    if not is_sqlite(conn):
        return
    conn.execute(text("DELETE FROM search_index WHERE kind = 'sentence' AND document_id = :d"), {"d": doc_id})
    seen: dict[tuple[int, int], str] = {}
    for ev_id, start, end in sorted(events, key=lambda e: (e[1], e[0])):
        seen.setdefault((start, end), ev_id)
    rows = [{"ref": ev, "doc": doc_id, "start": s, "title": clean(title), "body": clean(doc_text[s:e])}
            for (s, e), ev in seen.items()]
    if rows:
        conn.execute(text("INSERT INTO search_index (kind, ref, document_id, start, title, body) "
                          "VALUES ('sentence', :ref, :doc, :start, :title, :body)"), rows)


def index_actors(conn: Connection, actor_ids: Iterable[str]) -> None:
    """(Re)index actors by name and every alias, read back from the tables."""
    if not is_sqlite(conn):
        return
    ids = sorted(set(actor_ids))
    drop = text("DELETE FROM search_index WHERE kind = 'actor' AND ref IN :ids").bindparams(
        bindparam("ids", expanding=True))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        conn.execute(drop, {"ids": chunk})
        names = {r.id: r.name for r in conn.execute(select(s.actors.c.id, s.actors.c.name)
                                                    .where(s.actors.c.id.in_(chunk)))}
        aliases: dict[str, list[str]] = {}
        for r in conn.execute(select(s.actor_aliases).where(s.actor_aliases.c.actor_id.in_(chunk))
                              .order_by(s.actor_aliases.c.alias)):
            aliases.setdefault(r.actor_id, []).append(r.alias)
        rows = [{"ref": a, "title": clean(n), "body": clean(" ; ".join(x for x in aliases.get(a, []) if x != n))}
                for a, n in names.items()]
        if rows:
            conn.execute(text("INSERT INTO search_index (kind, ref, document_id, start, title, body) "
                              "VALUES ('actor', :ref, NULL, NULL, :title, :body)"), rows)


def drop_document(conn: Connection, doc_id: str) -> None:
    if is_sqlite(conn):
        conn.execute(text("DELETE FROM search_index WHERE document_id = :d"), {"d": doc_id})


# ---------------------------------------------------------------- the query
def search(conn: Connection, query: str, kinds: Iterable[str] = KINDS, limit: int = 20,
           offset: int = 0) -> tuple[list[Hit], int]:
    """Hits best first, and how many there are in all."""
    kinds = [k for k in kinds if k in KINDS]
    if not terms(query) or not kinds:
        return [], 0
    if is_sqlite(conn):
        return _sqlite(conn, query, kinds, limit, offset)
    return _postgres(conn, query, kinds, limit, offset)


_SQLITE_COUNT = text("SELECT count(*) FROM search_index WHERE search_index MATCH :q AND kind IN :kinds")
_SQLITE_HITS = text(
    "SELECT kind, ref, document_id, start, highlight(search_index, 4, :o, :c) AS title, "
    "snippet(search_index, 5, :o, :c, '…', 24) AS snip "
    "FROM search_index WHERE search_index MATCH :q AND kind IN :kinds "
    "ORDER BY rank, ref LIMIT :lim OFFSET :off")


def _sqlite(conn: Connection, query: str, kinds: list[str], limit: int, offset: int) -> tuple[list[Hit], int]:
    params: dict[str, Any] = {"q": fts5_query(query), "kinds": kinds, "lim": limit, "off": offset,
                              "o": OPEN, "c": CLOSE}
    expand = bindparam("kinds", expanding=True)
    total = int(conn.execute(_SQLITE_COUNT.bindparams(expand), params).scalar_one())
    rows = conn.execute(_SQLITE_HITS.bindparams(expand), params).all()
    return [Hit(r.kind, r.ref, r.document_id, r.title or "", r.snip or "",
                int(r.start) if r.start is not None else None) for r in rows], total


# PostgreSQL: the three kinds as one UNION, narrowed by `kind IN :kinds` outside it.
_PG_HITS = (
    "(SELECT 'document' AS kind, d.id AS ref, d.id AS document_id, NULL::int AS start, "
    "coalesce(d.title, '') AS title, ts_headline('english', d.text, wq, :opts) AS snip, "
    "ts_rank(to_tsvector('english', coalesce(d.title, '') || ' ' || d.text), wq) AS score "
    "FROM documents d, websearch_to_tsquery('english', :q) wq "
    "WHERE to_tsvector('english', coalesce(d.title, '') || ' ' || d.text) @@ wq) "
    "UNION ALL "
    "(SELECT DISTINCT ON (e.document_id, e.sent_start) 'sentence', e.id, e.document_id, e.sent_start, "
    "coalesce(d.title, ''), ts_headline('english', substr(d.text, e.sent_start + 1, "
    "e.sent_end - e.sent_start), wq, :opts), "
    "ts_rank(to_tsvector('english', substr(d.text, e.sent_start + 1, e.sent_end - e.sent_start)), wq) "
    "FROM events e JOIN documents d ON d.id = e.document_id, websearch_to_tsquery('english', :q) wq "
    "WHERE to_tsvector('english', substr(d.text, e.sent_start + 1, e.sent_end - e.sent_start)) @@ wq "
    "ORDER BY e.document_id, e.sent_start, e.id) "
    "UNION ALL "
    "(SELECT 'actor', a.id, NULL, NULL::int, ts_headline('simple', a.name, wq, :opts), "
    "coalesce((SELECT string_agg(al.alias, ' ; ') FROM actor_aliases al WHERE al.actor_id = a.id "
    "AND al.alias <> a.name), ''), 1.0 "
    "FROM actors a, websearch_to_tsquery('simple', :q) wq "
    "WHERE to_tsvector('simple', a.name || ' ' || coalesce((SELECT string_agg(al.alias, ' ') "
    "FROM actor_aliases al WHERE al.actor_id = a.id), '')) @@ wq)"
)


def _postgres(conn: Connection, query: str, kinds: list[str], limit: int, offset: int) -> tuple[list[Hit], int]:
    """The same hits from PostgreSQL's own full-text search over the base tables."""
    q = " ".join(f'"{t}"' if " " in t else t for t in terms(query))
    params = {"q": q, "opts": f"StartSel={OPEN}, StopSel={CLOSE}, MaxWords=40, MinWords=12"}
    hits = text(_PG_HITS).columns(*(column(c) for c in ("kind", "ref", "document_id", "start", "title", "snip",
                                                          "score"))).subquery("u")
    wanted = hits.c.kind.in_(kinds)
    total = int(conn.execute(select(func.count()).select_from(hits).where(wanted), params).scalar_one())
    page = select(hits).where(wanted).order_by(hits.c.score.desc(), hits.c.ref).limit(limit).offset(offset)
    rows = conn.execute(page, params).all()
    return [Hit(r.kind, r.ref, r.document_id, r.title or "", r.snip or "",
                int(r.start) if r.start is not None else None) for r in rows], total
