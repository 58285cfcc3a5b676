"""cg_structure: the layout decides sentence boundaries the parser would blur (sentences of our own wording)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def nlp():
    """The full pipeline with the (opt-in) layout component."""
    from claimgraph.nlp.pipeline import build_pipeline

    return build_pipeline(layout=True)


def _sents(doc) -> list[str]:
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def test_a_blank_line_is_a_sentence_break(nlp) -> None:
    # a caption without a full stop, then the body: the caption's country must not join the body's clause
    doc = nlp("Smoke rises over the harbour of Varna in Bulgaria\n\nRomanian forces shelled a Moldovan depot on Friday.")
    sents = _sents(doc)
    assert sents[0] == "Smoke rises over the harbour of Varna in Bulgaria"
    assert sents[1].startswith("Romanian forces shelled")


def test_a_single_line_break_is_left_to_the_parser(nlp) -> None:
    # hard-wrapped plain text: one sentence across a newline stays one sentence
    doc = nlp("The delegation from Chile met officials of\nArgentina in Santiago on Monday.")
    assert len(_sents(doc)) == 1


def test_a_headline_list_is_furniture_and_codes_no_event(nlp) -> None:
    text = ("Kenya accuses Somalia of border raids\n\n"
            "Kenya accused Somalia of sheltering gunmen on Tuesday.\n\n"
            "Related Coverage\n"
            "Ethiopia Attacks Eritrean Border Post\n"
            "Sudan Expels Chadian Diplomats After Clash\n\n"
            "The foreign ministry in Nairobi gave no details.")
    doc = nlp(text)
    furniture = [doc[s:e].text for s, e in doc._.cg_furniture]
    assert "Ethiopia Attacks Eritrean Border Post" in furniture
    assert "Sudan Expels Chadian Diplomats After Clash" in furniture
    triggers = {e.trigger.text.lower() for e in doc._.cg_events}
    assert "attacks" not in triggers and "expels" not in triggers
    # the article's own headline (a lone title line) and body still code
    assert any(e.type == "ACCUSE" for e in doc._.cg_events)


def test_a_lone_title_line_is_not_a_list(nlp) -> None:
    doc = nlp("Ethiopia Attacks Eritrean Border Post\n\nEthiopian troops attacked an Eritrean post, officials said.")
    assert doc._.cg_furniture == []
    assert any(e.type == "ASSAULT" for e in doc._.cg_events)
