"""The CLI driven through Click's runner against real SQLite files, a real PostgreSQL, and real article files."""

from __future__ import annotations

import json
from pathlib import Path

from backends import Databases
from click.testing import CliRunner

from claimgraph.cli import main

ARTICLE = """Border talks stall as Ruritania recalls envoy

By Jane Roe, The Daily Ledger, March 3, 2021 —

Ruritania recalled its ambassador from Borduria on Tuesday, officials said.
"""


def run(*args: str, db: Path | str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_documents_show_export(dbs: Databases, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = dbs.url("c.db")
    code, out, _ = run("ingest", str(tmp_path / "a.txt"), "--no-extract", "--json", db=db)
    assert code == 0
    summary = json.loads(out)
    assert summary["added"] == 1 and summary["errors"] == []
    doc_id = summary["documents"][0]

    code, out, _ = run("documents", "--json", db=db)
    docs = json.loads(out)
    assert [d["id"] for d in docs] == [doc_id]
    assert docs[0]["published"] == "2021-03-03"

    code, out, _ = run("show", doc_id[:8], db=db)
    assert code == 0 and "Ruritania recalled its ambassador" in out

    code, out, _ = run("export", "--format", "jsonl", "--what", "documents", db=db)
    record = json.loads(out.splitlines()[0])
    assert record["id"] == doc_id and record["text"].startswith("Border talks stall")

    # the same text again adds nothing, and says so
    code, out, _ = run("ingest", str(tmp_path / "a.txt"), "--no-extract", db=db)
    assert code == 0 and "0 document(s) added, 1 already known" in out


def test_nothing_ingested_is_an_error_exit(dbs: Databases, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = run("ingest", str(tmp_path / "empty.txt"), "--no-extract", db=dbs.url("c.db"))
    assert code == 1
    assert "empty.txt" in err and "empty" in err


def test_strict_fails_on_any_bad_file(dbs: Databases, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00binary\x00\x01")
    code, _, err = run("ingest", str(tmp_path), "--no-extract", db=dbs.url("c.db"))
    assert code == 0 and "bad.txt" in err
    code, _, _ = run("ingest", str(tmp_path), "--no-extract", "--strict", db=dbs.url("d.db"))
    assert code == 3  # EXIT_STRICT: the run finished, something was skipped


def test_unknown_document_is_one_line_error(dbs: Databases) -> None:
    from claimgraph.store import Store

    Store.open(dbs.url("c.db")).close()
    code, _, err = run("show", "deadbeef", db=dbs.url("c.db"))
    assert code == 1
    assert err.strip().splitlines() == ["Error: no document with id 'deadbeef'"]


def test_unknown_export_format(dbs: Databases) -> None:
    code, _, err = run("export", "--format", "nope", db=dbs.url("c.db"))
    assert code == 2 and "unknown exporter 'nope'" in err


def test_events_filter_by_actor_name_or_alias(dbs: Databases) -> None:
    from claimgraph.model import Actor, Event, Span, document_id
    from claimgraph.store import Store

    db = dbs.url("c.db")
    store = Store.open(db)
    text = "Ruritania armed Borduria."
    from claimgraph.model import Document

    doc = Document(id=document_id(text), text=text)
    store.add_document(doc)
    store.save_extraction(doc.id, actors=[Actor("RUR", "Ruritania", "country", aliases=["Strelsau"])], mentions=[],
                          timexes=[], attributions=[], extractor_version="t",
                          events=[Event(id="e1", document_id=doc.id, sentence=Span(0, 25), type="AID",
                                        source=["RUR"], target=["BOR"])])
    for name in ("RUR", "ruritania", "Strelsau"):
        code, out, _ = run("events", "--actor", name, "--json", db=db)
        assert code == 0 and json.loads(out.splitlines()[0])["id"] == "e1", name
    code, out, err = run("events", "--actor", "Nowhere", "--json", db=db)
    assert code != 0 and out.strip() == "" and "Nowhere" in err  # an unknown actor is an error, not an empty list
    code, _, err = run("events", "--actor", "Ruritnia", "--json", db=db)
    assert code != 0 and "did you mean" in err and "Ruritania (RUR)" in err


def test_analyze_and_summary(dbs: Databases) -> None:
    from conftest_web import make_store

    store, _ = make_store(dbs.url("c.db"))
    store.close()
    code, out, err = run("analyze", db=dbs.url("c.db"))
    assert code == 0, err
    code, out, _ = run("summary", "--json", db=dbs.url("c.db"))
    summary = json.loads(out)
    assert code == 0 and summary["counts"]["documents"] == 3 and summary["counts"]["events"] == 5
    assert summary["claims"]["claims"] >= 1
