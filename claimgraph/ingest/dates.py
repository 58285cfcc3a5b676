"""Publication dates with their precision, and nothing guessed.

Used for bylines ("April 5, 2023 —", "May 7, 2012, Vol. 17"), sidecars,
manifests, JSON Lines fields and the --published option. A value that
names only a month or a year keeps that precision ("2023-04" / month):
turning it into the 1st of the month would invent a fact. dateparser is a
last resort and only accepted when day, month *and* year are all in the
string, because for partial strings it fills the gaps from today's date.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime

import dateparser

from claimgraph.model import DateValue

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_M = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_D = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?P<year>\d{4})"
# Each pattern is a fixed sequence of bounded pieces: no nested quantifiers.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b{_Y}-(?P<mon>\d{{2}})-(?P<day>\d{{2}})(?:[T ]\d{{2}}:\d{{2}}\S{{0,20}})?\b"), "day"),
    (re.compile(rf"\b{_M}\s{{1,3}}{_D},?\s{{1,3}}{_Y}\b", re.IGNORECASE), "day"),
    (re.compile(rf"\b{_D}\s{{1,3}}(?:of\s{{1,3}})?{_M},?\s{{1,3}}{_Y}\b", re.IGNORECASE), "day"),
    (re.compile(rf"\b{_M},?\s{{1,3}}{_Y}\b", re.IGNORECASE), "month"),
)
_ISO_PARTIAL = re.compile(r"(?P<year>\d{4})(?:-(?P<mon>\d{2}))?")
_HAS_YEAR = re.compile(r"\b\d{4}\b")
MAX_DATE_CHARS = 200


def _valid(year: int, month: int, day: int | None) -> bool:
    if not 1800 <= year <= 2200:
        return False
    try:
        date(year, month, day or 1)
    except ValueError:
        return False
    return True


def _from_match(m: re.Match[str], precision: str) -> DateValue | None:
    year = int(m.group("year"))
    groups = m.groupdict()
    if groups.get("mon"):
        month = int(groups["mon"])
    else:
        month = _MONTHS[m.group("month")[:3].lower()]
    day = int(groups["day"]) if precision == "day" and groups.get("day") else None
    if not _valid(year, month, day):
        return None
    if precision == "day" and day:
        return DateValue(f"{year:04d}-{month:02d}-{day:02d}", "day")
    return DateValue(f"{year:04d}-{month:02d}", "month")


def find_date(text: str) -> tuple[DateValue, int, int] | None:
    """The first full or month-year date written in `text`, with its span."""
    text = text[:MAX_DATE_CHARS]
    best: tuple[DateValue, int, int] | None = None
    for pattern, precision in _PATTERNS:
        for m in pattern.finditer(text):
            value = _from_match(m, precision)
            if value is None:
                continue
            if best is None or m.start() < best[1] or (m.start() == best[1] and m.end() > best[2]):
                best = (value, m.start(), m.end())
            break
    return best


def parse_date(value: str | None) -> DateValue | None:
    """A date given as a field or option value; None when it is not a date."""
    if value is None:
        return None
    text = " ".join(str(value).split())[:MAX_DATE_CHARS]
    if not text:
        return None
    m = _ISO_PARTIAL.fullmatch(text)
    if m:
        year = int(m.group("year"))
        if m.group("mon"):
            month = int(m.group("mon"))
            return DateValue(f"{year:04d}-{month:02d}", "month") if _valid(year, month, None) else None
        return DateValue(f"{year:04d}", "year") if _valid(year, 1, None) else None
    found = find_date(text)
    if found is not None:
        return found[0]
    try:
        stamp = parsedate_to_datetime(text)  # RFC 2822, as in feeds and mail
    except (TypeError, ValueError, IndexError):
        stamp = None
    if stamp is not None:
        return DateValue(stamp.date().isoformat(), "day")
    if not _HAS_YEAR.search(text):
        return None  # "tomorrow", "June 13": dateparser would take the rest from today
    parsed = dateparser.parse(text, settings={"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True})
    if parsed is not None and _valid(parsed.year, parsed.month, parsed.day):
        return DateValue(parsed.date().isoformat(), "day")
    return None
