"""Score the whole system on real multi-outlet reporting (../shared/eval/realnews-dev).

The set (its SOURCE.md) is 14 real articles on one war, with every event in
the headline and the first 14 body sentences annotated. It is careful
machine-assisted annotation, not an external gold: figures from it say how
the system behaves on text nobody tuned for, not how it ranks.

The articles go through the path an analyst uses — ingest into a fresh
SQLite store, extract, analyse — and are read back as export records, so
the figures are those of `reference_score.py` beside the data:

- an event counts when its trigger lies in a selected sentence and its
  evidence shares 30+ characters with it; it is matched to a gold event of
  the same article, sentence and PLOVER type (one to one, trigger-equal
  pairs first). Gold events marked `doubt` count neither way;
- on matched events: source and target set-F1 over country codes and names,
  status, said_by, negation and date accuracy;
- over pairs of matched events in different articles: does sharing a claim
  agree with sharing a gold story (the cross-article grouping score)?
- actor fragmentation: how many system actor ids one gold person or
  organisation is split into across the corpus.

Articles are split into a read and a scored half by a hash of their url
(common.side_by_side); grouping and fragmentation span articles, so they
are reported over the whole set only.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path
from typing import Any

from claimgraph.errors import MissingData
from claimgraph.evaluation.common import half, side_by_side

FOLDER = "realnews-dev"
MAX_FILE_BYTES = 20_000_000  # bound on any one file of the set
MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "RETREAT"})  # the parties count in either slot
STATUSES = ("asserted", "reported", "alleged", "denied", "hypothetical")
_OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
_CODE = re.compile(r"[A-Z]{3}")
_DATE_PREFIX = {"day": 10, "month": 7, "year": 4}


def norm(text: Any) -> str:
    """NFKC, straight quotes, folded whitespace, lower case: how sentences and triggers are compared."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u2011", "-")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().lower()


def _lines(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise MissingData(path, "expected corpus.jsonl, events.gold.jsonl and docs.gold.jsonl (see SOURCE.md)")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise MissingData(path, f"larger than {MAX_FILE_BYTES:,} bytes; not the realnews-dev set")
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def load(data_dir: Path, limit: int | None = None) -> tuple[list[dict], list[dict], list[dict]]:
    """(corpus, gold events, gold docs), the first `limit` articles only when asked."""
    folder = Path(data_dir) / FOLDER
    corpus = _lines(folder / "corpus.jsonl")
    gold = _lines(folder / "events.gold.jsonl")
    docs = _lines(folder / "docs.gold.jsonl")
    if limit:
        corpus = corpus[:limit]
        keep = {c["url"] for c in corpus}
        gold = [g for g in gold if g["doc"] in keep]
        docs = [d for d in docs if d["doc"] in keep]
    return corpus, gold, docs


def run_system(corpus_file: Path, nlp: Any = None, keep_db: Path | None = None,
               urls: set[str] | None = None) -> tuple[list[dict], list[dict]]:
    """Ingest, extract and analyse the corpus in a fresh store; (event records, claim records)."""
    from claimgraph import api
    from claimgraph.export.records import iter_records
    from claimgraph.ingest import ingest_paths
    from claimgraph.nlp.extract import extract_pending
    from claimgraph.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        source = corpus_file
        if urls is not None:  # --limit: ingest only the chosen articles
            source = Path(tmp) / "corpus.jsonl"
            lines = [x for x in corpus_file.read_text(encoding="utf-8").splitlines()
                     if x.strip() and json.loads(x).get("url") in urls]
            source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        store = Store.open(keep_db or Path(tmp) / "realnews.db")
        try:
            ingest_paths([source], store)
            extract_pending(store, nlp=nlp, processes=1)
            api.analyze(store, None)
            events = list(iter_records(store, "events"))
            claims = list(iter_records(store, "claims"))
        finally:
            store.close()
    return events, claims


def _ptype(value: Any) -> str:
    t = str(value or "").upper().strip()
    return _OLD_TYPES.get(t, t)


def _overlap(a: str, b: str) -> int:
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def _in_sentence(ev: dict[str, Any], sentence: str) -> bool:
    trig = norm((ev.get("trigger") or {}).get("text"))
    evid = norm((ev.get("evidence") or {}).get("text"))
    if not trig or not re.search(r"(?<!\w)" + re.escape(trig) + r"(?!\w)", sentence):
        return False
    return _overlap(evid, sentence) >= min(30, len(sentence))


def actor_keys(actor: dict[str, Any] | None) -> set[str]:
    """A system actor's keys: its id when a country code, its country, its name and surname."""
    if not actor:
        return set()
    keys = set()
    for value in (actor.get("id"), actor.get("country")):
        if _CODE.fullmatch(str(value or "")):
            keys.add(str(value))
    name = norm(actor.get("name"))
    if name:
        keys |= {name, name.split()[-1]}
    return keys


def gold_keys(actor: dict[str, Any]) -> set[str]:
    keys = {str(actor["code"])} if _CODE.fullmatch(str(actor.get("code") or "")) else set()
    name = norm(actor.get("name"))
    if name:
        keys |= {name, name.split()[-1]}
    return keys


def set_f1(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> float:
    """F1 of two actor lists, an actor matching when any key is shared; both empty is right."""
    if not gold and not pred:
        return 1.0
    if not gold or not pred:
        return 0.0
    gk = [gold_keys(g) for g in gold]
    pk = [actor_keys(p) for p in pred]
    tp_g = sum(1 for k in gk if any(k & q for q in pk))
    tp_p = sum(1 for q in pk if any(k & q for k in gk))
    p, r = tp_p / len(pk), tp_g / len(gk)
    return 2 * p * r / (p + r) if p + r else 0.0


def date_ok(gold: dict[str, Any] | None, pred: dict[str, Any] | None) -> bool:
    """Right at the gold precision; an undated gold event wants no date."""
    if not gold:
        return not pred
    if not pred:
        return False
    n = _DATE_PREFIX.get(str(gold.get("precision")), 10)
    gv, pv = str(gold.get("value") or ""), str(pred.get("value") or "")
    return len(gv) >= n and len(pv) >= n and gv[:n] == pv[:n]


def said_by_ok(gold: str | None, pred: dict[str, Any] | None, codes: dict[str, str]) -> bool:
    """The name the article credits, or nobody; a state named by its code counts."""
    if not gold:
        return not pred
    if not pred:
        return False
    keys = gold_keys({"name": gold, "code": codes.get(gold, "")})
    return bool(keys & actor_keys(pred))


def locate(events: list[dict], corpus: list[dict], docs: list[dict]) -> dict[tuple[str, int], list[dict]]:
    """System events by (article url, selected sentence index)."""
    texts = {c["url"]: c.get("text", "") for c in corpus}
    sents: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for d in docs:
        text = texts.get(d["doc"], "")
        for i, span in enumerate(d.get("selected") or []):
            if span:
                sents[d["doc"]].append((i, norm(text[span[0]:span[1]])))
    out: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for ev in events:
        url = (ev.get("document") or {}).get("origin")
        evid = norm((ev.get("evidence") or {}).get("text"))
        # a headline repeats its lead: take the sentence sharing the most text with the evidence
        cands = [(_overlap(evid, s), i) for i, s in sents.get(url, []) if _in_sentence(ev, s)]
        if cands:
            out[(url, max(cands)[1])].append(ev)
    return out


def match(located: dict[tuple[str, int], list[dict]], gold: list[dict]) -> list[dict[str, Any]]:
    """One row per article: its matched (gold, system) pairs and its precision / recall counts."""
    gold_by: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for g in gold:
        gold_by[(g["doc"], g["sent"])].append(g)
    rows: dict[str, dict[str, Any]] = {}
    for key in sorted(set(located) | set(gold_by)):
        row = rows.setdefault(key[0], {"id": key[0], "pairs": [], "n_pred": 0, "n_gold": 0, "unmatched": []})
        preds = located.get(key, [])
        golds = [g for g in gold_by.get(key, []) if not g.get("doubt")]
        doubts = {g["type"] for g in gold_by.get(key, []) if g.get("doubt")}
        used: set[int] = set()
        taken: set[int] = set()
        for trigger_equal in (True, False):
            for gi, g in enumerate(golds):
                if gi in taken:
                    continue
                for j, p in enumerate(preds):
                    if j in used or _ptype(p.get("type")) != g["type"]:
                        continue
                    if trigger_equal and norm((p.get("trigger") or {}).get("text")) != norm(g["trigger"]):
                        continue
                    used.add(j)
                    taken.add(gi)
                    row["pairs"].append((g, p))
                    break
        rest = [p for j, p in enumerate(preds) if j not in used]
        false = [p for p in rest if _ptype(p.get("type")) not in doubts]
        row["n_pred"] += len(used) + len(false)
        row["n_gold"] += len(golds)
        row["unmatched"].extend(false)
    return list(rows.values())


def aggregate_factory(codes: dict[str, str]) -> Any:
    def aggregate(rows: list[dict[str, Any]]) -> dict[str, Any]:
        """Event P/R/F1 and field accuracies on matched events, over a set of articles."""
        pairs = [pair for r in rows for pair in r["pairs"]]
        n_pred = sum(r["n_pred"] for r in rows)
        n_gold = sum(r["n_gold"] for r in rows)
        tp = len(pairs)
        p = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        src, tgt = [], []
        for g, m in pairs:
            if g["type"] in MUTUAL:
                both = set_f1(g.get("source", []) + g.get("target", []), m.get("source", []) + m.get("target", []))
                src.append(both)
                tgt.append(both)
            else:
                src.append(set_f1(g.get("source", []), m.get("source", [])))
                tgt.append(set_f1(g.get("target", []), m.get("target", [])))

        def share(n: float) -> float:
            return round(n / tp, 4) if tp else 0.0

        status_confusion = Counter(f"{g.get('status')}→{m.get('status')}" for g, m in pairs
                                   if g.get("status") != m.get("status"))
        false_types = Counter(_ptype(p.get("type")) for r in rows for p in r["unmatched"])
        return {
            "articles": len(rows), "gold_events": n_gold, "system_events": n_pred, "matched": tp,
            "event_precision": round(p, 4), "event_recall": round(rec, 4),
            "event_f1": round(2 * p * rec / (p + rec), 4) if p + rec else 0.0,
            "source_accuracy": round(sum(src) / tp, 4) if tp else 0.0,
            "target_accuracy": round(sum(tgt) / tp, 4) if tp else 0.0,
            "triple_accuracy": share(sum(1 for a, b in zip(src, tgt, strict=True) if a == 1.0 and b == 1.0)),
            "status_accuracy": share(sum(1 for g, m in pairs if str(m.get("status")) == g.get("status"))),
            "said_by_accuracy": share(sum(1 for g, m in pairs if said_by_ok(g.get("said_by"), m.get("said_by"), codes))),
            "negation_accuracy": share(sum(1 for g, m in pairs if bool(m.get("negated")) == bool(g.get("negated")))),
            "date_accuracy": share(sum(1 for g, m in pairs if date_ok(g.get("date"), m.get("date")))),
            "status_confusion": "; ".join(f"{k}:{v}" for k, v in status_confusion.most_common(6)),
            "false_event_types": "; ".join(f"{k}:{v}" for k, v in false_types.most_common(6)),
        }

    return aggregate


def grouping(pairs: list[tuple[dict, dict]], claims: list[dict]) -> dict[str, Any]:
    """Pairwise P/R/F1 over matched events in different articles: same claim vs same gold story."""
    claim_of = {e: c["id"] for c in claims for e in c.get("events", [])}
    big = {"us-israel-strikes-iran-feb28", "iran-retaliatory-strikes-feb28"}
    out: dict[str, Any] = {}
    for label, keep in (("", lambda g: True), ("small_", lambda g: g.get("story") not in big)):
        tp = fp = fn = 0
        kept = [pg for pg in pairs if keep(pg[0])]
        for (g1, p1), (g2, p2) in combinations(kept, 2):
            if g1["doc"] == g2["doc"]:
                continue
            same_g = bool(g1.get("story")) and g1.get("story") == g2.get("story")
            c1 = claim_of.get(p1["id"])
            same_p = c1 is not None and c1 == claim_of.get(p2["id"])
            tp += same_g and same_p
            fp += same_p and not same_g
            fn += same_g and not same_p
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[f"grouping_{label}pair_precision"] = round(p, 4)
        out[f"grouping_{label}pair_recall"] = round(r, 4)
        out[f"grouping_{label}pair_f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return out


def fragmentation(pairs: list[tuple[dict, dict]]) -> dict[str, Any]:
    """System actor ids per gold person or organisation, over matched events (states excluded)."""
    ids_of: dict[str, set[str]] = defaultdict(set)
    for g, m in pairs:
        for side in ("source", "target"):
            for ga in g.get(side, []):
                for pa in m.get(side, []) or []:
                    if pa and gold_keys(ga) & actor_keys(pa) and str(pa.get("kind")) != "country":
                        ids_of[ga["name"]].add(str(pa.get("id")))
    sizes = {name: len(ids) for name, ids in ids_of.items()}
    worst = sorted(((n, s) for n, s in sizes.items() if s > 1), key=lambda x: -x[1])[:5]
    return {
        "entities_aligned": len(sizes),
        "entities_split": sum(1 for s in sizes.values() if s > 1),
        "mean_ids_per_entity": round(sum(sizes.values()) / len(sizes), 3) if sizes else 0.0,
        "entities_split_worst": "; ".join(f"{n}:{s}" for n, s in worst),
    }


def score(data_dir: Path, nlp: Any = None, limit: int | None = None,
          details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Flat metrics: plain keys the scored half of the articles, `read.*` the read half, `all.*` both.

    Pass a list as `details` to receive each article's matched and unmatched events (with its half).
    """
    corpus, gold, docs = load(data_dir, limit)
    folder = Path(data_dir) / FOLDER
    events, claims = run_system(folder / "corpus.jsonl", nlp=nlp,
                                urls={c["url"] for c in corpus} if limit else None)
    return score_records(corpus, gold, docs, events, claims, details)


def score_records(corpus: list[dict], gold: list[dict], docs: list[dict], events: list[dict],
                  claims: list[dict], details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The metrics of exported event and claim records against the gold (see `score`)."""
    rows = match(locate(events, corpus, docs), gold)
    seen = {r["id"] for r in rows}
    rows += [{"id": c["url"], "pairs": [], "n_pred": 0, "n_gold": 0, "unmatched": []}
             for c in corpus if c["url"] not in seen]
    codes = {a["name"]: a.get("code", "") for g in gold for side in ("source", "target") for a in g.get(side, [])}
    out = side_by_side(rows, lambda r: r["id"], aggregate_factory(codes))
    pairs = [pair for r in rows for pair in r["pairs"]]
    out.update(grouping(pairs, claims))
    out.update(fragmentation(pairs))
    if details is not None:
        details.extend({**r, "half": half(r["id"])} for r in rows)
    return out
