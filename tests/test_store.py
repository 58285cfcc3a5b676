"""The store on real SQLite files: schema versions, WAL, atomic extraction, filters."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from backends import Databases
from sqlalchemy.exc import IntegrityError

from claimgraph.errors import NotFound, StoreError
from claimgraph.model import Actor, DateValue, Document, Event, Mention, Span, document_id
from claimgraph.store import Store
from claimgraph.store.migrations import LATEST


def _doc(text: str, **kw) -> Document:
    return Document(id=document_id(text), text=text, origin="x.txt", **kw)


def test_new_database_is_wal_and_at_latest_version(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    store = Store.open(db)
    assert store.version == LATEST
    store.close()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == LATEST


def test_reopening_does_not_reapply_migrations(tmp_path: Path) -> None:
    Store.open(tmp_path / "a.db").close()
    Store.open(tmp_path / "a.db").close()
    con = sqlite3.connect(tmp_path / "a.db")
    versions = [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, LATEST + 1))


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    Store.open(tmp_path / "a.db").close()
    con = sqlite3.connect(tmp_path / "a.db")
    con.execute("INSERT INTO schema_version VALUES (999, 'future')")
    con.commit()
    with pytest.raises(StoreError, match="newer"):
        Store.open(tmp_path / "a.db")


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nope" / "a.db")


def test_documents_dedupe_on_normalised_text(dbs: Databases) -> None:
    store = dbs.open("a.db")
    assert store.add_document(_doc("Israel and Azerbaijan\u00a0signed a deal.", published=DateValue("2023-04-05", "day")))
    assert not store.add_document(_doc("Israel and  Azerbaijan signed a deal."))
    assert store.count("documents") == 1
    doc = store.documents()[0]
    assert doc.published == DateValue("2023-04-05", "day")
    assert store.get_document(doc.id[:6]).id == doc.id
    with pytest.raises(NotFound):
        store.get_document("zzzz")


def _event(doc_id: str, n: int, **kw) -> Event:
    base = dict(id=f"{doc_id}-e{n:03d}", document_id=doc_id, sentence=Span(0, 10), type="AID",
                source=["ISR"], target=["AZE"], status="asserted")
    base.update(kw)
    return Event(**base)


def test_extraction_replaces_atomically(dbs: Databases) -> None:
    store = dbs.open("a.db")
    d = _doc("Israel supplied Azerbaijan with drones in 2011.")
    store.add_document(d)
    actors = [Actor("ISR", "Israel", "country"), Actor("AZE", "Azerbaijan", "country", aliases=["Baku"])]
    store.save_extraction(d.id, actors=actors, mentions=[Mention(d.id, 0, 6, "Israel", "ISR")], timexes=[],
                          attributions=[], events=[_event(d.id, 0, date=DateValue("2011", "year"))], extractor_version="t")
    assert store.document_ids(pending_only=True, extractor_version="t") == []
    assert store.document_ids(pending_only=True, extractor_version="t2") == [d.id]
    # a failing second save leaves the first one intact
    with pytest.raises(IntegrityError):
        store.save_extraction(d.id, actors=[], mentions=[], timexes=[], attributions=[],
                              events=[_event(d.id, 0), _event(d.id, 0)], extractor_version="t2")
    evs = store.events()
    assert [e.date for e in evs] == [DateValue("2011", "year")]
    assert store.count("mentions") == 1
    assert "Baku" in store.get_actor("AZE").aliases
    # a second save replaces the first (the delete step is skipped only for never-extracted documents)
    store.save_extraction(d.id, actors=[], mentions=[Mention(d.id, 7, 15, "supplied", None)], timexes=[],
                          attributions=[], events=[_event(d.id, 1)], extractor_version="t2")
    assert [m.text for m in store.mentions(d.id)] == ["supplied"] and len(store.events()) == 1


def test_mentions_by_document(dbs: Databases) -> None:
    store = dbs.open("m.db")
    a, b = _doc("Israel and Iran."), _doc("Nothing here.")
    for d in (a, b):
        store.add_document(d)
    store.save_extraction(a.id, actors=[], mentions=[Mention(a.id, 11, 15, "Iran", "IRN"),
                                                     Mention(a.id, 0, 6, "Israel", "ISR")],
                          timexes=[], attributions=[], events=[], extractor_version="t")
    got = store.mentions_by_document([b.id, a.id, a.id])
    assert got == {a.id: store.mentions(a.id), b.id: []}
    assert [m.text for m in got[a.id]] == ["Israel", "Iran"]


def test_event_filters(dbs: Databases) -> None:
    store = dbs.open("a.db")
    d = _doc("text")
    store.add_document(d)
    events = [
        _event(d.id, 0, date=DateValue("2011", "year")),
        _event(d.id, 1, type="ACCUSE", source=["IRN"], target=["ISR"], status="alleged",
               date=DateValue("2012-01", "month")),
        _event(d.id, 2, type="ASSAULT", source=["ISR"], target=["IRN"], date=DateValue("2025-06-13", "day")),
    ]
    store.save_extraction(d.id, actors=[], mentions=[], timexes=[], attributions=[], events=events,
                          extractor_version="t")
    assert [e.type for e in store.events(actor="IRN")] == ["ACCUSE", "ASSAULT"]
    assert [e.type for e in store.events(status="alleged")] == ["ACCUSE"]
    assert [e.type for e in store.events(since="2012")] == ["ACCUSE", "ASSAULT"]
    assert [e.type for e in store.events(until="2012")] == ["AID", "ACCUSE"]
    assert [e.type for e in store.events(type="aid")] == ["AID"]


def test_hostile_filter_values_are_parameters(dbs: Databases) -> None:
    store = dbs.open("a.db")
    d = _doc("text")
    store.add_document(d)
    assert store.events(actor="x' OR '1'='1") == []
    with pytest.raises(NotFound):
        store.get_document("%")
    assert store.count("documents") == 1


def test_concurrent_first_open_of_a_new_database(tmp_path: Path) -> None:
    """Two processes creating the same new database at once both end at the latest schema."""
    import subprocess
    import sys

    db = tmp_path / "race.db"
    code = f"from claimgraph.store import Store; print(Store.open({str(db)!r}).version)"
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0]
    assert outs == [str(LATEST)] * 4


def test_unreachable_server_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(StoreError, match="cannot open database") as err:
        Store.open("postgresql://analyst:s3cret-pw@127.0.0.1:1/conflict")
    assert "s3cret-pw" not in str(err.value) and "***" in str(err.value)


def test_a_batch_saves_what_one_by_one_saves(dbs: Databases) -> None:
    """Actors' gaps are filled in input order and re-saved documents are replaced, batch or not."""
    from claimgraph.store.store import ExtractionRows

    texts = ["Israel armed Azerbaijan.", "Baku thanked Israel.", "Azerbaijan and Israel met."]
    docs = [_doc(t) for t in texts]
    rows = [
        ExtractionRows(docs[0].id, [Actor("AZE", "Azerbaijan", "unknown")], [Mention(docs[0].id, 0, 6, "Israel", "ISR")],
                       events=[_event(docs[0].id, 0)]),
        ExtractionRows(docs[1].id, [Actor("AZE", "Azerbaijan", "country", country="AZE", aliases=["Baku"])],
                       events=[_event(docs[1].id, 0, source=["AZE"], target=["ISR"])]),
        ExtractionRows(docs[2].id, [Actor("AZE", "Azerbaijan", "country", country="XXX", sector="GOV")],
                       events=[_event(docs[2].id, 0), _event(docs[2].id, 1, type="CONSULT")]),
    ]
    one, batch = dbs.open("one.db"), dbs.open("batch.db")
    for store in (one, batch):
        for d in docs:
            store.add_document(d)
    for r in rows:
        one.save_extraction(r.document_id, actors=r.actors, mentions=r.mentions, timexes=[], attributions=[],
                            events=r.events, extractor_version="t")
    batch.save_extractions(rows[:1], "t")  # saved once, then again inside the batch: replaced, not doubled
    batch.save_extractions(rows, "t")
    for store in (one, batch):
        aze = store.get_actor("AZE")
        assert (aze.kind, aze.country, aze.sector) == ("country", "AZE", "GOV") and "Baku" in aze.aliases
    assert [e.id for e in one.events()] == [e.id for e in batch.events()] and len(batch.events()) == 4
    assert one.count("mentions") == batch.count("mentions") == 1
    assert batch.document_ids(pending_only=True, extractor_version="t") == []


def test_id_prefixes_are_ranges_that_match_only_the_prefix(dbs: Databases) -> None:
    from claimgraph.store.store import starts_with

    store = dbs.open()
    docs = [_doc(t) for t in ("one", "two", "three")]
    for d in docs:
        store.add_document(d)
    for d in docs:
        assert store.get_document(d.id[:5]).id == d.id and store.get_document(d.id).id == d.id
    for hostile in ("%", "_", "\U0010ffff", "\ud7ff", ""):
        from sqlalchemy import select

        from claimgraph.store import schema as s

        with store.engine.connect() as conn:
            got = {r[0] for r in conn.execute(select(s.documents.c.id).where(starts_with(s.documents.c.id, hostile)))}
        assert got == {d.id for d in docs if d.id.startswith(hostile)}, hostile
