"""The grouping and stance suites of `claimgraph evaluate`, on the real dev data."""

from __future__ import annotations

from pathlib import Path

from claimgraph import evaluation
from claimgraph.evaluation import grouping


def test_stance_suite_scores_both_halves_through_check(shared_dir: Path) -> None:
    (res,) = evaluation.run(shared_dir / "eval", only=["stance"], limit=15, floors={})
    assert res.skipped is None, res.skipped
    m = res.metrics
    assert m["read_headlines"] == 15 and m["scored_headlines"] == 15
    assert 0 < m["read_score"] <= 1 and 0 < m["scored_score"] <= 1
    assert sum(sum(row.values()) for row in m["read_confusion"].values()) == m["read_pairs"]


def test_grouping_suite_reports_the_reference_figures(shared_dir: Path, full_nlp, tmp_path: Path) -> None:
    m = grouping.score(shared_dir / "eval", nlp=full_nlp, keep=tmp_path)
    ref = grouping.reference(shared_dir / "eval" / grouping.FOLDER).score(shared_dir / "eval" / grouping.FOLDER,
                                                                          tmp_path / "export")
    for key in ("grouping_pair_precision", "grouping_pair_recall", "grouping_pair_f1",
                "stories_joined_across_articles", "multi_source_claims_from_one_article"):
        assert m[key] == ref[key]
    assert m["multi_source_claims_from_one_article"] == 0  # one article is one line of reporting
    assert m["grouping_pair_precision"] >= 0.75
