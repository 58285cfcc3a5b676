"""What the verb and noun coders share: the candidate event, and how a verb's entry is chosen.

Kept apart from `verbal` and `nominal` so that each may use the other's
coder (a light verb hands its object noun to `nominal`; a noun borrows the
verb's entry choice) without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from claimgraph.nlp.events import args
from claimgraph.nlp.events.args import kids
from claimgraph.nlp.events.lexicon import Entry, Lexicon
from claimgraph.ontology.plover import is_cooperative, is_material


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
