"""Relative offsets between events: "two days after", "a week later", "the next day".

News prose dates one event and places the next ones relative to it: "A
ceasefire was announced on June 24, just two days after the US joined the
war" (the joining is June 22, not June 24); "Iran attacked on 3 May. Two
days later, Israel retaliated" (May 5). The recogniser tags "two days" as a
duration; what makes it an offset is the parse around it:

- "N units later / earlier": the duration is an `npadvmod` of the adverb,
  which modifies the event's verb → event = anchor ± N units;
- "the next / following / previous day": a bare unit noun as `npadvmod` of
  the verb → event = anchor ± 1 unit;
- "N units after / before <clause>": the duration hangs on a clause opened
  by the subordinator → that clause's event = anchor ∓ N units, where the
  anchor is the date of the clause it modifies.

The arithmetic keeps the anchor's precision where it can ("2012-04-18" +
2 days is a day; "XXXX-06-24" − 2 days stays year-less, counted in a
non-leap year; "2012-03" + 1 month is a month) and gives up (None) where an
offset finer than the anchor would invent precision ("2012" + 2 days).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Token

from claimgraph.nlp.timex.calendar import add_months, iso_day, ym
from claimgraph.nlp.timex.lexicon import Lexicon
from claimgraph.nlp.types import TimexMention

_DURATION = re.compile(r"^P(\d+)([DWMY])$")
_DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4}|XXXX)-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")
# Year-less dates are shifted inside this (non-leap) year and printed without it.
_NEUTRAL_YEAR = 2001


@dataclass(frozen=True, slots=True)
class Offset:
    """`count` units (`letter`: D, W, M, Y) forward (`sign` 1) or back (-1).

    `subordinate` marks "N units after <clause>": the offset then places the
    subordinate clause relative to its head, so the sign flips for events in
    that clause."""

    count: int
    letter: str
    sign: int
    text: str
    subordinate: bool = False


def _duration_of(noun: Token, timexes: list[TimexMention], lex: Lexicon) -> tuple[int, str, str] | None:
    """(count, letter, text) of the duration headed by `noun`: from a DURATION
    timex covering it ("two days" → P2D), else a bare unit word ("the
    following month" → 1 month)."""
    for t in timexes:
        if t.kind == "DURATION" and t.start <= noun.i < t.end:
            match = _DURATION.match(t.value)
            return (int(match.group(1)), match.group(2), t.text) if match else None
    unit = lex.unit_of(noun.text)
    if unit is None or unit.time or unit.letter not in "DWMY" or noun.tag_ == "NNS":
        return None
    return 1, unit.letter, noun.text


def clause_offset(verb: Token, timexes: list[TimexMention], lex: Lexicon) -> Offset | None:
    """The offset expression modifying `verb`'s clause, if any."""
    marks = [c for c in verb.children if c.dep_ == "mark" and c.lower_ in lex.offset_words]
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in lex.offset_words:
            noun = next((c for c in child.children if c.dep_ == "npadvmod"), None)
            found = _duration_of(noun, timexes, lex) if noun is not None else None
            if found is not None:
                return Offset(found[0], found[1], lex.offset_words[child.lower_], f"{found[2]} {child.text}")
        if child.dep_ != "npadvmod":
            continue
        found = _duration_of(child, timexes, lex)
        if found is None:
            continue
        later = [c for c in child.children if c.lower_ in lex.offset_words and c.dep_ in ("advmod", "amod")]
        if later:
            return Offset(found[0], found[1], lex.offset_words[later[0].lower_], f"{found[2]} {later[0].text}")
        steps = [c for c in child.children if c.dep_ == "amod" and c.lower_ in lex.offset_words]
        if steps and found[0] == 1:
            return Offset(1, found[1], lex.offset_words[steps[0].lower_], found[2])
        if marks:
            sign = lex.offset_words[marks[0].lower_]
            return Offset(found[0], found[1], sign, f"{found[2]} {marks[0].text}", subordinate=True)
    return None


def _shift_day(year: int | None, month: int, day: int, count: int, letter: str) -> tuple[str, str] | None:
    try:
        base = dt.date(year or _NEUTRAL_YEAR, month, day)
    except ValueError:
        return None
    if letter in "DW":
        moved = base + dt.timedelta(days=count * (7 if letter == "W" else 1))
        if year is None:
            return f"XXXX-{moved.month:02d}-{moved.day:02d}", "month-day"
        return iso_day(moved), "day"
    if letter == "M":
        y, m = add_months(base.year, base.month, count)
        return (ym(y, m), "month") if year is not None else (f"XXXX-{m:02d}", "month")
    return (str(year + count), "year") if year is not None else None


def shift(anchor: TimexMention, offset: Offset, sign: int) -> tuple[str, str] | None:
    """(value, precision) of `anchor` moved by `offset` in direction `sign`;
    None when the anchor is too coarse for the offset or not a plain date."""
    count = offset.count * sign
    value = anchor.value
    if match := _DAY.match(value):
        year = None if match.group(1) == "XXXX" else int(match.group(1))
        return _shift_day(year, int(match.group(2)), int(match.group(3)), count, offset.letter)
    if match := _MONTH.match(value):
        if offset.letter not in "MY":
            return None
        months = count * (12 if offset.letter == "Y" else 1)
        if match.group(1) == "XXXX":
            return f"XXXX-{(int(match.group(2)) - 1 + months) % 12 + 1:02d}", "month"
        y, m = add_months(int(match.group(1)), int(match.group(2)), months)
        return ym(y, m), "month"
    if _YEAR.match(value) and offset.letter == "Y":
        return str(int(value) + count), "year"
    return None


def shifted(anchor: TimexMention, offset: Offset, sign: int) -> TimexMention | None:
    """A TimexMention for the shifted date; its text says how it was reached
    ("two days before June 24"), and the events coder keeps that text as the
    event's date source."""
    moved = shift(anchor, offset, sign)
    if moved is None:
        return None
    words = offset.text if not offset.subordinate else _flip_text(offset.text)
    return TimexMention(anchor.start, anchor.end, anchor.start_char, anchor.end_char,
                        f"{words} {anchor.text}".strip() if offset.subordinate else f"{words} (from {anchor.text})",
                        moved[0], moved[1])


def _flip_text(text: str) -> str:
    """"two days after" read from the other side: the subordinate event is
    two days *before* the anchor."""
    head, _, word = text.rpartition(" ")
    return f"{head} {'before' if word.lower() == 'after' else 'after'}"
