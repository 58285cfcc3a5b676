"""Throughput and memory of the full ingest against bare spaCy, measured in one run.

    .venv/bin/python bench/throughput.py                 # all of fnc1 train_bodies.csv, all cores
    .venv/bin/python bench/throughput.py --n 200 --processes 1

Each phase runs in its own child process so its peak RSS is its own:
  bare   — `nlp.pipe` of the English model over the texts (n_process = N)
  full   — `claimgraph ingest` of the same texts (read, clean, dedupe, store,
           the whole claimgraph pipeline, save, cross-document analysis)
  full/4 — the full ingest over a quarter of the corpus, to show memory stays
           flat as the corpus grows.
Figures are ratios against the bare baseline from the same run, because these
machines are shared and noisy: absolute seconds mean little, ratios travel.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "fnc1-bodies" / "train_bodies.csv"


def load_texts(path: Path, n: int | None) -> list[str]:
    csv.field_size_limit(10_000_000)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r["articleBody"] for r in csv.DictReader(fh)]
    rows = [r for r in rows if r.strip()]
    return rows[:n] if n else rows


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of its largest child (Linux reports KiB)."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(me, kids) / 1024


def phase_bare(texts: list[str], processes: int) -> dict[str, float]:
    import spacy

    from claimgraph.nlp.pipeline import MODEL

    nlp = spacy.load(MODEL)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=32):
        pass
    return {"seconds": time.perf_counter() - started}


def phase_full(texts: list[str], processes: int) -> dict[str, float]:
    from claimgraph import api

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(texts):
                fh.write(json.dumps({"text": text, "title": f"body {i}", "url": f"fnc1:{i}"}) + "\n")
        store = api.open_store(Path(tmp) / "bench.db")
        started = time.perf_counter()
        result = api.ingest([corpus], store, processes=processes)
        seconds = time.perf_counter() - started
        stats = store.stats()
    return {"seconds": seconds, "documents": len(result.added), "events": stats["events"], "actors": stats["actors"]}


def child(args: argparse.Namespace) -> None:
    texts = load_texts(args.data, args.n)
    out = phase_bare(texts, args.processes) if args.phase == "bare" else phase_full(texts, args.processes)
    out.update(articles=len(texts), words=sum(len(t.split()) for t in texts), peak_rss_mb=peak_rss_mb())
    print(json.dumps(out))


def run_phase(phase: str, data: Path, n: int | None, processes: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--phase", phase, "--data", str(data), "--processes", str(processes)]
    if n:
        cmd += ["--n", str(n)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--n", type=int, default=None, help="use the first N articles")
    ap.add_argument("--processes", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--phase", choices=["bare", "full"], help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "throughput.json")
    args = ap.parse_args()
    if args.phase:
        child(args)
        return
    if not args.data.exists():
        sys.exit(f"{args.data}: benchmark corpus not found (it lives in ../shared/eval/fnc1-bodies)")
    n_all = args.n or len(load_texts(args.data, None))
    results = {
        "bare": run_phase("bare", args.data, n_all, args.processes),
        "full": run_phase("full", args.data, n_all, args.processes),
        "full_quarter": run_phase("full", args.data, max(1, n_all // 4), args.processes),
    }
    bare, full, quarter = results["bare"], results["full"], results["full_quarter"]
    ratio = bare["seconds"] / full["seconds"]
    summary = {
        "processes": args.processes,
        "articles": full["articles"],
        "words": full["words"],
        "bare_articles_per_s": bare["articles"] / bare["seconds"],
        "bare_words_per_s": bare["words"] / bare["seconds"],
        "full_articles_per_s": full["articles"] / full["seconds"],
        "full_words_per_s": full["words"] / full["seconds"],
        "throughput_ratio_full_vs_bare": ratio,
        "peak_rss_mb_bare": bare["peak_rss_mb"],
        "peak_rss_mb_full": full["peak_rss_mb"],
        "peak_rss_mb_full_quarter": quarter["peak_rss_mb"],
        "memory_ratio_full_vs_quarter": full["peak_rss_mb"] / quarter["peak_rss_mb"],
        "events": full.get("events"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"summary": summary, "phases": results}, indent=2))
    width = max(len(k) for k in summary)
    for k, v in summary.items():
        print(f"{k:<{width}}  {v:,.2f}" if isinstance(v, float) else f"{k:<{width}}  {v}")
    print(f"target: full ingest >= 0.8 x bare spaCy -> {'met' if ratio >= 0.8 else 'NOT met'} ({ratio:.2f})")


if __name__ == "__main__":
    main()
