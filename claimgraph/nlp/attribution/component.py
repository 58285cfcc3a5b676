"""`cg_attribution`: who the text credits with what ("X said that …").

Reads the dependency parse (and `cg_mentions`, when cg_actors ran, to link
a source to an actor id); writes `doc._.cg_attributions`. Rules, general by
design (the cue words live in ontology/data/attribution_cues.toml):

- reporting verbs: the subject is the source, the reported clause (ccomp /
  xcomp / object) or an adjacent quotation is the content; passives without
  an agent ("it has been reported that") keep no source;
- "according to X" / "citing X": X is the source, the rest of the clause
  the content;
- "reportedly" / "allegedly": an adverb cue with no source;
- chains: an attribution whose cue lies inside another's content gets that
  one as `parent`, so "The Cradle says Haaretz says documents show" nests.
"""

from __future__ import annotations

from spacy.attrs import IS_PUNCT, LEMMA, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token

from claimgraph.nlp.attribution.adjectives import adjective_cue, evidential_cue
from claimgraph.nlp.attribution.chains import (
    clip_to_quotes,
    link_chains,
    nest_in_quotes,
    release_coordinated,
    trim_trailing_frames,
)
from claimgraph.nlp.attribution.content import (
    paragraph_clip,
    passive_content,
    quote_content,
    same_paragraph,
    speech_content,
    subject,
    trailing_frame,
)
from claimgraph.nlp.attribution.headline import headline_attributions
from claimgraph.nlp.attribution.nouns import noun_cue
from claimgraph.nlp.attribution.sources import SourceResolver, holder, left_noun
from claimgraph.nlp.attribution.spans import (
    char_span,
    dash_speaker,
    minus,
    quote_regions,
    speaker_label,
    subtree_range,
)
from claimgraph.nlp.types import AttributionMention, CharSpan, doc_text, get_list
from claimgraph.ontology.cues import AttributionCues, attribution_cues

_CONTENT_DEPS = ("ccomp", "xcomp")
_TRIM_SOURCE = ("relcl", "acl", "punct", "advcl")


@Language.factory("cg_attribution", requires=["token.dep", "token.lemma"],
                  assigns=["doc._.cg_attributions"])
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    return AttributionComponent(_verb_forms(nlp))


def _verb_forms(nlp: Language) -> frozenset[str]:
    """Verb base forms from the model's own lemmatizer tables (no download);
    empty when the pipeline has no rule lemmatizer."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError):
        return frozenset()
    return frozenset(table.get("verb", []))


class AttributionComponent:
    """Finds attributions in each doc; stateless apart from the cue lists."""

    def __init__(self, verbs: frozenset[str] = frozenset()) -> None:
        self.cues: AttributionCues = attribution_cues()
        self.verbs = verbs  # the lemmatizer's verb base forms, for mis-tagged headline verbs

    def __call__(self, doc: Doc) -> Doc:
        found = get_list(doc, "cg_attributions")
        found.extend(find_attributions(doc, self.cues))
        found.extend(headline_attributions(doc, found, self.verbs))
        text = doc_text(doc)
        regions = quote_regions(text)
        trim_trailing_frames(doc, found, text)
        release_coordinated(doc, found, text)
        clip_to_quotes(found, text, regions)
        link_chains(found)
        nest_in_quotes(doc, found, regions)
        return doc


def find_attributions(doc: Doc, cues: AttributionCues) -> list[AttributionMention]:
    out: list[AttributionMention] = []
    taken: set[int] = set()
    resolver = SourceResolver(doc, cues)
    firsts = {frame[0] for frame in cues.according}
    for i in _candidates(doc, cues, firsts):
        if i in taken:
            continue
        tok = doc[i]
        found = (_according(doc, tok, cues) or _in_poll(doc, tok) or _adverb(doc, tok, cues) or _verb(doc, tok, cues)
                 or _punct_speaker(doc, tok, cues) or noun_cue(doc, tok, cues) or adjective_cue(doc, tok, cues) or evidential_cue(doc, tok, cues))
        if found is None:
            continue
        att, cue_tokens, src_tok = found
        taken.update(cue_tokens)
        if src_tok is not None and att.source is not None:
            att.source_actor_id = resolver.resolve(src_tok, att)
            if att.source_actor_id is None and src_tok.lemma_.lower() in cues.unnamed_sources:
                att.kind = "unnamed" if att.kind == "verb" else att.kind
        out.append(att)
    return out


# (lower, lemma, tag) string hashes → whether a rule may fire; hashes are
# stable across docs, so the answers carry over (bounded, cleared when full)
_MEMO: dict[int, dict[tuple[int, int, int], bool]] = {}
_MEMO_MAX = 200_000


def _candidates(doc: Doc, cues: AttributionCues, firsts: set[str]) -> list[int]:
    """Tokens any finding rule below could fire on: a cheap word-list test
    that spares the (much slower) parse walks on most tokens. It reads the
    doc's attribute arrays and decides once per distinct word form, since
    creating a Token per word of every article costs more than the test.
    It must stay a superset of what the rules accept, so results do not
    change."""
    strings = doc.vocab.strings
    memo = _MEMO.setdefault(id(cues), {})
    if len(memo) > _MEMO_MAX:
        memo.clear()
    out = []
    for i, (punct, low, lem, tag) in enumerate(doc.to_array([IS_PUNCT, LOWER, LEMMA, TAG]).tolist()):
        if punct:
            out.append(i)
            continue
        ok = memo.get((low, lem, tag))
        if ok is None:
            word = strings[low]
            lemma = repaired_lemma(strings[lem].lower(), word, strings[tag], cues)
            ok = memo[(low, lem, tag)] = (
                word in firsts or word == "in" or word in cues.adverbs or cues.is_cue_lemma(lemma)
                or lemma in cues.claim_nouns or lemma in cues.stance_adjectives or lemma in cues.evidential_verbs)
        if ok:
            out.append(i)
    return out


def verb_lemma(tok: Token, cues: AttributionCues) -> str:
    return repaired_lemma(tok.lemma_.lower(), tok.lower_, tok.tag_, cues)


def repaired_lemma(lemma: str, low: str, tag: str, cues: AttributionCues) -> str:
    """The lemma, repaired when the rule lemmatizer stripped an inflection
    to the wrong base ("hoping" → "hop", "rated" → "rat"): it keeps the
    first base form it knows, so a cue verb ending in a silent -e loses to
    a shorter word. Only inflected verb forms are repaired."""
    if cues.is_cue_lemma(lemma) or tag not in ("VBG", "VBD", "VBN", "VBZ"):
        return lemma
    for suffix in ("ing", "ed", "es"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            candidate = low[: -len(suffix)] + "e"
            if cues.is_cue_lemma(candidate):
                return candidate
    return lemma


def _according(doc: Doc, tok: Token, cues: AttributionCues):
    """'according to X', 'citing X', 'as reported by X'."""
    low = tok.lower_
    for frame in cues.according:
        if low != frame[0] or tok.i + len(frame) > len(doc):
            continue
        if tuple(t.lower_ for t in doc[tok.i: tok.i + len(frame)]) != frame:
            continue
        last = doc[tok.i + len(frame) - 1]
        objs = [c for c in last.children if c.dep_ in ("pobj", "dobj", "pcomp")]
        if not objs:
            if last.i + 1 >= len(doc) or doc[last.i + 1].is_punct:
                return None
            objs = [doc[last.i + 1]]
        src_tok = objs[0]
        src_rng = subtree_range(src_tok, _TRIM_SOURCE)
        src_rng = (max(src_rng[0], last.i + 1), src_rng[1])
        frame_rng = (tok.i, src_rng[1])
        # a heading the parser ran into the sentence is not part of it
        sent_start, sent_end = paragraph_clip(doc, tok.i, (tok.sent.start, tok.sent.end))
        at_start = all(t.is_punct or t.is_space for t in doc[sent_start: tok.i])
        # "…, citing X" ends a sentence whose own subject did the citing
        at_end = frame[0] != "citing" and frame[0] != "quoting" and \
            all(t.is_punct or t.is_space for t in doc[src_tok.right_edge.i + 1: sent_end])
        if at_start or at_end:
            outer = (sent_start, sent_end)
        else:
            outer = subtree_range(tok.head) if tok.head is not tok else (sent_start, sent_end)
        content = char_span(doc, *minus(outer, frame_rng))
        if content.end_char <= content.start_char:
            return None
        att = AttributionMention(cue=char_span(doc, tok.i, last.i + 1), content=content,
                                 source=char_span(doc, *src_rng), kind="according_to", cue_lemma=" ".join(frame))
        return att, range(tok.i, last.i + 1), src_tok
    return None


_POLLS = frozenset({"poll", "survey", "eye"})


def _in_poll(doc: Doc, tok: Token):
    """'In the latest poll, …' / '… gains in some polls' / 'in his eyes':
    a poll (or someone's eyes) is where the finding comes from, so it is
    the source and the rest of the sentence the content."""
    if tok.lower_ != "in":
        return None
    objs = [c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in _POLLS]
    if not objs:
        return None
    src_rng = subtree_range(objs[0], _TRIM_SOURCE)
    sent = paragraph_clip(doc, tok.i, (tok.sent.start, tok.sent.end))
    content = char_span(doc, *minus(sent, (tok.i, src_rng[1])))
    if content.end_char <= content.start_char:
        return None
    att = AttributionMention(cue=char_span(doc, tok.i, tok.i + 1), content=content,
                             source=char_span(doc, *src_rng), kind="according_to", cue_lemma="in")
    return att, [tok.i], objs[0]


def _punct_speaker(doc: Doc, tok: Token, cues: AttributionCues):
    """Speaker labels marked by punctuation only: "Name: …" at a line start
    and "“…” ― Name" after a quotation."""
    if not tok.is_punct:
        return None
    found = speaker_label(doc, tok.i, cues.rubrics) or dash_speaker(doc, tok.i)
    if found is None:
        return None
    src_rng, content_rng = found
    content = char_span(doc, *content_rng)
    if content.end_char <= content.start_char:
        return None
    cue = CharSpan(tok.idx, tok.idx + len(tok.text), tok.text)
    att = AttributionMention(cue=cue, content=content, source=char_span(doc, *src_rng),
                             kind="quote", cue_lemma=tok.text)
    # the source's head is its last word ("Pat Caddell")
    return att, [tok.i], doc[src_rng[1] - 1]


def _adverb(doc: Doc, tok: Token, cues: AttributionCues):
    if tok.lower_ not in cues.adverbs or tok.pos_ not in ("ADV", "ADJ", "VERB"):
        return None
    head = tok.head if tok.head is not tok else tok
    rng = subtree_range(head)
    content = char_span(doc, *minus(rng, (tok.i, tok.i + 1)))
    att = AttributionMention(cue=char_span(doc, tok.i, tok.i + 1), content=content, source=None,
                             kind="adverb", cue_lemma=tok.lower_)
    return att, [tok.i], None


_BEFORE_FRAME = (",", "\"", "\u201d", "''", "\u2014", "\u2013")


def _one_side(doc: Doc, tok: Token, comp: list[Token]) -> list[Token]:
    """What is reported lies on one side of "X said": the parser can hang
    clauses from both sides on the verb ('"…," Sanders said, suggesting
    "…"'). A frame set off after a quotation or comma reports what came
    before; otherwise what follows."""
    before = [c for c in comp if c.right_edge.i < tok.i]
    after = [c for c in comp if c.left_edge.i > tok.i]
    if not before or not after:
        return comp
    subj = subject(tok)
    lo = min(subj.left_edge.i, tok.i) if subj is not None and subj.i < tok.i else tok.i
    return before if lo > 0 and doc[lo - 1].text in _BEFORE_FRAME else after


def _verb(doc: Doc, tok: Token, cues: AttributionCues):
    lemma = verb_lemma(tok, cues)
    if tok.pos_ not in ("VERB", "AUX") or not cues.is_cue_lemma(lemma):
        return None
    # "the so-called", "the reported deal": a modifier, not a speech act; but a
    # participle with its own subject or predicate ("which Cook called 'crap'",
    # misparsed) still says something
    if tok.dep_ in ("amod", "compound", "acl") and tok.tag_ == "VBN" and \
            not any(c.dep_ in ("oprd", "ccomp", "nsubj") for c in tok.children):
        return None
    cue_end = tok.i + 1
    content_rng: tuple[int, int] | None = None
    deps = _CONTENT_DEPS + ("parataxis",) if lemma in cues.speech else _CONTENT_DEPS
    if lemma in cues.clause_only:  # "continues to grow", "proved to be": aspect, not report
        deps = ("ccomp", "parataxis")
    # a complement in an earlier paragraph is a parser slip across a break
    comp = [c for c in tok.children if c.dep_ in deps and (c.i > tok.i or same_paragraph(doc, c.i, tok.i))]
    particle = cues.particles.get(lemma)
    has_particle = False
    if particle is not None:
        parts = [c for c in tok.children if c.dep_ in ("prt", "prep", "dobj") and c.lower_ in particle]
        if parts:
            has_particle = True
            cue_end = max(cue_end, parts[0].i + 1)
            objs = [g for g in parts[0].children if g.dep_ in ("pobj", "pcomp")]
            if objs and not comp:
                content_rng = subtree_range(objs[0])
        elif lemma not in cues.speech and lemma not in cues.cognition:
            return None
    if comp:
        comp = _one_side(doc, tok, comp)
        content_rng = (min(c.left_edge.i for c in comp), max(c.right_edge.i for c in comp) + 1)
    elif content_rng is None and lemma in cues.clause_only and not has_particle:
        content_rng = quote_content(doc, tok)  # "maintained a program" is not a report
    elif content_rng is None and (lemma in cues.speech or has_particle):
        content_rng = speech_content(doc, tok, lemma)
        if content_rng is None:
            content_rng = passive_content(tok)
    if content_rng is None or content_rng[1] <= tok.i:
        content_rng = trailing_frame(doc, tok, subject(tok)) or content_rng
    if content_rng is None:
        return None
    source_tok = subject(tok)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    kind = "verb"
    source: CharSpan | None = None
    if passive:
        agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        source_tok = agent[0] if agent else None
        kind = "verb" if agent else "passive"
    if source_tok is not None and source_tok.lower_ == "it" and source_tok.dep_ == "nsubjpass":
        source_tok = None
    if source_tok is None and tok.dep_ == "acl":
        source_tok = holder(tok, cues)
    if source_tok is not None:
        # a heading run into the sentence by the parser is not part of the source
        src_rng = paragraph_clip(doc, tok.i, subtree_range(source_tok, _TRIM_SOURCE))
        if src_rng[1] <= src_rng[0]:  # the parser took a heading for the subject
            left = left_noun(tok, any_dep=True)
            source_tok = left
            src_rng = subtree_range(left, _TRIM_SOURCE) if left is not None else src_rng
        source = char_span(doc, *src_rng) if source_tok is not None else None
    elif (lemma in cues.cognition and lemma not in cues.speech or has_particle) and not passive:
        # "to decide that …" with nobody deciding is not an attribution, nor
        # "…, compared with 11 %", a comparison nobody makes
        return None
    content = char_span(doc, *paragraph_clip(doc, tok.i, content_rng))
    if content.end_char <= content.start_char:
        return None
    att = AttributionMention(cue=char_span(doc, tok.i, cue_end), content=content, source=source,
                             kind=kind, cue_lemma=lemma)
    return att, [tok.i], source_tok
