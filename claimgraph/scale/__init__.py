"""Extraction on a Dask cluster: the same records as the local worker pool, from other machines.

The NLP package stays a pure function of the text (it never learns about the
cluster); this package only moves documents out and records back. The client
keeps the store: workers never open a database, so a cluster needs no access
to it, and every result is written by the client in its own transaction —
a lost worker's batch is recomputed by Dask, a killed client resumes like a
local run (the documents it had not saved are still pending).

    claimgraph ingest articles/ --scheduler local --workers 4
    claimgraph ingest articles/ --scheduler tcp://10.0.0.5:8786
"""

from claimgraph.scale.cluster import DaskRunner, check_scheduler

__all__ = ["DaskRunner", "check_scheduler"]
