"""Cleaning and plain-text metadata rules, on small texts written for these tests."""

from __future__ import annotations

import pytest

from claimgraph.ingest.clean import clean_text, is_boilerplate_line
from claimgraph.ingest.dates import parse_date
from claimgraph.ingest.metadata import footer_outlet, infer, parse_byline, person_case
from claimgraph.model import DateValue

BODY = ("Ministers from both countries met for six hours in the border town and agreed to open two new crossings "
        "for trucks carrying grain and fuel, officials said on Thursday evening.")


def test_spaces_line_endings_and_invisible_characters() -> None:
    raw = "Title here\r\n\r\nA\u00a0B\u2009C\u202fD\u200bE\u00adF\tG  H\rI"
    assert clean_text(raw).text == "Title here\n\nA B C DEF G H\nI"


def test_boilerplate_lines_by_rule_not_by_text() -> None:
    for line in ["Leave a Reply", "Your email address will not be published. Required fields are marked *",
                 "Share on Facebook", "Print | Email | Share", "Single Page Print Larger Text Smaller Text Alerts",
                 "_______________", "Advertisement", "Read more: Ten things to know"]:
        assert is_boilerplate_line(line), line
    for line in ["Print media in the region faced new restrictions.", "The Story of a Siege", BODY]:
        assert not is_boilerplate_line(line), line


def test_footer_after_separator_and_trailing_block() -> None:
    text = f"Headline of the day\n\n{BODY}\n{BODY}\n{BODY}\n-----------\nGreenLine: News and Views\nhosted at greenline.example"
    cleaned = clean_text(text)
    assert cleaned.text.endswith("Thursday evening.")
    assert footer_outlet(cleaned.footer) == "GreenLine"
    cleaned = clean_text(f"{BODY}\n\n{BODY}\n\nRelated articles\nThe Valley Gazette Archives\nOld issues")
    assert cleaned.text == f"{BODY}\n\n{BODY}"
    assert footer_outlet(cleaned.footer) == "The Valley Gazette"
    assert footer_outlet(["Copyright © 2021 Northern Lights Media. All rights reserved."]) == "Northern Lights Media"


def test_a_comments_heading_followed_by_long_paragraphs_is_kept() -> None:
    text = f"{BODY}\n\nComments\n\n{BODY} {BODY}"
    assert clean_text(text).text == text


@pytest.mark.parametrize(("line", "author", "outlet", "published"), [
    ("Maria Lopez, Valley Gazette, March 3, 2021 —", "Maria Lopez", "Valley Gazette", "2021-03-03"),
    ("Sept. 9, 2019, Vol. 4, No. 12 • By JOHN O'NEIL", "John O'Neil", None, "2019-09-09"),
    ("By Sam Lee | Harbor Wire | 4 May 2020", "Sam Lee", "Harbor Wire", "2020-05-04"),
    ("Published: January 2018", None, None, "2018-01"),
])
def test_byline_forms(line: str, author: str | None, outlet: str | None, published: str) -> None:
    meta = parse_byline(line)
    assert (meta.author, meta.outlet, meta.published.value if meta.published else None) == (author, outlet, published)


def test_header_section_label_dek_and_no_headline() -> None:
    text = f"Opinion\n\nWho Pays for the Dam?\n\nA river, two states.\n\nJune 1, 2015 • By ANA DIAZ\n\n{BODY}"
    meta = infer(clean_text(text))
    assert (meta.title, meta.author, meta.published) == ("Who Pays for the Dam?", "Ana Diaz", DateValue("2015-06-01", "day"))
    meta = infer(clean_text(f"{BODY} {BODY}\n{BODY}\nThe conflict began on June 13, 2021."))
    assert meta.title is None and meta.published is None  # body dates are not publication dates


def test_person_case_only_for_capitals() -> None:
    assert person_case("THOMAS JOSCELYN") == "Thomas Joscelyn"
    assert person_case("DeShawn McKay") == "DeShawn McKay"


def test_dates_keep_precision_and_never_use_today() -> None:
    assert parse_date("2011") == DateValue("2011", "year")
    assert parse_date("2012-01") == DateValue("2012-01", "month")
    assert parse_date("Wed, 05 Apr 2023 10:00:00 GMT") == DateValue("2023-04-05", "day")
    assert parse_date("yesterday") is None and parse_date("June 13") is None
