"""Narrative time: the date an event takes when its own sentence has none.

News narrates in runs: "On April 18, … Azerbaijan made an announcement. In
a statement released online, the Ministry said it had conducted operations
…". The second sentence has no date, yet its events happened on April 18:
the reference time of a past-tense narrative carries over until something
moves it. `clause_date` (the events coder's entry point) first asks the
trigger's own sentence (timex_clause.local_date); when that sentence holds
no date at all, it carries over the reference time:

- from the last earlier sentence of the same paragraph that has a date, if
  that date belongs to its main clause (a date buried in a subordinate
  clause is not the narrative's time) and at most MAX_BACK sentences back;
- only to past-tense events ("said it had conducted", "was operating",
  "included"): a present or future clause is commentary, not narrative;
- across a paragraph break only when the new paragraph opens by pointing
  back at a time already on the page ("During the ceremonies, …",
  "Meanwhile, …"); otherwise a new paragraph is a new topic;
- not when the clause says time has moved on by an unknown amount ("then",
  "later", "eventually");
- an offset in the event's clause ("Two days later, Israel retaliated")
  moves the carried date (timex_offset.py) and needs no tense check.

A sentence with a deictic or vague time of its own ("now", "in the past")
is not carried: it has said when it is. The returned TimexMention points at
the carried date's span; its text says it was carried ("April 18 (earlier
sentence)"), and the events coder stores that text as the date source, so
a reader can tell a stated date from an inferred one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimgraph.nlp.timex.clause import governing_verb, local_date, sentence_timexes, time_chain
from claimgraph.nlp.timex.lexicon import Lexicon, lexicon
from claimgraph.nlp.timex.offset import clause_offset, shifted
from claimgraph.nlp.types import TimexMention

MAX_BACK = 3  # earlier sentences the reference time survives without a new date
CARRIED = "(earlier sentence)"
_PAST_AUX = frozenset({"was", "were", "had", "'d", "did"})
_NON_PAST_AUX = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must", "has",
                           "have", "is", "are", "am", "do", "does", "'s", "'re", "'ll", "wo", "ca"})
_NONFINITE_TAGS = frozenset({"VB", "VBG", "VBN"})
# A date attached as a noun modifier names a thing ("the 1991 agreement").
_IN_NOUN_PHRASE = frozenset({"amod", "nummod", "compound", "nmod", "poss", "appos", "nsubj", "dobj"})
# Verbs whose infinitive complement happened when they did ("began to shell").
_ASPECTUAL = frozenset({"begin", "start", "continue", "resume", "stop", "cease", "try", "attempt", "manage",
                        "fail", "refuse", "decide", "agree", "vote", "move"})


def clause_date(doc: Doc, token_i: int) -> TimexMention | None:
    """The date of the event whose trigger is token `token_i`: from its own
    sentence when that has any date, else carried from the narrative (see
    the module docstring). None when neither gives one."""
    if not 0 <= token_i < len(doc):
        return None
    token = doc[token_i]
    own = sentence_timexes(doc, token.sent)
    if any(t.kind == "DATE" for t in own):
        return local_date(doc, token_i)
    reference = reference_time(doc, token.sent)
    if reference is None:
        return None
    lex = lexicon()
    for verb in time_chain(token):
        offset = clause_offset(verb, own, lex)
        if offset is not None:
            return None if offset.subordinate else shifted(reference, offset, offset.sign)
    if not past_narrative(token) or _moves_on(token, lex):
        return None
    return TimexMention(reference.start, reference.end, reference.start_char, reference.end_char,
                        f"{reference.text} {CARRIED}", reference.value, reference.precision,
                        reference.kind, reference.modifier)


def _moves_on(token: Token, lex: Lexicon) -> bool:
    """"The army then withdrew": the narrative has moved past the carried
    date by an unknown amount."""
    return any(c.dep_ == "advmod" and c.lower_ in lex.moves_on for v in time_chain(token) for c in v.children)


def past_narrative(token: Token) -> bool:
    """Is the trigger's clause told in the past? Non-finite verbs ("to
    disband", "attacking") take the tense of the verb they hang on."""
    verb = governing_verb(token)
    for _ in range(6):
        if verb is None:
            return False
        auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a in _NON_PAST_AUX for a in auxes):
            return False
        if any(a in _PAST_AUX for a in auxes) or verb.tag_ == "VBD":
            return True
        if verb.tag_ not in _NONFINITE_TAGS or verb.head is verb:
            return False
        if verb.dep_ == "xcomp" and "to" in auxes and verb.head.lemma_ not in _ASPECTUAL:
            return False  # "told people to call back": not (yet) done
        verb = governing_verb(verb.head)
    return False


def reference_time(doc: Doc, sent: Span) -> TimexMention | None:
    """The narrative's current date as of `sent`: the main-clause date of
    the nearest earlier dated sentence within reach, or None."""
    lex = lexicon()
    current = sent
    crossed = False
    for _ in range(MAX_BACK):
        previous = _previous_sentence(doc, current)
        if previous is None:
            return None
        if _paragraph_break(doc, previous, current):
            if crossed or current != sent or not _points_back(sent, lex):
                return None
            crossed = True
        timexes = sentence_timexes(doc, previous)
        if any(t.kind == "DATE" for t in timexes):
            return _narrative_date(doc, previous)
        current = previous
    return None


def _narrative_date(doc: Doc, sent: Span) -> TimexMention | None:
    """The main clause's date when it is adverbial ("On April 18, …", "…
    in 2008", "Monday"): that sets the narrative's time. A date inside a
    noun phrase ("The 1991 agreement was …") only names a thing."""
    found = local_date(doc, sent.root.i)
    if found is None or found.date() is None:
        return None
    if found.start_char < _paragraph_start(doc, sent):
        return None  # the parser ran two paragraphs together; the date is the other one's
    root = doc[found.start:found.end].root
    if root.dep_ in _IN_NOUN_PHRASE or (root.dep_ == "pobj" and root.head.lower_ == "of"):
        return None
    return found


def _paragraph_start(doc: Doc, sent: Span) -> int:
    """Character offset where the last paragraph inside `sent` begins."""
    words = [t for t in sent if not t.is_space]
    # `doc[a:b].text_with_ws` is the text from token a up to token b; reading
    # `doc.text` instead would rebuild the whole document's text per call.
    text = doc[sent.start:words[-1].i].text_with_ws if words else ""
    return sent.start_char + text.rfind("\n") + 1


def _previous_sentence(doc: Doc, sent: Span) -> Span | None:
    """The sentence before `sent`, skipping whitespace-only ones."""
    i = sent.start - 1
    while i >= 0:
        previous = doc[i].sent
        if any(not t.is_space for t in previous):
            return previous
        i = previous.start - 1
    return None


def _paragraph_break(doc: Doc, before: Span, after: Span) -> bool:
    """A line break between the last word of `before` and the first of `after`."""
    last = next((t for t in reversed(before) if not t.is_space), before[-1])
    first = next((t for t in after if not t.is_space), after[0])
    # The text between them, read from the tokens: `doc.text` is rebuilt from
    # every token on each access, which made this the events coder's hotspot.
    return "\n" in last.whitespace_ or "\n" in doc[last.i + 1:first.i].text_with_ws


def _points_back(sent: Span, lex: Lexicon) -> bool:
    """Does the sentence open on a time already given: "During the
    ceremonies, …", "At that meeting, …", "Meanwhile, …"?"""
    words = [t for t in sent if not t.is_space][:3]
    if not words:
        return False
    if words[0].lower_ in lex.continuation_openers:
        return True
    return (len(words) >= 2 and words[0].lower_ in lex.anaphoric_preps and words[0].dep_ == "prep"
            and words[1].lower_ in lex.anaphoric_dets)
