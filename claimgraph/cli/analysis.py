"""CLI for the cross-source layer: actors, merges, claims, grades, dyad series.

Thin Click commands over claimgraph.analysis; `register(main)` adds them to
the main group. Each opens the store from `--db` ($CLAIMGRAPH_DB,
./claimgraph.db) and prints a Rich table, or JSON with `--json`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.table import Table

from claimgraph import api
from claimgraph.analysis import records, resolve, run, series, track
from claimgraph.analysis.grading import grade_value
from claimgraph.cli.common import (
    console,
    db_option,
    echo_json,
    esc,
    json_option,
    open_existing,
    place_options,
)
from claimgraph.errors import NotFound, UnknownActor, UsageError
from claimgraph.model import STATUSES
from claimgraph.store.claims import ClaimStore, StoredClaim


@click.command()
@db_option
def analyze(db: str) -> None:
    """Rebuild resolution, claims, links and grades from every stored event."""
    with open_existing(db) as store:
        console.print(run.finish(store, full=True), highlight=False)


@click.command()
@db_option
@click.option("--kind", help="Only actors of this kind (country, person, company, …).")
@json_option
def actors(db: str, kind: str | None, as_json: bool) -> None:
    """Resolved actors: one row per real-world actor, with how many ids were merged into it."""
    with open_existing(db) as store:
        res = resolve.load_resolution(store)
        docs = store.actor_documents()
        rows = []
        for cid, a in sorted(res.actors.items()):
            if kind and a.kind != kind:
                continue
            members = res.members(cid)
            rows.append({"id": cid, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
                         "aliases": a.aliases, "merged": [m for m in members if m != cid],
                         "documents": sorted({d for m in members for d in docs.get(m, [])})})
    if as_json:
        return echo_json(rows)
    table = Table("id", "name", "kind", "country", "docs", "merged ids")
    for r in rows:
        table.add_row(r["id"], r["name"], r["kind"], r["country"] or "", str(len(r["documents"])), ", ".join(r["merged"]))
    console.print(table)


@click.command()
@click.argument("ident")
@db_option
@json_option
def actor(ident: str, db: str, as_json: bool) -> None:
    """One actor's profile: aliases, affiliation, merges (with why), mentions and events."""
    with open_existing(db) as store:
        res = resolve.load_resolution(store)
        cid = res.of(ident)
        a = res.actors.get(cid)
        if a is None:
            raise UnknownActor(ident, api.suggest_actors(store, ident))
        members = res.members(cid)
        mentions = store.mentions_of_actors(members)
        events = ClaimStore(store).events_for_actors(members)
        data = {"id": cid, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
                "aliases": a.aliases,
                "merges": [{"id": m, "why": res.merges[m].why, "origin": res.merges[m].origin}
                           for m in members if m in res.merges],
                "mentions": [{"document": m.document_id, "start": m.start, "end": m.end, "text": m.text}
                             for m in mentions],
                "events": [{"id": e.id, "type": e.type, "source": e.source, "target": e.target, "status": e.status}
                           for e in events]}
    if as_json:
        return echo_json(data)
    console.print(f"[bold]{esc(a.name)}[/bold] " + esc(f"({cid}) — {a.kind}, country {a.country or '?'}, "
                                                      f"sector {a.sector or '?'}"), markup=True)
    console.print("aliases: " + ", ".join(a.aliases), highlight=False)
    for m in data["merges"]:
        console.print(f"  merged {m['id']}: {m['why']} [{m['origin']}]", highlight=False)
    console.print(f"{len(mentions)} mention(s) in {len({m.document_id for m in mentions})} document(s)")
    table = Table("event", "type", "source", "target", "status")
    for e in events:
        table.add_row(e.id, e.type, ", ".join(e.source), ", ".join(e.target), e.status)
    console.print(table)


@click.command()
@click.argument("into")
@click.argument("other")
@db_option
@click.option("--who", default=None, help="Who decides (default: your login name); kept in the audit list.")
@click.option("--why", default="", help="Why: kept with the decision.")
def merge(into: str, other: str, db: str, who: str | None, why: str) -> None:
    """Merge actor OTHER into INTO (kept across re-runs; undo with `split INTO OTHER`)."""
    from claimgraph.cli.review import default_who

    with open_existing(db) as store:
        api.merge_actors(store, into, other, who=who or default_who(), why=why)
    console.print(f"merged {other} into {into}", highlight=False)


@click.command()
@click.argument("ident")
@click.argument("alias")
@db_option
@click.option("--who", default=None, help="Who decides (default: your login name); kept in the audit list.")
@click.option("--why", default="", help="Why: kept with the decision.")
def split(ident: str, alias: str, db: str, who: str | None, why: str) -> None:
    """Separate ALIAS (an actor id or spelling merged into ID) from ID, for good."""
    from claimgraph.cli.review import default_who

    with open_existing(db) as store:
        d = api.split_actor(store, ident, alias, who=who or default_who(), why=why)
    console.print(f"split {', '.join(d.change['ids'])} from {ident}", highlight=False)


def support_order(sc: StoredClaim) -> tuple[Any, ...]:
    """Best-supported first: independent lines of reporting, specificity, then grade (analysis/track.py)."""
    return track.ledger_order(sc)


def _track(rec: dict[str, Any], source: str) -> str:
    t = (rec.get("track_records") or {}).get(source)
    return f"{t['carried']}/{t['corroborated']}/{t['contradicted']}/{t['denied']}" if t else "-"


@click.command()
@db_option
@click.option("--actor", "actor_id",
              help="Only claims in which this actor (id, name or alias, or anything merged into it) takes part.")
@click.option("--type", "type_", help="PLOVER event type, e.g. AID, ASSAULT.")
@click.option("--status", type=click.Choice(STATUSES), help="Only claims presented with this status.")
@click.option("--since", help="Claim date from (YYYY, YYYY-MM or YYYY-MM-DD); a year meets any day in it.")
@click.option("--until", help="Claim date until.")
@click.option("--min-grade", help="Only claims graded at least this well, e.g. B2 (letter and digit both).")
@click.option("--sort", default="support", show_default=True,
              type=click.Choice(["support", "-support", "date", "-date", "reported", "-reported", "type", "-type"]),
              help="support = best-supported first; '-' reverses.")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@place_options
@json_option
def claims(db: str, actor_id: str | None, type_: str | None, status: str | None, since: str | None,
           until: str | None, min_grade: str | None, sort: str, limit: int | None, offset: int,
           near: str | None, km: float, country: str | None, as_json: bool) -> None:
    """The claim ledger, best-supported first."""
    if min_grade:
        grade_value(min_grade)  # the one place grade syntax errors are worded
    with open_existing(db) as store:
        page = api.claims_page(store, type=type_, status=status, min_grade=min_grade, since=since, until=until,
                               actor=actor_id, sort=sort, limit=limit, offset=offset, near=near, km=km,
                               country=country)
        res = resolve.load_resolution(store)
        records_ = track.track_records(ClaimStore(store).claims())  # each source's record over the corpus
        recs = [records.claim_record(sc, res, records_) for sc in page.items]
    if as_json:
        return echo_json(recs)
    table = Table("claim", "grade", "type", "source", "target", "date", "status",
                  "lines of reporting (track record: carried/corroborated/contradicted/denied)", "links")
    for r in recs:
        table.add_row(r["id"], r["grade"]["reliability"] + str(r["grade"]["credibility"]),
                      r["type"] + (" (not)" if r["negated"] else "") + (" (background)" if r["context"] else ""),
                      ", ".join(a["name"] for a in r["source"]), ", ".join(a["name"] for a in r["target"]),
                      (r["date"] or {}).get("value", ""), r["status"],
                      "; ".join(f"{s} [{_track(r, s)}]" for s in r["independent_sources"]),
                      ", ".join(sorted({ln["kind"] for ln in r["links"]})))
    console.print(table)
    meta = page.meta()
    console.print(f"{meta['offset'] + 1}–{meta['offset'] + meta['count']} of {meta['total']} claim(s)"
                  if meta["count"] and (offset or meta["count"] < meta["total"]) else f"{meta['total']} claim(s)",
                  highlight=False)


@click.command()
@click.argument("ident")
@db_option
@json_option
def claim(ident: str, db: str, as_json: bool) -> None:
    """Everything behind one claim: evidence sentences, outlets, statuses, links, grade and reasons."""
    with open_existing(db) as store:
        cs = ClaimStore(store)
        sc = cs.get_claim(ident)
        if sc is None:
            raise NotFound("claim", ident)
        rec = records.claim_record(sc, resolve.load_resolution(store), track.track_records(cs.claims()))
        events = cs.events_by_id(sc.claim.events)
        docs = {d.id: d for d in store.iter_documents(sorted({e.document_id for e in events}))}
        rec["evidence"] = [{
            "event": e.id, "document": e.document_id, "outlet": docs[e.document_id].outlet,
            "published": docs[e.document_id].published.value if docs[e.document_id].published else None,
            "status": e.status, "said_by": e.said_by or e.said_by_text,
            "text": docs[e.document_id].text[e.sentence.start:e.sentence.end]} for e in events]
    if as_json:
        return echo_json(rec)
    names = lambda side: ", ".join(a["name"] for a in side)  # noqa: E731
    console.print(f"[bold]{esc(rec['id'])}[/bold] " + esc(f"{names(rec['source'])} —{rec['type']}"
                  f"{' (negated)' if rec['negated'] else ''}→ {names(rec['target'])}  "
                  f"date {(rec['date'] or {}).get('value', '?')}  status {rec['status']}"), markup=True, highlight=False)
    for ev in rec["evidence"]:
        console.print(f"• [{ev['status']}] {ev['outlet'] or ev['document'][:8]} ({ev['published'] or 'undated'})"
                      f"{' citing ' + ev['said_by'] if ev['said_by'] else ''}: “{ev['text'].strip()}”", highlight=False)
    for ln in rec["links"]:
        console.print(f"{ln['kind']} {ln['claim']}: {ln['why']}", highlight=False)
    for ln in rec["lines"]:
        console.print(f"line of reporting {ln['label']}: outlets {', '.join(ln['outlets'])}"
                      f"{'; speakers ' + ', '.join(ln['speakers']) if ln['speakers'] else ''}"
                      f"{' — ' + '; '.join(ln['why']) if ln['why'] else ''}", highlight=False)
    for why in rec["grouping"]:
        console.print(f"grouped: {why}", highlight=False)
    g = rec["grade"]
    console.print(f"grade [bold]{esc(g['reliability'])}{esc(g['credibility'])}[/bold]", markup=True, highlight=False)
    for reason in g["reasons"]:
        console.print(f"  - {reason}", highlight=False)
    for name, t in sorted(rec.get("track_records", {}).items()):
        console.print(f"  track record of {name} in this corpus: {t['carried']} carried, {t['corroborated']} "
                      f"corroborated, {t['contradicted']} contradicted, {t['denied']} denied", highlight=False)


@click.command()
@db_option
@click.option("--sources", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Reliability TOML (outlet/speaker → letter); remembered for later updates.")
def grade(db: str, sources: Path | None) -> None:
    """Re-grade every claim (after editing the reliability file)."""
    with open_existing(db) as store:
        with run.exclusive(store):
            n = run.regrade(store, sources=sources)
    console.print(f"graded {n} claim(s)", highlight=False)


@click.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--by", type=click.Choice(["year", "month"]), default="year", show_default=True)
@click.option("--by-reporting-time", is_flag=True, help="Place claims by publication date, not event date.")
@click.option("--weighted", is_flag=True, help="Weight each claim by its credibility digit.")
@click.option("--strict", is_flag=True, help="Only the two actors themselves, not actors affiliated with them.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False),
              help="Also draw the series on a time axis to this file: .png or .svg.")
@json_option
def dyad(a: str, b: str, db: str, by: str, by_reporting_time: bool, weighted: bool, strict: bool,
         plot_path: str | None, as_json: bool) -> None:
    """Relations between actors A and B over time: claims by PLOVER quad and intensity."""
    if plot_path and Path(plot_path).suffix.lower() not in series.PLOT_FORMATS:
        raise UsageError(f"{plot_path}: the plot is written as PNG or SVG; name the file .png or .svg")
    with open_existing(db) as store:
        for who in (a, b):
            api.actor_ids(store, who)  # an unknown actor is an error with suggestions, not an empty chart
        s = series.dyad_series(store, a, b, by=by, reporting_time=by_reporting_time, weighted=weighted,
                               affiliates=not strict)
    if plot_path:
        series.plot(s, plot_path)
    if as_json:
        return echo_json(s.to_json())
    table = Table(by, *series.QUADS, "n", "sum", "mean")
    for r in s.rows:
        table.add_row(r.period, *(f"{r.counts[q]:g}" for q in series.QUADS), f"{r.n:g}", f"{r.total:.1f}",
                      f"{r.mean:+.2f}")
    console.print(table)
    if s.unplaced:
        console.print(f"{len(s.unplaced)} undated claim(s): no {by} at {s.time} time, so not placed on the axis",
                      highlight=False)


COMMANDS = (analyze, actors, actor, merge, split, claims, claim, grade, dyad)


def register(group: click.Group) -> None:
    """Add the analysis commands to the main `claimgraph` group."""
    for cmd in COMMANDS:
        if cmd.name not in group.commands:
            group.add_command(cmd)
