"""Where a date sits in the parse: the clause it dates, and the clause's tense.

Two questions answered from the dependency tree:
- does the clause look ahead? ("will meet on 29 May" → this year's May,
  "met on 29 May" in an April article → last year's);
- which date belongs to an event trigger (`clause_date`, used by the events
  coder): the date must be attached in the trigger's own clause, or in a
  clause it is conjoined with, or in the sentence's main clause — never one
  buried in somebody else's relative or reported clause.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimgraph.nlp.timex_lexicon import Lexicon
from claimgraph.nlp.types import TimexMention

_VERBAL = ("VERB", "AUX")
# Children that open a clause of their own; their dates are not ours.
_CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis", "conj", "pcomp"})
_WILL = frozenset({"will", "shall", "'ll", "ll", "wo"})
_BE_PRESENT = frozenset({"is", "are", "am", "'re", "'s"})
_PAST_AUX = frozenset({"has", "have", "had", "'d", "was", "were", "did"})
_MAX_CLIMB = 16
# Subordinators whose clause happens at (or just before) the main event.
_SAME_TIME_MARKS = frozenset({"after", "when", "as", "once", "following", "while", "upon"})


def governing_verb(token: Token) -> Token | None:
    """The nearest verb at or above `token` in the tree (nouns climb to the
    verb they are an argument of: "deal" in "strengthened with a deal")."""
    current = token
    for _ in range(_MAX_CLIMB):
        if current.pos_ in _VERBAL:
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def clause_tense(span: Span, lex: Lexicon) -> str | None:
    """"future", "past" or None (cannot tell) for the clause `span` sits in.

    Future: "will", infinitives ("to be held"), "is scheduled/expected/due",
    a present progressive ("is launching"). Past: a past-tense verb or a
    perfect / past auxiliary. Present tense and verbless headlines are
    None: the caller decides by the calendar.
    """
    verb = governing_verb(span.root)
    chain: list[Token] = []
    while verb is not None and len(chain) < 4:
        chain.append(verb)
        if verb.dep_ in ("xcomp", "conj") and verb.head is not verb:
            verb = verb.head
        else:
            break
    past = False
    for verb in chain:
        if verb.lower_ in lex.future_cues or verb.lemma_ in lex.future_cues:
            return "future"
        for child in verb.children:
            word = child.lower_
            if child.dep_ in ("aux", "auxpass"):
                if word in _WILL or word == "to" or (word in _BE_PRESENT and verb.tag_ == "VBG"):
                    return "future"
                past = past or word in _PAST_AUX
            elif child.dep_ in ("acomp", "advmod") and word in lex.future_cues:
                return "future"
        past = past or verb.tag_ == "VBD"
    return "past" if past else None


def _own_clause(head: Token, loose: bool = False) -> set[int]:
    """Token indices of `head`'s clause, without nested clauses that have a
    verb of their own (a relative clause's date dates its own verb).

    `loose` also takes in clauses that share the event's time: participial
    modifiers ("documents pertaining to … in 2018", often a mis-attached
    date) and temporal adverbial clauses ("after … was killed in January,
    the Iranians summoned …")."""
    seen: set[int] = set()
    stack = [head]
    while stack:
        token = stack.pop()
        seen.add(token.i)
        for child in token.children:
            if child.dep_ in _CLAUSAL and child.pos_ in _VERBAL and not (loose and _shares_time(child)):
                continue
            stack.append(child)
    return seen


def _shares_time(clause: Token) -> bool:
    if clause.dep_ in ("acl", "pcomp"):
        return not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    if clause.dep_ == "advcl":
        marks = [c.lower_ for c in clause.children if c.dep_ == "mark" or c.dep_ == "advmod"]
        return not marks or any(m in _SAME_TIME_MARKS for m in marks)
    return False


def _clause_head(token: Token) -> Token:
    return governing_verb(token) or token.sent.root


def _pick(cands: list[tuple[TimexMention, int]], clause: set[int], near: int) -> TimexMention | None:
    inside = [(abs(root - near), t.start, t) for t, root in cands if root in clause]
    return min(inside, key=lambda x: (x[0], x[1]))[2] if inside else None


def clause_date(doc: Doc, token_i: int) -> TimexMention | None:
    """The best DATE timex for the event whose trigger is token `token_i`.

    Order of preference: a date attached in the trigger's own clause; one in
    a clause the trigger's verb is conjoined to ("recalled … in 2020, and
    demanded"); one in a participial or temporal clause under it ("after …
    was killed in January, the Iranians summoned"); one modifying the
    sentence's main clause. Durations and
    PRESENT_REF-style values never count. None when nothing fits.
    """
    if not 0 <= token_i < len(doc):
        return None
    token = doc[token_i]
    sent = token.sent
    cands = [
        (t, doc[t.start:t.end].root.i)
        for t in (doc._.cg_timexes or [])
        if t.date() is not None and sent.start <= t.start and t.end <= sent.end
    ]
    if not cands:
        return None
    head = _clause_head(token)
    found = _pick(cands, _own_clause(head), token_i)
    climbs = 0
    while found is None and head.dep_ == "conj" and head.head is not head and climbs < _MAX_CLIMB:
        head = head.head
        climbs += 1
        found = _pick(cands, _own_clause(head), token_i)
    if found is None:
        found = _pick(cands, _own_clause(head, loose=True), token_i)
    if found is None and head is not sent.root:
        found = _pick(cands, _own_clause(sent.root), token_i)
    return found
