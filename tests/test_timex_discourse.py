"""clause_date across sentences and with offsets (real parse, cg_timex only).

Example sentences are our own; each pins one rule of timex_discourse.py or
timex_offset.py."""

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


def parse(nlp: Language, text: str, published: str | None = "2019-09-10") -> Doc:
    doc = nlp.make_doc(text)
    doc._.cg_published = DateValue(published, "day") if published else None
    return nlp(doc)


def found(doc: Doc, word: str) -> tuple[str | None, str | None]:
    token = next(t for t in doc if t.text == word)
    mention = clause_date(doc, token.i)
    return (mention.value, mention.text) if mention else (None, None)


def test_past_narrative_carries_the_paragraphs_date(nlp: Language) -> None:
    doc = parse(nlp, "On March 3, the navy seized a tanker in the strait. Officials said the crew had "
                     "resisted the boarding.")
    value, text = found(doc, "resisted")
    assert value == "2019-03-03"
    assert text is not None and "earlier sentence" in text


def test_carry_survives_a_dateless_sentence_in_between(nlp: Language) -> None:
    doc = parse(nlp, "In 2014, the police foiled a bombing plot. Four men were arrested. "
                     "The cell was reportedly acting on orders from abroad.")
    assert found(doc, "acting")[0] == "2014"


def test_new_paragraph_is_a_new_topic(nlp: Language) -> None:
    doc = parse(nlp, "On March 3, the navy seized a tanker.\n\nThe company denied that it smuggled oil.")
    assert found(doc, "smuggled")[0] is None


def test_paragraph_opening_on_a_known_time_continues_it(nlp: Language) -> None:
    doc = parse(nlp, "On 12 June, the two leaders opened the new border crossing.\n\n"
                     "During the ceremony, the minister announced that both sides agreed to cut tariffs.")
    assert found(doc, "agreed")[0] == "2019-06-12"


def test_present_or_future_clause_is_not_narrative(nlp: Language) -> None:
    doc = parse(nlp, "On March 3, the navy seized a tanker. The government says it will release the crew.")
    assert found(doc, "release")[0] is None


def test_then_moves_the_narrative_on(nlp: Language) -> None:
    doc = parse(nlp, "On March 3, the navy seized a tanker. The navy then released the crew.")
    assert found(doc, "released")[0] is None


def test_a_date_naming_a_thing_is_not_narrative_time(nlp: Language) -> None:
    doc = parse(nlp, "The 1998 treaty was signed by both states. The parliament later ratified it.")
    assert found(doc, "ratified")[0] is None
    doc = parse(nlp, "The 1998 treaty was a compromise. Both sides withdrew their troops.")
    assert found(doc, "withdrew")[0] is None


def test_sentence_with_its_own_vague_time_is_not_carried(nlp: Language) -> None:
    doc = parse(nlp, "On March 3, the navy seized a tanker. In the past, the navy boarded several ships.")
    assert found(doc, "boarded")[0] is None


def test_no_date_on_the_page_gives_nothing(nlp: Language) -> None:
    doc = parse(nlp, "The navy seized a tanker. Officials said the crew had resisted.")
    assert found(doc, "resisted")[0] is None


def test_offset_after_a_subordinate_clause_counts_back(nlp: Language) -> None:
    doc = parse(nlp, "Talks resumed on May 20, three days after the rebels released the hostages.")
    value, text = found(doc, "released")
    assert value == "2019-05-17"
    assert text is not None and "before May 20" in text
    assert found(doc, "resumed")[0] == "2019-05-20"


def test_offset_keeps_a_yearless_date_yearless(nlp: Language) -> None:
    doc = parse(nlp, "A truce was declared on June 24, just two days after the army shelled the town.", None)
    assert found(doc, "shelled")[0] == "XXXX-06-22"


def test_main_event_offset_from_a_dated_subordinate_clause(nlp: Language) -> None:
    doc = parse(nlp, "The army retaliated two days after the rebels attacked on 3 May.")
    assert found(doc, "retaliated")[0] == "2019-05-05"


def test_later_counts_forward_from_the_previous_sentence(nlp: Language) -> None:
    doc = parse(nlp, "The rebels attacked the convoy on 3 May 2018. Two days later, the army retaliated.")
    assert found(doc, "retaliated")[0] == "2018-05-05"


def test_the_following_month_gives_a_month(nlp: Language) -> None:
    doc = parse(nlp, "Both states signed a truce on 3 May 2018. The following month, the army withdrew.")
    assert found(doc, "withdrew")[0] == "2018-06"


def test_offset_finer_than_its_anchor_gives_nothing(nlp: Language) -> None:
    doc = parse(nlp, "The rebels attacked the convoy in 2018. Two days later, the army retaliated.")
    assert found(doc, "retaliated")[0] is None


def test_participle_takes_the_date_of_its_clause(nlp: Language) -> None:
    doc = parse(nlp, "A report said the company flew 200 cargo flights between 2014 and 2017, secretly "
                     "carrying weapons to the militias.")
    assert found(doc, "carrying")[0] == "2014/2017"


def test_by_gerund_takes_the_date_of_its_verb(nlp: Language) -> None:
    doc = parse(nlp, "In 2012, the rebels broke the truce by shelling the airport.")
    assert found(doc, "shelling")[0] == "2012"
