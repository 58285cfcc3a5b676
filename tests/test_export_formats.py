"""Round-trip every export format with its home library: followthemoney, networkx, json."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
from backends import Databases
from conftest_web import XSS_NAME, make_store
from followthemoney import model

from claimgraph import registry
from claimgraph.export.ftm import FtmExporter
from claimgraph.export.gexf import GexfExporter
from claimgraph.export.graphml import GraphmlExporter
from claimgraph.export.plover import PloverExporter
from claimgraph.store import Store
from claimgraph.store.claims import ClaimStore


@pytest.fixture()
def store(dbs: Databases) -> Store:
    s, _ = make_store(dbs.url("x.db"))
    return s


def _text(exporter: object, store: Store, what: str) -> tuple[int, str]:
    buf = io.StringIO()
    n = exporter.export(store, what, buf)  # type: ignore[attr-defined]
    return n, buf.getvalue()


def _bytes(exporter: object, store: Store, what: str) -> tuple[int, bytes]:
    buf = io.BytesIO()
    n = exporter.export(store, what, buf)  # type: ignore[attr-defined]
    return n, buf.getvalue()


def test_exporters_are_registered_by_entry_point() -> None:
    for name, cls in [("plover", PloverExporter), ("ftm", FtmExporter), ("graphml", GraphmlExporter),
                      ("gexf", GexfExporter)]:
        assert registry.get(registry.EXPORTERS, name) is cls


def test_plover_records_have_plover_fields(store: Store) -> None:
    n, out = _text(PloverExporter(), store, "events")
    records = [json.loads(line) for line in out.splitlines()]
    assert n == len(records) == 5
    aid = next(r for r in records if r["event"] == "AID")
    assert aid["date"] == "2012" and aid["mode"] == "military" and aid["context"] == "military"
    assert aid["source"] == [{"actorText": "Israel", "code": "ISR", "sector": "GOV", "actorId": "ISR"}]
    assert aid["target"][0]["code"] == "AZE"
    assert aid["eventText"] == "sold"
    assert aid["text"].startswith("Israel sold drones")
    assert aid["claimgraph"]["status"] == "reported"
    assert aid["claimgraph"]["saidBy"]["name"] == "Haaretz"
    assert aid["claimgraph"]["dateReported"] == "2012-03-29"
    # an actor with no country has no code, rather than an invented one
    assault = next(r for r in records if r["event"] == "ASSAULT")
    assert "code" not in assault["source"][0] and assault["source"][0]["actorText"] == XSS_NAME


def test_ftm_entities_validate_with_followthemoney(store: Store) -> None:
    n, out = _text(FtmExporter(), store, "entities")
    proxies = [model.get_proxy(json.loads(line), cleaned=False) for line in out.splitlines()]
    assert n == len(proxies)
    by_schema: dict[str, list] = {}
    for p in proxies:
        by_schema.setdefault(p.schema.name, []).append(p)
        for prop, _value in p.itervalues():  # every property belongs to the schema
            assert prop.name in p.schema.properties
    assert {"Article", "PublicBody", "Company", "Event", "Documentation", "Mention", "UnknownLink"} <= set(by_schema)
    ids = {p.id for p in proxies}
    assert len(ids) == len(proxies)
    # every reference resolves inside the export
    for p in proxies:
        for prop, value in p.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (p.schema.name, prop.name)
    israel = next(p for p in by_schema["PublicBody"] if p.first("name") == "Israel")
    assert israel.first("country") == "il"  # FtM normalises to ISO 3166-1 alpha-2
    aid = next(p for p in by_schema["UnknownLink"] if p.first("role") == "AID/military")
    assert "B2" in aid.first("status")
    assert aid.first("subject") == israel.id
    assert len(by_schema["Article"]) == 3


def test_ftm_rejects_a_property_the_schema_lacks() -> None:
    from followthemoney.exc import InvalidData

    from claimgraph.export.ftm import _add, _entity

    with pytest.raises(InvalidData):
        _add(_entity("Event", "x"), "birthDate", "2000")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_load_with_networkx(store: Store, tmp_path: Path, fmt: str) -> None:
    exporter = GraphmlExporter() if fmt == "graphml" else GexfExporter()
    n, data = _bytes(exporter, store, "graph")
    path = tmp_path / f"g.{fmt}"
    path.write_bytes(data)
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert n == g.number_of_edges() == 4  # four claims with a source and a target
    assert set(g.nodes) == {"ISR", "AZE", "IRN", "evil-corp"}
    edges = {d["id"]: (u, v, d) for u, v, d in g.edges(data=True)}
    u, v, aid = edges["c-aid"]
    assert (u, v) == ("ISR", "AZE")
    assert aid["plover_type"] == "AID" and aid["quad"] == "material cooperation" and aid["grade"] == "B2"
    assert int(aid["credibility"]) == 2
    assert g.nodes["evil-corp"]["label"] == XSS_NAME


def test_graph_export_of_events_before_claims(dbs: Databases, tmp_path: Path) -> None:
    store, _ = make_store(dbs.url("x.db"))
    ClaimStore(store).replace_claims(None, [])  # as before analysis has run
    n, data = _bytes(GraphmlExporter(), store, "events")
    path = tmp_path / "e.graphml"
    path.write_bytes(data)
    g = nx.read_graphml(path)
    assert g.graph["edges_are"] == "events"
    # AID 1, ACCUSE 2 (two targets), COOPERATE 1, ASSAULT 1; the target-less REJECT draws nothing
    assert n == g.number_of_edges() == 5
    assert all(d["kind"] == "event" for _, _, d in g.edges(data=True))
