"""`claimgraph export`: one format at a time, through the exporter registry."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimgraph import api
from claimgraph.cli.common import db_option, err_console, open_existing
from claimgraph.export.records import WHATS


@click.command()
@db_option
@click.option("--format", "fmt", default="jsonl", show_default=True,
              help="jsonl, csv, plover, ftm, graphml, gexf (or a plugin's format).")
@click.option("--what", type=click.Choice([*WHATS, "graph", "entities"]), default=None,
              help="What to export [default: events; for graphml/gexf the claim graph; for ftm every entity].")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Output file [default: stdout].")
def export(db: str, fmt: str, what: str | None, out: Path | None) -> None:
    """Export documents, events, actors, claims, attributions or time expressions."""
    from claimgraph import registry

    exporter = registry.get(registry.EXPORTERS, fmt)  # a usage error (2) before any store error (1)
    store = open_existing(db)
    what = what or exporter.whats[0]
    binary = bool(getattr(exporter, "binary", False))
    if out is None:
        stream = sys.stdout.buffer if binary else sys.stdout
        n = api.export(store, fmt, stream, what=what)
    else:
        with out.open("wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as fh:
            n = api.export(store, fmt, fh, what=what)
    err_console.print(f"exported {n} {what} as {fmt}" + (f" to {out}" if out else ""), highlight=False)


def register(group: click.Group) -> None:
    group.add_command(export)
