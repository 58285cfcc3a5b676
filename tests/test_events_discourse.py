"""Targets taken from the discourse, and state organs coded with their state.

Our own sentences: a denial answers the latest allegation against the
denier; a one-sided conflict act ("began the war") is aimed at the opponent
already on the page; nothing is filled when the page holds no such context.
"""

from __future__ import annotations

from event_helpers import events
from spacy.language import Language


def test_denial_takes_the_accuser_as_target(nlp: Language) -> None:
    evs = events(nlp, "Venezuela has alleged that Colombia helped the rebels. "
                      "Colombia has strongly denied the allegations.")
    deny = [e for e in evs if e.type == "REJECT"]
    assert deny and deny[0].source == ["COL"] and deny[0].target == ["VEN"]
    assert "+discourse:allegation" in deny[0].rule


def test_denial_without_an_allegation_stays_open(nlp: Language) -> None:
    evs = events(nlp, "Chile signed a trade deal with Peru. Bolivia denied any involvement.")
    deny = [e for e in evs if e.type == "REJECT"]
    assert all(not e.target for e in deny)


def test_war_without_enemy_takes_the_dyad_on_the_page(nlp: Language) -> None:
    evs = events(nlp, "Russian troops shelled Ukrainian towns on Monday. Russia began the war in February.")
    war = [e for e in evs if e.trigger.text == "war"]
    assert war and war[0].source == ["RUS"] and war[0].target == ["UKR"]
    assert "+discourse:dyad" in war[0].rule


def test_dyad_is_not_borrowed_by_a_third_party(nlp: Language) -> None:
    evs = events(nlp, "Russian troops shelled Ukrainian towns on Monday. Sudan began the war in April.")
    war = [e for e in evs if e.trigger.text == "war"]
    assert all(not e.target for e in war)


def test_state_organ_brings_its_state(nlp: Language) -> None:
    evs = events(nlp, "The State Department condemned Venezuela for the arrests.")
    acc = [e for e in evs if e.type == "ACCUSE"]
    assert acc and "USA" in acc[0].source and acc[0].target == ["VEN"]


def test_protest_without_target_is_aimed_at_own_government(nlp: Language) -> None:
    evs = events(nlp, "Angry Chilean farmers began a hunger strike outside parliament.")
    pro = [e for e in evs if e.type == "PROTEST"]
    assert pro and pro[0].source == ["CHL"] and pro[0].target == ["CHL"] and "+domestic" in pro[0].rule


def test_protest_with_a_target_keeps_it(nlp: Language) -> None:
    evs = events(nlp, "Greek students staged a rally against Turkey in Athens.")
    pro = [e for e in evs if e.type == "PROTEST"]
    assert pro and pro[0].target == ["TUR"]


_DETAIL = ("The flights began in 2014. The cargo was listed as machinery. The planes landed at night. "
           "Customs officers were not told. The company later expanded its fleet. ")


def test_definite_allegation_reaches_back_a_paragraph(nlp: Language) -> None:
    """"denied the allegations" names an allegation made several sentences before."""
    evs = events(nlp, "Venezuela has alleged that Colombia helped the rebels. " + _DETAIL
                      + "Colombia has strongly denied the allegations.")
    deny = [e for e in evs if e.type == "REJECT"]
    assert deny and deny[0].target == ["VEN"]


def test_bare_denial_does_not_reach_that_far(nlp: Language) -> None:
    evs = events(nlp, "Venezuela has alleged that Colombia helped the rebels. " + _DETAIL
                      + "Colombia denied any involvement.")
    deny = [e for e in evs if e.type == "REJECT"]
    assert all(not e.target for e in deny)
