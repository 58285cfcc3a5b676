"""Table definitions (SQLAlchemy Core), portable across SQLite and PostgreSQL.

JSON-ish columns are stored as TEXT holding JSON so the same schema works on
both engines without dialect types. Character offsets (`start`, `end`)
always refer to `documents.text`.

Every string column compares byte by byte on both engines: SQLite's default
(BINARY) and, on PostgreSQL, the "C" collation named on the column. Why not
the server's default: a database created with an English collation sorts
"B" after "a", so lists, pages and exports came out in another order than on
SQLite; and only a byte-order btree serves the id-prefix lookups (`LIKE 'ab%'`
or a range) that `claimgraph document ID` and `claim ID` make.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.types import TypeEngine


def _str(length: int) -> TypeEngine[str]:
    """VARCHAR(length), byte-ordered on PostgreSQL too (see the module docstring)."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def _text() -> TypeEngine[str]:
    """TEXT, byte-ordered on PostgreSQL too."""
    return Text().with_variant(Text(collation="C"), "postgresql")


metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", _str(40), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", _str(64), primary_key=True),
    Column("origin", _text(), nullable=False, default=""),
    Column("outlet", _text()),
    Column("author", _text()),
    Column("title", _text()),
    Column("published_value", _str(40)),
    Column("published_precision", _str(20)),
    Column("language", _str(10), nullable=False, default="en"),
    Column("format", _str(20), nullable=False, default="text"),
    Column("text", _text(), nullable=False),
    Column("meta", _text(), nullable=False, default="{}"),
    Column("ingested_at", _str(40), nullable=False),
    Column("extracted_at", _str(40)),
    Column("extractor_version", _str(40)),
    # the order every document list and page reads in (migration 4)
    Index("ix_documents_order", "ingested_at", "id"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", _str(200), primary_key=True),
    Column("name", _text(), nullable=False),
    Column("kind", _str(40), nullable=False, default="unknown"),
    Column("country", _str(10)),
    Column("sector", _str(20)),
    Column("meta", _text(), nullable=False, default="{}"),
)

actor_aliases = Table(
    "actor_aliases",
    metadata,
    Column("actor_id", _str(200), ForeignKey("actors.id"), primary_key=True),
    Column("alias", _text(), primary_key=True),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", _str(64), ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", _text(), nullable=False),
    Column("actor_id", _str(200)),
    Column("role", _str(20), nullable=False, default="actor"),
    Column("rule", _text(), nullable=False, default=""),
    Index("ix_mentions_doc", "document_id"),
    Index("ix_mentions_actor", "actor_id"),
)

timexes = Table(
    "timexes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", _str(64), ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", _text(), nullable=False),
    Column("value", _str(60), nullable=False),
    Column("precision", _str(20), nullable=False),
    Column("kind", _str(20), nullable=False, default="DATE"),
    Index("ix_timexes_doc", "document_id"),
)

attributions = Table(
    "attributions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", _str(64), ForeignKey("documents.id"), nullable=False),
    Column("ord", Integer, nullable=False),  # index within the document
    Column("kind", _str(20), nullable=False),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Column("cue_text", _text(), nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("source_text", _text()),
    Column("source_actor_id", _str(200)),
    Column("parent_ord", Integer),
    Index("ix_attributions_doc", "document_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", _str(80), primary_key=True),
    Column("document_id", _str(64), ForeignKey("documents.id"), nullable=False),
    Column("sent_start", Integer, nullable=False),
    Column("sent_end", Integer, nullable=False),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("trigger_text", _text()),
    Column("type", _str(20), nullable=False),
    Column("mode", _text()),
    Column("contexts", _text(), nullable=False, default="[]"),
    Column("intensity", Float, nullable=False, default=0.0),
    Column("date_value", _str(40)),
    Column("date_precision", _str(20)),
    Column("date_source", _text()),
    # the date as a day interval (claimgraph/dates.py), so date filters are indexed comparisons (migration 5)
    Column("date_start", _str(10)),
    Column("date_end", _str(10)),
    Column("location", _text()),
    Column("status", _str(20), nullable=False),
    Column("said_by", _str(200)),
    Column("said_by_text", _text()),
    Column("attribution_ord", Integer),
    Column("quantities", _text(), nullable=False, default="[]"),
    Column("negated", Integer, nullable=False, default=0),
    Column("confidence", Float, nullable=False, default=0.5),
    Column("rule", _text(), nullable=False, default=""),
    # an analyst's verdict, re-applied from `decisions` after every re-extraction (migration 6):
    # NULL (unreviewed) | confirmed | rejected; rejected events leave claims, lists and charts
    Column("review", _str(10)),
    Index("ix_events_doc", "document_id"),
    Index("ix_events_type", "type"),
    # migration 4: the order event lists and pages read in (a page is the first rows of this
    # index, not a sort of the table), and the timeline's date filters
    Index("ix_events_order", "document_id", "sent_start", "id"),
    Index("ix_events_date", "date_value"),
    Index("ix_events_date_start", "date_start"),  # migration 5
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", _str(80), ForeignKey("events.id"), primary_key=True),
    Column("role", _str(10), primary_key=True),  # source | target
    Column("ord", Integer, primary_key=True),
    Column("actor_id", _str(200), nullable=False),
    Index("ix_event_actors_actor", "actor_id"),
)


# ---------------------------------------------------------------- analysis (issue 5, migration 2)
# Cross-document resolution: raw actor id → canonical id, with the reason.
# Recomputed by analysis; `origin` says whether a rule or a user decided.
actor_merges = Table(
    "actor_merges",
    metadata,
    Column("actor_id", _str(200), primary_key=True),
    Column("canonical_id", _str(200), nullable=False),
    Column("why", _text(), nullable=False, default=""),
    Column("origin", _str(10), nullable=False, default="rule"),
    Index("ix_actor_merges_canonical", "canonical_id"),
)

# User decisions (merge A B / split ID ALIAS): kept apart from the computed
# merges so that re-running resolution never loses them.
actor_overrides = Table(
    "actor_overrides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", _str(10), nullable=False),  # merge | split
    Column("a", _str(200), nullable=False),
    Column("b", _text(), nullable=False),
    Column("created_at", _str(40), nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", _str(40), primary_key=True),
    Column("bucket", _text(), nullable=False),  # the dyad key: unit of incremental recomputation
    Column("type", _str(20), nullable=False),
    Column("mode", _text()),
    Column("source", _text(), nullable=False, default="[]"),
    Column("target", _text(), nullable=False, default="[]"),
    Column("negated", Integer, nullable=False, default=0),
    Column("date_value", _str(40)),
    Column("date_precision", _str(20)),
    Column("date_start", _str(10)),  # day interval of date_value (migration 5)
    Column("date_end", _str(10)),
    Column("status", _str(20), nullable=False),
    Column("intensity", Float, nullable=False, default=0.0),
    Column("documents", _text(), nullable=False, default="[]"),
    Column("independent_sources", _text(), nullable=False, default="[]"),
    Column("presentations", _text(), nullable=False, default="{}"),
    Column("reported", _str(40)),  # earliest publication date of its documents
    Column("reliability", _str(1), nullable=False, default="F"),
    Column("credibility", Integer, nullable=False, default=6),
    Column("reasons", _text(), nullable=False, default="[]"),
    Column("info", _text(), nullable=False, default="{}"),  # what linking needs: intervals, contexts, speakers
    Index("ix_claims_bucket", "bucket"),
    Index("ix_claims_date", "date_start"),
)

claim_events = Table(
    "claim_events",
    metadata,
    Column("claim_id", _str(40), ForeignKey("claims.id"), primary_key=True),
    Column("event_id", _str(80), primary_key=True),
    Index("ix_claim_events_event", "event_id"),
)

claim_actors = Table(
    "claim_actors",
    metadata,
    Column("claim_id", _str(40), ForeignKey("claims.id"), primary_key=True),
    Column("actor_id", _str(200), primary_key=True),
    Column("role", _str(10), primary_key=True),  # party | speaker (who the claim is credited to)
    Index("ix_claim_actors_actor", "actor_id"),
)

claim_links = Table(
    "claim_links",
    metadata,
    Column("claim_id", _str(40), primary_key=True),
    Column("other_id", _str(40), primary_key=True),
    Column("kind", _str(20), primary_key=True),  # corroborates | contradicts | denies (claim_id denies other_id)
    Column("why", _text(), nullable=False, default=""),
    Index("ix_claim_links_other", "other_id"),
)

# Analysis settings that must outlive one command (e.g. which reliability file grades use).
analysis_settings = Table(
    "analysis_settings",
    metadata,
    Column("key", _str(60), primary_key=True),
    Column("value", _text(), nullable=False),
)


# ---------------------------------------------------------------- analyst decisions (issue 12, migration 6)
# Corrections an analyst made, with who/when/why, kept apart from machine output: extraction
# replaces events, and the store re-applies these to the new events (found again by `anchor`,
# the trigger and sentence offsets, since event ids are positional).
decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", _str(40), nullable=False),
    Column("who", _text(), nullable=False),
    Column("why", _text(), nullable=False, default=""),
    Column("action", _str(10), nullable=False),  # confirm | reject | edit | merge | split
    Column("target", _str(200), nullable=False),  # event id (as it was) or actor id
    Column("document_id", _str(64)),
    Column("anchor", _text(), nullable=False, default="{}"),
    Column("change", _text(), nullable=False, default="{}"),  # {"field": [before, after]} or {"other": id}
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
    Column("event_id", _str(80), primary_key=True),
    Column("document_id", _str(64), nullable=False),
    Column("text", _text(), nullable=False),
    Column("basis", _str(20), nullable=False),  # location | sentence
    Column("name", _text(), nullable=False),
    Column("geonameid", Integer, nullable=False),
    Column("country", _str(3), nullable=False),
    Column("admin1", _str(20)),
    Column("region", _text()),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", _str(10), nullable=False),  # exact | region | country
    Index("ix_event_places_doc", "document_id"),
    Index("ix_event_places_country", "country"),
    Index("ix_event_places_latlon", "lat", "lon"),
)


# ---------------------------------------------------------------- work state (issue 11, migration 7)
# Documents whose extraction the analysis has not covered yet. Written in the
# same transaction as the extraction, removed only once an analysis that read
# it has committed: a run killed between the two stages leaves the document
# here, and the next run (ingest, extract or analyze) finishes it.
analysis_pending = Table(
    "analysis_pending",
    metadata,
    Column("document_id", _str(64), ForeignKey("documents.id"), primary_key=True),
)

# Who is extracting a document right now, until when. A writer claims a batch
# before parsing it, so two ingests never extract the same document twice; a
# claim whose owner died (its process is gone, or it stopped renewing) lapses.
extraction_claims = Table(
    "extraction_claims",
    metadata,
    Column("document_id", _str(64), ForeignKey("documents.id"), primary_key=True),
    Column("owner", _str(200), nullable=False),
    Column("expires_at", Float, nullable=False),  # seconds since the epoch
    Index("ix_extraction_claims_owner", "owner"),
)

# Named leases for work only one writer may do at a time (the analysis).
leases = Table(
    "leases",
    metadata,
    Column("name", _str(60), primary_key=True),
    Column("owner", _str(200), nullable=False),
    Column("expires_at", Float, nullable=False),
)

# What each document says about each actor it names (its spelling, kind,
# country, sector, aliases). The actors table is derived from these by a
# rule over all documents, not taken from whichever document was saved first.
document_actors = Table(
    "document_actors",
    metadata,
    Column("document_id", _str(64), ForeignKey("documents.id"), primary_key=True),
    Column("actor_id", _str(200), primary_key=True),
    Column("name", _text(), nullable=False),
    Column("kind", _str(40), nullable=False),
    Column("country", _str(10)),
    Column("sector", _str(20)),
    Column("aliases", _text(), nullable=False, default="[]"),
    Index("ix_document_actors_actor", "actor_id"),
)

# How many documents give each actor each value of a field ("name", "kind",
# "country", "sector", "alias"): the tallies the actor rule reads, kept so
# that saving one document costs a few rows, not a scan of every document
# naming the same country.
actor_votes = Table(
    "actor_votes",
    metadata,
    Column("actor_id", _str(200), primary_key=True),
    Column("field", _str(10), primary_key=True),
    Column("value", _text(), primary_key=True),
    Column("n", Integer, nullable=False),
)
