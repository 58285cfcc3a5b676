"""Saving extractions: one transaction per document against one per batch, on any back end.

    .venv/bin/python bench/saves.py                                   # SQLite in a temp folder
    .venv/bin/python bench/saves.py --db postgresql://user@127.0.0.1:5433/scratch   # an EMPTY database

The extractions are synthetic but shaped like the real ones (per document: a dozen actors,
40 mentions, 10 events with two parties each, 5 attributions, 5 time expressions), so the
figure is about the store's round trips, not the NLP. Reported as a ratio in one run: the
machine is shared and absolute seconds travel badly.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from claimgraph.model import Actor, Attribution, DateValue, Document, Event, Mention, Span, Timex, document_id
from claimgraph.store import Store
from claimgraph.store.store import ExtractionRows


def extraction(n: int, tag: str) -> tuple[Document, ExtractionRows]:
    text = f"{tag} document {n}. " + "Word " * 400
    doc = Document(id=document_id(text), text=text)
    actors = [Actor(f"A{(n * 5 + i) % 300:03d}", f"Actor {i}", "country", aliases=[f"Alias {i}"]) for i in range(12)]
    mentions = [Mention(doc.id, i * 5, i * 5 + 4, "Word", actors[i % 12].id) for i in range(40)]
    events = [Event(id=f"{doc.id}-e{i:03d}", document_id=doc.id, sentence=Span(0, 20), type="AID",
                    source=[actors[i % 12].id], target=[actors[(i + 1) % 12].id], status="asserted",
                    date=DateValue("2020", "year")) for i in range(10)]
    attrs = [Attribution(doc.id, Span(i, i + 4, "said"), Span(0, 10)) for i in range(5)]
    timexes = [Timex(doc.id, i, i + 4, "2020", "2020", "year") for i in range(5)]
    return doc, ExtractionRows(doc.id, actors, mentions, timexes, attrs, events)


def run(store: Store, n: int, batch: int, tag: str) -> float:
    pairs = [extraction(i, tag) for i in range(n)]
    for doc, _ in pairs:
        store.add_document(doc)
    started = time.perf_counter()
    rows = [r for _, r in pairs]
    for i in range(0, n, batch):
        store.save_extractions(rows[i:i + batch], "bench")
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="database URL (default: a SQLite file in a temp folder)")
    ap.add_argument("--n", type=int, default=300, help="documents per run")
    ap.add_argument("--batch", type=int, default=32)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(args.db or Path(tmp) / "saves.db")
        single = run(store, args.n, 1, "single")
        batched = run(store, args.n, args.batch, "batched")
        store.close()
    print(f"{store.engine.dialect.name}: {args.n} documents, one per transaction {single:.2f} s, "
          f"{args.batch} per transaction {batched:.2f} s, speed-up {single / batched:.2f}x")


if __name__ == "__main__":
    main()
