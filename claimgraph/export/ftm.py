"""FollowTheMoney entities (JSON Lines) for Aleph and other FtM tools.

Built with followthemoney's own model (`model.make_entity` + `add(...,
quiet=False)`), so a property the schema does not have fails here, at export,
rather than in an analyst's Aleph import. Mapping:
actors → Person / Company / PublicBody / Organization; documents → Article;
events → Event (involved = its actors); claims → UnknownLink between the
actors, graded, with `proof` = their articles; provenance → Documentation
(event ↔ article) and Mention (an actor's name as it appears in an article).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from claimgraph.export.graph import load_claims
from claimgraph.export.records import Lookup
from claimgraph.model import Actor
from claimgraph.store import Store

SCHEMA_BY_KIND = {
    "person": "Person",
    "company": "Company",
    "media": "Company",
    "country": "PublicBody",
    "agency": "PublicBody",
    "military": "PublicBody",
}
PREFIX = "cg"


def _entity(schema: str, *key: str) -> EntityProxy:
    e = model.make_entity(schema)
    e.make_id(PREFIX, schema, *key)
    return e


def _add(e: EntityProxy, prop: str, value: Any) -> None:
    """Add a value; unknown properties raise (quiet=False) — the point of using the model."""
    if value is None or value == "" or value == []:
        return
    e.add(prop, value, quiet=False)


def actor_entity(actor: Actor) -> EntityProxy:
    schema = SCHEMA_BY_KIND.get(actor.kind, "Organization")
    e = _entity(schema, "actor", actor.id)
    _add(e, "name", actor.name)
    _add(e, "alias", [a for a in actor.aliases if a != actor.name])
    country = actor.id if actor.kind == "country" else actor.country
    if country:
        _add(e, "country", country.lower())
        if actor.kind == "country":
            _add(e, "jurisdiction", country.lower())
    _add(e, "classification", actor.kind)
    if schema != "Person":
        _add(e, "sector", actor.sector)
    _add(e, "keywords", f"claimgraph:{actor.id}")
    return e


def entities(store: Store) -> Iterator[EntityProxy]:
    """Every entity, articles first so references point backwards in the stream."""
    lk = Lookup(store)
    articles: dict[str, EntityProxy] = {}
    for doc in lk.docs.values():
        a = _entity("Article", "document", doc.id)
        _add(a, "title", doc.title or doc.origin or doc.id)
        _add(a, "bodyText", lk.text(doc.id))
        _add(a, "publisher", doc.outlet)
        _add(a, "author", doc.author)
        _add(a, "language", doc.language)
        _add(a, "contentHash", doc.id)
        if doc.published and doc.published.precision in ("day", "month", "year"):
            _add(a, "publishedAt", doc.published.value)
        if doc.origin.startswith(("http://", "https://")):
            _add(a, "sourceUrl", doc.origin)
        else:
            _add(a, "fileName", doc.origin)
        articles[doc.id] = a
        yield a
    actors: dict[str, EntityProxy] = {}
    for actor in lk.actors.values():
        actors[actor.id] = actor_entity(actor)
        yield actors[actor.id]
    for doc_id, art in articles.items():
        seen: set[tuple[str, str]] = set()
        for m in store.mentions(doc_id):
            if not m.actor_id or m.actor_id not in actors or (m.actor_id, m.text) in seen:
                continue
            seen.add((m.actor_id, m.text))
            men = _entity("Mention", "mention", doc_id, m.actor_id, m.text)
            _add(men, "document", art.id)
            _add(men, "resolved", actors[m.actor_id].id)
            _add(men, "name", m.text)
            _add(men, "detectedSchema", actors[m.actor_id].schema.name)
            yield men
    for ev in store.events():
        e = _entity("Event", "event", ev.id)
        text = lk.text(ev.document_id)[ev.sentence.start:ev.sentence.end]
        _add(e, "name", f"{ev.type}{'/' + ev.mode if ev.mode else ''}: {text[:180]}")
        _add(e, "summary", text)
        _add(e, "keywords", [ev.type, *([ev.mode] if ev.mode else []), *ev.contexts, ev.status])
        if ev.date and ev.date.precision in ("day", "month", "year"):
            _add(e, "date", ev.date.value)
        _add(e, "location", ev.location)
        _add(e, "involved", [actors[a].id for a in [*ev.source, *ev.target] if a in actors])
        _add(e, "organizer", [actors[a].id for a in ev.source if a in actors])
        _add(e, "recordId", ev.id)
        yield e
        if ev.document_id in articles:
            d = _entity("Documentation", "evidence", ev.id)
            _add(d, "document", articles[ev.document_id].id)
            _add(d, "entity", e.id)
            _add(d, "role", f"evidence ({ev.status})")
            _add(d, "summary", text)
            yield d
    yield from _claim_entities(store, actors, articles)


def _claim_entities(
    store: Store, actors: dict[str, EntityProxy], articles: dict[str, EntityProxy]
) -> Iterator[EntityProxy]:
    """Claims as graded links between actors, with their documents as provenance."""
    for c in load_claims(store):
        for src in c.source:
            for tgt in c.target:
                if src not in actors or tgt not in actors:
                    continue
                link = _entity("UnknownLink", "claim", c.id, src, tgt)
                _add(link, "subject", actors[src].id)
                _add(link, "object", actors[tgt].id)
                _add(link, "role", f"{c.type}{'/' + c.mode if c.mode else ''}")
                _add(link, "status", f"{c.status}; grade {c.grade.code}")
                _add(link, "description", "; ".join(c.grade.reasons))
                _add(link, "recordId", c.id)
                if c.date and c.date.precision in ("day", "month", "year"):
                    _add(link, "date", c.date.value)
                _add(link, "proof", [articles[d].id for d in c.documents if d in articles])
                yield link


class FtmExporter:
    name = "ftm"
    whats = ("entities", "events")  # one connected entity stream either way: events need their actors
    binary = False

    def export(self, store: Store, what: str, out: IO[Any]) -> int:
        """Every entity as FtM JSON Lines; `what` does not narrow it (see `whats`)."""
        n = 0
        for e in entities(store):
            out.write(json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
        return n
