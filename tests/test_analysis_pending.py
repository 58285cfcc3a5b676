"""Nothing lost between extraction and analysis (issue #11, item 1).

Analysis used to cover only the documents extracted by the current run, so a
run killed after extracting and before analysing left claims missing for
good: the next run found nothing new to extract, analysed nothing and exited
0. The store now keeps the set of documents whose extraction the analysis has
not yet covered, and every run finishes it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from integrity_helpers import build_corpus, claimgraph, env, exports, run

from claimgraph import api


def _claims(db: Path) -> bytes:
    return exports(db)["jsonl-claims"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pending") / "corpus"
    build_corpus(folder, fnc1=False)
    return folder


@pytest.fixture(scope="module")
def uninterrupted(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    db = tmp_path_factory.mktemp("full") / "full.db"
    run("ingest", str(corpus), "--db", str(db), "--processes", "1", "-q")
    claims = _claims(db)
    assert claims.count(b"\n") > 20, "the corpus should yield claims"
    return claims


@pytest.mark.slow
@pytest.mark.parametrize("finisher", ["ingest", "extract"])
def test_extracted_but_not_analysed_is_finished_by_the_next_run(
    corpus: Path, uninterrupted: bytes, tmp_path: Path, full_nlp, finisher: str
) -> None:
    """The issue's repro: store, extract, stop (what a kill between the two stages leaves), run again."""
    from claimgraph.nlp.extract import extract_pending

    db = tmp_path / "a.db"
    run("ingest", str(corpus), "--db", str(db), "--no-extract", "-q")
    with api.open_store(db) as store:
        done, errors = extract_pending(store, nlp=full_nlp)
        assert done and not errors
    args = ["ingest", str(corpus), "-q"] if finisher == "ingest" else ["extract"]
    run(*args, "--db", str(db), "--processes", "1")
    with api.open_store(db) as store:
        assert store.analysis_pending() == []
    assert _claims(db) == uninterrupted


def _count(db: Path, sql: str) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return int(con.execute(sql).fetchone()[0])
        finally:
            con.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


STORED = "SELECT count(*) FROM documents"
EXTRACTED = "SELECT count(*) FROM documents WHERE extracted_at IS NOT NULL"


def kill_when(corpus: Path, db: Path, sql: str, at_least: int, timeout: float = 300) -> None:
    """Start `claimgraph ingest`, SIGKILL its process group once `sql` counts `at_least`."""
    proc = subprocess.Popen(claimgraph("ingest", str(corpus), "--db", str(db), "--processes", "1", "-q"),
                            start_new_session=True, env=env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while _count(db, sql) < at_least and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


@pytest.mark.slow
@pytest.mark.parametrize(("sql", "at_least"), [(STORED, 2), (EXTRACTED, 1), (EXTRACTED, 7)])
def test_kill_9_then_rerun_gives_the_uninterrupted_claims(
    corpus: Path, uninterrupted: bytes, tmp_path: Path, sql: str, at_least: int
) -> None:
    """A real `kill -9` while reading, while extracting, and after the last extraction."""
    db = tmp_path / "killed.db"
    kill_when(corpus, db, sql, at_least)
    run("ingest", str(corpus), "--db", str(db), "--processes", "1", "-q")
    assert _claims(db) == uninterrupted
