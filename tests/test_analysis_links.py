"""Link rules one by one, on constructed events in real SQLite stores: each can fail on its own."""

from __future__ import annotations

from backends import Databases
from test_analysis_helpers import Doc, Ev, add

from claimgraph.analysis import rebuild
from claimgraph.analysis.times import event_interval, interval
from claimgraph.model import Actor, DateValue
from claimgraph.store.claims import ClaimStore, StoredClaim
from claimgraph.store.store import Store

AIRLINE = Actor("airline", "Air Cargo Co", "company", "AZE")
WATCHDOG = Actor("watchdog", "Watchdog Project", "media")
SYR = Actor("SYR", "Syria", "country")


def _run(s: Store, *docs: Doc) -> tuple[dict[str, StoredClaim], list[tuple[str, str, str, str]]]:
    for d in docs:
        add(s, d)
    rebuild(s)
    cs = ClaimStore(s)
    return {sc.claim.id: sc for sc in cs.claims()}, cs.all_links()


def _one(claims: dict[str, StoredClaim], type_: str, *, negated: bool = False, mode: str | None = None) -> str:
    (cid,) = [c for c, sc in claims.items() if sc.claim.type == type_ and sc.negated == negated
              and (mode is None or sc.claim.mode == mode)]
    return cid


def _kinds(links: list[tuple[str, str, str, str]], a: str, b: str) -> set[str]:
    return {k for x, y, k, _w in links if {x, y} == {a, b}}


def test_denial_of_an_allegation_is_both_denies_and_contradicts_and_graded_once(dbs: Databases) -> None:
    claims, links = _run(dbs.open(), Doc("Paper", "2012-05-07", [
        Ev("The Iranians have alleged that the United States took part.", "ACCUSE", ["IRN"], ["USA"],
           mode="allege", status="alleged"),
        Ev("The State Department has strongly denied any involvement.", "REJECT", ["USA"], ["IRN"], mode="deny"),
    ]))
    acc, rej = _one(claims, "ACCUSE"), _one(claims, "REJECT")
    assert _kinds(links, acc, rej) == {"denies", "contradicts"}
    assert (rej, acc, "denies") in {(a, b, k) for a, b, k, _w in links}
    assert all("denial vs allegation" in w for *_x, k, w in links if k == "contradicts")
    reasons = " ".join(claims[acc].claim.grade.reasons)
    assert "+1: denied" in reasons and "contradicted" not in reasons


def test_denial_addressed_to_someone_else_answers_nothing(dbs: Databases) -> None:
    claims, links = _run(dbs.open(), Doc("Paper", "2023-04-05", [
        Ev("The airline allegedly made secret flights carrying weapons to Syria.", "AID", ["airline"], ["SYR"],
           status="alleged", said_by="watchdog"),
        Ev("Azerbaijan refused to explain the remarks to Israel.", "REJECT", ["AZE"], ["ISR"]),
    ], actors=[AIRLINE, WATCHDOG, SYR]))
    assert not _kinds(links, _one(claims, "AID"), _one(claims, "REJECT"))


def test_targetless_denial_answers_the_allegation_it_restates(dbs: Databases) -> None:
    claims, links = _run(dbs.open(), Doc("Paper", "2023-04-05", [
        Ev("Israeli authorities opened an investigation into the airline's regulatory compliance.", "ACCUSE",
           ["ISR"], ["airline"], mode="investigate"),
        Ev("A report said the airline allegedly made hundreds of secret flights transporting weapons to Syria.",
           "AID", ["airline"], ["SYR"], status="alleged", said_by="watchdog"),
        Ev("The airline strongly denied that it operated secret flights transporting weapons.", "REJECT",
           ["airline"], [], mode="deny"),
    ], actors=[AIRLINE, WATCHDOG, SYR]))
    rej = _one(claims, "REJECT")
    assert _kinds(links, rej, _one(claims, "AID")) == {"denies", "contradicts"}
    assert not _kinds(links, rej, _one(claims, "ACCUSE"))  # it shares no wording with the investigation


def test_agreement_and_aid_corroborate_only_with_a_shared_third_party(dbs: Databases) -> None:
    claims, links = _run(
        dbs.open(),
        Doc("Weekly", "2012-05-07", [
            Ev("Israel struck a deal with Azerbaijan allowing strikes on Iran.", "AGREE", ["ISR"], ["AZE"],
               date="2012-03", precision="month", status="reported", named=[("Iran", "IRN")]),
        ]),
        Doc("Cradle", "2023-04-05", [
            Ev("Baku prepared an airfield to assist Israel against Iranian sites.", "AID", ["AZE"], ["ISR"],
               mode="military", named=[("Iranian", "IRN")]),
        ]),
        Doc("Ledger", "2023-06-01", [
            Ev("Azerbaijan ships cotton to Israel.", "AID", ["AZE"], ["ISR"], mode="economic"),
        ]),
    )
    agree = _one(claims, "AGREE")
    assert _kinds(links, agree, _one(claims, "AID", mode="military")) == {"corroborates"}
    assert not _kinds(links, agree, _one(claims, "AID", mode="economic"))
    why = next(w for a, b, k, w in links if agree in (a, b))
    assert "Iran" in why and "AGREE/AID" in why


def test_neighbouring_types_corroborate_when_both_are_dated_and_overlap(dbs: Databases) -> None:
    dated, dated_links = _run(
        dbs.open("a"),
        Doc("Front", None, [Ev("The support of Israel was critical in 2020.", "SUPPORT", ["ISR"], ["AZE"], date="2020")]),
        Doc("Cradle", "2023-04-05", [Ev("Weapons went from Israel to Azerbaijan in 2020.", "AID", ["ISR"], ["AZE"],
                                        date="2020", status="reported")]),
    )
    assert _kinds(dated_links, _one(dated, "SUPPORT"), _one(dated, "AID")) == {"corroborates"}
    loose, loose_links = _run(
        dbs.open("b"),
        Doc("Front", "2025-07-01", [Ev("Israel's support mattered.", "SUPPORT", ["ISR"], ["AZE"])]),
        Doc("Cradle", "2023-04-05", [Ev("Israel sells arms to Azerbaijan.", "AID", ["ISR"], ["AZE"])]),
    )
    assert not loose_links  # "on or before publication" says nothing about the same act


def test_speech_acts_are_sourced_to_the_outlets_that_report_them(dbs: Databases) -> None:
    claims, links = _run(
        dbs.open(),
        Doc("Weekly", "2012-05-07", [Ev("Iranian officials allege Israel attacks from Azerbaijan.", "ACCUSE",
                                        ["IRN"], ["ISR"], mode="allege", status="alleged", said_by="IRN",
                                        named=[("Azerbaijan", "AZE")])]),
        # undated article: only the shared third state says these are about the same thing
        Doc("Front", None, [Ev("Iranian media made accusations that Israeli jets used Azerbaijani airspace.", "ACCUSE",
                               ["IRN"], ["ISR"], mode="disapprove", status="alleged", said_by="IRN",
                               named=[("Azerbaijani", "AZE")])]),
    )
    a, b = _one(claims, "ACCUSE", mode="allege"), _one(claims, "ACCUSE", mode="disapprove")
    assert claims[a].claim.independent_sources == ["Weekly"] and claims[a].info["speakers"] == ["IRN"]
    assert _kinds(links, a, b) == {"corroborates"}


def test_one_outlet_twice_does_not_corroborate_itself(dbs: Databases) -> None:
    claims, links = _run(
        dbs.open(),
        Doc("Weekly", "2012-05-07", [Ev("Iran alleged that Israel attacked.", "ACCUSE", ["IRN"], ["ISR"],
                                        mode="allege", status="alleged")]),
        Doc("Weekly", "2012-06-07", [Ev("Iran protested at Israeli activities.", "ACCUSE", ["IRN"], ["ISR"],
                                        mode="disapprove")]),
    )
    assert len(claims) == 2 and not links


def test_assurance_of_the_named_third_state_contradicts_the_allegation(dbs: Databases) -> None:
    accuse = Ev("Iranian media reported that Israeli jets used Azerbaijani airspace.", "ACCUSE", ["IRN"], ["ISR"],
                status="alleged", said_by="IRN", named=[("Azerbaijani", "AZE")])
    assure = Ev("Azerbaijan assured Iran it would not allow its territory to be used.", "AGREE", ["AZE"], ["IRN"],
                mode="assure", status="reported")
    claims, links = _run(dbs.open("a"), Doc("Front", None, [accuse, assure]))
    acc, agr = _one(claims, "ACCUSE"), _one(claims, "AGREE")
    assert _kinds(links, acc, agr) == {"contradicts"}
    assert "names Azerbaijan" in links[0][3]
    # Undated and in different documents: nothing places the two side by side.
    claims, links = _run(dbs.open("b"), Doc("Front", None, [accuse]), Doc("Other", None, [assure]))
    assert not links
    # Without the third state named, the assurance is about something else.
    bare = Ev(accuse.sentence, "ACCUSE", ["IRN"], ["ISR"], status="alleged", said_by="IRN")
    claims, links = _run(dbs.open("c"), Doc("Front", None, [bare, assure]))
    assert not links


def test_negation_contradicts_only_the_same_act(dbs: Databases) -> None:
    claims, links = _run(
        dbs.open(),
        Doc("Cradle", "2023-04-05", [
            Ev("Azerbaijan supplies Israel with drones.", "AID", ["AZE"], ["ISR"]),
            Ev("Azerbaijan has not allowed Israel to use its bases.", "CONCEDE", ["AZE"], ["ISR"]),
        ]),
        Doc("Front", None, [
            Ev("The airfields do not guarantee an attack.", "AGREE", ["AZE"], ["ISR"], negated=True),
            Ev("Azerbaijan did not allow Israel to use its bases.", "CONCEDE", ["AZE"], ["ISR"], negated=True),
        ]),
    )
    assert not _kinds(links, _one(claims, "AID"), _one(claims, "AGREE", negated=True))
    assert "contradicts" in _kinds(links, _one(claims, "CONCEDE"), _one(claims, "CONCEDE", negated=True))


def test_month_day_dates_take_the_year_of_publication() -> None:
    june13 = DateValue("--06-13", "month-day")
    iv = event_interval(june13, "June 13", DateValue("2025-07-01", "day"))
    assert iv == interval("2025-06-13")
    assert event_interval(june13, "June 13", DateValue("2025-05-01", "day")) == interval("2024-06-13")
    assert event_interval(june13, "June 13", None) is None


def test_same_type_with_no_time_at_all_needs_a_shared_occasion(dbs: Databases) -> None:
    """An undated article's "Israel attacked Iran" is not the 2012 story's attack without more in common."""
    claims, links = _run(
        dbs.open(),
        Doc("Weekly", "2012-05-07", [Ev("Israel attacked Iran.", "ASSAULT", ["ISR"], ["IRN"])]),
        Doc("Front", None, [Ev("Israel attacked Iran again.", "ASSAULT", ["ISR"], ["IRN"])]),
    )
    assert len(claims) == 2 and not links
