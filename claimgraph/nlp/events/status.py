"""How sure the text is about one event: the status decision.

The events coder calls `status_for(doc, trigger_token_index)` after
cg_attribution and cg_modality ran. Rules, in priority order (DESIGN §3):

1. denied        a deny cue whose scope holds the trigger. The denial itself
                 ("X denied the allegations") is not in its own scope, so it
                 stays asserted; only what is denied is "denied".
2. alleged       an allege cue in scope ("allegedly", "accused of"), or the
                 trigger is itself an allegation ("X alleged that …", "X
                 made accusations") that no one else reports.
3. hypothetical  a hedge / conditional / speculation cue in scope.
4. reported      an attribution whose content holds the trigger, or a
                 "reportedly"-type cue.
5. asserted      otherwise.

`said_by` is credited whatever the status ("OCCRP disclosed that X
allegedly …" is alleged, said by OCCRP): the innermost attribution that
names an actor, walking out along the chain; failing that, the innermost
source text ("news reports", "documents").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from claimgraph.nlp.types import ActorMention, AttributionMention, CharSpan, ModalityCue, ext
from claimgraph.ontology.cues import attribution_cues, modality_cues

_HYPOTHETICAL = ("hedge", "conditional", "speculation")


@dataclass
class StatusInfo:
    status: str  # asserted | reported | alleged | denied | hypothetical
    said_by: str | None  # actor id of who the article credits, or None
    said_by_text: str | None  # the source surface text ("Haaretz", "news reports"), or None
    attribution: int | None  # index into doc._.cg_attributions
    cues: list[int] = field(default_factory=list)  # indices into doc._.cg_cues that applied
    negated: bool = False


def _inside(span: CharSpan, start: int, end: int) -> bool:
    return span.end_char > span.start_char and span.start_char <= start and end <= span.end_char


def status_for(doc: Doc, token_i: int) -> StatusInfo:
    """Status, credited source and negation for the event triggered at token_i."""
    tok = doc[token_i]
    ts, te = tok.idx, tok.idx + len(tok.text)
    cues: list[ModalityCue] = list(ext(doc, "cg_cues") or [])
    atts: list[AttributionMention] = list(ext(doc, "cg_attributions") or [])

    applied = [i for i, c in enumerate(cues)
               if c.kind != "negation" and _inside(c.scope, ts, te) and not (c.start_char <= ts < c.end_char)]
    negs = [i for i, c in enumerate(cues) if c.kind == "negation" and _negates(doc, c, tok)]
    kinds = {cues[i].kind for i in applied}

    att_i = _innermost(atts, ts, te)
    said_by, said_by_text = credit(doc, atts, att_i)
    if att_i is None and _is_allegation(tok, cues, ts):
        # "X alleged that …" / "X made accusations" told by the article itself
        # is an allegation (unlike a denial, whose own verb is asserted);
        # inside someone else's report it stays "reported".
        kinds.add("allege")
        said_by, said_by_text = _accuser(doc, tok, atts, ts) or (said_by, said_by_text)

    if "deny" in kinds:
        status = "denied"
    elif "allege" in kinds:
        status = "alleged"
    elif kinds & set(_HYPOTHETICAL):
        status = "hypothetical"
    elif att_i is not None or "report" in kinds:
        status = "reported"
    else:
        status = "asserted"
    return StatusInfo(status, said_by, said_by_text, att_i, sorted(applied + negs), bool(negs))


def _is_allegation(tok: Token, cues: list[ModalityCue], ts: int) -> bool:
    """The trigger is itself an allege cue ("allege") or an accusation noun."""
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in modality_cues()["allege"].claim_nouns:
        return True
    return any(c.kind == "allege" and c.start_char <= ts < c.end_char for c in cues)


def _accuser(doc: Doc, tok: Token, atts: list[AttributionMention], ts: int) -> tuple[str | None, str] | None:
    """Who makes the allegation: the source of the attribution the trigger
    is the cue of ("X alleged that"), else the subject of the verb that
    governs the accusation noun ("X made / levelled accusations")."""
    for a in atts:
        if a.cue.start_char <= ts < a.cue.end_char and a.source is not None and a.source.text:
            return a.source_actor_id, _credited_text(doc, a, a.source_actor_id)
    if tok.dep_ not in ("dobj", "nsubjpass") or tok.head.i == tok.i:
        return None
    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    span = doc[subj.left_edge.i: subj.i + 1]
    actor = next((m.actor_id for m in ext(doc, "cg_mentions") or []
                  if m.role != "location" and m.start <= subj.i < m.end), None)
    return actor, span.text


def _negates(doc: Doc, cue: ModalityCue, trigger: Token) -> bool:
    """A negation word attached to the trigger (or to its auxiliary chain):
    "did not attack", "never attacked", "no attack"."""
    span = doc.char_span(cue.start_char, cue.end_char, alignment_mode="expand")
    if span is None:
        return False
    neg = span.root
    head = neg.head
    if head.i == trigger.i:
        return True
    # "did not try to attack": the negation sits on the verb the trigger completes
    return trigger.dep_ == "xcomp" and trigger.head.i == head.i


def _innermost(atts: list[AttributionMention], ts: int, te: int) -> int | None:
    """The attribution with the smallest content holding the trigger, not
    counting an attribution whose own cue is the trigger ("X said")."""
    best: int | None = None
    best_len = 0
    for i, a in enumerate(atts):
        if a.cue.start_char <= ts < a.cue.end_char or not _inside(a.content, ts, te):
            continue
        size = a.content.end_char - a.content.start_char
        if best is None or size < best_len:
            best, best_len = i, size
    return best


def credit(doc: Doc, atts: list[AttributionMention], start: int | None) -> tuple[str | None, str | None]:
    """Walk out from the innermost attribution: the first source that names
    an actor wins (a pronoun source resolved to the speaker its paragraph
    named, `_named_credit`); else the first source with any text that is not
    a pronoun. A bare pronoun is never the credit."""
    chain: list[int] = []
    cur = start
    while cur is not None and cur not in chain and len(chain) < 16:
        chain.append(cur)
        cur = atts[cur].parent
    for i in chain:
        a = atts[i]
        if a.source_actor_id and a.source is not None:
            return a.source_actor_id, _credited_text(doc, a, a.source_actor_id)
        if a.source is not None and a.source.text.strip().lower() in _PRONOUN_SOURCES:
            named = _named_credit(doc, a.source.start_char, a.source.text.strip().lower())
            if named[0] is not None:
                return named
    for i in chain:
        a = atts[i]
        if a.source is not None and a.source.text and a.source.text.strip().lower() not in _PRONOUN_SOURCES:
            return None, _credited_text(doc, a, None)
    return None, None


# Pronouns that stand for a speaker; "he/she" for a person, the rest for a body or a group.
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_PRONOUN_SOURCES = _PERSON_PRONOUNS | frozenset({"it", "they", "them", "we", "i", "you", "this", "that"})


def _named_credit(doc: Doc, at: int, pronoun: str) -> tuple[str | None, str | None]:
    """"…," he said: the speaker the paragraph named before the pronoun.

    A news paragraph names its speaker once and then says "he said" or "it
    said"; the credit is that name, or nobody. He/she look for the nearest
    person named earlier in the paragraph (failing that, the only person the
    previous paragraph names, where a quote's speaker is usually introduced);
    it/they look for the nearest organisation or state in the paragraph. A
    pronoun is never a credit: an unresolved one gives (None, None)."""
    actors = ext(doc, "cg_actors") or {}
    mentions: list[ActorMention] = [m for m in ext(doc, "cg_mentions") or [] if m.role != "location"]
    text = doc.text
    para_start = text.rfind("\n\n", 0, at) + 1

    def kind(m: ActorMention) -> str:
        actor = actors.get(m.actor_id)
        return str(actor.kind) if actor is not None else ""

    want_person = pronoun in _PERSON_PRONOUNS
    fits = [m for m in mentions if (kind(m) == "person") == want_person]
    before = [m for m in fits if para_start <= m.start_char and m.end_char <= at]
    if before:
        best = max(before, key=lambda m: m.start_char)
        return best.actor_id, best.text
    if want_person and para_start > 1:
        prev_start = text.rfind("\n\n", 0, para_start - 2) + 1
        prev = {m.actor_id: m for m in fits if prev_start <= m.start_char and m.end_char <= para_start}
        if len(prev) == 1:
            only = next(iter(prev.values()))
            return only.actor_id, only.text
    return None, None


def _credited_text(doc: Doc, att: AttributionMention, actor_id: str | None) -> str:
    """The words that name the source: the actor's mention inside the source
    span, or the author of a publication ("an investigation by Haaretz" →
    "Haaretz"), or the whole source span."""
    src = att.source
    assert src is not None
    mentions: list[ActorMention] = list(ext(doc, "cg_mentions") or [])
    if actor_id is not None:
        for m in mentions:
            if m.actor_id == actor_id and src.start_char <= m.start_char and m.end_char <= src.end_char:
                return m.text
    span = doc.char_span(src.start_char, src.end_char, alignment_mode="expand")
    if span is not None and span.root.lemma_.lower() in attribution_cues().publications:
        for child in span.root.children:
            author = None
            if child.dep_ == "poss":
                author = child
            elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
                author = next((g for g in child.children if g.dep_ == "pobj"), None)
            if author is not None and author.pos_ == "PROPN":
                a, b = author.left_edge.i, author.right_edge.i + 1
                while b > a and doc[b - 1].is_punct:
                    b -= 1
                if doc[a].lower_ == "the" or doc[a].dep_ == "case":
                    a += 1
                return doc[a:b].text
    return src.text
