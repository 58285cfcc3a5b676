"""`claimgraph evaluate`: the quality table, and the CI gate on committed floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from claimgraph import evaluation

console = Console()


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


@click.command()
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder laid out like ../shared/eval [default: ../shared/eval beside the checkout].")
@click.option("--only", multiple=True, type=click.Choice([s.name for s in evaluation.SUITES]),
              help="Run only these suites (repeatable).")
@click.option("--limit", type=int, default=None, help="Score only the first N items of each set (quick look).")
@click.option("--check", is_flag=True, help="Exit 1 if any headline metric is below its committed floor.")
@click.option("--json", "as_json", is_flag=True, help="Print every metric as JSON.")
def evaluate(data_dir: Path | None, only: tuple[str, ...], limit: int | None, check: bool, as_json: bool) -> None:
    """Score claimgraph on the seed gold and the dev sets; optionally gate on floors.

    Each dev set is split by a hash of its item ids into a half whose errors
    may be read and a half that is only scored; both are shown with their
    gap, and floors apply to the scored half.
    """
    results = evaluation.run(data_dir, only=list(only) or None, limit=limit,
                             progress=None if as_json else lambda n: console.print(f"[dim]scoring {n}…[/dim]"))
    below = [b for r in results for b in r.below]
    if as_json:
        click.echo(json.dumps({
            r.suite.name: {"skipped": r.skipped, "seconds": round(r.seconds, 1), "below_floor": r.below, **r.metrics}
            for r in results
        }, indent=2, default=str))
    else:
        floors = evaluation.load_floors()
        table = Table("suite", "metric", "read half", "scored half", "gap", "floor", "what")
        for r in results:
            if r.skipped:
                table.add_row(r.suite.name, "—", "", "skipped", "", "", r.skipped)
                continue
            for key in r.suite.headline:
                if key not in r.metrics:
                    continue
                floor = floors.get(r.suite.name, {}).get(key)
                flag = " [red]↓[/red]" if any(b.startswith(f"{r.suite.name}.{key} ") for b in r.below) else ""
                read, gap = r.metrics.get(f"read.{key}"), r.metrics.get(f"gap.{key}")
                table.add_row(r.suite.name, key, "" if read is None else _fmt(read),
                              _fmt(r.metrics[key]) + flag, "" if gap is None else f"{gap:+.3f}",
                              "" if floor is None else _fmt(floor), r.suite.description)
        console.print(table)
        for r in results:
            for key in ("core_missed", "entity_failures"):
                if r.metrics.get(key):
                    console.print(f"[dim]{escape(f'{r.suite.name}.{key}: {r.metrics[key]}')}[/dim]", highlight=False)
        for b in below:
            console.print(f"[red]below floor:[/red] {escape(b)}", highlight=False)
    if check and below:
        sys.exit(1)


def register(group: click.Group) -> None:
    group.add_command(evaluate)
