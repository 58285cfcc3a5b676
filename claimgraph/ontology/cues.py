"""Typed access to the attribution and modality cue lists.

The lists live in `data/attribution_cues.toml` and `data/modality_cues.toml`
so that a linguist can widen coverage without touching the components. This
module turns the raw TOML into frozen, set-based records once per process
(the components look words up for every token, so sets, not lists).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimgraph.ontology import load_toml

MODALITY_KINDS: tuple[str, ...] = (
    "hedge", "allege", "report", "deny", "negation", "conditional", "speculation", "weasel",
)


@dataclass(frozen=True, slots=True)
class AttributionCues:
    """Word lists for `cg_attribution` (all lower-case; verbs are lemmas)."""

    speech: frozenset[str]
    cognition: frozenset[str]
    particles: dict[str, frozenset[str]]
    according: tuple[tuple[str, ...], ...]
    unnamed_sources: frozenset[str]
    publications: frozenset[str]
    adverbs: frozenset[str]
    holders: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    topic_preps: frozenset[str] = frozenset()
    making_verbs: frozenset[str] = frozenset()
    voicing_verbs: frozenset[str] = frozenset()
    clause_only: frozenset[str] = frozenset()
    rubrics: frozenset[str] = frozenset()
    stance_adjectives: frozenset[str] = frozenset()
    stance_preps: frozenset[str] = frozenset()
    evidential_verbs: frozenset[str] = frozenset()

    def is_cue_lemma(self, lemma: str) -> bool:
        return lemma in self.speech or lemma in self.cognition or lemma in self.particles


@dataclass(frozen=True, slots=True)
class KindCues:
    """One modality kind: single words, verb lemmas and multi-word phrases."""

    kind: str
    words: frozenset[str]
    lemmas: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    object_lemmas: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()


def _lower_set(values: list[str] | None) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in values or [] if v.strip())


def _phrases(values: list[str] | None) -> tuple[tuple[str, ...], ...]:
    """Phrases as token tuples, split on spaces (spaCy splits "n't" itself)."""
    return tuple(tuple(p.lower().split()) for p in values or [] if p.strip())


@cache
def attribution_cues() -> AttributionCues:
    raw = load_toml("attribution_cues.toml")
    verbs = raw.get("verbs", {})
    sources = raw.get("sources", {})
    return AttributionCues(
        speech=_lower_set(verbs.get("speech")),
        cognition=_lower_set(verbs.get("cognition")),
        particles={k.lower(): _lower_set(v) for k, v in verbs.get("particles", {}).items()},
        according=tuple(tuple(w.lower() for w in p) for p in verbs.get("according", [])),
        unnamed_sources=_lower_set(sources.get("unnamed")),
        publications=_lower_set(sources.get("publication")),
        adverbs=_lower_set(raw.get("adverbs", {}).get("words")),
        holders=_lower_set(verbs.get("holders")),
        evidence=_lower_set(verbs.get("evidence")),
        claim_nouns=_lower_set(raw.get("nouns", {}).get("claims")),
        topic_preps=_lower_set(raw.get("nouns", {}).get("topics")),
        making_verbs=_lower_set(raw.get("nouns", {}).get("making")),
        clause_only=_lower_set(verbs.get("clause_only")),
        rubrics=_lower_set(sources.get("rubrics")),
        voicing_verbs=_lower_set(raw.get("nouns", {}).get("voicing")),
        stance_adjectives=_lower_set(raw.get("adjectives", {}).get("stance")),
        stance_preps=_lower_set(raw.get("adjectives", {}).get("topics")),
        evidential_verbs=_lower_set(raw.get("evidential", {}).get("verbs")),
    )


@cache
def modality_cues() -> dict[str, KindCues]:
    """kind → its cues, for every kind in MODALITY_KINDS (missing = empty)."""
    raw = load_toml("modality_cues.toml")
    out: dict[str, KindCues] = {}
    for kind in MODALITY_KINDS:
        section = raw.get(kind, {})
        out[kind] = KindCues(
            kind=kind,
            words=_lower_set(section.get("words")),
            lemmas=_lower_set(section.get("lemmas")),
            phrases=_phrases(section.get("phrases")),
            object_lemmas=_lower_set(section.get("object_lemmas")),
            claim_nouns=_lower_set(section.get("claim_nouns")),
        )
    return out
