"""Uncertain-sentence detection on the CoNLL-2010 Wikipedia weasel/hedge set.

Reads `<data_dir>/hedge-sentences-dev/dev.csv` (text,label; see SOURCE.md).
A sentence is predicted uncertain when cg_modality finds a hedge,
speculation or allegation cue in it, or cg_attribution finds a source that
names nobody ("critics say", "it is believed"). Scored as P/R/F1 on class 1,
the CoNLL-2010 task 1 metric.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from claimgraph.errors import MissingData
from claimgraph.evaluation.common import side_by_side

FOLDER = "hedge-sentences-dev"
UNCERTAIN_KINDS = frozenset({"hedge", "speculation", "allege", "report", "weasel"})
# Verbs that, with nobody named ("it is believed", "officials say"), make a
# weasel attribution; "it was planned" or "was called" do not.
_VAGUE_VERBS = frozenset({"say", "report", "believe", "think", "claim", "consider", "suggest", "argue",
                          "allege", "assume", "estimate", "describe", "regard", "suppose", "speculate",
                          "rumor", "rumour", "fear", "expect", "know"})
MAX_SENTENCE_CHARS = 5000  # bound on one CSV field
_PTB = (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("``", '"'), ("''", '"'), ("` ", "'"))


def detokenise(text: str) -> str:
    """Undo the light PTB tokenisation of the set (brackets, quote marks)."""
    text = text.strip()
    for a, b in _PTB:
        text = text.replace(a, b)
    return text.replace("`", "'")


def sentences(data_dir: Path, limit: int | None = None) -> list[tuple[str, int]]:
    path = Path(data_dir) / FOLDER / "dev.csv"
    if not path.is_file():
        raise MissingData(path.parent, "expected dev.csv with columns text,label (see SOURCE.md)")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(detokenise(r["text"][:MAX_SENTENCE_CHARS]), int(r["label"])) for r in csv.DictReader(fh)]
    if limit is not None and 0 < limit < len(rows):
        # the file is sorted by label: sample evenly across it, not its head
        step = len(rows) / limit
        rows = [rows[int(i * step)] for i in range(limit)]
    return rows


def is_uncertain(doc: Any) -> bool:
    """Any hedge-like cue, or a vague unnamed source."""
    if any(c.kind in UNCERTAIN_KINDS for c in doc._.cg_cues or []):
        return True
    return any(a.kind in ("unnamed", "passive") and not a.source_actor_id and a.cue_lemma in _VAGUE_VERBS
               for a in doc._.cg_attributions or [])


def _default_nlp() -> Any:
    from claimgraph.nlp.pipeline import build_pipeline

    return build_pipeline(components=["cg_attribution", "cg_modality"])


def score(data_dir: Path, nlp: Any = None, limit: int | None = None) -> dict[str, Any]:
    """P/R/F1 on the uncertain class; plain keys are the scored half (split by a hash of the sentence)."""
    data = sentences(Path(data_dir), limit)
    nlp = nlp if nlp is not None else _default_nlp()
    rows = [{"id": text, "label": label, "pred": is_uncertain(doc)}
            for (text, label), doc in zip(data, nlp.pipe((t for t, _ in data), batch_size=64), strict=True)]
    return side_by_side(rows, lambda r: r["id"], aggregate)


def aggregate(rows: list[dict[str, Any]]) -> dict[str, float | int]:
    """Confusion counts and P/R/F1 on class 1 over a set of sentences."""
    tp = sum(1 for r in rows if r["pred"] and r["label"])
    fp = sum(1 for r in rows if r["pred"] and not r["label"])
    fn = sum(1 for r in rows if not r["pred"] and r["label"])
    tn = len(rows) - tp - fp - fn
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"sentences": len(rows), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "false_positive_rate": round(fp / (fp + tn), 4) if fp + tn else 0.0}
