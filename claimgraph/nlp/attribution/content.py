"""Where a reported speech act's content and speaker are, around its verb.

Split from attribution.py (which decides *whether* a word is a cue): given a
verb of saying, these helpers find what was said when the parse gives no
clausal complement (an object, the clause it interrupts, an adjacent
quotation, the rest of the sentence before "…, he said") and who said it
when the subject is not a direct child (participles, conjuncts, inverted
"said X" after a quotation).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.nlp.attribution.sources import left_noun
from claimgraph.nlp.attribution.spans import minus, quote_after, quote_before, subtree_range

_SUBJ = ("nsubj", "nsubjpass", "csubj")
# Verbs whose direct object is the hearer, not the message ("told reporters").
_HEARER_VERBS = frozenset({"tell", "ask", "inform", "urge", "remind", "assure", "reassure", "warn",
                           "notify", "brief", "advise"})
_STANCE_DEPS = ("dobj", "prep", "advcl", "dative", "attr", "oprd", "npadvmod")
_FINITE = ("VBD", "VBZ", "VBP", "VBN")  # VBN: the tagger often misreads a bare past


def speech_content(doc: Doc, tok: Token, lemma: str) -> tuple[int, int] | None:
    """Content of a speech verb with no clausal complement: an object, the
    clause it interrupts ("…, he said"), the clause it comments on ("as X put
    it"), or an adjacent quotation."""
    objs = [c for c in tok.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
    if objs and lemma not in _HEARER_VERBS:
        return subtree_range(objs[0])
    head = tok.head
    if head is not tok and (tok.dep_ == "parataxis" or any(c.dep_ == "mark" and c.lower_ == "as"
                                                               for c in tok.children)):
        return minus(subtree_range(head), subtree_range(tok))
    # before the quotation search, which would take a quotation closing
    # the paragraph above for what "X added:" introduces
    block = colon_block(doc, tok)
    if block is not None:
        return block
    quoted = quote_content(doc, tok)
    if quoted is not None:
        return quoted
    # "People like Scott, he said." / "…, experts say.": the speaker comes
    # last and what was said is everything before it in the sentence.
    subj = subject(tok)
    if tok.dep_ == "ROOT" and subj is not None and subj.i < tok.i:
        left = min(subj.left_edge.i, tok.i)
        words = [t for t in doc[tok.sent.start: left] if not t.is_punct and not t.is_space]
        if len(words) >= 2:
            return (tok.sent.start, left)
    late = [c for c in tok.children if c.dep_ == "advcl" and c.i > tok.i]
    if late and lemma in ("say", "tell", "add"):
        return subtree_range(late[0])
    # "Trump responded by …", "she spoke of …", "he cited it as …": a
    # speaker taking a position on something still reports; what follows
    # the verb is the content.
    if subj is not None and subj.dep_ == "nsubj" and subj.i < tok.i:  # active voice only
        rest = [c for c in tok.children if c.i > tok.i and c.dep_ in _STANCE_DEPS]
        if rest:
            return rest[0].left_edge.i, max(c.right_edge.i for c in rest) + 1
    return None


_NOT_FRAME = ("advcl", "conj", "cc", "ccomp", "xcomp", "parataxis", "dobj")
_FRAME_OPENERS = (",", "\u2014", "\u2013", "--")


def trailing_frame(doc: Doc, tok: Token, subj: Token | None) -> tuple[int, int] | None:
    """"…, but the NYPD overruled it, the source added.": a speaker and verb
    set off at the very end of a sentence report all of it. The parser
    often hangs such a frame on the last clause only (or as a conjunct),
    so the content is taken from the surface: sentence start to the comma."""
    if subj is None or subj.head.i != tok.i or tok.dep_ == "relcl" or subj.tag_ in ("WDT", "WP", "WP$"):
        return None  # ", which was described as …" is a relative clause, not a frame
    lo = min(subj.left_edge.i, tok.i)
    hi = max([tok.i, subj.right_edge.i] + [c.right_edge.i for c in tok.rights if c.dep_ not in _NOT_FRAME])
    start, end = paragraph_clip(doc, tok.i, (tok.sent.start, tok.sent.end))
    if lo - 1 <= start or doc[lo - 1].text not in _FRAME_OPENERS:
        return None
    if any(not (t.is_punct or t.is_space) for t in doc[hi + 1: end]):
        return None
    words = [t for t in doc[start: lo - 1] if not t.is_punct and not t.is_space]
    return (start, lo - 1) if len(words) >= 2 else None


def paragraph_clip(doc: Doc, i: int, rng: tuple[int, int]) -> tuple[int, int]:
    """Keep a parse-derived content inside the cue's paragraph: the small
    model sometimes joins paragraphs into one sentence."""
    start, end = rng
    first = max(i, start)  # a quotation set off after "X said:" starts its own paragraph
    for k in range(first, end):
        if k > first and "\n" in doc[k - 1].whitespace_ + doc[k].text:
            end = k
            break
    for k in range(i, start, -1):
        if "\n" in doc[k - 1].whitespace_ + doc[k - 1].text:
            start = k
            break
    return start, max(end, start)


def colon_block(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """"Limbaugh added:" closing its line: what was said is the next
    paragraph, set off as a block quotation, often without quote marks."""
    j = tok.i + 1
    if j + 1 >= len(doc) or doc[j].text != ":":
        return None
    if "\n" not in doc[j].whitespace_ and not (doc[j + 1].is_space and "\n" in doc[j + 1].text):
        return None
    start = j + 1
    while start < len(doc) and doc[start].is_space:
        start += 1
    end = start
    while end < len(doc) and "\n" not in doc[end].text and "\n" not in doc[end].whitespace_:
        end += 1
    return (start, min(end + 1, len(doc))) if end > start else None


def quote_content(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """A quotation right before the speaker ("“…,” the ambassador said") or
    right after the cue ("X said: “…”"). Searches a bounded window only."""
    subj = subject(tok)
    left = tok.i if subj is None else min(tok.i, subj.left_edge.i)
    j = left - 1
    while j >= 0 and (doc[j].text in (",", "—", "–") or doc[j].is_space):
        j -= 1
    before = quote_before(doc, j)
    if before is not None:
        return before
    j = tok.i + 1
    # "told reporters: “…”", "scolded him: “…”": the hearer comes first
    hearer = [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i == j and c.right_edge.i - c.i < 6]
    if hearer and hearer[0].right_edge.i + 1 < len(doc) and doc[hearer[0].right_edge.i + 1].text == ":":
        j = hearer[0].right_edge.i + 1
    while j < len(doc) and (doc[j].text in (":", ",") or doc[j].is_space):
        j += 1
    return quote_after(doc, j)


def subject(tok: Token) -> Token | None:
    """The verb's subject, or (for "…, saying" / "and added") its head's."""
    cur = tok
    for _ in range(3):
        subj = [c for c in cur.children if c.dep_ in _SUBJ]
        if subj:
            # "“…,” said the minister": the parser may also take a word of the
            # quotation for a subject; the speaker is the one nearest the verb
            return min(subj, key=lambda c: abs(c.i - cur.i))
        left = left_noun(cur) if cur.dep_ == "advcl" and cur.tag_ in _FINITE else None
        if left is not None:
            return left
        if cur.dep_ not in ("advcl", "conj", "xcomp") or cur.head is cur:
            return None
        cur = cur.head
    return None


def passive_content(tok: Token) -> tuple[int, int] | None:
    """A passive speech verb with nothing reported after it: what was
    announced, endorsed or criticised is its subject ("A curfew was
    announced", "the plan is backed by the unions"). Without an agent the
    announcer is unnamed, as in "it has been reported"."""
    subj = [c for c in tok.children if c.dep_ == "nsubjpass" and c.lower_ != "it"]
    if subj and subj[0].tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
        return tok.head.left_edge.i, tok.head.i + 1  # "the fleet, which was described": the fleet
    return subtree_range(subj[0], ("relcl", "acl", "punct")) if subj else None


def same_paragraph(doc: Doc, i: int, j: int) -> bool:
    """Whether tokens i and j lie in one paragraph (no blank line between)."""
    a, b = min(i, j), max(i, j)
    return not any("\n\n" in doc[k].whitespace_ or "\n\n" in doc[k].text for k in range(a, b))
