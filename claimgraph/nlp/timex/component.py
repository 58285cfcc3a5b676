"""The dates component, `cg_timex`: every time expression, normalised.

Reads `doc._.cg_published` (the publication date, or None) and writes
`doc._.cg_timexes`, a list of TimexMention in text order with TIMEX3-style
values ("2011", "2023-03-29", "XXXX-06-13", "2014/2017", "PAST_REF",
"P10Y"). Relative expressions are resolved against the publication date
only; with none they stay relative, because a date computed from the day
the program happens to run would be a fabricated fact.

Recognition is our own Matcher patterns (timex_patterns.py), longest match
first; interpretation is timex_resolve.py; the event-date helper for the
events coder is `clause_date` (timex_discourse.py, re-exported here).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from claimgraph.nlp.timex.anchors import Anchors, anchors
from claimgraph.nlp.timex.calendar import Anchor
from claimgraph.nlp.timex.clause import clause_tense
from claimgraph.nlp.timex.discourse import clause_date
from claimgraph.nlp.timex.duration import Resolved
from claimgraph.nlp.timex.lexicon import Lexicon, lexicon
from claimgraph.nlp.timex.patterns import PRIORITY, build_matcher
from claimgraph.nlp.timex.resolve import Context, resolve
from claimgraph.nlp.types import TimexMention, ensure_extensions, ext, get_list

__all__ = ["TimexComponent", "clause_date", "find_timexes"]

# Shapes that can take "early / mid / late" or "the end of" in front.
_PART_TAKERS = frozenset({"M", "MY", "YEAR", "DECADE", "REL_UNIT", "M_OF_REL", "REL_M", "SEASON", "QUARTER"})
_DURATIONS = frozenset({"DURATION", "DUR_ADJ", "SPAN_DUR"})
_PART_OF_NOUNS = frozenset({"beginning", "start", "end", "middle"})
_APPROX_MODS = {"over": "more_than", "under": "less_than"}


class TimexComponent:
    """spaCy component; holds the compiled Matcher for its pipeline."""

    def __init__(self, nlp: Language, name: str = "cg_timex") -> None:
        ensure_extensions()
        self.name = name
        self.lex = lexicon()
        self.matcher = build_matcher(nlp.vocab, self.lex)
        self.anchors = anchors(self.lex)

    def __call__(self, doc: Doc) -> Doc:
        anchor = Anchor.from_value(ext(doc, "cg_published"))
        found = find_timexes(doc, anchor, self.lex, self.matcher, self.anchors)
        mentions = get_list(doc, "cg_timexes")
        mentions.extend(found)
        return doc


@Language.factory("cg_timex", requires=["token.dep", "token.tag"], assigns=["doc._.cg_timexes"])
def make_timex(nlp: Language, name: str) -> TimexComponent:
    return TimexComponent(nlp, name)


def find_timexes(doc: Doc, anchor: Anchor | None, lex: Lexicon, matcher: Matcher,
                 anchors: Anchors | None = None) -> list[TimexMention]:
    """All time expressions of `doc`, longest match first, no overlaps.

    With `anchors`, the Matcher sees only the windows around anchor tokens
    (timex_anchors.py): the same matches, for a sixth of the text."""
    strings = doc.vocab.strings
    windows = anchors.windows(doc) if anchors is not None else [(0, len(doc))]
    matches = [(strings[mid], lo + start, lo + end) for lo, hi in windows for mid, start, end in matcher(doc[lo:hi])]
    matches.sort(key=lambda m: (m[1] - m[2], PRIORITY[m[0]], m[1]))
    ctx = Context(anchor, lex, lambda span: clause_tense(span, lex))
    taken = bytearray(len(doc))
    accepted: list[tuple[int, int, str, Resolved]] = []
    for label, start, end in matches:
        if any(taken[start:end]):
            continue
        resolved = resolve(label, doc[start:end], ctx)
        if resolved is None:
            continue
        start += resolved.trim_left
        taken[start:end] = b"\x01" * (end - start)
        accepted.append((start, end, label, resolved))
    accepted.sort()
    mentions = []
    for start, end, label, resolved in accepted:
        start = _extend_left(doc, start, label, resolved, lex, taken)
        _boundary_modifier(doc, start, resolved, lex)
        span = doc[start:end]
        mentions.append(TimexMention(
            start=start, end=end, start_char=span.start_char, end_char=span.end_char, text=span.text,
            value=resolved.value, precision=resolved.precision, kind=resolved.kind, modifier=resolved.modifier,
        ))
    _weekday_then_date(doc, mentions, lex)
    return mentions


def _weekday_then_date(doc: Doc, mentions: list[TimexMention], lex: Lexicon) -> None:
    """"on Friday, March 6, 2020": the weekday and the date name one day, and the explicit date wins.

    A weekday alone is resolved against the publication date (the nearest
    Friday), which is wrong whenever the story is not about this week; the
    full date written beside it says which Friday is meant. Both mentions
    keep their extents (the parse attaches the event to either); the
    weekday takes the date's value."""
    text = doc.text
    for a, b in zip(mentions, mentions[1:], strict=False):
        if a.kind != "DATE" or b.kind != "DATE" or b.precision != "day" or len(b.value) != 10:
            continue
        if a.text.lower().rstrip(".") not in lex.weekdays:
            continue
        if text[a.end_char:b.start_char].strip() not in (",", ""):
            continue
        a.value, a.precision = b.value, b.precision


def _extend_left(doc: Doc, start: int, label: str, resolved: Resolved, lex: Lexicon, taken: bytearray) -> int:
    """Grow the extent over words that belong to the expression: "late" in
    "late March", "the end of" in "the end of 2019", "around" in "around a
    decade". Records what they mean in `resolved.modifier`."""

    def word(i: int) -> str:
        return doc[i].lower_ if 0 <= i < len(doc) and not taken[i] else ""

    if label in _PART_TAKERS:
        i = start - 1
        if word(i) == "-" and word(i - 1) in lex.parts:
            i -= 1
        if word(i) in lex.parts and word(i) not in _PART_OF_NOUNS:
            resolved.modifier = resolved.modifier or lex.parts[word(i)]
            start = i
            if word(i - 1) == "the":
                start = i - 1
        elif word(i) == "of" and word(i - 1) in _PART_OF_NOUNS and word(i - 2) == "the":
            resolved.modifier = resolved.modifier or lex.parts[word(i - 1)]
            start = i - 2
        elif word(i) == "the" and label == "DECADE":
            start = i  # "the 1990s" is one expression
    elif label in _DURATIONS and word(start - 1) in lex.approx_words:
        resolved.modifier = _APPROX_MODS.get(word(start - 1), "approx")
        start -= 1
    return start


def _boundary_modifier(doc: Doc, start: int, resolved: Resolved, lex: Lexicon) -> None:
    """"since 2005", "until March", "by 2030", "prior to 2011": a boundary
    word before the expression outranks "early/late" as the modifier."""
    if start == 0 or resolved.modifier == "between":
        return
    before = doc[start - 1].lower_
    if before == "to" and start >= 2 and doc[start - 2].lower_ == "prior":
        before = "prior"
    if before == "from" and resolved.kind == "DATE":
        resolved.modifier = "since"
    elif before in lex.modifiers and before not in ("around", "about") or (
            before in ("around", "about", "circa", "approximately") and resolved.kind == "DATE"):
        resolved.modifier = lex.modifiers[before]


def timexes_in(span: Span) -> list[TimexMention]:
    """The timexes inside a span (a sentence, a clause)."""
    return [t for t in (ext(span.doc, "cg_timexes") or []) if span.start <= t.start and t.end <= span.end]
