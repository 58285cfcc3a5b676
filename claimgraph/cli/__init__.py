"""The `claimgraph` command: one command per library function in claimgraph.api.

One module per command group (ingest, documents, export, analysis, evaluate,
web); each has `register(group)`, called here in a fixed order.

Every command takes `--db` (or $CLAIMGRAPH_DB; default ./claimgraph.db).
User errors print one line (`Error: …`) and exit non-zero; anything else
is a bug and keeps its traceback.
"""

from __future__ import annotations

import click

from claimgraph import __version__
from claimgraph.cli import analysis, documents, evaluate, export, ingest, review, web
from claimgraph.cli.common import ClaimgraphGroup


@click.group(cls=ClaimgraphGroup)
@click.version_option(__version__, prog_name="claimgraph")
def main() -> None:
    """claimgraph: news articles → an evidence-graded knowledge graph.

    Who did what to whom and when (PLOVER events), who says so (attribution
    and status), and who agrees (claims compared across sources).
    """


for _module in (ingest, documents, export, evaluate, analysis, review, web):
    _module.register(main)

__all__ = ["main"]
