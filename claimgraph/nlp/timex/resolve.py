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

from claimgraph.nlp.timex import numeric
from claimgraph.nlp.timex.calendar import (
    Anchor,
    add_months,
    add_quarters,
    iso_day,
    iso_week,
    quarter_of,
    valid_day,
    weekday_date,
    year_for_month_day,
    ym,
    ymd,
)
from claimgraph.nlp.timex.duration import Resolved, resolve_ago, resolve_duration
from claimgraph.nlp.timex.lexicon import Lexicon

_NOT_A_MONTH_ENTS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "NORP"})
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
    last = span[-1]
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if last.ent_type_ in _NOT_A_MONTH_ENTS or (nxt is not None and nxt.is_title and nxt.pos_ == "PROPN"
                                                and nxt.lower_ not in ctx.lex.months):
        return None  # "The Sunday Times", "Monday Night Football"
    weekday = ctx.lex.weekdays[last.lower_]
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


_INTERPRETERS: dict[str, Callable[[Span, Context], Resolved | None]] = {
    "ISO": lambda span, ctx: numeric.iso(span, ctx.anchor, ctx.lex),
    "SLASH": lambda span, ctx: numeric.slash(span, ctx.anchor, ctx.lex), "MDY": _month_day, "DMY": _month_day, "MD": _month_day, "DM": _month_day,
    "MY": _month_year, "M_OF_REL": _month_of_rel, "REL_M": _rel_month, "M": _month_only,
    "YEAR": lambda span, ctx: numeric.year(span, ctx.anchor, ctx.lex),
    "YEAR_PART": lambda span, ctx: numeric.year_part(span, ctx.anchor, ctx.lex),
    "DECADE": lambda span, ctx: numeric.decade(span, ctx.anchor, ctx.lex),
    "RANGE": lambda span, ctx: numeric.date_range(span, ctx.anchor, ctx.lex), "QUARTER": _quarter, "SEASON": _season,
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
