"""Start a real `claimgraph serve` process on a free loopback port (not a conftest: imported by the tests that need it).

The server's stderr goes to a file so a test can read what it printed (the
generated token) without risking a blocked pipe.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    base: str
    port: int
    log: Path

    def printed(self) -> str:
        return self.log.read_text(encoding="utf-8")


@contextmanager
def serve(db: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    """`claimgraph serve --db db --port P *args`, ready to answer (any HTTP status counts as ready)."""
    port = free_port()
    log = db.with_name(f"serve-{port}.log")
    exe = Path(sys.executable).with_name("claimgraph")
    with log.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port), *args],
                                stdout=subprocess.DEVNULL, stderr=err, text=True, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # readiness poll, not a timing assertion
            if proc.poll() is not None:
                raise RuntimeError(f"claimgraph serve exited: {log.read_text(encoding='utf-8')}")
            try:
                httpx.get(base + "/api/overview", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield Server(base, port, log)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
