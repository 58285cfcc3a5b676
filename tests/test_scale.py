"""Extraction on Dask: a LocalCluster and a real two-worker cluster give what local processes give.

The two-worker cluster is started the documented way (docs/scale.md): a
`dask scheduler` and two `dask worker` processes on loopback, each worker
loading the pinned model from its own environment.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import all_exports
from click.testing import CliRunner
from test_backends_identical import ingest

from claimgraph.cli import main
from claimgraph.store import Store

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dask scheduler` + 2 × `dask worker` on 127.0.0.1; yields the scheduler address."""
    from distributed import Client

    dask = str(Path(sys.executable).with_name("dask"))
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path_factory.mktemp("dask")
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=(logs / "scheduler.log").open("w"), env=env)]
    try:
        for i in range(2):
            procs.append(subprocess.Popen(
                [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1",
                 "--no-dashboard", "--memory-limit", "0", "--name", f"w{i}"],
                stdout=subprocess.DEVNULL, stderr=(logs / f"worker{i}.log").open("w"), env=env))
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def test_scheduler_options_are_checked_before_anything_is_read(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    for args, message in ((["--workers", "2"], "--workers needs --scheduler local"),
                          (["--scheduler", "sge"], "expected 'local' or a scheduler address"),
                          (["--scheduler", "tcp://127.0.0.1:1", "--workers", "2"], "only applies to --scheduler local"),
                          (["--batch-size", "4"], "--batch-size needs --scheduler")):
        result = CliRunner().invoke(main, ["ingest", str(CORPUS), "--db", db, *args])
        assert result.exit_code == 2, result.output
        assert message in result.output
    assert not (tmp_path / "x.db").exists()


@pytest.fixture(scope="module")
def through_cluster(cluster: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example corpus ingested through the two-worker cluster (shared by the tests below)."""
    db = tmp_path_factory.mktemp("through") / "cluster.db"
    ingest(str(db), [CORPUS], "--scheduler", cluster, "--batch-size", "1")  # six tasks over both workers
    return db


@pytest.mark.slow
def test_local_processes_localcluster_and_two_worker_cluster_agree(through_cluster: Path, tmp_path: Path) -> None:
    runs = {
        "processes": ["--processes", "2"],
        "localcluster": ["--scheduler", "local", "--workers", "2", "--batch-size", "2"],
        "cluster": None,
    }
    exports = {}
    for name, args in runs.items():
        db = str(through_cluster) if args is None else str(tmp_path / f"{name}.db")
        if args is not None:
            ingest(db, [CORPUS], *args)
        with Store.open(db) as store:
            assert store.stats()["events"] > 0 and not store.document_ids(pending_only=True)
            exports[name] = all_exports(store)
    ref = exports["processes"]
    for name in ("localcluster", "cluster"):
        assert sorted(exports[name]) == sorted(ref)
        for what in ref:
            assert exports[name][what] == ref[what], (name, what)


@pytest.mark.slow
def test_killed_client_resumes_through_the_cluster(cluster: str, through_cluster: Path, tmp_path: Path) -> None:
    """A client killed while the cluster extracts leaves every document whole or untouched; the same
    command again finishes the job with what an uninterrupted run gives."""
    import signal
    import sqlite3
    import time

    from test_resume import _events, _extracted

    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "claimgraph", "ingest", str(CORPUS), "--db", str(db), "-q", "--scheduler", cluster,
           "--batch-size", "1"]
    proc = subprocess.Popen(cmd, start_new_session=True, env=env)
    deadline = time.monotonic() + 300
    while _extracted(db) < 1 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    orphans = con.execute("SELECT count(*) FROM events e JOIN documents d ON d.id = e.document_id "
                          "WHERE d.extracted_at IS NULL").fetchone()[0]
    con.close()
    assert orphans == 0
    ingest(str(db), [CORPUS], "--scheduler", cluster)
    assert _events(db) == _events(through_cluster)


@pytest.mark.slow
def test_cluster_resumes_a_store_left_pending(cluster: str, tmp_path: Path) -> None:
    """Documents stored but never extracted (a client killed before extraction) are finished by
    the next run through the cluster, and only they are sent."""
    db = str(tmp_path / "r.db")
    ingest(db, [CORPUS], "--no-extract")
    with Store.open(db) as store:
        pending = len(store.document_ids(pending_only=True))
    assert pending > 0
    result = CliRunner().invoke(main, ["extract", "--db", db, "--scheduler", cluster])
    assert result.exit_code == 0, result.output
    assert f"extracted {pending} document(s)" in result.output
    with Store.open(db) as store:
        assert not store.document_ids(pending_only=True)


@pytest.mark.slow
def test_a_worker_lost_mid_run_costs_nothing(cluster: str, through_cluster: Path, tmp_path: Path) -> None:
    """A third worker joins, takes work, and is killed (with its nanny) while the corpus is being
    extracted: Dask reruns its tasks on the others and the store comes out as without the loss."""
    import signal
    import time

    from distributed import Client
    from test_resume import _events, _extracted

    dask = str(Path(sys.executable).with_name("dask"))
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    extra = subprocess.Popen([dask, "worker", cluster, "--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1",
                              "--no-dashboard", "--memory-limit", "0", "--name", "doomed"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        with Client(cluster, timeout=60) as client:
            client.wait_for_workers(3, timeout=120)
        db = tmp_path / "lost.db"
        cmd = [sys.executable, "-m", "claimgraph", "ingest", str(CORPUS), "--db", str(db), "-q",
               "--scheduler", cluster, "--batch-size", "1"]
        run = subprocess.Popen(cmd, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
        deadline = time.monotonic() + 300
        while _extracted(db) < 1 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(extra.pid, signal.SIGKILL)
        assert run.wait(timeout=600) == 0
    finally:
        if extra.poll() is None:
            os.killpg(extra.pid, signal.SIGKILL)
        extra.wait()
    assert _events(db) == _events(through_cluster)
