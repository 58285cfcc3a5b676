"""Officials' countries when their title phrase names none, and smaller states' demonyms."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    from claimgraph.nlp.pipeline import build_pipeline

    return build_pipeline()


def country_of(nlp: Language, text: str, slug: str) -> str | None:
    doc = nlp(text)
    return doc._.cg_actors[slug].country


def test_demonym_title_gives_country(nlp: Language) -> None:
    assert country_of(nlp, "Malawian President Peter Mutharika met donors.", "peter-mutharika") == "MWI"


def test_official_takes_the_state_named_in_his_sentence(nlp: Language) -> None:
    assert country_of(nlp, "Former President Evo Morales flew back to Bolivia on Monday.", "evo-morales") == "BOL"


def test_state_inside_another_name_is_not_borrowed(nlp: Language) -> None:
    assert country_of(nlp, "President Joe Biden met Chinese leader Xi Jinping.", "joe-biden") is None


def test_official_takes_the_documents_leading_state(nlp: Language) -> None:
    text = ("Peru closed its border on Monday. Peru said the measure was temporary. "
            "Interior Minister Carlos Ruiz said the police would stay.")
    assert country_of(nlp, text, "carlos-ruiz") == "PER"


def test_untitled_person_gets_no_country(nlp: Language) -> None:
    text = "Peru closed its border. Peru said so. Businessman Carlos Ruiz disagreed."
    assert country_of(nlp, text, "carlos-ruiz") is None
