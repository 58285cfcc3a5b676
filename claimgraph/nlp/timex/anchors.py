"""Where the date Matcher needs to look: anchor tokens and the margins around them.

spaCy's Matcher tries every pattern at every token it is given and runs our
IN/REGEX predicates in Python for each one (~25 µs a token here), so cg_timex
hands it only stretches of text around *anchors*. An anchor is a token that
some required position of a pattern can only hold: a unit ("years"), a
season, the last word of a deictic phrase ("these days"), a title-case month
or weekday, or a digit token shaped like a year, a full date or a decade.
Frequent glue words ("one", "last", "from", "may") are not anchors, because
every pattern that holds them also holds one of the above.

The margins are not chosen by hand: `anchors()` reads them off the patterns
(for each pattern, how far its other tokens can reach from its anchor) and
refuses a pattern without an anchor, so every match the Matcher would find
in the whole text lies inside some window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import IS_TITLE, LOWER, SHAPE
from spacy.strings import get_string_id
from spacy.tokens import Doc

from claimgraph.nlp.timex import patterns as tp
from claimgraph.nlp.timex.lexicon import Lexicon

# Digit shapes that anchor (a bare day or month number does not: it always
# stands next to a month name or a year).
ANCHOR_REGEXES = (tp.ISO_RE, tp.SLASH_RE, tp.YEAR_RE, tp.YEAR_PART_RE, tp.DECADE_RE, tp.RANGE_RE)
_BOUNDED = re.compile(r"\{(\d*),(\d+)\}")


@dataclass(frozen=True, slots=True)
class Anchors:
    words: frozenset[str]  # lower-case forms that anchor as they are
    titled: frozenset[str]  # lower-case forms that anchor only in title case (May, Sunday)
    shape: re.Pattern[str]  # digit tokens that anchor
    before: int  # tokens a window reaches left of an anchor
    after: int  # tokens a window reaches right of it, the anchor included
    # string ids of `words` and `titled`, compared with the doc's LOWER array
    _ids: tuple[frozenset[int], frozenset[int]] = field(init=False, repr=False, compare=False)
    # SHAPE id → has the token a digit: spaCy's shape maps every digit, and only digits,
    # to "d" (texts of 100+ characters get "LONG", and no anchor is that long)
    _digit_shapes: dict[int, bool] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ids = (frozenset(map(get_string_id, self.words)), frozenset(map(get_string_id, self.titled)))
        object.__setattr__(self, "_ids", ids)

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """[lo, hi) token ranges around the anchors of `doc`; touching ranges merged.

        Read from the LOWER/IS_TITLE/SHAPE arrays: a Token (and its text) is made
        only for tokens with a digit, the only ones the shape regex can match."""
        out: list[tuple[int, int]] = []
        n = len(doc)
        if not n:
            return out
        (words, titled), shape = self._ids, self.shape
        digits = self._digit_shapes
        strings = doc.vocab.strings
        for i, (low, title, shp) in enumerate(doc.to_array([LOWER, IS_TITLE, SHAPE]).tolist()):
            has_digit = digits.get(shp)
            if has_digit is None:
                has_digit = digits[shp] = "d" in strings[shp]
            if low in words or (title and low in titled) or (has_digit and shape.search(doc[i].text)):
                lo, hi = max(0, i - self.before), min(n, i + self.after)
                if out and lo <= out[-1][1]:
                    out[-1] = (out[-1][0], hi)
                else:
                    out.append((lo, hi))
        return out


def _reps(spec: dict) -> tuple[int, int]:
    """(fewest, most) tokens a pattern position takes."""
    op = spec.get("OP")
    if op is None:
        return 1, 1
    if op == "?":
        return 0, 1
    if m := _BOUNDED.fullmatch(op):
        return int(m.group(1) or 0), int(m.group(2))
    raise ValueError(f"unbounded operator {op!r}: the search windows need patterns of bounded length")


def _anchors_at(spec: dict, words: frozenset[str], titled: frozenset[str], regexes: set[str]) -> bool:
    """Can this position hold only anchor tokens (and must it hold one)?"""
    if _reps(spec)[0] < 1:
        return False
    text = spec.get("TEXT")
    if isinstance(text, dict) and text.get("REGEX") in regexes:
        return True
    low = spec.get("LOWER")
    forms = {low} if isinstance(low, str) else set(low.get("IN", ())) if isinstance(low, dict) else set()
    if not forms:
        return False
    return forms <= words or (forms <= words | titled and spec.get("IS_TITLE") is True)


def _reach(pattern: tp.Pattern, words: frozenset[str], titled: frozenset[str], regexes: set[str]) -> tuple[int, int]:
    """(tokens before, tokens from) the pattern's best anchor position."""
    most = [_reps(spec)[1] for spec in pattern]
    options = [
        (sum(most[:k]) + most[k] - 1, sum(most[k + 1:]) + most[k])
        for k, spec in enumerate(pattern) if _anchors_at(spec, words, titled, regexes)
    ]
    if not options:
        raise ValueError(f"timex pattern without an anchor token: {pattern}")
    return min(options, key=sum)


def anchors(lex: Lexicon) -> Anchors:
    """The anchors of the lexicon's patterns, with margins wide enough for every pattern."""
    words = frozenset(lex.units) | frozenset(lex.seasons) | {"weekend", "quarter"}
    words |= {phrase.split()[-1] for phrase in lex.deictic}
    titled = frozenset(lex.months) | frozenset(lex.weekdays)
    regexes = set(ANCHOR_REGEXES)
    reach = [_reach(p, words, titled, regexes) for pats in tp.patterns(lex).values() for p in pats]
    return Anchors(
        words=frozenset(words), titled=titled, shape=re.compile("|".join(f"(?:{r})" for r in ANCHOR_REGEXES)),
        before=max(b for b, _ in reach), after=max(a for _, a in reach),
    )
