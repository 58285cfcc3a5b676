"""The event lexicon (ontology/data/event_lexicon.toml), compiled for lookup.

Entries are grouped into dicts keyed by lemma (phrasal verbs as "hand over",
compound nouns as "hunger strike") once per process, so coding a token is a
dict hit plus a few condition checks, never a scan of the lexicon. Each
entry also knows how to describe itself (`rule`) so every event can say
which word and condition produced it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from claimgraph.ontology import load_toml
from claimgraph.ontology.plover import PLOVER_TYPES, normalise_type


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row: a word (and maybe a condition) → a PLOVER reading."""

    pos: str  # "verb" or "noun"
    lemma: str
    type: str
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    obj: frozenset[str] = frozenset()  # condition: object head lemma (verbs)
    prep: frozenset[str] = frozenset()  # condition: a prepositional child (verb or noun)
    of: frozenset[str] = frozenset()  # condition: head of the "of" phrase (nouns)
    comp: bool = False  # condition: the verb has a clausal complement ("told X to …")
    target: tuple[str, ...] = ()
    source_preps: tuple[str, ...] = ()
    theme: bool = False
    control: bool = False
    reciprocal: bool = False
    intent: bool = False
    passive_roles: bool = False  # "X received aid from Y": subject is the target
    source_from: tuple[str, ...] = ()
    strength: float = 0.8

    @property
    def conditional(self) -> bool:
        return bool(self.obj or self.prep or self.of or self.comp)

    def rule(self) -> str:
        cond = ""
        if self.obj:
            cond = "+" + "|".join(sorted(self.obj)[:3])
        elif self.of:
            cond = "+of:" + "|".join(sorted(self.of)[:3])
        elif self.prep:
            cond = "+" + "|".join(sorted(self.prep))
        mode = f"/{self.mode}" if self.mode else ""
        return f"{self.pos}:{self.lemma}{cond}→{self.type}{mode}"


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]
    light: frozenset[str]
    receiving: frozenset[str]
    object_control: frozenset[str]
    idioms: frozenset[str]
    plan_nouns: frozenset[str]
    plan_authors: frozenset[str]
    say: frozenset[str]
    modals: frozenset[str]
    intent_aux: frozenset[str]
    intent_adj: frozenset[str]
    intent_verbs: frozenset[str]
    future_predicates: frozenset[str]
    denial: frozenset[str]
    actor_modes: frozenset[str]
    abstract_nouns: frozenset[str]
    verb_target: tuple[str, ...]
    theme_target: tuple[str, ...]
    noun_target_preps: tuple[str, ...]
    noun_source_preps: tuple[str, ...]
    # Lemmas that can reach an entry: a verb key is "lemma" or "lemma particle/object",
    # a noun key "lemma" or "modifier lemma". The coder skips other words without
    # reading their children (see events._predicates).
    verb_heads: frozenset[str] = frozenset()
    noun_tails: frozenset[str] = frozenset()


def _heads(keys: Iterable[str]) -> frozenset[str]:
    """Each key and every part of it that ends before a space."""
    return frozenset(k[:i] for k in keys for i in [len(k), *(j for j, ch in enumerate(k) if ch == " ")])


def _tails(keys: Iterable[str]) -> frozenset[str]:
    """Each key and every part of it that starts after a space."""
    return frozenset(k[i:] for k in keys for i in [0, *(j + 1 for j, ch in enumerate(k) if ch == " ")])


def _lemmas(row: dict) -> list[str]:
    raw = row.get("lemmas") or [row["lemma"]]
    return [str(x).lower() for x in raw]


def _entry(pos: str, lemma: str, row: dict, defaults: dict) -> Entry:
    kind = normalise_type(str(row["type"]))
    if kind is None or kind not in PLOVER_TYPES:
        raise ValueError(f"event_lexicon.toml: {pos} {lemma!r} has unknown type {row['type']!r}")
    if pos == "verb":
        target = tuple(row.get("target") or (defaults["theme_target"] if row.get("theme") else defaults["verb_target"]))
    else:
        target = tuple(row.get("target_preps") or defaults["noun_target_preps"])
    return Entry(
        pos=pos,
        lemma=lemma,
        type=kind,
        mode=row.get("mode") or None,
        contexts=tuple(row.get("contexts") or ()),
        obj=frozenset(x.lower() for x in row.get("obj") or ()),
        prep=frozenset(x.lower() for x in row.get("prep") or ()),
        of=frozenset(x.lower() for x in row.get("of") or ()),
        comp=bool(row.get("comp", False)),
        target=target,
        source_preps=tuple(row.get("source_preps") or defaults["noun_source_preps"]),
        theme=bool(row.get("theme", False)),
        control=bool(row.get("control", False)),
        reciprocal=bool(row.get("reciprocal", False)),
        intent=bool(row.get("intent", False)),
        passive_roles=bool(row.get("passive_roles", False)),
        source_from=tuple(row.get("source_from") or ()),
        strength=float(row.get("strength", 0.8)),
    )


@cache
def lexicon() -> Lexicon:
    """The compiled lexicon; conditional entries sort before general ones."""
    data = load_toml("event_lexicon.toml")
    defaults = data["defaults"]
    grouped: dict[str, dict[str, list[Entry]]] = {"verb": {}, "noun": {}}
    for pos in ("verb", "noun"):
        for row in data.get(pos, []):
            for lemma in _lemmas(row):
                grouped[pos].setdefault(lemma, []).append(_entry(pos, lemma, row, defaults))

    def freeze(d: dict[str, list[Entry]]) -> dict[str, tuple[Entry, ...]]:
        return {k: tuple(sorted(v, key=lambda e: not e.conditional)) for k, v in d.items()}

    verbs, nouns = freeze(grouped["verb"]), freeze(grouped["noun"])
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        light=frozenset(data["light"]["verbs"]),
        receiving=frozenset(data["light"]["receiving"]),
        object_control=frozenset(data["light"]["object_control"]),
        idioms=frozenset(data["light"].get("idioms", ())),
        plan_nouns=frozenset(data["light"].get("plan_nouns", ())),
        plan_authors=frozenset(data["light"].get("plan_authors", ())),
        say=frozenset(data["say"]["verbs"]),
        modals=frozenset(data["say"]["modals"]),
        intent_aux=frozenset(data["intent"]["aux"]),
        intent_adj=frozenset(data["intent"]["adjectives"]),
        intent_verbs=frozenset(data["intent"].get("verbs", ())),
        future_predicates=frozenset(data["intent"].get("future_predicates", ())),
        denial=frozenset(data.get("denial", {}).get("verbs", ())),
        actor_modes=frozenset(data.get("patient", {}).get("actor_modes", ())),
        abstract_nouns=frozenset(data.get("patient", {}).get("abstract_nouns", ())),
        verb_target=tuple(defaults["verb_target"]),
        theme_target=tuple(defaults["theme_target"]),
        noun_target_preps=tuple(defaults["noun_target_preps"]),
        noun_source_preps=tuple(defaults["noun_source_preps"]),
        verb_heads=_heads(verbs),
        noun_tails=_tails(nouns),
    )
