"""What the pipeline components hand each other, via spaCy Doc extensions.

Each component reads earlier components' output from `doc._.cg_*` and
appends its own. Offsets are *character* offsets into `doc.text` (which is
the stored document text), so they survive the trip to the database; token
indices are kept alongside for components that walk the parse.

Order (see DESIGN §1): actors → timex → attribution → modality → events.

    extension          written by            type
    cg_published       the caller            DateValue | None  (publication date)
    cg_furniture       cg_structure          list[tuple[int, int]]  (token ranges of headline-list lines)
    cg_actors          cg_actors             dict[str, Actor]  (actor id → Actor, this doc)
    cg_mentions        cg_actors             list[ActorMention]
    cg_timexes         cg_timex              list[TimexMention]
    cg_attributions    cg_attribution        list[AttributionMention]
    cg_cues            cg_modality           list[ModalityCue]
    cg_events          cg_events             list[EventMention]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from claimgraph.model import Actor, DateValue, Quantity


@dataclass(slots=True)
class ActorMention:
    """A span that names an actor, or a place.

    `role == "location"` marks places that stay places ("its embassy in Tel
    Aviv"): `actor_id` still says which country the place belongs to, but
    the events coder must not treat it as an acting party.
    """

    start: int  # token index
    end: int  # token index (exclusive)
    start_char: int
    end_char: int
    text: str
    actor_id: str
    role: str = "actor"
    rule: str = ""


@dataclass(slots=True)
class TimexMention:
    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    value: str  # TIMEX3 style: "2011", "2023-03-29", "XXXX-06-13", "2014/2017", "PRESENT_REF", "P1Y"
    precision: str
    kind: str = "DATE"  # DATE, DURATION, SET
    modifier: str | None = None  # since, until, between, before, after, approx

    def date(self) -> DateValue | None:
        """The event-date form (DESIGN §6): "--06-13" for year-less dates."""
        if self.kind != "DATE" or self.value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
            return None
        value = self.value
        if value.startswith("XXXX-"):
            value = "--" + value[5:]
        return DateValue(value, self.precision)


@dataclass(slots=True)
class CharSpan:
    start_char: int
    end_char: int
    text: str = ""


@dataclass(slots=True)
class AttributionMention:
    """X credited with content C via cue word(s) K.

    `source` is None for unnamed attributions ("it has been reported").
    `parent` is the index (in doc._.cg_attributions) of the attribution that
    this one is reported inside: The Cradle → "according to Haaretz" →
    "documents show" gives a chain.
    """

    cue: CharSpan
    content: CharSpan
    source: CharSpan | None = None
    source_actor_id: str | None = None
    kind: str = "verb"  # according_to, verb, quote, unnamed, adverb, passive
    parent: int | None = None
    cue_lemma: str = ""


@dataclass(slots=True)
class ModalityCue:
    """A word or phrase that changes how sure a stretch of text is.

    kind: hedge (may, could, likely), allege (allegedly, accused),
    report (reportedly), deny (denied, rejected the claim), negation (not,
    never), conditional (if, would), speculation (widely assumed, whether or
    not this is true). `scope` is the character range the cue governs
    (its clause, or the whole sentence when unsure).
    """

    start_char: int
    end_char: int
    text: str
    kind: str
    scope: CharSpan
    rule: str = ""


@dataclass(slots=True)
class EventMention:
    sentence: CharSpan
    trigger: CharSpan
    type: str
    source: list[str] = field(default_factory=list)  # actor ids
    target: list[str] = field(default_factory=list)
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    intensity: float = 0.0
    date: DateValue | None = None
    date_source: str | None = None
    location: str | None = None
    status: str = "asserted"
    said_by: str | None = None
    said_by_text: str | None = None
    attribution: int | None = None
    quantities: list[Quantity] = field(default_factory=list)
    negated: bool = False
    confidence: float = 0.5
    rule: str = ""


_EXTENSIONS: dict[str, object] = {
    "cg_published": None,
    "cg_furniture": None,
    "cg_actors": None,
    "cg_mentions": None,
    "cg_timexes": None,
    "cg_attributions": None,
    "cg_cues": None,
    "cg_events": None,
}


def ensure_extensions() -> None:
    """Register the Doc extensions once per process (spaCy keeps them global).

    Defaults are None, never shared mutable lists: a component that needs a
    list creates it, so documents cannot leak into each other.
    """
    for name, default in _EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def ext(doc: Doc, name: str) -> Any:
    """`getattr(doc._, name)` for the extensions above, without a proxy object per read.

    Each `doc._` builds an Underscore proxy, and the events coder asks for
    `cg_mentions` tens of thousands of times per hundred articles. spaCy keeps
    a Doc extension's value in `doc.user_data` under ("._.", name, None, None)
    (Underscore._get_key); ours have no getter or method and default to None,
    so this lookup is all that `doc._.name` does for them (tests/test_types.py
    holds spaCy to that).
    """
    return doc.user_data.get(("._.", name, None, None))


_TEXT_KEY = "cg_text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, built at most once per document.

    Doc.text joins every token's text on each access (a quarter of a
    millisecond for a news article). `extract.make_doc` stores the string the
    Doc was made from, which spaCy's non-destructive tokenizer reproduces
    exactly, so usually nothing is built at all.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record the text `doc` was tokenized from, for `doc_text`."""
    doc.user_data[_TEXT_KEY] = text


def get_list(doc: Doc, name: str) -> list:
    """The doc's list for an extension, created on first use."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


def get_actors(doc: Doc) -> dict[str, Actor]:
    value = doc._.cg_actors
    if value is None:
        value = {}
        doc._.cg_actors = value
    return value


ensure_extensions()
