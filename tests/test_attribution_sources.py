"""Source resolution rules of cg_attribution (attribution_sources.py and the
subject rules in attribution.py), on sentences of our own."""

from __future__ import annotations

import pytest

from claimgraph.model import Actor
from claimgraph.nlp.events.status import status_for
from claimgraph.nlp.pipeline import build_pipeline
from claimgraph.nlp.types import ActorMention


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=["cg_attribution", "cg_modality"])


def _doc(nlp, text, names):
    """Parse `text` with actor mentions on each (surface, actor id, kind)."""
    doc = nlp.make_doc(text)
    mentions, actors = [], {}
    for surface, actor_id, kind in names:
        s = text.index(surface)
        span = doc.char_span(s, s + len(surface))
        mentions.append(ActorMention(span.start, span.end, s, span.end_char, surface, actor_id))
        actors[actor_id] = Actor(id=actor_id, name=surface, kind=kind)
    doc._.cg_mentions = mentions
    doc._.cg_actors = actors
    return nlp(doc)


def _credit(doc, word):
    return status_for(doc, next(t.i for t in doc if t.text == word))


def test_pronoun_source_is_the_last_named_speaker(nlp):
    text = ("Varga said the guards had orders to shoot. As a result, he said, the mayor closed "
            "the bridge to traffic.")
    doc = _doc(nlp, text, [("Varga", "varga", "person")])
    st = _credit(doc, "closed")
    assert st.status == "reported" and st.said_by == "varga"


def test_pronoun_does_not_reach_a_country_speaker(nlp):
    text = "Ruritania said the talks had failed. Later he said the envoy left the capital."
    doc = _doc(nlp, text, [("Ruritania", "RUR", "country")])
    assert _credit(doc, "left").said_by is None


def test_definite_report_refers_back_to_the_named_report(nlp):
    text = ("A report by the Civic Audit Office found that the ministry overpaid for fuel. "
            "The report also noted that the contracts were never tendered.")
    doc = _doc(nlp, text, [("Civic Audit Office", "cao", "organization")])
    assert _credit(doc, "tendered").said_by == "cao"


def test_subject_of_a_clause_after_a_preposition(nlp):
    text = ("The move comes after a study by the Civic Audit Office revealed that the port "
            "had leased its cranes.")
    doc = _doc(nlp, text, [("Civic Audit Office", "cao", "organization")])
    att = next(a for a in doc._.cg_attributions if a.cue.text == "revealed")
    assert att.source is not None and "study" in att.source.text
    assert _credit(doc, "leased").said_by == "cao"


def test_according_to_with_relative_clause_frames_the_sentence(nlp):
    text = ("Ruritania has promised Osterland that it will not host the missiles, according to Varga, "
            "who stressed that talks must continue.")
    doc = _doc(nlp, text, [("Varga", "varga", "person"), ("Ruritania", "RUR", "country")])
    st = _credit(doc, "promised")
    assert st.status == "reported" and st.said_by == "varga"


def test_holder_of_evidence_is_the_source(nlp):
    text = "The police have received information indicating that the van entered the depot at night."
    doc = _doc(nlp, text, [])
    att = next(a for a in doc._.cg_attributions if a.cue.text == "indicating")
    assert att.source is not None and att.source.text == "The police"


def test_source_stops_at_a_paragraph_break(nlp):
    text = "Trouble at the port\n\nLocal news reports claim that the harbour master has resigned."
    doc = _doc(nlp, text, [])
    att = next(a for a in doc._.cg_attributions if a.cue.text == "claim")
    assert "Trouble" not in att.source.text


def test_an_allegation_event_is_alleged(nlp):
    doc = _doc(nlp, "Opposition leaders allege that the army shelled the village.", [])
    assert _credit(doc, "allege").status == "alleged"


def test_accusation_noun_is_alleged_and_credits_the_accuser(nlp):
    text = "Opposition newspapers made fresh accusations against the governor last week."
    doc = _doc(nlp, text, [])
    st = _credit(doc, "accusations")
    assert st.status == "alleged" and st.said_by_text == "Opposition newspapers"


def test_accusation_inside_a_report_stays_reported(nlp):
    text = "Varga said the governor had made fresh accusations against the mayor."
    doc = _doc(nlp, text, [("Varga", "varga", "person")])
    assert _credit(doc, "accusations").status == "reported"
