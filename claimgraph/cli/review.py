"""Review and correct: `review` an event, and the `decisions` audit list.

Each correction is an analyst decision with who, when and why, stored apart
from the machine's output and re-applied after every re-extraction (see
claimgraph/store/decisions.py); `merge` and `split` record theirs too.
"""

from __future__ import annotations

import csv
import getpass
import json
import sys

import click
from rich.table import Table

from claimgraph import api
from claimgraph.cli.common import console, db_option, echo_json, json_option
from claimgraph.errors import UsageError
from claimgraph.model import STATUSES


def default_who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "analyst"


who_option = click.option("--who", default=default_who, show_default="your login name",
                          help="Who makes the decision (kept in the audit list).")
why_option = click.option("--why", default="", help="Why: kept with the decision in the audit list.")


@click.command()
@click.argument("event_id")
@db_option
@click.option("--confirm", "verdict", flag_value="confirm", help="The event is right as extracted.")
@click.option("--reject", "verdict", flag_value="reject", help="The event is wrong: it leaves claims and charts.")
@click.option("--type", "type_", help="Correct the PLOVER type.")
@click.option("--status", type=click.Choice(STATUSES), help="Correct the status.")
@click.option("--date", help="Correct the event date (YYYY, YYYY-MM or YYYY-MM-DD; '' clears it).")
@click.option("--source", multiple=True, help="Correct the source actor(s): id, name or alias (repeatable).")
@click.option("--target", multiple=True, help="Correct the target actor(s) (repeatable).")
@who_option
@why_option
@json_option
def review(event_id: str, db: str, verdict: str | None, type_: str | None, status: str | None, date: str | None,
           source: tuple[str, ...], target: tuple[str, ...], who: str, why: str, as_json: bool) -> None:
    """Confirm, reject or correct one event; claims, links and grades it touches are recomputed."""
    edits = bool(type_ or status or date is not None or source or target)
    if verdict and edits:
        raise UsageError("--confirm/--reject and corrections are separate decisions: make one at a time")
    if not verdict and not edits:
        raise UsageError("say what to do: --confirm, --reject, or a correction (--type, --status, --date, "
                         "--source, --target)")
    store = api.open_store(db)
    d = api.review_event(store, event_id, verdict or "edit", who=who, why=why, type=type_, status=status, date=date,
                         source=list(source) if source else None, target=list(target) if target else None)
    if as_json:
        return echo_json(d.to_json())
    console.print(f"decision {d.id}: {d.action} {event_id} by {d.who}"
                  + "".join(f"; {k} {v[0]} → {v[1]}" for k, v in d.change.items()), highlight=False)


@click.command()
@db_option
@click.option("--action", type=click.Choice(["confirm", "reject", "edit", "merge", "split"]))
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--csv", "as_csv", is_flag=True, help="CSV on stdout (for a spreadsheet or an audit file).")
@json_option
def decisions(db: str, action: str | None, limit: int | None, offset: int, as_csv: bool, as_json: bool) -> None:
    """The audit list: every analyst decision (who, when, why, what changed), newest first."""
    page = api.decisions_page(api.open_store(db), action=action, limit=limit, offset=offset)
    rows = [d.to_json() for d in page.items]
    if as_json:
        return echo_json(rows)
    if as_csv:
        w = csv.writer(sys.stdout)
        w.writerow(["id", "created_at", "who", "action", "target", "document", "change", "why"])
        for r in rows:
            w.writerow([r["id"], r["created_at"], r["who"], r["action"], r["target"], r["document"] or "",
                        json.dumps(r["change"], ensure_ascii=False), r["why"]])
        return
    table = Table("id", "when", "who", "action", "target", "change", "why")
    for r in rows:
        table.add_row(str(r["id"]), r["created_at"], r["who"], r["action"], r["target"],
                      json.dumps(r["change"], ensure_ascii=False), r["why"])
    console.print(table)
    console.print(f"{page.total} decision(s)", highlight=False)


def register(group: click.Group) -> None:
    group.add_command(review)
    group.add_command(decisions)
