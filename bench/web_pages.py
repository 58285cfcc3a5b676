"""How the analyst's workbench answers on a store of real articles: page size and p95 per list.

    .venv/bin/python bench/web_pages.py --db /tmp/big.db --build     # ingest fnc1 bodies first (all 1,683)
    .venv/bin/python bench/web_pages.py --db /tmp/big.db             # measure only

Every page and JSON list is fetched in-process (FastAPI's TestClient, no
network) `--repeat` times; the report gives bytes and the median and p95
milliseconds per URL, and the ratio of each p95 to the 300 ms budget the
issue sets. Results land in bench/results/web_pages.json. Not a test: times
depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "fnc1-bodies" / "train_bodies.csv"
BUDGET_MS = 300.0


def build(db: Path, n: int | None, processes: int) -> None:
    from claimgraph import api

    csv.field_size_limit(10_000_000)
    with DATA.open(encoding="utf-8", newline="") as fh:
        bodies = [r["articleBody"] for r in csv.DictReader(fh)][:n]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for i, text in enumerate(bodies):
                out.write(json.dumps({"text": text, "title": f"body {i}", "url": f"fnc1:{i}"}) + "\n")
        api.ingest([corpus], api.open_store(db), processes=processes)


def urls(store: object) -> list[str]:
    from claimgraph import api

    top = api.actors_page(store, sort="-events", limit=1).items  # type: ignore[arg-type]
    actor = top[0].actor.id if top else ""
    doc = api.documents_page(store, limit=1).items  # type: ignore[arg-type]
    word = "government"
    out = ["/", "/graph", "/api/graph", "/timeline", "/api/timeline", "/claims", "/api/claims",
           "/claims?offset=400", "/documents", "/api/documents", "/documents?offset=1000", "/actors",
           "/api/actors", "/api/actors?q=pre&sort=-events&limit=12", "/api/events", "/api/events?sort=date",
           f"/search?q={word}", f"/api/search?q={word}", "/decisions"]
    if actor:
        out += [f"/actors/{actor}", f"/api/claims?actor={actor}", f"/graph?focus={actor}", f"/timeline?actor={actor}"]
    if doc:
        out.append(f"/documents/{doc[0].id}")
    return out


def measure(db: Path, repeat: int) -> dict[str, dict[str, float]]:
    from fastapi.testclient import TestClient

    from claimgraph import api
    from claimgraph.web.app import create_app

    store = api.open_store(db)
    client = TestClient(create_app(store=store), base_url="http://localhost")  # a Host the guard admits
    results: dict[str, dict[str, float]] = {}
    for url in urls(store):
        times, size = [], 0
        for _ in range(repeat):
            t = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            size = len(r.content)
            if r.status_code != 200:
                print(f"{url}: HTTP {r.status_code}", file=sys.stderr)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        results[url] = {"bytes": size, "median_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1),
                        "p95_over_budget": round(p95 / BUDGET_MS, 2)}
        print(f"{url:45} {size:>8} B  median {results[url]['median_ms']:>7} ms  p95 {p95:>7.1f} ms")
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--build", action="store_true", help="ingest the fnc1 bodies into --db first")
    ap.add_argument("--n", type=int, default=None, help="only the first N bodies")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    if args.build:
        build(args.db, args.n, args.processes)
    from claimgraph import api

    stats = api.open_store(args.db).stats()
    res = {"store": stats, "budget_ms": BUDGET_MS, "urls": measure(args.db, args.repeat)}
    out = REPO / "bench" / "results" / "web_pages.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(f"store: {stats}; written {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
