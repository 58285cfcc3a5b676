"""The two store back ends the store, analysis, export and web tests run on (fixtures in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimgraph.store import Store

BACKENDS = ("sqlite", "postgresql")


def module_url(backend: str, request: Any, tmp_path_factory: Any, name: str) -> str:
    """A database for a module-scoped fixture (dropped with the session's cluster)."""
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_cluster").new_url())
    return str(tmp_path_factory.mktemp(name.split(".")[0]) / name)


class Databases:
    """Where one test's stores live: `url(name)` is a SQLite file under tmp_path, or a fresh
    PostgreSQL schema (tests/pg_cluster.py); the same name gives the same store within the test."""

    def __init__(self, backend: str, tmp_path: Path, cluster: Any = None) -> None:
        self.backend = backend
        self.tmp_path = tmp_path
        self.cluster = cluster
        self._urls: dict[str, str] = {}
        self._stores: list[Store] = []

    def url(self, name: str = "t.db") -> str:
        if name not in self._urls:
            self._urls[name] = str(self.tmp_path / name) if self.cluster is None else self.cluster.new_url()
        return self._urls[name]

    def open(self, name: str = "t.db") -> Store:
        store = Store.open(self.url(name))
        self._stores.append(store)
        return store

    def close(self) -> None:
        for store in self._stores:
            store.close()
        if self.cluster is not None:
            for url in self._urls.values():
                self.cluster.drop(url)


def all_exports(store: Store) -> dict[str, bytes]:
    """Every exporter × every record kind it writes, as bytes: what "identical output" is checked on."""
    import io

    from claimgraph import api, registry

    out: dict[str, bytes] = {}
    for fmt in api.exporters():
        exporter = registry.get(registry.EXPORTERS, fmt)
        for what in exporter.whats:
            if getattr(exporter, "binary", False):
                buf: io.BytesIO | io.StringIO = io.BytesIO()
                api.export(store, fmt, buf, what=what)
                out[f"{fmt}/{what}"] = buf.getvalue()  # type: ignore[assignment]
            else:
                sbuf = io.StringIO()
                api.export(store, fmt, sbuf, what=what)
                out[f"{fmt}/{what}"] = sbuf.getvalue().encode("utf-8")
    return out
