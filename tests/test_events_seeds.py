"""Seed check: how many `core = true` gold facts the event coder finds.

A fact is found when one event of the same document sits in the sentence
holding the fact's evidence, has an allowed type, and its source and target
overlap the gold ones (states by ISO id; other gold ids through the gold
[[entity]] aliases matched against our actors' names and aliases). The
number steers development; the floor below only ever rises.
"""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

import pytest

from claimgraph.model import DateValue

SHARED = Path(__file__).resolve().parents[2] / "shared"
FLOOR = 0.5


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).lower()


def _ids_for(gold_ids: list[str], doc, aliases: dict[str, set[str]]) -> set[str]:
    """Our actor ids that stand for the gold ids in this document."""
    out: set[str] = set()
    actors = doc._.cg_actors or {}
    for gid in gold_ids:
        out.add(gid)
        names = aliases.get(gid, set())
        for aid, actor in actors.items():
            forms = {_norm(actor.name), *(_norm(a) for a in actor.aliases)}
            if names & forms:
                out.add(aid)
    return out


def core_fact_recall(nlp, shared: Path) -> tuple[int, int, list[str]]:
    gold = tomllib.loads((shared / "gold" / "seeds.toml").read_text(encoding="utf-8"))
    aliases = {e["id"]: {_norm(a) for a in e.get("aliases", [])} for e in gold["entity"]}
    published = {d["file"]: d.get("published") or "" for d in gold["document"]}
    docs = {}
    for name, date in published.items():
        text = (shared / "corpus" / "seeds" / name).read_text(encoding="utf-8")
        doc = nlp.make_doc(text)
        doc._.cg_published = DateValue(date, "day") if date else None
        docs[name] = doc
    done = dict(zip(docs, nlp.pipe(docs.values()), strict=True))
    facts = [f for f in gold["fact"] if f.get("core")]
    found, missed = 0, []
    for fact in facts:
        doc = done[fact["doc"]]
        ev_text = _norm(fact["evidence"])
        src = _ids_for(fact["source"], doc, aliases)
        tgt = _ids_for(fact["target"], doc, aliases)
        ok = False
        for e in doc._.cg_events or []:
            if ev_text not in _norm(e.sentence.text) or e.type not in fact["type"]:
                continue
            s, t = set(e.source), set(e.target)
            if (s & src and t & tgt) or (s & tgt and t & src and s & src):
                ok = True
                break
        found += ok
        if not ok:
            missed.append(fact["id"])
    return found, len(facts), missed


@pytest.mark.slow
@pytest.mark.shared
def test_core_fact_recall_floor() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not present: the seed gold lives in the shared data beside the checkout")
    from claimgraph.nlp.pipeline import build_pipeline

    found, total, missed = core_fact_recall(build_pipeline(), SHARED)
    print(f"core facts matched by an event: {found}/{total} = {found / total:.2f}; missed {missed}")
    assert total > 0
    assert found / total >= FLOOR, f"core-fact recall {found}/{total} below floor {FLOOR}; missed {missed}"
