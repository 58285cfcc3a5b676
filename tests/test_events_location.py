"""Event locations (DESIGN §3) and places that stand in for a missing party.

Our own sentences through the real pipeline: the place an event happened is
a place mention attached to the trigger by in/at/over/near; a date or an
abstract noun after "in" is no location; a host state gives what is received
on its soil; an errand run at or to a state's place is done for that state.
"""

from __future__ import annotations

import pytest
from event_helpers import events
from spacy.language import Language


@pytest.mark.parametrize(("text", "kind", "place"), [
    ("Iran arrested ten spies in Tehran.", "COERCE", "Tehran"),
    ("Azerbaijan opened its embassy in Tel Aviv.", "COOPERATE", "Tel Aviv"),
    ("Israeli jets struck targets near Damascus.", "ASSAULT", "Damascus"),
])
def test_location(nlp: Language, text: str, kind: str, place: str) -> None:
    ev = next(e for e in events(nlp, text) if e.type == kind)
    assert ev.location == place


def test_no_location_from_a_date(nlp: Language) -> None:
    ev = next(e for e in events(nlp, "Egypt arrested three Sudanese diplomats in 2019.") if e.type == "COERCE")
    assert ev.location is None


def test_received_on_a_states_soil_is_given_by_it(nlp: Language) -> None:
    ev = next(e for e in events(nlp, "Members of the Hamas cell received weapons and training in Iran.")
              if e.type == "AID")
    assert ev.source == ["IRN"]


def test_received_from_keeps_the_giver(nlp: Language) -> None:
    ev = next(e for e in events(nlp, "Jordan received weapons from France in Amman.") if e.type == "AID")
    assert ev.source == ["FRA"] and ev.target == ["JOR"]


def test_errand_at_a_states_base(nlp: Language) -> None:
    """"landed at X's base to transport arms": the carrying is done at and for X."""
    ev = next(e for e in events(nlp, "Turkish cargo planes have been landing at Libya's main airbase "
                                     "to transport explosives.") if e.type == "AID")
    assert "LBY" in ev.target
