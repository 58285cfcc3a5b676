"""Attributions carried by a noun: "the minister's claim that …".

News often reports a claim without a verb of saying: "Officials disputed
the agency's claim that the dam was safe", "a report by the auditors that
funds went missing", "her remarks about the strike". The noun names the act
of saying; what was said is a that-clause on it, or the topic of an
about/on/of phrase; who said it is the possessor or a by/from phrase.
Without a that-clause a named sayer is required: "questions about the
budget" alone credits nobody and is too weak a cue to report.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.nlp.attribution.spans import char_span, subtree_range
from claimgraph.nlp.types import AttributionMention
from claimgraph.ontology.cues import AttributionCues

_CLAUSE_DEPS = ("acl", "relcl", "ccomp", "appos")
_SUBJ = ("nsubj", "nsubjpass", "expl", "csubj")
_NOT_SAYERS = frozenset({"it", "this", "that", "what", "which"})
_TRIM = ("relcl", "acl", "punct", "advcl", "prep")


def noun_cue(doc: Doc, tok: Token, cues: AttributionCues):
    """(attribution, cue token indices, source token) for a claim noun, or None."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in cues.claim_nouns:
        return None
    sayer = _sayer(tok) or _voicer(tok, cues)
    content = _that_clause(doc, tok, cues)
    if content is None and sayer is not None:
        content = _topic(tok, cues)
    if content is None:
        return None
    span = char_span(doc, *content)
    if span.end_char <= span.start_char:
        return None
    source = None
    if sayer is not None:
        rng = subtree_range(sayer, _TRIM)
        if sayer.dep_ == "poss":  # "the agency's": the possessive ending is not the name
            rng = (rng[0], max(rng[0] + 1, rng[1] - sum(c.dep_ == "case" for c in sayer.children)))
        source = char_span(doc, *rng)
    att = AttributionMention(cue=char_span(doc, tok.i, tok.i + 1), content=span, source=source,
                             kind="noun", cue_lemma=tok.lemma_.lower())
    return att, [tok.i], sayer


def _sayer(tok: Token) -> Token | None:
    """The possessor ("the agency's claim") or by/from object ("a report by X")."""
    for c in tok.children:
        if c.dep_ == "poss":
            return c
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _voicer(tok: Token, cues: AttributionCues) -> Token | None:
    """The subject of a verb that voices the claim: "she made the case
    that …", "the senator raised questions about …"."""
    head = tok.head
    if tok.dep_ != "dobj" or head.lemma_.lower() not in cues.voicing_verbs:
        return None
    return next((c for c in head.children if c.dep_ == "nsubj" and c.lower_ not in _NOT_SAYERS), None)


def _that_clause(doc: Doc, tok: Token, cues: AttributionCues) -> tuple[int, int] | None:
    """A complement clause "that S" on the noun (not a relative clause
    "the claim that he made", where "that" is the clause's own argument)."""
    for c in tok.children:
        if c.dep_ not in _CLAUSE_DEPS or c.i < tok.i:
            continue
        first = doc[c.left_edge.i]
        if first.lower_ != "that" or first.dep_ not in ("mark", "nsubj", "dobj"):
            continue
        # "that" parsed as the clause's subject or object is a complementizer
        # only when that slot is filled by another word ("that Kim had a plan")
        slot = _SUBJ if first.dep_ == "nsubj" else ("dobj",)
        if first.dep_ != "mark" and not any(x.dep_ in slot and x.i != first.i for x in c.children):
            continue
        if c.lemma_.lower() in cues.making_verbs and not any(x.dep_ == "dobj" and x.i != first.i
                                                             for x in c.children):
            continue  # the noun is the object: "the statement that she issued"
        return c.left_edge.i, c.right_edge.i + 1
    return None


def _topic(tok: Token, cues: AttributionCues) -> tuple[int, int] | None:
    """The object of an about/on/of phrase on the noun."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in cues.topic_preps:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return subtree_range(objs[0])
    return None
