"""Does the verb's sense fit its arguments? Dropping events read in a non-political sense.

Why: many event verbs have everyday senses whose object is not a party at
all. "Hold" arrests a person but also holds a briefing; "eliminate" kills a
leader but also eliminates threats; "investigate" is an accusation against a
body but also looks into "this matter". The difference lies in the kind of
thing the verb is done to, a fact of English argument structure: an act of
the `actor_modes` (lexicon [patient]) takes a person or a body as its patient.
When the direct object names no actor, no person and no group, the verb is
in its other sense, and precision comes first: no event.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.nlp.events import args
from claimgraph.nlp.events.candidate import Candidate
from claimgraph.nlp.events.lexicon import Lexicon

_PEOPLE_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE"})


def _patient(tok: Token) -> Token | None:
    """The thing the verb is done to: its direct object, or the subject of its passive."""
    deps = ("nsubjpass",) if args.is_passive(tok) else ("dobj",)
    found = args.children(tok, deps)
    return found[0] if found else None


def is_thing(tok: Token, lex: Lexicon) -> bool:
    """Is the noun phrase headed by `tok` known to name an event or an abstraction, not a party?"""
    if tok.pos_ != "NOUN" or tok.ent_type_ in _PEOPLE_ENTS or args.actors_of(tok, places=False):
        return False
    lemma = tok.lemma_.lower()
    return lemma in lex.abstract_nouns or lemma in lex.nouns


def sense_fits(cand: Candidate, lex: Lexicon) -> bool:
    """False for an act done to someone whose object is a thing ("investigating this matter")."""
    if cand.nominal or cand.mode not in lex.actor_modes or cand.target:
        return True
    patient = _patient(cand.trigger)
    return patient is None or not is_thing(patient, lex)
