"""The actors of one document while the component works on it.

Ids: states use ISO alpha-3; known organisations their table id; everything
else a slug of its canonical name, so the same name gives the same id in every
document (cross-document resolution starts from that). A government body with
a generic name ("Ministry of National Security") is prefixed with its state's
code, because every state has one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from claimgraph.model import Actor
from claimgraph.ontology.actors import KnownOrg, country_name

GOV_SECTORS = {"GOV", "MIL", "SPY", "COP", "JUD", "LEG"}
KIND_CATEGORIES: dict[str, tuple[str, ...]] = {
    "company": ("company", "firm"),
    "agency": ("agency",),
    # an outlet is also referred to by what it publishes: "the piece accused …" = the outlet
    "media": ("outlet", "piece", "article", "editorial", "commentary", "column", "op-ed"),
    "armed-group": ("group",),
    "military": ("military", "force"),
    "ngo": ("group", "organization"),
    "igo": ("organization",),
}
MAX_SLUG = 80


def slug(text: str) -> str:
    """A stable id from a name: ASCII, lower case, words joined by hyphens."""
    text = unicodedata.normalize("NFKD", text[:200]).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:MAX_SLUG].strip("-") or "actor"


@dataclass(slots=True)
class ActorState:
    """An Actor plus what in-document resolution needs to know about it."""

    actor: Actor
    tokens: tuple[str, ...] = ()  # lower-cased name tokens, for short forms
    categories: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    first: int = 10**9  # first token where it is mentioned
    last: int = -1  # last token where it is mentioned (as an actor)
    positions: list[int] = field(default_factory=list)  # token index of each mention
    # (place words, name words a short form must abbreviate): coref.short_form asks for
    # them for every state at every name, and `tokens` never changes once registered
    long_form: tuple[AbstractSet[str], list[str]] | None = None


class Registry:
    def __init__(self) -> None:
        self.states: dict[str, ActorState] = {}
        self.aliases: dict[str, str] = {}  # exact surface (acronym, name) → actor id

    def seen(self, actor_id: str, surface: str, start: int, end: int) -> None:
        st = self.states[actor_id]
        if surface and surface not in st.actor.aliases:
            st.actor.aliases.append(surface)
        st.first = min(st.first, start)
        st.last = max(st.last, end)
        st.positions.append(start)

    def country(self, iso3: str) -> str:
        if iso3 not in self.states:
            actor = Actor(id=iso3, name=country_name(iso3), kind="country", country=iso3)
            self.states[iso3] = ActorState(actor, tokens=tuple(actor.name.lower().split()))
        return iso3

    def known(self, org: KnownOrg) -> str:
        if org.id not in self.states:
            actor = Actor(id=org.id, name=org.name, kind=org.kind, country=org.country, sector=org.sector)
            cats = set(org.category) | set(KIND_CATEGORIES.get(org.kind, ()))
            self.states[org.id] = ActorState(actor, tokens=tuple(org.name.lower().split()), categories=cats)
            for alias in org.aliases:
                self.aliases.setdefault(alias, org.id)
        return org.id

    def named(self, name: str, kind: str, *, country: str | None, sector: str | None,
              categories: set[str], titles: set[str], generic: bool = False) -> str:
        """Create or enrich the actor called `name`; return its id."""
        actor_id = slug(name)
        if generic and country and kind != "person":
            actor_id = f"{country.lower()}-{actor_id}"
        st = self.states.get(actor_id)
        if st is None:
            actor = Actor(id=actor_id, name=name, kind=kind, country=country, sector=sector)
            st = ActorState(actor, tokens=tuple(name.lower().split()))
            self.states[actor_id] = st
        self.enrich(actor_id, country=country, sector=sector, categories=categories, titles=titles)
        if kind != "unknown" and st.actor.kind == "unknown":
            st.actor.kind = kind
        return actor_id

    def enrich(self, actor_id: str, *, country: str | None = None, sector: str | None = None,
               categories: set[str] | None = None, titles: set[str] | None = None) -> None:
        st = self.states[actor_id]
        if st.actor.kind == "country":
            return
        if country and not st.actor.country:
            st.actor.country = country
        if sector and not st.actor.sector:
            st.actor.sector = sector
        st.categories |= categories or set()
        st.categories |= set(KIND_CATEGORIES.get(st.actor.kind, ()))
        st.titles |= titles or set()

    def actors(self) -> dict[str, Actor]:
        return {k: st.actor for k, st in self.states.items() if st.last >= 0}
