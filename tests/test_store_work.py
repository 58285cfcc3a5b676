"""The store's work state on real SQLite files: pending analysis, extraction claims,
the analysis lease, and actors derived from every document's view (issue #11)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from claimgraph.model import Actor, Document, document_id
from claimgraph.store import Store
from claimgraph.store.actors import choose


def _doc(i: int) -> Document:
    text = f"Article {i}: the ministry said the border would reopen."
    return Document(id=document_id(text), text=text, origin=f"{i:03d}.txt")


def _save(store: Store, doc: Document, actors: list[Actor], version: str = "v1") -> None:
    store.save_extraction(doc.id, actors=actors, mentions=[], timexes=[], attributions=[], events=[],
                          extractor_version=version)


def test_an_extraction_stays_pending_analysis_until_an_analysis_has_covered_it(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        docs = [_doc(i) for i in range(3)]
        for d in docs:
            store.add_document(d)
        _save(store, docs[0], [])
        _save(store, docs[1], [])
        assert store.analysis_pending() == sorted([docs[0].id, docs[1].id])
        store.analysis_done([docs[0].id])
        assert store.analysis_pending() == [docs[1].id]
        _save(store, docs[0], [], version="v2")  # re-extracted: pending again
        assert store.analysis_pending() == sorted([docs[0].id, docs[1].id])


def test_claims_split_the_work_and_saving_drops_the_claim(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        docs = [_doc(i) for i in range(5)]
        for d in docs:
            store.add_document(d)
        a, b = store.new_owner(), store.new_owner()
        first = store.claim_extraction(a, 3, "v1")
        second = store.claim_extraction(b, 3, "v1")
        assert len(first) == 3 and len(second) == 2 and not set(first) & set(second)
        assert store.claim_extraction(a, 3, "v1") == []
        assert store.claimed_by_others(a, "v1") == 2
        _save(store, next(d for d in docs if d.id == second[0]), [])
        assert store.claimed_by_others(a, "v1") == 1
        store.release(b)
        assert store.claimed_by_others(a, "v1") == 0
        assert len(store.claim_extraction(a, 5, "v1")) == 1  # what b left, neither claimed nor extracted


def test_a_dead_writers_claims_and_lease_are_taken_over_at_once(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with Store.open(db) as store:
        for i in range(4):
            store.add_document(_doc(i))
    script = (
        "import os, sys; from claimgraph.store import Store\n"
        "s = Store.open(sys.argv[1]); o = s.new_owner()\n"
        "assert len(s.claim_extraction(o, 4, 'v1')) == 4 and s.take_lease('analysis', o)\n"
        "os._exit(0)  # dies without releasing anything, as a kill -9 would\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db)], check=True)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM extraction_claims").fetchone()[0] == 4
    con.close()
    with Store.open(db) as store:
        me = store.new_owner()
        assert store.take_lease("analysis", me)
        assert len(store.claim_extraction(me, 10, "v1")) == 4


def test_a_live_writers_lease_is_respected(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        a, b = store.new_owner(), store.new_owner()
        assert store.take_lease("analysis", a)
        assert not store.take_lease("analysis", b)
        store.release_lease("analysis", a)
        assert store.take_lease("analysis", b)


def test_actor_rule_is_a_function_of_the_views_alone() -> None:
    votes = {"name": {"Idriss Déby": 1, "Idriss Deby": 3}, "kind": {"unknown": 5, "person": 1},
             "country": {"TCD": 2}, "alias": {"Deby": 1, "Idriss Deby": 3, "Idriss Déby": 1}}
    actor = choose("idriss-deby", votes)
    assert actor is not None
    assert (actor.name, actor.kind, actor.country, actor.sector) == ("Idriss Deby", "person", "TCD", None)
    assert actor.aliases == ["Deby", "Idriss Deby", "Idriss Déby"]
    # a tie goes to the longer spelling, then to code-point order: never to who came first
    assert choose("x", {"name": {"Silk Way": 1, "Silk Way Airlines": 1}}).name == "Silk Way Airlines"
    assert choose("x", {"name": {"Deby": 1, "Déby": 1}}).name == "Deby"
    assert choose("x", {}) is None


def test_actors_do_not_depend_on_save_order(tmp_path: Path) -> None:
    docs = [_doc(i) for i in range(3)]
    views = [
        [Actor("boko-haram", "Boko Haram", "person", sector="REB")],
        [Actor("boko-haram", "Boko Haram", "organization", sector="REB", aliases=["the group"])],
        [Actor("boko-haram", "Boko Haram", "organization"), Actor("TCD", "Chad", "country")],
    ]
    rows = []
    for name, order in (("a.db", [0, 1, 2]), ("b.db", [2, 1, 0])):
        with Store.open(tmp_path / name) as store:
            for i in order:
                store.add_document(docs[i])
                _save(store, docs[i], views[i])
            rows.append(store.actors())
    assert rows[0] == rows[1]
    assert [(a.id, a.kind, a.aliases) for a in rows[0]] == [
        ("TCD", "country", ["Chad"]), ("boko-haram", "organization", ["Boko Haram", "the group"])]


def test_re_extraction_withdraws_a_documents_view(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        d0, d1 = _doc(0), _doc(1)
        for d in (d0, d1):
            store.add_document(d)
        _save(store, d0, [Actor("ISR", "Israel", "country"), Actor("tel-aviv", "Tel Aviv", "city")])
        _save(store, d1, [Actor("ISR", "Israël", "country")])
        _save(store, d0, [Actor("ISR", "Israël", "country")], version="v2")
        assert [(a.id, a.name, a.aliases) for a in store.actors()] == [("ISR", "Israël", ["Israël"])]


def test_an_analysis_that_died_half_way_is_redone_in_full(tmp_path: Path) -> None:
    from claimgraph.analysis import run
    from claimgraph.store.claims import ClaimStore

    with Store.open(tmp_path / "a.db") as store:
        assert run.finish(store) == {}  # nothing pending, nothing to do
        ClaimStore(store).set_setting(run.RUNNING_KEY, "1")  # what a kill inside `update` leaves
        assert "merges" in run.finish(store)  # the counts `rebuild` reports
        assert ClaimStore(store).setting(run.RUNNING_KEY) is None
        assert run.finish(store) == {}
