"""Group events from all documents into claims: one real-world happening each, wherever it is said.

A claim is one happening (analysis/grouping.py says when two events are):
- bucket: the claim type (the PLOVER type, with a few (type, mode) pairs
  that say the same thing in two codings folded together, EQUIVALENT) — the
  unit recomputed when anything in it changes, since events of any dyad of a
  type may turn out to be one happening once actors are resolved;
- polarity: "Y allowed X" and "Y did not allow X" are different claims —
  they are the raw material of a *contradicts* link, not one claim;
- within that, events cluster by compatible parties (at country level, either
  direction for reciprocal types), time at the events' own precision (the
  reporting date is only an upper bound), specific arguments (numbers,
  places, named occasions, a named target) and the content of their
  sentences. Undated events join only on strong specific evidence.
Each claim records why its events were joined (`info["grouping"]`) and its
independent lines of reporting (`info["lines"]`, analysis/independence.py).
Ids are a hash of the bucket, polarity and the claim's first event, so they
do not depend on the order documents arrive in, and a bucket can be
recomputed on its own (incremental == rebuild).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from claimgraph.analysis.grouping import Item, cluster, specifics
from claimgraph.analysis.independence import Voice, lines
from claimgraph.analysis.resolve import Resolution, is_generic, norm
from claimgraph.analysis.stance import content_terms, stem
from claimgraph.analysis.times import Interval, envelope, event_interval
from claimgraph.model import Claim, DateValue, Document, Event, Mention
from claimgraph.ontology import load_toml
from claimgraph.store.claims import StoredClaim

RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# PLOVER types whose event is an utterance: its speaker is its actor, not a witness to it.
SPEECH_ACTS = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
_STOP = frozenset("""that this with from have been were which their after about also would could into than they
them there these those while when what other such some more most over only between said says will""".split())
# (type, mode) pairs that describe one act in two codings → the type used for the claim.
EQUIVALENT: dict[tuple[str, str], str] = {
    ("RETREAT", "ease"): "CONCEDE",
    ("COERCE", "restrict"): "SANCTION",
    ("COERCE", "ban"): "SANCTION",
    ("SANCTION", "withdraw"): "SANCTION",
}
# Strongest first: what "the claim's status" is when sources present it differently.
STATUS_ORDER = ("asserted", "reported", "alleged", "hypothetical", "denied")


def wire_names() -> list[str]:
    """News agencies (ontology/data/wires.toml), longest first so "Bloomberg News" wins over "Bloomberg"."""
    return sorted((str(w) for w in load_toml("wires.toml").get("wires", [])), key=lambda w: (-len(w), w))


def status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def side(ids: Iterable[str], res: Resolution) -> tuple[str, ...]:
    return tuple(sorted({res.of(a) for a in ids}))


def claim_type(ev: Event) -> str:
    t = (ev.type or "").upper()
    return EQUIVALENT.get((t, ev.mode or ""), t)


def bucket_of(ev: Event, res: Resolution) -> str:
    """The claim type: the unit recomputed when anything in it changes (see the module docstring)."""
    return claim_type(ev)


def bucket_types(bucket: str) -> set[str]:
    """The raw event types whose events can fall in a bucket (EQUIVALENT folds some into another)."""
    return {bucket} | {t for (t, _m), folded in EQUIVALENT.items() if folded == bucket}


def outlet_label(doc: Document) -> str:
    if doc.outlet:
        return doc.outlet
    origin = doc.origin or ""
    if "://" in origin:
        return origin.split("://", 1)[1].split("/", 1)[0]
    return PurePosixPath(origin).name or f"document {doc.id[:8]}"


def source_label(ev: Event, doc: Document, res: Resolution) -> tuple[str, str | None, bool]:
    """Who the evidence comes from (label, speaker id, whether the label is the outlet).

    An article citing Haaretz adds Haaretz, not itself; "news reports" or
    "documents" name nobody, so the outlet stays answerable for them. A speech
    act told by its own author ("Iranian media made accusations") is the
    event itself, not testimony about it: the outlet that reports it is the
    source, and the speaker stays known as such.
    """
    if ev.said_by:
        speaker = res.of(ev.said_by)
        if (ev.type or "").upper() in SPEECH_ACTS and speaker in side(ev.source, res):
            return outlet_label(doc), speaker, True
        actor = res.actor(ev.said_by)
        return (actor.name if actor else ev.said_by), speaker, False
    if ev.said_by_text and not is_generic(ev.said_by_text):
        return ev.said_by_text.strip(), None, False
    return outlet_label(doc), None, True


def third_parties(ev: Event, mentions: list[Mention], res: Resolution) -> set[str]:
    """States named in the event's sentence besides its parties and speaker — often whose territory it is.

    "Israel launches attacks on Iran from Azerbaijan" is an IRN–ISR event about
    Azerbaijan; links use this to see that two reports share that third party.
    """
    parties = {res.of(a) for a in [*ev.source, *ev.target, *([ev.said_by] if ev.said_by else [])]}
    out: set[str] = set()
    for m in mentions:
        if m.actor_id and ev.sentence.start <= m.start < ev.sentence.end:
            actor = res.actor(m.actor_id)
            canon = res.of(m.actor_id)
            if actor is not None and actor.kind == "country" and canon not in parties:
                out.add(canon)
    return out


def terms(text: str) -> set[str]:
    """Content-word stems of a sentence: a targetless denial is matched to the allegation it restates."""
    return {w[:6] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _STOP}


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()


@dataclass(slots=True)
class _Ev:
    ev: Event
    src: tuple[str, ...]
    tgt: tuple[str, ...]
    type: str
    bucket: str
    iv: Interval | None
    thirds: frozenset[str] = frozenset()


def _topic(it: _Ev) -> str | None:
    return it.ev.mode or (sorted(it.ev.contexts)[0] if it.ev.contexts else None)


def build_claims(events: Iterable[Event], docs: dict[str, Document], res: Resolution,
                 buckets: set[str] | None = None,
                 mentions: dict[str, list[Mention]] | None = None) -> list[StoredClaim]:
    """Claims for these events (only those in `buckets` when given), deterministic in the event set.

    `mentions` (document id → mentions) lets claims record the third parties
    their sentences name; without it they record none.
    """
    groups: dict[tuple[str, bool], list[tuple[_Ev, Item]]] = defaultdict(list)
    for ev in events:
        if not ev.source and not ev.target:
            continue  # nobody to compare across sources
        b = bucket_of(ev, res)
        if buckets is not None and b not in buckets:
            continue
        doc = docs[ev.document_id]
        iv = event_interval(ev.date, ev.date_source, doc.published)
        it = _Ev(ev, side(ev.source, res), side(ev.target, res), claim_type(ev), b, iv,
                 frozenset(third_parties(ev, (mentions or {}).get(ev.document_id, []), res)))
        groups[(b, bool(ev.negated))].append((it, _item(it, doc, res)))
    out: list[StoredClaim] = []
    for (b, neg), pairs in sorted(groups.items()):
        by_id = {item.id: e for e, item in pairs}
        for members in cluster(item for _e, item in pairs):
            first = min(m.id for m in members)
            cid = hashlib.sha1(f"{b}|{int(neg)}|{first}".encode()).hexdigest()[:16]
            joins = sorted(j for m in members for j in m.joins)
            out.append(_make_claim(cid, b, by_id[first].type, neg, [by_id[m.id] for m in members], docs, res, joins))
    return out


def _country_side(ids: tuple[str, ...], res: Resolution) -> tuple[frozenset[str], frozenset[str]]:
    """(states of a side, its parties that are not states): a minister's act is also his state's."""
    states, specific = set(), set()
    for a in ids:
        actor = res.actor(a)
        if actor is None:
            states.add(a)
        elif actor.kind == "country":
            states.add(res.of(a))
        else:
            specific.add(res.of(a))
            states.add(res.of(actor.country) if actor.country else res.of(a))
    return frozenset(states), frozenset(specific)


def _state_words(res: Resolution) -> frozenset[str]:
    """Stems of every state's names and aliases ("Israel", "Israeli", "Iranian"): a state is a party, never
    a specific detail of one happening."""
    cached = getattr(res, "_state_words", None)
    if cached is None:
        from claimgraph.ontology.actors import country_names

        words = {stem(w) for place in country_names() for w in re.findall(r"[A-Za-z]+", place.text)}
        words |= {place.iso3.lower() for place in country_names()}  # content_terms writes states as codes
        for actor in res.actors.values():
            if actor.kind == "country":
                for n in [actor.name, *actor.aliases]:
                    words |= {stem(w) for w in re.findall(r"[A-Za-z]+", n)}
        cached = frozenset(words)
        try:
            res._state_words = cached  # type: ignore[attr-defined]
        except AttributeError:
            pass
    return cached


def _party_words(ev: Event, res: Resolution) -> set[str]:
    words: set[str] = set(_state_words(res))
    for a in [*ev.source, *ev.target, *([ev.said_by] if ev.said_by else [])]:
        actor = res.actor(a)
        names = [actor.name, *actor.aliases] if actor else [a]
        if actor and actor.country:
            country = res.actor(actor.country)
            names += [country.name, *country.aliases] if country else []
        for n in names:
            words |= {stem(w) for w in re.findall(r"[A-Za-z]+", n)}
    return words


def _item(it: _Ev, doc: Document, res: Resolution) -> Item:
    ev = it.ev
    sentence = (doc.text or "")[ev.sentence.start:ev.sentence.end]
    src, _ = _country_side(it.src, res)
    tgt, specific_tgt = _country_side(it.tgt, res)
    party = _party_words(ev, res)
    spec, numbers = specifics(sentence, party)
    numbers = numbers | frozenset(f"{q.value:g} {q.unit}" for q in ev.quantities)
    own = it.iv if it.iv is not None and not it.iv.loose else None
    return Item(ev.id, ev.document_id, it.type in RECIPROCAL, src, tgt, specific_tgt, own, it.iv,
                frozenset(t for t in content_terms(sentence) if t not in party), spec, numbers,
                _fold(ev.location) if ev.location else None, _topic(it),
                named_states=it.thirds)


def _intensity(type_: str, mode: str | None) -> float:
    try:
        from claimgraph.ontology import plover
        return float(plover.intensity(type_, mode))
    except (ImportError, KeyError):
        return 0.0


def _credits(text: str) -> frozenset[str]:
    """Wire services an article credits ("(Reuters)", "Reuters reported", "told AFP")."""
    out = set()
    for name in wire_names():
        w = re.escape(name)
        if re.search(rf"\({w}\)|\b{w} (?:reported|reports|said|says)\b|\b(?:according to|told|via|from) {w}\b|"
                     rf"^{w}\b|\b{w}\s*[-–—]\s", text):
            out.add(norm(name))
    return frozenset(out)


def _make_claim(cid: str, bucket: str, type_: str, neg: bool, members: list[_Ev],
                docs: dict[str, Document], res: Resolution, joins: list[str] | None = None) -> StoredClaim:
    members = sorted(members, key=lambda i: i.ev.id)
    first = members[0]
    if type_ in RECIPROCAL:
        sides = sorted({first.src, first.tgt})
        src, tgt = list(sides[0]), list(sides[-1])
    else:
        src = sorted({a for m in members for a in m.src})
        tgt = sorted({a for m in members for a in m.tgt})
    voices: list[Voice] = []
    speakers: set[str] = set()
    credits: dict[str, frozenset[str]] = {}
    for it in members:
        doc = docs[it.ev.document_id]
        label, speaker, by_outlet = source_label(it.ev, doc, res)
        if speaker:
            speakers.add(speaker)
        if doc.id not in credits:
            credits[doc.id] = _credits((doc.text or "")[:20_000])
        sentence = _fold(doc.text[it.ev.sentence.start:it.ev.sentence.end]) if doc.text else it.ev.id
        who = None if by_outlet else (speaker or norm(label))
        voices.append(Voice(doc.id, outlet_label(doc), label, who, it.ev.status, sentence, credits[doc.id]))
    found = lines(voices, {s: i for i, s in enumerate(STATUS_ORDER)})
    presentations = {ln.label: ln.status for ln in found}
    modes = Counter(it.ev.mode for it in members if it.ev.mode)
    mode = min(modes, key=lambda m: (-modes[m], m)) if modes else None
    values = sorted({it.ev.date.value for it in members
                     if it.ev.date and it.ev.date_source != "publication" and it.iv and not it.iv.loose})
    date = None
    if len(values) == 1:
        date = next(it.ev.date for it in members if it.ev.date and it.ev.date.value == values[0])
    elif values:
        date = DateValue(f"{values[0].split('/')[0]}/{values[-1].split('/')[-1]}", "range")
    dated = [i.iv for i in members if i.iv is not None and not i.iv.loose]
    loose = [i.iv for i in members if i.iv is not None and i.iv.loose]
    span = envelope(dated) or envelope(loose)
    published = sorted(docs[d].published.value for d in {i.ev.document_id for i in members} if docs[d].published)
    claim = Claim(
        id=cid, type=type_, source=src, target=tgt, mode=mode, date=date,
        events=[i.ev.id for i in members], documents=sorted({i.ev.document_id for i in members}),
        independent_sources=sorted(presentations), presentations=dict(sorted(presentations.items())),
        status=min((i.ev.status for i in members), key=status_rank), intensity=_intensity(type_, mode),
    )
    info = {
        "start": span.start if span else None, "end": span.end if span else None,
        "contexts": sorted({c for i in members for c in i.ev.contexts}),
        "speakers": sorted(speakers), "statuses": sorted({i.ev.status for i in members}),
        "reciprocal": type_ in RECIPROCAL,
        "thirds": sorted(set().union(*(i.thirds for i in members))),
        "grouping": joins or [],
        "lines": [ln.to_json() for ln in found],
        "specific": _specificity(members, docs),
        "context": _background(members),
        "sentences": _sentences(members, docs),
    }
    if type_ in ("REJECT", "ACCUSE") or set(info["statuses"]) & {"alleged", "denied"}:
        info["terms"] = sorted(set().union(*(terms((docs[i.ev.document_id].text or "")[i.ev.sentence.start:i.ev.sentence.end])
                                             for i in members)))
    return StoredClaim(claim, bucket, neg, published[0] if published else None, info)


def _specificity(members: list[_Ev], docs: dict[str, Document]) -> int:
    """How much the claim pins down: an own date, a place, numbers, named parties beyond states (0–4)."""
    score = 0
    score += any(i.iv is not None and not i.iv.loose for i in members)
    score += any(i.ev.location for i in members)
    score += any(i.ev.quantities for i in members)
    score += any(a != a.upper() for i in members for a in [*i.src, *i.tgt])
    return score


def _background(members: list[_Ev]) -> bool:
    """Generic background ("Russia's war on Ukraine"): every event a noun naming the conflict, with no date of
    its own, no number, no place. It is the setting of the claims, not one of them, and the ledger puts it last."""
    return all(i.ev.rule.startswith("noun:") and (i.iv is None or i.iv.loose) and not i.ev.quantities
               and not i.ev.location for i in members)


MAX_CLAIM_SENTENCES = 3


def _sentences(members: list[_Ev], docs: dict[str, Document]) -> list[str]:
    """A few of the claim's sentences (distinct, shortest first): what the stance of links is judged on."""
    seen: dict[str, None] = {}
    for it in members:
        text = (docs[it.ev.document_id].text or "")[it.ev.sentence.start:it.ev.sentence.end].strip()
        if text:
            seen.setdefault(text[:400], None)
    return sorted(seen, key=lambda t: (len(t), t))[:MAX_CLAIM_SENTENCES]
