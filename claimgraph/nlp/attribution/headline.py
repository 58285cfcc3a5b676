"""Headline attributions: "Sanders Vows To …", "House panel votes to …".

A news headline credits its actor with a stance in the present tense
("Obama Sees 'Personal Insult' …", "E.U. leaders weigh plans …"), and
annotators treat that verb as the attribution cue. The small model often
mis-tags a title-case headline verb as a noun ("Sanders/NNP Vows/NNS",
"Federal court rules/NNS against"), so the lexicon-driven verb rule in
attribution.py misses it. This rule looks only at a document's first line,
when no other cue was found there: a run of nouns opening the line (or a
clause after ", ; :") followed by a present-tense verb, or by a word the
lemmatizer knows as a verb whose number agrees with the run ("Lawmakers
Rip", "Clinton Breaks"), is an attribution with the run as its source and
the rest of the line as its content.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.nlp.attribution.spans import char_span
from claimgraph.nlp.types import AttributionMention

_MAX_LINE = 30  # tokens: a longer first line is body text, not a headline
_MAX_RUN = 5  # tokens in the subject run ("Elizabeth Warren", "Federal court")
_NOT_STANCE = frozenset({"be", "have", "do", "get", "become", "seem", "make"})
_RUN_POS = ("PROPN", "NOUN", "NUM", "ADJ")
_CLAUSE_OPEN = (",", ";", ":", "\u2014", "\u2013")


def headline_attributions(doc: Doc, found: list[AttributionMention],
                          verbs: frozenset[str]) -> list[AttributionMention]:
    """At most one attribution for the first line of `doc` (see module doc).
    `verbs` is the lemmatizer's list of verb base forms."""
    end = _first_line_end(doc)
    if end == 0 or end > _MAX_LINE:
        return []
    line_end_char = doc[end - 1].idx + len(doc[end - 1].text)
    if any(a.cue.start_char < line_end_char for a in found):
        return []
    for j in range(1, end - 1):
        run = _subject_run(doc, j)
        if run is None:
            continue
        if not _stance_verb(doc[j], doc[j - 1], verbs):
            continue
        content = char_span(doc, j + 1, end)
        if content.end_char <= content.start_char:
            return []
        return [AttributionMention(cue=char_span(doc, j, j + 1), content=content,
                                   source=char_span(doc, run, j), kind="verb",
                                   cue_lemma=doc[j].lemma_.lower())]
    return []


def _first_line_end(doc: Doc) -> int:
    """Index just past the first line's last word (lines end at newlines)."""
    for t in doc:
        if "\n" in t.text:
            return t.i
        if "\n" in t.whitespace_:
            return t.i + 1
        if t.i >= _MAX_LINE:
            return t.i + 1
    return len(doc)


def _subject_run(doc: Doc, j: int) -> int | None:
    """Start of a run of plain words (nouns, names, numbers, adjectives)
    ending just before token j and opening the line or a clause; the run
    must end in a noun or name."""
    if doc[j - 1].pos_ not in ("PROPN", "NOUN"):
        return None
    k = j - 1
    while k > 0 and j - k < _MAX_RUN and doc[k - 1].pos_ in _RUN_POS and doc[k - 1].text[0].isalnum():
        k -= 1
    if not all(t.text[0].isalnum() for t in doc[k:j]):
        return None
    opens = k == 0 or doc[k - 1].text in _CLAUSE_OPEN
    return k if opens else None


def _stance_verb(tok: Token, subj: Token, verbs: frozenset[str]) -> bool:
    """A present-tense verb, tagged as such or mis-tagged as a noun, whose
    ending agrees with the subject ("Obama Seeks", "Parents Rally")."""
    if not tok.text.isalpha():
        return False
    if tok.tag_ in ("VBZ", "VBP"):
        return tok.lemma_.lower() not in _NOT_STANCE and tok.dep_ not in ("aux", "auxpass")
    if tok.tag_ not in ("NN", "NNS", "NNP", "NNPS"):
        return False
    low = tok.lower_
    singular = low[:-2] if low.endswith("es") and low[:-2] in verbs else low[:-1] if low.endswith("s") else ""
    if subj.tag_ in ("NNS", "NNPS"):
        forms = [low] if not low.endswith("s") else []
    elif subj.tag_ == "NNP" and subj.lower_.endswith("s"):
        # a title-case plural is tagged NNP ("Lawmakers Rip"), a name may end
        # in s ("Sanders Vows"): either agreement will do
        forms = [low, singular]
    else:
        forms = [singular]
    return any(f and f in verbs and f not in _NOT_STANCE for f in forms)
