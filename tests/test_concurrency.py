"""Two writers into one store (issue #11, item 3).

Storing a document is one insert-or-ignore, so two ingests of the same file
cannot both decide it is new; extraction work is claimed before it is done,
so two ingests never extract the same document twice; and a database error
never prints an article's text.
"""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path

import pytest
from integrity_helpers import build_corpus, claimgraph, differences, env, exports, run
from sqlalchemy import insert
from sqlalchemy.exc import SQLAlchemyError

from claimgraph.model import Document, document_id
from claimgraph.store import Store
from claimgraph.store import schema as s
from claimgraph.store.rows import doc_row


def _doc(i: int, origin: str = "x.txt") -> Document:
    text = f"Report {i}: the ministry said the talks would resume on Monday."
    return Document(id=document_id(text), text=text, origin=origin)


def test_many_writers_add_the_same_documents_once_each(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    Store.open(db).close()
    added: list[bool] = []
    failures: list[BaseException] = []
    start = threading.Barrier(6)

    def writer() -> None:
        store = Store.open(db)
        try:
            start.wait()
            for i in range(40):
                added.append(store.add_document(_doc(i)))
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            failures.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=writer) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert sum(added) == 40
    with Store.open(db) as store:
        assert store.count("documents") == 40


def test_a_duplicate_keeps_the_first_origin_in_sort_order_whatever_came_first(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as one, Store.open(tmp_path / "b.db") as two:
        assert one.add_document(_doc(1, "b/report.txt")) and not one.add_document(_doc(1, "a/report.txt"))
        assert two.add_document(_doc(1, "a/report.txt")) and not two.add_document(_doc(1, "b/report.txt"))
        assert [d.origin for d in one.documents()] == [d.origin for d in two.documents()] == ["a/report.txt"]


def test_database_errors_do_not_carry_article_text(tmp_path: Path) -> None:
    doc = _doc(7)
    with Store.open(tmp_path / "a.db") as store:
        store.add_document(doc)
        with pytest.raises(SQLAlchemyError) as caught, store.engine.begin() as conn:
            conn.execute(insert(s.documents).values(**doc_row(doc)))
    assert "the ministry said" not in str(caught.value)


@pytest.mark.slow
def test_overlapping_concurrent_ingests_both_succeed_and_extract_each_document_once(
    tmp_path: Path, shared_dir: Path
) -> None:
    files = build_corpus(tmp_path / "corpus")
    third = len(files) // 3
    parts = [files[: 2 * third + 1], files[third:]]  # the middle third in both
    db = tmp_path / "shared.db"
    procs = [
        subprocess.Popen(claimgraph("ingest", *map(str, part), "--db", str(db), "--processes", "1", "--json"),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env())
        for part in parts
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    for proc, (_out, err) in zip(procs, outs, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err, err
    summaries = [json.loads(out) for out, _err in outs]
    with Store.open(db) as store:
        n_docs = store.count("documents")
        assert store.analysis_pending() == []
    assert sum(x["extracted"] for x in summaries) == n_docs  # each document extracted by one of them

    alone = tmp_path / "alone.db"
    run("ingest", *map(str, files), "--db", str(alone), "--processes", "1", "-q")
    assert differences(exports(alone), exports(db)) == []
