"""What the data-loss, determinism and concurrency tests share: a small real corpus,
the `claimgraph` command as a killable subprocess, and every export of a store."""

from __future__ import annotations

import csv
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
FNC1 = SHARED / "eval" / "fnc1-bodies" / "train_bodies.csv"
# FNC-1 bodies that name one person two ways across articles ("Idriss Déby" in one,
# "Idriss Deby" in the others): which spelling wins must not depend on save order.
FNC1_BODIES = ("455", "600", "840", "1681")

# (format, what) for every exporter and every kind it writes, documents aside:
# their `ingested_at` records when a run happened, the one field that is not a
# function of the input.
EXPORTS = [
    ("jsonl", "events"), ("jsonl", "claims"), ("jsonl", "actors"), ("jsonl", "attributions"),
    ("jsonl", "timexes"), ("csv", "events"), ("csv", "claims"), ("csv", "actors"),
    ("plover", "events"), ("ftm", "entities"), ("graphml", "graph"), ("graphml", "claims"),
    ("gexf", "graph"), ("gexf", "events"),
]


def env() -> dict[str, str]:
    """The subprocess imports this checkout's claimgraph, whatever the venv has installed."""
    out = dict(os.environ)
    out["PYTHONPATH"] = str(REPO) + (os.pathsep + out["PYTHONPATH"] if out.get("PYTHONPATH") else "")
    return out


def claimgraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimgraph", *args]


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(claimgraph(*args), check=check, capture_output=True, text=True, env=env(), timeout=600)


def build_corpus(folder: Path, fnc1: bool = True) -> list[Path]:
    """The seeds, the examples (several texts in both: duplicates with different origins)
    and a few FNC-1 bodies, as files in `folder`; returns the files, sorted."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(EXAMPLES, folder / "examples")
    if SEEDS.is_dir():
        shutil.copytree(SEEDS, folder / "seeds")
    if fnc1 and FNC1.is_file():
        csv.field_size_limit(10_000_000)
        with FNC1.open(newline="", encoding="utf-8") as fh:
            bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(fh) if r["Body ID"] in FNC1_BODIES}
        (folder / "fnc1").mkdir()
        for body_id in FNC1_BODIES:
            (folder / "fnc1" / f"body_{body_id}.txt").write_text(bodies[body_id], encoding="utf-8")
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".meta.json"))


def shuffled(files: list[Path], seed: int) -> list[Path]:
    out = list(files)
    random.Random(seed).shuffle(out)
    return out


def exports(db: Path) -> dict[str, bytes]:
    """Every export of `db`, as the bytes `claimgraph export --out` writes, by `format-what`."""
    import io

    from claimgraph import api, registry

    result: dict[str, bytes] = {}
    with api.open_store(db) as store:
        for fmt, what in EXPORTS:
            if getattr(registry.get(registry.EXPORTERS, fmt), "binary", False):
                buf = io.BytesIO()
                api.export(store, fmt, buf, what=what)
                result[f"{fmt}-{what}"] = buf.getvalue()
            else:
                text = io.StringIO(newline="")
                api.export(store, fmt, text, what=what)
                result[f"{fmt}-{what}"] = text.getvalue().encode("utf-8")
    return result


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """Names of the exports that differ, each with its first differing line."""
    out = []
    for key in a:
        if a[key] != b[key]:
            la, lb = a[key].splitlines(), b[key].splitlines()
            first = next((i for i, (x, y) in enumerate(zip(la, lb, strict=False)) if x != y), min(len(la), len(lb)))
            out.append(f"{key} line {first}: {la[first][:300] if first < len(la) else None!r} "
                       f"vs {lb[first][:300] if first < len(lb) else None!r}")
    return out
