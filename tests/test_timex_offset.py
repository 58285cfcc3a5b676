"""Offset arithmetic (timex_offset.shift): precision is kept, never invented."""

from __future__ import annotations

import pytest

from claimgraph.nlp.timex.offset import Offset, shift
from claimgraph.nlp.types import TimexMention


def anchor(value: str, precision: str) -> TimexMention:
    return TimexMention(0, 1, 0, 5, "x", value, precision)


@pytest.mark.parametrize(
    ("value", "precision", "offset", "sign", "expected"),
    [
        ("2012-04-18", "day", Offset(2, "D", 1, "two days later"), 1, ("2012-04-20", "day")),
        ("2012-03-01", "day", Offset(1, "D", -1, "the previous day"), -1, ("2012-02-29", "day")),
        ("2012-04-18", "day", Offset(1, "W", 1, "a week later"), 1, ("2012-04-25", "day")),
        ("2012-12-18", "day", Offset(1, "M", 1, "the following month"), 1, ("2013-01", "month")),
        ("XXXX-06-24", "month-day", Offset(2, "D", 1, "two days after", True), -1, ("XXXX-06-22", "month-day")),
        ("XXXX-01-01", "month-day", Offset(1, "D", -1, "a day earlier"), -1, ("XXXX-12-31", "month-day")),
        ("2012-03", "month", Offset(2, "M", 1, "two months later"), 1, ("2012-05", "month")),
        ("2012", "year", Offset(1, "Y", 1, "a year later"), 1, ("2013", "year")),
        ("2012", "year", Offset(2, "D", 1, "two days later"), 1, None),
        ("2012-03", "month", Offset(2, "D", 1, "two days later"), 1, None),
        ("XXXX-02-29", "month-day", Offset(1, "D", 1, "a day later"), 1, None),
        ("PAST_REF", "ref", Offset(1, "D", 1, "a day later"), 1, None),
    ],
)
def test_shift(value: str, precision: str, offset: Offset, sign: int, expected: tuple[str, str] | None) -> None:
    assert shift(anchor(value, precision), offset, sign) == expected
