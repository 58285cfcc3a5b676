"""The three seed articles give the analysts' [[document]] metadata; a second run adds nothing."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from claimgraph.ingest import ingest_paths
from claimgraph.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def seeds() -> Path:
    folder = SHARED / "corpus" / "seeds"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (the shared data sits beside the checkout)")
    return folder


def test_seed_metadata_matches_gold(seeds: Path, tmp_path: Path) -> None:
    gold = tomllib.loads((SHARED / "gold" / "seeds.toml").read_text(encoding="utf-8"))["document"]
    with Store.open(tmp_path / "t.db") as store:
        first = ingest_paths([seeds], store)
        assert first.errors == [] and len(first.added) == 3
        docs = {Path(d.origin).name: d for d in store.documents(with_text=True)}
        for entry in gold:
            doc = docs[entry["file"]]
            assert (doc.title or "") == entry["title"], entry["file"]
            assert (doc.outlet or "") == entry["outlet"], entry["file"]
            assert (doc.author or "") == entry["author"], entry["file"]
            assert (doc.published.value if doc.published else "") == entry["published"], entry["file"]
            # cleaned text: no no-break/thin spaces, no comment form or footer left behind
            assert "\u00a0" not in doc.text and "\u2009" not in doc.text
            assert "Leave a Reply" not in doc.text and "Larger Text" not in doc.text and "____" not in doc.text
        undated = {docs[e["file"]].id for e in gold if not e["published"]}
        assert set(first.undated) == undated

        second = ingest_paths([seeds], store)
        assert second.added == [] and len(second.duplicates) == 3 and second.errors == []
        assert store.count("documents") == 3
