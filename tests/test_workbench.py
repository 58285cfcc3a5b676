"""The analyst's workbench on a real SQLite store: one query layer (CLI, JSON API and pages agree),
bounded pages with totals, sorting, full-text search with escaped highlights, unknown actors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_web import XSS_IMG, XSS_SCRIPT, make_store
from fastapi.testclient import TestClient
from sqlalchemy import text

from claimgraph import api
from claimgraph.cli import main
from claimgraph.errors import UnknownActor, UsageError
from claimgraph.model import Actor, DateValue, Document, Event, Span, document_id
from claimgraph.store import Store
from claimgraph.store.queries import MAX_LIMIT
from claimgraph.web.app import create_app
from claimgraph.web.params import MAX_CLAIMS

N_BULK = 260  # more rows than one page may carry


def _bulk(store: Store, n: int = N_BULK) -> None:
    """`n` more articles, each with one dated event between two of a rotating set of actors."""
    actors = [Actor(f"A{i:02d}", f"Actor number {i}", "organization", aliases=[f"Alias {i}"]) for i in range(30)]
    for i in range(n):
        body = (f"Report {i}: Actor number {i % 30} shelled the depot near Town{i} on the river. "
                "Officials gave no figure.")
        doc = Document(id=document_id(body), text=body, origin=f"/bulk/{i}.txt", outlet=f"Outlet {i % 7}",
                       title=f"Bulk story {i}", published=DateValue(f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}", "day"),
                       ingested_at=f"2024-01-01T00:{i // 60:02d}:{i % 60:02d}+00:00")
        store.add_document(doc)
        end = body.index("river.") + 6
        ev = Event(id=f"{doc.id[:8]}-x", document_id=doc.id, sentence=Span(body.index("Actor"), end), type="ASSAULT",
                   source=[f"A{i % 30:02d}"], target=[f"A{(i + 1) % 30:02d}"],
                   date=DateValue(f"{2000 + i % 25}", "year") if i % 5 else None)
        store.save_extraction(doc.id, actors=actors, mentions=[], timexes=[], attributions=[], events=[ev],
                              extractor_version="test")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("wb") / "wb.db"
    store, ids = make_store(path)
    _bulk(store)
    return TestClient(create_app(store=store), base_url="http://localhost"), path, ids


def cli(*args: str, db: Path) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def _page_total(html: str) -> int:
    m = re.search(r'class="pager"[^>]*data-total="(\d+)"', html)
    assert m, "page has no pager"
    return int(m.group(1))


def test_cli_api_and_pages_count_the_same(site: tuple[TestClient, Path, dict[str, str]]) -> None:
    client, db, _ = site
    # documents
    code, out, _ = cli("documents", "--json", db=db)
    assert code == 0
    n_docs = len(json.loads(out))
    assert n_docs == 3 + N_BULK == client.get("/api/documents").json()["total"] == _page_total(
        client.get("/documents").text)
    # events, filtered by an actor given by alias
    code, out, _ = cli("events", "--actor", "Alias 3", "--json", db=db)
    n_ev = len(out.splitlines())
    api_ev = client.get("/api/events", params={"actor": "Alias 3"}).json()
    assert n_ev == api_ev["total"] > 0
    # claims, with the filters the ledger offers
    for params in ({}, {"min_grade": "C3"}, {"since": "2023-05", "until": "2023-12"}, {"actor": "Azerbaijan"},
                   {"status": "reported", "type": "cooperate"}):
        args = [x for k, v in params.items() for x in (f"--{k.replace('_', '-')}", v)]
        code, out, err = cli("claims", *args, "--json", db=db)
        assert code == 0, err
        n = len(json.loads(out))
        assert n == client.get("/api/claims", params=params).json()["total"] == _page_total(
            client.get("/claims", params=params).text), params
    # actors: the resolved list
    api_actors = client.get("/api/actors", params={"limit": MAX_LIMIT}).json()
    assert api_actors["total"] == _page_total(client.get("/actors").text) == len(
        api.actors_page(api.open_store(db)).items)
    # busiest actors: overview (web) and summary (CLI) rank and count alike
    code, out, _ = cli("summary", "--json", db=db)
    top_cli = [(a["id"], a["events"]) for a in json.loads(out)["top_actors"]]
    top_web = [(a["id"], a["events"]) for a in client.get("/api/overview").json()["top_actors"]]
    assert top_cli and top_cli == top_web[:len(top_cli)]
    assert json.loads(out)["counts"]["events"] == client.get("/api/overview").json()["counts"]["events"]


def test_every_list_answers_one_bounded_page(site: tuple[TestClient, Path, dict[str, str]]) -> None:
    client, _, _ = site
    for path in ("/api/documents", "/api/events", "/api/actors", "/api/claims", "/api/timeline"):
        most = MAX_CLAIMS if path == "/api/claims" else MAX_LIMIT
        big = client.get(path, params={"limit": most})
        assert big.status_code == 200, path
        body = big.json()
        assert len(body["items"] if "items" in body else body["events"]) <= most
        assert len(big.content) < 200_000, path
        assert client.get(path, params={"limit": most + 1}).status_code == 422, path
        assert client.get(path, params={"offset": -1}).status_code == 422, path
    first = client.get("/api/documents", params={"limit": 100}).json()
    second = client.get("/api/documents", params={"limit": 100, "offset": 100}).json()
    assert first["total"] == second["total"] == 3 + N_BULK
    assert len(first["items"]) == len(second["items"]) == 100
    assert not {d["id"] for d in first["items"]} & {d["id"] for d in second["items"]}
    for page in ("/documents", "/actors", "/claims", "/timeline", "/search?q=depot"):
        r = client.get(page)
        assert r.status_code == 200 and len(r.content) < 200_000, page
    nxt = re.search(r'rel="next" href="([^"]+)"', client.get("/documents").text)
    assert nxt and "offset=50" in nxt.group(1).replace("&amp;", "&")


def test_sorting_is_done_by_the_database(site: tuple[TestClient, Path, dict[str, str]]) -> None:
    client, db, _ = site
    pub = [d["published"] for d in client.get("/api/documents", params={"limit": 200}).json()["items"]]
    assert pub == sorted(pub, reverse=True)  # newest publication first by default
    code, out, _ = cli("documents", "--json", db=db)
    cli_pub = [d["published"] for d in json.loads(out)]
    assert cli_pub[:200] == pub
    oldest = client.get("/api/documents", params={"sort": "published", "limit": 1}).json()["items"][0]
    assert oldest["published"] == min(cli_pub)
    busiest = client.get("/api/actors", params={"sort": "-events", "limit": 5}).json()["items"]
    assert [a["events"] for a in busiest] == sorted((a["events"] for a in busiest), reverse=True)
    dated = client.get("/api/events", params={"sort": "date", "limit": 200}).json()["items"]
    starts = [e["date"]["value"][:4] for e in dated if e.get("date")]
    assert starts == sorted(starts)
    assert client.get("/api/documents", params={"sort": "text"}).status_code == 422


def test_search_finds_a_phrase_and_escapes_hostile_text(site: tuple[TestClient, Path, dict[str, str]]) -> None:
    client, db, ids = site
    hits = client.get("/api/search", params={"q": '"shelled the depot near Town117"'}).json()
    assert hits["total"] >= 1
    kinds = {(h["kind"], h["document"]) for h in hits["items"]}
    doc = next(h["document"] for h in hits["items"] if h["kind"] == "document")
    assert ("sentence", doc) in kinds
    sent = next(h for h in hits["items"] if h["kind"] == "sentence")
    assert sent["href"].startswith(f"/documents/{doc}#ev-")
    assert "\ue000" in sent["snippet"] and "Town117" in sent["snippet"]
    assert client.get(sent["href"]).status_code == 200
    # actor names and aliases
    assert [h["ref"] for h in client.get("/api/search", params={"q": "Alias 7", "kind": "actor"}).json()["items"]][
        :1] == ["A07"]
    # the payload article: found, and shown as text with only our <mark> tags
    page = client.get("/search", params={"q": "Witnesses saw"}).text
    assert f"/documents/{ids['Pwned Daily']}" in page
    assert "<mark>Witnesses</mark>" in page and "<img" not in page.split("<main>")[1]
    assert "&lt;img src=x" in page
    r = client.get("/search", params={"q": "window.__cg_pwned script"})
    assert r.status_code == 200 and XSS_SCRIPT not in r.text
    # query syntax never reaches FTS5 as operators: none of these is an error
    for q in ['"', "AND (", "NEAR(a b)", "*", "a OR", "col:x", "-x", "\ue000"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200, q
    assert client.get("/api/search", params={"q": "x" * 201}).status_code == 422
    code, out, _ = cli("search", '"shelled the depot near Town117"', "--json", db=db)
    assert code == 0 and json.loads(out)["total"] == hits["total"]
    code, out, _ = cli("search", "Town117", db=db)
    assert code == 0 and "Bulk story 117" in out
    assert XSS_IMG not in client.get("/api/search", params={"q": "Witnesses", "kind": "actor"}).text


def test_search_index_follows_extraction_and_is_built_for_old_stores(tmp_path: Path) -> None:
    store, ids = make_store(tmp_path / "s.db")
    assert api.search(store, "airfield").total >= 2  # the document and its evidence sentence
    # re-extraction without the event: its sentence leaves the index, the document stays
    store.save_extraction(ids["The Cradle"], actors=[], mentions=[], timexes=[], attributions=[], events=[],
                          extractor_version="t2")
    assert {h.kind for h in api.search(store, "airfield").items} == {"document"}
    # a store from before the index: migration 3 builds it from what is stored
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE search_index"))
        conn.execute(text("DELETE FROM schema_version WHERE version >= 3"))
    store.close()
    again = Store.open(tmp_path / "s.db")
    assert again.version >= 3
    assert {h.kind for h in api.search(again, "Azerbaijan").items} >= {"document", "sentence", "actor"}


def test_unknown_actor_is_an_error_with_suggestions(site: tuple[TestClient, Path, dict[str, str]]) -> None:
    client, db, _ = site
    store = api.open_store(db)
    with pytest.raises(UnknownActor) as exc:
        api.claims_page(store, actor="Azerbajan")
    assert "Azerbaijan (AZE)" in str(exc.value)
    code, _, err = cli("claims", "--actor", "Azerbajan", db=db)
    assert code != 0 and "did you mean" in err and "AZE" in err
    code, _, err = cli("actor", "Isreal", db=db)
    assert code != 0 and "Israel (ISR)" in err
    r = client.get("/api/claims", params={"actor": "Azerbajan"})
    assert r.status_code == 404 and "Azerbaijan" in r.json()["detail"]
    with pytest.raises(UsageError):
        api.events_page(store, since="last week")


def test_typeahead_and_claims_filters_on_the_cli(site: tuple[TestClient, Path, dict[str, str]]) -> None:
    client, db, _ = site
    found = client.get("/api/actors", params={"q": "azer"}).json()["items"]
    assert [a["id"] for a in found] == ["AZE"]
    assert client.get("/api/actors", params={"q": "alias 1"}).json()["total"] == 11  # Alias 1, 10…19
    assert client.get("/api/actors", params={"q": "%"}).json()["total"] == 0  # LIKE wildcards are literal
    code, out, _ = cli("claims", "--type", "AID", "--since", "2012", "--until", "2012", "--json", db=db)
    assert [c["id"] for c in json.loads(out)] == ["c-aid"]
    code, out, _ = cli("claims", "--status", "asserted", "--actor", "Iran", "--json", db=db)
    assert {c["id"] for c in json.loads(out)} == {"c-accuse", "c-assault"}
    code, out, _ = cli("claims", "--limit", "2", "--offset", "1", db=db)
    assert code == 0 and "2–3 of 5 claim(s)" in out


def test_graph_opens_aggregated_on_the_busiest_actors(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "g.db")
    _bulk(store)
    client = TestClient(create_app(store=store), base_url="http://localhost")
    g = client.get("/api/graph", params={"top": 6}).json()  # before analysis: event edges
    assert g["detail"] == "dyads" and len(g["nodes"]) == 6 and g["actors_total"] > 6
    drawn = {n["id"] for n in g["nodes"]}
    assert all(e["source"] in drawn and e["target"] in drawn for e in g["edges"])
    pairs = [(min(e["source"], e["target"]), max(e["source"], e["target"]), e["quad"]) for e in g["edges"]]
    assert len(pairs) == len(set(pairs))  # one edge per dyad and quad
    ring = client.get("/api/graph", params={"focus": "Alias 3"}).json()
    assert ring["focus"] == "A03" and {n["id"] for n in ring["nodes"]} == {"A02", "A03", "A04"}
    e = next(e for e in ring["edges"] if {e["source"], e["target"]} == {"A03", "A04"})
    assert e["count"] > 1 and e["support"] == len(e["sources"]) == e["count"]  # one document per event
    assert e["href"] == "/actors/A03?with=A04" and e["kind"] == "dyad"
    assert client.get("/api/graph", params={"focus": "Nobody at all"}).status_code == 404
    assert client.get("/api/graph", params={"top": 0}).status_code == 422
    page = client.get("/graph", params={"top": 6})
    assert page.status_code == 200 and "busiest of" in page.text


def test_timeline_opens_on_the_reporting_period(site: tuple[TestClient, Path, dict[str, str]]) -> None:
    client, _, _ = site
    t = client.get("/api/timeline").json()
    assert t["period"]["first"] == "2012-03-29" and t["since"] == "2012-03-29"
    # bulk events dated 2000–2011 ended before the first article: background, counted and collapsed
    assert t["background"] > 0 and all(e["end"] >= "2012-03-29" for e in t["events"])
    everything = client.get("/api/timeline", params={"older": "true", "limit": 200}).json()
    assert everything["total"] == t["total"] + t["background"]
    assert t["undated_total"] == len(client.get("/api/timeline").json()["undated"]) or t["undated_total"] > 200
    page = client.get("/timeline").text
    assert f"{t['background']} older background event(s) collapsed" in page


def _bar_x(svg: str) -> dict[str, float]:
    return {p: float(x) for x, p in re.findall(r'<rect class="q-[^"]+" x="([\d.]+)"[^>]*data-period="([^"]+)"', svg)}


def test_dyad_chart_axis_is_time_and_counts_the_undated() -> None:
    from claimgraph.web.svg import dyad_chart

    quads = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"]
    row = lambda p, n: {"period": p, **dict.fromkeys(quads, 0), "material conflict": n, "n": n,  # noqa: E731
                        "sum": -5.0 * n, "mean": -5.0}
    series = {"a": {"name": "A"}, "b": {"name": "B"}, "by": "year", "from": "claims", "time": "event",
              "quads": quads, "rows": [row("2014", 2), row("2015", 1), row("2022", 3)], "undated": 4}
    svg = str(dyad_chart(series))
    x = _bar_x(svg)
    step = x["2015"] - x["2014"]
    assert step > 0 and abs((x["2022"] - x["2015"]) - 7 * step) < 1.0  # 2015→2022 is seven years, not one slot
    assert svg.count('<polyline class="mean"') == 1  # the mean line breaks at the gap: 2014–2015 joined only
    assert "4 undated claims" in svg
    months = {**series, "by": "month", "rows": [row("2022-01", 1), row("2022-02", 1), row("2022-12", 1)],
              "undated": 0}
    mx = _bar_x(str(dyad_chart(months)))
    assert (mx["2022-12"] - mx["2022-02"]) > 8 * (mx["2022-02"] - mx["2022-01"])


def test_dyad_plot_writes_svg_and_png_on_a_time_axis(site: tuple[TestClient, Path, dict[str, str]],
                                                     tmp_path: Path) -> None:
    _, db, _ = site
    svg, png = tmp_path / "d.svg", tmp_path / "d.png"
    code, out, err = cli("dyad", "ISR", "AZE", "--plot", str(svg), db=db)
    assert code == 0, err
    assert svg.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    code, _, _ = cli("dyad", "Israel", "Azerbaijan", "--by", "month", "--plot", str(png), db=db)
    assert code == 0 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    code, _, err = cli("dyad", "ISR", "AZE", "--plot", str(tmp_path / "d.gif"), db=db)
    assert code == 2 and ".png or .svg" in err
    code, _, err = cli("dyad", "ISR", "Azerbajan", db=db)
    assert code != 0 and "Azerbaijan (AZE)" in err
    # the web chart: 2012 and 2023 eleven years apart on the axis
    page = TestClient(create_app(db=db), base_url="http://localhost").get("/actors/ISR", params={"with": "AZE"}).text
    x = _bar_x(page)
    assert set(x) == {"2012", "2023"} and x["2023"] - x["2012"] > 500


def test_complete_ids_are_key_lookups_and_prefixes_still_work(site: tuple[TestClient, Path, dict[str, str]]) -> None:
    _, db, ids = site
    store = Store.open(db)
    full = ids["Haaretz"]
    assert store.get_document(full).id == full and store.get_document(full[:6]).id == full
    assert [e.document_id for e in api.events(store, document=full)] == [full, full]
    with pytest.raises(Exception, match="no document"):
        store.get_document(full + "0")  # longer than any id: not a prefix of anything
    assert store.get_actor("AZE").aliases == ["Azerbaijan"]


