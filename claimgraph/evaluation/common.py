"""Small helpers shared by the scorers."""

from __future__ import annotations

import importlib

from claimgraph.store import Store


def canonical_actor(store: Store, actor_id: str) -> str:
    """The actor an id stands for after cross-document resolution (merges), if analysis provides it."""
    try:
        analysis = importlib.import_module("claimgraph.analysis")
    except ImportError:
        return actor_id
    fn = getattr(analysis, "canonical_id", None)
    return fn(store, actor_id) if fn else actor_id
