"""`claimgraph check`: what does the corpus say about a claim? Stance of every stored document.

The stance itself is `analysis/stance.py` — the same code the links use —
run over an index of every stored document's sentences. Each related
document is listed with its stance, its evidence sentences (offsets into the
stored text) and the stored claims whose events sit in those sentences, so
an analyst can go from "who says so" to the claim ledger. Documents not
listed are unrelated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from claimgraph.analysis.stance import MAX_CLAIM_CHARS, Judgement, SentenceIndex
from claimgraph.model import Document
from claimgraph.store.claims import ClaimStore
from claimgraph.store.store import Store


class Checker:
    """An index of the store's documents, built once and asked about many claims."""

    def __init__(self, store: Store) -> None:
        ids = store.document_ids()
        self.docs: dict[str, Document] = {}
        self.index = SentenceIndex()
        for doc in store.iter_documents(ids):
            self.docs[doc.id] = doc
            self.index.add(doc.id, doc.text)
            doc.text = ""  # the index holds the sentences; keep memory to one copy
        self._claims = _claims_by_sentence(store)

    def check(self, claim: str) -> dict[str, Any]:
        """One claim's record in the stable `--json` shape (see docs/cli.md and the issue)."""
        out = []
        for j in self.index.check(claim[:MAX_CLAIM_CHARS]):
            out.append(self._record(j))
        return {"claim": claim, "documents": out}

    def check_all(self, claims: Iterable[str]) -> list[dict[str, Any]]:
        return [self.check(c) for c in claims]

    def explain(self, claim: str) -> list[tuple[dict[str, Any], Judgement]]:
        """Records with the judgement behind each (reason, relatedness) for the human-readable view."""
        return [(self._record(j), j) for j in self.index.check(claim[:MAX_CLAIM_CHARS])]

    def _record(self, j: Judgement) -> dict[str, Any]:
        doc = self.docs[j.document]
        claims: set[str] = set()
        for (start, end), ids in self._claims.get(j.document, {}).items():
            if any(start < e.end and e.start < end for e in j.evidence):
                claims |= ids
        return {
            "document": {"id": doc.id, "origin": doc.origin, "outlet": doc.outlet},
            "stance": j.stance,
            "evidence": [{"text": e.text, "start": e.start, "end": e.end} for e in j.evidence],
            "claims": sorted(claims),
        }


def _claims_by_sentence(store: Store) -> dict[str, dict[tuple[int, int], set[str]]]:
    """document → event sentence span → ids of the claims holding an event there."""
    cs = ClaimStore(store)
    claim_of: dict[str, set[str]] = defaultdict(set)
    for sc in cs.claims():
        for ev in sc.claim.events:
            claim_of[ev].add(sc.claim.id)
    out: dict[str, dict[tuple[int, int], set[str]]] = defaultdict(lambda: defaultdict(set))
    for ev in store.events():
        if ev.id in claim_of:
            out[ev.document_id][(ev.sentence.start, ev.sentence.end)] |= claim_of[ev.id]
    return out


def check(store: Store, claims: Sequence[str]) -> list[dict[str, Any]]:
    """Each claim's related documents with stance, evidence and matching claims, in input order."""
    return Checker(store).check_all(claims)
