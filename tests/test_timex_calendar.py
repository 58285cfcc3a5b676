"""Calendar arithmetic and the MEANTIME reader, without spaCy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimgraph.errors import MissingData
from claimgraph.evaluation.meantime import load_articles, normalise_value, read_article
from claimgraph.model import DateValue
from claimgraph.nlp.timex.calendar import Anchor, century_year, weekday_date, year_for_month_day


def test_anchor_parses_partial_dates_and_rejects_nonsense() -> None:
    assert Anchor.from_value(DateValue("2023-04-05", "day")) == Anchor(2023, 4, 5)
    assert Anchor.from_value(DateValue("2012-05", "month")) == Anchor(2012, 5, None)
    assert Anchor.from_value(DateValue("2012", "year")) == Anchor(2012)
    assert Anchor.from_value(DateValue("2023-02-30", "day")) is None
    assert Anchor.from_value(DateValue("--06-13", "month-day")) is None
    assert Anchor.from_value(None) is None


@pytest.mark.parametrize(
    ("month", "day", "tense", "year"),
    [
        (3, 29, "past", 2023),  # before publication: this year
        (5, 29, "past", 2022),  # after publication, reported as past: last year
        (4, 6, "past", 2023),  # one day ahead: a dateline quirk, not last year
        (5, 29, None, 2023),  # tense unknown, soon after publication: upcoming
        (11, 1, None, 2022),  # tense unknown, far after publication: last year
        (5, 29, "future", 2023),
        (3, 29, "future", 2023),  # just before publication stays
        (4, None, "past", 2023),  # the publication month itself
        (5, None, "past", 2022),
    ],
)
def test_year_for_month_day(month: int, day: int | None, tense: str | None, year: int) -> None:
    assert year_for_month_day(Anchor(2023, 4, 5), month, day, tense) == year


def test_future_month_day_well_before_publication_is_next_year() -> None:
    assert year_for_month_day(Anchor(2023, 12, 20), 1, 5, "future") == 2024


def test_weekday_date() -> None:
    friday = dt.date(2025, 6, 20)
    assert weekday_date(friday, 1, None, "past") == dt.date(2025, 6, 16)
    assert weekday_date(friday, 1, None, "future") == dt.date(2025, 6, 23)
    assert weekday_date(friday, 5, None, "past") == friday
    assert weekday_date(friday, 5, -1, None) == dt.date(2025, 6, 13)
    assert weekday_date(friday, 5, 1, None) == dt.date(2025, 6, 27)


def test_two_digit_years_go_to_the_nearest_century() -> None:
    assert century_year(7, Anchor(2008)) == 2007
    assert century_year(95, Anchor(2008)) == 1995
    assert century_year(7, None) == 2007


def test_normalise_value_folds_trivial_variants() -> None:
    assert normalise_value("2011-06-XX") == "2011-06"
    assert normalise_value("2008-01-09TMO") == "2008-01-09"
    assert normalise_value("p1y") == "P1Y"


def test_read_article_rebuilds_text_and_gold(tmp_path: Path) -> None:
    xml = """<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">Talks</token><token number="1" sentence="0" t_id="2">fail</token>
<token number="2" sentence="1" t_id="3">May</token><token number="3" sentence="1" t_id="4">7</token>
<token number="4" sentence="1" t_id="5">,</token><token number="5" sentence="1" t_id="6">2005</token>
<token number="6" sentence="2" t_id="7">They</token><token number="7" sentence="2" t_id="8">met</token>
<token number="8" sentence="2" t_id="9">in</token><token number="9" sentence="2" t_id="10">1998</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2005-05-07">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="1998"><token_anchor t_id="10"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="3" type="DATE" value="2005-04-30"/>
</Markables></Document>"""
    path = tmp_path / "a.xml"
    path.write_text(xml, encoding="utf-8")
    article = read_article(path)
    assert article.text == "Talks fail\nMay 7 , 2005\nThey met in 1998"
    assert article.published == DateValue("2005-05-07", "day")
    assert [(article.text[g.start:g.end], g.value) for g in article.gold] == [("1998", "1998")]


def test_missing_folder_raises_missing_data(tmp_path: Path) -> None:
    with pytest.raises(MissingData):
        load_articles(tmp_path)
