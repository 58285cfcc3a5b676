"""The PLOVER event coder: spaCy component "cg_events" (runs last).

Reads the parse, the actor mentions (cg_actors), clause dates (cg_timex)
and status (cg_attribution + cg_modality); writes doc._.cg_events, a list
of EventMention. Each sentence is coded in two passes: verbs first (their
lexicon entry decides type, their arguments the parties), then event nouns
not already covered by a verb ("a deal with", "criticism from"). Events
with neither a source nor a target actor are dropped: an event nobody did
to nobody is not a fact we can put in the graph.

The components this one reads are imported lazily, so the coder runs (with
plainer defaults) in a pipeline that lacks them.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, POS, TAG
from spacy.language import Language
from spacy.symbols import AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from claimgraph.model import DateValue
from claimgraph.nlp.events import discourse, mood
from claimgraph.nlp.events.actors import note_pair, with_states
from claimgraph.nlp.events.args import children_cache, kids
from claimgraph.nlp.events.candidate import Candidate
from claimgraph.nlp.events.lexicon import Lexicon, lexicon
from claimgraph.nlp.events.location import location_of
from claimgraph.nlp.events.nominal import code_noun, noun_entries
from claimgraph.nlp.events.quantities import quantities
from claimgraph.nlp.events.senses import sense_fits
from claimgraph.nlp.events.status import credit, status_for
from claimgraph.nlp.events.verbal import code_verb, say_must
from claimgraph.nlp.structure.component import in_furniture
from claimgraph.nlp.timex.component import clause_date
from claimgraph.nlp.types import CharSpan, EventMention, ext, get_list
from claimgraph.ontology.plover import intensity, is_reciprocal

_NAMED_KEY = "cg_events_named_tokens"
MAX_SENT_TOKENS = 400  # longer "sentences" are parser accidents (tables, lists): skipped
_VB_TAGS: dict[int, bool] = {}  # tag id → is a VB* tag
_ARRAYS_KEY = "cg_events_arrays"
_CODABLE: tuple[Lexicon, dict[int, tuple[bool, bool]]] | None = None  # (lexicon, lemma id → _codable)


def _status(doc: Doc, tok: Token, cand: Candidate) -> dict:
    """status / said_by / attribution / negation, as the status helper judges the trigger."""
    info = status_for(doc, tok.i)
    return {
        "status": info.status or "asserted",
        "said_by": info.said_by,
        "said_by_text": info.said_by_text,
        "attribution": info.attribution,
        "negated": info.negated or cand.negated,
    }


def _date(doc: Doc, tok: Token) -> tuple[DateValue | None, str | None]:
    timex = clause_date(doc, tok.i)
    if timex is None:
        return _continuing(doc, tok)
    value = timex.date()
    return (value, timex.text) if value is not None else (None, None)


_PERFECT_AUX = frozenset({"has", "have", "'s", "'ve"})


def _continuing(doc: Doc, tok: Token) -> tuple[DateValue | None, str | None]:
    """"Chile has for years supplied arms": the continuative perfect holds up to the telling.

    A present perfect with a "for + duration" says the act has gone on until
    now, so it is dated to the year of publication: an act of the story's own
    time, not a timeless one that any earlier or later report could match."""
    published = ext(doc, "cg_published")
    if published is None or tok.pos_ not in ("VERB", "AUX"):
        return None, None
    auxes = [c for c in tok.children if c.dep_ == "aux"]
    if not any(a.lower_ in _PERFECT_AUX for a in auxes):
        return None, None
    durations = {t.start for t in ext(doc, "cg_timexes") or [] if t.kind == "DURATION"}
    heads = [tok, *auxes]
    for_phrase = any(c.dep_ == "prep" and c.lower_ == "for" and any(p.dep_ == "pobj" and p.i in durations
                     for p in c.children) for h in heads for c in h.children)
    if not for_phrase:
        return None, None
    return DateValue(published.value[:4], "year"), "continuative perfect"


def _confidence(cand: Candidate) -> float:
    """Rule strength, raised for complete arguments and lowered for nominal or one-sided ones."""
    score = cand.strength
    if cand.source and cand.target:
        score += 0.1
    elif not cand.source:
        score -= 0.15
    else:
        score -= 0.05
    if cand.nominal:
        score -= 0.05
    return round(min(0.99, max(0.05, score)), 3)


def _clause_range(tok: Token, sent: Span) -> tuple[int, int]:
    """Token range for quantities: the trigger's subtree, within the sentence."""
    sub = list(tok.subtree) if tok.pos_ in ("NOUN", "PROPN") else [tok, *(
        t for c in kids(tok) if c.dep_ in ("dobj", "prep", "dative", "nsubjpass", "advcl", "xcomp", "npadvmod")
        for t in c.subtree)]
    lo = max(sent.start, min(t.i for t in sub))
    hi = min(sent.end, max(t.i for t in sub) + 1)
    return lo, hi


def _named(doc: Doc) -> set[int]:
    """Tokens inside a time expression or an actor's name: "in late March" is no march, "the
    War Ministry" no war, "Peace Now" no peace. Such nouns name a date or an actor, not an event."""
    cached = doc.user_data.get(_NAMED_KEY)
    if cached is not None:
        return cached
    out = {i for t in ext(doc, "cg_timexes") or [] if t.kind == "DATE" for i in range(t.start, t.end)}
    out |= {i for m in ext(doc, "cg_mentions") or [] if m.role != "location" and m.end - m.start > 1
            for i in range(m.start, m.end)}
    doc.user_data[_NAMED_KEY] = out
    return out


def _arrays(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    """(POS, TAG, LEMMA) ids of every token, read once per document from the arrays."""
    cached = doc.user_data.get(_ARRAYS_KEY)
    if cached is None:
        cached = doc.user_data[_ARRAYS_KEY] = tuple(doc.to_array(a).tolist() for a in (POS, TAG, LEMMA))
    return cached


def _is_vb_tag(tag: int, doc: Doc) -> bool:
    """`tag_.startswith("VB")`, decided once per tag id."""
    known = _VB_TAGS.get(tag)
    if known is None:
        known = _VB_TAGS[tag] = doc.vocab.strings[tag].startswith("VB")
    return known


def _codable(lex: Lexicon, lemma: int, doc: Doc) -> tuple[bool, bool]:
    """(as a verb, as a noun): can a word of this lemma id reach any lexicon entry?

    A verb needs its lemma to start a verb key ("hand" of "hand over") or to
    be a saying verb; a noun needs its lemma to end a noun key ("deal" of
    "arms deal"). Anything else codes to nothing, so the coder does not read
    its children. Decided once per lemma id."""
    global _CODABLE
    if _CODABLE is None or _CODABLE[0] is not lex:
        _CODABLE = (lex, {})
    known = _CODABLE[1].get(lemma)
    if known is None:
        word = doc.vocab.strings[lemma].lower()
        known = _CODABLE[1][lemma] = (word in lex.verb_heads or word in lex.say, word in lex.noun_tails)
    return known


def _predicates(sent: Span, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """(verbs, event-noun candidates) of a sentence that the lexicon can code, top of the tree first.

    One pass over the POS/TAG/LEMMA ids, a Token made only for candidates;
    words that name a date or an actor, or whose lemma no entry can reach, are
    dropped before the depth sort (the sort is stable, so the survivors keep
    their order, and a dropped word would have coded to nothing)."""
    doc = sent.doc
    named = _named(doc)
    poses, tags, lemmas = _arrays(doc)
    verbs: list[Token] = []
    nouns: list[Token] = []
    for i in range(sent.start, sent.end):
        pos = poses[i]
        is_verb = pos == VERB or pos == AUX or _is_vb_tag(tags[i], doc)
        is_noun = (pos == NOUN or pos == PROPN) and i not in named
        if not (is_verb or is_noun):
            continue
        as_verb, as_noun = _codable(lex, lemmas[i], doc)
        if is_verb and as_verb:
            verbs.append(doc[i])
        if is_noun and as_noun and noun_entries(tok := doc[i], lex)[1]:
            nouns.append(tok)
    verbs.sort(key=lambda t: len(list(t.ancestors)))
    nouns.sort(key=lambda t: len(list(t.ancestors)))
    return verbs, nouns


def code_sentence(sent: Span, lex: Lexicon) -> list[Candidate]:
    """All candidate events of one sentence, before suppression and dropping."""
    cands: list[Candidate] = []
    suppressed_verbs: set[int] = set()
    suppressed_nouns: set[int] = set()
    # Verbs, top of the tree first, so a controlling verb can claim its complement.
    verbs, nouns = _predicates(sent, lex)
    for tok in verbs:
        if tok.i in suppressed_verbs:
            continue
        cand = say_must(tok, lex) or code_verb(tok, lex)
        if cand is None:
            continue
        cands.append(cand)
        suppressed_verbs |= cand.suppress_verbs
        suppressed_nouns |= cand.suppress_nouns | {cand.trigger.i}
    for tok in nouns:
        if tok.i in suppressed_nouns or tok.i in suppressed_verbs:
            continue
        cand = code_noun(tok, lex)
        if cand is None:
            continue
        cands.append(cand)
        suppressed_nouns |= cand.suppress_nouns
    return cands


def _self_target(cand: Candidate) -> Candidate:
    """One party on both sides is no dyad: "X blocked X" is a parse that found the
    same phrase twice, and a lone partner ("a partnership between X and the local
    industry") has no counterpart we know. Keep the source, drop the echo."""
    if cand.target and set(cand.target) <= set(cand.source) and len(set(cand.source)) < 2 \
            or cand.target and set(cand.target) == set(cand.source) and not is_reciprocal(cand.type):
        cand.target = []
    return cand


def _mood(doc: Doc, cand: Candidate, st: dict) -> tuple[str, str | None]:
    """Type and mode after the clause's mood (events/mood.py); adjusts `st` in place."""
    tok = cand.trigger
    kind, mode = cand.type, cand.mode
    if mood.is_refusal(kind, st["negated"]):
        kind, mode = "REJECT", None
        cand.rule += "+refusal→REJECT"
        st["negated"] = False
        if st["status"] == "hypothetical" and not mood.conditional(tok):
            st["status"] = "reported" if st["attribution"] is not None else "asserted"
        return kind, mode
    if st["status"] not in ("asserted", "reported"):
        return kind, mode
    head = mood.intent_head(tok, lexicon())
    if head is not None:
        st["status"] = "hypothetical"
        atts = ext(doc, "cg_attributions") or []
        att = atts[st["attribution"]] if st["attribution"] is not None else None
        if att is not None and att.cue.start_char <= head.idx < att.cue.end_char:
            # "Chile wants to attack": the wanting is no report of the attack
            st["attribution"] = att.parent
            st["said_by"], st["said_by_text"] = credit(doc, atts, att.parent)
    elif mood.future(tok):
        st["status"] = "hypothetical"
    return kind, mode


def to_mention(doc: Doc, sent: Span, cand: Candidate) -> EventMention:
    tok = cand.trigger
    st = _status(doc, tok, cand)
    kind, mode = _mood(doc, cand, st)
    date, date_source = _date(doc, tok)
    lo, hi = _clause_range(tok, sent)
    return EventMention(
        sentence=CharSpan(sent.start_char, sent.end_char, sent.text),
        trigger=CharSpan(tok.idx, tok.idx + len(tok.text), tok.text),
        type=kind,
        source=list(cand.source),
        target=list(cand.target),
        mode=mode,
        contexts=list(cand.contexts),
        intensity=intensity(kind, mode),
        date=date,
        date_source=date_source,
        location=location_of(tok),
        status=st["status"],
        said_by=st["said_by"],
        said_by_text=st["said_by_text"],
        attribution=st["attribution"],
        quantities=quantities(doc, lo, hi),
        negated=st["negated"],
        confidence=_confidence(cand),
        rule=cand.rule,
    )


def code_doc(doc: Doc) -> list[EventMention]:
    """Every event in the document, in text order of its trigger; targets left to the discourse filled last."""
    lex = lexicon()
    out: list[tuple[int, EventMention]] = []
    shadows: list[tuple[int, Candidate]] = []
    for n, sent in enumerate(doc.sents):
        if len(sent) > MAX_SENT_TOKENS or in_furniture(doc, sent.start):
            continue  # a parser accident, or a headline list: not the article's reporting
        all_cands = code_sentence(sent, lex)
        shadows.extend((n, c) for c in discourse.shadow_candidates(sent, lex, all_cands))
        cands = [c for c in map(_self_target, all_cands) if (c.source or c.target) and sense_fits(c, lex)]
        mentions = [to_mention(doc, sent, cand) for cand in sorted(cands, key=lambda c: c.trigger.i)]
        out.extend((n, m) for m in mentions)
        note_pair(doc, mentions)
    discourse.apply(doc, out, shadows)
    for _, ev in out:
        discourse.domestic_protest(doc, ev)
        ev.source, ev.target = with_states(doc, ev.source), with_states(doc, ev.target)
    return [ev for _, ev in out if has_parties(ev)]


# Acts that take two parties by their meaning: one meets or works *with* someone.
# AGREE is not one: PLOVER/CAMEO code a lone party's stated intent as AGREE
# ("X has agreed to resign", "X is ready to contribute troops").
TWO_PARTY_TYPES = frozenset({"CONSULT", "COOPERATE"})


def has_parties(ev: EventMention) -> bool:
    """A meeting or a cooperation needs two parties we can name.

    With one ("a news conference", "negotiations to end its program", a
    "partnership" whose partners are in another sentence) the noun or verb is in a non-political or figurative sense,
    or its partner is beyond the sentence; either way a graph edge from one
    actor to nobody would be a guess. Precision first: drop it. Checked after
    discourse has had its chance to supply the partner."""
    if ev.type not in TWO_PARTY_TYPES:
        return True
    return len(set(ev.source) | set(ev.target)) >= 2


class EventCoder:
    """The pipeline component: fills doc._.cg_events."""

    def __init__(self, nlp: Language, name: str = "cg_events") -> None:
        self.name = name
        lexicon()  # compile once, at pipeline build time, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        events = get_list(doc, "cg_events")
        with children_cache(doc):
            events.extend(code_doc(doc))
        return doc


@Language.factory("cg_events")
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder(nlp, name)
