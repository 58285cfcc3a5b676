"""Reading the store: `documents`, `show`, `events`, `summary`."""

from __future__ import annotations

import json

import click
from rich.table import Table

from claimgraph import api
from claimgraph.cli.common import console, db_option, echo_json, esc, open_existing, place_options
from claimgraph.model import STATUSES


@click.command()
@db_option
@click.option("--limit", type=int, default=None)
@click.option("--json", "as_json", is_flag=True)
def documents(db: str, limit: int | None, as_json: bool) -> None:
    """List stored documents: id, outlet, author, published, title."""
    docs = api.documents(open_existing(db), limit=limit)
    if as_json:
        echo_json([d.summary() | {"author": d.author} for d in docs])
        return
    table = Table("id", "outlet", "author", "published", "title")
    for d in docs:
        table.add_row(d.id[:12], d.outlet or "", d.author or "", d.published.value if d.published else "unknown",
                      (d.title or "")[:70])
    console.print(table)


@click.command()
@click.argument("doc")
@db_option
@click.option("--json", "as_json", is_flag=True)
def show(doc: str, db: str, as_json: bool) -> None:
    """Show one document (id or unique id prefix): metadata and text."""
    store = open_existing(db)
    d = api.document(store, doc)
    if as_json:
        echo_json(d.summary() | {"author": d.author, "text": d.text, "meta": d.meta})
        return
    console.print(f"[bold]{esc(d.title or '(no title)')}[/bold]", markup=True, highlight=False)
    console.print(f"id {d.id}  outlet {d.outlet or '?'}  author {d.author or '?'}  "
                  f"published {d.published.value if d.published else 'unknown'}  origin {d.origin}", highlight=False)
    console.print()
    console.print(d.text, markup=False, highlight=False)


@click.command()
@db_option
@click.option("--actor", help="Actor as source or target: id (ISO code for states), name or alias.")
@click.option("--type", "type_", help="PLOVER event type, e.g. AID, ACCUSE.")
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--since", help="Event date from (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Event date until.")
@click.option("--document", help="Document id or prefix.")
@place_options
@click.option("--limit", type=int, default=None)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines in the export schema.")
def events(db: str, actor: str | None, type_: str | None, status: str | None, since: str | None,
           until: str | None, document: str | None, near: str | None, km: float, country: str | None,
           limit: int | None, as_json: bool) -> None:
    """Who did what to whom, when — and who says so."""
    from claimgraph.export.records import Lookup, event_record

    store = open_existing(db)
    evs = api.events(store, actor=actor, type=type_, status=status, since=since, until=until,
                     document=document, near=near, km=km, country=country, limit=limit)
    lk = Lookup(store)
    if as_json:
        for ev in evs:
            click.echo(json.dumps(event_record(ev, lk), ensure_ascii=False))
        return
    table = Table("date", "source", "type", "mode", "target", "place", "status", "said by", "doc", show_lines=False)
    for ev in evs:
        said = ev.said_by or ev.said_by_text or ""
        place = lk.place(ev.id)
        where = f"{place.place.name}, {place.place.country} ({place.place.precision})" if place else ev.location or ""
        table.add_row(ev.date.value if ev.date else "", ", ".join(ev.source), ev.type, ev.mode or "",
                      ", ".join(ev.target), esc(where), ev.status, said, ev.document_id[:8])
    console.print(table)
    console.print(f"{len(evs)} event(s)", highlight=False)


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True)
def summary(db: str, as_json: bool) -> None:
    """What the store holds: counts, event types and statuses, busiest actors, claims."""
    data = api.summary(open_existing(db))
    if as_json:
        echo_json(data)
        return
    c = data["counts"]
    console.print(f"[bold]{c['documents']}[/bold] documents, [bold]{c['actors']}[/bold] actors, "
                  f"[bold]{c['events']}[/bold] events, {c['attributions']} attributions, {c['timexes']} dates",
                  markup=True)
    if data["events_by_type"]:
        console.print("events by type:   " + ", ".join(f"{k} {v}" for k, v in data["events_by_type"].items()))
        console.print("events by status: " + ", ".join(f"{k} {v}" for k, v in data["events_by_status"].items()))
    if data["top_actors"]:
        console.print("busiest actors:   " + ", ".join(f"{a['name']} ({a['events']})" for a in data["top_actors"]),
                      highlight=False)
    claims = data.get("claims")
    if claims:
        links = ", ".join(f"{n} {k}" for k, v in claims["links"].items() for n in [v]) or "no links"
        console.print(f"claims:           {claims['claims']} ({links})", highlight=False)
        console.print("best supported:", highlight=False)
        for c in claims["best_supported"]:
            console.print(esc(f"  {c['grade']}  {', '.join(c['source']) or '?'} —{c['type']}→ "
                              f"{', '.join(c['target']) or '?'}  ({len(c['sources'])} source(s): "
                              f"{', '.join(c['sources'][:3])})  ") + f"[dim]{esc(c['id'][:10])}[/dim]",
                          markup=True, highlight=False)


def register(group: click.Group) -> None:
    group.add_command(documents)
    group.add_command(show)
    group.add_command(events)
    group.add_command(summary)
