"""Typed access to the stance lexicon (`data/stance.toml`): how English texts affirm, hedge or refute a claim."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimgraph.ontology import load_toml


@dataclass(frozen=True, slots=True)
class StanceCues:
    """Lower-case word sets and phrase tuples; phrases are matched on whitespace-folded text."""

    refute_words: frozenset[str]
    deny_words: frozenset[str]
    refute_phrases: tuple[str, ...]
    hedge_words: frozenset[str]
    hedge_phrases: tuple[str, ...]
    affirm_words: frozenset[str]
    stopwords: frozenset[str]


@cache
def stance_cues() -> StanceCues:
    raw = load_toml("stance.toml")

    def words(key: str) -> frozenset[str]:
        value = raw.get(key, [])
        items = value.split() if isinstance(value, str) else value  # a list, or one whitespace-separated string
        return frozenset(str(w).lower() for w in items)

    def phrases(key: str) -> tuple[str, ...]:
        return tuple(sorted({" ".join(str(p).lower().split()) for p in raw.get(key, [])}))

    return StanceCues(words("refute_words"), words("deny_words"), phrases("refute_phrases"),
                      words("hedge_words"), phrases("hedge_phrases"), words("affirm_words"), words("stopwords"))
