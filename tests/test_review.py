"""Review and correct on a real store built by the real pipeline from examples/corpus:
decisions stored apart, re-applied after re-extraction and re-ingest, followed by re-analysis,
and writes from the browser only with same-origin + CSRF."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from claimgraph import api
from claimgraph.cli import main
from claimgraph.errors import UsageError
from claimgraph.store import Store
from claimgraph.store.claims import ClaimStore
from claimgraph.web.app import create_app

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review") / "r.db"
    store = api.open_store(path)
    api.ingest([CORPUS], store)
    store.close()
    return path


def _dyad_claim(store: Store) -> tuple[str, str, str, str]:
    """A one-event claim between two actors: (claim, event, source, target)."""
    for sc in ClaimStore(store).claims():
        c = sc.claim
        if len(c.events) == 1 and c.source and c.target and not set(c.source) & set(c.target) and not sc.negated:
            return c.id, c.events[0], c.source[0], c.target[0]
    raise AssertionError("the example corpus has no one-event dyad claim")


def _in_series(store: Store, a: str, b: str, event_id: str) -> bool:
    from claimgraph.analysis.series import dyad_series

    cs = ClaimStore(store)
    s = dyad_series(store, a, b)
    ids = [c for r in s.rows for c in r.claims] + s.unplaced
    return any(event_id in sc.claim.events for sc in cs.claims(ids))


def test_rejected_event_leaves_claim_and_chart_and_stays_rejected(db: Path) -> None:
    store = Store.open(db)
    claim_id, event_id, a, b = _dyad_claim(store)
    assert _in_series(store, a, b, event_id)
    anchor_doc = next(e.document_id for e in api.events(store) if e.id == event_id)
    d = api.review_event(store, event_id, "reject", who="tester", why="the sentence is a hypothetical")
    assert d.id and d.document_id == anchor_doc and d.created_at
    cs = ClaimStore(store)
    assert not any(event_id in sc.claim.events for sc in cs.claims())  # out of every claim
    assert not _in_series(store, a, b, event_id)  # and out of the dyad chart
    assert event_id not in {e.id for e in api.events(store)}
    assert event_id in {e.id for e in store.events(document=anchor_doc, include_rejected=True)}
    # re-extraction replaces every event row; the decision is applied to the new one
    api.extract(store, redo=True)
    api.analyze(store)
    assert event_id not in {e.id for e in api.events(store)}
    assert not any(event_id in sc.claim.events for sc in ClaimStore(store).claims())
    # re-ingesting the corpus adds nothing and changes nothing
    again = api.ingest([CORPUS], store)
    assert not again.added and again.duplicates
    assert not _in_series(store, a, b, event_id)
    page = api.decisions_page(store)
    assert page.total >= 1 and page.items[0].why == "the sentence is a hypothetical"


def test_an_edit_changes_the_event_and_survives_re_extraction(db: Path) -> None:
    store = Store.open(db)
    ev = next(e for e in api.events(store) if e.source and e.date is None)
    api.review_event(store, ev.id, "edit", who="tester", why="the article dates it", date="2021-05",
                     status="alleged")
    fixed = next(e for e in api.events(store) if e.id == ev.id)
    assert fixed.date and fixed.date.value == "2021-05" and fixed.status == "alleged"
    api.extract(store, redo=True)
    fixed = next(e for e in api.events(store) if e.id == ev.id)
    assert fixed.date and fixed.date.value == "2021-05" and fixed.status == "alleged"
    with pytest.raises(UsageError):
        api.review_event(store, ev.id, "edit", who="tester", type="NOT_A_TYPE")
    with pytest.raises(UsageError):
        api.review_event(store, ev.id, "edit", who="tester")  # nothing to change


def test_merge_in_the_ui_survives_re_extraction_and_writes_need_csrf(db: Path) -> None:
    store = Store.open(db)
    client = TestClient(create_app(store=store), base_url="http://localhost")
    people = [a for a in api.actors_page(store, kind="person").items]
    assert len(people) >= 2
    into, other = people[0].actor.id, people[1].actor.id
    page = client.get(f"/actors/{into}")
    assert 'class="merge-form" data-write' in page.text  # sent by review.js with the token header
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    form = {"other": other, "who": "tester", "why": "same person"}
    same = {"origin": "http://localhost", "x-csrf-token": token}
    assert client.post(f"/actors/{into}/merge", data=form, headers={**same, "origin": "http://evil.example"},
                       follow_redirects=False).status_code == 403
    assert client.post(f"/actors/{into}/merge", data=form, headers={**same, "x-csrf-token": "x" * 32},
                       follow_redirects=False).status_code == 403
    assert client.post(f"/actors/{into}/merge", data=form, headers={"origin": "null", "x-csrf-token": token},
                       follow_redirects=False).status_code == 403
    r = client.post(f"/actors/{into}/merge", data=form, headers=same, follow_redirects=False)
    assert r.status_code == 303
    assert other in api.actor_ids(store, into)
    api.extract(store, redo=True)
    api.analyze(store)
    assert other in api.actor_ids(store, into)  # still merged after re-extraction and a full rebuild
    assert client.get(f"/actors/{other}", follow_redirects=False).status_code == 307  # now part of `into`
    audit = client.get("/api/decisions").json()
    assert any(d["action"] == "merge" and d["change"]["other"] == other for d in audit["items"])
    csv_text = client.get("/api/decisions.csv").text
    assert csv_text.startswith("id,created_at,who,action") and "same person" in csv_text
    # the JSON API: header token, same origin
    ev = api.events(store)[0]
    ok = client.post(f"/api/events/{ev.id}/review", json={"action": "confirm", "who": "tester"}, headers=same)
    assert ok.status_code == 200 and ok.json()["action"] == "confirm"
    assert client.post(f"/api/events/{ev.id}/review", json={"action": "confirm", "who": "t"},
                       headers={"origin": "http://localhost"}).status_code == 403


def test_review_from_the_cli(db: Path) -> None:
    run = CliRunner()
    store = Store.open(db)
    ev = api.events(store)[-1]
    r = run.invoke(main, ["review", ev.id, "--reject", "--why", "duplicate", "--who", "cli", "--db", str(db)])
    assert r.exit_code == 0, r.output
    r = run.invoke(main, ["review", ev.id, "--db", str(db)])
    assert r.exit_code == 2  # nothing asked
    rows = json.loads(run.invoke(main, ["decisions", "--json", "--db", str(db)]).output)
    assert rows[0]["who"] == "cli" and rows[0]["action"] == "reject"
    out = run.invoke(main, ["decisions", "--csv", "--db", str(db)]).output
    assert out.splitlines()[0] == "id,created_at,who,action,target,document,change,why"
