"""Cross-document actor resolution: one actor per real-world entity.

Per-document extraction names actors as each article spells them ("Silk Way"
here, "Silk Way Airlines" there, "Aliyev" after "Ilham Aliyev"). Claims can
only be compared across sources once those ids agree, so this module maps
every raw actor id to a canonical one, and records *why* for every merge.

Why recompute from scratch each time: resolution works on the actors table
(thousands of rows, hashed keys), not on events, so a full pass is cheap and
makes "incremental == rebuild" hold by construction. User decisions
(`merge`, `split`) are stored separately and re-applied on every pass, so
they survive re-runs; the latest decision about a pair wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from claimgraph.errors import NotFound, UsageError
from claimgraph.model import Actor
from claimgraph.store.claims import ClaimStore, Merge
from claimgraph.store.store import Store

ORG_SUFFIXES = {"airlines", "airline", "airways", "group", "company", "co", "inc", "ltd", "llc", "corporation",
                "corp", "plc", "sa", "ag", "gmbh", "holding", "holdings"}
ACRONYM_SKIP = {"of", "and", "the", "for", "in", "on", "de", "du", "la", "&"}
ORG_KINDS = {"organization", "agency", "company", "media", "armed-group", "military", "ngo", "igo", "group", "unknown"}


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Comparable form of a name: NFKC, lower case, no leading article, no punctuation.

    Cached: resolution asks for the same names several times per pass."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def is_generic(alias: str) -> bool:
    """'the airline', 'the spy agency': descriptions, not names — never a merge key."""
    words = unicodedata.normalize("NFKC", alias).split()
    return not words or all(w.islower() for w in words if w.isalpha()) or (
        words[0].lower() == "the" and all(w.islower() for w in words[1:]))


def acronym(name: str) -> str | None:
    words = [w for w in re.split(r"[\s\-]+", unicodedata.normalize("NFKC", name)) if w]
    caps = [w for w in words if w.lower() not in ACRONYM_SKIP]
    if len(caps) < 2 or not all(w[0].isupper() for w in caps):
        return None
    return "".join(w[0] for w in caps).lower()


def org_key(name: str) -> str:
    toks = norm(name).split()
    while len(toks) > 1 and toks[-1] in ORG_SUFFIXES:
        toks.pop()
    return " ".join(toks)


def _kind_class(a: Actor) -> str:
    if a.kind == "country":
        return "country"
    if a.kind == "person":
        return "person"
    return "org" if a.kind in ORG_KINDS else a.kind


@dataclass(slots=True)
class Resolution:
    """raw actor id → canonical id, with the reason for every non-trivial mapping."""

    canonical: dict[str, str]
    merges: dict[str, Merge]
    actors: dict[str, Actor]
    # canonical id → sorted raw ids, built on the first `members` call: scanning
    # `canonical` per call made an update quadratic in the number of actors.
    # A Resolution is not modified after it is built, so the index stays valid.
    _members: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)

    def of(self, actor_id: str) -> str:
        return self.canonical.get(actor_id, actor_id)

    def members(self, canonical_id: str) -> list[str]:
        if self._members is None:
            index: dict[str, list[str]] = defaultdict(list)
            for a, c in sorted(self.canonical.items()):
                index[c].append(a)
            self._members = dict(index)
        return list(self._members.get(canonical_id, []))

    def actor(self, actor_id: str) -> Actor | None:
        return self.actors.get(self.of(actor_id))


class _Components:
    """Union-find that refuses unions which would break a cannot-link or mix kinds/countries."""

    def __init__(self, actors: dict[str, Actor], cannot: set[frozenset[str]]) -> None:
        self.parent = {a: a for a in actors}
        # root → its members, kept up to date by `union`: finding them by
        # scanning every actor per union was quadratic in the actors table.
        self.groups: dict[str, list[str]] = {a: [a] for a in actors}
        self.actors = actors
        self.cannot = cannot
        self.why: dict[str, tuple[str, str]] = {}

    def find(self, a: str) -> str:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def members(self, root: str) -> list[str]:
        return self.groups[root]

    def union(self, a: str, b: str, why: str, origin: str, force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        ma, mb = self.members(ra), self.members(rb)
        if any(frozenset((x, y)) in self.cannot for x in ma for y in mb):
            return False
        if not force:
            group = [self.actors[x] for x in ma + mb]
            if len({_kind_class(x) for x in group} - {"unknown"}) > 1 or "country" in {_kind_class(x) for x in group}:
                return False
            if len({x.country for x in group if x.country}) > 1:
                return False
        self.parent[rb] = ra
        self.groups[ra] = ma + self.groups.pop(rb)
        for x in (a, b):
            self.why.setdefault(x, (why, origin))
        return True


def _rule_edges(actors: dict[str, Actor]) -> list[tuple[str, str, str]]:
    """Candidate (a, b, why) pairs from names, stripped org names, acronyms and short person names."""
    keys: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in actors.values():
        cls = _kind_class(a)
        if cls == "country":
            continue
        for name in dict.fromkeys([a.name, *a.aliases]):
            if is_generic(name) or not norm(name):
                continue
            keys[("name", norm(name))].add(a.id)
            if cls != "person":
                keys[("org", org_key(name))].add(a.id)
                if acr := acronym(name):
                    keys[("acr", acr)].add(a.id)
                if re.fullmatch(r"[A-Z][A-Z0-9&.\-]{1,9}", name.strip()):
                    keys[("acr", re.sub(r"[^a-z0-9]", "", name.lower()))].add(a.id)
    edges: list[tuple[str, str, str]] = []
    labels = {"name": "same name after normalisation", "org": "same organisation name without legal/sector suffix",
              "acr": "acronym matches initials"}
    for (kind, key), ids in sorted(keys.items()):
        ordered = sorted(ids)
        for other in ordered[1:]:
            edges.append((ordered[0], other, f"{labels[kind]} ({key!r})"))
    # People: a one-word name is the surname of exactly one full-named person of a compatible country.
    # Indexed by surname: comparing every pair of people made this quadratic in the corpus.
    people = [a for a in actors.values() if a.kind == "person"]
    by_surname: dict[str, list[Actor]] = defaultdict(list)
    for p in people:
        words = norm(p.name).split()
        if len(words) > 1:
            by_surname[words[-1]].append(p)
    for short in people:
        toks = norm(short.name).split()
        if len(toks) != 1:
            continue
        full = [p for p in by_surname.get(toks[0], []) if p.id != short.id
                and (not short.country or not p.country or short.country == p.country)]
        if len(full) == 1:
            edges.append((full[0].id, short.id,
                          f"short name {short.name!r} of the only matching person {full[0].name!r}"
                          + (f" ({full[0].country})" if full[0].country else "")))
    return sorted(edges)


def _canonical_choice(members: list[Actor], preferred: set[str]) -> Actor:
    """User-chosen first, then the fullest name; the id breaks ties so the choice is order-free."""
    return min(members, key=lambda a: (a.id not in preferred, -len(norm(a.name).split()), -len(a.name), a.id))


def _split_targets(actors: dict[str, Actor], ident: str, alias: str) -> list[str]:
    if alias in actors:
        return [alias]
    key = norm(alias)
    return sorted(a.id for a in actors.values() if a.id != ident and key in {norm(x) for x in [a.name, *a.aliases]})


def resolve(store: Store) -> Resolution:
    """Compute resolution from the actors table and the user's overrides, and persist it."""
    cs = ClaimStore(store)
    actors = {a.id: a for a in store.actors()}
    decisions: dict[frozenset[str], tuple[str, str, str]] = {}
    for action, a, b in cs.overrides():
        targets = [b] if action == "merge" else _split_targets(actors, a, b)
        for t in targets:
            if a in actors and t in actors and a != t:
                decisions[frozenset((a, t))] = (action, a, t)
    cannot = {k for k, (act, _, _) in decisions.items() if act == "split"}
    comps = _Components(actors, cannot)
    preferred: set[str] = set()
    for _key, (action, a, b) in sorted(decisions.items(), key=lambda kv: sorted(kv[0])):
        if action == "merge":
            comps.union(a, b, f"merged by user: {b} into {a}", "user", force=True)
            preferred.add(a)
    for a, b, why in _rule_edges(actors):
        comps.union(a, b, why, "rule")
    canonical: dict[str, str] = {}
    merges: dict[str, Merge] = {}
    roots: dict[str, list[str]] = defaultdict(list)
    for a in actors:
        roots[comps.find(a)].append(a)
    for ids in roots.values():
        chosen = _canonical_choice([actors[x] for x in ids], preferred)
        for x in ids:
            canonical[x] = chosen.id
            if x != chosen.id:
                why, origin = comps.why.get(x, comps.why.get(chosen.id, ("same component", "rule")))
                merges[x] = Merge(x, chosen.id, why, origin)
    cs.replace_merges(merges.values())
    return Resolution(canonical, merges, _merged_actors(actors, canonical))


def _merged_actors(actors: dict[str, Actor], canonical: dict[str, str]) -> dict[str, Actor]:
    """Canonical actor records with the union of their members' aliases and the first known country/sector."""
    out: dict[str, Actor] = {}
    for aid in sorted(actors):
        c = canonical[aid]
        src = actors[aid]
        base = out.setdefault(c, Actor(c, actors[c].name, actors[c].kind, actors[c].country, actors[c].sector, []))
        base.country = base.country or src.country
        base.sector = base.sector or src.sector
        base.aliases = sorted(set(base.aliases) | {src.name, *src.aliases})
    return out


def load_resolution(store: Store) -> Resolution:
    """The persisted resolution (as the last analysis left it), without recomputing."""
    actors = {a.id: a for a in store.actors()}
    merges = ClaimStore(store).merges()
    canonical = {a: (merges[a].canonical_id if a in merges else a) for a in actors}
    return Resolution(canonical, merges, _merged_actors(actors, canonical))


def merge(store: Store, into: str, other: str) -> None:
    """Record a user merge (other → into); takes effect on the next analysis run."""
    actors = {a.id for a in store.actors()}
    for ident in (into, other):
        if ident not in actors:
            raise NotFound("actor", ident)
    if into == other:
        raise UsageError("cannot merge an actor with itself")
    ClaimStore(store).add_override("merge", into, other)


def split(store: Store, ident: str, alias: str) -> list[str]:
    """Record that `alias` (an actor id or a spelling) is not `ident`; returns the actor ids separated."""
    actors = {a.id: a for a in store.actors()}
    if ident not in actors:
        raise NotFound("actor", ident)
    targets = _split_targets(actors, ident, alias)
    if not targets:
        raise UsageError(f"{alias!r} is not a separate actor that could be merged into {ident!r} "
                         "(a spelling of the actor's own record cannot be split off)")
    ClaimStore(store).add_override("split", ident, alias)
    return targets
