"""`cg_modality`: words that make a stretch of text less than a plain fact.

Writes `doc._.cg_cues` (ModalityCue). Each cue has a kind (hedge, allege,
report, deny, negation, conditional, speculation; word lists in
ontology/data/modality_cues.toml) and a *scope*: the characters it governs,
taken from the parse so that "X denied that Y attacked" puts "Y attacked"
in the denial's scope but not the denial itself — the status helper
(claimgraph.nlp.events.status) relies on that difference.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from claimgraph.nlp.attribution.spans import char_span, subtree_range
from claimgraph.nlp.types import CharSpan, ModalityCue, get_list
from claimgraph.ontology.cues import KindCues, modality_cues

_MODALS = frozenset({"would", "could", "might", "may", "will", "shall", "'d", "'ll", "should"})
_COMPLEMENTS = ("dobj", "ccomp", "xcomp", "prep", "attr", "oprd", "acomp", "pcomp", "dative", "advcl")
_ANAPHORS = frozenset({"this", "that", "these", "those", "it", "which"})
_MAX_PHRASE = 8
# Words whose cue reading needs a part of speech: "May" the month, "no" the answer.
_NEEDS_MD = frozenset({"may", "might", "could", "would", "should"})
# Nouns that are an allegation when a clause hangs on them ("the claim that …").
_ALLEGE_NOUNS = frozenset({"claim", "accusation", "charge"})


@Language.factory("cg_modality", requires=["token.dep", "token.lemma"], assigns=["doc._.cg_cues"])
def make_modality(nlp: Language, name: str) -> ModalityComponent:
    return ModalityComponent()


class ModalityComponent:
    """Finds modality cues and their scopes; stateless apart from the lists."""

    def __init__(self) -> None:
        self.kinds: dict[str, KindCues] = modality_cues()
        self.phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for kind, kc in self.kinds.items():
            for phrase in kc.phrases:
                if 1 < len(phrase) <= _MAX_PHRASE:
                    self.phrases.setdefault(phrase[0], []).append((phrase, kind))
        for options in self.phrases.values():
            options.sort(key=lambda p: -len(p[0]))  # longest match first
        # the same, keyed and compared by the hashes of the words' lower forms
        self.phrase_hashes: dict[int, list[tuple[tuple[str, ...], str, tuple[int, ...]]]] = {
            hash_string(first): [(p, k, tuple(hash_string(w) for w in p)) for p, k in options]
            for first, options in self.phrases.items()}
        # every word or lemma a single-token rule can fire on (see _word_rule):
        # most tokens are in none, and skip the per-kind tests altogether
        self.triggers: frozenset[str] = frozenset().union(
            *(kc.words | kc.lemmas | kc.object_lemmas for kc in self.kinds.values()), _ALLEGE_NOUNS)

    def __call__(self, doc: Doc) -> Doc:
        get_list(doc, "cg_cues").extend(find_cues(doc, self))
        return doc


def _trigger_tokens(doc: Doc, words: frozenset[str], lowers: list[int]) -> list[int]:
    """Indices of tokens whose lower form or lower-cased lemma is in
    `words`, read from the doc's attribute arrays: creating a Token object
    for every word of every article costs more than the rules themselves."""
    strings = doc.vocab.strings
    lemmas = doc.to_array(LEMMA).tolist()
    hits: dict[int, bool] = {}
    out = []
    for i, (low, lem) in enumerate(zip(lowers, lemmas, strict=True)):
        for h in (low, lem):
            ok = hits.get(h)
            if ok is None:
                ok = hits[h] = h in strings and strings[h].lower() in words
            if ok:
                out.append(i)
                break
    return out


def find_cues(doc: Doc, comp: ModalityComponent) -> list[ModalityCue]:
    out: list[ModalityCue] = []
    taken: set[tuple[int, str]] = set()  # (token, kind) already covered by a phrase
    in_phrase: set[int] = set()
    lowers = doc.to_array(LOWER).tolist()
    for i, low in enumerate(lowers):
        for phrase, kind, hashes in comp.phrase_hashes.get(low, ()):
            end = i + len(phrase)
            if end <= len(doc) and tuple(lowers[i:end]) == hashes:
                if any((k, kind) in taken for k in range(i, end)):
                    continue
                taken.update((k, kind) for k in range(i, end))
                in_phrase.update(range(i, end))
                out.append(_cue(doc, i, end, kind, "phrase:" + " ".join(phrase)))
    for i in _trigger_tokens(doc, comp.triggers, lowers):
        tok = doc[i]
        for kind, kc in comp.kinds.items():
            if (tok.i, kind) in taken or (kind in ("negation", "conditional") and tok.i in in_phrase):
                continue  # the "not" of "whether or not this is true" is part of that cue
            rule = _word_rule(tok, kc)
            if rule:
                taken.add((tok.i, kind))
                out.append(_cue(doc, tok.i, tok.i + 1, kind, rule))
    out.sort(key=lambda c: (c.start_char, c.kind))
    return out


def _word_rule(tok: Token, kc: KindCues) -> str | None:
    """Which rule makes this single token a cue of kind `kc`, if any."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    if kc.kind == "negation":
        if low in kc.words and (tok.dep_ == "neg" or low not in ("not", "n't")):
            return "word:" + low
        return None
    if low in kc.words:
        if low in _NEEDS_MD and tok.tag_ != "MD":
            return None
        if low in ("if", "unless", "whether") and tok.dep_ not in ("mark", "advmod", "preconj", "cc"):
            return None
        return "word:" + low
    if lemma in kc.lemmas and tok.pos_ in ("VERB", "AUX"):
        return "lemma:" + lemma
    if lemma in kc.object_lemmas and tok.pos_ == "VERB":
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(o.lemma_.lower() in kc.claim_nouns for o in objs):
            return "object:" + lemma
    if kc.kind == "allege" and tok.pos_ == "NOUN" and lemma in _ALLEGE_NOUNS:
        if any(c.dep_ in ("acl", "ccomp") for c in tok.children):
            return "noun-clause:" + lemma
    return None


def _cue(doc: Doc, start: int, end: int, kind: str, rule: str) -> ModalityCue:
    text = doc[start:end].text
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return ModalityCue(s, e, text, kind, _scope(doc, start, end, kind), rule)


def _phrase_head(doc: Doc, start: int, end: int) -> Token:
    """The token of [start, end) whose syntactic head lies outside it."""
    for t in doc[start:end]:
        if t.head is t or not start <= t.head.i < end:
            return t
    return doc[start]


def _scope(doc: Doc, start: int, end: int, kind: str) -> CharSpan:
    if kind == "speculation":
        return _sentence_scope(doc, start, end)
    head = _phrase_head(doc, start, end)
    verbs = [t for t in doc[start:end] if t.pos_ == "VERB"]
    if verbs and kind in ("deny", "allege", "hedge", "report") and head.dep_ not in ("aux", "auxpass"):
        rng = _complement(verbs[-1], end)
        if rng is not None:
            return char_span(doc, *rng)
    if head.dep_ in ("amod", "compound") and head.head.pos_ in ("NOUN", "PROPN"):
        return char_span(doc, *subtree_range(head.head))
    if head.dep_ == "mark" or (head.dep_ == "prep" and kind == "conditional"):
        clause = head.head if head.dep_ == "mark" else head
        rng = subtree_range(clause)
        if rng[1] <= end:  # "in the event" whose clause the parser hung elsewhere
            rng = (rng[0], _clause_end(doc, end))
        main = clause.head
        if main is not clause and any(c.lower_ in _MODALS for c in main.children if c.dep_ == "aux"):
            rng = subtree_range(main)
        return char_span(doc, *rng)
    if head.pos_ == "NOUN" and kind in ("allege", "deny", "speculation"):
        return char_span(doc, *subtree_range(head))
    clause = head.head if head.head is not head else head
    if head.dep_ in ("nsubj", "nsubjpass") or head.pos_ in ("AUX", "ADV", "PART", "ADJ", "DET", "SCONJ"):
        return char_span(doc, *subtree_range(clause))
    return char_span(doc, *subtree_range(head))


def _clause_end(doc: Doc, i: int) -> int:
    """Token index where the clause running from i stops (, ; or sentence end)."""
    sent_end = doc[i - 1].sent.end
    while i < sent_end and doc[i].text not in (",", ";", ":", "."):
        i += 1
    return i


def _complement(verb: Token, after: int) -> tuple[int, int] | None:
    """What a verb of saying/denying/seeming governs: its object or clause,
    never the verb itself or its subject."""
    comps = [c for c in verb.children if c.dep_ in _COMPLEMENTS and c.i >= after - 1]
    if not comps:
        return None
    return min(c.left_edge.i for c in comps), max(c.right_edge.i for c in comps) + 1


def _sentence_scope(doc: Doc, start: int, end: int) -> CharSpan:
    """A remark about truth ("whether or not this is true") covers its
    sentence; when the sentence is little more than the remark, it points
    back (with "this"/"that") or forward (otherwise) to a neighbour."""
    sent = doc[start].sent
    rest = [t for t in sent if not (start <= t.i < end) and not t.is_punct and not t.is_space]
    s, e = sent.start, sent.end
    if len(rest) < 3:
        if any(t.lower_ in _ANAPHORS for t in doc[start:end]) or any(t.lower_ in _ANAPHORS for t in rest):
            if s > 0:
                s = doc[s - 1].sent.start
        elif e < len(doc):
            e = doc[e].sent.end
    return char_span(doc, s, e)
