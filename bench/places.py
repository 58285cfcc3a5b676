"""What placing events costs, as a share of the analysis it is part of.

    .venv/bin/python bench/places.py --db corpus.db            # a store made by `claimgraph ingest`
    .venv/bin/python bench/places.py --db corpus.db --reps 3

Prints CPU seconds (process time: these machines are shared, wall clock is
not the work's own) of: building the gazetteer once per process (the primary
index, then the alternate spellings), placing every stored event, and a whole
`analyze` rebuild (which includes placing); and the ratio of placing to the
rebuild. With --reps, each figure is the smallest over the repetitions. The
store is copied first, so the one given is left as it was.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def cpu(fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, type=Path)
    ap.add_argument("--reps", type=int, default=1)
    args = ap.parse_args()

    from claimgraph.analysis import places, run
    from claimgraph.analysis.resolve import resolve
    from claimgraph.ontology.gazetteer import Gazetteer
    from claimgraph.store import Store

    build, alternate = [], []
    for _ in range(args.reps):
        gz: list[Gazetteer] = []
        build.append(cpu(lambda: gz.append(Gazetteer())))  # noqa: B023 - called at once
        alternate.append(cpu(lambda: gz[0].alternate))  # noqa: B023
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "copy.db"
        shutil.copy(args.db, db)
        store = Store.open(db)
        events = store.events()
        res = resolve(store)
        places.gazetteer().alternate  # noqa: B018 - warm: the per-process build is measured above
        placing = [cpu(lambda: places.refresh(store, res, events, everything=True)) for _ in range(args.reps)]
        rebuild = [cpu(lambda: run.rebuild(store)) for _ in range(args.reps)]
        placed = len(places.PlaceStore(store).of_events())
        store.close()
    out = {"events": len(events), "placed": placed, "gazetteer_build_s": round(min(build), 3),
           "gazetteer_alternate_s": round(min(alternate), 3), "placing_s": round(min(placing), 3),
           "rebuild_s": round(min(rebuild), 3), "placing_share_of_rebuild": round(min(placing) / min(rebuild), 3)}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
