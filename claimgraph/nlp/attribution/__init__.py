"""`cg_attribution`: who the text credits with what ("X said that …").

Reads the parse and `cg_mentions`; writes `doc._.cg_attributions`. Parts:
`component` (the factory and verb cues), `nouns` and `adjectives` (other cue
kinds), `headline` (headline speaker labels), `content` (what is reported),
`sources` (who reports it), `chains` (nested reports), `spans` (character-span
helpers, also used by modality). Lexicon: `ontology/data/attribution_cues.toml`,
read by `claimgraph.ontology.cues`.
"""
