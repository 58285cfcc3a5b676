"""Where an event happened, and places that stand in for a missing party.

DESIGN §3: an event's location is the place it happened — a place mention
(role "location", from cg_actors) attached to the trigger by in/at/over/
near ("struck targets near Damascus", "arrested ten spies in Tehran"). A
verb's place may also hang on its object ("bombed the embassy in Baku"),
a noun's on the noun itself ("the attack in Mosul"). Only place mentions
count: "in 2018" or "in the event" is no location, and an acting party
("talks in which Iran …") is not turned into a place.

Places can also say who a one-sided act involved: "received weapons
training in Iran" (the host state gave it), "landed at Israel's airbase to
transport explosives" (carried for the base's state). `place_parties`
reads those, for the coder's last-resort fallbacks.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.nlp.events import args
from claimgraph.nlp.events.actors import actor_at
from claimgraph.nlp.events.args import kids

LOCATION_PREPS = ("in", "at", "over", "near", "inside", "outside", "off")
MAX_PHRASE = 12  # tokens of a place phrase looked at: "in the West Azerbaijan province of Iran"


def _phrases(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of `tok`'s place prepositions, then of its direct object's ("the embassy in Baku")."""
    heads = [tok]
    if tok.pos_ in ("VERB", "AUX"):
        heads += [c for c in kids(tok) if c.dep_ == "dobj"]
    return [p for h in heads for c in kids(h) if c.dep_ == "prep" and c.lower_ in preps
            for p in kids(c) if p.dep_ == "pobj"]


def location_of(tok: Token) -> str | None:
    """The place mention the trigger happened in/at/over/near, as written ("Tel Aviv")."""
    doc = tok.doc
    for obj in _phrases(tok, LOCATION_PREPS):
        for t in sorted(obj.subtree, key=lambda t: t.i)[:MAX_PHRASE]:
            m = actor_at(doc, t.i, places=True)
            if m is not None and m.role == "location":
                return m.text
    return None


def place_parties(tok: Token, preps: tuple[str, ...] = ("in", "at")) -> list[str]:
    """States behind a trigger's place phrase: the place itself ("in Iran") or its owner
    ("at Israel's airbase"), as actor ids."""
    out: list[str] = []
    for obj in _phrases(tok, preps):
        for a in args.actors_of(obj, places=True):
            if a not in out:
                out.append(a)
    return out
