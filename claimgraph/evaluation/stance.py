"""FNC-1 stance (agree / disagree / discuss / unrelated) scored through `claimgraph check`.

The article bodies are ingested into a fresh store the way an analyst's
files are (JSON Lines reader, cleaning, dedupe); every headline is then
checked against the whole store with the same code as `claimgraph check
--json`. A body the check does not list for a headline is "unrelated". The
headlines are split into a read half (rules are developed on it) and a
scored half by a hash of the headline (`common.half`); both are reported.

Metrics (SOURCE.md): the official FNC-1 weighted score as a share of the
best possible (+0.25 for the right related/unrelated call, +0.75 more for
the exact stance of a related pair), and per-class F1.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from claimgraph.errors import MissingData
from claimgraph.evaluation.common import half

FOLDER = "fnc1-stances-dev"
LABELS = ("agree", "disagree", "discuss", "unrelated")
MAX_FIELD = 1_000_000  # one CSV field (a body); the csv module's default bound is lower than some bodies


def load(folder: Path) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Bodies by id, and (headline, body id, stance) pairs."""
    stances, bodies = folder / "stances.dev.csv", folder / "bodies.dev.csv"
    if not stances.is_file() or not bodies.is_file():
        raise MissingData(folder, "expected stances.dev.csv and bodies.dev.csv (see SOURCE.md)")
    csv.field_size_limit(min(sys.maxsize, MAX_FIELD))
    with bodies.open(encoding="utf-8", newline="") as fh:
        body = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(fh)}
    with stances.open(encoding="utf-8", newline="") as fh:
        pairs = [(r["Headline"], r["Body ID"], r["Stance"].strip().lower()) for r in csv.DictReader(fh)]
    return body, pairs


def fnc_score(gold: list[str], pred: list[str]) -> dict[str, Any]:
    """FNC-1 score as a share of the maximum, per-class P/R/F1 and the confusion counts."""
    got = best = 0.0
    conf: Counter[tuple[str, str]] = Counter()
    for g, p in zip(gold, pred, strict=True):
        conf[(g, p)] += 1
        best += 0.25 if g == "unrelated" else 1.0
        got += 0.25 if (g == "unrelated") == (p == "unrelated") else 0.0
        got += 0.75 if g != "unrelated" and g == p else 0.0
    out: dict[str, Any] = {"pairs": len(gold), "score": round(got / best, 4) if best else 0.0}
    for c in LABELS:
        tp = conf[(c, c)]
        n_pred = sum(conf[(g, c)] for g in LABELS)
        n_gold = sum(conf[(c, p)] for p in LABELS)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        out[f"{c}_f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    out["confusion"] = {g: {p: conf[(g, p)] for p in LABELS} for g in LABELS}
    return out


def build_store(bodies: dict[str, str], work: Path) -> tuple[Any, dict[str, str]]:
    """A store holding every body (through the JSON Lines reader); body id → stored document id."""
    from claimgraph.ingest import ingest_paths
    from claimgraph.store import Store

    path = work / "bodies.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for bid, text in bodies.items():
            fh.write(json.dumps({"url": f"fnc1:body/{bid}", "title": None, "text": text}) + "\n")
    store = Store.open(work / "fnc1.db")
    ingest_paths([path], store)
    by_origin = {d.origin: d.id for d in store.documents()}
    # Identical bodies are one stored document (dedupe): they share its id.
    first_of: dict[str, str] = {}
    doc_of: dict[str, str] = {}
    for bid, text in bodies.items():
        key = " ".join(text.split())
        first = first_of.setdefault(key, bid)
        doc = by_origin.get(f"fnc1:body/{bid}") or by_origin.get(f"fnc1:body/{first}")
        if doc:
            doc_of[bid] = doc
    return store, doc_of


def score(data_dir: Path, limit: int | None = None, **_: Any) -> dict[str, Any]:
    """Both halves' FNC-1 figures; `limit` keeps the first N headlines of each half (quick look)."""
    from claimgraph import api

    bodies, pairs = load(Path(data_dir) / FOLDER)
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store, doc_of = build_store(bodies, Path(tmp))
        try:
            for part in ("read", "scored"):
                heads = sorted({h for h, _b, _s in pairs if half(h) == part})
                if limit is not None and limit > 0:
                    heads = heads[:limit]
                wanted = set(heads)
                stance_of: dict[tuple[str, str], str] = {}
                for record in api.check(store, heads):
                    for d in record["documents"]:
                        stance_of[(record["claim"], d["document"]["id"])] = d["stance"]
                gold, pred = [], []
                for h, bid, s in pairs:
                    if h in wanted:
                        gold.append(s)
                        pred.append(stance_of.get((h, doc_of.get(bid, "")), "unrelated"))
                figures = fnc_score(gold, pred)
                result[f"{part}_headlines"] = len(heads)
                for key, value in figures.items():
                    result[f"{part}_{key}"] = value
        finally:
            store.close()
    return result
