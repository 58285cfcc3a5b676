"""Claims as happenings (analysis/grouping.py) and lines of reporting (analysis/independence.py), in real stores."""

from __future__ import annotations

from pathlib import Path

from test_analysis_helpers import Doc, Ev, add, open_store

from claimgraph.analysis import rebuild
from claimgraph.model import Actor
from claimgraph.store.claims import ClaimStore

PENTAGON = Actor("pentagon", "Pentagon", "agency", "USA")
KHAMENEI = Actor("ali-khamenei", "Ali Khamenei", "person", "IRN")


def _claims(store):  # type: ignore[no-untyped-def]
    return [sc for sc in ClaimStore(store).claims()]


def _day(sentence: str, src: list[str], tgt: list[str], **kw) -> Ev:  # type: ignore[no-untyped-def]
    return Ev(sentence, "ASSAULT", src, tgt, date="2026-02-28", precision="day", **kw)


def test_one_day_of_one_dyad_is_not_one_happening(tmp_path: Path) -> None:
    """Same parties, same day: different counts, places or a named target keep happenings apart."""
    s = open_store(tmp_path)
    add(s, Doc("A", "2026-03-01", [_day("Iran fired 40 missiles at Israel on Saturday.", ["IRN"], ["ISR"])]))
    add(s, Doc("B", "2026-03-01", [_day("Iran fired 40 missiles at Israel in a Saturday barrage.", ["IRN"], ["ISR"])]))
    add(s, Doc("C", "2026-03-01", [_day("Iran fired 7 missiles at Israel on Saturday.", ["IRN"], ["ISR"])]))
    add(s, Doc("D", "2026-03-01", [_day("Israel struck Iran and killed Ali Khamenei on Saturday.", ["ISR"],
                                        ["IRN", "ali-khamenei"])], actors=[KHAMENEI]))
    add(s, Doc("E", "2026-03-01", [_day("Israel struck Iran on Saturday, hitting air defences.", ["ISR"], ["IRN"])]))
    rebuild(s)
    claims = _claims(s)
    sizes = sorted((sc.claim.type, sc.claim.source[0], len(sc.claim.documents)) for sc in claims)
    assert sizes == [("ASSAULT", "IRN", 1), ("ASSAULT", "IRN", 2), ("ASSAULT", "ISR", 1), ("ASSAULT", "ISR", 1)]
    (joined,) = [sc for sc in claims if len(sc.claim.documents) == 2]
    assert len(joined.info["grouping"]) == 1 and "dated to overlapping times" in joined.info["grouping"][0]


def test_undated_same_dyad_is_not_the_whole_war(tmp_path: Path) -> None:
    s = open_store(tmp_path)
    for i, outlet in enumerate(("A", "B", "C")):
        add(s, Doc(outlet, f"2026-03-0{i + 1}", [Ev(f"Russia's war on Ukraine, now in year {i + 2}, goes on.",
                                                    "ASSAULT", ["RUS"], ["UKR"])],
                   actors=[Actor("RUS", "Russia", "country"), Actor("UKR", "Ukraine", "country")]))
    rebuild(s)
    assert [len(sc.claim.documents) for sc in _claims(s)] == [1, 1, 1]
    assert not any(sc.info["context"] for sc in _claims(s))  # told by a verb: not marked as background
    add(s, Doc("D", "2026-03-04", [Ev("Russia's war on Ukraine has reshaped Europe.", "ASSAULT", ["RUS"], ["UKR"],
                                      rule="noun:war→ASSAULT"),
                                   Ev("Russia shelled Kharkiv on 3 March, killing 4 people.", "ASSAULT", ["RUS"],
                                      ["UKR"], date="2026-03-03", precision="day")]))
    rebuild(s)
    from claimgraph.analysis.track import ledger_order
    ledger = sorted(_claims(s), key=ledger_order)
    assert ledger[-1].info["context"] and "war on Ukraine" in ledger[-1].info["sentences"][0]
    dated = next(i for i, sc in enumerate(ledger) if sc.claim.date is not None)
    assert dated < len(ledger) - 1 and ledger[dated].info["specific"] >= 1


def test_the_article_and_whom_it_quotes_are_one_line(tmp_path: Path) -> None:
    s = open_store(tmp_path)
    add(s, Doc("Daily", "2026-03-01", [
        _day("Iran launched missiles at US bases in Bahrain on Saturday.", ["IRN"], ["USA"]),
        _day("Iran launched missiles at US bases in Bahrain on Saturday, the Pentagon said.", ["IRN"], ["USA"],
             status="reported", said_by="pentagon"),
    ], actors=[PENTAGON]))
    rebuild(s)
    (c,) = _claims(s)
    assert c.claim.independent_sources == ["Pentagon"] and len(c.info["lines"]) == 1
    assert "same article (the outlet and whom it quotes)" in c.info["lines"][0]["why"]


def test_wire_copies_rewrites_and_credits_are_one_line_but_independent_outlets_are_not(tmp_path: Path) -> None:
    s = open_store(tmp_path)
    add(s, Doc("Reuters", "2026-03-01", [_day("Iran launched missiles at US bases in Bahrain on Saturday.",
                                              ["IRN"], ["USA"])]))
    add(s, Doc("Daily", "2026-03-01", [_day("Iran fired missiles toward US bases in Bahrain on Saturday (Reuters).",
                                            ["IRN"], ["USA"])]))
    add(s, Doc("Gazette", "2026-03-01", [_day("Iran launched missiles at US bases in Bahrain early on Saturday.",
                                              ["IRN"], ["USA"])]))
    add(s, Doc("Observer", "2026-03-02", [_day("Missiles from Iran hit US bases in Bahrain on Saturday, our "
                                               "reporter saw.", ["IRN"], ["USA"])]))
    rebuild(s)
    (c,) = _claims(s)
    assert len(c.claim.documents) == 4
    assert c.claim.independent_sources == ["Observer", "Reuters"]  # the copies' line is named for the wire
    why = {w for ln in c.info["lines"] for w in ln["why"]}
    assert "Daily credits Reuters" in why and any(w.startswith("copy or rewrite") for w in why)
    assert c.claim.grade.credibility == 2  # two independent lines, not four sources


def test_a_joint_happening_takes_reports_naming_either_party(tmp_path: Path) -> None:
    """One strike told as "A and B struck C", "A struck C", "B struck C": one happening (parties overlap); the
    target's own reply the same day is another (the sides are not interchangeable for a one-way act)."""
    s = open_store(tmp_path)
    add(s, Doc("A", "2026-03-01", [_day("The US and Israel bombed radar sites in Iran on Saturday.",
                                        ["USA", "ISR"], ["IRN"])]))
    add(s, Doc("B", "2026-03-01", [_day("Israel bombed Iranian radar sites on Saturday, officials said.",
                                        ["ISR"], ["IRN"])]))
    add(s, Doc("C", "2026-03-01", [_day("American jets bombed radar sites inside Iran on Saturday.", ["USA"], ["IRN"])]))
    add(s, Doc("D", "2026-03-01", [_day("Iran bombed radar sites in Israel on Saturday.", ["IRN"], ["ISR"])]))
    rebuild(s)
    sizes = sorted((sc.claim.source[0], len(sc.claim.documents)) for sc in _claims(s))
    assert sizes == [("IRN", 1), ("ISR", 3)]
    (joint,) = [sc for sc in _claims(s) if len(sc.claim.documents) == 3]
    assert len(joint.info["grouping"]) == 2


def test_a_day_of_the_month_is_not_a_count(tmp_path: Path) -> None:
    """"The Feb. 28 strike" and "1,000 targets" are not different counts of one thing."""
    from claimgraph.analysis.grouping import specifics

    assert specifics("The Feb. 28 strike hit 1,000 targets on 28 February 2026.", set())[1] == {"1000"}
    assert specifics("Iran fired 40 missiles on March 1st and 7 more on 2 March.", set())[1] == {"40", "7"}


def test_a_report_without_target_naming_other_states_stays_apart(tmp_path: Path) -> None:
    """"US bombings of boats off Venezuela" has no target, but names where it happened: not the Iran strikes."""
    s = open_store(tmp_path)
    ven = Actor("VEN", "Venezuela", "country")
    add(s, Doc("A", "2026-03-01", [_day("The United States bombed boats and ports of Iran on Saturday.",
                                        ["USA"], ["IRN"])]))
    elsewhere = add(s, Doc("B", "2026-03-01", [_day("The United States bombed boats and ports of Venezuela on Saturday.",
                                        ["USA"], [], named=[("Venezuela", "VEN")])], actors=[ven]))
    add(s, Doc("C", "2026-03-01", [_day("The United States bombed boats and ports on Saturday, killing sailors.",
                                        ["USA"], [])]))
    rebuild(s)
    sizes = sorted(len(sc.claim.documents) for sc in _claims(s))
    assert sizes == [1, 2]
    (pair,) = [sc for sc in _claims(s) if len(sc.claim.documents) == 2]
    assert elsewhere not in pair.claim.documents and len(pair.info["grouping"]) == 1


def test_own_corpus_paraphrases_join_and_distinct_happenings_of_one_dyad_do_not(tmp_path: Path) -> None:
    """A second corpus of our own wording (not realnews): one week, one dyad (Israel→Iran), four happenings.

    A strike on an air base told three ways (one also naming the US as a party), a drone attack on a port
    the next day, the killing of a named commander, and last year's raid. Only the three tellings of the air
    base strike may join; precision first, so each other happening stays one claim per report.
    """
    s = open_store(tmp_path)
    commander = Actor("hossein-salami", "Hossein Salami", "person", "IRN")

    def ev(sentence: str, src: list[str], tgt: list[str], day: str | None, **kw) -> Ev:  # type: ignore[no-untyped-def]
        if day is None:
            return Ev(sentence, "ASSAULT", src, tgt, **kw)
        return Ev(sentence, "ASSAULT", src, tgt, date=day, precision="day" if len(day) == 10 else "year", **kw)

    air = [
        ev("Israeli jets struck the Shiraz air base on Monday, destroying hangars and fuel depots.",
           ["ISR"], ["IRN"], "2026-04-06"),
        ev("The US and Israel hit the Shiraz air base on Monday; hangars and fuel depots burned.",
           ["USA", "ISR"], ["IRN"], "2026-04-06"),
        ev("Satellite images show burned hangars and fuel depots at the Shiraz air base after Israel struck it.",
           ["ISR"], ["IRN"], None),
    ]
    others = [
        ev("Israeli drones attacked the port of Bandar Abbas on Tuesday, sinking two patrol boats.",
           ["ISR"], ["IRN"], "2026-04-07"),
        ev("Israel killed Hossein Salami in a strike on his convoy on Monday.", ["ISR"], ["IRN", "hossein-salami"],
           "2026-04-06", named=[("Hossein Salami", "hossein-salami")]),
        ev("Israel raided an arms depot outside Tabriz in 2025, destroying 40 missiles.", ["ISR"], ["IRN"], "2025"),
        ev("Israel attacked Iran again, officials said, without giving details.", ["ISR"], ["IRN"], None),
    ]
    air_ids = [add(s, Doc(f"air{i}", "2026-04-08", [e])) for i, e in enumerate(air)]
    for i, e in enumerate(others):
        add(s, Doc(f"other{i}", "2026-04-08", [e], actors=[commander] if e.named else []))
    rebuild(s)
    claims = _claims(s)
    (joined,) = [sc for sc in claims if len(sc.claim.documents) > 1]
    assert sorted(joined.claim.documents) == sorted(air_ids)
    assert len(joined.info["grouping"]) == 2 and all(":" in why for why in joined.info["grouping"])
    assert len(claims) == 1 + len(others)
