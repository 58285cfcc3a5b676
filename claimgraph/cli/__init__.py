"""The `claimgraph` command: one command per library function in claimgraph.api.

One module per command group (ingest, documents, export, analysis, evaluate,
check, web); each has `register(group)`, called here in a fixed order.

Every command takes `--db` (or $CLAIMGRAPH_DB; default ./claimgraph.db);
only `ingest` creates a store there. User errors print one line (`Error: …`)
and exit with their code; anything else is a bug, keeps its traceback and
exits EXIT_CRASH (claimgraph/errors.py holds the codes).
"""

from __future__ import annotations

import click

from claimgraph import __version__
from claimgraph.cli import analysis, check, documents, evaluate, export, ingest, review, web
from claimgraph.cli.common import ClaimgraphGroup


@click.group(cls=ClaimgraphGroup)
@click.version_option(__version__, prog_name="claimgraph")
def main() -> None:
    """claimgraph: news articles → an evidence-graded knowledge graph.

    Who did what to whom and when (PLOVER events), who says so (attribution
    and status), and who agrees (claims compared across sources).

    \b
    Exit codes:
      0   done (ingest: something was added, or all of it was already stored)
      1   an error the message explains: a missing store, an unknown id, bad
          data; for ingest, nothing at all could be stored
      2   usage: unknown option, bad value
      3   ingest --strict: the run finished but some input was skipped
      70  a bug in claimgraph (the traceback is printed); ingest still
          finishes every other file first
      130 interrupted (Ctrl-C); run the command again to resume
    """


for _module in (ingest, documents, export, evaluate, analysis, check, review, web):
    _module.register(main)

__all__ = ["main"]
