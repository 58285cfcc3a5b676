"""`claimgraph check` at scale: N claims against M stored articles, as CPU time per claim and per article.

    .venv/bin/python bench/check.py                    # 500 claims × 1,000 articles (FNC-1 bodies and headlines)
    .venv/bin/python bench/check.py --claims 100 --articles 300

The articles are ingested (read only, no extraction: check needs the text and
whatever claims exist) into a fresh SQLite store; the claims are FNC-1
headlines. The figures are process CPU seconds — for the index build, and per
claim checked — and the ratio of checking time to indexing time, which says
how the cost grows with the number of claims independently of the machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "fnc1-bodies"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=500)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from claimgraph.analysis.check import Checker
    from claimgraph.ingest import ingest_paths
    from claimgraph.store import Store

    csv.field_size_limit(10_000_000)
    with (args.data / "train_bodies.csv").open(encoding="utf-8", newline="") as fh:
        every = [r["articleBody"] for r in csv.DictReader(fh) if r["articleBody"].strip()]
    bodies = every[: args.articles]
    heads: list[str] = []
    stances = args.data.parent / "fnc1-stances-dev" / "stances.dev.csv"
    if stances.is_file():
        with stances.open(encoding="utf-8", newline="") as fh:
            heads = list(dict.fromkeys(r["Headline"] for r in csv.DictReader(fh)))
    # topped up with the lead sentences of bodies not stored: claims about other things
    heads += [b.split(". ")[0][:300] for b in every[args.articles:]]
    heads = heads[: args.claims]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bodies.jsonl"
        path.write_text("".join(json.dumps({"url": f"body/{i}", "text": b}) + "\n" for i, b in enumerate(bodies)),
                        encoding="utf-8")
        store = Store.open(Path(tmp) / "bench.db")
        ingest_paths([path], store)
        t0 = time.process_time()
        checker = Checker(store)
        t1 = time.process_time()
        related = sum(len(checker.check(h)["documents"]) for h in heads)
        t2 = time.process_time()
        store.close()
    out = {"articles": len(bodies), "claims": len(heads), "related_pairs": related,
           "index_cpu_s": round(t1 - t0, 2), "check_cpu_s": round(t2 - t1, 2),
           "cpu_ms_per_claim": round(1000 * (t2 - t1) / max(1, len(heads)), 1),
           "check_to_index_ratio": round((t2 - t1) / max(t1 - t0, 1e-9), 2)}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
