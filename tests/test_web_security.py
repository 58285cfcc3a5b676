"""Issue #11, web server: token beyond loopback, Host allow-list, same-origin writes, HEAD, bidi controls.

Token and Host checks run against a real `claimgraph serve` (uvicorn) on
127.0.0.1 started by the test with the token required; the rest in-process
through the TestClient over a real SQLite store.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest_web import make_store
from fastapi.testclient import TestClient
from serve_helpers import Server, serve

from claimgraph.model import DateValue, Document, document_id
from claimgraph.store.claims import ClaimStore, Merge
from claimgraph.web.app import create_app
from claimgraph.web.report import build_report
from claimgraph.web.security import CSRF_COOKIE, LOOPBACK_NAMES, TOKEN_COOKIE, Access

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("websec") / "s.db"
    store, _ = make_store(path)
    store.close()
    return path


@pytest.fixture(scope="module")
def guarded(db: Path) -> Iterator[Server]:
    """A real server on loopback that requires the token."""
    with serve(db, "--require-token", "--token", TOKEN) as server:
        yield server


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db), base_url="http://localhost")


# ------------------------------------------------------------------ token (real server)
def test_exposed_server_refuses_requests_without_the_token(guarded: Server) -> None:
    for path in ("/", "/api/claims", "/api/openapi.json", "/static/app.css", "/documents"):
        r = httpx.get(guarded.base + path)
        assert r.status_code == 401, path
        assert r.headers["www-authenticate"] == "Bearer"
    assert httpx.get(guarded.base + "/api/claims", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert httpx.get(guarded.base + "/api/claims", headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    # a non-ASCII guess is compared as bytes: refused, not a 500 from compare_digest
    assert httpx.get(guarded.base + "/api/claims", headers={"Authorization": "Bearer é".encode()}).status_code == 401
    cookie = f"{TOKEN_COOKIE}-{guarded.port}"
    assert httpx.get(guarded.base + "/api/claims", cookies={cookie: "nope"}).status_code == 401
    assert httpx.get(guarded.base + "/api/claims", cookies={TOKEN_COOKIE: TOKEN}).status_code == 401  # another port's
    assert "token required" in httpx.get(guarded.base + "/api/claims").json()["detail"]


def test_bearer_token_admits_an_api_client(guarded: Server) -> None:
    r = httpx.get(guarded.base + "/api/claims?min_grade=C3", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200
    assert {c["id"] for c in r.json()["items"]} == {"c-aid", "c-accuse"}


def test_browser_token_once_then_cookie_and_a_clean_url(guarded: Server) -> None:
    r = httpx.get(guarded.base + f"/claims?min_grade=C3&token={TOKEN}")
    assert r.status_code == 303
    assert r.headers["location"] == "/claims?min_grade=C3"  # relative, token dropped, other params kept
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{TOKEN_COOKIE}-{guarded.port}={TOKEN};")  # per port: instances do not share
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    with httpx.Client(base_url=guarded.base) as browser:
        page = browser.get(f"/claims?token={TOKEN}", follow_redirects=True)
        assert page.status_code == 200 and str(page.url) == guarded.base + "/claims"
        assert browser.get("/api/overview").status_code == 200  # the cookie alone admits it now
    assert httpx.get(guarded.base + "/claims?token=wrong").status_code == 401


def test_token_redirect_cannot_become_an_open_redirect(guarded: Server) -> None:
    r = httpx.get(guarded.base + f"//evil.example/x?token={TOKEN}")
    assert r.status_code == 303 and r.headers["location"] == "/evil.example/x"


def test_generated_token_is_printed_and_required(db: Path) -> None:
    with serve(db, "--require-token") as server:
        printed = server.printed()
        token = re.search(r"\?token=([A-Za-z0-9_-]+)", printed)
        assert token, printed
        assert len(token.group(1)) >= 40  # secrets.token_urlsafe(32)
        assert httpx.get(server.base + "/api/overview").status_code == 401
        assert httpx.get(server.base + "/api/overview",
                         headers={"Authorization": f"Bearer {token.group(1)}"}).status_code == 200


def test_serve_on_all_interfaces_generates_a_token_and_refuses_requests_without_it(db: Path) -> None:
    with serve(db, "--host", "0.0.0.0") as server:  # reached here through loopback, which it also answers to
        token = re.search(r"Bearer ([A-Za-z0-9_-]+)", server.printed())
        assert token, server.printed()
        assert httpx.get(server.base + "/").status_code == 401
        assert httpx.get(server.base + "/api/claims", headers={"Authorization": f"Bearer {token.group(1)}"}
                         ).status_code == 200
        assert httpx.get(server.base + "/api/claims", headers={"Authorization": f"Bearer {token.group(1)}",
                                                               "Host": "rebound.example"}).status_code == 400


def test_loopback_is_token_free_by_default_and_exposure_requires_one() -> None:
    assert Access.for_bind("127.0.0.1").token is None
    assert Access.for_bind("::1").token is None
    exposed = Access.for_bind("0.0.0.0")
    assert exposed.token and exposed.generated and LOOPBACK_NAMES <= exposed.hosts
    named = Access.for_bind("192.0.2.10", token=TOKEN, allowed_hosts=["claims.example.org"])
    assert named.token == TOKEN and not named.generated
    assert named.hosts == {"192.0.2.10", "claims.example.org"}


def test_serve_refuses_a_weak_token(db: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from claimgraph.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--token", "short"])
    assert result.exit_code == 2 and "16 to 512 characters" in result.output


# ------------------------------------------------------------------ Host header
def test_foreign_host_header_is_refused(guarded: Server, client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert httpx.get(guarded.base + "/api/overview", headers={**auth, "Host": "evil.example"}).status_code == 400
    assert httpx.get(guarded.base + "/api/overview", headers={**auth, "Host": "localhost:1"}).status_code == 200
    for host in ("evil.example", "127.0.0.1.evil.example", "localhost.evil.example", ""):
        assert client.get("/api/overview", headers={"Host": host}).status_code == 400, host
    for host in ("localhost", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"):
        assert client.get("/api/overview", headers={"Host": host}).status_code == 200, host


def test_configured_host_names_are_answered(db: Path) -> None:
    c = TestClient(create_app(db, access=Access.for_bind("127.0.0.1", allowed_hosts=["cg.internal"])),
                   base_url="http://cg.internal:8000")
    assert c.get("/api/overview").status_code == 200
    assert c.get("/api/overview", headers={"Host": "other.internal"}).status_code == 400


def test_redirects_are_relative(db: Path, tmp_path: Path) -> None:
    store, _ = make_store(tmp_path / "m.db")
    ClaimStore(store).replace_merges([Merge("haaretz", "ISR", "test merge")])
    c = TestClient(create_app(store=store), base_url="http://localhost")
    r = c.get("/actors/haaretz?by=month", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/actors/ISR?by=month"
    r = c.get("/api/claims/", follow_redirects=False)  # the router's trailing-slash redirect
    assert r.status_code == 307 and r.headers["location"] == "/api/claims"


# ------------------------------------------------------------------ same-origin writes
def test_writes_need_same_origin_and_the_csrf_token(db: Path) -> None:
    app = create_app(db)

    @app.post("/api/probe")
    def probe() -> dict[str, bool]:  # stands in for the workbench's write endpoints
        return {"written": True}

    c = TestClient(app, base_url="http://localhost:8000")
    page = c.get("/claims")
    csrf = c.cookies[f"{CSRF_COOKIE}-8000"]
    assert f'<meta name="csrf-token" content="{csrf}">' in page.text
    same = {"Origin": "http://localhost:8000"}
    assert c.post("/api/probe", headers={"Origin": "http://evil.example", "X-CSRF-Token": csrf}).status_code == 403
    assert c.post("/api/probe", headers={"X-CSRF-Token": csrf}).status_code == 403  # no Origin, no Referer
    assert c.post("/api/probe", headers=same).status_code == 403  # no CSRF header
    assert c.post("/api/probe", headers={**same, "X-CSRF-Token": "x" + csrf}).status_code == 403
    ok = c.post("/api/probe", headers={**same, "X-CSRF-Token": csrf})
    assert ok.status_code == 200 and ok.json() == {"written": True}
    referer = c.post("/api/probe", headers={"Referer": "http://localhost:8000/claims", "X-CSRF-Token": csrf})
    assert referer.status_code == 200


# ------------------------------------------------------------------ bad parameters
@pytest.mark.parametrize("path", ["/api/claims", "/api/graph", "/claims", "/graph"])
def test_a_bad_grade_is_a_422_naming_it_not_a_500(client: TestClient, path: str) -> None:
    r = client.get(path, params={"min_grade": "BB"})
    assert r.status_code == 422
    text = r.text
    assert "min_grade" in text and "Admiralty" in text


@pytest.mark.parametrize("query", [
    {"type": "NOT-A-TYPE"}, {"status": "rumoured"}, {"since": "2012-13"}, {"until": "March 2012"},
    {"min_grade": "G1"}, {"min_grade": "A7"}, {"actor": "x" * 201}, {"since": "２０１２"},
])
def test_every_filter_is_validated(client: TestClient, query: dict[str, str]) -> None:
    assert client.get("/api/claims", params=query).status_code == 422
    assert client.get("/claims", params=query).status_code == 422


def test_empty_filters_from_the_page_forms_mean_any(client: TestClient) -> None:
    empty = {"type": "", "status": "", "min_grade": "", "since": "", "until": "", "actor": ""}
    assert client.get("/api/claims", params=empty).json()["total"] == 5
    assert client.get("/claims", params=empty).status_code == 200
    assert client.get("/api/claims", params={"type": "aid", "min_grade": "b2"}).json()["items"][0]["id"] == "c-aid"


def test_other_parameters_are_validated(client: TestClient) -> None:
    assert client.get("/api/dyad", params={"a": "ISR", "b": "AZE", "by": "week"}).status_code == 422
    assert client.get("/api/dyad", params={"a": "", "b": "AZE"}).status_code == 422
    assert client.get("/api/claims/" + "c" * 201).status_code == 422
    assert client.get("/actors/ISR", params={"with": "x" * 201}).status_code == 422


def test_openapi_declares_response_models_and_error_statuses(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    claims = spec["paths"]["/api/claims"]["get"]
    assert {"200", "400", "401", "403", "422"} <= set(claims["responses"])
    assert "$ref" in str(claims["responses"]["200"]["content"]["application/json"]["schema"])
    grade = next(p for p in claims["parameters"] if p["name"] == "min_grade")
    assert "pattern" in str(grade["schema"])
    assert "404" in spec["paths"]["/api/claims/{claim_id}"]["get"]["responses"]
    assert "404" in spec["paths"]["/api/documents/{doc_id}"]["get"]["responses"]


# ------------------------------------------------------------------ HEAD
def test_head_answers_like_get_without_a_body(client: TestClient, guarded: Server) -> None:
    for path in ("/", "/claims", "/api/overview", "/api/claims?min_grade=C3", "/static/app.css"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"], path
        assert head.headers["content-length"] == get.headers["content-length"], path
    assert client.head("/api/claims/nope").status_code == 404
    auth = {"Authorization": f"Bearer {TOKEN}"}
    real = httpx.head(guarded.base + "/api/overview", headers=auth)
    assert real.status_code == 200 and real.content == b"" and int(real.headers["content-length"]) > 0


# ------------------------------------------------------------------ bidi controls
RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"


def test_bidi_overrides_are_stripped_from_displayed_metadata(tmp_path: Path) -> None:
    store, _ = make_store(tmp_path / "b.db")
    text = "Iran condemned the deal in March 2012. The deal was signed."
    doc = Document(id=document_id(text), text=text, origin="/corpus/bidi.txt", outlet=f"Daily {RLO}sweN",
                   title=f"Report {RLO}fdp.exe", author=f"{LRI}Jane{PDI} Doe",
                   published=DateValue("2012-03-30", "day"), ingested_at="2012-03-30T00:00:00+00:00")
    store.add_document(doc)
    c = TestClient(create_app(store=store), base_url="http://localhost")
    for path in ("/", "/documents", f"/documents/{doc.id}"):
        html = c.get(path).text
        assert "Report fdp.exe" in html and "Daily sweN" in html, path
        assert not any(ch in html for ch in (RLO, LRI, PDI)), path
    assert "Jane Doe" in c.get(f"/documents/{doc.id}").text
    report = build_report(store)
    assert "Report fdp.exe" in report and RLO not in report and LRI not in report
    assert c.get(f"/api/documents/{doc.id}").json()["title"] == f"Report {RLO}fdp.exe"  # data kept as stored
