"""Each source's track record in this corpus: what an unrated source has to show besides its letter.

The reliability file stays the authority on a source's letter (grading.py);
this is evidence beside it, computed from the claims themselves. For every
line of reporting's label, outlets and speakers:
- carried: claims it is a line of;
- corroborated: of those, claims that another independent line carries too,
  or that a claim from other documents corroborates;
- contradicted: claims with a *contradicts* link (a denial counted once, as a denial);
- denied: claims denied by a party (a *denied-by* link) or presented as denied.
It is computed over the whole store when shown, never stored in a grade,
so an incremental update still equals a rebuild.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from claimgraph.store.claims import StoredClaim


@dataclass(slots=True)
class TrackRecord:
    carried: int = 0
    corroborated: int = 0
    contradicted: int = 0
    denied: int = 0

    def to_json(self) -> dict[str, int]:
        return {"carried": self.carried, "corroborated": self.corroborated,
                "contradicted": self.contradicted, "denied": self.denied}

    def text(self) -> str:
        return (f"{self.carried} carried, {self.corroborated} corroborated, "
                f"{self.contradicted} contradicted, {self.denied} denied")


def names_of(sc: StoredClaim) -> set[str]:
    """Every name the claim's lines answer to: labels, outlets, speakers."""
    lines = sc.info.get("lines")
    if not lines:
        return set(sc.claim.independent_sources)
    return {n for ln in lines for n in [ln["label"], *ln.get("outlets", []), *ln.get("speakers", [])]}


def track_records(claims: Iterable[StoredClaim]) -> dict[str, TrackRecord]:
    out: dict[str, TrackRecord] = defaultdict(TrackRecord)
    for sc in claims:
        c = sc.claim
        kinds = {ln.kind for ln in c.links}
        corroborated = len(c.independent_sources) >= 2 or "corroborates" in kinds
        denials = {ln.claim for ln in c.links if ln.kind in ("denies", "denied-by")}
        contradicted = any(ln.kind == "contradicts" and ln.claim not in denials for ln in c.links)
        denied = "denied-by" in kinds or "denied" in c.presentations.values()
        for name in names_of(sc):
            r = out[name]
            r.carried += 1
            r.corroborated += corroborated
            r.contradicted += contradicted
            r.denied += denied
    return dict(out)


def support(sc: StoredClaim) -> int:
    """Independent lines of reporting behind a claim: its own, plus those corroborating claims add.

    Read from the grade's reasons when present (grading counts corroborating lines once per new
    document); otherwise the claim's own lines.
    """
    own = len(sc.claim.independent_sources)
    extra = 0
    for reason in sc.claim.grade.reasons:
        if reason.startswith("corroborated by "):
            try:
                extra = int(reason.split()[2])
            except (IndexError, ValueError):
                extra = 0
    return own + extra


def ledger_order(sc: StoredClaim) -> tuple[object, ...]:
    """Best-supported first: independent support, then how specific the claim is, then its grade;
    background (`info["context"]`, claims.py) after every claim proper.

    Not by how many events or documents a claim holds: a claim that swallowed background sentences
    would rise for the wrong reason.
    """
    c = sc.claim
    return (bool(sc.info.get("context")), -support(sc), -int(sc.info.get("specific", 0)), c.grade.credibility,
            c.grade.reliability, c.id)
