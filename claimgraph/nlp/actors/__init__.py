"""`cg_actors`: who the actors in a document are, and where they are mentioned.

Reads spaCy's parse and NER; writes `doc._.cg_mentions` and `doc._.cg_actors`.
Parts: `component` (the factory), `lexicon` (gazetteer look-up), `spans`
(reading noun phrases), `build` (candidate spans), `resolve` (names to actors),
`affiliation` (officials to their state), `registry` (actor ids), `coref`
(short forms and definite descriptions). Lexicons: `ontology/data/actor_words.toml`,
`agencies.toml`, `countries_extra.tsv`, read by `claimgraph.ontology.actors`.
"""
