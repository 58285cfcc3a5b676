"""Score the event coder on the PLOVER gold standard records (plover-gsr-dev).

Each record is one idealised news sentence from the CAMEO manual with a
gold PLOVER type and ISO-3 / IGO / NGO actor codes. We run it as a
one-sentence article dated 2000-01-01, take the *top* event (the one
highest in the parse, then the most confident), and report type accuracy,
macro-F1, source/target set-F1 and full-triple accuracy. Gold still uses
retired type names; `normalise_type` maps them (DEMAND → REQUEST, …).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.errors import MissingData
from claimgraph.evaluation.common import half, side_by_side
from claimgraph.model import DateValue
from claimgraph.nlp.pipeline import build_pipeline
from claimgraph.nlp.types import EventMention
from claimgraph.ontology.plover import normalise_type

DATASET = "plover-gsr-dev"
FILE = "PLOVER_GSR_CAMEO.dev.json"
_KIND_CODES = {"igo": "IGO", "ngo": "NGO"}


def load_records(data_dir: Path, limit: int | None = None) -> list[dict[str, Any]]:
    path = Path(data_dir) / DATASET / FILE
    if not path.is_file():
        raise MissingData(path, "expected the plover-gsr-dev folder of the shared eval data")
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    return records[:limit] if limit else records


def _gold_codes(value: Any) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {str(a.get("code", "")).upper() for a in value if isinstance(a, dict) and a.get("code")}


def actor_code(doc: Doc, actor_id: str) -> str:
    """Our actor id as a GSR code: ISO-3 for states and their organs, IGO/NGO by kind."""
    actor = (doc._.cg_actors or {}).get(actor_id)
    if len(actor_id) == 3 and actor_id.isupper():
        return actor_id
    if actor is not None:
        kind = _KIND_CODES.get(str(actor.kind))
        if kind:
            return kind
        if actor.country:
            return str(actor.country).upper()
        if actor.sector and str(actor.sector).upper() in ("IGO", "NGO"):
            return str(actor.sector).upper()
    return actor_id


def top_event(doc: Doc) -> EventMention | None:
    """The main-clause event: closest to the parse root, then most confident."""
    events: list[EventMention] = doc._.cg_events or []
    if not events:
        return None

    def depth(e: EventMention) -> int:
        """Edges to the root; a purpose or adverbial clause counts double (it is
        background to the main act), and a noun coded through its light verb
        stands at that verb's depth."""
        span = doc.char_span(e.trigger.start_char, e.trigger.end_char, alignment_mode="expand")
        if span is None:
            return 99
        tok = span.root
        d = sum(2 if t.dep_ == "advcl" else 1 for t in [tok, *tok.ancestors] if t.head is not t)
        return d - 1 if "+verb:" in e.rule else d

    return min(events, key=lambda e: (depth(e), -e.confidence))


def _f1(pred: set[str], gold: set[str]) -> float:
    if not pred and not gold:
        return 1.0
    if not pred or not gold:
        return 0.0
    tp = len(pred & gold)
    if tp == 0:
        return 0.0
    p, r = tp / len(pred), tp / len(gold)
    return 2 * p * r / (p + r)


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = {g for g, _ in pairs}
    scores = []
    for lab in sorted(labels):
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        fp = sum(1 for g, p in pairs if g != lab and p == lab)
        fn = sum(1 for g, p in pairs if g == lab and p != lab)
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else 0.0


def predict(nlp: Language, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    docs = []
    for r in records:
        doc = nlp.make_doc(str(r.get("text", ""))[:5000])
        doc._.cg_published = DateValue("2000-01-01", "day")
        docs.append(doc)
    out = []
    for r, doc in zip(records, nlp.pipe(docs), strict=True):
        ev = top_event(doc)
        out.append({
            "id": r.get("id"),
            "gold": normalise_type(str(r.get("event", ""))) or str(r.get("event")),
            "pred": ev.type if ev else None,
            "source": {actor_code(doc, a) for a in ev.source} if ev else set(),
            "target": {actor_code(doc, a) for a in ev.target} if ev else set(),
            "gold_source": _gold_codes(r.get("source")),
            "gold_target": _gold_codes(r.get("target")),
            "reciprocal": "SRC/TAR" in str((r.get("textInfo") or {}).get("markup", "")),
            "rule": ev.rule if ev else None,
            "text": r.get("text"),
        })
    return out


def score(data_dir: Path, nlp: Language | None = None, limit: int | None = None,
          details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Flat metrics dict; headline keys "type_accuracy" and "triple_accuracy".

    Plain keys are the scored half (see `common.side_by_side`), `read.*` the
    half whose errors may be read. Pass a list as `details` to receive the
    per-record predictions (each with its "half").
    """
    records = load_records(data_dir, limit)
    nlp = nlp if nlp is not None else build_pipeline()
    rows = predict(nlp, records)
    if details is not None:
        details.extend({**r, "half": half(str(r["id"]))} for r in rows)
    return side_by_side(rows, lambda r: str(r["id"]), aggregate)


def aggregate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The metrics of one set of predicted records."""
    n = len(rows)
    type_ok = sum(1 for r in rows if r["pred"] == r["gold"])
    src_f1 = tgt_f1 = 0.0
    triples = 0
    for r in rows:
        s, t, gs, gt = r["source"], r["target"], r["gold_source"], r["gold_target"]
        if r["reciprocal"]:  # SRC/TAR: either direction counts; the pair is what matters
            both = gs | gt
            fs, ft = _f1(s | t, both), _f1(s | t, both)
        else:
            fs, ft = _f1(s, gs), _f1(t, gt)
        src_f1 += fs
        tgt_f1 += ft
        if r["pred"] == r["gold"] and fs == 1.0 and ft == 1.0:
            triples += 1
    confusion = Counter((r["gold"], r["pred"] or "NONE") for r in rows if r["pred"] != r["gold"])
    return {
        "records": n,
        "type_accuracy": round(type_ok / n, 4) if n else 0.0,
        "type_macro_f1": round(_macro_f1([(r["gold"], r["pred"] or "NONE") for r in rows]), 4),
        "source_f1": round(src_f1 / n, 4) if n else 0.0,
        "target_f1": round(tgt_f1 / n, 4) if n else 0.0,
        "triple_accuracy": round(triples / n, 4) if n else 0.0,
        "no_event": sum(1 for r in rows if r["pred"] is None),
        "top_confusions": "; ".join(f"{g}→{p}:{c}" for (g, p), c in confusion.most_common(8)),
    }
