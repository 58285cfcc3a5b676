"""Small span helpers shared by the attribution and modality components.

Both components describe stretches of text by character offsets (so they
survive storage) but compute them from dependency subtrees; the helpers
here do that conversion once, with the trimming rules (edge punctuation,
relative clauses) in a single place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from claimgraph.nlp.types import CharSpan

# Punctuation that is never part of a span's edge (quotes included: the
# content of "X said: “…”" is the words, not the quote marks).
_EDGE = {",", ";", ":", ".", "—", "–", "-", "--", "―", "(", ")", "“", "”", '"', "‘", "’", "'", "``", "''"}


def char_span(doc: Doc, start: int, end: int) -> CharSpan:
    """Tokens [start, end) as a CharSpan, with edge punctuation trimmed."""
    while start < end and doc[start].text in _EDGE:
        start += 1
    while end > start and doc[end - 1].text in _EDGE:
        end -= 1
    if start >= end:
        at = doc[start].idx if start < len(doc) else len(doc.text)
        return CharSpan(at, at, "")
    s = doc[start].idx
    e = doc[end - 1].idx + len(doc[end - 1].text)
    # the span's own text, not doc.text[s:e]: Doc.text rebuilds the whole
    # document's string on every access, which made each call O(doc length)
    return CharSpan(s, e, doc[start:end].text)


def subtree_range(tok: Token, skip_deps: Iterable[str] = ()) -> tuple[int, int]:
    """Token range [start, end) of `tok`'s subtree, leaving out children whose
    dependency is in `skip_deps` when they hang off the right edge (relative
    clauses after a source name, for instance)."""
    skip = set(skip_deps)
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    if skip:
        for child in tok.rights:
            if child.dep_ in skip:
                end = min(end, child.left_edge.i)
        end = max(end, tok.i + 1)
    return start, end


def token_range_span(doc: Doc, rng: tuple[int, int]) -> CharSpan:
    return char_span(doc, rng[0], rng[1])


def minus(outer: tuple[int, int], inner: tuple[int, int]) -> tuple[int, int]:
    """`outer` without `inner` when `inner` sits at one of its ends; the
    larger remaining side when it sits in the middle (a CharSpan is one
    contiguous range, so the smaller side is dropped)."""
    (a, b), (c, d) = outer, inner
    if d <= a or c >= b:
        return outer
    left, right = (a, max(a, c)), (min(b, d), b)
    left_len, right_len = left[1] - left[0], right[1] - right[0]
    if left_len <= 0:
        return right
    if right_len <= 0:
        return left
    return left if left_len >= right_len else right


def sentence_of(doc: Doc, i: int) -> Span:
    return doc[i].sent


def covers(span: CharSpan, start: int, end: int) -> bool:
    """Whether [start, end) lies inside `span`."""
    return span.start_char <= start and end <= span.end_char and span.end_char > span.start_char


OPEN_QUOTES = ("“", '"', "``", "‘")
CLOSE_QUOTES = ("”", '"', "''", "’")
QUOTE_WINDOW = 3000  # characters searched for a quotation's other end
_DASHES = ("―", "—", "–", "--")
_MAX_LABEL = 4  # tokens in a speaker label ("Pat Caddell:", "WALLACE:")


def quote_before(doc: Doc, j: int) -> tuple[int, int] | None:
    """Tokens inside the quotation that closes at token j, if any; the search
    back for the opening mark is bounded by QUOTE_WINDOW characters."""
    if j < 0 or doc[j].text not in CLOSE_QUOTES:
        return None
    return _opened_before(doc, j)


def _opened_before(doc: Doc, j: int) -> tuple[int, int] | None:
    """Tokens (k, j) after the opening mark of a quotation that closes at j.

    The search stops at a line break: a quotation that runs over several
    paragraphs reopens each one with a mark, so the last one's own opening
    is on its line. A line that starts with a closing-shaped mark ("”Fear.")
    opened with it, a common typing slip; going past it would swallow the
    lines before, with their own speakers."""
    k = j - 1
    limit = doc[j].idx - QUOTE_WINDOW
    while k >= 0 and doc[k].idx >= limit and doc[k].text not in OPEN_QUOTES:
        if "\n" in doc[k].text or "\n" in doc[k].whitespace_:
            first = k + 1
            while first < j and doc[first].is_space:
                first += 1
            if first < j and doc[first].text in CLOSE_QUOTES and first + 1 < j:
                return (first + 1, j)
            return None
        k -= 1
    if k >= 0 and doc[k].text in OPEN_QUOTES and k + 1 < j:
        return (k + 1, j)
    return None


def quote_after(doc: Doc, j: int) -> tuple[int, int] | None:
    """Tokens inside the quotation that opens at token j, if any (bounded)."""
    if j >= len(doc) or doc[j].text not in OPEN_QUOTES:
        return None
    k = j + 1
    limit = doc[j].idx + QUOTE_WINDOW
    while k < len(doc) and doc[k].idx <= limit and doc[k].text not in CLOSE_QUOTES:
        k += 1
    if k < len(doc) and k > j + 1:
        return (j + 1, k)
    return None


def _name_like(tok: Token) -> bool:
    """A capitalised word or an initial ("Edwin G. Monroy", "WALLACE")."""
    word = tok.text[:-1] if tok.text.endswith(".") and len(tok.text) <= 3 else tok.text
    return word.isalpha() and word[0].isupper() and (tok.is_title or tok.is_upper or len(word) == 1)


def _line_start(doc: Doc, i: int) -> int:
    """First token of the line holding token i (lines end at newlines)."""
    j = i
    while j > 0 and "\n" not in doc[j - 1].text and "\n" not in doc[j - 1].whitespace_:
        j -= 1
    return j


def speaker_label(doc: Doc, i: int, rubrics: frozenset[str] = frozenset()) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """'Name: words' at the start of a line (headlines, transcripts): the
    colon at token i is the cue; returns (source range, content range)."""
    if doc[i].text != ":" or i == 0:
        return None
    start = _line_start(doc, i)
    while start < i and doc[start].text in OPEN_QUOTES:
        start += 1
    label = doc[start:i]
    if len(label) and label[0].lower_ in rubrics:  # "Correction: …", "Source: …"
        return None
    end = i + 1
    while end < len(doc) and "\n" not in doc[end].text and "\n" not in doc[end - 1].whitespace_:
        end += 1
    if end <= i + 1 or doc[i].whitespace_ == "":
        return None
    if 0 < len(label) <= _MAX_LABEL and all(_name_like(t) for t in label) \
            and label[0].lower_ not in ("the", "a", "an"):  # "The Latest: …" is a rubric, not a speaker
        return (start, i), (i + 1, end)
    # a headline "Warren Hammers Wells Fargo CEO: ‘You Should Be Investigated’":
    # the rest of the line is one quotation, credited to the names before it
    # ("He says: “…”" is the verb's quotation, found with the verb)
    if len(label) <= 2 * _MAX_LABEL and doc[i - 1].pos_ not in ("VERB", "AUX") and _one_quotation(doc, i + 1, end):
        run = _longest_name_run(doc, start, i)
        if run is not None:
            return run, (i + 1, end)
    return None


_HEAD_QUOTES = ("\u2018", "'", "\u201c", '"', "``", "''")
_TAIL_QUOTES = ("\u2019", "'", "\u201d", '"', "''")


def _one_quotation(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) are one quotation (trailing stops allowed)."""
    while end > start and doc[end - 1].text in (".", "!", "?"):
        end -= 1
    return end - start >= 3 and doc[start].text in _HEAD_QUOTES and doc[end - 1].text in _TAIL_QUOTES


def _longest_name_run(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The longest run of capitalised words in [start, end), the first on ties."""
    best: tuple[int, int] | None = None
    k = start
    while k < end:
        if _name_like(doc[k]) and doc[k].lower_ not in ("the", "a", "an"):
            j = k
            while j < end and _name_like(doc[j]):
                j += 1
            if best is None or j - k > best[1] - best[0]:
                best = (k, j)
            k = j
        else:
            k += 1
    return best


def dash_speaker(doc: Doc, i: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """'“…” ― Name' (vox pops, epigraphs): returns (source range, content range).
    The tokenizer glues a closing mark and a dash with no space between
    ("…him.”― Carla Sanchez") into one token, which is then both."""
    text = doc[i].text
    if text[:1] in CLOSE_QUOTES and text[1:] in _DASHES:
        content = _opened_before(doc, i)
    elif text in _DASHES:
        j = i - 1
        while j >= 0 and doc[j].is_space:
            j -= 1
        content = quote_before(doc, j)
    else:
        return None
    if content is None:
        return None
    start = i + 1
    while start < len(doc) and doc[start].is_space:
        start += 1
    end = start
    while end < len(doc) and end - start < _MAX_LABEL and _name_like(doc[end]):
        end += 1
    if end == start:
        return None
    return (start, end), content


_QUOTE_MARKS = re.compile("''|``|[\n\u201c\u201d\"]")


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, paired within one line
    (“ opens, ” closes, a straight double quote toggles; newspaper archives
    write them as ''…'' or ``…''); a mark still open at a line's end quotes
    the rest of that line, as a quotation running on into the next
    paragraph is left open there. Scans the marks only (a regex), not every
    character: it runs on whole articles."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _QUOTE_MARKS.finditer(text):
        mark = m.group()
        if mark == "\n":
            if open_at is not None and m.start() - open_at > 1:
                out.append((open_at, m.start()))
            open_at = None
        elif mark in ("\u201c", "``") or (mark in ('"', "''") and open_at is None):
            open_at = m.end()
        elif open_at is not None:
            if m.start() > open_at:
                out.append((open_at, m.start()))
            open_at = None
    return out


def inside_quote(regions: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    for a, b in regions:
        if a <= start and end <= b:
            return (a, b)
    return None
