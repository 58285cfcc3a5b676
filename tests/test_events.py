"""The cg_events coder on our own sentences, through the real spaCy pipeline.

Each test names one phenomenon (passive, nominal, compound, reciprocal,
light verb, negation, quantities) and checks type and parties. Actor ids
come from whichever actors component the pipeline has; the sentences use
country names so any reasonable one resolves them.
"""

from __future__ import annotations

import pytest
from event_helpers import events
from spacy.language import Language

from claimgraph.model import DateValue
from claimgraph.nlp.types import EventMention


def find(evs: list[EventMention], kind: str) -> EventMention:
    hits = [e for e in evs if e.type == kind]
    assert hits, f"no {kind} event in {[(e.type, e.rule) for e in evs]}"
    return hits[0]


@pytest.mark.parametrize(("text", "kind", "source", "target"), [
    ("Portugal recalled its ambassador from Brazil.", "SANCTION", "PRT", "BRA"),
    ("Spain demanded that Morocco release the fishermen.", "REQUEST", "ESP", "MAR"),
    ("Greece accused Turkey of violating its airspace.", "ACCUSE", "GRC", "TUR"),
    ("Argentina warned that Chile would face consequences.", "THREATEN", "ARG", "CHL"),
    ("France asked Italy to investigate the incident.", "REQUEST", "FRA", "ITA"),
    ("Turkey summoned Sweden's ambassador to protest.", "PROTEST", "TUR", "SWE"),
    ("Brazil assured Argentina that it would not allow its territory to be used against it.", "AGREE", "BRA", "ARG"),
    ("Ecuador attacked Colombia on Sunday.", "ASSAULT", "ECU", "COL"),
])
def test_verb_events(nlp: Language, text: str, kind: str, source: str, target: str) -> None:
    ev = find(events(nlp, text), kind)
    assert source in ev.source and target in ev.target
    assert ev.rule.startswith("verb:")
    assert ev.trigger.text in text and ev.sentence.text.strip() == text


def test_passive_target_is_the_subject(nlp: Language) -> None:
    ev = find(events(nlp, "Norway was granted a waiver by Canada."), "CONCEDE")
    assert ev.target == ["NOR"]
    assert ev.source == ["CAN"]


def test_passive_arrest_with_agent(nlp: Language) -> None:
    ev = find(events(nlp, "Several suspected smugglers were arrested by Turkish police."), "COERCE")
    assert ev.mode == "arrest"
    assert "TUR" in ev.source


def test_compound_and_reciprocal(nlp: Language) -> None:
    ev = find(events(nlp, "Kenya and Uganda agreed to reopen the border."), "AGREE")
    assert set(ev.source) == {"KEN", "UGA"} and set(ev.target) == {"KEN", "UGA"}
    met = find(events(nlp, "Egypt and Jordan met in Cairo on Monday."), "CONSULT")
    assert set(met.source) == {"EGY", "JOR"} == set(met.target)


def test_light_verb_noun_event_with_money(nlp: Language) -> None:
    ev = find(events(nlp, "Chile signed a $2.3 billion contract with Peru."), "AGREE")
    assert ev.source == ["CHL"] and ev.target == ["PER"]
    money = [q for q in ev.quantities if q.kind == "money"]
    assert money and money[0].value == pytest.approx(2.3e9) and money[0].unit == "USD"
    assert "+verb:sign" in ev.rule


def test_nominal_ceasefire_between(nlp: Language) -> None:
    ev = find(events(nlp, "A ceasefire between Armenia and Azerbaijan was announced on Tuesday."), "RETREAT")
    assert ev.mode == "ceasefire"
    assert {"ARM", "AZE"} <= set(ev.source) | set(ev.target)


def test_embassy_opening_is_diplomatic_cooperation(nlp: Language) -> None:
    ev = find(events(nlp, "Poland opened its embassy in Seoul."), "COOPERATE")
    assert ev.source == ["POL"] and ev.mode == "diplomatic"


def test_criticism_from(nlp: Language) -> None:
    ev = find(events(nlp, "The decision drew sharp criticism from Amnesty International."), "ACCUSE")
    assert ev.source and "amnesty" in ev.source[0].lower()


def test_negation(nlp: Language) -> None:
    ev = find(events(nlp, "Ecuador did not attack Colombia."), "ASSAULT")
    assert ev.negated is True
    plain = find(events(nlp, "Ecuador attacked Colombia."), "ASSAULT")
    assert plain.negated is False


def test_counts_and_percent(nlp: Language) -> None:
    ev = find(events(nlp, "Ghana arrested twelve soldiers from Togo."), "COERCE")
    assert any(q.kind == "count" and q.value == 12 and q.unit == "soldier" for q in ev.quantities)
    aid = find(events(nlp, "Norway sent 40 percent of its grain reserve to Sudan."), "AID")
    assert any(q.kind == "percent" and q.value == 40 for q in aid.quantities)


def test_intent_turns_material_acts_verbal(nlp: Language) -> None:
    ev = find(events(nlp, "Denmark will give Kenya a grant of 40 million dollars."), "AGREE")
    assert ev.source == ["DNK"] and ev.target == ["KEN"]
    threat = find(events(nlp, "Iran threatened to shell towns in Iraq."), "THREATEN")
    assert threat.source == ["IRN"]


def test_intensity_and_confidence(nlp: Language) -> None:
    ev = find(events(nlp, "Portugal recalled its ambassador from Brazil."), "SANCTION")
    assert ev.intensity < 0 and 0 < ev.confidence <= 1
    one_sided = find(events(nlp, "Mexico denied the allegations."), "REJECT")
    assert one_sided.confidence < ev.confidence


def test_no_actor_no_event(nlp: Language) -> None:
    assert events(nlp, "The weather attacked the harvest.") == []
    assert events(nlp, "") == []


def test_event_date_from_its_clause(nlp: Language) -> None:
    if "cg_timex" not in nlp.pipe_names:
        pytest.skip("the timex component is not in this pipeline yet")
    doc = nlp.make_doc("In 2011, Israel sold drones to Azerbaijan.")
    doc._.cg_published = DateValue("2023-04-05", "day")
    ev = find(list(next(nlp.pipe([doc]))._.cg_events), "AID")
    assert ev.date == DateValue("2011", "year") and ev.date_source == "2011"
    assert ev.source == ["ISR"] and ev.target == ["AZE"]
