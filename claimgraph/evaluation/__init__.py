"""`claimgraph evaluate`: score the system on gold data, and gate on floors.

Each suite is a module with a `score(...)` function returning a flat dict of
numbers. SUITES says which keys are headline metrics; `floors.toml` (beside
this file) holds the committed minimum for each, which may only rise. The
data folder is laid out like ../shared/eval, so `--data` can point at
another split (the held-out halves are scored this way, independently).

Every dev set we tune on is cut into a "read" and a "scored" half by a hash
of each item's id (`common.side_by_side`): plain metric keys are the scored
half, so floors gate on text whose errors nobody read; `read.KEY` and
`gap.KEY` show whether a change learned the examples or the language.
"""

from __future__ import annotations

import importlib
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.errors import MissingData

FLOORS = Path(__file__).with_name("floors.toml")


@dataclass(frozen=True)
class Suite:
    name: str
    module: str
    folder: str  # sub-folder of the data dir it needs ("" = uses gold/corpus)
    headline: tuple[str, ...]
    description: str


SUITES: tuple[Suite, ...] = (
    Suite("seeds", "claimgraph.evaluation.seeds", "", (
        "core_recall", "status_accuracy", "said_by_accuracy", "date_accuracy", "entities_resolved",
        "documents_matched", "link_recall", "link_strict_recall", "link_precision"),
        "seed articles vs gold/seeds.toml"),
    Suite("plover", "claimgraph.evaluation.plover_gsr", "plover-gsr-dev", ("type_accuracy", "triple_accuracy"),
          "PLOVER event type and triple accuracy"),
    Suite("attribution", "claimgraph.evaluation.polnear", "polnear-dev", ("cue_f1", "source_f1"),
          "PolNeAR attribution cue and source F1"),
    Suite("timex", "claimgraph.evaluation.meantime", "meantime-dev", ("value_accuracy",),
          "MEANTIME time expression value accuracy"),
    Suite("hedge", "claimgraph.evaluation.hedge", "hedge-sentences-dev", ("f1",),
          "CoNLL-2010 uncertain-sentence F1"),
    Suite("realnews", "claimgraph.evaluation.realnews", "realnews-dev", (
        "event_precision", "event_recall", "source_accuracy", "target_accuracy", "status_accuracy",
        "said_by_accuracy", "date_accuracy"),
        "real multi-outlet news: events, roles, status, dates (grouping: the grouping suite)"),
    Suite("html", "claimgraph.evaluation.article_extraction", "article-extraction-benchmark", ("f1",),
          "HTML article body token F1"),
    Suite("grouping", "claimgraph.evaluation.grouping", "realnews-dev", (
        "grouping_pair_precision", "grouping_pair_recall", "grouping_pair_f1", "stories_joined_across_articles"),
        "realnews cross-article claim grouping (reference scorer)"),
    Suite("stance", "claimgraph.evaluation.stance", "fnc1-stances-dev", (
        "read_score", "read_disagree_f1", "scored_score", "scored_disagree_f1"),
        "FNC-1 stance through `claimgraph check` (share of max score)"),
)


def default_data_dir() -> Path:
    """../shared/eval beside the checkout (where CI puts it), else ./shared/eval."""
    here = Path(__file__).resolve()
    for base in (here.parents[3], Path.cwd().parent, Path.cwd()):
        candidate = base / "shared" / "eval"
        if candidate.is_dir():
            return candidate
    return here.parents[3] / "shared" / "eval"


def load_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return {k: dict(v) for k, v in tomllib.load(fh).items()}


@dataclass
class SuiteResult:
    suite: Suite
    metrics: dict[str, Any] = field(default_factory=dict)
    skipped: str | None = None
    seconds: float = 0.0
    below: list[str] = field(default_factory=list)  # "metric value < floor"


def run(
    data_dir: Path | None = None,
    only: list[str] | None = None,
    limit: int | None = None,
    floors: dict[str, dict[str, float]] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[SuiteResult]:
    """Score each suite whose data is present; compare headline metrics with floors."""
    data_dir = data_dir or default_data_dir()
    floors = load_floors() if floors is None else floors
    results: list[SuiteResult] = []
    nlp = None
    for suite in SUITES:
        if only and suite.name not in only:
            continue
        if progress:
            progress(suite.name)
        res = SuiteResult(suite)
        started = time.perf_counter()
        try:
            module = importlib.import_module(suite.module)
            if suite.name in ("html", "stance"):
                res.metrics = module.score(data_dir, limit=limit)
            else:
                if nlp is None:
                    from claimgraph.nlp.pipeline import build_pipeline

                    nlp = build_pipeline()
                res.metrics = module.score(data_dir, nlp=nlp, limit=limit)
        except MissingData as exc:
            res.skipped = str(exc)
        except ModuleNotFoundError as exc:
            res.skipped = f"scorer not available: {exc.name}"
        res.seconds = time.perf_counter() - started
        for key, floor in floors.get(suite.name, {}).items():
            value = res.metrics.get(key)
            if res.skipped is None and isinstance(value, int | float) and value + 1e-9 < floor:
                res.below.append(f"{suite.name}.{key} {value:.3f} < floor {floor:.3f}")
        results.append(res)
    return results
