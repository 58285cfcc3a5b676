"""analysis: cross-document resolution, claims, links, grades, dyad series.

The public surface other layers use: `rebuild`, `update` (called after every
ingest), `analyze`, `regrade`, `claim_records` (the exporter's claims
shape) and `canonical_id` (scorers and exports map raw actor ids through it).
"""

from __future__ import annotations

from claimgraph.analysis.records import canonical_id, claim_record, claim_records
from claimgraph.analysis.run import analyze, rebuild, regrade, update

__all__ = ["analyze", "canonical_id", "claim_record", "claim_records", "rebuild", "regrade", "update"]
