"""Small helpers shared by the scorers.

The read/scored split: every dev set we tune on is cut in two halves by a
hash of each item's id. Errors may be read only on the "read" half; the
"scored" half is only ever scored. A rule that lifts the read half but not
the scored one has learned examples, not English, so `claimgraph evaluate`
reports both halves and the gap between them, and the CI floors sit on the
scored half. The hash (not a random draw, not file order) keeps the split
identical on every machine and stable when items are added or removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from claimgraph.analysis import canonical_id
from claimgraph.store import Store

T = TypeVar("T")
READ, SCORED = "read", "scored"
HALVES = (READ, SCORED)


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


def split(items: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    """The items of each half, in their original order."""
    out: dict[str, list[T]] = {READ: [], SCORED: []}
    for item in items:
        out[half(str(key(item)))].append(item)
    return out


def side_by_side(items: list[T], key: Callable[[T], str],
                 aggregate: Callable[[list[T]], Mapping[str, Any]]) -> dict[str, Any]:
    """Aggregate each half and the whole set into one flat metrics dict.

    Plain keys hold the SCORED half (the headline figures and floors apply to
    them); `read.KEY` holds the read half, `gap.KEY` read minus scored (a
    large positive gap means the read half was fitted), `all.KEY` the whole
    set, and `items.read` / `items.scored` the size of each half.
    """
    halves = split(items, key)
    scored = dict(aggregate(halves[SCORED]))
    read = aggregate(halves[READ])
    whole = aggregate(items)
    out: dict[str, Any] = dict(scored)
    for k, v in read.items():
        out[f"read.{k}"] = v
        if isinstance(v, float) and _number(scored.get(k)):
            out[f"gap.{k}"] = round(float(v) - float(scored[k]), 4)
    for k, v in whole.items():
        out[f"all.{k}"] = v
    out["items.read"] = len(halves[READ])
    out["items.scored"] = len(halves[SCORED])
    return out


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
