"""`claimgraph serve` and `claimgraph report`: the commands of the web layer.

Kept beside the web package (registered into the main group by cli.py) so
the core CLI does not import FastAPI or Jinja2 unless these commands run.
"""

from __future__ import annotations

from pathlib import Path

import click

from claimgraph.store import DEFAULT_DB


def register(group: click.Group) -> None:
    group.add_command(serve)
    group.add_command(report)


@click.command()
@click.option("--db", envvar="CLAIMGRAPH_DB", default=DEFAULT_DB, show_default=True,
              help="SQLite file or database URL (postgresql://…). Also $CLAIMGRAPH_DB.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default keeps the UI on this machine.")
@click.option("--port", default=8000, show_default=True, type=int)
def serve(db: str, host: str, port: int) -> None:
    """Browse the store: overview, graph, timeline, claim ledger, sources, actors."""
    import uvicorn

    from claimgraph.web.app import create_app
    from claimgraph.web.templating import vendor_ready

    app = create_app(db)
    if not vendor_ready():
        click.echo("note: graph library missing (run scripts/build_web.sh); the graph page shows a table", err=True)
    click.echo(f"claimgraph UI on http://{host}:{port}/ ({app.state.store.display_url})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command()
@click.option("--db", envvar="CLAIMGRAPH_DB", default=DEFAULT_DB, show_default=True,
              help="SQLite file or database URL (postgresql://…). Also $CLAIMGRAPH_DB.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("report.html"),
              show_default=True, help="Where to write the HTML file.")
@click.option("--top-dyads", default=6, show_default=True, type=int, help="How many dyad charts to draw.")
def report(db: str, out: Path, top_dyads: int) -> None:
    """Write one self-contained HTML report (summary, claim ledger, timeline, dyad charts)."""
    from claimgraph.store import Store
    from claimgraph.web.report import build_report

    with Store.open(db) as store:
        html = build_report(store, top_dyads=top_dyads)
    out.write_text(html, encoding="utf-8")
    click.echo(f"wrote {out} ({len(html.encode('utf-8')):,} bytes)", err=True)
