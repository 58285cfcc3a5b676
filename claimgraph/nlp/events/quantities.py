"""Money, counts and percentages stated with an event.

"a $1.6 billion deal" → Quantity("money", 1.6e9, "USD", "$1.6 billion");
"350 secret flights" → Quantity("count", 350, "flight", …); "ten
individuals" → count 10; "almost 70 percent" → Quantity("percent", 70, "%").
Numbers are read token by token (no regex over the sentence), so the work is
linear in the clause and safe on hostile text.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.model import Quantity

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000, "scores": 40,
}
_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "bn": 1e9, "m": 1e6, "k": 1e3, "mn": 1e6}
_CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
             "dollar": "USD", "euro": "EUR", "pound": "GBP", "yen": "JPY", "rouble": "RUB",
             "ruble": "RUB", "shekel": "ILS", "rial": "IRR", "manat": "AZN", "yuan": "CNY",
             "rupee": "INR", "shilling": "shilling", "franc": "franc", "usd": "USD", "eur": "EUR"}
_PERCENT = {"percent", "per cent", "%", "pc"}
_SKIP_UNITS = {"year", "month", "week", "day", "hour", "minute", "time", "decade", "century", "%", "percent"}
MAX_TOKEN_CHARS = 40


def _number(tok: Token) -> float | None:
    text = tok.lower_.replace(",", "")
    if len(text) > MAX_TOKEN_CHARS:
        return None
    if text in _WORDS:
        return float(_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


def _read(doc: Doc, i: int, end: int) -> tuple[float, int] | None:
    """A number starting at token i ("1.6 billion", "two hundred"); (value, next index)."""
    value = _number(doc[i])
    if value is None:
        return None
    j = i + 1
    while j < end and doc[j].lower_ in _SCALE:
        value *= _SCALE[doc[j].lower_]
        j += 1
    return value, j


def quantities(doc: Doc, start: int, end: int) -> list[Quantity]:
    """All quantities in tokens [start, end), left to right, at most one per number."""
    out: list[Quantity] = []
    i = start
    while i < end:
        tok = doc[i]
        if tok.like_num or tok.lower_ in _WORDS:
            read = _read(doc, i, end)
            if read is None or (tok.ent_type_ == "DATE" and tok.lower_ not in _WORDS):
                i += 1
                continue
            value, j = read
            prev = doc[i - 1] if i > start else None
            nxt = doc[j] if j < end else None
            first = prev.i if prev is not None and prev.lower_ in _CURRENCY else i
            if prev is not None and prev.lower_ in _CURRENCY:
                out.append(Quantity("money", value, _CURRENCY[prev.lower_], doc[first:j].text))
            elif nxt is not None and nxt.lemma_.lower() in _CURRENCY:
                out.append(Quantity("money", value, _CURRENCY[nxt.lemma_.lower()], doc[i:j + 1].text))
                j += 1
            elif nxt is not None and (nxt.lower_ in _PERCENT or nxt.text == "%"):
                out.append(Quantity("percent", value, "%", doc[i:j + 1].text))
                j += 1
            else:
                head = tok.head if tok.dep_ in ("nummod", "quantmod", "compound") else None
                while head is not None and head.dep_ in ("nummod", "compound") and head.head.i > head.i:
                    head = head.head
                unit = head.lemma_.lower() if head is not None and head.pos_ in ("NOUN", "PROPN") else ""
                if unit and unit not in _SKIP_UNITS and tok.ent_type_ not in ("DATE", "TIME"):
                    out.append(Quantity("count", value, unit, doc[first:head.i + 1].text if head.i >= i else doc[i:j].text))
            i = max(j, i + 1)
            continue
        i += 1
    return out
