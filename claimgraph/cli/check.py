"""`claimgraph check`: the analyst's question "what does my corpus say about this?".

A thin layer over `api.check`. `--json` is a stable interface other tools
read: one JSON object per input claim, one per line (JSON Lines), in input
order; its shape is documented in `api.check`.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from claimgraph import api
from claimgraph.analysis.check import Checker
from claimgraph.cli.common import console, db_option
from claimgraph.errors import UsageError
from claimgraph.store.store import Store

STANCE_LABEL = {"agree": "agrees", "disagree": "disputes / denies", "discuss": "reports"}


@click.command()
@click.argument("claim", required=False)
@click.option("--file", "claims_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Check every claim in this text file, one claim a line.")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per claim, one a line, in input order.")
def check(claim: str | None, claims_file: Path | None, db: str, as_json: bool) -> None:
    """List the documents that agree with CLAIM, dispute or deny it, or merely report it.

    Each comes with its evidence sentences and the stored claims they hold.
    A document not listed is unrelated to the claim.
    """
    if (claim is None) == (claims_file is None):
        raise UsageError("give one CLAIM, or --file FILE with one claim a line (not both)")
    claims = [claim] if claim is not None else api.read_claims(claims_file)  # type: ignore[arg-type]
    for c in claims:
        if not c.strip():
            raise UsageError("an empty claim: give the claim's words")
    with Store.open(db) as store:
        if as_json:
            for record in api.check(store, claims):
                click.echo(json.dumps(record, ensure_ascii=False))
            return
        checker = Checker(store)
        for c in claims:
            rows = checker.explain(c)
            console.print(f"[bold]{escape(c)}[/bold]: {len(rows)} related document(s)", highlight=False)
            if not rows:
                continue
            table = Table("stance", "document", "evidence", "claims", "why")
            for rec, j in rows:
                doc = rec["document"]
                table.add_row(STANCE_LABEL[rec["stance"]], escape(f"{doc['outlet'] or ''} {doc['origin']}".strip()),
                              escape(" … ".join(e["text"][:240] for e in rec["evidence"][:2])),
                              escape(", ".join(rec["claims"][:4])), escape(j.reason))
            console.print(table)


def register(group: click.Group) -> None:
    group.add_command(check)
