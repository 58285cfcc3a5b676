"""Durations ("two months", "around a decade", "fifty-year") and "N units ago".

A duration is a length of time, not a date: it becomes kind DURATION with a
TIMEX3 value such as "P10Y". "N units ago" is a date, counted back from the
publication date at the precision of the unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span

from claimgraph.nlp.timex.calendar import Anchor, add_months, iso_day, iso_week, ym
from claimgraph.nlp.timex.lexicon import Lexicon, Unit

# Words before "a year" that make it a rate ("twice a year", "$5m a year"):
# a recurring SET, which we do not report.
_RATE_WORDS = frozenset({"once", "twice", "thrice", "times", "per", "every", "each"})
_VAGUE = "X"
# Words "a" combines with as a number ("a few", "a half", "a dozen").
_A_TAKERS = frozenset({"few", "half", "dozen", "hundred", "couple"})


@dataclass(slots=True)
class Resolved:
    """What an interpreter made of a match: TIMEX3 value, precision, kind,
    an optional modifier, and how many leading tokens to drop from the
    extent (a preposition the pattern needed but the timex excludes)."""

    value: str
    precision: str
    kind: str = "DATE"
    modifier: str | None = None
    trim_left: int = 0


def parse_number(words: list[str], lex: Lexicon) -> float | str | None:
    """The number in "two and a half", "a dozen", "30", "several"; "X" when
    vague, None when the words are not a number."""
    if any(w in lex.vague_numbers for w in words):
        return _VAGUE
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word in ("and", "-", "of"):
            total += current
            current = 0.0
            continue
        if word in ("a", "an"):
            current = current or 1.0
            seen = True
            continue
        if word == "half":  # "two and a half", "half a year", "a half"
            current = 0.5 if current in (0.0, 1.0) else current * 0.5
            seen = True
            continue
        if word in ("hundred", "dozen"):
            current = (current or 1.0) * lex.numbers[word]
            seen = True
            continue
        value = lex.numbers.get(word)
        if value is None:
            try:
                value = float(word.replace(",", ""))
            except ValueError:
                return None
        current += value
        seen = True
    total += current
    return total if seen and total > 0 else None


def _fmt(number: float) -> str:
    return str(int(number)) if number == int(number) else f"{number:g}"


def duration_value(number: float | str, unit: Unit) -> str:
    """TIMEX3 duration: decades and centuries become years ("P10Y") when
    counted, and keep their own letter when vague ("PXDE")."""
    if number == _VAGUE:
        return f"PT{_VAGUE}{unit.letter}" if unit.time else f"P{_VAGUE}{unit.letter}"
    assert isinstance(number, float)
    if unit.name == "decade":
        return f"P{_fmt(number * 10)}Y"
    if unit.name == "century":
        return f"P{_fmt(number * 100)}Y"
    return f"PT{_fmt(number)}{unit.letter}" if unit.time else f"P{_fmt(number)}{unit.letter}"


def _split(span: Span, lex: Lexicon, skip: int = 0) -> tuple[list[str], Unit | None, list[str]]:
    """Number words, unit and trailing words of "<number…> <unit> [and a half]"."""
    words = [t.lower_ for t in span][skip:]
    for k in range(len(words) - 1, -1, -1):
        unit = lex.unit_of(words[k])
        if unit is not None:
            return words[:k], unit, words[k + 1:]
    return words, None, []


def resolve_duration(span: Span, label: str, lex: Lexicon) -> Resolved | None:
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.lower_ in _RATE_WORDS or (
            span[0].lower_ in ("a", "an") and (before.like_num or before.ent_type_ in ("MONEY", "PERCENT")))):
        return None
    if label == "DUR_BARE":
        unit = lex.unit_of(span[-1].lower_)
        return Resolved(duration_value(_VAGUE, unit), "duration", "DURATION", trim_left=1) if unit else None
    if label == "DUR_ADJ" and span[-1].lower_ == "long":
        unit = lex.unit_of(span[0].lower_)
        return Resolved(duration_value(_VAGUE, unit), "duration", "DURATION") if unit else None
    skip = 2 if label == "SPAN_DUR" else 0
    words, unit, tail = _split(span, lex, skip)
    if unit is None:
        return None
    if any(w in ("a", "an") and words[i - 1] not in ("and", "-") for i, w in enumerate(words) if i > 0):
        return None  # "15 a year", "two a month": a rate, not a length
    trim = 0
    if label != "SPAN_DUR" and len(words) > 1 and words[0] in ("a", "an") and words[1] not in _A_TAKERS:
        words, trim = words[1:], 1  # "a 12-day war": the article belongs to the noun
    plural = span[len(span) - len(tail) - 1].lower_.endswith("s")
    number = parse_number(words, lex) if words else (_VAGUE if plural else 1.0)
    if number is None:
        return None
    if tail[-1:] == ["half"] and isinstance(number, float):
        number += 0.5
    return Resolved(duration_value(number, unit), "duration", "DURATION", trim_left=trim)


def resolve_ago(span: Span, anchor: Anchor | None, lex: Lexicon) -> Resolved | None:
    """"two years ago" → the publication year minus two, precision year."""
    words, unit, _ = _split(span[:-1], lex)
    if unit is None:
        return None
    number = parse_number(words, lex) if words else _VAGUE
    if number is None:
        return None
    if number == _VAGUE or anchor is None or not isinstance(number, float) or number != int(number):
        return Resolved("PAST_REF", "ref")
    n = int(number)
    if unit.name in ("year", "decade", "century"):
        years = n * {"year": 1, "decade": 10, "century": 100}[unit.name]
        return Resolved(str(anchor.year - years), "year")
    if anchor.month is None:
        return Resolved("PAST_REF", "ref")
    if unit.name in ("month", "quarter"):
        y, m = add_months(anchor.year, anchor.month, -n * (3 if unit.name == "quarter" else 1))
        return Resolved(ym(y, m), "month")
    day = anchor.date()
    if day is None:
        return Resolved("PAST_REF", "ref")
    if unit.name == "week":
        return Resolved(iso_week(day - dt.timedelta(days=7 * n)), "week")
    if unit.name == "day":
        return Resolved(iso_day(day - dt.timedelta(days=n)), "day")
    return Resolved(iso_day(day), "day")  # hours / minutes ago: the same day
