"""Token → actor lookups for the events coder, whichever actor source exists.

The actors component (claimgraph/nlp/actors.py) owns actor recognition and
document-level reference. The coder asks it "which actor is token i?"
through `actor_for_token`. Two fallbacks keep the coder usable (and its
tests runnable) when that component is absent from the pipeline: the
doc's `cg_mentions` if someone filled them, else a bare NER reading
(GPE → ISO country via pycountry, other names → a slug). The fallback is
deliberately dumb; it is not a second actors component.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from types import ModuleType

from spacy.tokens import Doc, Token

from claimgraph.nlp.types import ActorMention, EventMention

_FALLBACK_KEY = "cg_events_actor_index"
PAIR_KEY = "cg_events_state_pair"
PAIR_NOUNS = {"countries", "nations", "states", "governments", "neighbours", "neighbors", "sides", "capitals"}
_NER_LABELS = {"GPE", "NORP", "ORG", "PERSON"}


@cache
def _actors_module() -> ModuleType | None:
    try:
        return importlib.import_module("claimgraph.nlp.actors")
    except ImportError:
        return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "unknown"


@cache
def _country_id(name: str) -> str | None:
    import pycountry

    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return None


def _index(doc: Doc) -> dict[int, ActorMention]:
    """token index → mention, from cg_mentions or (failing that) from NER."""
    cached = doc.user_data.get(_FALLBACK_KEY)
    if cached is not None:
        return cached
    index: dict[int, ActorMention] = {}
    mentions = doc._.cg_mentions
    if mentions is None:
        mentions = []
        for ent in doc.ents:
            if ent.label_ not in _NER_LABELS:
                continue
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            ident = (_country_id(text) if ent.label_ == "GPE" else None) or _slug(text)
            mentions.append(ActorMention(ent.start, ent.end, ent.start_char, ent.end_char,
                                         ent.text, ident, "actor", "events-fallback:ner"))
    for m in mentions:
        for i in range(m.start, m.end):
            index.setdefault(i, m)
    doc.user_data[_FALLBACK_KEY] = index
    return index


def actor_at(doc: Doc, i: int, places: bool = False) -> ActorMention | None:
    """The actor that token i names, or None; places only when `places` is set.

    A place ("its embassy in Tel Aviv") is not an acting party, but where an
    event happens can say whom it is aimed at (a visit to Amman, a bombing in
    Baghdad), so the coder asks for places as a last resort for targets.
    """
    mod = _actors_module()
    if mod is not None and doc._.cg_mentions is not None and hasattr(mod, "actor_for_token"):
        found = mod.actor_for_token(doc, i)
    else:
        found = _index(doc).get(i)
    if found is None or (found.role == "location" and not places):
        return None
    return found


def location_at(doc: Doc, i: int) -> ActorMention | None:
    """A place mention at token i (for event locations), or None."""
    mentions = doc._.cg_mentions or []
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
    actors = doc._.cg_actors or {}
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
    actors = doc._.cg_actors or {}
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
