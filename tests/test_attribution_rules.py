"""cg_attribution rules added for PolNeAR coverage, on sentences of our own.

Each test names the general shape it pins down; none is taken from an
evaluation set."""

from __future__ import annotations

import pytest

from claimgraph.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(components=["cg_attribution"])


def _top(nlp, text):
    """Top-level attributions (no parent) by cue text."""
    return {a.cue.text: a for a in nlp(text)._.cg_attributions if a.parent is None}


def test_coordinated_speech_verb_is_a_second_report_by_the_same_speaker(nlp):
    top = _top(nlp, "The mayor said the bridge would reopen in May and warned against further protests.")
    assert top["said"].content.text == "the bridge would reopen in May"
    assert top["warned"].source.text == "The mayor"


def test_coordinated_verb_in_the_reported_tense_stays_reported(nlp):
    # "refused" shares the reported clause's tense, not the present "say"
    top = _top(nlp, "Residents say the water turned brown and refused to drink it.")
    assert "refused" not in top


def test_participle_after_comma_is_its_own_report(nlp):
    top = _top(nlp, "The senator criticised the budget on Monday, arguing that it ignores rural schools.")
    assert top["arguing"].source.text == "The senator"
    assert "arguing" not in top["criticised"].content.text


def test_purpose_infinitive_after_comma_stays_inside(nlp):
    top = _top(nlp, "The council voted for the plan, hoping to prove that the scheme works.")
    assert "prove" not in top


def test_relative_clause_reporting_a_clause_is_its_own_report(nlp):
    top = _top(nlp, "The coalition backed the treaty, which its leader said would end the dispute.")
    assert top["backed"].content.text == "the treaty"
    assert top["said"].source.text == "its leader"


def _all(nlp, text):
    return {a.cue.text: a for a in nlp(text)._.cg_attributions}


def test_claim_noun_with_that_clause_and_possessor(nlp):
    a = _all(nlp, "Officials disputed the agency's claim that the dam was safe.")["claim"]
    assert (a.kind, a.source.text, a.content.text) == ("noun", "the agency", "that the dam was safe")


def test_claim_noun_with_topic_needs_a_named_sayer(nlp):
    a = _all(nlp, "Her remarks about the strike angered the union.")["remarks"]
    assert (a.source.text, a.content.text) == ("Her", "the strike")
    assert "questions" not in _all(nlp, "Questions about the budget remain.")


def test_claim_noun_voiced_by_the_subject_of_its_verb(nlp):
    a = _all(nlp, "The senator raised questions about the budget.")["questions"]
    assert (a.source.text, a.content.text) == ("The senator", "the budget")


def test_relative_clause_on_a_claim_noun_is_not_its_content(nlp):
    assert "claim" not in _all(nlp, "He repeated the claim that he made last week.")
    assert "statement" not in _all(nlp, "They doubted the statement that she issued on Friday.")


def test_passive_speech_verb_reports_its_subject(nlp):
    a = _all(nlp, "The harbour plan is backed by the port workers.")["backed"]
    assert (a.source.text, a.content.text) == ("the port workers", "The harbour plan")
    b = _all(nlp, "A curfew was announced for the weekend.")["announced"]
    assert (b.kind, b.source, b.content.text) == ("passive", None, "A curfew")
    assert "cancelled" not in _all(nlp, "The parade was cancelled by the mayor.")


def test_inverted_speaker_after_quotation_is_the_subject_nearest_the_verb(nlp):
    a = _all(nlp, "“The harvest is lost. Entirely lost,” said Maria Lopez, a farmer from the valley.")["said"]
    assert a.source.text == "Maria Lopez"


def test_according_to_after_a_heading_frames_only_its_own_paragraph(nlp):
    text = ("Arms by air\n\nAccording to leaked documents, the airline has been flying "
            "explosives out of the airbase for a decade.")
    a = _all(nlp, text)["According to"]
    assert a.content.text.startswith("the airline has been flying explosives")


def test_rubric_opening_with_an_article_is_no_speaker_label(nlp):
    atts = nlp("The Briefing: Ministers urge calm after the floods.\n\nMore follows.")._.cg_attributions
    assert not any(a.kind == "quote" for a in atts)
    labelled = nlp("Okafor: We will not sign this deal.\n\nMore follows.")._.cg_attributions
    assert any(a.kind == "quote" and a.source.text == "Okafor" for a in labelled)


def test_vox_pop_lines_each_keep_their_own_speaker(nlp):
    # the second line opens with a closing-shaped mark (a typing slip): its
    # quotation starts on its own line and must not swallow the first speaker
    text = ("“The schools need more teachers.” ― Ana Ruiz\n"
            "”We pay too much for buses.” ― Tom Lee\n")
    atts = [a for a in nlp(text)._.cg_attributions if a.kind == "quote"]
    assert [a.source.text for a in atts] == ["Ana Ruiz", "Tom Lee"]
    assert all(a.parent is None for a in atts)
    assert atts[1].content.text == "We pay too much for buses"


def test_quote_mark_glued_to_dash_still_credits_the_speaker(nlp):
    # no space between the closing mark and the dash: one token for both
    top = _top(nlp, "Voters were asked about the plan.\n\n“It will cost us dearly.”― Mara Stone.\n")
    att = next(a for a in top.values() if a.kind == "quote")
    assert att.source.text == "Mara Stone"
    assert att.content.text == "It will cost us dearly"


def test_speech_verb_and_colon_closing_a_line_introduce_the_next_paragraph(nlp):
    text = ("The council met on Tuesday.\n\nThe treasurer added:\n\n"
            "We cannot keep the pools open all winter without a new levy.\n\nThe vote is next week.")
    top = _top(nlp, text)
    assert top["added"].source.text == "The treasurer"
    assert top["added"].content.text == "We cannot keep the pools open all winter without a new levy"


def test_trailing_speaker_frame_reports_the_whole_sentence(nlp):
    # the parser hangs "the aide added" on the last conjunct only
    atts = _all(nlp, "The minister had promised the port would open, but the army blocked the road, the aide added.")
    assert atts["added"].content.text == "The minister had promised the port would open, but the army blocked the road"
    assert atts["promised"].parent is not None


def test_reduced_relative_report_stays_inside_the_outer_content(nlp):
    top = _top(nlp, "She said she will spend the money he says he raised on advertising.")
    assert "says" not in top
    assert "he raised" in top["said"].content.text


def test_mislemmatised_silent_e_verb_is_still_a_cue(nlp):
    # the rule lemmatizer turns "hoping" into "hop"
    top = _top(nlp, "The governor is hoping that the storm will pass the coast by Friday.")
    assert top["hoping"].source.text == "The governor"


@pytest.mark.parametrize(("text", "cue", "source", "content"), [
    ("Party leaders are worried about the low turnout in the cities.", "worried", "Party leaders",
     "the low turnout in the cities"),
    ("The envoy was sure the talks would fail.", "sure", "The envoy", "the talks would fail"),
    ("The unions have been critical of the new pension rules.", "critical", "The unions", "the new pension rules"),
])
def test_stance_adjective_with_a_complement_is_a_cue(nlp, text, cue, source, content):
    att = _top(nlp, text)[cue]
    assert att.source.text == source
    assert att.content.text == content


def test_stance_adjective_without_a_complement_is_not(nlp):
    assert "worried" not in _top(nlp, "The farmers were worried.")


def test_seems_is_an_inference_credited_to_nobody(nlp):
    att = _top(nlp, "The ceasefire seems to have collapsed overnight.")["seems"]
    assert att.source is None and att.kind == "evidential"
    assert "have collapsed overnight" in att.content.text


def test_report_inside_a_quotation_stays_inside_it(nlp):
    # the parser hangs the interrupting "he added" on the quoted verb
    atts = _all(nlp, "“That,” he added, “promises to make life a lot harder for our children.”")
    assert atts["promises"].content.text == "to make life a lot harder for our children"
    assert atts["promises"].parent is not None


def test_newspaper_double_apostrophe_quotes_are_quotations():
    from claimgraph.nlp.attribution.spans import quote_regions
    text = "He said ''we are ready'' and left."
    assert [text[a:b] for a, b in quote_regions(text)] == ["we are ready"]


def test_hearer_before_a_colon_quotation(nlp):
    att = _top(nlp, "The general told reporters: “We will not retreat.”")["told"]
    assert att.content.text == "We will not retreat"


def test_everyday_sense_of_a_speech_verb_needs_a_clause(nlp):
    assert "maintains" not in _top(nlp, "The foundation maintains a program for young leaders.")
    assert _top(nlp, "The ministry maintains that the dam is safe.")["maintains"].source.text == "The ministry"


def test_comparison_nobody_makes_is_not_a_cue(nlp):
    assert "compared" not in _all(nlp, "Men earned a median salary of $98,000, compared with $93,000 for women.")
    top = _top(nlp, "The senator compared the governor to a used-car salesman.")
    assert top["compared the governor to"].source.text == "The senator"


def test_declared_feelings_about_someone_are_positions(nlp):
    att = _top(nlp, "The candidate openly admires the general as a strong leader.")["admires"]
    assert att.source.text == "The candidate"


def test_reported_content_lies_on_one_side_of_the_frame(nlp):
    text = ('"Voters do not agree with the mayor," Jones said, asking a few questions, including, '
            '"Do you really think the tunnel needs more money?"')
    att = _top(nlp, text)["said"]
    assert "Jones said" not in att.content.text


def test_quotation_left_open_at_a_paragraph_end_runs_to_that_end():
    from claimgraph.nlp.attribution.spans import quote_regions
    text = "“We will fight on. I think we can win.\n“And we will.”"
    assert [text[a:b] for a, b in quote_regions(text)] == ["We will fight on. I think we can win.", "And we will."]


def test_relative_clause_at_sentence_end_is_not_a_speaker_frame(nlp):
    atts = _all(nlp, "The airline bought three cargo planes to expand its fleet, which has been described as vast.")
    assert all("bought" not in a.content.text for a in atts.values())
    assert atts["described"].content.text == "its fleet"


def test_aspectual_continue_is_not_a_report(nlp):
    assert "continues" not in _all(nlp, "The airline continues to land at the base every week.")


def test_headline_colon_quotation_is_credited_to_the_names_before_it(nlp):
    atts = _all(nlp, "Senator Jane Roe Grills Bank Chief: ‘You Should Resign Today.’\n\nThe hearing ran late.")
    att = atts[":"]
    assert att.source.text == "Senator Jane Roe Grills Bank Chief"  # a headline: every word capitalised
    assert att.content.text == "You Should Resign Today"
    lesson = _all(nlp, "A lesson from Jane Roe: 'Be the voice that people hear.'\n\nShe spoke for an hour.")[":"]
    assert lesson.source.text == "Jane Roe"


def test_editors_rubric_is_no_speaker(nlp):
    assert ":" not in _all(nlp, "Correction: An earlier version of this article misstated the date.")
