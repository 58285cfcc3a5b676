"""`cg_timex`: every time expression, normalised against the publication date.

Reads `doc._.cg_published`; writes `doc._.cg_timexes`. Parts: `component` (the
factory), `patterns` and `anchors` (recognition), `resolve`, `calendar`,
`numeric`, `duration`, `offset` (interpretation), `clause` and `discourse`
(the date of an event's clause). Lexicon: `ontology/data/timex.toml`, read by
`timex.lexicon`.
"""
