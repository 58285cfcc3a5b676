"""Claims, links, grades, resolution and series on hand-built extractions in real SQLite stores."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from backends import Databases
from test_analysis_helpers import Doc, Ev, add, snapshot

from claimgraph.analysis import rebuild, regrade, update
from claimgraph.analysis.resolve import load_resolution, merge, split
from claimgraph.analysis.series import dyad_series
from claimgraph.model import Actor
from claimgraph.store.claims import ClaimStore

SILK = Actor("silk-way", "Silk Way", "company", "AZE")
SILK_LONG = Actor("silk-way-airlines", "Silk Way Airlines", "company", "AZE")
OCCRP = Actor("occrp", "OCCRP", "media")
OCCRP_LONG = Actor("organized-crime-and-corruption-reporting-project",
                   "Organized Crime and Corruption Reporting Project", "media")
HAARETZ = Actor("haaretz", "Haaretz", "media", "ISR")
SYR = Actor("SYR", "Syria", "country")


def _claims(store):
    return {sc.claim.id: sc for sc in ClaimStore(store).claims()}


def _find(store, type_, source=None):
    return [sc for sc in _claims(store).values()
            if sc.claim.type == type_ and (source is None or sc.claim.source == source)]


def _links(store):
    return {(a, b, k) for a, b, k, _w in ClaimStore(store).all_links()}


def test_same_event_in_two_outlets_is_one_claim_with_two_sources(dbs: Databases) -> None:
    s = dbs.open()
    add(s, Doc("Outlet A", "2021-01-01", [Ev("Israel supplied drones to Azerbaijan in 2020.", "AID", ["ISR"], ["AZE"],
                                              date="2020")]))
    add(s, Doc("Outlet B", "2021-02-01", [Ev("Azerbaijan got Israeli drones during 2020.", "AID", ["ISR"], ["AZE"],
                                              date="2020")]))
    rebuild(s)
    (c,) = _find(s, "AID")
    assert len(c.claim.documents) == 2 and c.claim.independent_sources == ["Outlet A", "Outlet B"]
    assert c.claim.grade.credibility == 2


def test_reciprocal_types_ignore_direction_but_aid_does_not(dbs: Databases) -> None:
    s = dbs.open()
    add(s, Doc("A", "2020-01-01", [Ev("Israel agreed with Azerbaijan on the deal.", "AGREE", ["ISR"], ["AZE"],
                                      date="2019"),
                                   Ev("Israel aided Azerbaijan.", "AID", ["ISR"], ["AZE"], date="2019")]))
    add(s, Doc("B", "2020-01-02", [Ev("Azerbaijan agreed with Israel on the deal.", "AGREE", ["AZE"], ["ISR"],
                                      date="2019"),
                                   Ev("Azerbaijan aided Israel.", "AID", ["AZE"], ["ISR"], date="2019")]))
    rebuild(s)
    assert len(_find(s, "AGREE")) == 1
    assert len(_find(s, "AID")) == 2


def test_time_compatibility_at_precision(dbs: Databases) -> None:
    s = dbs.open()
    add(s, Doc("A", "2013-01-01", [Ev("Deal one in 2011.", "AID", ["ISR"], ["AZE"], date="2011"),
                                   Ev("Deal two in March 2012.", "AID", ["ISR"], ["AZE"], date="2012-03",
                                      precision="month")]))
    add(s, Doc("B", "2013-01-01", [Ev("A deal in 2012.", "AID", ["ISR"], ["AZE"], date="2012")]))
    rebuild(s)
    dates = sorted(sc.claim.date.value for sc in _find(s, "AID"))
    assert dates == ["2011", "2012/2012-03"]


def test_undated_event_joins_only_on_strong_specific_evidence(dbs: Databases) -> None:
    """Sharing a dyad and a type is not one happening: an undated event needs specifics in common."""
    s = dbs.open()
    add(s, Doc("A", None, [Ev("Israel sold Azerbaijan 40 Harop drones worth $1.6 billion in 2020.", "AID",
                              ["ISR"], ["AZE"], date="2020")]))
    add(s, Doc("B", None, [Ev("Israel has armed Azerbaijan.", "AID", ["ISR"], ["AZE"])]))
    rebuild(s)
    assert len(_find(s, "AID")) == 2
    add(s, Doc("C", None, [Ev("Azerbaijan bought 40 Harop drones from Israel, a deal worth $1.6 billion.", "AID",
                              ["ISR"], ["AZE"])]))
    rebuild(s)
    claims = _find(s, "AID")
    assert len(claims) == 2
    (joined,) = [sc for sc in claims if len(sc.claim.documents) == 2]
    assert joined.info["grouping"] and "sharing specifics" in joined.info["grouping"][0]
    add(s, Doc("D", None, [Ev("Israel sold Azerbaijan 40 Harop drones worth $1.6 billion in 2005.", "AID",
                              ["ISR"], ["AZE"], date="2005")]))
    rebuild(s)
    assert len(_find(s, "AID")) == 3  # the same words at another date are another happening


def test_citing_chain_and_wire_copies_are_one_source(dbs: Databases) -> None:
    s = dbs.open()
    cite = "Haaretz reported that Israel armed Azerbaijan in 2020."
    add(s, Doc("The Cradle", "2023-01-01", [Ev(cite, "AID", ["ISR"], ["AZE"], date="2020", status="reported",
                                              said_by="haaretz")], actors=[HAARETZ]))
    add(s, Doc("Other Mag", "2023-02-01", [Ev(cite, "AID", ["ISR"], ["AZE"], date="2020", status="reported",
                                             said_by="haaretz")], actors=[HAARETZ], header="Other Mag"))
    wire = "Israel sent arms to Azerbaijan in 2020, officials said."
    add(s, Doc("Paper One", "2021-01-01", [Ev(wire, "AID", ["ISR"], ["AZE"], date="2020")]))
    add(s, Doc("Paper Two", "2021-01-01", [Ev(wire, "AID", ["ISR"], ["AZE"], date="2020")], header="Paper Two"))
    rebuild(s)
    (c,) = _find(s, "AID")
    assert len(c.claim.documents) == 4
    assert c.claim.independent_sources == ["Haaretz", "Paper One"]
    assert c.claim.presentations == {"Haaretz": "reported", "Paper One": "asserted"}


def _silk_docs() -> list[Doc]:
    return [
        Doc("The Cradle", "2023-04-05", [
            Ev("Silk Way allegedly made 350 secret flights between 2014 and 2017.", "AID", ["silk-way"], ["SYR"],
               date="2014/2017", precision="range", status="alleged", said_by="occrp"),
            Ev("Baku has reportedly prepared an airfield to assist Israel.", "COOPERATE", ["AZE"], ["ISR"],
               status="reported", contexts=["military"]),
        ], actors=[SILK, OCCRP, SYR]),
        Doc("Daily Wire", "2023-05-01", [
            Ev("The Azerbaijani airline has strongly denied the allegations.", "REJECT", ["silk-way-airlines"],
               ["organized-crime-and-corruption-reporting-project"], mode="deny"),
        ], actors=[SILK_LONG, OCCRP_LONG]),
        Doc("The Weekly Standard", "2012-05-07", [
            Ev("Israel had struck a deal with Azerbaijan to allow airstrikes.", "AGREE", ["ISR"], ["AZE"],
               date="2012-03", precision="month", status="reported", contexts=["military"]),
            Ev("The Iranians have alleged that the United States participated.", "ACCUSE", ["IRN"], ["USA"],
               status="alleged"),
            Ev("The State Department has strongly denied any involvement.", "REJECT", ["USA"], ["IRN"], mode="deny"),
            Ev("Azerbaijan supplies Israel with oil.", "COOPERATE", ["AZE"], ["ISR"], contexts=["economic"]),
        ]),
        Doc("Front", None, [
            Ev("Iranian media reported that Israeli jets used Azerbaijani airspace.", "ACCUSE", ["IRN"],
               ["ISR", "AZE"], status="alleged", said_by_text="Iranian media"),
            Ev("Azerbaijan has assured Iran that it would not allow its territory to be used.", "SUPPORT", ["AZE"],
               ["IRN"], mode="assure", status="reported"),
            Ev("Azerbaijan did not let Israel use its airspace.", "COOPERATE", ["AZE"], ["ISR"], negated=True,
               contexts=["military"]),
        ]),
    ]


def test_resolution_merges_spellings_and_acronyms_with_reasons(dbs: Databases) -> None:
    s = dbs.open()
    for d in _silk_docs():
        add(s, d)
    rebuild(s)
    res = load_resolution(s)
    assert res.of("silk-way") == res.of("silk-way-airlines") == "silk-way-airlines"
    assert res.of("occrp") == "organized-crime-and-corruption-reporting-project"
    assert "acronym" in res.merges["occrp"].why and "silk way" in res.merges["silk-way"].why
    assert res.of("ISR") == "ISR" and res.of("AZE") == "AZE"


def test_people_short_name_needs_a_unique_full_name() -> None:
    from claimgraph.analysis.resolve import _rule_edges

    actors = {a.id: a for a in (Actor("ilham-aliyev", "Ilham Aliyev", "person", "AZE"),
                                 Actor("aliyev", "Aliyev", "person", "AZE"),
                                 Actor("eli-cohen", "Eli Cohen", "person", "ISR"),
                                 Actor("cohen", "Cohen", "person", None),
                                 Actor("avi-cohen", "Avi Cohen", "person", "ISR"))}
    edges = {(a, b) for a, b, _ in _rule_edges(actors)}
    assert ("ilham-aliyev", "aliyev") in edges
    assert not any("cohen" in (a, b) for a, b in edges)  # two Cohens: ambiguous, no merge


def test_links_each_kind_with_reasons(dbs: Databases) -> None:
    s = dbs.open()
    for d in _silk_docs():
        add(s, d)
    rebuild(s)
    links = ClaimStore(s).all_links()
    claims = _claims(s)
    kinds = {(claims[a].claim.type, claims[b].claim.type, k) for a, b, k, _ in links}
    assert ("REJECT", "AID", "denies") in kinds  # the airline denies the allegation (across documents, via alias)
    assert ("REJECT", "ACCUSE", "denies") in kinds  # the accused state denies the accusation
    agree = _find(s, "AGREE")[0].claim.id
    coop = next(sc.claim.id for sc in _find(s, "COOPERATE") if not sc.negated and "reported" in sc.claim.status)
    assert frozenset((agree, coop)) in {frozenset((a, b)) for a, b, k, _ in links if k == "corroborates"}
    oil = next(sc.claim.id for sc in _find(s, "COOPERATE") if sc.claim.mode is None and "economic" in sc.info["contexts"])
    assert not any(oil in (a, b) and k == "corroborates" for a, b, k, _ in links)  # oil ≠ military
    contra = [(claims[a], claims[b]) for a, b, k, _ in links if k == "contradicts"]
    assert any({x.claim.type, y.claim.type} == {"ACCUSE", "SUPPORT"} for x, y in contra)  # assurance vs allegation
    assert any(x.negated != y.negated for x, y in contra)  # allowed vs did not allow
    assert all(w for *_x, w in links)


def test_grades_have_reasons_and_follow_reliability_file(dbs: Databases, tmp_path: Path) -> None:
    s = dbs.open()
    for d in _silk_docs():
        add(s, d)
    rebuild(s)
    (aid,) = _find(s, "AID")
    g = aid.claim.grade
    assert g.reliability == "F"  # the shipped file judges no outlet: that is the analyst's call
    assert g.credibility >= 4 and any("denied" in r for r in g.reasons) and any("allegation" in r for r in g.reasons)
    custom = tmp_path / "rel.toml"
    custom.write_text('default = "F"\n[sources."Organized Crime and Corruption Reporting Project"]\nletter = "A"\n'
                      'reason = "test"\n', encoding="utf-8")
    regrade(s, sources=custom)
    assert _find(s, "AID")[0].claim.grade.reliability == "A"
    add(s, Doc("Late", "2024-01-01", [Ev("Azerbaijan helps Israel.", "COOPERATE", ["AZE"], ["ISR"])]))
    update(s, [d.id for d in s.documents() if d.outlet == "Late"])
    assert _find(s, "AID")[0].claim.grade.reliability == "A"  # the chosen file is remembered


def test_dyad_series_numbers(dbs: Databases) -> None:
    s = dbs.open()
    add(s, Doc("A", "2021-01-01", [Ev("Israel armed Azerbaijan in 2020.", "AID", ["ISR"], ["AZE"], date="2020",
                                      mode="military"),
                                   Ev("Azerbaijan cooperated with Israel in 2020.", "COOPERATE", ["AZE"], ["ISR"],
                                      date="2020", mode="military"),
                                   Ev("Azerbaijan accused Israel in 2021.", "ACCUSE", ["AZE"], ["ISR"],
                                      date="2021-05", precision="month"),
                                   Ev("Iran struck Israel in 2020.", "ASSAULT", ["IRN"], ["ISR"], date="2020")]))
    rebuild(s)
    ser = dyad_series(s, "ISR", "AZE", by="year")
    rows = {r.period: r for r in ser.rows}
    assert set(rows) == {"2020", "2021"}
    assert rows["2020"].counts["material cooperation"] == 2 and rows["2020"].total == pytest.approx(19.5)
    assert rows["2021"].counts["verbal conflict"] == 1 and rows["2021"].mean < 0
    by_report = dyad_series(s, "ISR", "AZE", by="year", reporting_time=True)
    assert [r.period for r in by_report.rows] == ["2021"] and by_report.rows[0].n == 3
    weighted = dyad_series(s, "ISR", "AZE", by="year", weighted=True)
    assert weighted.rows[0].n < 2


def test_merge_split_round_trip_survives_rebuild(dbs: Databases) -> None:
    s = dbs.open()
    for d in _silk_docs():
        add(s, d)
    rebuild(s)
    before = snapshot(s)
    split(s, "silk-way-airlines", "Silk Way")
    update(s, [])
    assert load_resolution(s).of("silk-way") == "silk-way"
    assert not any(k == "denies" and _claims(s)[b].claim.type == "AID" for a, b, k in _links(s))
    rebuild(s)
    assert load_resolution(s).of("silk-way") == "silk-way"  # the user's split survives a re-run
    merge(s, "silk-way-airlines", "silk-way")
    update(s, [])
    assert snapshot(s)["claims"] == before["claims"] and snapshot(s)["links"] == before["links"]


def test_incremental_equals_rebuild_in_every_order(dbs: Databases) -> None:
    docs = _silk_docs()
    ref = dbs.open("ref.db")
    for d in docs:
        add(ref, d)
    rebuild(ref)
    expected = snapshot(ref)
    assert expected["claims"] and expected["links"]
    for n, order in enumerate(itertools.permutations(range(len(docs)))):
        s = dbs.open(f"inc{n}.db")
        for i in order:
            update(s, [add(s, docs[i])])
        assert snapshot(s) == expected, order


def test_first_analysis_shortcut_writes_and_reports_what_update_does(dbs: Databases, monkeypatch) -> None:
    """A never-analysed store is updated by a rebuild; same tables and counts as the incremental path."""
    import claimgraph.analysis.run as run

    docs = _silk_docs()
    fast, slow = dbs.open("fast.db"), dbs.open("slow.db")
    fast_ids = [add(fast, d) for d in docs]
    slow_ids = [add(slow, d) for d in docs]
    assert run._first_analysis(slow, ClaimStore(slow), slow_ids[:-1]) is None  # an event outside the ids
    got = update(fast, fast_ids)
    monkeypatch.setattr(run, "_first_analysis", lambda *a: None)
    assert update(slow, slow_ids) == got and got["claims"] and got["links"]
    assert snapshot(fast) == snapshot(slow)
    monkeypatch.undo()
    assert run._first_analysis(fast, ClaimStore(fast), fast_ids) is None  # analysed now: incremental
