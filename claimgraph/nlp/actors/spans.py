"""Noun-phrase helpers for the actors component: clean NER spans, find the
descriptive words around a name, and tell things (weapons, facilities) from actors.

Everything here works on the dependency parse and the word lists in
`ontology/data/actor_words.toml`, never on particular names: "Azerbaijani cargo
airline Silk Way Airlines" gives country AZE and category "airline" because
"Azerbaijani" is a demonym modifier and "airline" an organisation head word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimgraph.ontology.actors import ActorWords

# Model designations: F-15, 747-8, Su-35, S-400, MiG-29 (tokens are short; the
# pattern has no nested quantifiers, so no catastrophic backtracking).
DESIGNATION = re.compile(r"^[A-Za-z]{0,4}-?\d[\d-]{0,8}[A-Za-z]{0,2}$")
POSSESSIVE = {"'s", "’s", "'", "’"}
LEFT_DEPS = {"compound", "amod", "poss", "case", "det", "nmod", "punct", "npadvmod"}
MAX_LEFT = 9


@dataclass(slots=True)
class Descriptor:
    """What the words around a name say about its actor."""

    start: int  # token index where the descriptive phrase begins
    countries: list[str] = field(default_factory=list)
    titles: list[tuple[str, str]] = field(default_factory=list)  # (title, sector)
    categories: list[str] = field(default_factory=list)  # organisation head words
    sectors: list[str] = field(default_factory=list)  # from modifiers ("intelligence")


def singular(word: str, known: dict | frozenset) -> str:
    """'airlines' → 'airline' when the singular is a word we know; else unchanged."""
    w = word.lower()
    if w in known:
        return w
    if w.endswith("s") and w[:-1] in known:
        return w[:-1]
    return w


def clean_entity(ent: Span, generic: frozenset[str] | set[str] = frozenset(),
                 verbs: frozenset[str] | set[str] = frozenset()) -> Span | None:
    """The name part of an NER span: no leading article or possessor, no trailing 's.

    "Israel’s Ovda" → "Ovda" (the possessor is a modifier, found again by the
    descriptor walk); spans across line breaks are layout accidents and are
    dropped; spans with no proper-noun token ("spy battle") are not names; a
    span holding a capitalised headline verb after its first word ("Analysis
    Suggests School Was Hit", "Leaders Meet") is a Title Case headline run
    together, not a name.
    """
    doc = ent.doc
    start, end = ent.start, ent.end
    if any("\n" in t.text for t in ent):
        return None
    for i in range(end - 1, start, -1):
        if doc[i].text in POSSESSIVE and i < end - 1:
            start = i + 1
            break
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    if not any(t.tag_ in ("NNP", "NNPS") for t in span):
        return None
    if any(t.text[:1].isupper() and t.lower_ in verbs for t in span[1:]):
        return None
    if len(span) == 1 and span.text.lower() in generic:
        return None  # "Intelligence", "Ministry": a heading word, not a name
    return span


def _first_conjunct(tok: Token) -> Token:
    guard = 0
    while tok.dep_ == "conj" and guard < 20:
        tok = tok.head
        guard += 1
    return tok


_THINGS: tuple[ActorWords, frozenset[str]] | None = None


def _things(words: ActorWords) -> frozenset[str]:
    """Platform and facility words together, joined once per word lists rather than per name."""
    global _THINGS
    if _THINGS is None or _THINGS[0] is not words:
        _THINGS = (words, words.platforms | words.facilities)
    return _THINGS[1]


def is_thing(span: Span, words: ActorWords) -> str | None:
    """A weapon, product or facility named, not an actor.

    Signals: the name modifies a platform or facility noun ("Barak missiles",
    "Searcher and Heron drones", "Ovda airbase"), its own head is one
    ("Pegasus spyware"), it is in apposition to one ("Orbiter 4, an Israeli
    drone"), or it looks like a model designation ("F-15", "747-8").
    """
    last = span[-1]
    if last.like_num or (len(last.text) <= 16 and DESIGNATION.match(last.text) and any(c.isdigit() for c in last.text)):
        return "designation"
    things = _things(words)
    root = span.root
    if singular(root.text, things) in things and len(span) > 1:
        return "facility" if singular(root.text, things) in words.facilities else "platform"
    doc = span.doc
    if span.end < len(doc) and singular(doc[span.end].text, words.platforms) in words.platforms:
        return "platform"
    head_tok = _first_conjunct(root)
    head_word = singular(head_tok.head.text, things)
    if head_tok.dep_ in ("compound", "nmod", "amod", "npadvmod", "nummod", "poss") and head_tok.head.i >= span.end:
        if head_word in words.facilities:
            return "facility"
        if head_word in words.platforms and head_tok.dep_ != "poss":
            return "platform"
    if root.dep_ == "appos" and singular(root.head.text, words.platforms) in words.platforms:
        return "platform"
    if any(c.dep_ == "appos" and singular(c.text, words.platforms) in words.platforms for c in root.children):
        return "platform"
    return None


def left_edge(doc: Doc, start: int, end: int) -> int:
    """Where the noun phrase ending in [start, end) begins: its left modifiers.

    Walks left over tokens whose head is already inside the phrase (compound,
    amod, poss, det …), with the possessive marker taken together with its
    owner. Stops at pronouns, commas, line breaks and verbs.
    """
    i = start - 1
    lo = start
    limit = max(0, start - MAX_LEFT)
    while i >= limit:
        tok = doc[i]
        if "\n" in tok.text or tok.pos_ in ("PRON", "VERB", "AUX", "ADP") or tok.text in (",", ";", ":", "(", ")"):
            break
        if tok.text in POSSESSIVE and i > 0 and doc[i - 1].i == tok.head.i:
            owner = doc[i - 1]
            if owner.dep_ in ("poss", "nmod", "compound") and lo <= owner.head.i < end:
                lo = i - 1
                i -= 2
                # a multi-word owner ("Tel Aviv's"): take its compound tokens too
                while i >= limit and doc[i].dep_ == "compound" and doc[i].head.i >= lo and doc[i].head.i < end:
                    lo = i
                    i -= 1
                continue
            break
        if tok.dep_ in LEFT_DEPS and lo <= tok.head.i < end and tok.head.i > i:
            if tok.dep_ == "punct":
                break  # hyphens too: "Iran-al Qaeda alliance" names two parties
            lo = i
            i -= 1
            continue
        break
    while lo < start and doc[lo].dep_ == "punct":
        lo += 1
    return lo


def describe(doc: Doc, start: int, stop: int, words: ActorWords, places: dict[int, str]) -> Descriptor:
    """Read [start, stop) — the words before a name — for country, titles and types.

    `places` maps token index → ISO code of gazetteer states. A state inside a
    prepositional phrase ("ambassador to Armenia") is where the person is
    posted, not whose they are, so only modifiers count for the country.
    """
    desc = Descriptor(start=start)
    i = start
    while i < stop:
        tok = doc[i]
        iso = places.get(i)
        if iso is not None:
            if tok.dep_ != "pobj" and iso not in desc.countries:
                desc.countries.append(iso)
            i += 1
            continue
        low = tok.lower_
        if i + 1 < stop:
            pair = f"{low} {doc[i + 1].lower_}"
            if pair in words.titles:
                desc.titles.append((pair, words.titles[pair]))
                i += 2
                continue
        if low in words.titles:
            desc.titles.append((low, words.titles[low]))
        cat = singular(low, words.org_heads)
        if cat in words.org_heads and cat not in desc.categories:
            desc.categories.append(cat)
        if low in words.sector_modifiers:
            desc.sectors.append(words.sector_modifiers[low])
        i += 1
    return desc


def appositive_descriptor(span: Span, words: ActorWords, extra_heads: set[str]) -> tuple[int, int] | None:
    """The descriptive noun phrase this name stands in apposition to, if any.

    "Israel's intelligence agency, the Mossad" → the token range of "Israel's
    intelligence agency". The head noun must be a title, an organisation head
    word or a known category, so "the report, OCCRP" is not merged.
    """
    root = span.root
    if root.dep_ != "appos" or root.head.i >= span.start:
        return None
    head = root.head
    low = head.lower_
    if not (low in words.titles or singular(low, words.org_heads) in words.org_heads
            or low in words.collectives or low in extra_heads):
        return None
    lo = head.left_edge.i
    if span.start - lo > 12 or any("\n" in t.text for t in span.doc[lo:span.start]):
        return None
    return lo, head.i + 1
