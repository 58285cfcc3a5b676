"""The web app in-process (FastAPI TestClient over a real SQLite and PostgreSQL store): API shapes, headers, fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from backends import BACKENDS, Databases, module_url
from conftest_web import XSS_IMG, XSS_NAME, make_store
from fastapi.testclient import TestClient

from claimgraph.store.claims import ClaimStore
from claimgraph.web.app import create_app
from claimgraph.web.highlight import Block, Mark, highlight


@pytest.fixture(scope="module", params=BACKENDS)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, dict[str, str]]:
    """Read-only tests share one store per back end."""
    store, ids = make_store(module_url(request.param, request, tmp_path_factory, "w.db"))
    return TestClient(create_app(store=store), base_url="http://localhost"), ids


def test_every_page_renders_with_a_strict_csp(built: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = built
    pages = ["/", "/graph", "/timeline", "/claims", "/claims/c-aid", "/documents", f"/documents/{ids['Haaretz']}",
             "/actors", "/actors/ISR", "/actors/ISR?with=AZE&by=month", "/timeline?actor=IRN",
             "/graph?type=AID&min_grade=B2&since=2010&until=2013"]
    for page in pages:
        r = client.get(page)
        assert r.status_code == 200, page
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert "<script>" not in r.text  # no inline script anywhere: only <script src=…>


def test_graph_api_filters_claim_edges(built: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = built
    g = client.get("/api/graph?detail=claims").json()
    assert g["edges_are"] == "claims"
    assert {e["id"] for e in g["edges"]} == {"c-aid", "c-coop", "c-accuse", "c-assault"}
    for detail in ("claims", "dyads"):  # a dyad edge of one claim keeps that claim's id
        q = f"/api/graph?detail={detail}&"
        assert {e["id"] for e in client.get(q + "min_grade=C3").json()["edges"]} == {"c-aid", "c-accuse"}
        # a year-precise date ("2023") overlaps every month of that year; "2012" does not
        assert {e["id"] for e in client.get(q + "since=2023-05&until=2023-12").json()["edges"]} == {
            "c-assault", "c-coop"}
        assert [e["id"] for e in client.get(q + "status=reported&type=cooperate").json()["edges"]] == ["c-coop"]


def test_graph_falls_back_to_events_before_analysis(dbs: Databases) -> None:
    store, _ = make_store(dbs.url("e.db"))
    ClaimStore(store).replace_claims(None, [])
    client = TestClient(create_app(store=store), base_url="http://localhost")
    g = client.get("/api/graph?detail=claims").json()
    assert g["edges_are"] == "events" and len(g["edges"]) == 5
    assert all(e["href"].split("#")[1].startswith("ev-") for e in g["edges"])
    page = client.get("/claims")
    assert page.status_code == 200 and "No claims yet" in page.text


def test_ledger_is_best_supported_first_with_links(built: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = built
    ledger = client.get("/api/claims").json()["items"]
    assert [c["id"] for c in ledger][:2] == ["c-aid", "c-accuse"]
    coop = client.get("/api/claims/c-coop").json()
    assert {(ln["kind"], ln["claim"]) for ln in coop["links"]} == {("corroborates", "c-aid"), ("denied-by", "c-deny")}
    assert coop["evidence"][0]["href"] == f"/documents/{ids['The Cradle']}#ev-{coop['events'][0]}"
    assert client.get("/api/claims/nope").status_code == 404


def test_timeline_keeps_event_and_reporting_dates_apart(built: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = built
    t = client.get("/api/timeline").json()
    aid = next(e for e in t["events"] if e["type"] == "AID")
    assert (aid["start"], aid["end"], aid["reported_start"]) == ("2012-01-01", "2012-12-31", "2012-03-29")
    assert [e["type"] for e in t["undated"]] == ["REJECT"]
    assert {e["type"] for e in client.get("/api/timeline?actor=IRN").json()["events"]} == {"ACCUSE", "ASSAULT"}


def test_dyad_by_event_and_reporting_time(built: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = built
    ev = client.get("/api/dyad?a=ISR&b=AZE").json()
    assert [r["period"] for r in ev["rows"]] == ["2012", "2023"] and ev["from"] == "claims"
    assert ev["rows"][0]["material cooperation"] == 1
    rep = client.get("/api/dyad?a=AZE&b=ISR&time=reporting&by=month").json()
    assert [r["period"] for r in rep["rows"]] == ["2012-03", "2023-04"]


def test_graph_page_without_vendor_files_shows_a_table(tmp_path: Path) -> None:
    store, _ = make_store(tmp_path / "v.db")
    empty = tmp_path / "vendor"
    empty.mkdir()
    client = TestClient(create_app(store=store, vendor=empty), base_url="http://localhost")
    r = client.get("/graph")
    assert r.status_code == 200
    assert 'id="no-vendor"' in r.text and "cytoscape.min.js" not in r.text
    assert r.text.count("<tr>") >= 4  # header + three edges: one per dyad and quad


def test_highlight_escapes_every_piece_and_nests_overlaps() -> None:
    text = f"A {XSS_IMG} b </span><script>x</script>."
    marks = [Mark(0, 1, "mention", "/actors/a%22", 'x"><b>'), Mark(0, 10, "attr-content"), Mark(5, 30, "trigger")]
    html = str(highlight(text, marks, [Block(0, len(text))]))
    assert "<img" not in html and "<script" not in html and "&lt;im" in html and "&lt;script&gt;" in html
    assert html.count("<span") + html.count("<a ") == html.count("</span>") + html.count("</a>")
    assert 'title="x&#34;&gt;&lt;b&gt;"' in html


def test_api_exposes_openapi(built: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = built
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/graph", "/api/claims", "/api/timeline", "/api/dyad", "/api/actors/{actor_id}"} <= set(paths)
    assert XSS_NAME in client.get("/api/actors/evil-corp").json()["name"]
