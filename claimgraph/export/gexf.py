"""GEXF: the actor–claim graph in Gephi's native format."""

from __future__ import annotations

from typing import IO, Any

import networkx as nx

from claimgraph.export.graph import GRAPH_WHATS, build_graph, edges_for
from claimgraph.store import Store


class GexfExporter:
    name = "gexf"
    whats = GRAPH_WHATS
    binary = True

    def export(self, store: Store, what: str, out: IO[Any]) -> int:
        """Write the graph; returns the number of edges (claims, or events before analysis)."""
        g = build_graph(store, edges_for(what))
        nx.write_gexf(g, out, encoding="utf-8", prettyprint=True)
        return g.number_of_edges()
