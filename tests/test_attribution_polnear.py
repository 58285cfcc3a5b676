"""Floor on PolNeAR attribution scores (dev half, first 30 articles to keep
the run near half a minute on a shared 2-core machine; the full-dev figure
is in the issue note and `claimgraph evaluate`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.errors import MissingData
from claimgraph.evaluation import polnear

SHARED = Path(__file__).resolve().parents[2] / "shared"
EVAL = SHARED / "eval"

pytestmark = [pytest.mark.slow, pytest.mark.shared]


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(MissingData):
        polnear.score(tmp_path)


def test_cue_and_source_floor():
    if not (EVAL / polnear.FOLDER).is_dir():
        pytest.skip(f"{EVAL / polnear.FOLDER} not present (shared evaluation data lives beside the repo)")
    result = polnear.score(EVAL, limit=30)
    assert result["all.articles"] == 30
    assert result["all.cue_f1"] >= 0.76, result
    assert result["all.source_f1"] >= 0.72, result
