"""Links between claims — corroborates, contradicts, denies — each with its reason.

The rules look only at what claims carry: PLOVER type, polarity (negation),
status, the dyad, the time interval, contexts, the third-party states their
sentences name, who is credited and which documents. Nothing here knows an
actor name or a sentence.

- denies: a REJECT claim (a denial) whose source is the accused party of an
  allegation — or that party's government — and which answers the accuser
  (its target) or, naming no addressee, restates the allegation in the same
  document (shared wording). A denial aimed at someone else answers
  something else. A denial of an allegation is also a contradiction, so the
  pair gets a *contradicts* link as well ("denial vs allegation").
- contradicts: the same act (same type) asserted and negated, both dated at
  overlapping times or neither dated; cooperation vs a refusal
  (REJECT) in the same dyad; an allegation against Y vs Y's assurance to the
  accuser; or an allegation naming a third state (whose territory was used)
  vs that state's assurance to the accuser — indirect, so it needs the two
  side by side in one document or at dated, overlapping times.
- corroborates: the same dyad in the same direction (either, for reciprocal
  types), same polarity, compatible time and contexts, from disjoint
  documents *and* disjoint independent sources. Neighbouring types (an
  agreement and the aid it provides) need one more sign that the act is the
  same: a shared context, a shared third party, or overlapping dates of their
  own — "both undated" is no evidence.
Each pair is decided from the two claims alone, so recomputing the pairs of
changed claims gives the same links as a rebuild.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from claimgraph.analysis.claims import RECIPROCAL
from claimgraph.analysis.resolve import Resolution
from claimgraph.analysis.stance import Judgement, judge_sentences
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
    ("ACCUSE", "PROTEST"), ("COERCE", "ASSAULT"), ("AGREE", "AID"),
)}
ALLEGED = frozenset({"alleged", "denied"})
DENIAL_MODES = frozenset({"deny", ""})
ASSURING = frozenset({"AGREE", "SUPPORT", "CONCEDE"})
# Content words a targetless denial must share with the allegation it answers ("denied the
# allegations that it operated secret flights" restates "made 350 secret flights").
MIN_SHARED_TERMS = 3


@dataclass(frozen=True, slots=True)
class _Facts:
    """The sets and interval the rules compare, built once per claim instead of per pair:
    `compute_links` decides about a hundred thousand pairs on a corpus of 1,700 articles."""

    source: frozenset[str]
    target: frozenset[str]
    documents: frozenset[str]
    sources: frozenset[str]  # independent sources
    contexts: frozenset[str]
    thirds: frozenset[str]
    iv: Interval | None
    allegation: bool  # `_is_allegation`


def _facts(sc: StoredClaim) -> _Facts:
    f = sc.derived
    if f is None:
        c, info = sc.claim, sc.info
        end = info.get("end")
        f = sc.derived = _Facts(
            frozenset(c.source), frozenset(c.target), frozenset(c.documents), frozenset(c.independent_sources),
            frozenset(info.get("contexts", [])), frozenset(info.get("thirds", [])),
            None if end is None else Interval(info.get("start"), end),
            c.type == "ACCUSE" or bool(set(info.get("statuses", [])) & ALLEGED),
        )
    return f


def _iv(sc: StoredClaim) -> Interval | None:
    return _facts(sc).iv


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
    return _facts(sc).allegation


def _accused(sc: StoredClaim) -> set[str]:
    return set(sc.claim.target) if sc.claim.type == "ACCUSE" else set(sc.claim.source)


def _accusers(sc: StoredClaim) -> set[str]:
    out = set(sc.info.get("speakers", []))
    if sc.claim.type == "ACCUSE":
        out |= set(sc.claim.source)
    return out


def _dyad_overlap(a: StoredClaim, b: StoredClaim) -> bool:
    """Same source side and same target side; reversed too when either type is reciprocal."""
    fa, fb = _facts(a), _facts(b)
    sa, ta, sb, tb = fa.source, fa.target, fb.source, fb.target
    if sa & sb and ta & tb:
        return True
    undirected = a.claim.type in RECIPROCAL or b.claim.type in RECIPROCAL
    return undirected and bool(sa & tb and ta & sb)


def _thirds(sc: StoredClaim) -> frozenset[str]:
    return _facts(sc).thirds


def _dated(sc: StoredClaim) -> bool:
    """Dated by its own text (not only "on or before publication")."""
    return sc.info.get("start") is not None


def _contexts_clash(a: StoredClaim, b: StoredClaim) -> bool:
    ca, cb = _facts(a).contexts, _facts(b).contexts
    return bool(ca and cb and not ca & cb)


def same_act(a: StoredClaim, b: StoredClaim, res: Resolution) -> str | None:
    """Why two claims' types can describe one act, or None.

    The same type is enough. Neighbouring types (support and aid, a deal and
    the cooperation it provides for) are loose by themselves — "the relationship
    is close" is not "an airfield was prepared" — so they also need a shared
    context, a shared third party, or overlapping dates of their own.
    """
    ta, tb = a.claim.type, b.claim.type
    if ta == tb:
        return f"same type {ta}"
    if frozenset((ta, tb)) not in NEIGHBOURS:
        return None
    ta, tb = sorted((ta, tb))
    shared = _facts(a).contexts & _facts(b).contexts
    if shared:
        return f"compatible types {ta}/{tb} in the same context ({', '.join(sorted(shared))})"
    thirds = _thirds(a) & _thirds(b)
    if thirds:
        return f"compatible types {ta}/{tb}, both naming {_names(thirds, res)}"
    if _dated(a) and _dated(b) and compatible(_iv(a), _iv(b)):
        return f"compatible types {ta}/{tb} dated to overlapping times"
    return None


def _denies(d: StoredClaim, c: StoredClaim, res: Resolution) -> str | None:
    if d.claim.type != "REJECT" or d.negated or (d.claim.mode or "") not in DENIAL_MODES:
        return None
    if c.claim.type == "REJECT" or not _is_allegation(c) or c.negated:
        return None
    accused = _accused(c)
    if not _speaks_for(set(d.claim.source), accused, res) or not compatible(_iv(d), _iv(c)):
        return None
    addressed = set(d.claim.target) & _with_government(_accusers(c), res)
    if d.claim.target:
        if not addressed:
            return None  # a refusal aimed at someone else answers something else
        how = f"answering {_names(addressed, res)}"
    else:
        shared = set(d.info.get("terms", [])) & set(c.info.get("terms", []))
        if not set(d.claim.documents) & set(c.claim.documents) or len(shared) < MIN_SHARED_TERMS:
            return None
        how = f"in the same document, restating it ({', '.join(sorted(shared)[:6])}…)"
    return (f"{_names(d.claim.source, res)} denies ({d.claim.type}) the {c.claim.status} {c.claim.type} claim "
            f"against {_names(accused, res)}, {how}")


def _assurance(x: StoredClaim) -> bool:
    """An explicit assurance, or a refusal to allow ("will not allow", a negated CONCEDE).

    A negated agreement or support ("does not guarantee", "did not back") is
    no promise to anybody, so it does not count.
    """
    return x.claim.type in ASSURING and (x.claim.mode == "assure" or (x.negated and x.claim.type == "CONCEDE"))


def _assured_against(x: StoredClaim, y: StoredClaim, res: Resolution) -> str | None:
    """x assures the accuser of allegation y: as the accused, or as the third state y names."""
    if not _assurance(x) or not _is_allegation(y) or y.negated or not _accused(y):
        return None
    if not set(x.claim.target) & _with_government(_accusers(y), res):
        return None
    head = (f"{_names(x.claim.source, res)} assures {_names(x.claim.target, res)} ({x.claim.type}"
            f"{', negated' if x.negated else ''}) vs the {y.claim.status} {y.claim.type} claim")
    if _speaks_for(set(x.claim.source), _accused(y), res):
        return f"{head} that accuses it"
    named = set(x.claim.source) & _thirds(y)
    juxtaposed = bool(set(x.claim.documents) & set(y.claim.documents)) or (_dated(x) and _dated(y))
    if named and juxtaposed and not set(x.claim.source) & _accused(y):
        return (f"{head} against {_names(_accused(y), res)} that names {_names(named, res)} "
                f"(its territory), side by side in one document" if set(x.claim.documents) & set(y.claim.documents)
                else f"{head} against {_names(_accused(y), res)} that names {_names(named, res)}, at overlapping dates")
    return None


def _contradicts(a: StoredClaim, b: StoredClaim, res: Resolution) -> str | None:
    if not compatible(_iv(a), _iv(b)):
        return None
    if (a.negated != b.negated and a.claim.type == b.claim.type and _dyad_overlap(a, b)
            and not _contexts_clash(a, b) and _dated(a) == _dated(b)):
        # Only the same act negated: "did not agree" does not deny the aid. And both dated
        # or both not: an undated "did not" may be about another time than a dated "did".
        pos, neg = (a, b) if b.negated else (b, a)
        return (f"{pos.claim.type} {_names(pos.claim.source, res)} → {_names(pos.claim.target, res)} "
                f"vs its negation, {'at overlapping dates' if _dated(a) else 'neither dated'}")
    for x, y in ((a, b), (b, a)):
        if (x.claim.type in COOPERATIVE and not x.negated and y.claim.type == "REJECT" and not y.negated
                and set(x.claim.source) & set(y.claim.source) and set(x.claim.target) & set(y.claim.target)):
            return (f"{_names(x.claim.source, res)}: {x.claim.type} toward {_names(x.claim.target, res)} "
                    f"vs a refusal (REJECT) in the same dyad")
        why = _assured_against(x, y, res)
        if why:
            return why
    return None


def _corroborates(a: StoredClaim, b: StoredClaim, res: Resolution) -> str | None:
    if a.negated or b.negated or not _dyad_overlap(a, b) or _contexts_clash(a, b):
        return None
    fa, fb = _facts(a), _facts(b)
    if fa.documents & fb.documents:
        return None  # not another document
    if fa.sources & fb.sources:
        return None  # a shared source saying it twice confirms nothing
    if not compatible(_iv(a), _iv(b)):
        return None
    why = same_act(a, b, res)
    if not why:
        return None
    if (_iv(a) is None or _iv(b) is None) and not _same_occasion(a, b):
        return None  # nothing bounds one of them in time: the same type alone may be another occasion
    stance = sentence_stance(a, b)
    if stance is None or stance.stance == "disagree":
        return None  # their sentences talk of different things, or one disputes the other
    direction = "reciprocal dyad" if a.claim.type in RECIPROCAL or b.claim.type in RECIPROCAL else "same direction"
    return (f"{why}; {direction} {_names(a.claim.source, res)} → {_names(a.claim.target, res)}; compatible time; "
            f"another document and source ({', '.join(a.claim.independent_sources)} / "
            f"{', '.join(b.claim.independent_sources)}); {_evidence(stance)}")


def sentence_stance(a: StoredClaim, b: StoredClaim) -> Judgement | None:
    """The most related stance judgement between the two claims' sentences, either way round (stance.py)."""
    found = [j for x, y in ((a, b), (b, a)) for text in x.info.get("sentences", [])
             if (j := judge_sentences(text, list(y.info.get("sentences", [])))) is not None]
    if not found and not (a.info.get("sentences") and b.info.get("sentences")):
        return Judgement("", "discuss", 0.0, [], "no sentences stored to compare")  # claims from before sentences
    return max(found, key=lambda j: (j.relatedness, j.stance, j.reason), default=None)


def _quoted(x: StoredClaim, y: StoredClaim) -> str:
    """The two claims' evidence sentences, so a reader of the link sees what clashes with what."""
    sx, sy = x.info.get("sentences") or [], y.info.get("sentences") or []
    if not sx or not sy:
        return ""
    return f"; evidence: “{sx[0][:160]}” vs “{sy[0][:160]}”"


def _evidence(j: Judgement) -> str:
    quote = f": “{j.evidence[0].text[:160]}”" if j.evidence else ""
    return f"stance of the sentences {j.reason}{quote}"


def _same_occasion(a: StoredClaim, b: StoredClaim) -> bool:
    """Evidence beyond the type that two claims are about one occasion: a shared context or third party."""
    shared_contexts = _facts(a).contexts & _facts(b).contexts
    return bool(shared_contexts or _thirds(a) & _thirds(b))


def may_link(a: StoredClaim, b: StoredClaim) -> bool:
    """False when no rule of `decide` can link the pair, judged from the types alone.

    Every rule needs one of: a REJECT (denies; cooperation vs refusal), an
    assuring type (`_assured_against`), the same type (negation; corroboration)
    or neighbouring types (corroboration). Most candidate pairs have none, and
    checking this first halves the work of `compute_links`. A new rule in
    `decide` must keep this test a necessary condition of it.
    """
    ta, tb = a.claim.type, b.claim.type
    return (ta == tb or ta == "REJECT" or tb == "REJECT" or ta in ASSURING or tb in ASSURING
            or frozenset((ta, tb)) in NEIGHBOURS)


def decide(a: StoredClaim, b: StoredClaim, res: Resolution) -> list[tuple[str, ClaimLink]]:
    """The links between two claims, as (from claim id, link): a denial also contradicts what it denies."""
    for d, c in ((a, b), (b, a)):
        why = _denies(d, c, res)
        if why:
            why += _quoted(d, c)
            lo, hi = sorted((d, c), key=lambda x: x.claim.id)
            return [(d.claim.id, ClaimLink("denies", c.claim.id, why)),
                    (lo.claim.id, ClaimLink("contradicts", hi.claim.id, f"denial vs allegation: {why}"))]
    lo, hi = sorted((a, b), key=lambda x: x.claim.id)
    why = _contradicts(lo, hi, res)
    if why:
        return [(lo.claim.id, ClaimLink("contradicts", hi.claim.id, why + _quoted(lo, hi)))]
    why = _corroborates(lo, hi, res)
    if why:
        return [(lo.claim.id, ClaimLink("corroborates", hi.claim.id, why))]
    return []


def related_actors(sc: StoredClaim, res: Resolution) -> set[str]:
    """Actors through which a link to this claim is possible: parties, speakers and their states."""
    return _with_government(set(sc.claim.source) | set(sc.claim.target) | set(sc.info.get("speakers", [])), res)


def _dyad_keys(sc: StoredClaim) -> set[tuple[str, str]]:
    """(source, target) pairs of a claim, both orientations: candidates for a shared dyad."""
    pairs = {(a, b) for a in sc.claim.source for b in sc.claim.target}
    return pairs | {(b, a) for a, b in pairs}


def _special(sc: StoredClaim) -> bool:
    """Claims that can link without a shared dyad: denials (`_denies`) and assurances (`_assured_against`)."""
    is_denial = sc.claim.type == "REJECT" and not sc.negated and (sc.claim.mode or "") in DENIAL_MODES
    return is_denial or _assurance(sc)


def compute_links(changed: list[StoredClaim], pool: list[StoredClaim],
                  res: Resolution) -> list[tuple[str, ClaimLink]]:
    """Links of every pair with at least one claim in `changed` (pool ⊇ changed's candidates).

    Candidates come from what the rules in `decide` need, not from any shared
    actor: corroboration, negation and cooperation-vs-refusal need a shared
    dyad; only denials (REJECT) and assurances reach beyond it, through the
    parties, speakers and governments they share. Pairing every two claims
    of a busy actor instead grows with the square of the corpus.
    """
    by_dyad: dict[tuple[str, str], list[StoredClaim]] = defaultdict(list)
    by_actor: dict[str, list[StoredClaim]] = defaultdict(list)
    special_by_actor: dict[str, list[StoredClaim]] = defaultdict(list)
    for sc in pool:
        for key in _dyad_keys(sc):
            by_dyad[key].append(sc)
        for a in related_actors(sc, res):
            by_actor[a].append(sc)
            if _special(sc):
                special_by_actor[a].append(sc)
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, ClaimLink]] = []
    for sc in changed:
        candidates: list[StoredClaim] = []
        for key in sorted(_dyad_keys(sc)):
            candidates.extend(by_dyad.get(key, []))
        actor_index = by_actor if _special(sc) else special_by_actor
        for a in sorted(related_actors(sc, res)):
            candidates.extend(actor_index.get(a, []))
        for other in candidates:
            if other.claim.id == sc.claim.id or not may_link(sc, other):
                continue
            x, y = sc.claim.id, other.claim.id
            pair = (x, y) if x < y else (y, x)
            if pair in seen:
                continue
            seen.add(pair)
            out.extend(decide(sc, other, res))
    return sorted(out, key=lambda x: (x[0], x[1].claim, x[1].kind))
