"""Dates as intervals, so a year, a month and a day can share one time axis.

"2012" is not 2012-01-01: on the timeline it is the whole of 2012. Values
we cannot place ("--06-13", "PRESENT_REF", durations) return None and are
listed as undated rather than guessed.
"""

from __future__ import annotations

import calendar
import re

_YMD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _one(value: str) -> tuple[str, str] | None:
    value = value.strip()
    m = _YMD.match(value)
    if m:
        year, month, day = m.group(1), m.group(2), m.group(3)
        if day:
            return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
        if month:
            if not 1 <= int(month) <= 12:
                return None
            last = calendar.monthrange(int(year), int(month))[1]
            return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
        return f"{year}-01-01", f"{year}-12-31"
    if re.fullmatch(r"\d{3}X?", value):  # TIMEX3 decade: "201" or "201X"
        return f"{value[:3]}0-01-01", f"{value[:3]}9-12-31"
    if re.fullmatch(r"\d{2}(XX)?", value):  # century
        return f"{value[:2]}00-01-01", f"{value[:2]}99-12-31"
    return None


def bounds(value: str | None) -> tuple[str, str] | None:
    """(first day, last day) as ISO dates, or None when the value cannot be placed."""
    if not value:
        return None
    if "/" in value:
        a, _, b = value.partition("/")
        first, last = _one(a), _one(b)
        if first and last:
            return first[0], last[1]
        return None
    return _one(value)


def overlaps(value: str | None, since: str | None, until: str | None) -> bool:
    """Whether a date value's interval meets [since, until] (either may be open)."""
    if not since and not until:
        return True
    b = bounds(value)
    if b is None:
        return False
    lo = bounds(since)[0] if since and bounds(since) else None
    hi = bounds(until)[1] if until and bounds(until) else None
    return (lo is None or b[1] >= lo) and (hi is None or b[0] <= hi)


RELIABILITY = "ABCDEF"


def grade_at_least(reliability: str | None, credibility: int | None, minimum: str | None) -> bool:
    """Admiralty comparison: "B2" admits A1…B2 (both letter and digit at least as good)."""
    if not minimum:
        return True
    if reliability is None or credibility is None:
        return False
    want_r, want_c = minimum[0].upper(), int(minimum[1:] or 6)
    return RELIABILITY.find(reliability) <= RELIABILITY.find(want_r) and credibility <= want_c
