"""`cg_modality`: hedges, allegations, denials, negation and conditionals, with scope.

Reads the parse; writes `doc._.cg_cues`. One part: `component`. Lexicon:
`ontology/data/modality_cues.toml`, read by `claimgraph.ontology.cues`.
"""
