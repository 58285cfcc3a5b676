"""Calendar arithmetic against the publication date, and TIMEX3 value strings.

Everything here is pure and small so it can be tested without spaCy. The
anchor is the *publication* date, never today's date: a document with no
known publication date gets no anchor, and relative expressions then stay
relative (see timex_resolve.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from claimgraph.model import DateValue

# A later month-day read as "last year's" must be this far past the anchor;
# a day or two ahead is more likely a time-zone or dateline quirk.
_FUTURE_SLACK_DAYS = 1
# A look-ahead clause moves a month-day to next year only when it is this
# far behind the publication date.
_FUTURE_ROLL_DAYS = 62
# With no tense to go by, a date up to this far after publication is taken
# to be an upcoming one ("the event on October 12").
_UPCOMING_DAYS = 92


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date, as precise as it is known."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def from_value(cls, published: DateValue | None) -> Anchor | None:
        """Parse "2023", "2023-04" or "2023-04-05"; None when unknown or odd."""
        if published is None or not published.value:
            return None
        parts = published.value[:10].split("-")
        try:
            year = int(parts[0])
            month = int(parts[1]) if len(parts) > 1 else None
            day = int(parts[2]) if len(parts) > 2 else None
            if month is not None and day is not None:
                dt.date(year, month, day)
        except (ValueError, IndexError):
            return None
        if not 1 <= year <= 9999:
            return None
        return cls(year, month, day)

    def date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


def ymd(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso_day(day: dt.date) -> str:
    return day.isoformat()


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def add_months(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


def year_for_month_day(anchor: Anchor, month: int, day: int | None, tense: str | None) -> int:
    """Which year a year-less month(-day) falls in, seen from the anchor.

    News reports the past: in a past-tense clause a month-day later than
    the publication date is last year's. In a clause that looks ahead
    ("will meet on 29 May") a month-day well before the publication date is
    next year's. When the tense is unclear (present tense, no verb), a date
    shortly after publication is the coming one, a date far after it last
    year's.
    """
    if anchor.month is None:
        return anchor.year
    # Days from the start of the anchor year (31-day months are exact enough
    # for ordering); a bare month counts from its first day, an unknown
    # publication day is mid-month.
    here = (anchor.month - 1) * 31 + (anchor.day or 15)
    there = (month - 1) * 31 + (day or 1)
    if tense == "future":
        return anchor.year + 1 if here - there > _FUTURE_ROLL_DAYS else anchor.year
    if tense == "past":
        slack = 0 if day is None else _FUTURE_SLACK_DAYS if anchor.day is not None else 16
    else:
        slack = _UPCOMING_DAYS
    return anchor.year - 1 if there - here > slack else anchor.year


def weekday_date(anchor: dt.date, weekday: int, step: int | None, tense: str | None) -> dt.date:
    """The date of a named weekday near the anchor.

    Bare "Monday" is the nearest one in the clause's direction (the same day
    counts: an article of Monday saying "on Monday" means that day); "last
    Monday" is strictly before, "next Monday" strictly after, "this Monday"
    the one in the anchor's week.
    """
    delta = weekday - anchor.isoweekday()
    if step == 0:
        return anchor + dt.timedelta(days=delta)
    if step is not None and step < 0:
        back = (anchor.isoweekday() - weekday) % 7 or 7
        return anchor - dt.timedelta(days=back)
    if step is not None and step > 0:
        ahead = delta % 7 or 7
        return anchor + dt.timedelta(days=ahead)
    if tense == "future":
        return anchor + dt.timedelta(days=delta % 7)
    return anchor - dt.timedelta(days=(-delta) % 7)


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def add_quarters(year: int, quarter: int, step: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + step
    return index // 4, index % 4 + 1


def century_year(two_digits: int, anchor: Anchor | None) -> int:
    """A two-digit year in the century that puts it nearest the anchor (or
    before 2070 when there is no anchor)."""
    if anchor is None:
        return 2000 + two_digits if two_digits < 70 else 1900 + two_digits
    base = anchor.year - anchor.year % 100
    candidates = [base - 100 + two_digits, base + two_digits, base + 100 + two_digits]
    return min(candidates, key=lambda y: (abs(y - anchor.year), -y))
