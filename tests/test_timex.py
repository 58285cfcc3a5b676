"""cg_timex on sentences of our own, through the real spaCy pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimgraph.model import DateValue
from claimgraph.nlp.pipeline import build_pipeline
from claimgraph.nlp.types import TimexMention


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=["cg_timex"])


def timexes(nlp: Language, text: str, published: str | None) -> list[TimexMention]:
    doc = nlp.make_doc(text)
    doc._.cg_published = DateValue(published, "day") if published else None
    return list(nlp(doc)._.cg_timexes)


def one(nlp: Language, text: str, published: str | None, surface: str) -> TimexMention:
    found = [t for t in timexes(nlp, text, published) if surface in t.text]
    assert found, f"no timex containing {surface!r} in {[t.text for t in timexes(nlp, text, published)]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "published", "surface", "value", "precision"),
    [
        ("The border crossing was closed in 2011 after the clashes.", "2023-04-05", "2011", "2011", "year"),
        ("The convoy was stopped on 29 March near the border.", "2023-04-05", "29 March", "2023-03-29", "day"),
        ("Shelling resumed on June 13, the militia said.", None, "June 13", "XXXX-06-13", "month-day"),
        ("The envoy arrived in January of this year.", "2012-05-07", "January", "2012-01", "month"),
        ("Last year the garrison was reinforced.", "2012-05-07", "Last year", "2011", "year"),
        ("The strike happened in late March.", "2012-05-07", "March", "2012-03", "month"),
        ("The accord collapsed in the 1990s.", "2012-05-07", "1990s", "199", "decade"),
        ("On April 18, the cabinet met in secret.", "2012-05-07", "April 18", "2012-04-18", "day"),
        ("On 6 March, drones hit the depot.", "2023-04-05", "6 March", "2023-03-06", "day"),
        ("Talks began on June 13th in Doha.", "2025-06-20", "June 13th", "2025-06-13", "day"),
        ("A truce was signed on 13 June 2025.", "2023-01-01", "13 June 2025", "2025-06-13", "day"),
        ("The report is dated 2025-06-13.", "2025-07-01", "2025-06-13", "2025-06-13", "day"),
        ("Rebels attacked the town yesterday.", "2025-06-20", "yesterday", "2025-06-19", "day"),
        ("The ministry issued a warning last week.", "2025-06-20", "last week", "2025-W24", "week"),
        ("Prices have doubled this month.", "2025-06-20", "this month", "2025-06", "month"),
        ("Two years ago the port was mined.", "2020-02-10", "Two years ago", "2018", "year"),
        ("The ceasefire held until mid-2011.", "2013-01-01", "mid-2011", "2011", "year"),
        ("Exports fell in the first quarter of 2019.", "2020-01-01", "quarter", "2019-Q1", "quarter"),
    ],
)
def test_values_against_publication_date(nlp: Language, text: str, published: str | None, surface: str,
                                         value: str, precision: str) -> None:
    found = one(nlp, text, published, surface)
    assert (found.value, found.precision, found.kind) == (value, precision, "DATE")


def test_bare_year_keeps_year_precision(nlp: Language) -> None:
    """dateparser would say 2011-04-05 here; a year is a year."""
    found = one(nlp, "The deal was struck in 2011.", "2023-04-05", "2011")
    assert found.value == "2011"
    assert found.date() == DateValue("2011", "year")


def test_since_and_between_modifiers(nlp: Language) -> None:
    since = one(nlp, "The militia has held the pass since 2005.", "2023-04-05", "2005")
    assert (since.value, since.precision, since.modifier) == ("2005", "year", "since")
    between = one(nlp, "Between 2014 and 2017, the two states traded arms.", "2023-04-05", "2014")
    assert (between.value, between.precision, between.modifier) == ("2014/2017", "range", "between")
    assert between.text == "Between 2014 and 2017"


def test_late_march_keeps_month_and_records_part(nlp: Language) -> None:
    found = one(nlp, "The paper reported the plan in late March.", "2012-05-07", "March")
    assert found.text == "late March"
    assert found.modifier == "late"


def test_vague_references_are_not_event_dates(nlp: Language) -> None:
    text = "Earlier this year the army moved; recently it withdrew, and now it waits."
    found = {t.text.lower(): t for t in timexes(nlp, text, "2012-05-07")}
    assert found["earlier this year"].value == "PAST_REF"
    assert found["recently"].value == "PAST_REF"
    assert found["now"].value == "PRESENT_REF"
    assert all(t.kind == "DATE" and t.date() is None for t in found.values())


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Cargo flights have landed there for around a decade.", "decade", "P10Y"),
        ("The dispute has lasted 30 years.", "30 years", "P30Y"),
        ("The siege lasted two months.", "two months", "P2M"),
        ("It took two and a half years to rebuild.", "half", "P2.5Y"),
        ("A fifty-year lease was signed.", "fifty", "P50Y"),
        ("The region has been contested for decades.", "decades", "PXDE"),
    ],
)
def test_durations(nlp: Language, text: str, surface: str, value: str) -> None:
    found = one(nlp, text, "2020-01-01", surface)
    assert (found.kind, found.value) == ("DURATION", value)
    assert found.date() is None


def test_around_a_decade_is_approximate(nlp: Language) -> None:
    found = one(nlp, "Cargo flights have landed there for around a decade.", "2020-01-01", "decade")
    assert found.text == "around a decade" and found.modifier == "approx"


def test_later_month_day_in_past_clause_is_last_year(nlp: Language) -> None:
    """An article of 5 April reporting what happened "on 29 May" means last May."""
    past = one(nlp, "Troops crossed the river on 29 May, officials said.", "2023-04-05", "29 May")
    assert past.value == "2022-05-29"


def test_later_month_day_in_future_clause_stays_this_year(nlp: Language) -> None:
    future = one(nlp, "The delegation will visit Baku on 29 May.", "2023-04-05", "29 May")
    assert future.value == "2023-05-29"


def test_future_clause_rolls_early_month_day_to_next_year(nlp: Language) -> None:
    found = one(nlp, "The talks will resume on January 5.", "2023-12-20", "January 5")
    assert found.value == "2024-01-05"


def test_weekday_takes_the_nearest_in_the_clause_direction(nlp: Language) -> None:
    # 2025-06-20 is a Friday.
    assert one(nlp, "The convoy was attacked on Monday.", "2025-06-20", "Monday").value == "2025-06-16"
    assert one(nlp, "The envoy will arrive on Monday.", "2025-06-20", "Monday").value == "2025-06-23"
    assert one(nlp, "Shelling stopped on Friday.", "2025-06-20", "Friday").value == "2025-06-20"


def test_without_publication_date_nothing_is_invented(nlp: Language) -> None:
    text = "Yesterday the army struck, last year it retreated, and on Monday it advanced in June 2020."
    found = {t.text.lower(): t for t in timexes(nlp, text, None)}
    assert found["yesterday"].value == "PAST_REF"
    assert found["last year"].value == "PAST_REF"
    assert found["monday"].value in ("PAST_REF", "FUTURE_REF")
    assert found["june 2020"].value == "2020-06"


def test_year_inside_a_noun_phrase_is_a_date(nlp: Language) -> None:
    text = "Israeli weapons were being transported during the 2020 Nagorno-Karabakh war."
    found = one(nlp, text, "2023-04-05", "2020")
    assert found.text == "2020" and found.value == "2020"


def test_counts_and_money_are_not_years(nlp: Language) -> None:
    text = "The army sent 2000 troops and paid $1500 per month, a 2010 percent rise."
    assert [t.text for t in timexes(nlp, text, "2023-04-05") if t.precision == "year"] == []


def test_rates_and_modal_may_are_not_timexes(nlp: Language) -> None:
    text = "The rebels may strike twice a year, and they spend $5 million a year on arms."
    assert timexes(nlp, text, "2023-04-05") == []


def test_offsets_point_into_the_text(nlp: Language) -> None:
    text = "In 2011, the alliance strengthened; on 29 March talks resumed."
    for t in timexes(nlp, text, "2023-04-05"):
        assert text[t.start_char:t.end_char] == t.text


def test_weekday_names_in_titles_are_not_dates(nlp: Language) -> None:
    text = "The Sunday Times reported the raid; Monday Night Football was cancelled."
    assert timexes(nlp, text, "2015-01-15") == []


def test_screen_sizes_are_not_years(nlp: Language) -> None:
    assert timexes(nlp, "The screen is 1366 x 768 pixels.", "2015-01-15") == []
