"""What every command module shares: consoles, the `--db` and `--json` options, JSON output,
opening the store, and how errors become one line and an exit code.

Both consoles have Rich markup *off*: everything printed is article text,
a file name or a value from the store, all attacker-controlled, and with
markup on "[/x]" in a path raises MarkupError (after the ingest has
committed) while "[entry 3]" silently vanishes. A message that wants a
style passes `markup=True` and runs every value through `esc`.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from claimgraph.errors import EXIT_CRASH, ClaimgraphError
from claimgraph.store import DEFAULT_DB, Store

console = Console(markup=False)
err_console = Console(stderr=True, markup=False)

db_option = click.option(
    "--db", envvar="CLAIMGRAPH_DB", default=DEFAULT_DB, show_default=True,
    help="SQLite file or database URL (postgresql://…). Also $CLAIMGRAPH_DB.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def esc(value: object) -> str:
    """`value` as text that Rich markup prints verbatim."""
    return escape(str(value))


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def open_existing(db: str | Path | None) -> Store:
    """The store a reading command works on; StoreError (with a hint) when `--db` names none.

    Only `ingest` creates a store: anything else on a mistyped path would
    create an empty one and then report, truthfully but uselessly, that it
    holds nothing.
    """
    return Store.open(db, create=False)


class ClaimgraphGroup(click.Group):
    """Turns ClaimgraphError into a one-line message and its exit code; a bug into EXIT_CRASH.

    Click's own exceptions (usage errors → 2, --help, Abort) pass through
    untouched; any other exception is a bug: its traceback is printed in
    full and the exit code is EXIT_CRASH, which no input can cause.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except ClaimgraphError as exc:
            err_console.print(f"[red]Error:[/red] {esc(exc)}", markup=True, highlight=False, soft_wrap=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            err_console.print("interrupted; run the same command again to finish (work done is kept)")
            sys.exit(130)
        except Exception:
            sys.stderr.write(traceback.format_exc())
            err_console.print(f"claimgraph crashed (exit {EXIT_CRASH}): this is a bug, please report the "
                              "traceback above", highlight=False, soft_wrap=True)
            sys.exit(EXIT_CRASH)


def place_options(f: Any) -> Any:
    """`--near PLACE [--km N]` and `--country ISO3`: the place filters `events` and `claims` share."""
    f = click.option("--country", help="Only events placed in this state: ISO alpha-3 code (SYR) or name.")(f)
    f = click.option("--km", type=click.FloatRange(min=0, min_open=True, max=20_000), default=50.0,
                     show_default=True, help="Radius for --near, in kilometres.")(f)
    return click.option("--near", metavar="PLACE",
                        help="Only events placed within --km of PLACE: a town ('Aleppo', 'Tripoli, Libya'), "
                             "a region or 'LAT,LON'. Events placed only at country precision are never near.")(f)
