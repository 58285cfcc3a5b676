"""Links between claims — corroborates, contradicts, denies — each with its reason.

The rules look only at what claims carry: PLOVER type and quad, polarity
(negation), status, the dyad, the time interval, contexts, who is credited
and which documents. Nothing here knows an actor name or a sentence.

- denies: a REJECT claim (a denial) whose source is the accused party of an
  alleged/denied claim — or that party's government — and which answers the
  accuser or appears in the same document.
- contradicts: the same act asserted and negated; cooperation vs a refusal
  (REJECT) in the same dyad; or an allegation against Y vs Y's assurance to
  the accuser (an "assure" mode or a negated promise from the accused back
  to the accuser).
- corroborates: compatible claims (same or neighbouring type, same polarity,
  overlapping dyad, overlapping time, no clashing contexts) coming from
  different documents and different sources.
A pair gets at most one link, in that order of precedence. Each pair is
decided from the two claims alone, so recomputing the pairs of changed
claims gives the same links as a rebuild.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from claimgraph.analysis.claims import RECIPROCAL
from claimgraph.analysis.resolve import Resolution
from claimgraph.analysis.times import Interval, compatible
from claimgraph.model import ClaimLink
from claimgraph.store.claims import StoredClaim

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
CONFLICTUAL = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                         "COERCE", "ASSAULT"})
# Different types that can report the same act: an agreement to cooperate and the cooperation,
# support and aid, a protest and an accusation …
NEIGHBOURS = {frozenset(p) for p in (
    ("AGREE", "COOPERATE"), ("AGREE", "SUPPORT"), ("SUPPORT", "COOPERATE"), ("SUPPORT", "AID"),
    ("COOPERATE", "AID"), ("CONCEDE", "AGREE"), ("CONCEDE", "COOPERATE"), ("AGREE", "RETREAT"),
    ("ACCUSE", "PROTEST"), ("COERCE", "ASSAULT"),
)}
ALLEGED = frozenset({"alleged", "denied"})
DENIAL_MODES = frozenset({"deny", ""})
ASSURING = frozenset({"AGREE", "SUPPORT", "CONCEDE"})


def _iv(sc: StoredClaim) -> Interval | None:
    end = sc.info.get("end")
    return None if end is None else Interval(sc.info.get("start"), end)


def _names(ids: Iterable[str], res: Resolution) -> str:
    return ", ".join(sorted((res.actor(a).name if res.actor(a) else a) for a in ids)) or "?"  # type: ignore[union-attr]


def _with_government(ids: Iterable[str], res: Resolution) -> set[str]:
    """The actors and the countries they belong to: a ministry's denial speaks for its state's firm too."""
    out = set(ids)
    for a in list(out):
        actor = res.actor(a)
        if actor and actor.country:
            out.add(res.of(actor.country))
    return out


def _countries(ids: Iterable[str], res: Resolution) -> set[str]:
    return {res.of(a.country) for a in (res.actor(i) for i in ids) if a is not None and a.country}


def _speaks_for(speaker: set[str], accused: set[str], res: Resolution) -> bool:
    """The accused itself, its state (for its firms and agencies), or its agency (for the state)."""
    return bool(speaker & accused or speaker & _countries(accused, res) or _countries(speaker, res) & accused)


def _is_allegation(sc: StoredClaim) -> bool:
    """An accusation is an allegation by its nature; anything else when a source presents it as one."""
    return sc.claim.type == "ACCUSE" or bool(set(sc.info.get("statuses", [])) & ALLEGED)


def _accused(sc: StoredClaim) -> set[str]:
    return set(sc.claim.target) if sc.claim.type == "ACCUSE" else set(sc.claim.source)


def _accusers(sc: StoredClaim) -> set[str]:
    out = set(sc.info.get("speakers", []))
    if sc.claim.type == "ACCUSE":
        out |= set(sc.claim.source)
    return out


def _dyad_overlap(a: StoredClaim, b: StoredClaim) -> bool:
    sa, ta, sb, tb = set(a.claim.source), set(a.claim.target), set(b.claim.source), set(b.claim.target)
    if sa & sb and ta & tb:
        return True
    undirected = a.claim.type in RECIPROCAL or b.claim.type in RECIPROCAL
    return undirected and bool(sa & tb and ta & sb)


def _denies(d: StoredClaim, c: StoredClaim, res: Resolution) -> str | None:
    if d.claim.type != "REJECT" or d.negated or (d.claim.mode or "") not in DENIAL_MODES:
        return None
    if c.claim.type == "REJECT" or not _is_allegation(c):
        return None
    accused = _accused(c)
    if not _speaks_for(set(d.claim.source), accused, res):
        return None
    accusers = _accusers(c)
    answers = bool(set(d.claim.target) & _with_government(accusers, res))
    same_doc = bool(set(d.claim.documents) & set(c.claim.documents))
    if not (answers or same_doc) or not compatible(_iv(d), _iv(c)):
        return None
    how = f"answering {_names(set(d.claim.target) & _with_government(accusers, res), res)}" if answers \
        else "in the same document"
    return (f"{_names(d.claim.source, res)} denies ({d.claim.type}) the {c.claim.status} {c.claim.type} claim "
            f"against {_names(accused, res)}, {how}")


def _contradicts(a: StoredClaim, b: StoredClaim, res: Resolution) -> str | None:
    if not compatible(_iv(a), _iv(b)):
        return None
    ta, tb = a.claim.type, b.claim.type
    if a.negated != b.negated and _dyad_overlap(a, b) and (ta == tb or frozenset((ta, tb)) in NEIGHBOURS):
        pos, neg = (a, b) if b.negated else (b, a)
        return (f"{pos.claim.type} {_names(pos.claim.source, res)} → {_names(pos.claim.target, res)} "
                f"vs its negation ({neg.claim.type}, negated)")
    for x, y in ((a, b), (b, a)):
        if (x.claim.type in COOPERATIVE and not x.negated and y.claim.type == "REJECT" and not y.negated
                and set(x.claim.source) & set(y.claim.source) and set(x.claim.target) & set(y.claim.target)):
            return (f"{_names(x.claim.source, res)}: {x.claim.type} toward {_names(x.claim.target, res)} "
                    f"vs a refusal (REJECT) in the same dyad")
        assurance = x.claim.type in ASSURING and (x.negated or x.claim.mode == "assure")
        if assurance and _is_allegation(y) and not y.negated:
            accusers = _with_government(_accusers(y), res)
            if _speaks_for(set(x.claim.source), _accused(y), res) and set(x.claim.target) & accusers:
                return (f"{_names(x.claim.source, res)} assures {_names(x.claim.target, res)} ({x.claim.type}"
                        f"{', negated' if x.negated else ''}) against the {y.claim.status} {y.claim.type} "
                        f"claim that accuses it")
    return None


def _corroborates(a: StoredClaim, b: StoredClaim, res: Resolution) -> str | None:
    if a.negated or b.negated or not _dyad_overlap(a, b):
        return None
    ta, tb = a.claim.type, b.claim.type
    if ta != tb and frozenset((ta, tb)) not in NEIGHBOURS:
        return None
    if set(a.claim.documents) == set(b.claim.documents):
        return None
    if set(a.claim.independent_sources) == set(b.claim.independent_sources):
        return None
    ca, cb = set(a.info.get("contexts", [])), set(b.info.get("contexts", []))
    if ca and cb and not ca & cb:
        return None
    if not compatible(_iv(a), _iv(b)):
        return None
    same = "same type" if ta == tb else f"compatible types {ta}/{tb}"
    return (f"{same}, same dyad {_names(set(a.claim.source) | set(a.claim.target), res)}, compatible time, "
            f"different sources ({', '.join(a.claim.independent_sources)} / {', '.join(b.claim.independent_sources)})")


def decide(a: StoredClaim, b: StoredClaim, res: Resolution) -> tuple[str, ClaimLink] | None:
    """The link between two claims, if any, as (from claim id, link)."""
    for d, c in ((a, b), (b, a)):
        why = _denies(d, c, res)
        if why:
            return d.claim.id, ClaimLink("denies", c.claim.id, why)
    lo, hi = sorted((a, b), key=lambda x: x.claim.id)
    why = _contradicts(lo, hi, res)
    if why:
        return lo.claim.id, ClaimLink("contradicts", hi.claim.id, why)
    why = _corroborates(lo, hi, res)
    if why:
        return lo.claim.id, ClaimLink("corroborates", hi.claim.id, why)
    return None


def related_actors(sc: StoredClaim, res: Resolution) -> set[str]:
    """Actors through which a link to this claim is possible: parties, speakers and their states."""
    return _with_government(set(sc.claim.source) | set(sc.claim.target) | set(sc.info.get("speakers", [])), res)


def compute_links(changed: list[StoredClaim], pool: list[StoredClaim],
                  res: Resolution) -> list[tuple[str, ClaimLink]]:
    """Links of every pair with at least one claim in `changed` (pool ⊇ changed's candidates)."""
    index: dict[str, list[StoredClaim]] = defaultdict(list)
    for sc in pool:
        for a in related_actors(sc, res):
            index[a].append(sc)
    seen: set[frozenset[str]] = set()
    out: list[tuple[str, ClaimLink]] = []
    for sc in changed:
        for a in sorted(related_actors(sc, res)):
            for other in index.get(a, []):
                pair = frozenset((sc.claim.id, other.claim.id))
                if other.claim.id == sc.claim.id or pair in seen:
                    continue
                seen.add(pair)
                hit = decide(sc, other, res)
                if hit:
                    out.append(hit)
    return sorted(out, key=lambda x: (x[0], x[1].claim, x[1].kind))
