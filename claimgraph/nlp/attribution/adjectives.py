"""Attributions carried by an adjective of stance ("X is sure that …") or
by a verb of appearance ("the deal seems to have collapsed").

A person who is sure, worried, critical or determined about something takes
a position on it as surely as one who says so: "Democrats are worried about
turnout", "she was sure Trump would win", "he has been critical of the deal".
The adjective is the cue, the copula's subject the source, and what the
adjective governs (a clause, an infinitive, an about/of/on phrase) the
content. "It is clear that …" keeps the clause and names no source.
Without a complement there is nothing attributed, so no cue.

"Seems to", "seems like" present an inference as the writer's
own, not a fact: an attribution with no source, whose content is the clause.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.nlp.attribution.spans import char_span, subtree_range
from claimgraph.nlp.types import AttributionMention
from claimgraph.ontology.cues import AttributionCues

_CLAUSES = ("ccomp", "xcomp")
_SUBJ = ("nsubj", "nsubjpass")
_TRIM = ("relcl", "acl", "punct", "advcl")


def adjective_cue(doc: Doc, tok: Token, cues: AttributionCues):
    """(attribution, cue token indices, source token) for a stance adjective, or None."""
    if tok.pos_ != "ADJ" or tok.dep_ not in ("acomp", "conj") or tok.lemma_.lower() not in cues.stance_adjectives:
        return None
    head = tok.head
    while head.dep_ == "conj" and head.pos_ == "ADJ" and head.head.i != head.i:
        head = head.head  # "willing and able": the copula is the first conjunct's head
    if head.pos_ not in ("AUX", "VERB"):
        return None
    content = _complement(tok, head, cues)
    if content is None:
        return None
    subj = next((c for c in head.children if c.dep_ in _SUBJ), None)
    expletive = subj is not None and subj.lower_ in ("it", "this", "that")
    source_tok = None if subj is None or expletive else subj
    span = char_span(doc, *content)
    if span.end_char <= span.start_char:
        return None
    source = char_span(doc, *subtree_range(source_tok, _TRIM)) if source_tok is not None else None
    att = AttributionMention(cue=char_span(doc, tok.i, tok.i + 1), content=span, source=source,
                             kind="verb" if source is not None else "passive", cue_lemma=tok.lemma_.lower())
    return att, [tok.i], source_tok


def _complement(tok: Token, head: Token, cues: AttributionCues) -> tuple[int, int] | None:
    """What the stance is about: the adjective's clause or topic phrase, or
    (for "it is clear that …") the clause hanging on the copula."""
    for c in tok.children:
        if c.dep_ in _CLAUSES:
            return subtree_range(c)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in cues.stance_preps:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return subtree_range(objs[0])
    for c in head.children:
        if c.dep_ in _CLAUSES and c.i > tok.i:
            return subtree_range(c)
    return None


_LIKE = ("like", "as")


def evidential_cue(doc: Doc, tok: Token, cues: AttributionCues):
    """(attribution, cue token indices, None) for "seems to …", "seems
    that …", "seems like …", or None. A complement or a like-phrase is
    required: "as it seems" alone infers nothing."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma not in cues.evidential_verbs:
        return None
    comp = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "acomp", "oprd")]
    like = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in _LIKE]
    if not comp and not like:
        return None
    rng = subtree_range(tok.head if tok.dep_ == "aux" else tok, ("punct",))
    start, end = rng
    words = [t.i for t in doc[start:end] if t.i != tok.i and not t.is_punct]
    if not words:
        return None
    span = char_span(doc, min(words), max(words) + 1)
    if span.end_char <= span.start_char:
        return None
    att = AttributionMention(cue=char_span(doc, tok.i, tok.i + 1), content=span, source=None,
                             kind="evidential", cue_lemma=lemma)
    return att, [tok.i], None
