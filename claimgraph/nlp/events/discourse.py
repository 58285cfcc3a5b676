"""Document-level discourse context: targets an event leaves to earlier sentences.

News prose states a dyad once and then refers back to it: "Iran accused the
US of the killings. The State Department denied any involvement" (denied
what, to whom? the accusation, to its author); "Israel struck Iranian sites
on Monday. … Israel began the war on June 13" (the war against whom? the
conflict already on the page). The sentence-level coder leaves such targets
empty; this pass fills them from a small running context, with a lower
confidence and a rule suffix that says the target came from the discourse.

Context kept, in text order:
- allegations: ACCUSE events (accuser → accused) and events reported as
  alleged by a named source (said_by → the event's source);
- the last pair of states an event joined, for "the two countries";
- conflict dyads: material-conflict events with both sides, including
  "shadow" events the sentence coder folds into a controlling verb
  ("allowed the military to carry out strikes on Iran" still shows the
  strikes' dyad).
Only a few sentences back count: further away a new topic is likelier.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from claimgraph.nlp.events.args import kids
from claimgraph.nlp.events.candidate import Candidate
from claimgraph.nlp.events.lexicon import Lexicon
from claimgraph.nlp.events.nominal import code_noun, noun_entries
from claimgraph.nlp.events.verbal import code_verb
from claimgraph.nlp.types import EventMention, ext

MAX_BACK = 4  # sentences an allegation or a dyad stays available
# "denied the allegations" names an allegation already on the page: a definite
# noun points back further than a bare "denied", across a paragraph of detail.
ANAPHORIC_BACK = 8
ALLEGATION_NOUNS = {"allegation", "accusation", "claim", "charge", "report", "assertion", "suggestion"}
DEFINITE = {"the", "these", "those", "such", "this", "that"}
PENALTY = 0.2  # confidence lost by a target taken from the discourse
CONFLICT = {"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"}
DENY_MODES = {"deny"}


@dataclass(slots=True)
class Dyad:
    sentence: int
    source: list[str]
    target: list[str]


def shadow_candidates(sent: Span, lex: Lexicon, cands: list[Candidate]) -> list[Candidate]:
    """Complete conflict events folded into another event's complement (context only)."""
    out: list[Candidate] = []
    doc = sent.doc
    seen: set[int] = {c.trigger.i for c in cands}
    for cand in cands:
        for i in sorted(cand.suppress_verbs | cand.suppress_nouns):
            if i in seen or not sent.start <= i < sent.end:
                continue
            seen.add(i)
            tok = doc[i]
            if tok.pos_ in ("VERB", "AUX"):
                inner = code_verb(tok, lex)
            elif tok.pos_ == "NOUN" and noun_entries(tok, lex)[1]:
                inner = code_noun(tok, lex)
            else:
                continue
            if inner is not None and inner.type in CONFLICT and inner.source and inner.target:
                out.append(inner)
    return out


def _country(doc: Doc, actor_id: str) -> str | None:
    actor = (ext(doc, "cg_actors") or {}).get(actor_id)
    return getattr(actor, "country", None) if actor is not None else None


def _sides(doc: Doc, ids: list[str]) -> set[str]:
    """Actor ids plus their states, so a ministry answers for its country."""
    return set(ids) | {c for a in ids if (c := _country(doc, a))}


def _fill(ev: EventMention, target: list[str], why: str) -> None:
    ev.target = target
    ev.confidence = round(max(0.05, ev.confidence - PENALTY), 3)
    ev.rule += f"+discourse:{why}"


def _from_allegation(doc: Doc, ev: EventMention, sent: int, allegations: list[Dyad]) -> None:
    """A bare denial answers the latest allegation against the denier (else the latest one)."""
    back = ANAPHORIC_BACK if _names_the_allegation(doc, ev) else MAX_BACK
    recent = [a for a in allegations if sent - a.sentence <= back]
    if not recent:
        return
    mine = _sides(doc, ev.source)
    aimed = [a for a in recent if _sides(doc, a.target) & mine]
    pick = (aimed or recent)[-1]
    target = [a for a in pick.source if a not in ev.source and not (_sides(doc, [a]) & mine)]
    if target:
        _fill(ev, target, "allegation")


def _names_the_allegation(doc: Doc, ev: EventMention) -> bool:
    """Is the denied thing a definite allegation noun ("denied the allegations", "these claims")?"""
    span = doc.char_span(ev.trigger.start_char, ev.trigger.end_char, alignment_mode="expand")
    if span is None:
        return False
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ALLEGATION_NOUNS
               and any(d.dep_ == "det" and d.lower_ in DEFINITE for d in kids(c))
               for c in kids(span.root))


def _from_dyad(doc: Doc, ev: EventMention, sent: int, dyads: list[Dyad]) -> None:
    """A one-sided conflict act ("X began the war") is aimed at X's opponent on the page."""
    mine = _sides(doc, ev.source)
    for d in reversed([d for d in dyads if abs(sent - d.sentence) <= MAX_BACK and d.sentence <= sent]):
        if _sides(doc, d.source) & mine:
            other = d.target
        elif _sides(doc, d.target) & mine:
            other = d.source
        else:
            continue
        target = [a for a in other if not (_sides(doc, [a]) & mine)]
        if target:
            _fill(ev, target, "dyad")
            return


def apply(doc: Doc, events: list[tuple[int, EventMention]], shadows: list[tuple[int, Candidate]]) -> None:
    """Fill missing targets of `events` (sentence index, mention) in text order, in place.

    Dyads count from their whole sentence (a later clause may name the enemy:
    "began the war, saying its aim was to cripple Iran's programme");
    allegations only from before the denial.
    """
    dyads = [Dyad(s, list(c.source), list(c.target)) for s, c in shadows]
    dyads += [Dyad(s, list(e.source), list(e.target)) for s, e in events
              if e.type in CONFLICT and e.source and e.target and not e.negated]
    dyads.sort(key=lambda d: d.sentence)
    allegations: list[Dyad] = []
    for sent, ev in events:
        if ev.source and not ev.target:
            if ev.type == "REJECT" and ev.mode in DENY_MODES:
                _from_allegation(doc, ev, sent, allegations)
            elif ev.type in CONFLICT and not ev.negated:
                _from_dyad(doc, ev, sent, dyads)
        if ev.type == "ACCUSE" and ev.source and ev.target and "+discourse:" not in ev.rule:
            allegations.append(Dyad(sent, list(ev.source), list(ev.target)))
        if ev.status == "alleged" and ev.said_by and ev.source:
            allegations.append(Dyad(sent, [ev.said_by], list(ev.source)))


def domestic_protest(doc: Doc, ev: EventMention) -> None:
    """A protest that names no target is aimed at the protesters' own government
    ("Algerian farmers began a hunger strike outside parliament"): PLOVER's
    convention for domestic dissent. Only states stand in as that government."""
    if ev.type != "PROTEST" or ev.target or not ev.source:
        return
    states = [c for a in ev.source if (c := (a if _kind(doc, a) == "country" else _country(doc, a)))]
    if states:
        ev.target = list(dict.fromkeys(states))
        ev.confidence = round(max(0.05, ev.confidence - PENALTY / 2), 3)
        ev.rule += "+domestic"


def _kind(doc: Doc, actor_id: str) -> str | None:
    actor = (ext(doc, "cg_actors") or {}).get(actor_id)
    return getattr(actor, "kind", None)

