"""Measurement: the seed articles' gold entities resolve, each to one actor.

Runs the real pipeline over ../shared/corpus/seeds and checks every
[[entity]] in ../shared/gold/seeds.toml (see claimgraph.evaluation.entities).
The rules measured here are general; nothing in the lexicons names a seed-only actor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.evaluation.entities import entity_resolution, seed_texts
from claimgraph.nlp.pipeline import build_pipeline

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold" / "seeds.toml"

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def results():
    if not (SEEDS.is_dir() and GOLD.is_file()):
        pytest.skip(f"shared seed data not found at {SHARED} (the checkout must sit beside shared/)")
    return entity_resolution(build_pipeline(components=["cg_actors"]), seed_texts(SEEDS), GOLD)


def test_all_gold_entities_that_occur_resolve_to_one_actor(results) -> None:
    occurring = [r for r in results if r.ids]
    failures = [f"{r.gold_id}: {r.why}" for r in occurring if not r.resolved]
    assert len(occurring) >= 28
    assert not failures, failures


def test_states_resolve_to_their_iso_codes(results) -> None:
    states = [r for r in results if r.kind == "country"]
    assert states and all(r.resolved for r in states)
    for r in states:
        assert {i for ids in r.ids.values() for i in ids} == {r.gold_id}
