"""Typed access to the PLOVER ontology (data/plover.toml) and the CAMEO map.

The analysis and UI layers ask "which quad is this?", "how hostile is it?"
and "what is CAMEO 173 in PLOVER?"; answering from one data file keeps the
coder, the store and the charts on the same scale. Older gold files use
retired type names (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT): `normalise_type`
maps them so evaluation compares like with like.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from claimgraph.ontology import load_toml, load_tsv

QUADS: tuple[str, ...] = (
    "verbal cooperation", "material cooperation", "verbal conflict", "material conflict",
)


@dataclass(frozen=True, slots=True)
class PloverType:
    """One of the sixteen types, with its quad, base score and mode scores."""

    name: str
    quad: str
    score: float
    about: str = ""
    modes: dict[str, float] = field(default_factory=dict)
    legacy: tuple[str, ...] = ()


@cache
def _types() -> dict[str, PloverType]:
    data = load_toml("plover.toml")
    out: dict[str, PloverType] = {}
    for row in data["type"]:
        quad_name = str(row["quad"])
        if quad_name not in QUADS:
            raise ValueError(f"plover.toml: {row['name']} has unknown quad {quad_name!r}")
        out[str(row["name"])] = PloverType(
            name=str(row["name"]),
            quad=quad_name,
            score=float(row["score"]),
            about=str(row.get("about", "")),
            modes={str(k): float(v) for k, v in (row.get("modes") or {}).items()},
            legacy=tuple(str(x) for x in row.get("legacy", ())),
        )
    return out


def types() -> dict[str, PloverType]:
    """All types by name, in canonical order."""
    return dict(_types())


PLOVER_TYPES: tuple[str, ...] = tuple(_types())

CONTEXTS: tuple[str, ...] = tuple(load_toml("plover.toml")["contexts"]["names"])

# Retired name → current name ("DEMAND" → "REQUEST"), from the `legacy` lists.
LEGACY: dict[str, str] = {old: t.name for t in _types().values() for old in t.legacy}


def normalise_type(name: str) -> str | None:
    """A current PLOVER type for a current or retired name; None if unknown."""
    key = name.strip().upper()
    if key in _types():
        return key
    return LEGACY.get(key)


def get(name: str) -> PloverType:
    """The type record; raises KeyError naming the bad type."""
    norm = normalise_type(name)
    if norm is None:
        raise KeyError(f"unknown PLOVER type {name!r}")
    return _types()[norm]


def quad(name: str) -> str:
    """"verbal cooperation", "material cooperation", "verbal conflict" or "material conflict"."""
    return get(name).quad


def modes(name: str) -> tuple[str, ...]:
    return tuple(get(name).modes)


def intensity(name: str, mode: str | None = None) -> float:
    """Score on −10…+10: the mode's own score when it has one, else the type's base."""
    t = get(name)
    if mode and mode in t.modes:
        return t.modes[mode]
    return t.score


def is_cooperative(name: str) -> bool:
    return quad(name).endswith("cooperation")


def is_material(name: str) -> bool:
    return quad(name).startswith("material")


# Types whose parties act together, so either may stand as source: "X and Y met /
# agreed / cooperate / agreed a ceasefire". Hostile or one-way acts are never mutual.
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "RETREAT"})


def is_reciprocal(name: str) -> bool:
    return name in RECIPROCAL_TYPES


@dataclass(frozen=True, slots=True)
class CameoMapping:
    type: str
    mode: str | None
    contexts: tuple[str, ...]


@cache
def _cameo() -> dict[str, CameoMapping]:
    out: dict[str, CameoMapping] = {}
    for row in load_tsv("cameo_plover.tsv"):
        code = (row.get("cameo") or "").strip()
        kind = (row.get("type") or "").strip()
        if not code or not kind:
            continue
        ctx = tuple(c.strip() for c in (row.get("contexts") or "").split(";") if c.strip())
        out[code] = CameoMapping(kind, (row.get("mode") or "").strip() or None, ctx)
    return out


def cameo_to_plover(code: str) -> tuple[str, str | None, tuple[str, ...]] | None:
    """(type, mode, contexts) for a CAMEO code, by longest listed prefix; None if unmapped.

    Codes are digit strings ("173", "0871"); anything else (or a code no
    prefix of which is listed, like "01") gives None rather than a guess.
    """
    code = code.strip()
    if not code.isdigit() or len(code) > 4:
        return None
    table = _cameo()
    for n in range(len(code), 1, -1):
        hit = table.get(code[:n])
        if hit is not None:
            return hit.type, hit.mode, hit.contexts
    return None
