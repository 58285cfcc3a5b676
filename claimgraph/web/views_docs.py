"""View models for the source view, the actor page and dyad series.

The dyad series is computed from claims (or from events before analysis
has run) by event date, per year or month, counted by PLOVER quad with
summed and mean intensity — the same quantities as `claimgraph dyad`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from markupsafe import Markup

from claimgraph.errors import NotFound
from claimgraph.export.graph import quad_of
from claimgraph.model import STATUSES, Actor, Claim, Document, Event
from claimgraph.ontology.plover import QUADS
from claimgraph.store import queries
from claimgraph.web.highlight import actor_href, blocks_for, highlight, marks_for
from claimgraph.web.views import ClaimView, Views


def document_view(v: Views, ident: str) -> dict[str, Any]:
    """A document with mentions, attributions and event sentences highlighted."""
    doc = v.store.get_document(ident)
    # rejected events stay visible here (marked), so the analyst can see and revisit the verdict
    events = [e for e in v.store.events(document=doc.id, include_rejected=True) if e.document_id == doc.id]
    verdicts = queries.reviews(v.store, doc.id)
    mentions = v.store.mentions(doc.id)
    attributions = v.store.attributions(doc.id)
    named = {m.actor_id for m in mentions if m.actor_id} | {a.source_actor_id for a in attributions if a.source_actor_id}
    named |= {x for e in events for x in (*e.source, *e.target, *([e.said_by] if e.said_by else []))}
    marks = marks_for(mentions, attributions, events, {raw: v.actor(raw).name for raw in named})
    for m in marks:  # link mentions to the canonical actor's page
        if m.href and m.href.startswith("/actors/"):
            raw = next((x.actor_id for x in mentions if x.start == m.start and x.end == m.end and x.actor_id), None)
            if raw:
                m.href = actor_href(v.canon.get(raw, raw))
    body: Markup = highlight(doc.text, marks, blocks_for(events))
    claim_of = _claims_by_event(v, [e.id for e in events])
    return {
        "doc": doc,
        "body": body,
        "events": [{"event": e, "label": v.event_label(e), "claim": claim_of.get(e.id), "quad": quad_of(e.type),
                    "review": verdicts.get(e.id), "sentence": doc.text[e.sentence.start:e.sentence.end]}
                   for e in events],
        "statuses": STATUSES,
        "attributions": [{"attr": a, "source": a.source.text if a.source else None,
                          "actor": v.actor(a.source_actor_id) if a.source_actor_id else None,
                          "content": doc.text[a.content.start:a.content.end]} for a in attributions],
        "actors": sorted({v.actor(m.actor_id).id: v.actor(m.actor_id) for m in mentions if m.actor_id}.values(),
                         key=lambda a: a.name),
        "timexes": v.store.timexes(doc.id),
    }


def _claims_by_event(v: Views, event_ids: list[str]) -> dict[str, str]:
    return queries.claims_of_events(v.store, event_ids)


def _actor_events(v: Views, canonical: str) -> list[Event]:
    seen: dict[str, Event] = {}
    for raw in v.raw_ids(canonical):
        for e in v.store.events(actor=raw):
            seen.setdefault(e.id, e)
    return sorted(seen.values(), key=lambda e: (e.date.value if e.date else "~", e.id))


def _involves(c: Claim | Event, ids: set[str], v: Views) -> bool:
    return bool(ids & {v.canon.get(a, a) for a in (*c.source, *c.target)})


def actor_view(v: Views, ident: str, other: str | None = None, by: str = "year",
               reporting_time: bool = False) -> dict[str, Any] | None:
    """Profile: aliases, merged ids, affiliation, counterpart relations, claims, events, dyad chart."""
    canonical = v.canon.get(ident, ident)
    try:
        actor = v.store.get_actor(canonical)
    except NotFound:
        return None
    raws = v.raw_ids(canonical)
    known = [actor] + [a for a in (v.actor_row(r) for r in raws if r != canonical) if a is not None]
    aliases = sorted({al for a in known for al in a.aliases} - {actor.name})
    merges = {m.actor_id: m for m in v.claims_store.merges().values() if m.canonical_id == canonical
              and m.actor_id != canonical}
    mine = v.claims_store.claim_ids_with_actors(raws, role="party")  # an index lookup, not every claim
    claims = [sc.claim for sc in v.claims_store.claims(mine) if _involves(sc.claim, {canonical}, v)]
    events = _actor_events(v, canonical)
    relations: dict[str, Counter[str]] = defaultdict(Counter)
    for item in claims or events:
        for a in {v.canon.get(x, x) for x in (*item.source, *item.target)} - {canonical}:
            relations[a][quad_of(item.type)] += 1
    rel = sorted(relations.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    return {
        "actor": actor,
        "aliases": aliases,
        "merged": list(merges.values()),
        "affiliation": v.actor(actor.country) if actor.country and actor.country != actor.id else None,
        "relations": [{"actor": v.actor(a), "quads": dict(c), "total": sum(c.values())} for a, c in rel],
        "claims": [v.claim_view(c) for c in claims],
        "events": [{"event": e, "label": v.event_label(e)} for e in events],
        "other": v.actor(other) if other else None,
        "dyad": dyad_series(v, canonical, v.canon.get(other, other), by, reporting_time) if other else None,
        "others": [v.actor(a) for a, _ in rel],  # anyone else: the typeahead, not a dropdown of every actor
    }


def dyad_series(v: Views, a: str, b: str, by: str = "year", reporting_time: bool = False) -> dict[str, Any]:
    """Per period: counts by quad, summed and mean intensity.

    From the analysis layer's claim series when claims exist (one story told
    by ten outlets counts once; negated claims left out); from raw events
    before analysis has run, so the chart is never empty for lack of a step.
    """
    if v.store.count("claims"):
        from claimgraph.analysis.series import dyad_series as claim_series

        series = claim_series(v.store, a, b, by=by, reporting_time=reporting_time)
        rows = [{"period": r.period, **{q: r.counts.get(q, 0) for q in QUADS}, "n": r.n,
                 "sum": round(r.total, 2), "mean": round(r.mean, 2), "claims": r.claims} for r in series.rows]
        return {"a": v.actor(series.a).ref(), "b": v.actor(series.b).ref(), "by": by, "from": "claims",
                "time": series.time, "rows": rows, "undated": len(series.unplaced), "quads": list(QUADS)}
    a, b = v.canon.get(a, a), v.canon.get(b, b)
    rows: dict[str, dict[str, Any]] = {}
    undated = 0
    for it in v.store.events():
        ends = {v.canon.get(x, x) for x in (*it.source, *it.target)}
        if not {a, b} <= ends or it.negated:
            continue
        doc = v.docs.get(it.document_id)
        if reporting_time:
            value = doc.published.value if doc and doc.published else None
        else:
            value = it.date.value if it.date else None
        if not value or not value[:4].isdigit():
            undated += 1
            continue
        key = value[:7] if by == "month" and len(value) >= 7 else value[:4]
        row = rows.setdefault(key, {"period": key, **{q: 0 for q in QUADS}, "n": 0, "sum": 0.0})
        row[quad_of(it.type)] = row.get(quad_of(it.type), 0) + 1
        row["sum"] += float(it.intensity)
        row["n"] += 1
    out = [dict(r, mean=round(r["sum"] / r["n"], 2), sum=round(r["sum"], 2)) for _, r in sorted(rows.items())]
    return {"a": v.actor(a).ref(), "b": v.actor(b).ref(), "by": by, "from": "events",
            "time": "reporting" if reporting_time else "event", "rows": out, "undated": undated,
            "quads": list(QUADS)}


__all__ = ["ClaimView", "Document", "Actor", "actor_view", "document_view", "dyad_series"]
