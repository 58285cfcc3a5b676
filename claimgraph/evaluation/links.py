"""Score cross-source links against the analysts' [[link]] entries in seeds.toml.

A gold fact is located as the claims holding an event of the fact's document
whose sentence contains the fact's evidence (NFKC, whitespace folded). A gold
link is found when a stored link of an acceptable kind joins a claim of one
fact to a claim of the other. A *denies* link counts for a gold
*contradicts* in `link_recall` (a denial is the sharpest contradiction);
`link_strict_recall` accepts only the exact kind. The analysis links a
denial of an allegation both ways — *denies* and *contradicts* ("denial vs
allegation") — so a gold *contradicts* between them is found strictly too. Two facts in one
claim backed by several documents count as corroborated: grouping already
said they are the same thing. Precision is over links joining claims of gold
facts: how many of them the gold also draws.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path, PurePath
from typing import Any

from claimgraph.store.claims import ClaimStore
from claimgraph.store.store import Store

ACCEPT = {"corroborates": {"corroborates"}, "contradicts": {"contradicts", "denies"}, "denies": {"denies"}}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _fact_claims(store: Store, gold: dict[str, Any]) -> dict[str, set[str]]:
    cs = ClaimStore(store)
    by_file: dict[str, str] = {}
    for d in store.documents():
        by_file.setdefault(PurePath(d.origin or "").name, d.id)
    out: dict[str, set[str]] = {}
    texts: dict[str, str] = {}
    for fact in gold.get("fact", []):
        doc_id = by_file.get(fact["doc"])
        out[fact["id"]] = set()
        if doc_id is None:
            continue
        if doc_id not in texts:
            texts[doc_id] = store.get_document(doc_id).text
        evidence = fold(fact["evidence"])
        hits = [e.id for e in store.events(document=doc_id)
                if evidence in fold(texts[doc_id][e.sentence.start:e.sentence.end])]
        out[fact["id"]] = cs.claim_ids_of_events(hits) if hits else set()
    return out


def score(store: Store, gold_path: Path) -> dict[str, Any]:
    """Link recall/precision on the gold [[link]] entries, with per-link detail."""
    gold = tomllib.loads(Path(gold_path).read_text(encoding="utf-8"))
    facts = _fact_claims(store, gold)
    cs = ClaimStore(store)
    links = cs.all_links()
    pair_kinds: dict[frozenset[str], set[str]] = {}
    for a, b, kind, _why in links:
        pair_kinds.setdefault(frozenset((a, b)), set()).add(kind)
    multi_doc = {sc.claim.id for sc in cs.claims(set().union(*facts.values()) if facts else set())
                 if len(sc.claim.documents) > 1}
    detail, found, strict, gold_pairs = [], 0, 0, set()
    for link in gold.get("link", []):
        fa, fb = link["facts"]
        ca, cb = facts.get(fa, set()), facts.get(fb, set())
        kinds = {k for x in ca for y in cb if x != y for k in pair_kinds.get(frozenset((x, y)), set())}
        gold_pairs |= {frozenset((x, y)) for x in ca for y in cb if x != y}
        same = bool(ca & cb & multi_doc) if link["kind"] == "corroborates" else False
        ok = bool(kinds & ACCEPT[link["kind"]]) or same
        found += ok
        strict += link["kind"] in kinds or same
        detail.append({"facts": [fa, fb], "kind": link["kind"], "found": ok, "found_kinds": sorted(kinds),
                       "same_claim": same, "located": [bool(ca), bool(cb)],
                       "claims": [sorted(ca), sorted(cb)], "note": link.get("note", "")})
    fact_claims = set().union(*facts.values()) if facts else set()
    among = [(a, b, k) for a, b, k, _w in links if a in fact_claims and b in fact_claims]
    true_links = [x for x in among if frozenset(x[:2]) in gold_pairs]
    n = len(gold.get("link", []))
    return {
        "link_recall": found / n if n else 0.0,
        "link_strict_recall": strict / n if n else 0.0,
        "link_precision": len(true_links) / len(among) if among else 0.0,
        "links_gold": n, "links_found": found, "links_among_gold_facts": len(among),
        "detail": detail,
    }
