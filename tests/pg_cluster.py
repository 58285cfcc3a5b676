"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl in a temp folder, on a free loopback port.

Why not a server already running: CI starts with nothing, and a shared server
would let one run's leftovers change another's results. `scripts/ensure_postgres.sh`
installs the binaries (and, as root, the unprivileged user the cluster runs as:
initdb and postgres refuse root). The cluster trusts connections without a
password, which is safe only because it listens on 127.0.0.1 and a private
socket folder, and lives as long as the test session.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PG_USER = os.environ.get("CLAIMGRAPH_PG_USER", "claimgraph-pg")


class Unavailable(RuntimeError):
    """PostgreSQL cannot be installed or started here (the reason is the message)."""


def bindir() -> Path:
    """Where initdb and pg_ctl are, installing them through the project's script if needed."""
    proc = subprocess.run(["bash", str(REPO / "scripts" / "ensure_postgres.sh")], capture_output=True, text=True)
    if proc.returncode != 0:
        raise Unavailable(f"scripts/ensure_postgres.sh failed: {proc.stderr.strip()}")
    return Path(proc.stdout.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """One running cluster; `new_url()` creates an empty database on it for each test."""

    def __init__(self) -> None:
        self.bin = bindir()
        self.root = Path(tempfile.mkdtemp(prefix="claimgraph-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self._names = itertools.count(1)
        self._db: str | None = None
        as_root = os.geteuid() == 0
        self._user = PG_USER if as_root else None
        if as_root:
            shutil.chown(self.root, PG_USER, PG_USER)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        # Durability off: a test cluster is thrown away, and fsync per commit would make the
        # suite's thousands of small transactions crawl on a shared disk.
        opts = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        for _attempt in range(5):
            self.port = _free_port()
            server = f"-p {self.port} -h 127.0.0.1 -k {self.root} {opts}"
            try:
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-o", server, "-w",
                          "-t", "60", "start")
                break
            except Unavailable:  # another process took the port between our probe and the bind
                time.sleep(0.2)
        else:
            self.stop()
            raise Unavailable(f"pg_ctl could not start a cluster: {self._log_tail()}")

    def _run(self, tool: str, *args: str) -> None:
        proc = subprocess.run([str(self.bin / tool), *args], capture_output=True, text=True, user=self._user,
                              cwd=self.root)
        if proc.returncode != 0:
            raise Unavailable(f"{tool} failed: {proc.stderr.strip() or proc.stdout.strip()}")

    def _log_tail(self) -> str:
        log = self.root / "log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _database(self) -> str:
        """The session's test database, made on first use. Its default collation is ICU's English
        one when the server has ICU, so that a query relying on the database's collation instead of
        the schema's would sort differently from SQLite and the comparison tests would notice."""
        if self._db is None:
            name = f"t{os.getpid()}"
            try:
                self._admin(f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE \'en-US\'')
            except Exception:  # a server built without ICU: the C locale from initdb
                self._admin(f'CREATE DATABASE "{name}" TEMPLATE template0')
            self._db = name
        return self._db

    def _admin(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(sql)  # names below are generated here, never user input

    def new_url(self) -> str:
        """A fresh, empty store: a schema of its own in the session's database, reached through
        `search_path` in the URL. Why not a database per store: creating and force-dropping
        databases cost a second each, and one test makes dozens of stores."""
        database = self._database()
        name = f"s{next(self._names)}"
        self._admin(f'CREATE SCHEMA "{name}"', database)
        return f"{self.url(database)}?options=-csearch_path%3D{name}"

    def drop(self, url: str) -> None:
        database, _, query = url.rsplit("/", 1)[1].partition("?")
        name = query.rsplit("%3D", 1)[1]
        self._admin(f'DROP SCHEMA IF EXISTS "{name}" CASCADE', database)

    def stop(self) -> None:
        if self.port and (self.data / "postmaster.pid").exists():
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except Unavailable:
                pass
        shutil.rmtree(self.root, ignore_errors=True)
