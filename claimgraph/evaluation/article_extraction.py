"""Score the HTML reader's article bodies against the Zyte/Scrapinghub benchmark.

Folder: `<data_dir>/article-extraction-benchmark/` with `ground-truth.json`
({key: {"articleBody", "url"}}) and `html/<key>.html.gz` (see its
SOURCE.md). The body scored is exactly what ingest would store: the file
is loaded and gunzipped by ingest's loader, read by the registered HTML
reader and cleaned by ingest's cleaner, so boilerplate rules that hurt
real pages show up here.

Metric, as the benchmark defines it: texts tokenised with `\\w+`, 4-gram
shingle multisets per page, true/false positives and false negatives
summed over pages (micro P/R/F1); `accuracy` is the share of pages whose
token sequence matches the gold exactly.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from claimgraph.errors import InputError, MissingData
from claimgraph.ingest.clean import clean_text
from claimgraph.ingest.detect import load
from claimgraph.ingest.readers.html import HtmlReader

FOLDER = "article-extraction-benchmark"
_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(0, len(tokens) - n + 1)))


def extract_body(path: Path, max_bytes: int = 50_000_000) -> str:
    """The cleaned article body ingest would store for this HTML file ('' if none)."""
    data = load(path, max_bytes)
    try:
        for item in HtmlReader().read(path, data):
            if isinstance(item, InputError):
                return ""
            return clean_text(item.text).text
    except InputError:
        return ""
    return ""


def score(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Micro P/R/F1 of 4-gram shingles over the benchmark (first `limit` pages, sorted by key)."""
    folder = Path(data_dir) / FOLDER
    gold_file = folder / "ground-truth.json"
    if not gold_file.is_file():
        raise MissingData(folder, "expected ground-truth.json and html/*.html.gz (Zyte article-extraction-benchmark)")
    gold: dict[str, dict[str, str]] = json.loads(gold_file.read_text(encoding="utf-8"))
    keys = sorted(gold)[:limit] if limit else sorted(gold)
    tp = fp = fn = exact = empty = 0
    worst: list[tuple[float, str]] = []
    for key in keys:
        path = folder / "html" / f"{key}.html.gz"
        if not path.is_file():
            raise MissingData(path, "page listed in ground-truth.json is missing")
        body = extract_body(path)
        if not body:
            empty += 1
        g, p = shingles(gold[key].get("articleBody", "")), shingles(body)
        hit = sum((g & p).values())
        tp, fp, fn = tp + hit, fp + sum(p.values()) - hit, fn + sum(g.values()) - hit
        exact += int(_TOKEN.findall(body) == _TOKEN.findall(gold[key].get("articleBody", "")))
        page_f1 = 2 * hit / (sum(g.values()) + sum(p.values())) if (g or p) else 1.0
        worst.append((page_f1, key))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pages": len(keys),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "accuracy": round(exact / len(keys), 4) if keys else 0.0,
        "empty": empty,
        "worst": [{"key": k, "f1": round(v, 3)} for v, k in sorted(worst)[:5]],
    }
