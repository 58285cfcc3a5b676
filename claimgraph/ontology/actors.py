"""Typed access to the actor tables: countries, well-known organisations, actor words.

Countries come from pycountry (ISO names) plus `countries_extra.tsv` (the short
names, demonyms, capitals and seats of government that news text actually
uses). Organisations come from `agencies.toml`; the words that tell a title
from an organisation type from `actor_words.toml`. Everything is read once per
process (`functools.cache`), so building a pipeline per test module is cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry

from claimgraph.ontology import load_toml, load_tsv

# Forms a country name can take in text; "capital" and "seat" act by metonymy.
COUNTRY_FORMS = ("name", "demonym", "capital", "seat")


@dataclass(frozen=True, slots=True)
class PlaceName:
    """One surface form of a state: its ISO alpha-3 code and what kind of form it is."""

    iso3: str
    form: str  # name, demonym, capital, seat
    text: str


@dataclass(frozen=True, slots=True)
class KnownOrg:
    """A widely known organisation with a fixed id, so it is one actor across documents."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    sector: str | None
    category: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorWords:
    """Lexicons (lower-cased keys) used to type and affiliate actors."""

    titles: dict[str, str]  # title → sector
    org_heads: dict[str, tuple[str, str]]  # head word → (kind, sector)
    sector_modifiers: dict[str, str]
    collectives: dict[str, str]  # noun → sector
    platforms: frozenset[str]
    facilities: frozenset[str]
    locative: frozenset[str]
    person_nouns: frozenset[str]
    headline_verbs: frozenset[str] = frozenset()


@cache
def country_names() -> tuple[PlaceName, ...]:
    """Every surface form of every state, ISO names first, then our extra forms.

    pycountry's inverted names ("Iran, Islamic Republic of") never occur in
    running text, so names with a comma are skipped.
    """
    seen: set[str] = set()
    out: list[PlaceName] = []

    def add(iso3: str, form: str, text: str) -> None:
        text = text.strip()
        if text and "," not in text and text not in seen:
            seen.add(text)
            out.append(PlaceName(iso3, form, text))

    for row in load_tsv("countries_extra.tsv"):
        if row["form"] in COUNTRY_FORMS:
            add(row["iso3"], row["form"], row["text"])
    for country in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                add(country.alpha_3, "name", value)
    return tuple(out)


@cache
def country_name(iso3: str) -> str:
    """The short English name of a state ("Iran", not "Iran, Islamic Republic of")."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    for row in load_tsv("countries_extra.tsv"):
        if row["iso3"] == iso3 and row["form"] == "name":
            return row["text"]
    return getattr(country, "common_name", None) or country.name


@cache
def known_orgs() -> tuple[KnownOrg, ...]:
    return tuple(
        KnownOrg(
            id=entry["id"],
            name=entry["name"],
            aliases=tuple(dict.fromkeys([entry["name"], *entry.get("aliases", [])])),
            kind=entry.get("kind", "organization"),
            country=entry.get("country"),
            sector=entry.get("sector"),
            category=tuple(entry.get("category", [])),
        )
        for entry in load_toml("agencies.toml")["org"]
    )


@cache
def actor_words() -> ActorWords:
    data = load_toml("actor_words.toml")
    return ActorWords(
        titles={k.lower(): v for k, v in data["titles"].items()},
        org_heads={k.lower(): (v[0], v[1]) for k, v in data["org_heads"].items()},
        sector_modifiers={k.lower(): v for k, v in data["sector_modifiers"].items()},
        collectives={k.lower(): v for k, v in data["collectives"].items()},
        platforms=frozenset(w.lower() for w in data["platforms"]["words"]),
        facilities=frozenset(w.lower() for w in data["facilities"]["words"]),
        locative=frozenset(w.lower() for w in data["locative"]["prepositions"]),
        person_nouns=frozenset(w.lower() for w in data["person_nouns"]["words"]),
        headline_verbs=frozenset(w.lower() for w in data.get("headline_verbs", {}).get("words", ())),
    )
