"""cg_actors on sentences written for these tests (not from the seeds): the real
pipeline, real spaCy model, checking the mentions and actors it writes."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.nlp.actors.component import actor_for_token, actors_for_span, describe_actor
from claimgraph.nlp.pipeline import build_pipeline
from claimgraph.nlp.types import ActorMention


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=["cg_actors"])


def mention(doc: Doc, text: str, nth: int = 0) -> ActorMention:
    """The nth mention whose text is exactly `text`."""
    found = [m for m in doc._.cg_mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.text for m in doc._.cg_mentions]}"
    return found[nth]


def test_capital_acting_is_its_state_but_a_capital_after_in_is_a_place(nlp: Language) -> None:
    doc = nlp("Ankara has expelled the Greek ambassador. The delegation later met officials in Ankara.")
    first, second = mention(doc, "Ankara", 0), mention(doc, "Ankara", 1)
    assert (first.actor_id, first.role) == ("TUR", "actor")
    assert (second.actor_id, second.role) == ("TUR", "location")


def test_possessive_capital_and_seat_of_government_act(nlp: Language) -> None:
    doc = nlp("Moscow's plan was rejected, and the Kremlin said nothing.")
    assert mention(doc, "Moscow").actor_id == "RUS"
    assert mention(doc, "Kremlin").role == "actor"
    assert mention(doc, "Kremlin").actor_id == "RUS"


def test_gazetteer_overrides_ner_and_repairs_hyphen_breaks(nlp: Language) -> None:
    doc = nlp("Armenia recalled its envoy. Troops were sent to Ukrai-ne last week. Geor\u00adgia protested.")
    assert mention(doc, "Armenia").actor_id == "ARM"
    assert mention(doc, "Ukrai-ne").actor_id == "UKR"
    assert mention(doc, "Geor\u00adgia").actor_id == "GEO"


def test_demonyms_and_collectives_stand_for_the_state(nlp: Language) -> None:
    doc = nlp("Iraqi authorities arrested two men. The Iraqi government denied it. U.S.-led forces left.")
    assert mention(doc, "Iraqi authorities").actor_id == "IRQ"
    assert mention(doc, "The Iraqi government").actor_id == "IRQ"
    assert mention(doc, "U.S.").actor_id == "USA"  # a part of the token "U.S.-led"


def test_appositive_description_and_name_are_one_actor(nlp: Language) -> None:
    doc = nlp("Russia's intelligence agency, the FSB, detained a reporter on Tuesday.")
    m = mention(doc, "Russia's intelligence agency, the FSB")
    actor = doc._.cg_actors[m.actor_id]
    assert (actor.id, actor.country, actor.sector) == ("fsb", "RUS", "SPY")
    assert mention(doc, "Russia").actor_id == "RUS"  # the possessor stays a state mention


def test_person_with_title_gets_country_sector_and_surname_coreference(nlp: Language) -> None:
    doc = nlp("Turkish Defence Minister Yasar Guler met reporters. Later, Guler said the talks had failed.")
    full = mention(doc, "Turkish Defence Minister Yasar Guler")
    assert mention(doc, "Guler").actor_id == full.actor_id == "yasar-guler"
    actor = doc._.cg_actors["yasar-guler"]
    assert (actor.kind, actor.country, actor.sector) == ("person", "TUR", "MIL")
    assert "Guler" in actor.aliases


def test_acronym_pair_is_one_actor_and_later_acronym_resolves(nlp: Language) -> None:
    doc = nlp("The Committee to Protect Journalists (CPJ) condemned the arrest. CPJ said the reporter was beaten.")
    ids = {m.actor_id for m in doc._.cg_mentions if "CPJ" in m.text or "Committee" in m.text}
    assert ids == {"committee-to-protect-journalists"}
    assert "CPJ" in doc._.cg_actors["committee-to-protect-journalists"].aliases


def test_definite_descriptions_refer_back_to_a_compatible_actor(nlp: Language) -> None:
    doc = nlp("Turkish cargo airline ACT Airlines resumed flights to Kabul. The airline declined to comment. "
              "The Turkish airline later denied it.")
    assert mention(doc, "The airline").actor_id == "act-airlines"
    assert mention(doc, "The Turkish airline").actor_id == "act-airlines"
    assert mention(doc, "Kabul").role == "location"
    actor = doc._.cg_actors["act-airlines"]
    assert (actor.kind, actor.country) == ("company", "TUR")


def test_definite_description_with_a_contradicting_country_does_not_resolve(nlp: Language) -> None:
    doc = nlp("Turkish cargo airline ACT Airlines resumed flights. The Greek airline said nothing.")
    assert not [m for m in doc._.cg_mentions if m.text == "The Greek airline" and m.actor_id == "act-airlines"]


def test_short_form_of_an_organisation(nlp: Language) -> None:
    doc = nlp("Norway's Kongsberg Defence Systems won the contract. Kongsberg said it would deliver in 2026.")
    assert mention(doc, "Kongsberg").actor_id == "kongsberg-defence-systems"
    assert doc._.cg_actors["kongsberg-defence-systems"].country == "NOR"


def test_weapons_and_platforms_are_not_actors(nlp: Language) -> None:
    doc = nlp("Ukraine received Patriot missiles and Bayraktar drones from Turkey. "
              "The F-16 jets arrived in May. Airlines bought Boeing aircraft.")
    texts = " ".join(m.text for m in doc._.cg_mentions)
    for thing in ("Patriot", "Bayraktar", "F-16", "Boeing"):
        assert thing not in texts
    assert mention(doc, "Turkey").role == "location"


def test_helpers_for_the_events_coder(nlp: Language) -> None:
    doc = nlp("Egypt's Foreign Ministry Spokesman Ahmed Abu Zeid said Cairo rejected the plan.")
    person = mention(doc, "Egypt's Foreign Ministry Spokesman Ahmed Abu Zeid")
    found = actors_for_span(doc, person.start, person.end)
    assert [m.actor_id for m in found] == ["ahmed-abu-zeid"]  # outermost only
    assert actor_for_token(doc, 0).actor_id == "EGY"
    head = next(t for t in doc if t.text == "Zeid")
    assert actor_for_token(doc, head.i).actor_id == "ahmed-abu-zeid"
    actor = doc._.cg_actors["ahmed-abu-zeid"]
    assert (actor.country, actor.sector) == ("EGY", "GOV")
    assert "person" in describe_actor(actor)
    cairo = mention(doc, "Cairo")
    assert actor_for_token(doc, cairo.start).actor_id == "EGY"


def test_locations_only_on_request(nlp: Language) -> None:
    doc = nlp("Sudan sent troops to Darfur, and Egypt hosted talks in Cairo.")
    whole = (0, len(doc))
    plain = {m.text for m in actors_for_span(doc, *whole)}
    places = {m.text for m in actors_for_span(doc, *whole, include_locations=True)}
    assert "Cairo" not in plain and "Cairo" in places
    assert {"Sudan", "Egypt"} <= plain


def test_documents_do_not_share_actors_and_odd_input_is_safe(nlp: Language) -> None:
    a = nlp("Hamas fired rockets.")
    b = nlp("Kenya hosted talks.")
    assert set(a._.cg_actors) == {"hamas"}
    assert set(b._.cg_actors) == {"KEN"}
    assert nlp("")._.cg_mentions == []
    odd = nlp("(" * 50 + "ABC" + ")" * 50 + " " + "-".join(["Xx"] * 300) + " \u00ad\u00ad -")
    assert isinstance(odd._.cg_mentions, list)


def test_every_mention_points_at_an_actor_and_matches_its_text(nlp: Language) -> None:
    doc = nlp("Baku has allowed Israel's intelligence agency, the Mossad, to set up a branch near "
              "the Iranian border, Azerbaijani officials said on Monday, according to Reuters. "
              "Turkish Defence Minister Yasar Guler met reporters; Guler said nothing about it.")
    for m in doc._.cg_mentions:
        assert m.actor_id in doc._.cg_actors
        assert doc.text[m.start_char:m.end_char] == m.text
        assert m.role in ("actor", "location")
    assert mention(doc, "Baku").actor_id == "AZE"
    assert mention(doc, "Reuters").actor_id == "reuters"
    assert mention(doc, "Guler").actor_id == "yasar-guler"
