"""A store whose events name places, written through the real Store API and placed by the real analysis.

Not a conftest: the place, export, CLI and map tests import `make_places_store`.
The places are only named in the text; their coordinates come from the
installed gazetteer when the analysis runs, never from this file.
"""

from __future__ import annotations

from pathlib import Path

from claimgraph.analysis import run
from claimgraph.model import Actor, DateValue, Document, Event, Mention, Span, document_id
from claimgraph.store import Store

ACTORS = [
    Actor("SYR", "Syria", "country", "SYR", "GOV"),
    Actor("TUR", "Turkey", "country", "TUR", "GOV"),
    Actor("LBN", "Lebanon", "country", "LBN", "GOV"),
    Actor("LBY", "Libya", "country", "LBY", "GOV"),
    Actor("IRN", "Iran", "country", "IRN", "GOV"),
    Actor("PAK", "Pakistan", "country", "PAK", "GOV"),
    Actor("militia-x", "Militia X", "armed-group", None, "REB"),
]

# (outlet, published, text, events): each event is (key, sentence needle, type, source, target, location,
# place mentions in the sentence as (text, actor id, preposition))
DOCS = [
    ("Wire One", "2024-03-04",
     "Turkey struck targets near Aleppo on Monday. Lebanon said rockets hit Tripoli overnight. "
     "Iran and Turkey held talks in Tehran. Officials said more water flows into Pakistan.",
     [("aleppo", "struck targets", "ASSAULT", ["TUR"], ["SYR"], "Aleppo", [("Aleppo", None, "near")]),
      ("tripoli-lb", "rockets hit", "ASSAULT", [], ["LBN"], "Tripoli", [("Tripoli", None, "in")]),
      ("tehran", "held talks", "CONSULT", ["IRN"], ["TUR"], None, [("Tehran", "IRN", "in")]),
      ("into", "flows into", "AID", ["PAK"], [], None, [("Pakistan", "PAK", "into")])]),
    ("Wire Two", "2024-03-05",
     "Militia X fired on Tripoli. Libya sent aid to Tripoli. Iran trained fighters in Idlib province.",
     [("tripoli-any", "fired on", "ASSAULT", ["militia-x"], [], "Tripoli", []),
      ("tripoli-ly", "sent aid", "AID", ["LBY"], [], "Tripoli", []),
      ("idlib", "trained fighters", "COERCE", ["IRN"], [], "Idlib province", [("Idlib province", None, "in")])]),
]


def _sentence(text: str, needle: str) -> Span:
    i = text.index(needle)
    start = text.rfind(". ", 0, i)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", i)
    end = len(text) if end < 0 else end + 1
    return Span(start, end, text[start:end])


def save_document(store: Store, n: int, drop_locations: bool = False) -> tuple[str, dict[str, str]]:
    """Store and extract document `n` of DOCS; returns its id and event ids by key."""
    outlet, published, text, plan = DOCS[n]
    doc = Document(id=document_id(text), text=text, origin=f"/corpus/{outlet}.txt", outlet=outlet,
                   published=DateValue(published, "day"), ingested_at=f"{published}T00:00:00+00:00")
    store.add_document(doc)
    events, mentions, ids = [], [], {}
    for key, needle, type_, src, tgt, location, places in plan:
        sent = _sentence(text, needle)
        ev = Event(id=f"{doc.id[:8]}-{key}", document_id=doc.id, sentence=sent, type=type_, source=src, target=tgt,
                   date=DateValue(published, "day"), location=None if drop_locations else location,
                   trigger=Span(text.index(needle), text.index(needle) + len(needle), needle))
        events.append(ev)
        ids[key] = ev.id
        for place, actor_id, prep in places:
            start = text.index(place, sent.start)
            mentions.append(Mention(doc.id, start, start + len(place), place, actor_id, "location", f"location:{prep}"))
    for actor in ACTORS:
        pos = 0
        while (i := text.find(actor.name, pos)) >= 0:
            if not any(m.start <= i < m.end for m in mentions):
                mentions.append(Mention(doc.id, i, i + len(actor.name), actor.name, actor.id, "actor", "test"))
            pos = i + len(actor.name)
    store.save_extraction(doc.id, actors=ACTORS, mentions=sorted(mentions, key=lambda m: m.start), timexes=[],
                          attributions=[], events=events, extractor_version="test")
    return doc.id, ids


def make_places_store(path: Path, incremental: bool = False) -> tuple[Store, dict[str, str]]:
    """Both documents stored and analysed (one `update` per document when `incremental`, else one `rebuild`)."""
    store = Store.open(path)
    ids: dict[str, str] = {}
    for n in range(len(DOCS)):
        doc_id, evs = save_document(store, n)
        ids.update(evs)
        if incremental:
            run.update(store, [doc_id])
    if not incremental:
        run.rebuild(store)
    return store, ids
