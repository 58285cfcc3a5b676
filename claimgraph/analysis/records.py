"""Claims as plain records (DESIGN §6 "claims" shape) for exports, the CLI and the web UI."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from claimgraph.analysis.resolve import Resolution, load_resolution
from claimgraph.analysis.track import TrackRecord, names_of, support, track_records
from claimgraph.store.claims import ClaimStore, Merge, StoredClaim
from claimgraph.store.store import Store


def canonical_id(store: Store, actor_id: str) -> str:
    """The actor an id stands for after the last analysis run (itself when never merged)."""
    merges: dict[str, Merge] = ClaimStore(store).merges()
    return merges[actor_id].canonical_id if actor_id in merges else actor_id


def _ref(res: Resolution, actor_id: str) -> dict[str, Any]:
    a = res.actor(actor_id)
    return a.ref() if a else {"id": actor_id, "name": actor_id, "kind": "unknown"}


def claim_record(sc: StoredClaim, res: Resolution, tracks: dict[str, TrackRecord] | None = None) -> dict[str, Any]:
    """The export shape; `tracks` (analysis/track.py) adds each source's track record in the corpus."""
    c = sc.claim
    rec = {
        "id": c.id, "type": c.type, "mode": c.mode, "negated": sc.negated,
        "source": [_ref(res, a) for a in c.source], "target": [_ref(res, a) for a in c.target],
        "date": c.date.to_json() if c.date else None, "reported": sc.reported,
        "status": c.status, "intensity": c.intensity,
        "events": list(c.events), "documents": list(c.documents),
        "independent_sources": list(c.independent_sources), "presentations": dict(c.presentations),
        "grade": c.grade.to_json(),
        "links": [{"kind": ln.kind, "claim": ln.claim, "why": ln.why} for ln in c.links],
        "lines": list(sc.info.get("lines", [])), "grouping": list(sc.info.get("grouping", [])),
        "support": support(sc), "specificity": int(sc.info.get("specific", 0)),
        "context": bool(sc.info.get("context")),
    }
    if tracks is not None:
        rec["track_records"] = {n: tracks[n].to_json() for n in sorted(names_of(sc)) if n in tracks}
    return rec


def claim_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every claim, ordered by id, in the export shape; empty before analysis has run."""
    res = load_resolution(store)
    every = ClaimStore(store).claims()
    tracks = track_records(every)
    for sc in every:
        yield claim_record(sc, res, tracks)
