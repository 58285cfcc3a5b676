"""Paragraphs and headline lists as sentence structure ("cg_structure", before the parser).

Why: news text reaches us as paragraphs, and the statistical parser happily
runs a caption, a dateline or a headline into the next paragraph's first
sentence when no full stop separates them. A merged "sentence" cross-wires
actors (the caption's country becomes the attacker in the body's clause),
so layout is decided here, before parsing, where spaCy's parser respects
boundaries already set:

* a blank line (a paragraph break) always starts a sentence;
* a single line break is left to the parser: plain-text articles are often
  hard-wrapped mid-sentence ("rooted in\nNagorno-Karabakh");
* a **headline list** — two or more consecutive short lines, none ending
  in sentence punctuation, most of whose words are capitalised ("Related
  Coverage" blocks, "More on this story", sidebars) — is page furniture,
  not the article's reporting: each line is its own sentence and its token
  range goes into `doc._.cg_furniture`, which the event coder skips. A lone
  title line (the headline on top of the text) is not a list and is kept.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_END_PUNCT = frozenset('.!?:;…"\'”’)')
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "of",
                          "on", "or", "over", "the", "to", "up", "vs", "vs.", "with", "after", "amid"})
MAX_HEADLINE_TOKENS = 25  # a longer line is prose, whatever its capitals
MIN_LIST_LINES = 2


def _lines(doc: Doc) -> list[tuple[int, int, bool]]:
    """(start, end, ends_paragraph) token ranges of the text's lines, whitespace tokens excluded."""
    out: list[tuple[int, int, bool]] = []
    start: int | None = None
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            if start is not None:
                out.append((start, tok.i, tok.text.count("\n") >= 2))
                start = None
            elif out and tok.text.count("\n") >= 2:
                out[-1] = (out[-1][0], out[-1][1], True)
            continue
        if start is None and not tok.is_space:
            start = tok.i
        if "\n" in tok.whitespace_ and start is not None:  # "\n" kept as trailing whitespace
            out.append((start, tok.i + 1, tok.whitespace_.count("\n") >= 2))
            start = None
    if start is not None:
        out.append((start, len(doc), True))
    return out


def _ends_open(doc: Doc, end: int) -> bool:
    """Does the line stop without sentence punctuation?"""
    last = doc[end - 1]
    return not last.text or last.text[-1] not in _END_PUNCT


def is_headline_line(doc: Doc, start: int, end: int) -> bool:
    """A short line without final punctuation whose content words are mostly capitalised."""
    if end - start > MAX_HEADLINE_TOKENS or not _ends_open(doc, end):
        return False
    words = [t.text for t in doc[start:end] if t.is_alpha]
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(content) < 2:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised >= 0.75 * len(content)


def mark_structure(doc: Doc) -> list[tuple[int, int]]:
    """Set sentence starts from the layout; return the headline-list lines' token ranges."""
    lines = _lines(doc)
    furniture: list[tuple[int, int]] = []
    for n in range(1, len(lines)):
        if lines[n - 1][2]:
            doc[lines[n][0]].is_sent_start = True
    run: list[tuple[int, int]] = []
    for n, (start, end, _) in enumerate([*lines, (len(doc), len(doc), True)]):
        if 0 < n < len(lines) and is_headline_line(doc, start, end):
            run.append((start, end))
            continue
        if len(run) >= MIN_LIST_LINES:
            furniture.extend(run)
            for s, _e in run:
                doc[s].is_sent_start = True
        run = []
    return furniture


def in_furniture(doc: Doc, token_i: int) -> bool:
    """Is token `token_i` inside a headline-list line?"""
    return any(s <= token_i < e for s, e in doc._.cg_furniture or [])


class StructureMarker:
    """The pipeline component: sentence starts from the layout, and `doc._.cg_furniture`."""

    def __init__(self, nlp: Language, name: str = "cg_structure") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.cg_furniture = mark_structure(doc)
        return doc


@Language.factory("cg_structure")
def make_structure_marker(nlp: Language, name: str) -> StructureMarker:
    return StructureMarker(nlp, name)
