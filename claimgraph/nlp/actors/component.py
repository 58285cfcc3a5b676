"""The `cg_actors` spaCy component: who the actors in a document are, and where.

Reads the parse and spaCy's NER; writes `doc._.cg_mentions` (ActorMention
list, token and character spans) and `doc._.cg_actors` (id → Actor). The work
is split by concern: gazetteers (actors_lexicon), noun-phrase reading
(actors_spans), candidate spans (actors_build), resolution of names to actors
(actors_resolve), in-document references (coref). This module holds the
factory and the helpers the events coder calls.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.model import Actor
from claimgraph.nlp.actors.lexicon import Lexicon
from claimgraph.nlp.actors.resolve import annotate
from claimgraph.nlp.types import ActorMention, ensure_extensions, ext
from claimgraph.ontology.actors import actor_words

MAX_TOKENS = 200_000  # a document longer than this is cut for actor search, not parsed twice


class ActorsComponent:
    """Holds the compiled gazetteers; one instance per pipeline."""

    def __init__(self, nlp: Language, name: str = "cg_actors") -> None:
        ensure_extensions()
        self.name = name
        self.lexicon = Lexicon(nlp)
        self.words = actor_words()

    def __call__(self, doc: Doc) -> Doc:
        annotate(doc, self.lexicon, self.words, max_tokens=MAX_TOKENS)
        return doc


@Language.factory(
    "cg_actors",
    requires=["doc.ents", "token.dep", "token.tag"],
    assigns=["doc._.cg_mentions", "doc._.cg_actors"],
)
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent(nlp, name)


def _mentions(doc: Doc) -> list[ActorMention]:
    return ext(doc, "cg_mentions") or []


def actors_for_span(doc: Doc, start: int, end: int, include_locations: bool = False) -> list[ActorMention]:
    """The actor mentions inside token range [start, end), in text order.

    Only the outermost mentions are returned: for the subject "Iran's Foreign
    Ministry Spokesman Nasser Kanaani" that is the person, not also "Iran";
    ask for the range of "Iran" alone to get the state. Places ("in Baku")
    are left out unless `include_locations`.
    """
    inside = [m for m in _mentions(doc) if start <= m.start and m.end <= end
              and (include_locations or m.role != "location")]
    out: list[ActorMention] = []
    for m in inside:
        if any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
               for o in inside):
            continue
        out.append(m)
    out.sort(key=lambda m: (m.start, m.start_char))
    return out


_INDEX_KEY = "cg_actors_token_index"


def token_index(doc: Doc) -> dict[int, ActorMention]:
    """token index → smallest mention covering it, built once per doc.

    The events coder asks "which actor is token i?" tens of times per
    sentence; scanning every mention per question made that quadratic in
    document length. The index is rebuilt only if the mention list changes
    (a different list object or length), so later additions stay visible.
    """
    mentions = _mentions(doc)
    cached = doc.user_data.get(_INDEX_KEY)
    if cached is not None and cached[0] is mentions and cached[1] == len(mentions):
        return cached[2]
    index: dict[int, ActorMention] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            best = index.get(i)
            if best is None or (m.end - m.start) < (best.end - best.start):
                index[i] = m
    doc.user_data[_INDEX_KEY] = (mentions, len(mentions), index)
    return index


def actor_for_token(doc: Doc, i: int) -> ActorMention | None:
    """The smallest mention covering token i (so "Iran" in "Iran's … Kanaani" is Iran,
    and the head "Kanaani" is the person)."""
    return token_index(doc).get(i)


def describe_actor(actor: Actor) -> str:
    """'Silk Way Airlines (company, AZE, BUS)' — for tables and debugging."""
    parts = [actor.kind]
    if actor.country and actor.kind != "country":
        parts.append(actor.country)
    if actor.sector:
        parts.append(actor.sector)
    return f"{actor.name} ({', '.join(parts)}) [{actor.id}]"
