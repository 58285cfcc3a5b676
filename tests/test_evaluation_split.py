"""The read/scored split of every dev set, and the realnews scorer against the set's own reference scorer."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from claimgraph.errors import MissingData
from claimgraph.evaluation import common, realnews


def test_half_is_a_pure_function_of_the_id() -> None:
    ids = [f"item-{i}" for i in range(2000)]
    first = [common.half(i) for i in ids]
    assert first == [common.half(i) for i in ids]
    share = first.count(common.SCORED) / len(first)
    assert 0.45 < share < 0.55  # a hash, not a bias towards one half


def test_split_keeps_order_and_loses_nothing() -> None:
    items = [str(i) for i in range(50)]
    halves = common.split(items, str)
    assert sorted(halves[common.READ] + halves[common.SCORED], key=int) == items
    for half in halves.values():
        assert half == sorted(half, key=int)
    # adding items never moves an old one to the other half
    more = common.split([*items, "x", "y"], str)
    assert set(halves[common.READ]) <= set(more[common.READ])


def test_side_by_side_reports_scored_half_as_plain_keys() -> None:
    rows = [{"id": str(i), "ok": i % 3 == 0} for i in range(300)]

    def acc(rs: list[dict]) -> dict[str, float | int]:
        return {"n": len(rs), "accuracy": sum(r["ok"] for r in rs) / len(rs)}

    out = common.side_by_side(rows, lambda r: r["id"], acc)
    scored = common.split(rows, lambda r: r["id"])[common.SCORED]
    assert out["n"] == len(scored) == out["items.scored"]
    assert out["accuracy"] == acc(scored)["accuracy"]
    assert out["all.n"] == 300 and out["read.n"] + out["n"] == 300
    assert out["gap.accuracy"] == round(out["read.accuracy"] - out["accuracy"], 4)
    assert "gap.n" not in out  # counts are not compared, only rates


def test_realnews_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MissingData):
        realnews.score(tmp_path)


@pytest.mark.slow
@pytest.mark.shared
def test_realnews_agrees_with_the_reference_scorer(shared_dir: Path, full_nlp, tmp_path: Path) -> None:
    """Our in-process scorer and the set's standalone reference_score.py give the same figures on one export."""
    folder = shared_dir / "eval" / realnews.FOLDER
    if not (folder / "reference_score.py").is_file():
        pytest.skip(f"{folder} has no reference scorer")
    spec = importlib.util.spec_from_file_location("reference_score", folder / "reference_score.py")
    assert spec and spec.loader
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)

    corpus, gold, docs = realnews.load(shared_dir / "eval")
    events, claims = realnews.run_system(folder / "corpus.jsonl", nlp=full_nlp)
    for name, records in (("events", events), ("claims", claims)):
        (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(r, default=str) + "\n" for r in records))
    ref = reference.score(folder, tmp_path)
    ours = realnews.score_records(corpus, gold, docs, events, claims)
    assert ref["matched"] > 0
    assert ours["all.matched"] == ref["matched"]
    for mine, theirs in (("event_precision", "event_precision"), ("event_recall", "event_recall"),
                         ("source_accuracy", "source_f1"), ("target_accuracy", "target_f1"),
                         ("triple_accuracy", "triple_accuracy"), ("status_accuracy", "status_accuracy"),
                         ("date_accuracy", "date_accuracy")):
        assert ours[f"all.{mine}"] == pytest.approx(ref[theirs], abs=1e-3), mine
    assert ours["grouping_pair_f1"] == pytest.approx(ref["grouping_pair_f1"], abs=1e-3)
    assert ours["items.read"] + ours["items.scored"] == len(corpus)
