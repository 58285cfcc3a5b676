"""Whether an event happened, from the grammar of its clause: intention, future, refusal.

Why here and not in cg_modality: these readings depend on which word is the
event's trigger and how it hangs on the verb above it, which only the coder
knows. Three phenomena of English:

* **intention** — an act in the to-infinitive of a verb of wanting or
  planning ("wants to attack", "plans to impose", "vowed to retaliate") or of
  a future predicate ("is due to hold talks", "is set to vote", "is going
  to strike") has not happened: status hypothetical. The wanting is not a
  report of the act, so the wanter is not credited as its source of news.
* **future** — "will", "shall", "'ll" or "would" on the trigger's clause: the
  act lies ahead of the telling (or of a reported telling): hypothetical.
* **refusal** — a negated agreement ("would not accept the offer", "did not
  agree to the request") is a refusal, which PLOVER codes as REJECT, not as
  an AGREE with negated=true. A refusal stated now is a fact, not a future.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.nlp.events.args import kids
from claimgraph.nlp.events.lexicon import Lexicon

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "ll", "wo", "would", "'d"})
_CONDITION_MARKS = frozenset({"if", "unless", "whether"})
_MAX_CLIMB = 4


def clause_verb(tok: Token) -> Token:
    """The verb of the clause a trigger belongs to (an event noun climbs to the verb it is an argument of)."""
    cur = tok
    for _ in range(_MAX_CLIMB):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def intent_head(tok: Token, lex: Lexicon) -> Token | None:
    """The verb of wanting or the future predicate whose infinitive holds the trigger's clause."""
    cur = clause_verb(tok)
    for _ in range(_MAX_CLIMB):
        head = cur.head
        if head is cur or cur.dep_ not in ("xcomp", "conj"):
            return None
        if cur.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(cur)) and (
                head.lemma_.lower() in lex.intent_verbs or head.lower_ in lex.future_predicates):
            return head
        cur = head
    return None


def future(tok: Token) -> bool:
    """A future auxiliary on the trigger's clause (or on the clause it completes)."""
    verb = clause_verb(tok)
    chain = [verb, verb.head] if verb.dep_ in ("xcomp", "conj") else [verb]
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for v in chain for c in kids(v))


def conditional(tok: Token) -> bool:
    """The trigger's clause, or one above it, is an if/unless clause."""
    cur = clause_verb(tok)
    for _ in range(_MAX_CLIMB):
        if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in kids(cur)):
            return True
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def is_refusal(kind: str, negated: bool) -> bool:
    """A negated agreement: "would not accept", "did not agree"."""
    return kind == "AGREE" and negated
