"""Date filters for the views (intervals themselves: claimgraph/dates.py).

Dates as intervals, so a year, a month and a day can share one time axis.

"2012" is not 2012-01-01: on the timeline it is the whole of 2012. Values
we cannot place ("--06-13", "PRESENT_REF", durations) return None and are
listed as undated rather than guessed.
"""

from __future__ import annotations

from claimgraph.dates import bounds


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
