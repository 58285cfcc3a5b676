"""The actor tables and the pure matching helpers (no pipeline needed)."""

from __future__ import annotations

from claimgraph.nlp.actors.coref import abbreviates, token_abbreviates
from claimgraph.nlp.actors.registry import slug
from claimgraph.ontology.actors import actor_words, country_name, country_names, known_orgs


def test_country_forms_cover_iso_names_and_news_forms() -> None:
    forms = {p.text: p for p in country_names()}
    assert forms["Azerbaijan"].iso3 == "AZE"
    assert forms["Azeri"].form == "demonym"
    assert forms["Tehran"].form == "capital" and forms["Tehran"].iso3 == "IRN"
    assert forms["White House"].iso3 == "USA"
    assert forms["Islamic Republic of Iran"].iso3 == "IRN"
    assert forms["Viet Nam"].iso3 == "VNM"  # straight from pycountry
    assert not [t for t in forms if "," in t]  # "Iran, Islamic Republic of" never occurs in text
    assert country_name("IRN") == "Iran" and country_name("GBR") == "United Kingdom"


def test_known_orgs_have_unique_ids_and_valid_fields() -> None:
    orgs = known_orgs()
    assert len({o.id for o in orgs}) == len(orgs)
    iso = {p.iso3 for p in country_names()}
    for org in orgs:
        assert org.id == slug(org.id)
        assert org.country is None or org.country in iso
        assert org.kind in {"agency", "military", "armed-group", "igo", "ngo", "media", "company", "organization"}


def test_actor_words_load_with_sectors() -> None:
    words = actor_words()
    assert words.titles["spokesman"] == "GOV"
    assert words.org_heads["airlines"] == ("company", "BUS")
    assert "drones" in words.platforms and "airbase" in words.facilities
    assert "in" in words.locative and "between" not in words.locative


def test_abbreviation_matching() -> None:
    assert token_abbreviates("ex-im", "export-import")
    assert not token_abbreviates("ex", "export-import")
    heads = actor_words().org_heads
    assert abbreviates(["ex-im", "bank"], ["export-import", "bank"], heads)
    assert abbreviates(["silk", "way"], ["silk", "way", "airlines"], heads)
    assert not abbreviates(["bank"], ["export-import", "bank"], heads)  # nothing distinctive
    assert not abbreviates(["way"], ["silk", "way", "airlines"], heads)  # must keep the first word


def test_slug_is_stable_ascii() -> None:
    assert slug("Médecins Sans Frontières") == "medecins-sans-frontieres"
    assert slug("Silk Way Airlines") == "silk-way-airlines"
    assert slug("!!!") == "actor"
