"""A floor on the MEANTIME dev score: the dates component must not regress."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.evaluation.meantime import score

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "eval"


@pytest.mark.slow
@pytest.mark.shared
def test_meantime_dev_floor() -> None:
    if not (DATA / "meantime-dev").is_dir():
        pytest.skip(f"{DATA / 'meantime-dev'} is absent (the shared data folder sits beside the checkout)")
    result = score(DATA)
    assert result["all.documents"] >= 50
    assert result["all.value_accuracy"] >= 0.80
    assert result["all.value_accuracy_date"] >= 0.82
    assert result["all.extent_f1"] >= 0.88
