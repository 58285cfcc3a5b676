"""claimgraph: conflict reporting → an evidence-graded knowledge graph."""

__version__ = "0.1.0"
