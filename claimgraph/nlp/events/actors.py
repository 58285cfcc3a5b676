"""Token → actor lookups for the events coder.

The actors component (claimgraph/nlp/actors/component.py) owns actor recognition and
document-level reference; the coder only asks it "which actor is token i?"
through `actor_for_token`, so cg_events needs cg_actors earlier in the
pipeline (nlp/pipeline.py puts it there).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.nlp.actors.component import actor_for_token
from claimgraph.nlp.types import ActorMention, EventMention, ext

PAIR_KEY = "cg_events_state_pair"
PAIR_NOUNS = {"countries", "nations", "states", "governments", "neighbours", "neighbors", "sides", "capitals"}


def actor_at(doc: Doc, i: int, places: bool = False) -> ActorMention | None:
    """The actor that token i names, or None; places only when `places` is set.

    A place ("its embassy in Tel Aviv") is not an acting party, but where an
    event happens can say whom it is aimed at (a visit to Amman, a bombing in
    Baghdad), so the coder asks for places as a last resort for targets.
    """
    found = actor_for_token(doc, i)
    if found is None or (found.role == "location" and not places):
        return None
    return found


def location_at(doc: Doc, i: int) -> ActorMention | None:
    """A place mention at token i (for event locations), or None."""
    mentions = ext(doc, "cg_mentions") or []
    for m in mentions:
        if m.start <= i < m.end and m.role == "location":
            return m
    return None


_STATE_ORGAN_KINDS = {"agency", "military", "ministry", "government", "police"}
_STATE_SECTORS = {"GOV", "MIL", "SPY", "COP", "JUD", "LEG"}


def with_states(doc: Doc, ids: list[str]) -> list[str]:
    """`ids` plus the state of each state organ among them ("the State Department" → also USA).

    PLOVER codes a ministry, army or spy service as its state with a sector;
    we keep the organ (it is who acted) and add the state, so a dyad query by
    country finds the event. People and companies keep only themselves: a
    person's country is an affiliation, not the actor.
    """
    actors = ext(doc, "cg_actors") or {}
    out = list(ids)
    for a in ids:
        actor = actors.get(a)
        if actor is None or actor.kind not in _STATE_ORGAN_KINDS or actor.sector not in _STATE_SECTORS:
            continue
        if actor.country and actor.country not in out:
            out.append(actor.country)
    return out


def note_pair(doc: Doc, events: list[EventMention]) -> None:
    """Remember the last two states that met as source and target ("X supplies Y with oil")."""
    actors = ext(doc, "cg_actors") or {}
    for ev in events:
        src = [a for a in ev.source if getattr(actors.get(a), "kind", None) == "country"]
        tgt = [a for a in ev.target if getattr(actors.get(a), "kind", None) == "country" and a not in src]
        if len(src) == 1 and len(tgt) == 1:
            doc.user_data[PAIR_KEY] = [src[0], tgt[0]]


def pair_for(tok: Token) -> list[str]:
    """"the two countries", "both nations": the two states last paired by an event, if any."""
    if tok.lower_ not in PAIR_NOUNS:
        return []
    if not any(c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet", "amod") for c in tok.children):
        return []
    return list(tok.doc.user_data.get(PAIR_KEY) or [])
