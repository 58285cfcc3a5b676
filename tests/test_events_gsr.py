"""Floor on the PLOVER gold standard records (plover-gsr-dev): the coder's headline number."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.errors import MissingData
from claimgraph.evaluation.plover_gsr import score

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
TYPE_FLOOR = 0.75  # may only rise


@pytest.mark.slow
@pytest.mark.shared
def test_plover_gsr_type_accuracy_floor() -> None:
    if not (EVAL / "plover-gsr-dev").is_dir():
        pytest.skip(f"{EVAL / 'plover-gsr-dev'} not present: shared eval data sits beside the checkout")
    result = score(EVAL)
    print(result)
    assert result["all.records"] > 100
    assert result["type_accuracy"] >= TYPE_FLOOR, result  # the scored half
    assert 0.0 <= result["triple_accuracy"] <= result["type_accuracy"]


def test_missing_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MissingData):
        score(tmp_path)
