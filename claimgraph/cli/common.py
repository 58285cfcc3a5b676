"""What every command module shares: consoles, the `--db` and `--json` options, JSON output."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.console import Console

from claimgraph.errors import ClaimgraphError
from claimgraph.store import DEFAULT_DB

console = Console()
err_console = Console(stderr=True)

db_option = click.option(
    "--db", envvar="CLAIMGRAPH_DB", default=DEFAULT_DB, show_default=True,
    help="SQLite file or database URL (postgresql://…). Also $CLAIMGRAPH_DB.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class ClaimgraphGroup(click.Group):
    """Turns ClaimgraphError into a one-line message and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClaimgraphError as exc:
            err_console.print(f"[red]Error:[/red] {exc}", markup=True, highlight=False, soft_wrap=True)
            sys.exit(exc.exit_code)


