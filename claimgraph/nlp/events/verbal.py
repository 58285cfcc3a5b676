"""Coding verbs: which lexicon entry fires, and the verb's source and target.

Precedence, most specific first: an entry whose condition holds ("recall"
+ ambassador → SANCTION), then a light verb whose object is an event noun
("launch an investigation": the noun is coded instead), then the verb's
general entry. Passives swap roles ("Silk Way was granted an exemption":
target Silk Way, source the by-agent); statements of intent turn material
acts into AGREE or THREATEN ("Finland will give Tanzania a grant").
"""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.nlp.events import args
from claimgraph.nlp.events.args import kids
from claimgraph.nlp.events.candidate import (
    Candidate,
    choose_entry,
    event_noun_under,
    intent_type,
    is_conditional,
    is_intent,
)
from claimgraph.nlp.events.lexicon import Entry, Lexicon
from claimgraph.nlp.events.location import place_parties
from claimgraph.nlp.events.nominal import code_noun  # noun object of a light verb
from claimgraph.ontology.plover import is_material

_COMPLEMENTS = {"ccomp", "xcomp", "dobj", "prep", "dative", "acomp", "oprd", "advcl", "attr", "pcomp"}
_VERBAL_CONFLICT = {"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
_OBJECT_SIDE = {"dobj", "prep", "dative", "attr", "oprd", "agent"}
_DENIED_CLAUSE = {"ccomp", "xcomp", "pcomp"}  # "denied that …", "denied attacking …"


def _first_slot(tok: Token, names: tuple[str, ...], places: bool = False, skip: set[str] | None = None,
                avoid: list[str] | None = None) -> list[str]:
    """The first slot with actors; a slot naming only the source ("its ambassador") is passed over."""
    for name in names:
        if skip and name in skip:
            continue
        found = args.slot(tok, name, places)
        if found and avoid:
            found = [a for a in found if a not in avoid]
        if found:
            return found
    return []


def roles(tok: Token, entry: Entry) -> tuple[list[str], list[str]]:
    """(source, target) actor ids for a verb trigger under one entry."""
    material = is_material(entry.type) or entry.type == "CONSULT"
    if entry.passive_roles:  # "X received loans from Y": subject is the recipient
        # a state after "from" reads as a place to the actors component; here it is the giver
        src = _first_slot(tok, ("pobj:from", "pobj:by"), places=True)
        if not src:  # the from-phrase may hang anywhere inside the object ("$5m in loans from X")
            src = [a for o in args.children(tok, ("dobj",)) for t in o.subtree if t.dep_ == "prep" and t.lower_ == "from"
                   for p in kids(t) if p.dep_ == "pobj" for a in args.actors_of(p)]
        tgt = args.controller(tok)
        if not src and is_material(entry.type):  # "received weapons training in Iran": the host gave it
            src = [a for a in place_parties(tok, ("in",)) if a not in tgt]
        return src, tgt
    if args.is_passive(tok):
        subj = [a for s in args.children(tok, ("nsubjpass",)) for a in args.actors_of(s)]
        src = args.agent(tok)
        has_obj = bool(args.children(tok, ("dobj",)))
        if entry.theme and not has_obj:
            tgt = _first_slot(tok, entry.target, skip={"dobj", "dobj_head"})
            if src:
                return src, tgt or subj
            return subj, tgt
        tgt = subj or _first_slot(tok, entry.target, skip={"dobj", "dobj_head"})
        if not tgt and material:
            tgt = _first_slot(tok, entry.target, places=True, skip={"dobj", "dobj_head"})
        return src, tgt
    src = args.controller(tok)
    tgt = _first_slot(tok, entry.target, avoid=src)
    if not tgt and material:
        tgt = _first_slot(tok, entry.target, places=True, avoid=src)
    if not tgt and material and _purpose_of(tok) is not None:
        # "landed at Israel's airbase to transport explosives": carried at, to or for that place's state
        tgt = [a for a in place_parties(_purpose_of(tok), ("at", "to", "into", "in")) if a not in src]
    if not tgt and entry.reciprocal and len(src) >= 2:
        tgt = list(src)
    return src, tgt


def _purpose_of(tok: Token) -> Token | None:
    """The verb an infinitive of purpose serves: "landed at X to transport" → landed."""
    is_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(tok))
    if is_inf and tok.dep_ in ("advcl", "xcomp") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    return None


def negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in kids(tok)):
        return True
    # "did not agree to attack": negation on the governing verb of an xcomp
    return tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in kids(tok.head))


def complement_tokens(tok: Token, deps: set[str]) -> set[int]:
    return {t.i for c in kids(tok) if c.dep_ in deps for t in c.subtree}


def code_verb(tok: Token, lex: Lexicon) -> Candidate | None:
    """A candidate event for a verb token, or None if the lexicon has no reading."""
    key, entry = choose_entry(tok, lex)
    if entry is None:
        return None
    kind, mode, contexts = entry.type, entry.mode, list(entry.contexts)
    rule = entry.rule()
    src, tgt = roles(tok, entry)
    if entry.intent:
        inner = _embedded(tok, lex)
        if inner is not None:
            kind, mode = intent_type(inner.type), None
            contexts = sorted(set(contexts) | set(inner.contexts))
            tgt = tgt or inner.target
            rule += f"+{inner.rule}"
    elif kind not in _VERBAL_CONFLICT and is_intent(tok, lex):
        new = intent_type(kind, is_conditional(tok))
        if new != kind:
            rule += f"+intent→{new}"
            kind, mode = new, None
    cand = Candidate(tok, kind, mode, contexts, src, tgt, rule, entry.strength, negated=negated(tok))
    if entry.control or entry.intent:
        cand.suppress_verbs = complement_tokens(tok, _COMPLEMENTS)
    cand.suppress_nouns = complement_tokens(tok, _OBJECT_SIDE | _COMPLEMENTS)
    if tok.lemma_.lower() in lex.denial:
        # the denied act is an event of its own (status "denied"), not part of the denial
        denied = complement_tokens(tok, _DENIED_CLAUSE)
        cand.suppress_verbs -= denied
        cand.suppress_nouns -= denied
    return cand


def _embedded(tok: Token, lex: Lexicon) -> Candidate | None:
    for c in kids(tok):
        to_clause = c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in kids(c))
        if (c.dep_ in ("xcomp", "ccomp") or to_clause) and c.pos_ in ("VERB", "AUX"):
            inner = code_verb(c, lex)
            if inner is not None:
                return inner
            noun = event_noun_under(c, lex)
            if noun is not None:
                return code_noun(noun, lex, c)
    return None


def say_must(tok: Token, lex: Lexicon) -> Candidate | None:
    """"X said Y must hand over …" is X demanding it of Y (REQUEST)."""
    if tok.lemma_.lower() not in lex.say:
        return None
    for c in kids(tok):
        if c.dep_ != "ccomp":
            continue
        modal = next((a for a in kids(c) if a.dep_ == "aux" and a.lower_ in lex.modals), None)
        if modal is None:
            continue
        tgt = [a for s in args.children(c, ("nsubj", "nsubjpass")) for a in args.actors_of(s)]
        src = args.controller(tok)
        cand = Candidate(modal, "REQUEST", None, [], src, tgt, f"verb:{tok.lemma_.lower()}+{modal.lower_}→REQUEST", 0.7)
        cand.suppress_verbs = {t.i for t in c.subtree}
        cand.suppress_nouns = set(cand.suppress_verbs)
        return cand
    return None
