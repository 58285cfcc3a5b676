"""Date values as day intervals, so a year, a month and a day can share one axis.

"2012" is not 2012-01-01: it is the whole of 2012, [2012-01-01, 2012-12-31].
Values that cannot be placed ("--06-13", "PRESENT_REF", durations) give None
and are shown as undated rather than guessed. Lives at the top of the package
because the store (which keeps the bounds beside each date, so a date filter
is an indexed comparison in SQL) and the web (which draws them) both need it.
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
        if month and not 1 <= int(month) <= 12:
            return None
        if day:
            if int(day) < 1:
                return None
            # "2023-02-30" (a form lets one type it) is the month's last day, not an error
            day = f"{min(int(day), calendar.monthrange(int(year), int(month))[1]):02d}"
            return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
        if month:
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


def filter_bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """A `--since/--until` pair as the first day of `since` and the last day of `until`.

    An unreadable bound is a user error, not a silently ignored filter.
    """
    from claimgraph.errors import UsageError

    lo = hi = None
    if since:
        b = bounds(since)
        if b is None:
            raise UsageError(f"since {since!r}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        lo = b[0]
    if until:
        b = bounds(until)
        if b is None:
            raise UsageError(f"until {until!r}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        hi = b[1]
    return lo, hi
