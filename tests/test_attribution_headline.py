"""Headline attributions (attribution_headline.py) on headlines of our own."""

from __future__ import annotations

import pytest

from claimgraph.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=["cg_attribution"])


def _first_line(nlp, text):
    doc = nlp(text)
    end = text.index("\n")
    return [a for a in doc._.cg_attributions if a.cue.start_char < end]


@pytest.mark.parametrize("headline, cue, source", [
    ("Mayor Vows To Close Downtown Casino.", "Vows", "Mayor"),
    ("Farm union votes to strike over milk prices.", "votes", "Farm union"),
    ("Angry Farmers Rally To Save Village Dairy.", "Rally", "Angry Farmers"),
])
def test_headline_verb_after_its_actor(nlp, headline, cue, source):
    atts = _first_line(nlp, headline + "\n\nThe story itself starts here.")
    assert [a.cue.text for a in atts] == [cue]
    assert atts[0].source.text == source


def test_headline_rule_only_reads_the_first_line(nlp):
    text = "Harbour news.\n\nFarm union votes to strike over milk prices.\n"
    assert all(a.cue_lemma != "vote" or a.cue.start_char > 0 for a in nlp(text)._.cg_attributions)
    assert not _first_line(nlp, text)


def test_headline_with_a_found_cue_gets_no_second_one(nlp):
    atts = _first_line(nlp, "Mayor says casino will close.\n\nMore below.")
    assert [a.cue.text for a in atts] == ["says"]


def test_content_stops_at_a_line_break(nlp):
    doc = nlp("Union chief says talks failed;\nMinister calls for calm in the capital.\n\nBody.")
    says = next(a for a in doc._.cg_attributions if a.cue.text == "says")
    assert "\n" not in says.content.text


def test_in_a_poll_is_a_source(nlp):
    (a,) = [a for a in nlp("In the newest harbour survey, the ferry plan led by ten points.")._.cg_attributions
            if a.cue_lemma == "in"]
    assert a.source.text == "the newest harbour survey"
    assert a.content.text == "the ferry plan led by ten points"
