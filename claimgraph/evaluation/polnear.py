"""Attribution scoring on PolNeAR (political news attribution relations).

Reads `<data_dir>/polnear-dev` (see its SOURCE.md): for each article the
first listed annotator's brat file is gold. A system attribution matches a
gold one when their cue character spans overlap (one-to-one, first come
first served in text order). Source agreement on a matched pair means the
two source spans overlap, or both attributions name no source.

    cue_*     detection of attributions (by cue overlap)
    source_*  end to end: a cue match whose source also agrees
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimgraph.errors import MissingData
from claimgraph.evaluation.common import side_by_side
from claimgraph.nlp.attribution.spans import inside_quote, quote_regions

FOLDER = "polnear-dev"
MAX_TEXT_CHARS = 2_000_000  # a bound on any one article read from disk


@dataclass(slots=True)
class GoldAttribution:
    cue: list[tuple[int, int]]
    source: list[tuple[int, int]] | None


def _fragments(field: str) -> list[tuple[int, int]]:
    """brat offsets "s e" or discontinuous "s e;s e"."""
    out = []
    for part in field.split(";"):
        bits = part.split()
        if len(bits) == 2 and bits[0].isdigit() and bits[1].isdigit():
            out.append((int(bits[0]), int(bits[1])))
    return out


def read_ann(path: Path) -> list[GoldAttribution]:
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = _fragments(offsets)
        elif line.startswith("E") and len(cols) >= 2:
            roles = dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg)
            events.append(roles)
    gold = []
    for roles in events:
        cue = spans.get(roles.get("Cue", ""))
        if not cue:
            continue
        src = spans.get(roles["Source"]) if "Source" in roles else None
        gold.append(GoldAttribution(cue=cue, source=src or None))
    return gold


def articles(data_dir: Path, limit: int | None = None) -> list[tuple[str, list[GoldAttribution]]]:
    """(text, gold) per dev article, first annotator listed in metadata.tsv."""
    return [(text, gold) for _name, text, gold in named_articles(data_dir, limit)]


def named_articles(data_dir: Path, limit: int | None = None) -> list[tuple[str, str, list[GoldAttribution]]]:
    """(file name, text, gold) per dev article: the name is the id the read/scored split hashes."""
    root = data_dir / FOLDER
    meta = root / "metadata.tsv"
    if not meta.is_file():
        raise MissingData(root, "expected metadata.tsv and dev/{text,attributions}/ (see SOURCE.md)")
    out = []
    with meta.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("compartment") == "dev"]
    for row in rows:
        text_path = root / "dev" / "text" / f"{row['filename']}.txt"
        if not text_path.is_file():
            continue
        for annotator in (row.get("annotators") or "").split("|"):
            ann = root / "dev" / "attributions" / f"{row['filename']}_{annotator}.ann"
            if ann.is_file():
                text = text_path.read_text(encoding="utf-8")[:MAX_TEXT_CHARS]
                out.append((row["filename"], text, read_ann(ann)))
                break
        if limit is not None and len(out) >= limit:
            break
    return out


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _default_nlp() -> Any:
    from claimgraph.nlp.pipeline import build_pipeline

    return build_pipeline(components=["cg_actors", "cg_attribution"])


def score(data_dir: Path, nlp: Any = None, limit: int | None = None) -> dict[str, Any]:
    """Cue and source P/R/F1; plain keys are the scored half, `read.*` the other (common.side_by_side)."""
    data = named_articles(Path(data_dir), limit)
    nlp = nlp if nlp is not None else _default_nlp()
    rows = []
    for (name, _text, gold), doc in zip(data, nlp.pipe((t for _, t, _ in data), batch_size=8), strict=True):
        rows.append({"id": name, **_count(doc, gold)})
    return side_by_side(rows, lambda r: r["id"], aggregate)


def _count(doc: Any, gold: list[GoldAttribution]) -> dict[str, int]:
    """System, gold, cue-matched and source-matched counts for one article."""
    # PolNeAR is univocal (a token belongs to one attribution at most), so
    # reports nested inside another's content are not annotated: score
    # the top of each chain only.
    # Likewise words inside a quotation belong to the quoted speaker's
    # attribution even when we did not find who that speaker is.
    regions = quote_regions(doc.text)
    system = [a for a in doc._.cg_attributions or [] if a.parent is None
              and (a.kind == "quote" or inside_quote(regions, a.cue.start_char, a.cue.end_char) is None)]
    cue_tp = src_tp = 0
    free = list(range(len(gold)))
    for att in system:
        cue = [(att.cue.start_char, att.cue.end_char)]
        hit = next((g for g in free if _overlap(cue, gold[g].cue)), None)
        if hit is None:
            continue
        free.remove(hit)
        cue_tp += 1
        g_src = gold[hit].source
        s_src = [(att.source.start_char, att.source.end_char)] if att.source else None
        if (g_src is None and s_src is None) or (g_src and s_src and _overlap(s_src, g_src)):
            src_tp += 1
    return {"system": len(system), "gold": len(gold), "cue_tp": cue_tp, "src_tp": src_tp}


def aggregate(rows: list[dict[str, Any]]) -> dict[str, float | int]:
    """Micro-averaged figures over a set of articles."""
    n_sys = sum(r["system"] for r in rows)
    n_gold = sum(r["gold"] for r in rows)
    cue_tp = sum(r["cue_tp"] for r in rows)
    src_tp = sum(r["src_tp"] for r in rows)
    cp, cr, cf = _prf(cue_tp, n_sys, n_gold)
    sp, sr, sf = _prf(src_tp, n_sys, n_gold)
    return {
        "articles": len(rows), "gold": n_gold, "system": n_sys, "cue_matched": cue_tp,
        "cue_precision": round(cp, 4), "cue_recall": round(cr, 4), "cue_f1": round(cf, 4),
        "source_precision": round(sp, 4), "source_recall": round(sr, 4), "source_f1": round(sf, 4),
        "source_accuracy_on_matched": round(src_tp / cue_tp, 4) if cue_tp else 0.0,
    }
