"""Throughput and memory of the full ingest against bare spaCy, measured fairly and repeatedly.

    .venv/bin/python bench/throughput.py                         # all fnc1 train bodies, all cores, 3 repetitions
    .venv/bin/python bench/throughput.py --n 300 --processes 2 --repeat 3

Why this shape (issue 13: one ratio moved 0.88 → 1.04 between two runs):

- **The same process model for both.** The bare baseline runs the English model alone through
  claimgraph's own worker pool (`nlp/extract.run_pool`: fork, the pipeline built once in the parent,
  batches of documents out, small records back) — exactly how the full run extracts. Before, the
  baseline went through spaCy's `n_process`, which ships every parsed Doc back to the parent.
- **The same model-loading treatment.** Each phase builds its pipeline before the clock starts, so
  neither timer includes loading a model.
- **CPU seconds per 1,000 words beside wall time.** User + system time of the phase's process and all
  its workers, which a neighbour's load moves far less than the wall clock.
- **Memory as the sum over parent and workers.** Proportional set size (PSS: shared pages split among
  the processes sharing them) summed over the phase process and its children, sampled every 0.2 s;
  the peak of that sum. The largest single process understated a forked pool by half.
- **Repetitions with the spread.** Phases alternate bare, full, bare, full… (so drift in the machine's
  load hits both), and every figure is reported as median with min–max.

With `--dask` a third phase runs the full ingest on a Dask LocalCluster of `--processes` workers (cluster
started and model loaded before the clock), for the "Dask >= 0.9x local processes" target.

Each phase runs in a child process of its own. `full` is the whole ingest: read, clean, dedupe, store,
the claimgraph pipeline, save, cross-document analysis; `extract` in its figures is its extraction alone.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "fnc1-bodies" / "train_bodies.csv"


def load_texts(path: Path, n: int | None) -> list[str]:
    csv.field_size_limit(10_000_000)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r["articleBody"] for r in csv.DictReader(fh)]
    rows = [r for r in rows if r.strip()]
    return rows[:n] if n else rows


class PssSampler:
    """Peak of (PSS of this process + PSS of all its descendants), sampled on a thread."""

    def __init__(self, interval: float = 0.2) -> None:
        import psutil

        self.me = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> int:
        import psutil

        total = 0
        for proc in [self.me, *self.me.children(recursive=True)]:
            try:
                total += proc.memory_full_info().pss
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue  # a worker that exited between listing and reading
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> PssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.sample())


def cpu_seconds() -> float:
    """User + system time of this process, of its children that have exited (a pool's workers, reaped
    when it closes) and of those still running (a Dask cluster's workers, whose model loading before
    the clock starts is thus subtracted out rather than counted when they exit)."""
    import psutil

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    total = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    for proc in psutil.Process().children(recursive=True):
        try:
            t = proc.cpu_times()
            total += t.user + t.system
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return total


def _documents(texts: list[str]) -> list[Any]:
    from claimgraph.model import Document, document_id

    return [Document(id=document_id(t), text=t) for t in texts]


def phase_bare(texts: list[str], processes: int) -> dict[str, float]:
    """The English model alone, through claimgraph's worker pool."""
    import spacy

    from claimgraph.nlp.extract import run_pool
    from claimgraph.nlp.pipeline import MODEL

    nlp = spacy.load(MODEL)
    docs = _documents(texts)
    cpu0, started = cpu_seconds(), time.perf_counter()
    with PssSampler() as mem:
        n = sum(1 for _ in run_pool(docs, processes, MODEL, nlp=nlp))
    return {"seconds": time.perf_counter() - started, "cpu_seconds": cpu_seconds() - cpu0,
            "pss_peak_mb": mem.peak / 2**20, "documents": n}


def phase_full(texts: list[str], processes: int, dask: bool = False) -> dict[str, float]:
    """The whole ingest, with the claimgraph pipeline built before the clock starts (`dask`: on a
    LocalCluster of `processes` single-threaded workers, started and loaded before the clock too)."""
    import contextlib

    from claimgraph import api
    from claimgraph.ingest import ingest_paths
    from claimgraph.nlp.extract import extract_pending
    from claimgraph.nlp.pipeline import MODEL, build_pipeline

    nlp = runner = None
    stack = contextlib.ExitStack()
    if dask:
        from distributed import Client, LocalCluster

        from claimgraph.scale import DaskRunner
        from claimgraph.scale.worker import PipelinePlugin

        cluster = stack.enter_context(LocalCluster(n_workers=processes, threads_per_worker=1, processes=True,
                                                   dashboard_address=None))
        client = stack.enter_context(Client(cluster))
        client.register_plugin(PipelinePlugin(MODEL), name=PipelinePlugin.name)  # loads the model on each worker
        runner = DaskRunner("local", MODEL, workers=processes, client=client)
    else:
        nlp = build_pipeline()
    with stack, tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for i, text in enumerate(texts):
                fh.write(json.dumps({"text": text, "title": f"body {i}", "url": f"fnc1:{i}"}) + "\n")
        store = api.open_store(Path(tmp) / "bench.db")
        cpu0, started = cpu_seconds(), time.perf_counter()
        with PssSampler() as mem:
            report = ingest_paths([corpus], store)
            t_extract = time.perf_counter()
            done, _errors = extract_pending(store, processes=processes, nlp=nlp, runner=runner)
            t_analysis = time.perf_counter()
            api.analyze(store, done)
            ended = time.perf_counter()
            cpu = cpu_seconds() - cpu0
        stats = store.stats()
        store.close()
    return {"seconds": ended - started, "cpu_seconds": cpu, "pss_peak_mb": mem.peak / 2**20,
            "extract_seconds": t_analysis - t_extract, "analysis_seconds": ended - t_analysis,
            "documents": len(report.added), "events": stats["events"]}


def child(args: argparse.Namespace) -> None:
    texts = load_texts(args.data, args.n)
    if args.phase == "bare":
        out = phase_bare(texts, args.processes)
    else:
        out = phase_full(texts, args.processes, dask=args.phase == "dask")
    out.update(articles=len(texts), words=sum(len(t.split()) for t in texts))
    print(json.dumps(out))


def run_phase(phase: str, data: Path, n: int, processes: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--phase", phase, "--data", str(data), "--processes", str(processes),
           "--n", str(n)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"phase {phase} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--n", type=int, default=None, help="use the first N articles")
    ap.add_argument("--processes", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--repeat", type=int, default=3, help="bare/full pairs to run (alternating)")
    ap.add_argument("--dask", action="store_true",
                    help="also run the full ingest on a Dask LocalCluster of --processes workers")
    ap.add_argument("--phase", choices=["bare", "full", "dask"], help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "throughput.json")
    args = ap.parse_args()
    if args.phase:
        child(args)
        return
    if not args.data.exists():
        sys.exit(f"{args.data}: benchmark corpus not found (it lives in ../shared/eval/fnc1-bodies)")
    n = args.n or len(load_texts(args.data, None))
    runs: list[dict[str, dict[str, float]]] = []
    for i in range(args.repeat):
        order = ("bare", "full", "dask") if i % 2 == 0 else ("dask", "full", "bare")
        order = tuple(p for p in order if p != "dask" or args.dask)
        runs.append({phase: run_phase(phase, args.data, n, args.processes) for phase in order})
        print(f"repetition {i + 1}/{args.repeat} done", file=sys.stderr)
    words = runs[0]["full"]["words"]
    per = {
        "wall_ratio_full_vs_bare": [r["bare"]["seconds"] / r["full"]["seconds"] for r in runs],
        "cpu_ratio_full_vs_bare": [r["bare"]["cpu_seconds"] / r["full"]["cpu_seconds"] for r in runs],
        "bare_words_per_s": [words / r["bare"]["seconds"] for r in runs],
        "full_words_per_s": [words / r["full"]["seconds"] for r in runs],
        "bare_cpu_s_per_1000_words": [1000 * r["bare"]["cpu_seconds"] / words for r in runs],
        "full_cpu_s_per_1000_words": [1000 * r["full"]["cpu_seconds"] / words for r in runs],
        "full_extract_share": [r["full"]["extract_seconds"] / r["full"]["seconds"] for r in runs],
        "full_analysis_share": [r["full"]["analysis_seconds"] / r["full"]["seconds"] for r in runs],
        "bare_pss_peak_mb": [r["bare"]["pss_peak_mb"] for r in runs],
        "full_pss_peak_mb": [r["full"]["pss_peak_mb"] for r in runs],
    }
    if args.dask:
        per["wall_ratio_dask_vs_full"] = [r["full"]["seconds"] / r["dask"]["seconds"] for r in runs]
        per["cpu_ratio_dask_vs_full"] = [r["full"]["cpu_seconds"] / r["dask"]["cpu_seconds"] for r in runs]
        per["dask_pss_peak_mb"] = [r["dask"]["pss_peak_mb"] for r in runs]
    summary = {"processes": args.processes, "articles": n, "words": words, "repetitions": args.repeat,
               **{k: spread(v) for k, v in per.items()}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"summary": summary, "runs": runs}, indent=2))
    print(f"{n} articles, {words:,} words, {args.processes} processes, {args.repeat} repetitions "
          "(median [min–max]); ratios > 1 mean the full ingest is faster than bare spaCy")
    for k, v in summary.items():
        if isinstance(v, dict):
            print(f"  {k:<28} {v['median']:>10,.3f}  [{v['min']:,.3f} – {v['max']:,.3f}]")


if __name__ == "__main__":
    main()
