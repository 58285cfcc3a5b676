"""Parties named by reference: "the two countries", a purpose infinitive on a
thing, "the support of X … for Y", and an outlet called by what it published.

Our own sentences, through the real pipeline.
"""

from __future__ import annotations

from event_helpers import events
from spacy.language import Language


def test_the_two_countries_are_the_last_paired_states(nlp: Language) -> None:
    evs = events(nlp, "Norway supplies Poland with gas. In 2019, the alliance between the two countries deepened.")
    coop = [e for e in evs if e.type == "COOPERATE"]
    assert coop and set(coop[0].source) | set(coop[0].target) == {"NOR", "POL"}


def test_plural_description_without_a_pair_stays_empty(nlp: Language) -> None:
    evs = events(nlp, "The alliance between the two countries deepened.")
    assert all(not (set(e.source) | set(e.target)) for e in evs)


def test_purpose_infinitive_on_an_object_takes_the_main_subject(nlp: Language) -> None:
    evs = events(nlp, "Ankara has built a hospital to help Somalia.")
    aid = [e for e in evs if e.type == "AID"]
    assert aid and aid[0].source == ["TUR"] and aid[0].target == ["SOM"]


def test_support_of_x_is_given_by_x_to_the_beneficiary(nlp: Language) -> None:
    evs = events(nlp, "The support of Germany was crucial for the Ukrainian defence.")
    sup = [e for e in evs if e.type == "SUPPORT"]
    assert sup and sup[0].source == ["DEU"] and sup[0].target == ["UKR"]


def test_support_for_x_keeps_x_as_target(nlp: Language) -> None:
    evs = events(nlp, "France expressed its support for Lebanon.")
    sup = [e for e in evs if e.type == "SUPPORT"]
    assert sup and sup[0].target == ["LBN"]


def test_the_article_is_its_outlet(nlp: Language) -> None:
    doc = nlp("In an editorial published by the French newspaper Le Monde, the writer was blunt. "
              "The piece accused Russia of lying.")
    acc = [e for e in doc._.cg_events if e.type == "ACCUSE"]
    assert acc and acc[0].target == ["RUS"]
    assert acc[0].source and doc._.cg_actors[acc[0].source[0]].kind == "media"


def test_accusation_target_from_the_reported_content(nlp: Language) -> None:
    evs = events(nlp, "Serbian newspapers made fresh accusations, reporting that Croatian police beat migrants.")
    acc = [e for e in evs if e.type == "ACCUSE"]
    assert acc and acc[0].source == ["SRB"] and acc[0].target == ["HRV"]


def test_who_is_behind_the_doers_did_it(nlp: Language) -> None:
    evs = events(nlp, "Officials believe Russia is behind the hackers who attacked Estonian banks.")
    hit = [e for e in evs if e.type == "ASSAULT"]
    assert hit and hit[0].source == ["RUS"] and hit[0].target == ["EST"]
