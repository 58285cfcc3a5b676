"""cg_attribution on sentences of our own, through the real spaCy pipeline."""

from __future__ import annotations

import pytest

from claimgraph.nlp.pipeline import build_pipeline
from claimgraph.nlp.types import ActorMention


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=["cg_attribution"])


def _atts(nlp, text):
    return nlp(text)._.cg_attributions


def test_according_to_at_sentence_start(nlp):
    (a,) = _atts(nlp, "According to a leaked memo from the ministry, the convoy crossed the border at night.")
    assert a.kind == "according_to"
    assert a.cue.text == "According to"
    assert a.source.text == "a leaked memo from the ministry"
    assert a.content.text == "the convoy crossed the border at night"


def test_according_to_at_end_frames_the_whole_report(nlp):
    atts = _atts(nlp, "The minister promised that the port would reopen, according to the state broadcaster.")
    frame = next(i for i, a in enumerate(atts) if a.kind == "according_to")
    verb = next(a for a in atts if a.cue.text == "promised")
    assert verb.parent == frame
    assert "the port would reopen" in verb.content.text
    assert "according" not in verb.content.text


def test_speech_verb_with_that_clause(nlp):
    (a,) = _atts(nlp, "The governor announced that the curfew would end on Monday.")
    assert (a.kind, a.cue.text, a.source.text) == ("verb", "announced", "The governor")
    assert a.content.text == "that the curfew would end on Monday"


def test_quotation_before_speaker(nlp):
    (a,) = _atts(nlp, "“We will not retreat from the valley,” the colonel said.")
    assert a.source.text == "the colonel"
    assert a.content.text == "We will not retreat from the valley"


def test_quotation_after_colon(nlp):
    (a,) = _atts(nlp, "The envoy said: “Talks will resume next week.”")
    assert a.source.text == "The envoy"
    assert "Talks will resume" in a.content.text


def test_passive_unnamed_source_keeps_no_source(nlp):
    (a,) = _atts(nlp, "It has been reported that the militia seized two villages.")
    assert a.kind == "passive" and a.source is None
    assert "seized two villages" in a.content.text


def test_unnamed_plural_source(nlp):
    (a,) = _atts(nlp, "Local officials say the bridge was destroyed by shelling.")
    assert a.kind == "unnamed"
    assert a.source.text == "Local officials" and a.source_actor_id is None


def test_reportedly_is_an_adverb_cue(nlp):
    (a,) = _atts(nlp, "The rebels reportedly captured the airport.")
    assert (a.kind, a.cue.text, a.source) == ("adverb", "reportedly", None)
    assert "captured the airport" in a.content.text


def test_chain_revealed_that_someone_had_said(nlp):
    atts = _atts(nlp, "The newspaper revealed that the general had said the offensive would start in spring.")
    outer = next(i for i, a in enumerate(atts) if a.cue.text == "revealed")
    inner = next(a for a in atts if a.cue.text == "said")
    assert inner.parent == outer and atts[outer].parent is None


def test_as_x_put_it(nlp):
    (a,) = _atts(nlp, "As one diplomat put it, the ceasefire is only on paper.")
    assert a.source.text == "one diplomat"
    assert a.content.text == "the ceasefire is only on paper"


def test_speaker_label_headline(nlp):
    (a,) = _atts(nlp, "Mayor Lund: Flood Defences Will Hold")
    assert a.cue.text == ":" and a.source.text == "Mayor Lund"


def test_plain_fact_has_no_attribution(nlp):
    assert _atts(nlp, "The army moved three brigades to the northern front in March.") == []


def test_source_linked_to_actor_mention(nlp):
    text = "Ruritania said that its troops had left the buffer zone."
    doc = nlp.make_doc(text)
    doc._.cg_mentions = [ActorMention(0, 1, 0, 9, "Ruritania", "RUR")]
    doc = nlp(doc)
    (a,) = doc._.cg_attributions
    assert a.source_actor_id == "RUR"


def test_publication_author_linked(nlp):
    text = "According to an inquiry by the Daily Courier, the funds were diverted."
    doc = nlp.make_doc(text)
    start = text.index("Daily")
    span = doc.char_span(start, start + len("Daily Courier"))
    doc._.cg_mentions = [ActorMention(span.start, span.end, start, span.end_char, span.text, "daily-courier")]
    (a,) = nlp(doc)._.cg_attributions
    assert a.source_actor_id == "daily-courier"


def test_headline_without_period(nlp):
    (a,) = _atts(nlp, "Officials say drones struck fuel depot near the border")
    assert a.source.text == "Officials"


def test_speaker_taking_a_position_without_a_clause(nlp):
    atts = _atts(nlp, "The senator responded by pointing to the budget figures.")
    assert atts[0].cue.text == "responded" and atts[0].source.text == "The senator"


def test_passive_without_clause_reports_its_subject_with_no_source(nlp):
    # an announcement by nobody named is still an announcement (PolNeAR-style)
    (a,) = _atts(nlp, "A truce was announced on Monday after the talks.")
    assert (a.kind, a.source, a.content.text) == ("passive", None, "A truce")


def test_quotation_in_the_next_paragraph_after_colon(nlp):
    atts = _atts(nlp, "The mayor spoke on Monday. She said:\n\n\u201cWe will rebuild the bridge before winter.\u201d")
    assert atts[-1].cue.text == "said" and atts[-1].content.text == "We will rebuild the bridge before winter"
