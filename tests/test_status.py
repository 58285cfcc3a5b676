"""status_for: the status decision over real attribution and modality output."""

from __future__ import annotations

import pytest

from claimgraph.nlp.events.status import status_for
from claimgraph.nlp.pipeline import build_pipeline
from claimgraph.nlp.types import ActorMention


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=["cg_attribution", "cg_modality"])


def _status(nlp, text, word, mentions=()):
    doc = nlp.make_doc(text)
    doc._.cg_mentions = list(mentions)
    doc = nlp(doc)
    i = next(t.i for t in doc if t.text == word)
    return status_for(doc, i)


def _mention(text, surface, actor):
    s = text.index(surface)
    return s, s + len(surface), actor


def test_plain_fact_is_asserted(nlp):
    st = _status(nlp, "The navy seized a tanker off the coast.", "seized")
    assert (st.status, st.said_by, st.attribution, st.negated) == ("asserted", None, None, False)


def test_according_to_publication_credits_its_author(nlp):
    st = _status(nlp, "According to a 3 May report by the Daily Courier, arms were shipped to the rebels.",
                 "shipped")
    assert st.status == "reported"
    assert st.said_by_text == "Daily Courier"


def test_allegedly_is_alleged_and_keeps_the_outer_source(nlp):
    text = "An inquiry by the Daily Courier found that the airline allegedly flew arms to the rebels."
    doc = nlp.make_doc(text)
    span = doc.char_span(text.index("Daily"), text.index("Daily") + len("Daily Courier"))
    doc._.cg_mentions = [ActorMention(span.start, span.end, span.start_char, span.end_char, span.text, "courier")]
    doc = nlp(doc)
    st = status_for(doc, next(t.i for t in doc if t.text == "flew"))
    assert st.status == "alleged"
    assert st.said_by == "courier" and st.said_by_text == "Daily Courier"


def test_may_have_is_hypothetical(nlp):
    assert _status(nlp, "Ruritania may have launched drones from the island.", "launched").status == "hypothetical"


def test_denial_event_asserted_its_content_denied(nlp):
    text = "The ministry has strongly denied any involvement in the raid."
    assert _status(nlp, text, "denied").status == "asserted"
    assert _status(nlp, text, "involvement").status == "denied"


def test_said_that_is_reported_by_the_speaker(nlp):
    st = _status(nlp, "Colonel Varga said the border guards have received orders to open fire.", "received")
    assert st.status == "reported"
    assert st.said_by_text == "Colonel Varga"


def test_news_reports_claim(nlp):
    st = _status(nlp, "Recent news reports claim that the port has allowed foreign warships to dock.", "allowed")
    assert st.status == "reported" and st.said_by is None
    assert st.said_by_text == "Recent news reports"


def test_reportedly_without_source(nlp):
    st = _status(nlp, "The council has reportedly approved the sale of the airfield.", "approved")
    assert st.status == "reported" and st.said_by_text is None


def test_widely_assumed_is_hypothetical(nlp):
    st = _status(nlp, "It is widely assumed that the cartel financed the campaign.", "financed")
    assert st.status == "hypothetical"


def test_inner_named_source_wins_over_outer(nlp):
    text = "According to the Daily Courier, Ruritania said its troops attacked the depot."
    m = _mention(text, "Ruritania", "RUR")
    doc = nlp.make_doc(text)
    span = doc.char_span(m[0], m[1])
    doc._.cg_mentions = [ActorMention(span.start, span.end, m[0], m[1], "Ruritania", "RUR")]
    doc = nlp(doc)
    st = status_for(doc, next(t.i for t in doc if t.text == "attacked"))
    assert st.status == "reported" and st.said_by == "RUR"


def test_negation_sets_negated(nlp):
    st = _status(nlp, "The army did not attack the convoy.", "attack")
    assert st.negated and st.status == "asserted"


def test_headline_one_line_no_period(nlp):
    assert _status(nlp, "Rebels may have downed army helicopter", "downed").status == "hypothetical"
    assert _status(nlp, "Officials say rebels downed army helicopter", "downed").status == "reported"
    assert _status(nlp, "Rebels down army helicopter", "down").status == "asserted"


def test_without_cues_or_attributions_extensions(nlp):
    doc = nlp.make_doc("Troops crossed the river")
    assert status_for(doc, 1).status == "asserted"
