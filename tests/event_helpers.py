"""Running one sentence through the full pipeline, for the cg_events tests.

Pytest puts tests/ on sys.path (no __init__.py), so the event test modules
import this instead of each keeping its own copy."""

from __future__ import annotations

from spacy.language import Language

from claimgraph.model import DateValue
from claimgraph.nlp.types import EventMention


def events(nlp: Language, text: str) -> list[EventMention]:
    """The events of `text`, published 2021-05-01 so relative dates resolve."""
    doc = nlp.make_doc(text)
    doc._.cg_published = DateValue("2021-05-01", "day")
    return list(next(nlp.pipe([doc]))._.cg_events or [])
