"""Cross-article claim grouping on a real-news gold set (realnews-dev), through the analyst's own path.

The corpus is ingested into a fresh store (read, extract, analyse), events
and claims are exported as JSON Lines — exactly what an analyst's tools
read — and scored by the reference scorer that sits beside the data
(`reference_score.py`, standard library only). Loading that file instead of
re-implementing it is deliberate: the issue asks that `claimgraph evaluate`
report the same figures as the reference, and one implementation cannot
drift from itself. Headline figures: pairwise grouping P/R/F1 over matched
events in different articles, how many of the multi-article happenings end
up in one claim, and how many "multi-source" claims come from one article.
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from claimgraph.errors import MissingData

FOLDER = "realnews-dev"
NEEDED = ("corpus.jsonl", "events.gold.jsonl", "docs.gold.jsonl", "reference_score.py")


def reference(folder: Path) -> ModuleType:
    """The reference scorer shipped with the gold set, loaded as a module (never copied)."""
    path = folder / "reference_score.py"
    spec = importlib.util.spec_from_file_location("claimgraph_reference_score", path)
    if spec is None or spec.loader is None:
        raise MissingData(folder, "reference_score.py cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_export(folder: Path, work: Path, nlp: Any = None) -> Path:
    """Ingest the corpus into a fresh SQLite store under `work`, export events and claims; the export folder."""
    from claimgraph import api
    from claimgraph.ingest import ingest_paths
    from claimgraph.nlp.extract import extract_pending
    from claimgraph.store import Store

    store = Store.open(work / "realnews.db")
    try:
        ingest_paths([folder / "corpus.jsonl"], store)
        done, _errors = extract_pending(store, nlp=nlp, processes=1)
        api.analyze(store, done)
        out = work / "export"
        out.mkdir(exist_ok=True)
        for what in ("events", "claims"):
            with (out / f"{what}.jsonl").open("w", encoding="utf-8") as fh:
                api.export(store, "jsonl", fh, what=what)
    finally:
        store.close()
    return out


def score(data_dir: Path, nlp: Any = None, limit: int | None = None, keep: Path | None = None) -> dict[str, Any]:
    """The reference scorer's figures for a store built from the corpus (`limit` is ignored: 14 articles)."""
    folder = Path(data_dir) / FOLDER
    missing = [n for n in NEEDED if not (folder / n).is_file()]
    if missing:
        raise MissingData(folder, f"expected {', '.join(missing)} (see SOURCE.md)")
    ref = reference(folder)
    with tempfile.TemporaryDirectory() as tmp:
        work = keep or Path(tmp)
        export = build_export(folder, work, nlp)
        result: dict[str, Any] = dict(ref.score(folder, export))
    result.pop("unmatched_system_types", None)
    multi = result.get("multi_source_claims") or 0
    result["one_article_multi_source_share"] = round(
        (result.get("multi_source_claims_from_one_article") or 0) / multi, 4) if multi else 0.0
    return result
