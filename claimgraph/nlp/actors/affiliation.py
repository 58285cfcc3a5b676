"""Countries for officials whose title phrase names none.

"Foreign Ministry Spokesman Nasser Kanaani said …" in an article about Iran,
"Ousted President Askar Akayev agreed to resign without returning to
Kyrgyzstan": a government, military or judicial title says the person acts
for a state, and news text names that state nearby. We take the state
mentioned nearest to the person in the same sentence (as actor or as place),
else the state the document has named most often before the person (only
when one state clearly leads). People without an official title (a
businessman, a writer) are left alone: nothing says whose they are.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from claimgraph.model import Actor
from claimgraph.nlp.types import ActorMention

OFFICIAL_SECTORS = {"GOV", "MIL", "SPY", "COP", "JUD", "LEG"}


def _state_mentions(mentions: list[ActorMention], actors: dict[str, Actor]) -> list[ActorMention]:
    """State mentions that are not part of another actor's name ("Chinese" in "Chinese leader Xi" is Xi's)."""
    states = [m for m in mentions if (a := actors.get(m.actor_id)) is not None and a.kind == "country"]
    others = [m for m in mentions if m.actor_id in actors and actors[m.actor_id].kind != "country"]
    return [s for s in states if not any(o.start <= s.start and s.end <= o.end for o in others)]


def affiliate_officials(doc: Doc, mentions: list[ActorMention], actors: dict[str, Actor]) -> None:
    """Fill `country` of titled officials that have none, in place."""
    todo = {a.id for a in actors.values() if a.kind == "person" and not a.country and a.sector in OFFICIAL_SECTORS}
    if not todo:
        return
    states = _state_mentions(mentions, actors)
    if not states:
        return
    for m in mentions:
        if m.actor_id not in todo:
            continue
        todo.discard(m.actor_id)
        sent = doc[m.start].sent
        near = [s for s in states if sent.start <= s.start < sent.end and not m.start <= s.start < m.end]
        if near:
            best = min(near, key=lambda s: min(abs(s.start - m.end), abs(m.start - s.end)))
            actors[m.actor_id].country = best.actor_id
            continue
        counts = Counter(s.actor_id for s in states if s.end <= m.start).most_common(2)
        if counts and counts[0][1] >= 2 and (len(counts) == 1 or counts[0][1] >= 2 * counts[1][1]):
            actors[m.actor_id].country = counts[0][0]
