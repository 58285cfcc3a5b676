"""clause_date: which date belongs to an event trigger (real parse)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.model import DateValue
from claimgraph.nlp.pipeline import build_pipeline
from claimgraph.nlp.timex.component import clause_date


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=["cg_timex"])


def parse(nlp: Language, text: str, published: str | None = "2023-04-05") -> Doc:
    doc = nlp.make_doc(text)
    doc._.cg_published = DateValue(published, "day") if published else None
    return nlp(doc)


def date_of(doc: Doc, word: str) -> str | None:
    token = next(t for t in doc if t.text == word)
    found = clause_date(doc, token.i)
    return found.value if found else None


def test_fronted_year_dates_the_verb_and_its_nominal_event(nlp: Language) -> None:
    doc = parse(nlp, "In 2011, the alliance between the two countries strengthened with a $1.6 billion deal.")
    assert date_of(doc, "strengthened") == "2011"
    assert date_of(doc, "deal") == "2011"


def test_conjoined_verbs_share_the_date(nlp: Language) -> None:
    doc = parse(nlp, "Yerevan recalled its ambassador from Tel Aviv in 2020, and demanded that Israel cease "
                     "arms sales to Baku.")
    assert date_of(doc, "recalled") == "2020"
    assert date_of(doc, "demanded") == "2020"


def test_year_inside_a_noun_phrase_dates_the_clause(nlp: Language) -> None:
    doc = parse(nlp, "Israeli weapons were being transported via Azerbaijani airspace during the 2020 "
                     "Nagorno-Karabakh war.")
    assert date_of(doc, "transported") == "2020"


def test_relative_clause_date_does_not_leak_to_the_main_verb(nlp: Language) -> None:
    doc = parse(nlp, "The ambassador, who arrived in 2019, was expelled by the government.")
    assert date_of(doc, "arrived") == "2019"
    assert date_of(doc, "expelled") is None


def test_nested_clause_prefers_its_own_date(nlp: Language) -> None:
    doc = parse(nlp, "On 29 March the ministry said that the militia had seized the town in 2014.")
    assert date_of(doc, "seized") == "2014"
    assert date_of(doc, "said") == "2023-03-29"


def test_nested_clause_without_date_falls_back_to_main_clause(nlp: Language) -> None:
    doc = parse(nlp, "In 2016, officials confirmed that Baku bought the drones.")
    assert date_of(doc, "bought") == "2016"


def test_durations_and_vague_references_are_never_event_dates(nlp: Language) -> None:
    doc = parse(nlp, "Recently the two sides fought for two months.")
    assert date_of(doc, "fought") is None


def test_other_sentences_do_not_count(nlp: Language) -> None:
    doc = parse(nlp, "The war began in 2020. The army then withdrew.")
    assert date_of(doc, "withdrew") is None
    assert date_of(doc, "began") == "2020"


def test_out_of_range_index_is_none(nlp: Language) -> None:
    doc = parse(nlp, "The war began in 2020.")
    assert clause_date(doc, 999) is None


def test_temporal_clause_dates_the_main_event_when_it_has_none(nlp: Language) -> None:
    doc = parse(nlp, "After one officer was killed in January, the government summoned the envoy.", "2012-05-07")
    assert date_of(doc, "summoned") == "2012-01"


def test_conditional_clause_date_does_not_date_the_main_event(nlp: Language) -> None:
    doc = parse(nlp, "If the talks fail in 2030, the army will mobilise.")
    assert date_of(doc, "mobilise") is None
