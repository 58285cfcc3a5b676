"""Precision rules of the events coder: words that look like events but are not.

Each case is our own sentence, run through the real pipeline. A false event
becomes a false claim (and false links) downstream, so these guard the
coder's restraint as much as test_events.py guards its reach.
"""

from __future__ import annotations

import pytest
from event_helpers import events
from spacy.language import Language

from claimgraph.nlp.types import EventMention


def triggers(evs: list[EventMention]) -> set[str]:
    return {e.trigger.text.lower() for e in evs}


@pytest.mark.parametrize(("text", "word"), [
    # background noun of a clause that has its own event: not the subject's act
    ("Turkish newspapers made serious accusations against Greece during the war.", "war"),
    ("Despite the sanctions, Venezuela has signed contracts with Russia.", "sanctions"),
    ("Peru said during the conference that it would stay neutral.", "conference"),
    # idioms: "take part" is not taking ground
    ("Chilean firms have taken part in projects in the area.", "taken"),
    # a month, or a word inside a name
    ("In late March, Reuters reported that Chile had signed a treaty with Peru.", "march"),
    # "tell" with a statement, not an order
    ("\u201cWe are ready,\u201d a Kenyan official told the BBC earlier this year.", "told"),
    # deciding with nothing decided
    ("Once the facts are clear, Ghana will decide on its response.", "decide"),
])
def test_no_event(nlp: Language, text: str, word: str) -> None:
    assert word not in triggers(events(nlp, text))


def test_background_participant_kept(nlp: Language) -> None:
    """A bare act during a protest makes its doers protesters."""
    evs = events(nlp, "Palestinian youths threw stones during demonstrations against the Israeli army.")
    assert any(e.type == "PROTEST" for e in evs)


def test_told_to_is_request(nlp: Language) -> None:
    evs = events(nlp, "Egypt told Sudan to withdraw its troops.")
    assert any(e.type == "REQUEST" and "EGY" in e.source for e in evs)


def test_decided_to_attack_still_codes(nlp: Language) -> None:
    evs = events(nlp, "Russia decided to attack Ukraine.")
    assert any(e.type in ("THREATEN", "ASSAULT") and "RUS" in e.source and "UKR" in e.target for e in evs)


def test_no_self_target(nlp: Language) -> None:
    """One actor on both sides of a one-way act is a parse echo, not a dyad."""
    for ev in events(nlp, "The website was blocked by the United States globally, without any explanation."):
        assert not (ev.source and set(ev.target) == set(ev.source))


def test_pronoun_in_subordinate_clause_takes_nearest_party(nlp: Language) -> None:
    """"to assist Chile in the event it decides to attack": "it" is Chile, not Peru."""
    evs = events(nlp, "Peru has prepared an airfield to assist Chile in the event it decides to attack Bolivia.")
    hostile = [e for e in evs if e.type in ("THREATEN", "ASSAULT") and "BOL" in e.target]
    assert hostile and hostile[0].source == ["CHL"]


def test_pronoun_possessive_still_the_subject(nlp: Language) -> None:
    evs = events(nlp, "Portugal recalled its ambassador from Brazil.")
    assert evs[0].source == ["PRT"]


@pytest.mark.parametrize("text", [
    "In 2015, Egyptian police thwarted a plot to bomb the French embassy in Cairo.",
    "Spanish police uncovered a plan to attack the Moroccan consulate.",
])
def test_plot_doer_is_not_its_thwarter(nlp: Language, text: str) -> None:
    """The infinitive of a plot is done by the plot's author, not by whoever foils it."""
    for ev in events(nlp, text):
        if ev.type == "ASSAULT":
            assert not {"EGY", "ESP"} & set(ev.source)


def test_plan_author_does_the_act(nlp: Language) -> None:
    evs = events(nlp, "Libya hatched a plan to attack Tunisia.")
    assert any("LBY" in e.source and "TUN" in e.target for e in evs)
