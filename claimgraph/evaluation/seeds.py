"""Score the whole system on the seed articles against gold/seeds.toml.

The seeds go through the real path an analyst uses — ingest into a fresh
SQLite store, extract, analyse — and the store is then read back. Gold
actors are canonical ids (ISO codes, or [[entity]] ids); ours are matched
to them by id for states and by name/alias for everything else, so the
scorer never needs to know our internal slugs.

Fact matching: an event in the fact's document whose sentence contains the
gold evidence (NFKC, whitespace folded), whose type is one the gold
accepts, and whose source and target each share an actor with the gold
(either direction for reciprocal types). Status / said_by / date accuracy
are measured on matched facts only, so they say how good the grading is,
not how good the recall is.
"""

from __future__ import annotations

import re
import tempfile
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

from claimgraph.errors import MissingData
from claimgraph.model import Actor, Event
from claimgraph.store import Store

RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE", "RETREAT"}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", norm(text).lower()).strip("-")


def paths(data_dir: Path) -> tuple[Path, Path]:
    shared = data_dir.parent
    gold, corpus = shared / "gold" / "seeds.toml", shared / "corpus" / "seeds"
    if not gold.exists() or not corpus.is_dir():
        raise MissingData(gold, "the seed gold and corpus live in ../shared")
    return gold, corpus


class GoldMapper:
    """Which gold id(s) one of our actors stands for."""

    def __init__(self, gold: dict[str, Any], actors: dict[str, Actor]) -> None:
        self.actors = actors
        self.alias_to_gold: dict[str, str] = {}
        for ent in gold.get("entity", []):
            for alias in [ent["id"], *ent.get("aliases", [])]:
                self.alias_to_gold.setdefault(slug(alias), ent["id"])

    def gold_ids(self, actor_id: str | None, text: str | None = None) -> set[str]:
        out: set[str] = set()
        if actor_id:
            out.add(actor_id)
            actor = self.actors.get(actor_id)
            names = [actor.name, *actor.aliases] if actor else [actor_id]
            for name in names:
                s = slug(name)
                out.add(s)
                if s in self.alias_to_gold:
                    out.add(self.alias_to_gold[s])
                if s.startswith("the-") and s[4:] in self.alias_to_gold:
                    out.add(self.alias_to_gold[s[4:]])
        if text:
            s = slug(text)
            out.add(s)
            for alias, gid in self.alias_to_gold.items():
                if alias and re.search(rf"(^|-){re.escape(alias)}(-|$)", s):
                    out.add(gid)
            # "news reports" ~ "recent-news-reports": gold ids made of plain words match as a phrase
        return out

    def side(self, ids: list[str]) -> set[str]:
        out: set[str] = set()
        for a in ids:
            out |= self.gold_ids(a)
        return out


def _said_by_ok(gold_said: str, ev: Event, gm: GoldMapper) -> bool:
    got = gm.gold_ids(ev.said_by, ev.said_by_text)
    if gold_said in got:
        return True
    # a plain-words gold source ("documents", "news reports") matches inside the cited text
    return bool(ev.said_by_text) and slug(gold_said) in slug(ev.said_by_text or "")


def _date_ok(fact: dict[str, Any], ev: Event) -> bool:
    gold = str(fact["date"])
    if ev.date is None:
        return False
    got = ev.date.value
    if fact.get("year_known", True) is False:
        return got.endswith(gold[4:]) and len(got) >= 5
    return got == gold or (gold.isdigit() and got.startswith(gold) and ev.date.precision == "year")


def match_fact(fact: dict[str, Any], events: list[Event], text: str, gm: GoldMapper) -> list[Event]:
    evidence = norm(fact["evidence"])
    types = set(fact["type"])
    gsrc, gtgt = set(fact["source"]), set(fact["target"])
    out = []
    for ev in events:
        if evidence not in norm(text[ev.sentence.start:ev.sentence.end]):
            continue
        if ev.type not in types:
            continue
        src, tgt = gm.side(ev.source), gm.side(ev.target)
        straight = bool(src & gsrc) and bool(tgt & gtgt)
        swapped = ev.type in RECIPROCAL and bool(src & gtgt) and bool(tgt & gsrc)
        if straight or swapped:
            out.append(ev)
    return out


def entity_resolution(gold: dict[str, Any], store: Store, docs: dict[str, str]) -> dict[str, Any]:
    """For each gold entity: do all its alias occurrences resolve to one actor (the ISO code for states)?"""
    from claimgraph.evaluation.common import canonical_actor

    mentions = {doc_id: store.mentions(doc_id) for doc_id in docs}
    detail: dict[str, str] = {}
    resolved = 0
    for ent in gold.get("entity", []):
        ids: set[str] = set()
        missing = []
        for doc_id, text in docs.items():
            for alias in ent.get("aliases", []):
                for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text):
                    cands = [x for x in mentions[doc_id] if x.start < m.end() and x.end > m.start() and x.actor_id]
                    if not cands:
                        missing.append(alias)
                        continue
                    best = min(cands, key=lambda x: abs(x.start - m.start()) + abs(x.end - m.end()))
                    ids.add(canonical_actor(store, best.actor_id))
        ok = not missing and len(ids) == 1 and (ent["kind"] != "country" or ids == {ent["id"]})
        resolved += ok
        if not ok:
            detail[ent["id"]] = f"ids={sorted(ids)} unmatched={sorted(set(missing))[:4]}"
    return {"entities_total": len(gold.get("entity", [])), "entities_resolved": resolved, "entity_failures": detail}


def score(data_dir: Path, nlp: Any = None, limit: int | None = None, keep_db: Path | None = None) -> dict[str, Any]:
    from claimgraph import api
    from claimgraph.ingest import ingest_paths
    from claimgraph.nlp.extract import extract_pending

    gold_path, corpus = paths(data_dir)
    gold = tomllib.loads(gold_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(keep_db or Path(tmp) / "seeds.db")
        ingest_paths([corpus], store)
        extract_pending(store, nlp=nlp, processes=1)
        api.analyze(store, None)
        result = _score_store(gold, store)
        from claimgraph.evaluation.links import score as link_score

        links = link_score(store, gold_path)
        result.update({k: v for k, v in links.items() if isinstance(v, int | float)})
        result["link_detail"] = links.get("detail")
        store.close()
    return result


def _score_store(gold: dict[str, Any], store: Store) -> dict[str, Any]:
    from claimgraph.evaluation.common import canonical_actor

    by_file = {Path(d.origin).name: d for d in store.documents(with_text=True)}
    actors = {a.id: a for a in store.actors()}
    gm = GoldMapper(gold, actors)
    out: dict[str, Any] = {}

    doc_ok = 0
    for gd in gold.get("document", []):
        d = by_file.get(gd["file"])
        if d and all(
            (getattr(d, f) or "") == gd[f] for f in ("title", "outlet", "author")
        ) and ((d.published.value if d.published else "") == gd["published"]):
            doc_ok += 1
    out["documents_matched"] = doc_ok / max(1, len(gold.get("document", [])))

    events_by_doc: dict[str, list[Event]] = {}
    for ev in store.events():
        ev.source = [canonical_actor(store, a) for a in ev.source]
        ev.target = [canonical_actor(store, a) for a in ev.target]
        ev.said_by = canonical_actor(store, ev.said_by) if ev.said_by else None
        events_by_doc.setdefault(ev.document_id, []).append(ev)

    n_core = n_core_hit = n_all_hit = 0
    status_n = status_ok = said_n = said_ok = date_n = date_ok = 0
    missed: list[str] = []
    for fact in gold.get("fact", []):
        d = by_file.get(fact["doc"])
        hits = match_fact(fact, events_by_doc.get(d.id, []), d.text, gm) if d else []
        core = bool(fact.get("core"))
        n_core += core
        if not hits:
            if core:
                missed.append(fact["id"])
            continue
        n_all_hit += 1
        n_core_hit += core
        status_n += 1
        status_ok += any(e.status == fact["status"] for e in hits)
        if fact.get("said_by"):
            said_n += 1
            said_ok += any(_said_by_ok(fact["said_by"], e, gm) for e in hits)
        if fact.get("date"):
            date_n += 1
            date_ok += any(_date_ok(fact, e) for e in hits)
    out["core_recall"] = n_core_hit / max(1, n_core)
    out["fact_recall"] = n_all_hit / max(1, len(gold.get("fact", [])))
    out["status_accuracy"] = status_ok / max(1, status_n)
    out["said_by_accuracy"] = said_ok / max(1, said_n)
    out["date_accuracy"] = date_ok / max(1, date_n)
    out["core_missed"] = ", ".join(missed)
    ent = entity_resolution(gold, store, {d.id: d.text for d in by_file.values()})
    out["entities_resolved"] = ent["entities_resolved"]
    out["entities_total"] = ent["entities_total"]
    out["entity_failures"] = ent["entity_failures"]
    return out
