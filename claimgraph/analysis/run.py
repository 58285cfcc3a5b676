"""Entry points: rebuild the whole analysis, or update it after an ingest.

`update(store, doc_ids)` recomputes only what new documents can change:
the dyad buckets their events fall in, the buckets of actors whose
resolution changed, the links of the claims that changed, and the grades of
those claims and their neighbours. Because claims are a function of their
bucket's events and a link is a function of its two claims, that equals a
`rebuild` — the test suite checks it over ingest orders.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from claimgraph.analysis.claims import bucket_of, bucket_types, build_claims
from claimgraph.analysis.grading import grade, load_reliability
from claimgraph.analysis.links import compute_links, related_actors
from claimgraph.analysis.places import refresh as refresh_places
from claimgraph.analysis.resolve import Resolution, load_resolution, resolve
from claimgraph.model import Actor, ClaimLink, Document, Event, Mention
from claimgraph.store.claims import ClaimStore, StoredClaim
from claimgraph.store.store import Store

RELIABILITY_KEY = "reliability_file"


def _docs(store: Store, ids: Iterable[str]) -> dict[str, Document]:
    return {d.id: d for d in store.iter_documents(sorted(set(ids)))}


def _mentions(store: Store, ids: Iterable[str]) -> dict[str, list[Mention]]:
    """Mentions per document: claims note the third parties their sentences name."""
    return store.mentions_by_document(ids)


def rebuild(store: Store) -> dict[str, int]:
    """Recompute resolution, claims, links and grades from scratch."""
    cs = ClaimStore(store)
    res = resolve(store)
    events = store.events()
    claims, _links = _analyse_all(store, cs, res, events)
    placed = refresh_places(store, res, events, everything=True)
    return {"claims": len(claims), "links": len(cs.all_links()), "merges": len(res.merges), "placed": placed}


def _analyse_all(store: Store, cs: ClaimStore, res: Resolution, events: list[Event]
                 ) -> tuple[list[StoredClaim], list[tuple[str, ClaimLink]]]:
    """Claims, links and grades of the whole store from `events` (all of its events)."""
    doc_ids = {e.document_id for e in events}
    claims = build_claims(events, _docs(store, doc_ids), res, mentions=_mentions(store, doc_ids))
    cs.replace_claims(None, claims)
    stored = cs.claims()
    links = compute_links(stored, stored, res)
    cs.replace_links(None, links)
    regrade(store)
    return claims, links


def _first_analysis(store: Store, cs: ClaimStore, doc_ids: Sequence[str]) -> dict[str, int] | None:
    """`update` of a store never analysed before, done as a rebuild; None when it does not apply.

    With no claims or links stored and every event in `doc_ids` (a fresh corpus's
    first ingest), `update` touches every bucket and every claim: the same work
    as `rebuild`, plus the incremental bookkeeping (the old resolution, the
    affected buckets and claims) that has nothing to find, which cost a third of
    the analysis time. Claims depend only on their bucket's events and links on
    their two claims, so the result is the one `update` writes; the counts are
    the ones it reports.
    """
    if not cs.is_empty():
        return None
    events = store.events()
    if not {e.document_id for e in events} <= set(doc_ids):
        return None
    res = resolve(store)
    claims, links = _analyse_all(store, cs, res, events)
    placed = refresh_places(store, res, events, everything=True)
    buckets = {bucket_of(e, res) for e in events if e.source or e.target}
    return {"buckets": len(buckets), "claims": len(claims), "links": len(links), "placed": placed}


def _fingerprint(res: Resolution, raw: str) -> tuple[str, str | None, str] | None:
    a: Actor | None = res.actor(raw)
    return (res.of(raw), a.country, a.kind) if a else None


def update(store: Store, doc_ids: Sequence[str]) -> dict[str, int]:
    """Bring the analysis up to date after these documents were (re-)extracted."""
    cs = ClaimStore(store)
    first = _first_analysis(store, cs, doc_ids)
    if first is not None:
        return first
    old = load_resolution(store)
    res = resolve(store)
    changed_raw = {a for a in res.canonical if a not in old.canonical or _fingerprint(old, a) != _fingerprint(res, a)}
    touched = {old.of(a) for a in changed_raw if a in old.canonical} | {res.of(a) for a in changed_raw}
    seed_events = cs.events_by_id(cs.event_ids_of_documents(list(doc_ids))) + cs.events_for_actors(changed_raw)
    # a place depends on its event and its actors' states: exactly these events can have moved
    placed = refresh_places(store, res, {e.id: e for e in seed_events}.values())
    buckets = {bucket_of(e, res) for e in seed_events if e.source or e.target}
    old_claims = (cs.claim_ids_of_documents(doc_ids) | cs.claim_ids_of_events(e.id for e in seed_events)
                  | cs.claim_ids_with_actors(touched))
    buckets |= cs.buckets_of_claims(old_claims)
    events = [e for t in sorted({t for b in buckets for t in bucket_types(b)}) for e in store.events(type=t)]
    doc_ids = {e.document_id for e in events}
    claims = build_claims(events, _docs(store, doc_ids), res, buckets=buckets, mentions=_mentions(store, doc_ids))
    old_links = cs.links_touching(cs.claim_ids_in_buckets(buckets))
    dropped = cs.replace_claims(buckets, claims)
    new_ids = {c.claim.id for c in claims}
    changed = cs.claims(new_ids)
    related = set().union(*(related_actors(c, res) for c in changed)) if changed else set()
    affiliated = {a for a, actor in res.actors.items() if actor.country and res.of(actor.country) in related}
    pool = cs.claims(cs.claim_ids_with_actors(related | affiliated) | new_ids)
    links = compute_links(changed, pool, res)
    cs.replace_links(dropped | new_ids, links)
    regrade_ids = new_ids | {x for a, b, _k, _w in old_links for x in (a, b)} | {x for a, ln in links for x in (a, ln.claim)}
    regrade(store, regrade_ids - (dropped - new_ids))
    return {"buckets": len(buckets), "claims": len(claims), "links": len(links), "placed": placed}


def analyze(store: Store, new_document_ids: Sequence[str] | None = None) -> dict[str, int]:
    """`rebuild` when no document ids are given, else `update`."""
    return rebuild(store) if new_document_ids is None else update(store, new_document_ids)


def regrade(store: Store, ids: Iterable[str] | None = None, sources: str | Path | None = None) -> int:
    """Re-grade claims (all by default). `sources` switches the reliability file, and is remembered."""
    cs = ClaimStore(store)
    if sources is not None:
        load_reliability(sources)  # fail before remembering a bad file
        cs.set_setting(RELIABILITY_KEY, str(Path(sources).resolve()))
    rel = load_reliability(cs.setting(RELIABILITY_KEY))
    targets = cs.claims(None if ids is None else ids)
    linked_ids = {ln.claim for sc in targets for ln in sc.claim.links}
    have = {sc.claim.id: sc for sc in targets}
    linked = {**{sc.claim.id: sc for sc in cs.claims(linked_ids - set(have))}, **have}
    grades = {sc.claim.id: grade(sc, linked, rel) for sc in targets}
    cs.set_grades(grades)
    return len(grades)


def claims_of(store: Store) -> list[StoredClaim]:
    return ClaimStore(store).claims()
