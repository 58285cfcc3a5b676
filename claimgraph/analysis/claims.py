"""Group events from all documents into claims: the same thing said, wherever it is said.

A claim is keyed by (dyad, type, polarity) and a time cluster:
- dyad: resolved source and target actor sets; either direction for
  reciprocal types (A agrees with B == B agrees with A);
- type: the PLOVER type, except that a few (type, mode) pairs that say the
  same thing in two codings are folded together (EQUIVALENT);
- polarity: "Y allowed X" and "Y did not allow X" are different claims —
  they are the raw material of a *contradicts* link, not one claim;
- time: dated events cluster by overlapping day intervals; undated events
  join the one cluster they are compatible with, or form an undated claim
  (per document when nothing at all bounds their time).
Every part of the key is computed from the events of one dyad bucket alone,
so ids (a hash of the key) are the same whatever order documents arrive in,
and a bucket can be recomputed on its own (incremental == rebuild).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from claimgraph.analysis.resolve import Resolution, is_generic
from claimgraph.analysis.times import Interval, envelope, event_interval
from claimgraph.model import Claim, DateValue, Document, Event, Mention
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


def status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def side(ids: Iterable[str], res: Resolution) -> tuple[str, ...]:
    return tuple(sorted({res.of(a) for a in ids}))


def claim_type(ev: Event) -> str:
    t = (ev.type or "").upper()
    return EQUIVALENT.get((t, ev.mode or ""), t)


def bucket_of(ev: Event, res: Resolution) -> str:
    """The undirected dyad: the unit that is recomputed when anything in it changes."""
    s, t = "+".join(side(ev.source, res)) or "?", "+".join(side(ev.target, res)) or "?"
    return "|".join(sorted((s, t)))


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


def _clusters(items: list[_Ev]) -> list[tuple[str, list[_Ev]]]:
    """(time key, events): overlapping dated intervals merge; undated join a unique compatible cluster."""
    dated = sorted((i for i in items if i.iv is not None and not i.iv.loose), key=lambda i: (i.iv.start, i.iv.end, i.ev.id))
    clusters: list[list[_Ev]] = []
    hi = None
    for it in dated:
        assert it.iv is not None and it.iv.start is not None
        if clusters and hi is not None and it.iv.start <= hi:
            clusters[-1].append(it)
            hi = max(hi, it.iv.end)
        else:
            clusters.append([it])
            hi = it.iv.end
    spans = [envelope([i.iv for i in c if i.iv]) for c in clusters]
    # Events with no time at all (no date, undated article) say nothing about
    # *when*: pooling them across articles would merge a 2010 story with a
    # 2025 one. They stay with their own document; events bounded only by
    # their article's publication date pool together.
    undated: dict[str, list[_Ev]] = {}
    for it in sorted((i for i in items if i.iv is None or i.iv.loose), key=lambda i: i.ev.id):
        fits = [k for k, sp in enumerate(spans) if sp is not None and (it.iv is None or it.iv.overlaps(sp))]
        if len(fits) == 1:
            clusters[fits[0]].append(it)
        else:
            key = "undated" if it.iv is not None else f"undated:{it.ev.document_id}"
            undated.setdefault(key, []).append(it)
    out = [(sp.key() if sp else "undated", c) for sp, c in zip(spans, clusters, strict=True)]
    out.extend(sorted(undated.items()))
    return out


def _topic(it: _Ev) -> str | None:
    return it.ev.mode or (sorted(it.ev.contexts)[0] if it.ev.contexts else None)


def _topics(items: list[_Ev]) -> list[tuple[str | None, list[_Ev]]]:
    """Split by what the act is about (mode, else context): oil supplies and an airfield are two claims.

    Events that say nothing about it join the single topic when there is one;
    otherwise they stay a topic-less claim of their own. Like the time
    clusters, this depends only on the set of events, never their order.
    """
    named: dict[str, list[_Ev]] = defaultdict(list)
    bare: list[_Ev] = []
    for it in items:
        topic = _topic(it)
        (named[topic] if topic else bare).append(it)
    if len(named) == 1:
        (topic, part), = named.items()
        return [(topic, part + bare)]
    out: list[tuple[str | None, list[_Ev]]] = sorted(named.items())
    if bare:
        out.append((None, bare))
    return out


def _intensity(type_: str, mode: str | None) -> float:
    try:
        from claimgraph.ontology import plover
        return float(plover.intensity(type_, mode))
    except (ImportError, KeyError):
        return 0.0


def build_claims(events: Iterable[Event], docs: dict[str, Document], res: Resolution,
                 buckets: set[str] | None = None,
                 mentions: dict[str, list[Mention]] | None = None) -> list[StoredClaim]:
    """Claims for these events (only those in `buckets` when given), deterministic in the event set.

    `mentions` (document id → mentions) lets claims record the third parties
    their sentences name; without it they record none.
    """
    groups: dict[tuple[str, str, str, bool], list[_Ev]] = defaultdict(list)
    for ev in events:
        if not ev.source and not ev.target:
            continue  # nobody to compare across sources
        b = bucket_of(ev, res)
        if buckets is not None and b not in buckets:
            continue
        doc = docs[ev.document_id]
        it = _Ev(ev, side(ev.source, res), side(ev.target, res), claim_type(ev), b,
                 event_interval(ev.date, ev.date_source, doc.published),
                 frozenset(third_parties(ev, (mentions or {}).get(ev.document_id, []), res)))
        direction = b if it.type in RECIPROCAL else f"{'+'.join(it.src) or '?'}>{'+'.join(it.tgt) or '?'}"
        if not it.src or not it.tgt:
            # Half a dyad ("Iran accused …" with no target found) cannot be shown to be the
            # same thing another article says: such events group only within their document.
            direction += f"@{ev.document_id}"
        groups[(b, direction, it.type, bool(ev.negated))].append(it)
    out: list[StoredClaim] = []
    for (b, direction, type_, neg), items in sorted(groups.items()):
        for topic, part in _topics(items):
            for tkey, members in _clusters(part):
                key = f"{direction}|{type_}|{int(neg)}|{tkey}" + (f"|{topic}" if topic else "")
                cid = hashlib.sha1(key.encode()).hexdigest()[:16]
                out.append(_make_claim(cid, b, type_, neg, members, docs, res))
    return out


def _make_claim(cid: str, bucket: str, type_: str, neg: bool, members: list[_Ev],
                docs: dict[str, Document], res: Resolution) -> StoredClaim:
    members = sorted(members, key=lambda i: i.ev.id)
    first = members[0]
    if type_ in RECIPROCAL:
        sides = sorted({first.src, first.tgt})
        src, tgt = list(sides[0]), list(sides[-1])
    else:
        src, tgt = list(first.src), list(first.tgt)
    # Wire copies: the same sentence in several documents is one source, named by its first outlet.
    by_sentence: dict[str, set[str]] = defaultdict(set)
    texts: dict[str, str] = {}
    for it in members:
        doc = docs[it.ev.document_id]
        texts[it.ev.id] = _fold(doc.text[it.ev.sentence.start:it.ev.sentence.end]) if doc.text else it.ev.id
        by_sentence[texts[it.ev.id]].add(outlet_label(doc))
    presentations: dict[str, str] = {}
    speakers: set[str] = set()
    for it in members:
        label, speaker, by_outlet = source_label(it.ev, docs[it.ev.document_id], res)
        if speaker:
            speakers.add(speaker)
        if by_outlet:
            label = min(by_sentence[texts[it.ev.id]])
        old = presentations.get(label)
        if old is None or status_rank(it.ev.status) < status_rank(old):
            presentations[label] = it.ev.status
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
    }
    if type_ in ("REJECT", "ACCUSE") or set(info["statuses"]) & {"alleged", "denied"}:
        info["terms"] = sorted(set().union(*(terms((docs[i.ev.document_id].text or "")[i.ev.sentence.start:i.ev.sentence.end])
                                             for i in members)))
    return StoredClaim(claim, bucket, neg, published[0] if published else None, info)
