"""Peak memory of `claimgraph ingest --no-extract` over one large file, as a ratio to the file's size.

    .venv/bin/python bench/ingest_memory.py                  # 100 MB files
    .venv/bin/python bench/ingest_memory.py --mb 20           # a quick look
    .venv/bin/python bench/ingest_memory.py --repo ../main    # the same files through another checkout

Issue #11 item 12: a 100 MB text file needed about 2 GB. Each case runs in a
fresh child process that reports its own peak RSS (ru_maxrss), and a child
ingesting a one-line file gives the baseline (Python, the libraries, the
store); the figure is (peak − baseline) / file size, so it travels between
machines where absolute megabytes do not. Cases:

  text   — one plain-text file of --mb MB (refused by the per-article bound
           from its first bytes, so it should cost nothing);
  jsonl  — a JSON Lines export of --mb MB of articles (read one line at a time);
  max    — one text article just under the per-article bound (the largest
           single article that is stored, decoded, cleaned and hashed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORDS = ("the army said on tuesday that shells hit a village near the border while officials reported "
         "casualties and talks — “fragile” by all accounts — were put off").split()

CHILD = """
import resource, sys
from claimgraph.cli import main
try:
    main(sys.argv[1:], standalone_mode=True)
except SystemExit:
    pass
sys.stderr.write("RSS_KIB=%d\\n" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def write_text(path: Path, size: int, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8") as fh:
        written = 0
        while written < size:
            line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 30))) + ".\n"
            fh.write(line)
            written += len(line.encode("utf-8"))


def write_jsonl(path: Path, size: int, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8") as fh:
        written, n = 0, 0
        while written < size:
            body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) + f". Item {n}."
                               for _ in range(rng.randint(3, 12)))
            line = json.dumps({"text": body, "url": f"https://example.org/{n}"}, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            n += 1


def peak_kib(repo: Path, path: Path, db: Path, max_bytes: int) -> int:
    env = {**os.environ, "PYTHONPATH": str(repo)}
    args = ["ingest", str(path), "--no-extract", "--quiet", "--max-bytes", str(max_bytes), "--db", str(db)]
    proc = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, env=env, cwd=repo)
    for line in proc.stderr.splitlines():
        if line.startswith("RSS_KIB="):
            return int(line.split("=", 1)[1])
    raise RuntimeError(proc.stderr[-2000:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=int, default=100, help="size of the large files, in MB")
    ap.add_argument("--repo", type=Path, default=REPO, help="checkout whose claimgraph is measured")
    ns = ap.parse_args()
    size = ns.mb * 1_000_000
    rng = random.Random(11)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "one.txt").write_text("Officials said the talks failed on Tuesday after a long night.\n", encoding="utf-8")
        write_text(t / "big.txt", size, rng)
        write_jsonl(t / "big.jsonl", size, rng)
        write_text(t / "max.txt", 4_900_000, rng)
        base = peak_kib(ns.repo.resolve(), t / "one.txt", t / "base.db", 2 * size)
        for case, name in (("text", "big.txt"), ("jsonl", "big.jsonl"), ("max", "max.txt")):
            path = t / name
            peak = peak_kib(ns.repo.resolve(), path, t / f"{case}.db", 2 * size)
            mb = path.stat().st_size / 1e6
            results[case] = {"file_mb": round(mb, 1), "peak_rss_mb": round(peak / 1024, 1),
                             "over_baseline_mb": round((peak - base) / 1024, 1),
                             "ratio": round((peak - base) * 1024 / path.stat().st_size, 2)}
        results["baseline"] = {"peak_rss_mb": round(base / 1024, 1)}
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
