"""Small helpers shared by the scorers."""

from __future__ import annotations

from claimgraph.analysis import canonical_id
from claimgraph.store import Store


def canonical_actor(store: Store, actor_id: str) -> str:
    """The actor an id stands for after cross-document resolution (merges), if analysis provides it."""
    return canonical_id(store, actor_id)


def half(item_id: str) -> str:
    """"read" or "scored": a stable split of a dev set by a hash of the item id.

    Rules are developed on the read half only; the scored half says whether
    they generalise. A hash (not file order) keeps the split fixed however
    the file is sorted.
    """
    import hashlib

    return "read" if int(hashlib.sha1(item_id.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "scored"
