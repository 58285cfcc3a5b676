"""Turn one matched date expression into a TIMEX3 value and a precision.

One interpreter per pattern label (timex_patterns.py). Precision is decided
here from the shape of the words, never by a date library: "2011" is a year
and stays "2011" (dateparser would fill in month and day from its base
date). With no publication date, expressions that need one stay relative
(PAST_REF / PRESENT_REF / FUTURE_REF) and year-less dates get "XXXX".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span

from claimgraph.nlp.timex_calendar import (
    Anchor,
    add_months,
    add_quarters,
    century_year,
    iso_day,
    iso_week,
    quarter_of,
    valid_day,
    weekday_date,
    year_for_month_day,
    ym,
    ymd,
)
from claimgraph.nlp.timex_duration import Resolved, resolve_ago, resolve_duration
from claimgraph.nlp.timex_lexicon import Lexicon

_NOT_A_YEAR_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
_NOT_A_MONTH_ENTS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "NORP"})
_DATE_PREPS = frozenset({"in", "since", "until", "by", "from", "of", "during", "before", "after", "through",
                         "till", "between", "early", "late", "mid", "circa", "around", "year"})
_CURRENCY = frozenset({"$", "€", "£", "¥", "US$", "#", "No.", "no."})
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(slots=True)
class Context:
    """What every interpreter may consult: the anchor, the words, and a lazy
    guess of the clause's tense (only some shapes need it)."""

    anchor: Anchor | None
    lex: Lexicon
    tense: Callable[[Span], str | None]


def _ref(step: int) -> Resolved:
    return Resolved("PAST_REF" if step < 0 else "FUTURE_REF" if step > 0 else "PRESENT_REF", "ref")


def _day_num(text: str) -> int:
    return int(text.rstrip("stndrhSTNDRH"))


def _month(span: Span, lex: Lexicon) -> int:
    return next(lex.months[t.lower_] for t in span if t.lower_ in lex.months)


def _years(span: Span) -> list[int]:
    return [int(t.text) for t in span if len(t.text) == 4 and t.text.isdigit()]


def _month_day(span: Span, ctx: Context) -> Resolved | None:
    month = _month(span, ctx.lex)
    day = next(_day_num(t.text) for t in span if t.text[:1].isdigit())
    years = _years(span)
    if years:
        return Resolved(ymd(years[-1], month, day), "day") if valid_day(years[-1], month, day) else None
    if not valid_day(2000, month, day):  # 2000 is a leap year: 29 February is fine
        return None
    if ctx.anchor is None:
        return Resolved(f"XXXX-{month:02d}-{day:02d}", "month-day")
    year = year_for_month_day(ctx.anchor, month, day, ctx.tense(span))
    if not valid_day(year, month, day):
        return None
    return Resolved(ymd(year, month, day), "day")


def _month_only(span: Span, ctx: Context) -> Resolved | None:
    token = span[0]
    if token.ent_type_ in _NOT_A_MONTH_ENTS:
        return None
    month = _month(span, ctx.lex)
    if ctx.anchor is None:
        return Resolved(f"XXXX-{month:02d}", "month")
    return Resolved(ym(year_for_month_day(ctx.anchor, month, None, ctx.tense(span)), month), "month")


def _month_year(span: Span, ctx: Context) -> Resolved | None:
    return Resolved(ym(_years(span)[-1], _month(span, ctx.lex)), "month")


def _month_of_rel(span: Span, ctx: Context) -> Resolved | None:
    month = _month(span, ctx.lex)
    if ctx.anchor is None:
        return Resolved(f"XXXX-{month:02d}", "month")
    step = next(ctx.lex.steps[t.lower_] for t in span if t.lower_ in ctx.lex.steps)
    return Resolved(ym(ctx.anchor.year + step, month), "month")


def _rel_month(span: Span, ctx: Context) -> Resolved | None:
    """"last January": the most recent January before the publication month."""
    month = _month(span, ctx.lex)
    step = ctx.lex.steps[span[0].lower_]
    anchor = ctx.anchor
    if anchor is None:
        return Resolved(f"XXXX-{month:02d}", "month")
    year = anchor.year
    if anchor.month is not None:
        if step < 0 and month >= anchor.month:
            year -= 1
        elif step > 0 and month <= anchor.month:
            year += 1
    return Resolved(ym(year, month), "month")


def _year(span: Span, ctx: Context) -> Resolved | None:
    """A four-digit number that is a year, not a count ("2,000 troops")."""
    token = span[0]
    doc = token.doc
    year = int(token.text)
    prev = doc[token.i - 1] if token.i > 0 else None
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    date_word_before = prev is not None and (prev.lower_ in _DATE_PREPS or prev.lower_ in ctx.lex.months)
    if prev is not None and prev.text in _CURRENCY:
        return None
    if nxt is not None and (nxt.text == "%" or nxt.lower_ in ("percent", "per", "km", "kilometres", "miles")):
        return None
    if date_word_before:
        return Resolved(str(year), "year")
    # "2000 troops" counts troops; "the 2011 elections" are that year's.
    if token.dep_ == "nummod" and token.head.tag_ in ("NNS", "NNPS") and (
            prev is None or prev.tag_ not in ("DT", "PRP$", "POS")):
        return None
    if token.ent_type_ == "DATE":
        return Resolved(str(year), "year")
    if token.ent_type_ in _NOT_A_YEAR_ENTS or year < 1800:
        return None
    if ctx.anchor is not None and year > ctx.anchor.year + 30:
        return None
    return Resolved(str(year), "year")


def _year_part(span: Span, ctx: Context) -> Resolved | None:
    part, _, year = span[0].text.partition("-")
    return Resolved(year, "year", modifier=ctx.lex.parts.get(part.lower()))


def _decade(span: Span, ctx: Context) -> Resolved | None:
    digits = span[-1].text.lstrip("'")[:-1]  # "1990s" → "1990", "90s" → "90"
    year = int(digits) if len(digits) == 4 else century_year(int(digits), ctx.anchor)
    return Resolved(str(year // 10), "decade")


def _range(span: Span, ctx: Context) -> Resolved | None:
    text = " ".join(t.text for t in span)
    numbers = [int(n) for n in "".join(c if c.isdigit() else " " for c in text).split()]
    if len(numbers) != 2:
        return None
    first, second = numbers
    if second < 100:
        second = first - first % 100 + second
    if not first < second <= first + 100:
        return None
    return Resolved(f"{first}/{second}", "range", modifier="between")


def _quarter(span: Span, ctx: Context) -> Resolved | None:
    quarter = next((_QUARTERS[t.lower_] for t in span if t.lower_ in _QUARTERS), None)
    if quarter is None:
        quarter = int(span[0].text[1])
    years = _years(span)
    if years:
        return Resolved(f"{years[-1]}-Q{quarter}", "quarter")
    if ctx.anchor is None:
        return Resolved(f"XXXX-Q{quarter}", "quarter")
    year = year_for_month_day(ctx.anchor, quarter * 3 - 2, None, ctx.tense(span))
    return Resolved(f"{year}-Q{quarter}", "quarter")


def _season(span: Span, ctx: Context) -> Resolved | None:
    code = next(ctx.lex.seasons[t.lower_] for t in span if t.lower_ in ctx.lex.seasons)
    years = _years(span)
    if years:
        return Resolved(f"{years[-1]}-{code}", "season")
    anchor = ctx.anchor
    step = ctx.lex.steps.get(span[0].lower_, 0)
    if anchor is None or anchor.month is None:
        return _ref(step) if anchor is None else Resolved(f"{anchor.year + step}-{code}", "season")
    first, last = _SEASON_MONTHS[code]
    year = anchor.year
    if step < 0 and anchor.month <= last:
        year -= 1
    elif step > 0 and anchor.month >= first:
        year += 1
    return Resolved(f"{year}-{code}", "season")


def _rel_unit(span: Span, ctx: Context) -> Resolved | None:
    """"last year", "this month", "next week", "this weekend"."""
    return _unit_value(span[-1].lower_, ctx.lex.steps[span[-2].lower_], ctx)


def _part_the(span: Span, ctx: Context) -> Resolved | None:
    """"the beginning of the year": the publication year, early part."""
    resolved = _unit_value(span[-1].lower_, 0, ctx)
    if resolved is not None and resolved.precision != "ref":
        resolved.modifier = ctx.lex.parts.get(span[1].lower_)
    return resolved


def _unit_value(word: str, step: int, ctx: Context) -> Resolved | None:
    anchor = ctx.anchor
    if anchor is None:
        return _ref(step)
    unit = "weekend" if word == "weekend" else ctx.lex.units[word].name
    if unit == "year":
        return Resolved(str(anchor.year + step), "year")
    if unit == "decade":
        return Resolved(str(anchor.year // 10 + step), "decade")
    if anchor.month is None:
        return _ref(step)
    if unit == "month":
        return Resolved(ym(*add_months(anchor.year, anchor.month, step)), "month")
    if unit == "quarter":
        year, quarter = add_quarters(anchor.year, quarter_of(anchor.month), step)
        return Resolved(f"{year}-Q{quarter}", "quarter")
    day = anchor.date()
    if day is None:
        return _ref(step)
    week = iso_week(day + dt.timedelta(days=7 * step))
    return Resolved(week + "-WE" if unit == "weekend" else week, "week")


def _span_dur(span: Span, ctx: Context) -> Resolved | None:
    """"the past decade" is a length of time; "the last quarter" a date."""
    if span[-1].lower_ in ("quarter", "weekend"):
        return _rel_unit(span, ctx) if len(span) == 3 else None
    return resolve_duration(span, "SPAN_DUR", ctx.lex)


def _vague_side(span: Span, ctx: Context) -> Resolved | None:
    """"earlier this year": inside the year but not an event date."""
    side = ctx.lex.vague_sides[span[0].lower_]
    step = ctx.lex.steps[span[1].lower_]
    if step == 0 or ctx.anchor is None:
        return Resolved(side, "ref")
    resolved = _rel_unit(span[1:], ctx)
    if resolved is not None and resolved.precision != "ref":
        resolved.modifier = "early" if side == "PAST_REF" else "late"
    return resolved


def _weekday(span: Span, ctx: Context) -> Resolved | None:
    weekday = ctx.lex.weekdays[span[-1].lower_]
    step = ctx.lex.steps.get(span[0].lower_) if len(span) > 1 else None
    tense = ctx.tense(span)
    day = ctx.anchor.date() if ctx.anchor is not None else None
    if day is None:
        return _ref(step if step is not None else (1 if tense == "future" else -1))
    return Resolved(iso_day(weekday_date(day, weekday, step, tense)), "day")


def _deictic(span: Span, ctx: Context) -> Resolved | None:
    meaning = ctx.lex.deictic[" ".join(t.lower_ for t in span)]
    if meaning.endswith("_REF"):
        return Resolved(meaning, "ref")
    shift = int(meaning[3:] or 0)
    day = ctx.anchor.date() if ctx.anchor is not None else None
    if day is None:
        return _ref(shift)
    return Resolved(iso_day(day + dt.timedelta(days=shift)), "day")


def _iso(span: Span, ctx: Context) -> Resolved | None:
    text = "".join(t.text for t in span)
    sep = next((c for c in text[4:] if not c.isdigit()), "-")
    try:
        year, month, day = (int(p) for p in text.split(sep))
    except ValueError:
        return None
    return Resolved(ymd(year, month, day), "day") if valid_day(year, month, day) else None


def _slash(span: Span, ctx: Context) -> Resolved | None:
    """"7/8/07": month first unless the first number cannot be a month."""
    first, second, year_text = (int(p) for p in span[0].text.split("/"))
    month, day = (first, second) if first <= 12 else (second, first)
    year = year_text if year_text >= 100 else century_year(year_text, ctx.anchor)
    return Resolved(ymd(year, month, day), "day") if valid_day(year, month, day) else None


_INTERPRETERS: dict[str, Callable[[Span, Context], Resolved | None]] = {
    "ISO": _iso, "SLASH": _slash, "MDY": _month_day, "DMY": _month_day, "MD": _month_day, "DM": _month_day,
    "MY": _month_year, "M_OF_REL": _month_of_rel, "REL_M": _rel_month, "M": _month_only, "YEAR": _year,
    "YEAR_PART": _year_part, "DECADE": _decade, "RANGE": _range, "QUARTER": _quarter, "SEASON": _season,
    "REL_UNIT": _rel_unit, "SPAN_DUR": _span_dur, "VAGUE_SIDE": _vague_side, "WEEKDAY": _weekday,
    "DEICTIC": _deictic, "PART_THE": _part_the,
    "AGO": lambda span, ctx: resolve_ago(span, ctx.anchor, ctx.lex),
    "DURATION": lambda span, ctx: resolve_duration(span, "DURATION", ctx.lex),
    "DUR_ADJ": lambda span, ctx: resolve_duration(span, "DUR_ADJ", ctx.lex),
    "DUR_BARE": lambda span, ctx: resolve_duration(span, "DUR_BARE", ctx.lex),
}


def resolve(label: str, span: Span, ctx: Context) -> Resolved | None:
    """The interpretation of a match, or None when it is not a date after all."""
    return _INTERPRETERS[label](span, ctx)
