"""Stance (analysis/stance.py) and `claimgraph check` on a real SQLite store, through Click."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from test_analysis import _silk_docs
from test_analysis_helpers import add, open_store

from claimgraph import api
from claimgraph.analysis.stance import SentenceIndex, judge_sentences, sentences
from claimgraph.cli import main
from claimgraph.evaluation.common import half
from claimgraph.evaluation.stance import fnc_score

CLAIM = "Azerbaijan let Israel use its airspace to strike Iran"
TEXTS = {
    "agree": "Azerbaijan let Israel use its airspace to strike Iran last June. The jets flew over the Caspian.",
    "refute": "Claims that Azerbaijan let Israel use its airspace to strike Iran are a hoax. "
              "Officials called the story fake.",
    "hedge": "Azerbaijan reportedly let Israel use its airspace to strike Iran, according to Iranian media. "
             "The report could not be verified.",
    "other": "Wheat prices rose in Chicago on Tuesday as traders weighed the harvest in Kansas.",
}


def _index() -> SentenceIndex:
    return SentenceIndex.build(TEXTS.items())


def test_stance_follows_how_english_commits_refutes_or_hedges() -> None:
    got = {j.document: j for j in _index().check(CLAIM)}
    assert got["agree"].stance == "agree"
    assert got["refute"].stance == "disagree" and "hoax" in got["refute"].reason
    assert got["hedge"].stance == "discuss" and "according to" in got["hedge"].reason
    assert "other" not in got  # unrelated documents are not listed
    assert all(j.evidence and j.reason for j in got.values())


def test_a_claim_that_itself_refutes_is_agreed_with_by_a_refutation() -> None:
    got = {j.document: j for j in _index().check("Reports that Azerbaijan let Israel use its airspace are a hoax")}
    assert got["refute"].stance == "agree"
    assert got["agree"].stance == "disagree"


def test_evidence_offsets_point_into_the_text() -> None:
    text = TEXTS["hedge"]
    spans = sentences(text)
    assert len(spans) == 2 and text[spans[1][0]:spans[1][1]].startswith("The report")
    (j,) = [j for j in _index().check(CLAIM) if j.document == "hedge"]
    assert all(text[e.start:e.end] == e.text for e in j.evidence)


def test_judging_a_claims_sentences_against_another_claims() -> None:
    j = judge_sentences("Israel struck a deal with Azerbaijan allowing strikes on Iran.",
                        ["Baku prepared an airfield to assist Israel against Iranian sites."])
    assert j is not None  # "Baku" is Azerbaijan, "Iranian" is Iran: related
    assert judge_sentences("Israel struck a deal with Azerbaijan.", ["Wheat prices rose in Chicago."]) is None


def test_check_json_schema_order_and_file(tmp_path: Path) -> None:
    s = open_store(tmp_path, "claims.db")
    for d in _silk_docs():
        add(s, d)
    api.analyze(s, None)
    s.close()
    db = str(tmp_path / "claims.db")
    run = CliRunner()
    out = run.invoke(main, ["check", "Silk Way made secret flights", "--db", db, "--json"])
    assert out.exit_code == 0, out.output
    (rec,) = [json.loads(line) for line in out.stdout.splitlines()]
    assert rec["claim"] == "Silk Way made secret flights" and rec["documents"]
    d = rec["documents"][0]
    assert set(d) == {"document", "stance", "evidence", "claims"}
    assert set(d["document"]) == {"id", "origin", "outlet"} and d["stance"] in ("agree", "disagree", "discuss")
    assert set(d["evidence"][0]) == {"text", "start", "end"} and d["claims"]
    claims = tmp_path / "claims.txt"
    claims.write_text("Silk Way made secret flights\n\nAzerbaijan supplies Israel with oil\nNothing like this at all\n",
                      encoding="utf-8")
    out = run.invoke(main, ["check", "--file", str(claims), "--db", db, "--json"])
    recs = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["claim"] for r in recs] == ["Silk Way made secret flights", "Azerbaijan supplies Israel with oil",
                                         "Nothing like this at all"]
    assert recs[1]["documents"] and recs[2]["documents"] == []
    table = run.invoke(main, ["check", "Silk Way made secret flights", "--db", db])
    assert table.exit_code == 0 and "related document" in table.output


def test_check_bad_input_is_one_clear_error(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    run = CliRunner()
    assert run.invoke(main, ["check", "--db", db]).exit_code != 0
    long = tmp_path / "long.txt"
    long.write_text("ok claim\n" + "x" * 5000 + "\n", encoding="utf-8")
    out = run.invoke(main, ["check", "--file", str(long), "--db", db])
    assert out.exit_code != 0 and "line(s) 2" in out.output
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00claim")
    out = run.invoke(main, ["check", "--file", str(bad), "--db", db])
    assert out.exit_code != 0 and "UTF-8" in out.output
    out = run.invoke(main, ["check", "   ", "--db", db])
    assert out.exit_code != 0 and "empty claim" in out.output


def test_fnc_score_and_split() -> None:
    figures = fnc_score(["agree", "unrelated", "disagree", "discuss"], ["agree", "unrelated", "discuss", "unrelated"])
    # max = 1 + .25 + 1 + 1; got = 1 (agree) + .25 (unrelated) + .25 (disagree related) + 0
    assert figures["score"] == round(1.5 / 3.25, 4) and figures["agree_f1"] == 1.0 and figures["disagree_f1"] == 0.0
    assert {half(f"headline {i}") for i in range(20)} == {"read", "scored"}
    assert half("same headline") == half("same headline")
