"""`claimgraph serve` and `claimgraph report`: the commands of the web layer.

Kept beside the web package (registered into the main group by cli.py) so
the core CLI does not import FastAPI or Jinja2 unless these commands run.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import click

from claimgraph.errors import UsageError
from claimgraph.store import DEFAULT_DB

# URL-, header- and cookie-safe, and long enough not to be guessed
TOKEN_RE = re.compile(r"[A-Za-z0-9._~-]{16,512}")


def register(group: click.Group) -> None:
    group.add_command(serve)
    group.add_command(report)


@click.command()
@click.option("--db", envvar="CLAIMGRAPH_DB", default=DEFAULT_DB, show_default=True,
              help="SQLite file or database URL (postgresql://…). Also $CLAIMGRAPH_DB.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default keeps the UI on this machine.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="CLAIMGRAPH_TOKEN", default=None, show_envvar=True,
              help="Access token (16+ characters of A-Z a-z 0-9 . _ ~ -), then required on loopback too. "
                   "Beyond loopback a token is always required: generated and printed when absent.")
@click.option("--require-token", is_flag=True,
              help="Require the token on loopback too (always required beyond loopback).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Another Host name the server answers to (repeatable); the bound names always are.")
def serve(db: str, host: str, port: int, token: str | None, require_token: bool,
          allowed_hosts: tuple[str, ...]) -> None:
    """Browse the store: overview, graph, timeline, claim ledger, sources, actors.

    Bound beyond loopback, every request needs the token: API clients send
    `Authorization: Bearer TOKEN`; a browser opens the printed ?token= URL once
    and keeps an HttpOnly cookie. Requests naming a Host the server is not
    bound to are refused (DNS rebinding).
    """
    import uvicorn

    from claimgraph.store import Store
    from claimgraph.web.app import create_app
    from claimgraph.web.security import Access, is_loopback
    from claimgraph.web.templating import vendor_ready

    if token is not None and not TOKEN_RE.fullmatch(token):
        raise UsageError("--token / $CLAIMGRAPH_TOKEN: use 16 to 512 characters of A-Z a-z 0-9 . _ ~ -")
    access = Access.for_bind(host, token, require_token, allowed_hosts)
    Store.open(db, create=False).close()  # a mistyped --db is an error here, not a new empty store
    app = create_app(db, access=access)
    if not vendor_ready():
        click.echo("note: graph library missing (run scripts/build_web.sh); the graph page shows a table", err=True)
    name = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    base = f"http://{'[' + name + ']' if ':' in name else name}:{port}/"
    click.echo(f"claimgraph UI on {base} ({app.state.store.display_url})", err=True)
    if access.token is not None:
        if access.generated:
            click.echo(f"token generated for this run (fix one with --token or $CLAIMGRAPH_TOKEN): {access.token}\n"
                       f"  browser: open {base}?token={access.token}\n"
                       f"  API:     Authorization: Bearer {access.token}", err=True)
        else:
            click.echo("token required: open the URL with ?token=TOKEN once, or send Authorization: Bearer TOKEN",
                       err=True)
    if not is_loopback(host):
        click.echo("answers to Host: " + ", ".join(sorted(access.hosts)) + " (add more with --allowed-host)",
                   err=True)
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

    with Store.open(db, create=False) as store:
        html = build_report(store, top_dyads=top_dyads)
    out.write_text(html, encoding="utf-8")
    click.echo(f"wrote {out} ({len(html.encode('utf-8')):,} bytes)", err=True)
