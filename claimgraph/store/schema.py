"""Table definitions (SQLAlchemy Core), portable across SQLite and PostgreSQL.

JSON-ish columns are stored as TEXT holding JSON so the same schema works on
both engines without dialect types. Character offsets (`start`, `end`)
always refer to `documents.text`.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("origin", Text, nullable=False, default=""),
    Column("outlet", Text),
    Column("author", Text),
    Column("title", Text),
    Column("published_value", String(40)),
    Column("published_precision", String(20)),
    Column("language", String(10), nullable=False, default="en"),
    Column("format", String(20), nullable=False, default="text"),
    Column("text", Text, nullable=False),
    Column("meta", Text, nullable=False, default="{}"),
    Column("ingested_at", String(40), nullable=False),
    Column("extracted_at", String(40)),
    Column("extractor_version", String(40)),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(40), nullable=False, default="unknown"),
    Column("country", String(10)),
    Column("sector", String(20)),
    Column("meta", Text, nullable=False, default="{}"),
)

actor_aliases = Table(
    "actor_aliases",
    metadata,
    Column("actor_id", String(200), ForeignKey("actors.id"), primary_key=True),
    Column("alias", Text, primary_key=True),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("actor_id", String(200)),
    Column("role", String(20), nullable=False, default="actor"),
    Column("rule", Text, nullable=False, default=""),
    Index("ix_mentions_doc", "document_id"),
    Index("ix_mentions_actor", "actor_id"),
)

timexes = Table(
    "timexes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", String(60), nullable=False),
    Column("precision", String(20), nullable=False),
    Column("kind", String(20), nullable=False, default="DATE"),
    Index("ix_timexes_doc", "document_id"),
)

attributions = Table(
    "attributions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("ord", Integer, nullable=False),  # index within the document
    Column("kind", String(20), nullable=False),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Column("cue_text", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("source_text", Text),
    Column("source_actor_id", String(200)),
    Column("parent_ord", Integer),
    Index("ix_attributions_doc", "document_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("sent_start", Integer, nullable=False),
    Column("sent_end", Integer, nullable=False),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("trigger_text", Text),
    Column("type", String(20), nullable=False),
    Column("mode", Text),
    Column("contexts", Text, nullable=False, default="[]"),
    Column("intensity", Float, nullable=False, default=0.0),
    Column("date_value", String(40)),
    Column("date_precision", String(20)),
    Column("date_source", Text),
    # the date as a day interval (claimgraph/dates.py), so date filters are indexed comparisons (migration 4)
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("location", Text),
    Column("status", String(20), nullable=False),
    Column("said_by", String(200)),
    Column("said_by_text", Text),
    Column("attribution_ord", Integer),
    Column("quantities", Text, nullable=False, default="[]"),
    Column("negated", Integer, nullable=False, default=0),
    Column("confidence", Float, nullable=False, default=0.5),
    Column("rule", Text, nullable=False, default=""),
    # an analyst's verdict, re-applied from `decisions` after every re-extraction (migration 5):
    # NULL (unreviewed) | confirmed | rejected; rejected events leave claims, lists and charts
    Column("review", String(10)),
    Index("ix_events_doc", "document_id"),
    Index("ix_events_type", "type"),
    Index("ix_events_date", "date_start"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", String(80), ForeignKey("events.id"), primary_key=True),
    Column("role", String(10), primary_key=True),  # source | target
    Column("ord", Integer, primary_key=True),
    Column("actor_id", String(200), nullable=False),
    Index("ix_event_actors_actor", "actor_id"),
)


# ---------------------------------------------------------------- analysis (issue 5, migration 2)
# Cross-document resolution: raw actor id → canonical id, with the reason.
# Recomputed by analysis; `origin` says whether a rule or a user decided.
actor_merges = Table(
    "actor_merges",
    metadata,
    Column("actor_id", String(200), primary_key=True),
    Column("canonical_id", String(200), nullable=False),
    Column("why", Text, nullable=False, default=""),
    Column("origin", String(10), nullable=False, default="rule"),
    Index("ix_actor_merges_canonical", "canonical_id"),
)

# User decisions (merge A B / split ID ALIAS): kept apart from the computed
# merges so that re-running resolution never loses them.
actor_overrides = Table(
    "actor_overrides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(10), nullable=False),  # merge | split
    Column("a", String(200), nullable=False),
    Column("b", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("bucket", Text, nullable=False),  # the dyad key: unit of incremental recomputation
    Column("type", String(20), nullable=False),
    Column("mode", Text),
    Column("source", Text, nullable=False, default="[]"),
    Column("target", Text, nullable=False, default="[]"),
    Column("negated", Integer, nullable=False, default=0),
    Column("date_value", String(40)),
    Column("date_precision", String(20)),
    Column("date_start", String(10)),  # day interval of date_value (migration 4)
    Column("date_end", String(10)),
    Column("status", String(20), nullable=False),
    Column("intensity", Float, nullable=False, default=0.0),
    Column("documents", Text, nullable=False, default="[]"),
    Column("independent_sources", Text, nullable=False, default="[]"),
    Column("presentations", Text, nullable=False, default="{}"),
    Column("reported", String(40)),  # earliest publication date of its documents
    Column("reliability", String(1), nullable=False, default="F"),
    Column("credibility", Integer, nullable=False, default=6),
    Column("reasons", Text, nullable=False, default="[]"),
    Column("info", Text, nullable=False, default="{}"),  # what linking needs: intervals, contexts, speakers
    Index("ix_claims_bucket", "bucket"),
    Index("ix_claims_date", "date_start"),
)

claim_events = Table(
    "claim_events",
    metadata,
    Column("claim_id", String(40), ForeignKey("claims.id"), primary_key=True),
    Column("event_id", String(80), primary_key=True),
    Index("ix_claim_events_event", "event_id"),
)

claim_actors = Table(
    "claim_actors",
    metadata,
    Column("claim_id", String(40), ForeignKey("claims.id"), primary_key=True),
    Column("actor_id", String(200), primary_key=True),
    Column("role", String(10), primary_key=True),  # party | speaker (who the claim is credited to)
    Index("ix_claim_actors_actor", "actor_id"),
)

claim_links = Table(
    "claim_links",
    metadata,
    Column("claim_id", String(40), primary_key=True),
    Column("other_id", String(40), primary_key=True),
    Column("kind", String(20), primary_key=True),  # corroborates | contradicts | denies (claim_id denies other_id)
    Column("why", Text, nullable=False, default=""),
    Index("ix_claim_links_other", "other_id"),
)

# Analysis settings that must outlive one command (e.g. which reliability file grades use).
analysis_settings = Table(
    "analysis_settings",
    metadata,
    Column("key", String(60), primary_key=True),
    Column("value", Text, nullable=False),
)


# ---------------------------------------------------------------- analyst decisions (issue 12, migration 5)
# Corrections an analyst made, with who/when/why, kept apart from machine output: extraction
# replaces events, and the store re-applies these to the new events (found again by `anchor`,
# the trigger and sentence offsets, since event ids are positional).
decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", String(40), nullable=False),
    Column("who", Text, nullable=False),
    Column("why", Text, nullable=False, default=""),
    Column("action", String(10), nullable=False),  # confirm | reject | edit | merge | split
    Column("target", String(200), nullable=False),  # event id (as it was) or actor id
    Column("document_id", String(64)),
    Column("anchor", Text, nullable=False, default="{}"),
    Column("change", Text, nullable=False, default="{}"),  # {"field": [before, after]} or {"other": id}
    Index("ix_decisions_doc", "document_id"),
)


# ---------------------------------------------------------------- places (issue 12, migration 3)
# Where each event happened, as a gazetteer entry (analysis/places.py computes it). One row per
# placed event; an event without a row is unplaced. `document_id` lets a re-extraction clear a
# document's rows with its events; `basis` says whether the event's own location phrase or a place
# named in its sentence was read, `text` what was written.
event_places = Table(
    "event_places",
    metadata,
    Column("event_id", String(80), primary_key=True),
    Column("document_id", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("basis", String(20), nullable=False),  # location | sentence
    Column("name", Text, nullable=False),
    Column("geonameid", Integer, nullable=False),
    Column("country", String(3), nullable=False),
    Column("admin1", String(20)),
    Column("region", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", String(10), nullable=False),  # exact | region | country
    Index("ix_event_places_doc", "document_id"),
    Index("ix_event_places_country", "country"),
    Index("ix_event_places_latlon", "lat", "lon"),
)
