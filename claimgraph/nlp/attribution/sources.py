"""Who a found attribution's source is: linking source words to actors.

A source span is often not a name. News reuses the last named speaker
("Kim said … As a result, he said, …"; "the minister added") and refers
back to a publication it introduced earlier ("a study by the institute
found … The study also noted …"). A reader resolves these from what came
before, so the resolver walks a document's attributions in text order and
remembers the last named person speaker and the last authored publication
of each kind. Kept apart from the finding rules in attribution.py.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.nlp.types import ActorMention, AttributionMention, CharSpan
from claimgraph.ontology.actors import actor_words
from claimgraph.ontology.cues import AttributionCues

# Pronouns that stand for one person speaking.
_PERSON_PRONOUNS = frozenset({"he", "she"})
# How far back (characters) a pronoun or role noun looks for its speaker:
# about three short news paragraphs; farther back, a reader loses the thread too.
_SPEAKER_WINDOW = 1500
_NOMINAL = ("NOUN", "PROPN")
_BEFORE_VERB = ("aux", "auxpass", "neg", "advmod")


class SourceResolver:
    """Links source words to actors for one document, in text order."""

    def __init__(self, doc: Doc, cues: AttributionCues) -> None:
        self.doc = doc
        self.cues = cues
        self.mentions = [m for m in doc._.cg_mentions or [] if m.role != "location"]
        self.kinds = {k: a.kind for k, a in (doc._.cg_actors or {}).items()}
        self.person_nouns = actor_words().person_nouns
        self.last_speaker: tuple[str, int] | None = None  # (actor id, char offset)
        self.last_publication: dict[str, str] = {}  # publication lemma → author actor id

    def resolve(self, src_tok: Token, att: AttributionMention) -> str | None:
        """The actor for this source; updates the memory either way."""
        assert att.source is not None
        actor = link_actor(self.doc, src_tok, att.source, self.mentions, self.cues)
        lemma = src_tok.lemma_.lower()
        at = att.cue.start_char
        if actor is None and self._anaphoric_person(src_tok):
            if self.last_speaker is not None and at - self.last_speaker[1] <= _SPEAKER_WINDOW:
                actor = self.last_speaker[0]
        if lemma in self.cues.publications:
            if actor is not None:
                self.last_publication[lemma] = actor
            elif _definite(src_tok):
                actor = self.last_publication.get(lemma)
        if actor is not None and self.kinds.get(actor, "person") == "person":  # no table: trust it
            self.last_speaker = (actor, at)
        return actor

    def _anaphoric_person(self, tok: Token) -> bool:
        """"he", "she", or "the ambassador" (a definite role noun, no name)."""
        if tok.lower_ in _PERSON_PRONOUNS:
            return True
        return _definite(tok) and tok.lemma_.lower() in self.person_nouns


def _definite(tok: Token) -> bool:
    """"the report", not "a report" / "reports" / "the Reuters report"."""
    dets = [c for c in tok.children if c.dep_ == "det"]
    named = any(c.dep_ in ("compound", "poss", "amod") and c.pos_ == "PROPN" for c in tok.children)
    return bool(dets) and dets[0].lower_ in ("the", "this", "that") and not named


def link_actor(doc: Doc, src_tok: Token, source: CharSpan, actors: list[ActorMention],
               cues: AttributionCues) -> str | None:
    """The actor the source names: the mention on its head word, else the
    author of a publication ("an investigation by Haaretz", "OCCRP's report"),
    else any actor named inside the source span."""
    for m in actors:
        if m.start <= src_tok.i < m.end:
            return m.actor_id
    if src_tok.lemma_.lower() in cues.publications:
        for author in authors(src_tok):
            for m in actors:
                if m.start <= author.i < m.end:
                    return m.actor_id
    for m in actors:
        if source.start_char <= m.start_char and m.end_char <= source.end_char:
            return m.actor_id
    return None


def authors(tok: Token) -> list[Token]:
    """Who wrote a publication noun: its possessor or its by/from/of object."""
    out = [c for c in tok.children if c.dep_ == "poss"]
    out += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
            for g in c.children if g.dep_ == "pobj"]
    return out


def left_noun(verb: Token, any_dep: bool = False) -> Token | None:
    """The noun phrase that ends just before the verb (auxiliaries aside).

    Two parser slips leave a speech verb without its real subject:
    "This came after a study by X found that …" (the study misread as the
    object of "after": climbing to the main clause would credit "This"),
    and a heading run into the sentence ("10 a.m.\n\nKim is saying …").
    Unless `any_dep`, only the first shape is accepted: the phrase hangs
    off a preposition that is a sibling of the verb."""
    doc = verb.doc
    j = verb.i - 1
    while j >= 0 and any_dep and doc[j].dep_ in _BEFORE_VERB:
        j -= 1
    if j < 0 or "\n" in doc[j].text:
        return None
    best: Token | None = None
    cur = doc[j]
    while cur.right_edge.i <= j and cur.i < verb.i:
        if cur.pos_ in _NOMINAL:
            best = cur
        if cur.head.i == cur.i or cur.head.right_edge.i > j:
            break
        cur = cur.head
    if best is None or any_dep:
        return best
    return best if best.dep_ == "pobj" and best.head.head.i == verb.head.i else None


def holder(cue: Token, cues: AttributionCues) -> Token | None:
    """"Police obtained footage showing that …": a participle on an evidence
    noun credits whoever holds the evidence, when a verb of getting or
    having ties the noun to a subject."""
    noun = cue.head
    if noun.lemma_.lower() not in cues.evidence:
        return None
    if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in cues.holders:
        return None
    return next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
