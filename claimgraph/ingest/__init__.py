"""Ingest: read files of many formats, clean them, find their metadata, dedupe.

Public entry point: `ingest_paths(paths, store, options, progress)`; the
CLI's `claimgraph ingest` is a thin layer over it.
"""

from claimgraph.ingest.run import IngestOptions, IngestReport, ingest_paths

__all__ = ["IngestOptions", "IngestReport", "ingest_paths"]
