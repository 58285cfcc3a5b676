"""Exports: one module per format, registered as `claimgraph.exporters` entry points.

An exporter is a class with `name`, `whats` (the record kinds it can write:
documents, events, actors, claims, attributions, timexes, graph…), `binary`
(whether it writes bytes) and `export(store, what, out)`.
"""

from __future__ import annotations

from typing import IO, Any, Protocol

from claimgraph.store import Store


class Exporter(Protocol):
    name: str
    whats: tuple[str, ...]
    binary: bool

    def export(self, store: Store, what: str, out: IO[Any]) -> int:
        """Write records; return how many were written."""
        ...
