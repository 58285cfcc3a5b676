"""Build real stores from hand-made extractions (through Store.save_extraction)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.model import Actor, DateValue, Document, Event, Mention, Span
from claimgraph.store.store import Store

COUNTRIES = {c: Actor(c, n, "country") for c, n in
             (("ISR", "Israel"), ("AZE", "Azerbaijan"), ("IRN", "Iran"), ("USA", "United States"))}


@dataclass
class Ev:
    """One event: the sentence is generated so that it is really in the document text."""

    sentence: str
    type: str
    source: list[str]
    target: list[str]
    mode: str | None = None
    date: str | None = None
    precision: str = "year"
    status: str = "asserted"
    said_by: str | None = None
    said_by_text: str | None = None
    negated: bool = False
    contexts: list[str] = field(default_factory=list)
    named: list[tuple[str, str]] = field(default_factory=list)  # (surface in the sentence, actor id) → mentions
    rule: str = ""  # the extraction rule ("noun:war→ASSAULT" for a nominal event)


@dataclass
class Doc:
    outlet: str
    published: str | None
    events: list[Ev]
    actors: list[Actor] = field(default_factory=list)
    header: str = ""


def doc_text(d: Doc) -> str:
    return (d.header + "\n" if d.header else "") + " ".join(e.sentence for e in d.events)


def add(store: Store, d: Doc) -> str:
    """Insert the document and its extraction; returns its id."""
    text = doc_text(d)
    from claimgraph.model import document_id
    did = document_id(text)
    store.add_document(Document(id=did, text=text, origin=f"/x/{did}.txt", outlet=d.outlet,
                                published=DateValue(d.published, "day") if d.published else None))
    events, mentions, pos = [], [], len(d.header) + 1 if d.header else 0
    for i, e in enumerate(d.events):
        start = text.index(e.sentence, pos)
        pos = start + len(e.sentence)
        for surface, actor_id in e.named:
            at = text.index(surface, start, pos)
            mentions.append(Mention(did, at, at + len(surface), surface, actor_id))
        events.append(Event(
            id=f"{did}-e{i:03d}", document_id=did, sentence=Span(start, pos), type=e.type,
            source=e.source, target=e.target, mode=e.mode, contexts=e.contexts,
            date=DateValue(e.date, e.precision) if e.date else (DateValue(d.published, "day") if d.published else None),
            date_source="timex" if e.date else ("publication" if d.published else None),
            status=e.status, said_by=e.said_by, said_by_text=e.said_by_text, negated=e.negated, rule=e.rule))
    ids = {a for e in d.events for a in e.source + e.target + ([e.said_by] if e.said_by else [])}
    ids |= {a for e in d.events for _s, a in e.named}
    actors = [COUNTRIES[a] for a in sorted(ids) if a in COUNTRIES] + d.actors
    store.save_extraction(did, actors=actors, mentions=mentions, timexes=[], attributions=[], events=events,
                          extractor_version="test")
    return did


def open_store(tmp_path: Path, name: str = "t.db") -> Store:
    return Store.open(tmp_path / name)


def snapshot(store: Store) -> dict[str, object]:
    """Everything analysis writes, in a comparable form (for incremental == rebuild)."""
    from claimgraph.store.claims import ClaimStore

    cs = ClaimStore(store)
    claims = []
    for sc in cs.claims():
        c = sc.claim
        claims.append((c.id, sc.bucket, c.type, c.mode, tuple(c.source), tuple(c.target), sc.negated,
                       c.date.value if c.date else None, c.status, tuple(c.events), tuple(c.documents),
                       tuple(c.independent_sources), tuple(sorted(c.presentations.items())), c.grade.code,
                       tuple(c.grade.reasons), sc.reported))
    merges = sorted((m.actor_id, m.canonical_id, m.why) for m in cs.merges().values())
    return {"claims": claims, "links": cs.all_links(), "merges": merges}
