"""Floor on uncertain-sentence F1 (CoNLL-2010 Wikipedia dev copy): an even
sample of 1,000 of its 7,218 sentences, about 20 seconds; the full-set
figure is in the issue note."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.errors import MissingData
from claimgraph.evaluation import hedge

SHARED = Path(__file__).resolve().parents[2] / "shared"
EVAL = SHARED / "eval"

pytestmark = [pytest.mark.slow, pytest.mark.shared]


def test_detokenise_undoes_ptb_marks():
    assert hedge.detokenise("a -LRB- b -RRB- `` c '' ` d'\n") == "a ( b ) \" c \" 'd'"


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(MissingData):
        hedge.score(tmp_path)


def test_hedge_f1_floor():
    if not (EVAL / hedge.FOLDER).is_dir():
        pytest.skip(f"{EVAL / hedge.FOLDER} not present (shared evaluation data lives beside the repo)")
    result = hedge.score(EVAL, limit=1000)
    assert result["all.sentences"] == 1000
    assert result["all.tp"] > 0 and result["all.tn"] > 0  # the sample spans both classes
    assert result["all.f1"] >= 0.60, result
