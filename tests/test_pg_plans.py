"""PostgreSQL's plans for the actor, dyad, document and page queries use indexes, not a scan of the table.

Method: a store with enough rows that a scan is really the dearer plan
(300 documents and 12,000 events over 600 actors, 48,000 claims and links over 2,400
actors, ANALYZEd), then
every statement the public call issues — captured from the engine as it runs,
so the test checks the SQL the CLI, API and pages really send — is run again
under EXPLAIN, and no plan may contain a `Seq Scan` on the event, claim or
document tables. The planner is left free (no `enable_seqscan=off`): a
missing index shows up as the scan the planner then has to choose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event, text

from claimgraph import api
from claimgraph.analysis.series import dyad_series
from claimgraph.model import Actor, Claim, ClaimLink, DateValue, Document, Event, Grade, Mention, Span
from claimgraph.store import Store
from claimgraph.store.claims import ClaimStore, StoredClaim

TABLES = ("events", "event_actors", "documents", "mentions", "claims", "claim_events", "claim_actors",
          "claim_links")
# A tenth of the events and about the claims of the 10,000-article target (issue 13), over as
# many actors as such a corpus names; an actor or dyad is then a small share of each table.
DOCS, PER_DOC, ACTORS = 300, 40, 600
CLAIMS, CLAIM_ACTORS = 48_000, 2_400


def _actor(n: int, among: int = ACTORS) -> str:
    return f"A{n % among:04d}"


@pytest.fixture(scope="module")
def big(pg_cluster) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    url = pg_cluster.new_url()
    store = Store.open(url)
    actors = [Actor(_actor(n), f"Actor {n}", "country") for n in range(ACTORS)]
    claims, links, doc_ids = [], [], []
    for d in range(DOCS):
        text_ = f"Document {d}. " + " ".join(f"A{i} met B{i}." for i in range(PER_DOC))
        doc = Document(id=f"{d:04d}" + "f" * 60, text=text_, outlet=f"Outlet {d % 17}",
                       published=DateValue(f"{2000 + d % 24}-{1 + d % 12:02d}-01", "day"),
                       ingested_at=f"2024-01-01T00:{d // 60:02d}:{d % 60:02d}+00:00")
        store.add_document(doc)
        doc_ids.append(doc.id)
        events, mentions = [], []
        for i in range(PER_DOC):
            n = d * PER_DOC + i
            src, tgt = _actor(n), _actor(n * 7 + 3)
            events.append(Event(id=f"{doc.id}-e{i:03d}", document_id=doc.id, sentence=Span(0, 10), type="AID",
                                source=[src], target=[tgt], status="asserted",
                                date=DateValue(f"{2000 + n % 24}-{1 + n % 12:02d}", "month")))
            mentions.append(Mention(doc.id, i, i + 1, "x", src))
        store.save_extraction(doc.id, actors=actors, mentions=mentions, timexes=[], attributions=[],
                              events=events, extractor_version="t")
    for n in range(CLAIMS):
        src, tgt = _actor(n, CLAIM_ACTORS), _actor(n * 7 + 3, CLAIM_ACTORS)
        d = n % DOCS
        claims.append(StoredClaim(
            Claim(f"c{n:06d}", "AID", [src], [tgt], None, DateValue(f"{2000 + n % 24}", "year"),
                  [f"{doc_ids[d]}-e{n % PER_DOC:03d}"], [doc_ids[d]], [f"Outlet {d % 17}"], {}, "asserted",
                  Grade("C", 3, [])),
            bucket="|".join(sorted({src, tgt}))))
        if n:
            links.append((f"c{n:06d}", ClaimLink("corroborates", f"c{n - 1:06d}", "")))
    cs = ClaimStore(store)
    cs.replace_claims(None, claims)
    cs.replace_links(None, links)
    with store.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    yield store
    store.close()
    pg_cluster.drop(url)


def _statements(store: Store, call: Callable[[], Any]) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def capture(_conn, _cursor, statement, parameters, _context, executemany) -> None:  # type: ignore[no-untyped-def]
        if not executemany and statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        call()
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    return seen


def _scans(store: Store, call: Callable[[], Any]) -> list[str]:
    statements = _statements(store, call)
    assert statements, "the call issued no query"
    bad = []
    with store.engine.connect() as conn:
        for sql, params in statements:
            plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql, params))
            for table in TABLES:
                if f"Seq Scan on {table} " in plan + " ":
                    bad.append(f"{table}: {sql[:300]}…\n{plan[:600]}")
    return bad


QUERIES: dict[str, Callable[[Store], Any]] = {
    "events of an actor": lambda s: api.events(s, actor="A0007"),
    "first page of events": lambda s: s.events(limit=50),
    "events of a month": lambda s: s.events(since="2011-03", until="2011-03"),
    "events of a document, by prefix": lambda s: s.events(document="0042"),
    "document by id": lambda s: s.get_document("0042" + "f" * 60),
    "document by prefix": lambda s: s.get_document("0042"),
    "first page of documents": lambda s: s.documents(limit=50),
    "mentions of an actor": lambda s: s.mentions_of_actors(["A0007"]),
    "events for an actor's profile": lambda s: ClaimStore(s).events_for_actors(["A0007"]),
    "claims of an actor": lambda s: ClaimStore(s).claims(ClaimStore(s).claim_ids_with_actors(["A0007"])),
    "claim by prefix": lambda s: ClaimStore(s).get_claim("c000123"),
    "links of a claim": lambda s: ClaimStore(s).links_touching(["c000123"]),
    "dyad": lambda s: dyad_series(s, "A0007", "A0052"),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_no_sequential_scan_of_events_claims_or_documents(big: Store, name: str) -> None:
    bad = _scans(big, lambda: QUERIES[name](big))
    assert not bad, "\n\n".join(bad)


def test_the_check_bites(big: Store) -> None:
    """A query with no index behind it (events by status) does show the scan this test looks for."""
    assert _scans(big, lambda: big.events(status="asserted"))
