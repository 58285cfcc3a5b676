"""Post-processing of attributions found in one doc: how they nest.

Kept apart from the finding rules in attribution.py: chains (The Cradle
citing Haaretz citing documents) and quotation nesting are decided over the
whole list, after every cue has been found.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.nlp.attribution_spans import inside_quote, quote_regions
from claimgraph.nlp.types import AttributionMention, CharSpan


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


def trim_trailing_frames(doc: Doc, atts: list[AttributionMention]) -> None:
    """"X said that C, according to Y": the parse can hang the frame inside
    C. The frame frames the whole report, so cut it off C; chaining then
    makes Y the outer source, as a reader would."""
    frames = [a for a in atts if a.kind == "according_to" and a.source is not None]
    for a in atts:
        if a.kind == "according_to":
            continue
        for f in frames:
            c = a.content
            mutual = f.content.start_char <= a.cue.start_char and a.cue.end_char <= f.content.end_char
            if mutual and c.start_char < f.cue.start_char < c.end_char:
                end = f.cue.start_char
                while end > c.start_char and doc.text[end - 1] in " ,;:\u2014\u2013-":
                    end -= 1
                a.content = CharSpan(c.start_char, end, doc.text[c.start_char:end])


def nest_in_quotes(doc: Doc, atts: list[AttributionMention]) -> None:
    """Someone quoted saying "I think …" speaks inside the quotation: the
    attribution that holds the quotation becomes the parent."""
    regions = quote_regions(doc.text)
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
