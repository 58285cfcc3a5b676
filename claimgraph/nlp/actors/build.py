"""Candidate actor spans for one document: gazetteer hits, NER names, acronym pairs.

The gazetteer knows better than the small model for states ("Armenia" tagged
PERSON), so an NER span equal to or inside a gazetteer match is dropped; an
NER organisation or person that strictly contains a state name wins ("Israel
Aerospace Industries"), the state staying as a nested mention when it is a
name or demonym. Weapons and facilities are filtered here (see actors_spans).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from claimgraph.nlp.actors.lexicon import LexHit, Lexicon
from claimgraph.nlp.actors.spans import Descriptor, appositive_descriptor, clean_entity, is_thing, singular
from claimgraph.ontology.actors import ActorWords, KnownOrg

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
ACRONYM_STOP = {"of", "and", "for", "&", "the", "de", "on", "in", "to", "against"}
MAX_ACRONYM = 10
MAX_LONG_FORM = 10
_OPEN = get_string_id("(")


@dataclass(slots=True)
class Candidate:
    """A name span before resolution: [start, end) is the name, [lo, end) the mention."""

    start: int
    end: int
    label: str  # PERSON, ORG, GPE, LOC
    lo: int = -1
    org: KnownOrg | None = None
    acronym: int | None = None  # token index of "(ABC)" for a long form
    desc: Descriptor | None = None
    desc_range: tuple[int, int] | None = None  # words read for country / titles / types

    def __post_init__(self) -> None:
        if self.lo < 0:
            self.lo = self.start


def _initials(words: list[str]) -> list[str]:
    out = []
    for w in words:
        if w.lower() in ACRONYM_STOP:
            continue
        for part in w.split("-"):
            if part[:1].isalpha():
                out.append(part[0].upper())
    return out


def _acronym_fits(acro: str, initials: list[str]) -> bool:
    """In-order initials ("OCCRP"), or the same letters reordered when most words
    contribute ("AIC" for a translated "Public Investment Company of Azerbaijan")."""
    letters = [c for c in acro.upper() if c.isalpha()]
    if len(letters) < 2 or not initials:
        return False
    it = iter(initials)
    if all(any(c == x for x in it) for c in letters) and len(letters) >= 0.6 * len(initials):
        return True
    pool = list(initials)
    for c in letters:
        if c not in pool:
            return False
        pool.remove(c)
    return len(letters) >= 0.6 * len(initials)


def acronym_pairs(doc: Doc) -> list[Candidate]:
    """'Long Name (ABC)' → a candidate for the long name carrying the acronym's index."""
    out: list[Candidate] = []
    # opening brackets from the ORTH array: a Token per bracket, not per word
    for i in [k for k, orth in enumerate(doc.to_array(ORTH).tolist()) if orth == _OPEN]:
        if i + 2 >= len(doc) or doc[i + 2].text != ")":
            continue
        acro = doc[i + 1].text
        if not (2 <= len(acro) <= MAX_ACRONYM and acro[:1].isupper() and sum(c.isupper() for c in acro) >= 2):
            continue
        j = i
        while j > 0 and i - j < MAX_LONG_FORM:
            prev = doc[j - 1]
            if prev.is_space and "\n" not in prev.text and j - 1 == i - 1:
                j -= 1
                continue
            if "\n" in prev.text or not (prev.text[:1].isupper() or prev.lower_ in ACRONYM_STOP):
                break
            j -= 1
        while j < i and doc[j].lower_ in ACRONYM_STOP:
            j += 1
        stop = i
        while stop > j and doc[stop - 1].is_space:
            stop -= 1
        for start in range(j, stop):  # longest long form that fits, then shorter
            if doc[start].lower_ in ACRONYM_STOP:
                continue
            if _acronym_fits(acro, _initials([t.text for t in doc[start:stop]])):
                out.append(Candidate(start, stop, "ORG", acronym=i + 1))
                break
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_GENERIC: tuple[ActorWords, frozenset[str]] | None = None


def _generic(words: ActorWords) -> frozenset[str]:
    """Heading words that are no name on their own, joined once per word lists rather than per document."""
    global _GENERIC
    if _GENERIC is None or _GENERIC[0] is not words:
        _GENERIC = (words, frozenset(words.org_heads) | set(words.sector_modifiers) | set(words.collectives)
                    | set(words.titles))
    return _GENERIC[1]


def collect(doc: Doc, lex: Lexicon, words: ActorWords, hits: list[LexHit]) -> tuple[list[Candidate], list[LexHit], set[int]]:
    """(name candidates, surviving gazetteer hits, tokens of things) for `doc`."""
    things: set[int] = set()
    dropped: set[int] = set()  # ids of gazetteer hits overridden by a longer name
    top = [h for h in hits if not h.nested]
    cands: list[Candidate] = acronym_pairs(doc)
    taken = [(c.start, c.end) for c in cands] + [(c.acronym, c.acronym + 1) for c in cands if c.acronym]
    spans = []
    thing_names: set[str] = set()  # a name used for a facility once is a facility throughout
    generic = _generic(words)
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS and ent.label_ != "PRODUCT":
            continue
        span = clean_entity(ent, generic, words.headline_verbs)
        if span is not None:
            why = "product" if ent.label_ == "PRODUCT" else is_thing(span, words)
            spans.append((ent.label_, span, why))
            if why in ("product", "facility", "designation"):
                thing_names.add(span.text)
    for ent_label, span, why in spans:
        if why or span.text in thing_names:
            things.update(range(span.start, span.end))
            continue
        key = (span.start, span.end)
        if any(_overlaps(key, t) for t in taken):
            continue
        label = ent_label
        if label == "PERSON" and singular(span[-1].text, words.org_heads) in words.org_heads:
            label = "ORG"
        inside = [h for h in top if _overlaps(key, (h.start, h.end))]
        if any(h.start <= span.start and span.end <= h.end for h in inside):
            continue  # the gazetteer knows this name
        if any(h.org for h in inside) or any(h.start < span.start or h.end > span.end for h in inside):
            continue
        if label == "FAC":
            things.update(range(span.start, span.end))
            continue
        for h in inside:  # states strictly inside a longer name
            if label == "ORG" and h.place and h.place.form in ("name", "demonym"):
                h.nested = True
            else:
                dropped.add(id(h))
        cands.append(Candidate(span.start, span.end, label))
        taken.append(key)
    for h in top:
        if h.org is not None and id(h) not in dropped:
            if any(_overlaps((h.start, h.end), (c.start, c.end)) or h.start == c.acronym
                   for c in cands if c.acronym is not None):
                continue
            cands.append(Candidate(h.start, h.end, "ORG", org=h.org))
    kept = [h for h in hits if id(h) not in dropped and h.place is not None]
    cands.sort(key=lambda c: c.start)
    return cands, kept, things


def appos_heads(words: ActorWords) -> set[str]:
    """Nouns that can head a description a name stands in apposition to."""
    return set(words.person_nouns) | {"counterpart", "outlet", "platform", "firm", "group"}


def appositive(span: Span, words: ActorWords) -> tuple[int, int] | None:
    return appositive_descriptor(span, words, appos_heads(words))
