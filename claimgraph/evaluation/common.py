"""Small helpers shared by the scorers."""

from __future__ import annotations

from claimgraph.analysis import canonical_id
from claimgraph.store import Store


def canonical_actor(store: Store, actor_id: str) -> str:
    """The actor an id stands for after cross-document resolution (merges), if analysis provides it."""
    return canonical_id(store, actor_id)
