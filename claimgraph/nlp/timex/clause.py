"""Where a date sits in the parse: the clause it dates, and the clause's tense.

Two questions answered from the dependency tree:
- does the clause look ahead? ("will meet on 29 May" → this year's May,
  "met on 29 May" in an April article → last year's);
- which date of its own sentence belongs to an event trigger
  (`local_date`): the date must be attached in the trigger's own clause, or
  in a clause it takes its time from (conjoined, participial), or in the
  sentence's main clause — never one buried in somebody else's relative or
  reported clause. Offsets ("two days after") move it (timex_offset.py);
  dates from earlier sentences are timex_discourse.py's job.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimgraph.nlp.timex.lexicon import Lexicon, lexicon
from claimgraph.nlp.timex.offset import Offset, clause_offset, shifted
from claimgraph.nlp.types import TimexMention, ext

_VERBAL = ("VERB", "AUX")
# Children that open a clause of their own; their dates are not ours.
_CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis", "conj", "pcomp"})
_WILL = frozenset({"will", "shall", "'ll", "ll", "wo"})
_BE_PRESENT = frozenset({"is", "are", "am", "'re", "'s"})
_PAST_AUX = frozenset({"has", "have", "had", "'d", "was", "were", "did"})
_MAX_CLIMB = 16
# Subordinators whose clause happens at (or just before) the main event.
_SAME_TIME_MARKS = frozenset({"after", "when", "as", "once", "following", "while", "upon"})
_OTHER_MARKS = frozenset({"before", "until", "till", "unless", "if", "because", "although", "though", "since"})
# Subjectless clauses of these kinds are dated by the clause above them.
_NONFINITE_DEPS = frozenset({"advcl", "acl", "pcomp", "xcomp"})


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
        marks = [c.lower_ for c in clause.children if c.dep_ == "mark" or (c.dep_ == "advmod" and _is_subordinator(c))]
        return not marks or any(m in _SAME_TIME_MARKS for m in marks)
    return False


def _is_subordinator(word: Token) -> bool:
    """"when" / "once" parsed as advmod open a clause; "illegally" does not."""
    return word.tag_ == "WRB" or word.lower_ in _SAME_TIME_MARKS or word.lower_ in _OTHER_MARKS


def _clause_head(token: Token) -> Token:
    return governing_verb(token) or token.sent.root


def _time_parent(verb: Token) -> Token | None:
    """The verb whose clause lends `verb` its time, or None.

    Conjoined verbs share a date ("recalled … in 2020, and demanded"); so do
    subjectless non-finite clauses: participial adjuncts ("made 350 flights
    between 2014 and 2017, illegally transporting weapons"), "by"-gerunds
    ("joined the war by attacking"), infinitives ("said it had conducted
    operations to disband a cell"). A clause with its own subject, or one
    opened by "if" / "because", keeps its own time."""
    if verb.head is verb:
        return None
    if verb.dep_ == "conj":
        return governing_verb(verb.head)
    if verb.dep_ not in _NONFINITE_DEPS or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    if verb.dep_ == "advcl" and not _shares_time(verb):
        return None
    return governing_verb(verb.head)


def time_chain(token: Token) -> list[Token]:
    """The trigger's clause head, then each clause it takes its time from."""
    chain = [_clause_head(token)]
    while len(chain) < _MAX_CLIMB and (parent := _time_parent(chain[-1])) is not None:
        if parent in chain:
            break
        chain.append(parent)
    return chain


def _pick(cands: list[tuple[TimexMention, int]], clause: set[int], near: int) -> TimexMention | None:
    inside = [(abs(root - near), t.start, t) for t, root in cands if root in clause]
    return min(inside, key=lambda x: (x[0], x[1]))[2] if inside else None


def _first(cands: list[tuple[TimexMention, int]], chain: list[Token], near: int) -> TimexMention | None:
    for verb in chain:
        if found := _pick(cands, _own_clause(verb), near):
            return found
    return None


def _offset_date(cands: list[tuple[TimexMention, int]], verb: Token, offset: Offset, near: int) -> TimexMention | None:
    """The date `offset` places `verb`'s clause at, counted from the date of
    the clause above it ("announced on June 24, two days after the US
    joined" → the joining is June 22)."""
    parent = governing_verb(verb.head) if verb.head is not verb else None
    if parent is None:
        return None
    anchor = _first(cands, time_chain(parent), near) or _pick(cands, _own_clause(verb.sent.root), near)
    if anchor is None:
        return None
    return shifted(anchor, offset, -offset.sign if offset.subordinate else offset.sign)


def _loose(cands: list[tuple[TimexMention, int]], verb: Token, near: int, sent_timexes: list[TimexMention],
           lex: Lexicon) -> TimexMention | None:
    """A date from a same-time clause under `verb`; "two days after Iran
    attacked on 3 May" moves it by the offset."""
    found = _pick(cands, _own_clause(verb, loose=True), near)
    if found is None:
        return None
    root = next(r for t, r in cands if t is found)
    for child in verb.children:
        if child.dep_ == "advcl" and child.left_edge.i <= root <= child.right_edge.i:
            offset = clause_offset(child, sent_timexes, lex)
            if offset is not None and offset.subordinate:
                return shifted(found, offset, offset.sign)
    return found


def sentence_timexes(doc: Doc, sent: Span) -> list[TimexMention]:
    return [t for t in (ext(doc, "cg_timexes") or []) if sent.start <= t.start and t.end <= sent.end]


def local_date(doc: Doc, token_i: int) -> TimexMention | None:
    """The best DATE timex for the trigger at `token_i` from its own sentence.

    Order of preference: a date attached in the trigger's own clause, then
    in each clause it takes its time from (conjoined, participial,
    infinitival: `time_chain`) — unless one of those clauses carries an
    offset ("two days later", "two days after …"), which then moves the
    date above it; then a date in a same-time clause under them ("after …
    was killed in January, the Iranians summoned …"); then one modifying
    the sentence's main clause. Durations and PRESENT_REF-style values never
    count. None when nothing fits.
    """
    if not 0 <= token_i < len(doc):
        return None
    token = doc[token_i]
    sent_timexes = sentence_timexes(doc, token.sent)
    cands = [(t, doc[t.start:t.end].root.i) for t in sent_timexes if t.date() is not None]
    if not cands:
        return None
    lex = lexicon()
    chain = time_chain(token)
    for verb in chain:
        if found := _pick(cands, _own_clause(verb), token_i):
            return found
        if (offset := clause_offset(verb, sent_timexes, lex)) is not None:
            return _offset_date(cands, verb, offset, token_i)
    for verb in chain:
        if found := _loose(cands, verb, token_i, sent_timexes, lex):
            return found
    root = token.sent.root
    return None if root in chain else _pick(cands, _own_clause(root), token_i)
