"""`cg_events`: PLOVER events — type, mode, source, target, date, status, said_by.

Reads everything the earlier components wrote; writes `doc._.cg_events`. Parts:
`component` (the factory and per-sentence coding), `candidate` (what both
coders share), `verbal` and `nominal` (verbs and event nouns), `args`, `actors`,
`location`, `quantities` (arguments), `discourse` (events across clauses),
`status` (asserted / reported / alleged / denied / hypothetical). Lexicon:
`ontology/data/event_lexicon.toml`, read by `events.lexicon`; PLOVER itself in
`ontology/data/plover.toml`.
"""
