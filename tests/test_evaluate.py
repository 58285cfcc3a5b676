"""`claimgraph evaluate`: runs scorers on a data folder, reports, and gates on floors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from claimgraph import evaluation
from claimgraph.cli import main


def test_missing_data_is_skipped_with_reason(tmp_path: Path) -> None:
    (res,) = evaluation.run(tmp_path, only=["plover"], floors={"plover": {"type_accuracy": 0.9}})
    assert res.skipped and "plover-gsr-dev" in res.skipped
    assert res.below == []  # a skipped suite cannot fail the gate


def test_floor_above_the_score_fails_the_gate(shared_dir: Path) -> None:
    (res,) = evaluation.run(shared_dir / "eval", only=["html"], limit=3, floors={"html": {"f1": 1.01}})
    assert res.skipped is None and 0 < res.metrics["f1"] <= 1
    assert res.below and res.below[0].startswith("html.f1 ")


def test_committed_floors_cover_every_headline_metric() -> None:
    floors = evaluation.load_floors()
    for suite in evaluation.SUITES:
        assert suite.name in floors, suite.name
        assert set(floors[suite.name]) <= set(suite.headline)


def test_cli_json_and_check(shared_dir: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", "--data", str(shared_dir / "eval"), "--only", "html",
                                       "--limit", "3", "--json", "--check"])
    data = json.loads(result.stdout)
    assert data["html"]["pages"] == 3
    # three pages may score under the full-set floor; --check must then fail, never pass silently
    assert result.exit_code == (1 if data["html"]["below_floor"] else 0)
