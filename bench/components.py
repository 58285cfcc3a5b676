"""CPU time of each pipeline component, in one process.

    .venv/bin/python bench/components.py                # first 300 fnc1 bodies, batches of 32
    .venv/bin/python bench/components.py --n 200 --reps 3

Why CPU time in one process rather than the wall clock of bench/throughput.py:
these machines are shared with other work, which moves wall-clock figures by
tens of percent, while a component's process time is its own. Each batch goes
through the components one at a time (what `nlp.pipe` does, minus the
generator chaining that would bill one component for another's work), and
the record building of extract.collect is timed as "collect". With --reps,
each figure is the smallest over the repetitions.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "fnc1-bodies" / "train_bodies.csv"


def load_texts(path: Path, n: int) -> list[str]:
    csv.field_size_limit(10_000_000)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r["articleBody"] for r in csv.DictReader(fh) if r["articleBody"].strip()]
    return rows[:n]


def run_once(nlp, texts: list[str], batch: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from claimgraph.nlp.extract import Extraction, collect, make_doc

    spent: dict[str, float] = {}
    for start in range(0, len(texts), batch):
        docs = [make_doc(nlp, t, None) for t in texts[start:start + batch]]
        for name, proc in nlp.pipeline:
            t0 = time.process_time()
            docs = list(proc.pipe(docs, batch_size=batch)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            spent[name] = spent.get(name, 0.0) + time.process_time() - t0
        t0 = time.process_time()
        for i, doc in enumerate(docs):
            collect(doc, str(start + i), Extraction(str(start + i)))
        spent["collect"] = spent.get("collect", 0.0) + time.process_time() - t0
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--n", type=int, default=300, help="use the first N articles")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--reps", type=int, default=1)
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: benchmark corpus not found (it lives in ../shared/eval/fnc1-bodies)")
    from claimgraph.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    texts = load_texts(args.data, args.n)
    run_once(nlp, texts[:20], args.batch)  # warm-up: lazy tables, caches
    best: dict[str, float] = {}
    for _ in range(args.reps):
        for name, seconds in run_once(nlp, texts, args.batch).items():
            best[name] = min(best.get(name, seconds), seconds)
    ours = {k: v for k, v in best.items() if k.startswith("cg_") or k == "collect"}
    spacy_total = sum(v for k, v in best.items() if k not in ours)
    print(f"{len(texts)} articles, batches of {args.batch}, CPU seconds (best of {args.reps})")
    for name, seconds in best.items():
        print(f"  {name:<16} {seconds:7.2f}  {100 * seconds / spacy_total:5.1f}% of spaCy")
    print(f"  {'spaCy':<16} {spacy_total:7.2f}")
    print(f"  {'ours':<16} {sum(ours.values()):7.2f}  {100 * sum(ours.values()) / spacy_total:5.1f}% of spaCy")


if __name__ == "__main__":
    main()
