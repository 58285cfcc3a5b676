"""Coding verbs: which lexicon entry fires, and the verb's source and target.

Precedence, most specific first: an entry whose condition holds ("recall"
+ ambassador → SANCTION), then a light verb whose object is an event noun
("launch an investigation": the noun is coded instead), then the verb's
general entry. Passives swap roles ("Silk Way was granted an exemption":
target Silk Way, source the by-agent); statements of intent turn material
acts into AGREE or THREATEN ("Finland will give Tanzania a grant").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from claimgraph.nlp import events_args as args
from claimgraph.nlp.events_args import kids
from claimgraph.nlp.events_lexicon import Entry, Lexicon
from claimgraph.nlp.events_location import place_parties
from claimgraph.ontology.plover import is_cooperative, is_material

_COMPLEMENTS = {"ccomp", "xcomp", "dobj", "prep", "dative", "acomp", "oprd", "advcl", "attr", "pcomp"}
_VERBAL_CONFLICT = {"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
_OBJECT_SIDE = {"dobj", "prep", "dative", "attr", "oprd", "agent"}


@dataclass(slots=True)
class Candidate:
    """An event before status, date and quantities are attached."""

    trigger: Token
    type: str
    mode: str | None
    contexts: list[str]
    source: list[str]
    target: list[str]
    rule: str
    strength: float
    nominal: bool = False
    negated: bool = False
    suppress_verbs: set[int] = field(default_factory=set)
    suppress_nouns: set[int] = field(default_factory=set)


def verb_key_entries(tok: Token, lex: Lexicon) -> tuple[str, tuple[Entry, ...]]:
    """Lexicon entries for a verb: phrasal ("hand over") and verb+noun ("set fire") first."""
    lemma = tok.lemma_.lower()
    keys: list[str] = []
    for c in kids(tok):
        if c.dep_ == "prt":
            keys.append(f"{lemma} {c.lower_}")
        elif c.dep_ in ("dobj", "npadvmod") and c.i == tok.i + 1:
            keys.append(f"{lemma} {c.lemma_.lower()}")
    keys.append(lemma)
    if keys[0] in lex.idioms:  # "take part", "take place": no event, whatever "take" may mean
        return keys[0], ()
    for key in keys:
        hit = lex.verbs.get(key)
        if hit:
            return key, hit
    return keys[-1], ()


def _objects(tok: Token) -> list[Token]:
    objs = args.children(tok, ("dobj",))
    if not objs and args.is_passive(tok):
        objs = args.children(tok, ("nsubjpass",))
    out = list(objs)
    for o in objs:  # "arms and aid", "a supply of arms", "$400 million in loans"
        out.extend(c for c in kids(o) if c.dep_ == "conj")
        out.extend(p for c in kids(o) if c.dep_ == "prep" and c.lower_ in ("of", "in") for p in kids(c))
    return out


def condition_holds(entry: Entry, tok: Token) -> bool:
    if entry.obj:
        lemmas = {o.lemma_.lower() for o in _objects(tok)}
        if not lemmas & entry.obj:
            return False
    if entry.prep and not any(c.dep_ == "prep" and c.lower_ in entry.prep for c in kids(tok)):
        return False
    if entry.comp and not any(directive_complement(c) for c in kids(tok)):
        return False
    return True


def directive_complement(c: Token) -> bool:
    """A complement that says what someone is to do: "told X to leave", "decided to attack",
    "ordered that troops withdraw / should withdraw". A statement ("“…,” he told the
    Times", "told reporters that Iran is ready") is not one."""
    if c.dep_ == "xcomp":
        return True
    if c.dep_ not in ("ccomp", "advcl"):
        return False
    aux = {a.lower_ for a in kids(c) if a.dep_ == "aux"}
    if "to" in aux or aux & {"should", "must"}:
        return True
    return c.dep_ == "ccomp" and c.tag_ == "VB" and not aux and c.i > c.head.i


def event_noun_under(tok: Token, lex: Lexicon) -> Token | None:
    """An event noun that is the verb's object or in one of its prepositional phrases."""
    for c in kids(tok):
        cands = [c] if c.dep_ == "dobj" else [g for g in kids(c) if g.dep_ == "pobj"] if c.dep_ == "prep" else []
        for n in cands:
            if n.lemma_.lower() in lex.nouns or any(
                    f"{k.lemma_.lower()} {n.lemma_.lower()}" in lex.nouns for k in kids(n) if k.dep_ == "compound"):
                return n
    return None


def choose_entry(tok: Token, lex: Lexicon) -> tuple[str, Entry | None]:
    key, entries = verb_key_entries(tok, lex)
    for e in entries:
        if e.conditional and condition_holds(e, tok):
            return key, e
    if (key in lex.light or tok.lemma_.lower() in lex.light) and event_noun_under(tok, lex) is not None:
        return key, None
    for e in entries:
        if not e.conditional:
            return key, e
    return key, None


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


def is_conditional(tok: Token) -> bool:
    """The act hangs on a condition: "will withdraw … unless", "may halt … if"."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in kids(c))
               for c in kids(tok))


def is_intent(tok: Token, lex: Lexicon) -> bool:
    """"will give", "would allow", "is ready to contribute" — unless inside an if-clause."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in kids(tok)):
        return False
    if any(c.dep_ == "aux" and c.lower_ in lex.intent_aux for c in kids(tok)):
        return True
    if is_conditional(tok) and any(c.dep_ == "aux" and c.lower_ in ("may", "might", "could") for c in kids(tok)):
        return True
    head = tok.head
    return tok.dep_ == "xcomp" and head.lemma_.lower() in lex.intent_adj


def intent_type(kind: str, conditional: bool = True) -> str:
    """The verbal reading of a promised act: help or yield → AGREE; force → THREATEN.

    An announced hostile act with no condition attached ("would prohibit all
    aid") is coded as the act itself; one held over the target ("will
    withdraw … unless") is a threat.
    """
    if kind in ("CONCEDE", "CONSULT") or (is_material(kind) and is_cooperative(kind)):
        return "AGREE"
    if is_material(kind):
        return "THREATEN" if conditional else kind
    return kind


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
    return cand


def _embedded(tok: Token, lex: Lexicon) -> Candidate | None:
    for c in kids(tok):
        to_clause = c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in kids(c))
        if (c.dep_ in ("xcomp", "ccomp") or to_clause) and c.pos_ in ("VERB", "AUX"):
            inner = code_verb(c, lex)
            if inner is not None:
                return inner
            from claimgraph.nlp.events_nominal import code_noun  # noun object of a light verb

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
