"""The architecture's import contracts (pyproject [tool.importlinter]) hold, and they bite.

The test command runs `lint-imports` on the tree; here we check that the
contracts would catch the breaches docs/architecture.md forbids, by planting
one in a copy of the package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(tmp_path: Path, module: str, line: str) -> subprocess.CompletedProcess[str]:
    shutil.copytree(ROOT / "claimgraph", tmp_path / "claimgraph",
                    ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "data"))
    target = tmp_path / "claimgraph" / module
    target.write_text(target.read_text() + f"\n{line}  # planted by the test\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run([str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("nlp/timex/calendar.py", "from claimgraph.store import Store", "Extraction never touches the store"),
    ("ingest/clean.py", "import spacy", "Ingest knows no language model"),
    ("store/rows.py", "from claimgraph.analysis import claims", "The store knows nobody above it"),
    ("analysis/series.py", "import fastapi", "No web code in nlp, analysis"),
    ("nlp/events/candidate.py", "from claimgraph.nlp.events import verbal", "No import cycles"),
    ("nlp/extract.py", "import distributed", "Extraction knows no cluster"),
    ("scale/worker.py", "from claimgraph.store import Store", "The cluster opens no database"),
])
def test_a_planted_breach_breaks_its_contract(tmp_path: Path, module: str, line: str, contract: str) -> None:
    result = _lint(tmp_path, module, line)
    assert result.returncode != 0, result.stdout
    broken = [ln for ln in result.stdout.splitlines() if ln.endswith("BROKEN")]
    assert any(ln.startswith(contract) for ln in broken), result.stdout
