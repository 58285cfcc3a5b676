"""Places: each event resolved to a gazetteer entry with coordinates and precision.

Computed at analysis time, not extraction time, because the choice between
namesakes needs what analysis knows: the event's actors resolved across
documents and their states ("Tripoli" with Lebanese actors is in Lebanon).
It is also cheap (dictionary look-ups, no parse), so a better gazetteer rule
is a re-analysis, not a re-extraction of the corpus. The result is a pure
function of the stored event, its sentence's place mentions and the
resolution, so re-runs (and `update` versus `rebuild`) write the same rows.

What is read, in order:
1. the event's own place phrase (`Event.location`, "struck targets near
   Damascus"), with the state its mention was resolved to as a hint;
2. failing a phrase, the places its sentence names after a locative
   preposition ("officials met in Islamabad"; not "flows into Pakistan",
   a direction): one place if they all name it, their state (country
   precision) if they are several in one state, nothing if they disagree.
A phrase the gazetteer cannot resolve without guessing leaves the event
unplaced; an unplaced event is simply not on the map.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from claimgraph.analysis.resolve import Resolution
from claimgraph.model import Event, Mention
from claimgraph.ontology.gazetteer import Gazetteer, gazetteer, rules
from claimgraph.store.places import EventPlace, PlaceStore
from claimgraph.store.store import Store


def actor_states(ev: Event, res: Resolution) -> list[str]:
    """ISO alpha-3 codes of the states an event's parties are or belong to, sources first."""
    out: list[str] = []
    for raw in [*ev.source, *ev.target]:
        actor = res.actor(raw)
        if actor is None:
            continue
        iso = res.of(raw) if actor.kind == "country" else actor.country
        if iso and iso not in out:
            out.append(iso)
    return out


def _hint(m: Mention, gz: Gazetteer) -> list[str]:
    """The state a place mention was resolved to in extraction ("in Tehran" → IRN), if any."""
    return [m.actor_id] if m.actor_id and gz.country(m.actor_id) is not None else []


def place_event(ev: Event, mentions: Sequence[Mention], prefer: list[str], gz: Gazetteer) -> EventPlace | None:
    """Where `ev` happened, or None. `mentions`: its document's mentions."""
    in_sentence = [m for m in mentions if m.role == "location"
                   and ev.sentence.start <= m.start and m.end <= ev.sentence.end]
    if ev.location:  # its own place phrase, whatever the preposition ("the attack on Kharkiv")
        hints = [h for m in in_sentence if m.text == ev.location for h in _hint(m, gz)]
        place = gz.resolve(ev.location, [*hints, *prefer])
        return EventPlace(ev.id, ev.document_id, ev.location, "location", place) if place else None
    locative = rules().sentence_prepositions
    found = [(m, p) for m in in_sentence if m.rule.partition(":")[2] in locative
             and (p := gz.resolve(m.text, [*_hint(m, gz), *prefer])) is not None]
    if not found:
        return None
    text = " / ".join(dict.fromkeys(m.text for m, _p in found))
    if len({p.geonameid for _m, p in found}) == 1:
        return EventPlace(ev.id, ev.document_id, text, "sentence", found[0][1])
    if len({p.country for _m, p in found}) == 1:
        country = gz.country(found[0][1].country)
        return EventPlace(ev.id, ev.document_id, text, "sentence", country) if country else None
    return None


def place_events(store: Store, res: Resolution, events: Iterable[Event]) -> list[EventPlace]:
    events = list(events)
    if not events:
        return []
    gz = gazetteer()
    mentions = store.mentions_by_document({e.document_id for e in events})
    out = []
    for ev in sorted(events, key=lambda e: e.id):
        ep = place_event(ev, mentions.get(ev.document_id, []), actor_states(ev, res), gz)
        if ep is not None:
            out.append(ep)
    return out


def refresh(store: Store, res: Resolution, events: Iterable[Event], everything: bool = False) -> int:
    """Re-place `events` (all stored places replaced when `everything`); returns how many are placed."""
    events = list(events)
    placed = place_events(store, res, events)
    PlaceStore(store).replace(None if everything else [e.id for e in events], placed)
    return len(placed)
