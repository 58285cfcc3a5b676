"""Persistence. The only package that writes SQL (DESIGN §2)."""

from claimgraph.store.store import DEFAULT_DB, Store, resolve_url

__all__ = ["DEFAULT_DB", "Store", "resolve_url"]
