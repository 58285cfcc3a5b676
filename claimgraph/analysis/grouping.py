"""Which events report one real-world happening: the clustering behind claims.

A claim is one happening, not a dyad and a type. Two events of one claim
type (and polarity) are the same happening when nothing says they are not,
and something says they are:

- nothing says not (a *conflict* keeps them apart, whatever else they share):
  their parties, compared at country level, are on opposite or disjoint
  sides — a report's parties are compared with the union of the happening's
  ("Israel struck Iran" fits "the US and Israel struck Iran"; "the US struck
  Iran" then fits too), and a report with no target whose sentence names only
  other states ("bombings of boats off Venezuela") is about somewhere else;
  each is dated by its own words and the dates do not overlap at their
  precision (a reporting date is only an upper bound, never a date); one
  names a person or organisation as the target and the other a different
  one, or only a state ("killing the supreme leader" is not "strikes on
  Iran"); they give different counts of the same thing ("314 prisoners" vs
  "157"; a day of the month is time, not a count); they name different places.
- something says so (the *evidence*): both dated by their own words to
  overlapping times with the same parties; or — when either is undated —
  specific words in common (a number, a place or a named occasion that is
  not a party's name) and a large share of their sentences' rarer words.
  Sharing a dyad and a type is never enough for an undated event: that is
  how a whole war became one claim with 19 sources.

Events are taken in a fixed order (dated first, the fullest telling — most
parties — first within a day, then by id) and each joins the cluster it has
the best evidence for and no conflict with any member (parties: with the union);
the result depends only on the set of events, so an incremental update
equals a rebuild. Every join keeps its reason.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimgraph.analysis.stance import stem
from claimgraph.analysis.times import Interval

# Share of the two sentences' IDF weight in common (Dice) that makes undated events one happening,
# when they also share a specific word; and without one.
STRONG_SIMILARITY = 0.1
VERY_STRONG_SIMILARITY = 0.2
# Dated events at overlapping times with the same parties still need this much in common, so that
# two happenings of one day in one dyad stay apart when their sentences say different things.
DATED_SIMILARITY = 0.08
# Undated events must share at least this many words besides the parties' names.
MIN_SHARED_WORDS = 3
_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")
_NUMBER = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b")
# A day of the month is time, not a count ("Feb. 28", "28 February").
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = re.compile(rf"(?i)\b{_MONTHS}\s+(\d{{1,2}})\b|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?=\W|$)")
_CALENDAR = frozenset(stem(w) for w in """monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december""".split())


@dataclass(slots=True)
class Item:
    """One event as the clustering sees it."""

    id: str
    document: str
    reciprocal: bool
    src: frozenset[str]  # parties at country level (a person or agency counts as its state)
    tgt: frozenset[str]
    specific_tgt: frozenset[str]  # targets that are not states: people, organisations
    own: Interval | None  # the event's own date, if its words give one
    bound: Interval | None  # on or before publication (or its own date)
    terms: frozenset[str]  # content words of the sentence, the parties' names left out
    specific: frozenset[str]  # numbers and proper names that are not the parties'
    numbers: frozenset[str]
    place: str | None
    topic: str | None = None  # what the act is about (mode, else context): oil supplies vs an airfield
    counts: frozenset[tuple[str, str]] = frozenset()
    named_states: frozenset[str] = frozenset()  # states the sentence names besides the parties (a missing target)  # (counted word, number): "314 prisoners" → ("prison", "314")
    joins: list[str] = field(default_factory=list)

    @property
    def dated(self) -> bool:
        return self.own is not None


def _days(sentence: str) -> set[tuple[int, int]]:
    return {m.span(1) if m.group(1) else m.span(2) for m in _DAY.finditer(sentence)}


def specifics(sentence: str, party_words: set[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Specific words of a sentence: numbers, and capitalised names that are not a party's (nor a weekday)."""
    days = _days(sentence)
    numbers = frozenset(m.group(0).replace(",", "") for m in _NUMBER.finditer(sentence)
                        if m.span() not in days  # a day of the month is time, compared as time
                        and not re.fullmatch(r"(19|20)\d\d", m.group(0)))  # so is a year
    names = set()
    for m in _CAPITAL.finditer(sentence):
        for w in m.group(1).split():
            s = stem(w)
            if len(s) > 2 and s not in party_words and s not in _CALENDAR:
                names.add(s)
    return frozenset(names) | numbers, numbers


def _idf(items: list[Item]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for it in items:
        df.update(it.terms)
    n = len(items) + 1
    return {t: math.log(n / (c + 0.5)) + 0.1 for t, c in df.items()}


def similarity(a: Item, b: Item, idf: dict[str, float]) -> float:
    """Dice overlap of the two sentences' IDF-weighted content words."""
    shared = sum(idf.get(t, 0.0) for t in a.terms & b.terms)
    total = sum(idf.get(t, 0.0) for t in a.terms) + sum(idf.get(t, 0.0) for t in b.terms)
    return 2 * shared / total if total else 0.0


def party_conflict(reciprocal: bool, src: frozenset[str], tgt: frozenset[str],
                   other_src: frozenset[str], other_tgt: frozenset[str]) -> str | None:
    """Why two sets of parties cannot be one happening's, or None.

    Sides must overlap, never be disjoint sets of states: "Israel struck Iran" fits a happening told as
    "the US and Israel struck Iran" (a subset), "Iran struck Israel" does not (for a one-way act the
    sides are not interchangeable; for talks or a deal they are).
    """
    if reciprocal:
        pa, pb = src | tgt, other_src | other_tgt
        if len(pa & pb) < min(2, len(pa), len(pb)):
            return "different parties"
        return None
    if src and other_src and not src & other_src:
        return "different sources"
    if tgt and other_tgt and not tgt & other_tgt:
        return "different targets"
    if not (src & other_src or tgt & other_tgt):
        return "no party in common on the same side"
    return None


def conflict(a: Item, b: Item) -> str | None:
    """Why two events cannot be one happening, or None."""
    return party_conflict(a.reciprocal, a.src, a.tgt, b.src, b.tgt) or detail_conflict(a, b)


def detail_conflict(a: Item, b: Item) -> str | None:
    """Why two events with compatible parties still cannot be one happening (time, target, count, place)."""
    if a.specific_tgt != b.specific_tgt and (a.specific_tgt or b.specific_tgt):
        if not (a.specific_tgt and b.specific_tgt and a.specific_tgt & b.specific_tgt):
            return "different specific targets"
    if a.own is not None and b.own is not None and not a.own.overlaps(b.own):
        return "dated to different times"
    for x, y in ((a, b), (b, a)):
        if x.own is not None and y.bound is not None and y.own is None and not x.own.overlaps(y.bound):
            return "dated after the other was reported"
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return "different numbers"
    if a.place and b.place and a.place != b.place:
        return "different places"
    if a.topic and b.topic and a.topic != b.topic:
        return "about different things"
    return None


def evidence(a: Item, b: Item, idf: dict[str, float]) -> tuple[float, str] | None:
    """How strongly two (non-conflicting) events are one happening, and why; None when nothing says so."""
    sim = similarity(a, b, idf)
    if a.dated and b.dated and sim >= DATED_SIMILARITY:
        return 1.0 + sim, f"same parties, both dated to overlapping times, {round(sim * 100)}% of words shared"
    shared = sorted(a.specific & b.specific)
    if len(a.terms & b.terms) < MIN_SHARED_WORDS:
        return None  # the parties' names and a verb are not evidence of one occasion
    if shared and sim >= STRONG_SIMILARITY:
        return sim, f"undated but sharing specifics ({', '.join(shared[:4])}) and {round(sim * 100)}% of words"
    if sim >= VERY_STRONG_SIMILARITY:
        return sim, f"undated but telling it in largely the same words ({round(sim * 100)}%)"
    return None


@dataclass(slots=True)
class _Happening:
    """A cluster as a whole: its members and the union of their sides (what a new report's parties must fit)."""

    members: list[Item]
    src: frozenset[str]
    tgt: frozenset[str]

    def add(self, it: Item) -> None:
        self.members.append(it)
        self.src, self.tgt = self.src | it.src, self.tgt | it.tgt


def _keys(it: Item) -> set[tuple[str, str]]:
    """Index keys: a cluster can take an event only if some member shares a party on the same side."""
    if it.reciprocal:
        return {("p", c) for c in it.src | it.tgt}
    return {("s", c) for c in it.src} | {("t", c) for c in it.tgt}


def cluster(items: Iterable[Item]) -> list[list[Item]]:
    """Clusters of one happening each, deterministic in the set of items.

    Candidate clusters come from an index by party (`conflict` needs a shared party on one side),
    so a busy bucket is not compared cluster by cluster.
    """
    # The fullest telling (most parties) seeds a happening, so that partial ones ("Israel struck") fit it.
    ordered = sorted(items, key=lambda i: (not i.dated, i.own.start if i.own and i.own.start else 0,
                                           -len(i.src | i.tgt), i.id))
    idf = _idf(ordered)
    clusters: list[_Happening] = []
    index: dict[tuple[str, str], set[int]] = {}
    by_term: dict[str, set[int]] = {}
    for it in ordered:
        best: tuple[float, int, str, str] | None = None
        keys = _keys(it)
        parties = set().union(*(index.get(k, set()) for k in keys)) if keys else set()
        # `evidence` needs a shared word (dated) or MIN_SHARED_WORDS of them (undated) with some member:
        # clusters sharing fewer words with the event cannot take it.
        shared: Counter[int] = Counter()
        for t in it.terms:
            shared.update(by_term.get(t, ()))
        need = 1 if it.dated else MIN_SHARED_WORDS
        candidates = sorted(k for k in parties if shared[k] >= need)
        for k in candidates:
            happening = clusters[k]
            # Parties are compared with the happening's (the union of its members' sides): one report names
            # Israel, another the US, a third both. Everything else must fit every member.
            if party_conflict(it.reciprocal, it.src, it.tgt, happening.src, happening.tgt) or \
                    _names_other_states(it, happening) or any(detail_conflict(it, m) for m in happening.members):
                continue
            for m in happening.members:
                got = evidence(it, m, idf)
                if got and (best is None or got[0] > best[0]):
                    best = (got[0], k, m.id, got[1])
        if best is None:
            k = len(clusters)
            clusters.append(_Happening([], frozenset(), frozenset()))
        else:
            k = best[1]
            it.joins.append(f"{it.id} joins {best[2]}: {best[3]}")
        clusters[k].add(it)
        for key in keys:
            index.setdefault(key, set()).add(k)
        for t in it.terms:
            by_term.setdefault(t, set()).add(k)
    return [h.members for h in clusters]


def _names_other_states(it: Item, happening: _Happening) -> bool:
    """A report with no target whose sentence names only other states than the happening's targets
    ("US bombings of boats in Venezuela") is about somewhere else."""
    return not it.tgt and bool(it.named_states) and bool(happening.tgt) and not it.named_states & happening.tgt
