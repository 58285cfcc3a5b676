"""The same corpus through the real pipeline into SQLite and PostgreSQL gives byte-identical exports.

Ingested through the CLI (`--db PATH` and `--db postgresql://…`) with the time
stamp fixed by $SOURCE_DATE_EPOCH, so `ingested_at` is the only thing two runs
could differ in besides the back end — and it does not.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from backends import all_exports

from claimgraph.store import Store

REPO = Path(__file__).resolve().parents[1]


def ingest(db: str, paths: list[Path], *args: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    proc = subprocess.run([sys.executable, "-m", "claimgraph", "ingest", *map(str, paths), "--db", db, "-q", *args],
                          capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.slow
def test_sqlite_and_postgresql_exports_are_identical(shared_dir: Path, tmp_path: Path, pg_cluster) -> None:
    corpus = [shared_dir / "corpus" / "seeds", REPO / "examples" / "corpus"]
    lite, pg = str(tmp_path / "seeds.db"), pg_cluster.new_url()
    ingest(lite, corpus, "--processes", "1")
    ingest(pg, corpus, "--processes", "1")
    with Store.open(lite) as a, Store.open(pg) as b:
        assert a.stats() == b.stats() and a.stats()["events"] > 0
        ea, eb = all_exports(a), all_exports(b)
    assert sorted(ea) == sorted(eb)
    for name in ea:
        assert ea[name] == eb[name], name
    assert len(ea) >= 10 and all(ea.values())
    pg_cluster.drop(pg)
