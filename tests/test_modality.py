"""cg_modality cue kinds and scopes, through the real spaCy pipeline."""

from __future__ import annotations

import pytest

from claimgraph.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=["cg_attribution", "cg_modality"])


def _cues(nlp, text):
    return {(c.kind, c.text): c.scope.text for c in nlp(text)._.cg_cues}


def test_modal_hedge_scopes_its_clause(nlp):
    cues = _cues(nlp, "The militia may have shelled the depot.")
    assert cues[("hedge", "may")] == "The militia may have shelled the depot"


def test_may_the_month_is_not_a_hedge(nlp):
    assert ("hedge", "May") not in _cues(nlp, "The talks ended in May.")


def test_denial_scope_excludes_the_denial_verb(nlp):
    cues = _cues(nlp, "The ministry flatly denied that its jets bombed the market.")
    scope = cues[("deny", "flatly denied")]
    assert "bombed the market" in scope and "denied" not in scope


def test_rejected_the_claims_is_a_denial_only_with_a_claim_object(nlp):
    assert ("deny", "rejected") in _cues(nlp, "The company rejected the allegations of smuggling.")
    assert ("deny", "rejected") not in _cues(nlp, "The council rejected the budget.")


def test_allegedly_and_accused_of(nlp):
    assert ("allege", "allegedly") in _cues(nlp, "The captain allegedly sold fuel to the rebels.")
    cues = _cues(nlp, "The group was accused of kidnapping two engineers.")
    assert "kidnapping two engineers" in cues[("allege", "accused of")]


def test_widely_assumed_scopes_the_that_clause(nlp):
    cues = _cues(nlp, "It is widely assumed that the cartel financed the campaign.")
    assert cues[("hedge", "widely assumed")] == "that the cartel financed the campaign"


def test_conditional_if_with_would_covers_main_clause(nlp):
    cues = _cues(nlp, "If the talks fail, the army would resume its advance.")
    assert "resume its advance" in cues[("conditional", "If")]


def test_in_the_event_covers_only_the_condition(nlp):
    cues = _cues(nlp, "The port was prepared to receive ships in the event the blockade ends.")
    scope = cues[("conditional", "in the event")]
    assert "blockade ends" in scope and "prepared" not in scope


def test_speculation_pointing_back(nlp):
    cues = _cues(nlp, "The envoy met the rebels in secret. Whether or not this is true.")
    assert "met the rebels" in cues[("speculation", "Whether or not this is true")]


def test_negation_found_but_not_inside_speculation_phrase(nlp):
    cues = _cues(nlp, "The army did not cross the river.")
    assert ("negation", "not") in cues
    assert ("negation", "not") not in _cues(nlp, "Whether or not this is true, nobody knows.")


def test_plain_sentence_has_no_uncertainty_cues(nlp):
    kinds = {k for k, _ in _cues(nlp, "Troops entered the town on Friday.")}
    assert not kinds & {"hedge", "allege", "deny", "speculation", "conditional"}
