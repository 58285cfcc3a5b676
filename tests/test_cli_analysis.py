"""The analysis commands through Click, on a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import json
from pathlib import Path

import click
from backends import Databases
from click.testing import CliRunner
from test_analysis import _silk_docs
from test_analysis_helpers import add

from claimgraph.analysis import rebuild
from claimgraph.cli.analysis import register


def _cli() -> click.Group:
    group = click.Group()
    register(group)
    return group


def _db(dbs: Databases) -> str:
    s = dbs.open("cli.db")
    for d in _silk_docs():
        add(s, d)
    rebuild(s)
    s.close()
    return dbs.url("cli.db")


def test_claims_ledger_and_claim_detail(dbs: Databases) -> None:
    db, run = _db(dbs), CliRunner()
    out = run.invoke(_cli(), ["claims", "--db", db, "--json"])
    assert out.exit_code == 0, out.output
    ledger = json.loads(out.output)
    ranks = [(r["context"], -r["support"], -r["specificity"]) for r in ledger]
    assert ranks == sorted(ranks)  # independent support first, then specificity; background last
    assert all(r["lines"] and r["track_records"] for r in ledger)  # each line explained, each source's record
    aid = next(r for r in ledger if r["type"] == "AID")
    out = run.invoke(_cli(), ["claim", aid["id"][:8], "--db", db, "--json"])
    detail = json.loads(out.output)
    assert detail["evidence"][0]["text"].startswith("Silk Way allegedly")
    assert detail["evidence"][0]["outlet"] == "The Cradle"
    assert any(ln["kind"] == "denied-by" for ln in detail["links"]) and detail["grade"]["reasons"]
    text = run.invoke(_cli(), ["claim", aid["id"], "--db", db])
    assert "denied-by" in text.output and "grade" in text.output
    only = json.loads(run.invoke(_cli(), ["claims", "--db", db, "--json", "--status", "alleged"]).output)
    assert only and all("alleged" in (r["status"], *r["presentations"].values()) for r in only)
    assert run.invoke(_cli(), ["claims", "--db", db, "--min-grade", "Z9"]).exit_code != 0
    assert run.invoke(_cli(), ["claims", "--db", db, "--actor", "silk-way"]).exit_code == 0


def test_actor_commands_and_merge_split(dbs: Databases) -> None:
    db, run = _db(dbs), CliRunner()
    actors = json.loads(run.invoke(_cli(), ["actors", "--db", db, "--kind", "company", "--json"]).output)
    assert [a["id"] for a in actors] == ["silk-way-airlines"] and actors[0]["merged"] == ["silk-way"]
    prof = json.loads(run.invoke(_cli(), ["actor", "silk-way", "--db", db, "--json"]).output)
    assert prof["id"] == "silk-way-airlines" and prof["merges"][0]["why"] and len(prof["events"]) == 2
    assert run.invoke(_cli(), ["split", "silk-way-airlines", "Silk Way", "--db", db]).exit_code == 0
    actors = json.loads(run.invoke(_cli(), ["actors", "--db", db, "--kind", "company", "--json"]).output)
    assert sorted(a["id"] for a in actors) == ["silk-way", "silk-way-airlines"]
    assert run.invoke(_cli(), ["merge", "silk-way-airlines", "silk-way", "--db", db]).exit_code == 0
    actors = json.loads(run.invoke(_cli(), ["actors", "--db", db, "--kind", "company", "--json"]).output)
    assert [a["id"] for a in actors] == ["silk-way-airlines"]
    assert run.invoke(_cli(), ["merge", "silk-way-airlines", "nobody", "--db", db]).exit_code != 0


def test_grade_dyad_and_plot(dbs: Databases, tmp_path: Path) -> None:
    db, run = _db(dbs), CliRunner()
    rel = tmp_path / "rel.toml"
    rel.write_text('[sources."The Weekly Standard"]\nletter = "A"\nreason = "test"\n', encoding="utf-8")
    out = run.invoke(_cli(), ["grade", "--db", db, "--sources", str(rel)])
    assert out.exit_code == 0 and "graded" in out.output
    ledger = json.loads(run.invoke(_cli(), ["claims", "--db", db, "--json", "--min-grade", "A6"]).output)
    assert ledger and all("The Weekly Standard" in r["independent_sources"] for r in ledger)
    png = tmp_path / "d.png"
    out = run.invoke(_cli(), ["dyad", "ISR", "AZE", "--db", db, "--by", "month", "--plot", str(png)])
    assert out.exit_code == 0 and png.stat().st_size > 1000
    data = json.loads(run.invoke(_cli(), ["dyad", "ISR", "AZE", "--db", db, "--json"]).output)
    assert data["rows"][0]["period"] == "2012" and data["rows"][0]["verbal cooperation"] == 1
