"""Event times as day intervals, so that dates at different precisions can be compared.

"2012" and "2012-03" overlap; "2011" and "2012-03" do not. Converting each
date to the [first day, last day] it covers makes "compatible time" one
interval test, whatever the precisions. An event whose only date is its
article's publication date (date_source == "publication") did not get a date
from its own clause: all we know is that it happened *on or before*
publication, so it becomes an open interval ending there ("loose").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from claimgraph.model import DateValue

_YMD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DECADE = re.compile(r"^(\d{3})X?$|^(\d{3})0s$")
_MONTH_DAY = re.compile(r"^(?:--|XXXX-)(\d{2})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class Interval:
    """Days [start, end] (proleptic ordinals); start None = open to the past."""

    start: int | None
    end: int

    def overlaps(self, other: Interval) -> bool:
        lo_a = self.start if self.start is not None else -(10**9)
        lo_b = other.start if other.start is not None else -(10**9)
        return lo_a <= other.end and lo_b <= self.end

    @property
    def loose(self) -> bool:
        return self.start is None

    def key(self) -> str:
        s = date.fromordinal(self.start).isoformat() if self.start is not None else ""
        return f"{s}..{date.fromordinal(self.end).isoformat()}"


def _bounds(value: str) -> tuple[int, int] | None:
    m = _YMD.match(value)
    if m:
        y = int(m.group(1))
        if not 1 <= y <= 9999:
            return None
        mo = int(m.group(2)) if m.group(2) else None
        d = int(m.group(3)) if m.group(3) else None
        try:
            if mo is None:
                return date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal()
            if d is None:
                return date(y, mo, 1).toordinal(), date(y, mo, calendar.monthrange(y, mo)[1]).toordinal()
            day = date(y, mo, d).toordinal()
            return day, day
        except ValueError:
            return None
    m = _DECADE.match(value)
    if m:
        dec = int(m.group(1) or m.group(2)) * 10
        return date(max(dec, 1), 1, 1).toordinal(), date(dec + 9, 12, 31).toordinal()
    return None


def interval(value: str | None) -> Interval | None:
    """A date value ("2011", "2012-03", "2014/2017", "201X") as an interval; None if it names no year."""
    if not value:
        return None
    if "/" in value:
        a, _, b = value.partition("/")
        lo, hi = _bounds(a.strip()), _bounds(b.strip())
        if lo and hi and lo[0] <= hi[1]:
            return Interval(lo[0], hi[1])
        return None
    b = _bounds(value.strip())
    return Interval(*b) if b else None


def event_interval(date_value: DateValue | None, date_source: str | None, published: DateValue | None) -> Interval | None:
    """When the event happened, as far as the text says; None = no constraint at all."""
    pub = interval(published.value) if published else None
    if date_value is not None and date_source != "publication":
        iv = interval(date_value.value) or _anchor(date_value.value, pub)
        if iv is not None:
            return iv
    if pub is not None:
        return Interval(None, pub.end)
    return None


def _anchor(value: str, pub: Interval | None) -> Interval | None:
    """"June 13" in an article: the last 13 June on or before publication (how readers take it).

    Without an anchor the date would be no constraint at all, and a 2025 war
    day would cluster with a 2010 assassination of an older article.
    """
    m = _MONTH_DAY.match(value.strip())
    if not m or pub is None:
        return None
    ref = date.fromordinal(pub.end)
    month, day = int(m.group(1)), int(m.group(2))
    for year in (ref.year, ref.year - 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d <= ref:
            return Interval(d.toordinal(), d.toordinal())
    return None


def compatible(a: Interval | None, b: Interval | None) -> bool:
    """Undated is compatible with anything; otherwise the intervals must overlap."""
    return a is None or b is None or a.overlaps(b)


def envelope(ivs: list[Interval]) -> Interval | None:
    if not ivs:
        return None
    starts = [i.start for i in ivs]
    start = None if any(s is None for s in starts) else min(s for s in starts if s is not None)
    return Interval(start, max(i.end for i in ivs))


def period(value: str | None, by: str) -> str | None:
    """The year ("2012") or month ("2012-03") a date value falls in; None if not that precise."""
    if not value:
        return None
    first = value.split("/")[0].strip()
    m = _YMD.match(first)
    if not m:
        return None
    if by == "year":
        return m.group(1)
    return f"{m.group(1)}-{m.group(2)}" if m.group(2) else None
