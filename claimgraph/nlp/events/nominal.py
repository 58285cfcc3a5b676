"""Nominal events: "a $1.6 billion deal with", "criticism from HRW",
"the opening of its embassy in Tel Aviv", "an investigation into the airline".

A noun's parties come first from its own phrase (possessor, actor
adjective, by/from phrase for the source; with/into/against/… for the
target). When the noun is the object of a light or untyped verb ("Israeli
authorities launched an investigation", "Azerbaijan inaugurated the
opening"), that verb's subject is the source and its prepositional phrases
may hold the target ("struck a deal with Azerbaijan").
"""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.nlp.events import args
from claimgraph.nlp.events.args import kids
from claimgraph.nlp.events.candidate import Candidate, choose_entry, intent_type, is_conditional, is_intent
from claimgraph.nlp.events.lexicon import Entry, Lexicon
from claimgraph.ontology.plover import is_material

_MODIFIERS = ("poss", "amod", "compound", "nmod")
_VERB_TARGET_PREPS = ("with", "against", "to", "on", "into", "for", "between")
# Prepositions that set an event noun as the background of a clause ("made accusations
# during the war", "despite the allegations, X has contracts with Y"). When the clause
# already has its own event (a saying verb, or an event noun as object), its subject is
# that event's agent, not the background noun's; a bare act ("threw stones during
# demonstrations") still makes its subject a participant.
BACKGROUND_PREPS = {"during", "despite", "amid", "amidst", "after", "before", "since", "throughout",
                    "following", "until", "notwithstanding", "under"}


def noun_entries(tok: Token, lex: Lexicon) -> tuple[str, tuple[Entry, ...]]:
    lemma = tok.lemma_.lower()
    for c in kids(tok):
        if c.dep_ in ("compound", "amod") and c.i == tok.i - 1:
            key = f"{c.lemma_.lower()} {lemma}"
            if key in lex.nouns:
                return key, lex.nouns[key]
    return lemma, lex.nouns.get(lemma, ())


def _of_heads(tok: Token) -> list[Token]:
    return [p for c in kids(tok) if c.dep_ == "prep" and c.lower_ == "of" for p in kids(c) if p.dep_ == "pobj"]


def _holds(entry: Entry, tok: Token) -> bool:
    if entry.of and not {p.lemma_.lower() for p in _of_heads(tok)} & entry.of:
        return False
    if entry.prep and not any(c.dep_ == "prep" and c.lower_ in entry.prep for c in kids(tok)):
        return False
    return True


def choose_noun_entry(tok: Token, lex: Lexicon) -> Entry | None:
    _, entries = noun_entries(tok, lex)
    for e in entries:
        if e.conditional and _holds(e, tok):
            return e
    for e in entries:
        if not e.conditional:
            return e
    return None


def _modifier_actors(tok: Token) -> list[str]:
    out: list[str] = []
    for c in kids(tok):
        if c.dep_ in _MODIFIERS:
            for a in args.actors_of(c):
                if a not in out:
                    out.append(a)
    return out


def _governing_verb(tok: Token, lex: Lexicon) -> Token | None:
    """The verb whose object (or prepositional object) this noun is."""
    if tok.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        verb = tok.head.head
        if tok.head.lower_ in BACKGROUND_PREPS and _has_own_event(verb, lex):
            return None
        return verb
    if tok.dep_ == "conj":
        return _governing_verb(tok.head, lex)
    return None


def _has_own_event(verb: Token, lex: Lexicon) -> bool:
    """A saying verb, or a verb whose direct object is an event noun ("made accusations")."""
    if verb.lemma_.lower() in lex.say or verb.lemma_.lower() in _CONTENT_VERBS:
        return True
    return any(c.dep_ == "dobj" and c.lemma_.lower() in lex.nouns for c in kids(verb))


def _preps(tok: Token, preps: tuple[str, ...], places: bool = False) -> tuple[list[str], bool]:
    """Actors in the noun's (or its of-phrase's) prepositional phrases; flag if via "between"."""
    heads = [tok, *_of_heads(tok)]
    for p in preps:
        found = [a for h in heads for o in args.prep_objects(h, p) for a in args.actors_of(o, places=places)]
        if found:
            return found, p == "between"
    return [], False


def code_noun(tok: Token, lex: Lexicon, verb: Token | None = None) -> Candidate | None:
    """A candidate event for an event noun, or None if no entry or condition fits."""
    entry = choose_noun_entry(tok, lex)
    if entry is None:
        return None
    verb = verb if verb is not None else _governing_verb(tok, lex)
    verb_is_free = verb is not None and choose_entry(verb, lex)[1] is None
    if verb_is_free and verb is not None and verb.lemma_.lower() in lex.receiving:
        return _received(tok, entry, verb)
    src = _modifier_actors(tok)
    if not src:
        src, _ = _preps(tok, entry.source_preps)
    tgt, between = _preps(tok, entry.target)
    if between and not src:
        src = list(tgt)  # "a deal between X and Y": each is the other's counterpart
    if not src and verb_is_free and verb is not None:
        src = args.controller(verb)
    if not tgt and verb_is_free and verb is not None:
        tgt = [a for o in args.children(verb, ("dative",)) for a in args.actors_of(o)]
        for p in _VERB_TARGET_PREPS:
            if tgt:
                break
            tgt = [a for o in args.prep_objects(verb, p) for a in args.actors_of(o)]
    if not tgt and entry.type == "ACCUSE" and verb is not None:
        tgt = [a for a in _accused_in_content(verb, lex) if a not in src]
    if not tgt and entry.type in ("SUPPORT", "AID"):
        tgt = [a for a in _beneficiary(tok) if a not in src]
    material = is_material(entry.type) or entry.type == "CONSULT"
    if not tgt and material:
        tgt, _ = _preps(tok, entry.target, places=True)
    tgt = [a for a in tgt if a not in src] or (tgt if between else [])
    strength = entry.strength * (1.0 if verb_is_free else 0.85)
    rule = entry.rule() + (f"+verb:{verb.lemma_.lower()}" if verb_is_free and verb is not None else "")
    kind, mode = entry.type, entry.mode
    if verb_is_free and verb is not None and is_intent(verb, lex):  # "will give Tanzania a grant"
        new = intent_type(kind, is_conditional(verb))
        if new != kind:
            kind, mode, rule = new, None, rule + f"+intent→{new}"
    cand = Candidate(tok, kind, mode, list(entry.contexts), src, tgt, rule, strength, nominal=True)
    cand.negated = verb is not None and verb_is_free and any(c.dep_ == "neg" for c in kids(verb))
    cand.suppress_nouns = {t.i for c in kids(tok) if c.dep_ in ("prep", "acl", "relcl") for t in c.subtree}
    return cand


_CONTENT_VERBS = {"report", "claim", "allege", "charge", "assert", "contend"}


def _accused_in_content(verb: Token, lex: Lexicon) -> list[str]:
    """"made accusations, reporting that X used …": the accused is who the stated content is about
    (the subject of the that-clause of a saying participle attached to the verb)."""
    for c in kids(verb):
        if c.dep_ != "advcl" or c.tag_ != "VBG" or not (c.lemma_ in lex.say or c.lemma_ in _CONTENT_VERBS):
            continue
        for comp in args.children(c, ("ccomp",)):
            found = [a for s in args.children(comp, ("nsubj", "nsubjpass")) for a in args.actors_of(s)]
            if found:
                return found
    return []


def _beneficiary(tok: Token) -> list[str]:
    """"X's aid was vital to Y's defence", "the support of X was critical for the Y victory":
    the subject of a copula, judged as useful to someone, is help given to that someone."""
    if tok.dep_ != "nsubj" or tok.head.lemma_ != "be":
        return []
    for pred in args.children(tok.head, ("acomp", "attr")):
        for o in [o for p in ("for", "to") for o in args.prep_objects(pred, p)]:
            found = args.actors_of(o)
            if found:
                return found
    return []


def _received(tok: Token, entry: Entry, verb: Token) -> Candidate | None:
    """"X drew criticism from Y", "X received loans from Y": Y acts, X undergoes."""
    src, _ = _preps(tok, entry.source_preps)
    if not src:
        src = [a for p in entry.source_preps for o in args.prep_objects(verb, p) for a in args.actors_of(o)]
    tgt = args.controller(verb)
    rule = entry.rule() + f"+received:{verb.lemma_.lower()}"
    return Candidate(tok, entry.type, entry.mode, list(entry.contexts), src, tgt, rule, entry.strength * 0.9,
                     nominal=True, negated=any(c.dep_ == "neg" for c in kids(verb)))
