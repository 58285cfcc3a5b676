"""Post-processing of attributions found in one doc: how they nest.

Kept apart from the finding rules in attribution.py: chains (The Cradle
citing Haaretz citing documents) and quotation nesting are decided over the
whole list, after every cue has been found.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.nlp.attribution.spans import inside_quote
from claimgraph.nlp.types import AttributionMention, CharSpan, doc_text


def link_chains(atts: list[AttributionMention]) -> None:
    """parent = the attribution with the smallest content that holds this
    one's cue; only larger contents can be parents, so chains cannot loop."""
    for i, a in enumerate(atts):
        best: int | None = None
        best_len = 0
        own = a.content.end_char - a.content.start_char
        for j, b in enumerate(atts):
            if i == j:
                continue
            blen = b.content.end_char - b.content.start_char
            inside = b.content.start_char <= a.cue.start_char and a.cue.end_char <= b.content.end_char
            if inside and blen > own and (best is None or blen < best_len):
                best, best_len = j, blen
        a.parent = best


def trim_trailing_frames(doc: Doc, atts: list[AttributionMention], text: str | None = None) -> None:
    """"X said that C, according to Y": the parse can hang the frame inside
    C. The frame frames the whole report, so cut it off C; chaining then
    makes Y the outer source, as a reader would."""
    frames = [a for a in atts if a.kind == "according_to" and a.source is not None]
    text = doc_text(doc) if text is None else text
    for a in atts:
        if a.kind == "according_to":
            continue
        for f in frames:
            c = a.content
            mutual = f.content.start_char <= a.cue.start_char and a.cue.end_char <= f.content.end_char
            if mutual and c.start_char < f.cue.start_char < c.end_char:
                end = f.cue.start_char
                while end > c.start_char and text[end - 1] in " ,;:\u2014\u2013-":
                    end -= 1
                a.content = CharSpan(c.start_char, end, text[c.start_char:end])


def clip_to_quotes(atts: list[AttributionMention], text: str, regions: list[tuple[int, int]]) -> None:
    """A report made inside a quotation ("'Tell that to the janitor,' he
    said") cannot reach outside it: the parser often hangs the frame around
    the quotation on the quoted verb, so its content is cut to the quote.
    `regions` are the text's quote_regions."""
    for a in atts:
        if a.kind == "quote":
            continue
        region = inside_quote(regions, a.cue.start_char, a.cue.end_char)
        if region is None:
            continue
        c = a.content
        start, end = max(c.start_char, region[0]), min(c.end_char, region[1])
        if start <= a.cue.start_char < end:  # the cut came from the frame side: what follows the cue
            start = a.cue.end_char
        while start < end and text[start] in " ,;:":
            start += 1
        while end > start and text[end - 1] in " ,;:.\u2014\u2013-'\n":
            end -= 1
        if (start, end) != (c.start_char, c.end_char) and end > start:
            a.content = CharSpan(start, end, text[start:end])


def nest_in_quotes(doc: Doc, atts: list[AttributionMention], regions: list[tuple[int, int]]) -> None:
    """Someone quoted saying "I think …" speaks inside the quotation: the
    attribution that holds the quotation becomes the parent. `regions` are
    the text's quote_regions."""
    for i, a in enumerate(atts):
        if a.parent is not None or a.kind == "quote":
            continue
        region = inside_quote(regions, a.cue.start_char, a.cue.end_char)
        if region is None:
            continue
        for j, b in enumerate(atts):
            if j != i and b.content.start_char < region[1] and region[0] < b.content.end_char \
                    and inside_quote([region], b.cue.start_char, b.cue.end_char) is None:
                a.parent = j
                break


# How a speech verb can hang inside another report's content while being a
# report of its own: "X said A and warned B" (conj), "X said A, arguing B"
# (a participle set off by a comma), "X endorsed Y, who says B" (relcl).
_OWN_CLAUSE = ("conj", "advcl", "relcl")


def release_coordinated(doc: Doc, atts: list[AttributionMention], text: str | None = None) -> None:
    """Cut an outer content before a speech clause that closes it.

    The parser often hangs "…and warned that …" or "…, arguing that …"
    under the reported clause, which would make the second speech act part
    of the first one's content. A reader takes it as a second report by
    the same (or a newly named) speaker, so the outer content ends where
    that clause begins and chaining leaves the two side by side."""
    verbs = [_cue_token(doc, a) for a in atts]
    text = doc_text(doc) if text is None else text
    for b, v in zip(atts, verbs, strict=True):
        if b.kind != "verb" or v is None or v.dep_ not in _OWN_CLAUSE:
            continue
        end_char = doc[v.right_edge.i].idx + len(doc[v.right_edge.i].text)
        for a, u in zip(atts, verbs, strict=True):
            c = a.content
            # cheap span tests first: the clause must close this content
            if a is b or end_char < c.end_char or end_char <= c.start_char:
                continue
            start = _own_clause_start(doc, v, u)
            if start is None:
                continue
            cut = doc[start].idx
            if not c.start_char < cut < c.end_char:
                continue
            while cut > c.start_char and text[cut - 1] in " ,;:\u2014\u2013-\n":
                cut -= 1
            a.content = CharSpan(c.start_char, cut, text[c.start_char:cut])
            if v.dep_ == "conj" and a.source is not None:  # "X said … and warned": X warned
                b.source, b.source_actor_id, b.kind = a.source, a.source_actor_id, a.kind


def _cue_token(doc: Doc, a: AttributionMention) -> Token | None:
    span = doc.char_span(a.cue.start_char, a.cue.end_char, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _own_clause_start(doc: Doc, v: Token, outer: Token | None) -> int | None:
    """First token of the speech clause headed by v, when it stands on its
    own beside the outer cue: a subjectless conjunct in the outer verb's
    tense but not in its own head's ("said he would go and warned …"; in
    "say he fled and refused" the tenses tie "refused" to "fled"), a
    clause set off by a comma ("…, arguing that"), or a relative clause."""
    start = v.left_edge.i
    if v.dep_ == "conj":
        if outer is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
            return None
        if v.tag_ != outer.tag_:
            return None
        cc = [c for c in v.head.children if c.dep_ == "cc" and c.i < v.i]
        return cc[-1].i if cc else start
    if v.dep_ == "advcl":
        comma = start > 0 and doc[start - 1].text in (",", "\u2014", "\u2013")
        purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)  # ", to prove that"
        return start if comma and not purpose else None
    # a relative clause is a report of its own when it reports a clause
    # ("an architect who said he was stiffed") or is set off by a comma
    reports = any(c.dep_ in ("ccomp", "parataxis") for c in v.children) and \
        any(t.tag_ in ("WP", "WDT", "WP$") for t in doc[start: v.i])
    set_off = start > 0 and doc[start - 1].text == ","
    return start if reports or set_off else None
