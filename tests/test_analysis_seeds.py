"""The three seed articles through the real pipeline: order independence, gold links, dyad direction.

Extraction runs once (it is the slow part); each ingest order then replays
the real per-document extractions into a fresh SQLite store through
Store.save_extraction, calling `update` after every document as ingest does.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from test_analysis_helpers import snapshot

from claimgraph.analysis import rebuild, update
from claimgraph.analysis.series import dyad_series
from claimgraph.evaluation.links import score
from claimgraph.model import Actor
from claimgraph.store.store import Store

# Measured on the seeds with the pipeline of this commit; raise it as extraction improves, never lower it.
LINK_RECALL_FLOOR = 1.0
LINK_STRICT_RECALL_FLOOR = 1.0  # a denial of an allegation is linked as both denies and contradicts
LINK_PRECISION_FLOOR = 0.7


@pytest.fixture(scope="module")
def extracted(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    try:
        from claimgraph.nlp.pipeline import build_pipeline

        nlp = build_pipeline()
    except ModuleNotFoundError as exc:
        pytest.skip(f"the extraction pipeline is not complete yet: {exc}")
    from claimgraph.ingest import ingest_paths
    from claimgraph.nlp.extract import extract_pending

    store = Store.open(tmp_path_factory.mktemp("seeds") / "all.db")
    ingest_paths([shared_dir / "corpus" / "seeds"], store)
    extract_pending(store, nlp=nlp, processes=1)
    rebuild(store)
    return store


def _replay(src: Store, dst: Store, doc_id: str) -> None:
    """Copy one document and its real extraction from `src` into `dst`."""
    doc = src.get_document(doc_id)
    dst.add_document(doc)
    events = src.events(document=doc_id)
    mentions = src.mentions(doc_id)
    ids = {m.actor_id for m in mentions if m.actor_id} | {a for e in events for a in e.source + e.target}
    ids |= {e.said_by for e in events if e.said_by}
    actors: list[Actor] = [a for a in src.actors() if a.id in ids]
    dst.save_extraction(doc_id, actors=actors, mentions=mentions, timexes=src.timexes(doc_id),
                        attributions=src.attributions(doc_id), events=events, extractor_version="replay")


def test_every_ingest_order_gives_the_same_analysis(extracted: Store, tmp_path: Path) -> None:
    ids = extracted.document_ids()
    assert len(ids) == 3
    ref = Store.open(tmp_path / "ref.db")
    for d in ids:
        _replay(extracted, ref, d)
    rebuild(ref)
    expected = snapshot(ref)
    assert expected["claims"]
    for n, order in enumerate(itertools.permutations(ids)):
        s = Store.open(tmp_path / f"o{n}.db")
        for d in order:
            _replay(extracted, s, d)
            update(s, [d])
        assert snapshot(s) == expected, order
    batch = Store.open(tmp_path / "batch.db")
    for d in reversed(ids):
        _replay(extracted, batch, d)
    update(batch, list(ids))
    assert snapshot(batch) == expected


def test_gold_links_and_dyad_direction(extracted: Store, shared_dir: Path) -> None:
    result = score(extracted, shared_dir / "gold" / "seeds.toml")
    assert result["link_recall"] >= LINK_RECALL_FLOOR, result["detail"]
    assert result["link_strict_recall"] >= LINK_STRICT_RECALL_FLOOR, result["detail"]
    assert result["link_precision"] >= LINK_PRECISION_FLOOR, result
    coop = dyad_series(extracted, "ISR", "AZE", by="year")
    conflict = dyad_series(extracted, "IRN", "AZE", by="year")
    assert sum(r.total for r in coop.rows) > 0 and sum(r.n for r in coop.rows) >= 3
    assert sum(r.total for r in conflict.rows) < 0
