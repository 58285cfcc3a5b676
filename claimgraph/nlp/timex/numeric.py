"""Dates written with digits: years, "1990s", "2014-2017", "2025-06-13", "7/8/07".

Split from timex_resolve.py because a bare four-digit number needs care of
its own: it is a year only when nothing says it counts something ("2000
troops", "$1500", "2010 percent").
"""

from __future__ import annotations

from spacy.tokens import Span

from claimgraph.nlp.timex.calendar import Anchor, century_year, valid_day, ymd
from claimgraph.nlp.timex.duration import Resolved
from claimgraph.nlp.timex.lexicon import Lexicon

_NOT_A_YEAR_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
_DATE_PREPS = frozenset({"in", "since", "until", "by", "from", "of", "during", "before", "after", "through",
                         "till", "between", "early", "late", "mid", "circa", "around", "year"})
_CURRENCY = frozenset({"$", "€", "£", "¥", "US$", "#", "No.", "no."})


def year(span: Span, anchor: Anchor | None, lex: Lexicon) -> Resolved | None:
    """A four-digit number that is a year, not a count ("2,000 troops")."""
    token = span[0]
    doc = token.doc
    year = int(token.text)
    prev = doc[token.i - 1] if token.i > 0 else None
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    date_word_before = prev is not None and (prev.lower_ in _DATE_PREPS or prev.lower_ in lex.months)
    if prev is not None and prev.text in _CURRENCY:
        return None
    if nxt is not None and (nxt.text == "%" or nxt.lower_ in ("percent", "per", "km", "kilometres", "miles", "x", "×")):
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
    if anchor is not None and year > anchor.year + 30:
        return None
    return Resolved(str(year), "year")


def year_part(span: Span, anchor: Anchor | None, lex: Lexicon) -> Resolved | None:
    part, _, year = span[0].text.partition("-")
    return Resolved(year, "year", modifier=lex.parts.get(part.lower()))


def decade(span: Span, anchor: Anchor | None, lex: Lexicon) -> Resolved | None:
    digits = span[-1].text.lstrip("'")[:-1]  # "1990s" → "1990", "90s" → "90"
    year = int(digits) if len(digits) == 4 else century_year(int(digits), anchor)
    return Resolved(str(year // 10), "decade")


def date_range(span: Span, anchor: Anchor | None, lex: Lexicon) -> Resolved | None:
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


def iso(span: Span, anchor: Anchor | None, lex: Lexicon) -> Resolved | None:
    text = "".join(t.text for t in span)
    sep = next((c for c in text[4:] if not c.isdigit()), "-")
    try:
        year, month, day = (int(p) for p in text.split(sep))
    except ValueError:
        return None
    return Resolved(ymd(year, month, day), "day") if valid_day(year, month, day) else None


def slash(span: Span, anchor: Anchor | None, lex: Lexicon) -> Resolved | None:
    """"7/8/07": month first unless the first number cannot be a month."""
    first, second, year_text = (int(p) for p in span[0].text.split("/"))
    month, day = (first, second) if first <= 12 else (second, first)
    year = year_text if year_text >= 100 else century_year(year_text, anchor)
    return Resolved(ymd(year, month, day), "day") if valid_day(year, month, day) else None
