"""Kill-and-rerun trials: `kill -9` an ingest at a random moment, run it again, compare.

    .venv/bin/python bench/kill_rerun.py                      # 20 trials over 60 FNC-1 bodies
    .venv/bin/python bench/kill_rerun.py --trials 5 --n 30 --processes 2

One uninterrupted `claimgraph ingest` gives the reference exports and its
duration T; each trial starts the same ingest into a fresh store and sends
SIGKILL to its process group — odd trials after a uniform random delay in
(0, T), even ones once a random number k of documents (1..n) is extracted, so
that kills also land among the saves and between extraction and analysis
(k = n) — then runs the ingest again to completion, and compares the claims, events and actors
exports byte for byte with the reference. A trial passes when all three are
identical and nothing is left pending analysis. The test suite runs three
fixed kill points (tests/test_analysis_pending.py); this is the audit's
twenty random ones, too slow for every run of the suite.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "fnc1-bodies" / "train_bodies.csv"
COMPARED = (("jsonl", "claims"), ("jsonl", "events"), ("jsonl", "actors"))


def write_corpus(data: Path, n: int, folder: Path) -> None:
    csv.field_size_limit(10_000_000)
    with data.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["articleBody"].strip()][:n]
    folder.mkdir(parents=True)
    for r in rows:
        (folder / f"body_{int(r['Body ID']):05d}.txt").write_text(r["articleBody"], encoding="utf-8")


def ingest_cmd(corpus: Path, db: Path, processes: int) -> list[str]:
    return [sys.executable, "-m", "claimgraph", "ingest", str(corpus), "--db", str(db),
            "--processes", str(processes), "-q"]


def env() -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = str(REPO) + (os.pathsep + out["PYTHONPATH"] if out.get("PYTHONPATH") else "")
    return out


def exports(db: Path) -> dict[str, bytes]:
    sys.path.insert(0, str(REPO))
    from claimgraph import api

    out: dict[str, bytes] = {}
    with api.open_store(db) as store:
        for fmt, what in COMPARED:
            buf = io.StringIO(newline="")
            api.export(store, fmt, buf, what=what)
            out[f"{fmt}-{what}"] = buf.getvalue().encode()
    return out


def pending(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM analysis_pending").fetchone()[0])
    finally:
        con.close()


def extracted(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return int(con.execute("SELECT count(extracted_at) FROM documents").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def state(db: Path) -> str:
    """Where the kill landed: documents stored / extracted."""
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            docs = con.execute("SELECT count(*), count(extracted_at) FROM documents").fetchone()
            claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
        finally:
            con.close()
        return f"stored {docs[0]}, extracted {docs[1]}, claims {claims}"
    except sqlite3.Error:
        return "no store yet"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="FNC-1 train_bodies.csv")
    ap.add_argument("--n", type=int, default=60, help="articles in the corpus")
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus"
        write_corpus(args.data, args.n, corpus)
        ref_db = tmp / "reference.db"
        t0 = time.monotonic()
        subprocess.run(ingest_cmd(corpus, ref_db, args.processes), check=True, env=env())
        duration = time.monotonic() - t0
        reference = exports(ref_db)
        n_claims = reference["jsonl-claims"].count(b"\n")
        print(f"reference: {args.n} articles, {n_claims} claims, "
              f"{duration:.1f}s uninterrupted", flush=True)
        passed = 0
        for trial in range(1, args.trials + 1):
            db = tmp / f"trial{trial}.db"
            delay = rng.uniform(0.05, duration)
            k = rng.choice([args.n, rng.randint(1, args.n)])
            proc = subprocess.Popen(ingest_cmd(corpus, db, args.processes), env=env(), start_new_session=True,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            start = time.monotonic()
            if trial % 2:
                try:
                    proc.wait(timeout=delay)
                except subprocess.TimeoutExpired:
                    pass
            else:
                while proc.poll() is None and extracted(db) < k and time.monotonic() - start < 10 * duration:
                    time.sleep(0.01)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                when = f"{time.monotonic() - start:.1f}s" if trial % 2 else f"{extracted(db)} >= {k} extracted"
                killed = f"killed at {when} ({state(db)})"
            else:
                killed = "finished before the kill"
            rerun = subprocess.run(ingest_cmd(corpus, db, args.processes), env=env(), capture_output=True, text=True)
            got = exports(db) if rerun.returncode == 0 else {}
            same = [k for k in reference if got.get(k) == reference[k]]
            ok = rerun.returncode == 0 and len(same) == len(reference) and pending(db) == 0
            passed += ok
            print(f"trial {trial:2d}: {killed}; re-run rc {rerun.returncode}; "
                  f"identical: {', '.join(same) or 'none'} -> {'PASS' if ok else 'FAIL'}", flush=True)
        print(f"{passed}/{args.trials} trials identical to the uninterrupted run")
        return 0 if passed == args.trials else 1


if __name__ == "__main__":
    sys.exit(main())
