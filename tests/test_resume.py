"""An ingest killed during extraction leaves a consistent store, and the next run finishes the job
with exactly what an uninterrupted run produces."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"


def _claimgraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimgraph", *args]


def _events(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT d.origin, e.sent_start, e.type, e.status, e.date_value FROM events e "
        "JOIN documents d ON d.id = e.document_id ORDER BY 1, 2, 3"
    ).fetchall()
    con.close()
    return [(Path(o).name, *rest) for o, *rest in rows]


def _extracted(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        n = con.execute("SELECT count(*) FROM documents WHERE extracted_at IS NOT NULL").fetchone()[0]
        con.close()
        return int(n)
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_kill_during_extraction_then_resume(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    full = tmp_path / "full.db"
    subprocess.run(_claimgraph("ingest", str(corpus), "--db", str(full), "--processes", "1", "-q"), check=True)
    expected = _events(full)
    assert expected, "the example corpus should yield events"

    db = tmp_path / "killed.db"
    proc = subprocess.Popen(_claimgraph("ingest", str(corpus), "--db", str(db), "--processes", "1", "-q"),
                            start_new_session=True)
    deadline = time.monotonic() + 300
    while _extracted(db) < 1 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    # consistent: every document is either fully extracted or not at all
    con = sqlite3.connect(db)
    orphan = con.execute(
        "SELECT count(*) FROM events e JOIN documents d ON d.id = e.document_id WHERE d.extracted_at IS NULL"
    ).fetchone()[0]
    con.close()
    assert orphan == 0

    out = subprocess.run(_claimgraph("ingest", str(corpus), "--db", str(db), "--processes", "1", "--json"),
                         check=True, capture_output=True, text=True)
    summary = json.loads(out.stdout)
    assert summary["errors"] == []
    assert _events(db) == expected
