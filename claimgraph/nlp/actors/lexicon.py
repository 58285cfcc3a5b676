"""Gazetteer matching for the actors component: states and well-known organisations.

One spaCy PhraseMatcher (token ORTH, so "US" is not "us") holds every country
form and every known-organisation alias; it is compiled once per pipeline, and
each document costs one matcher pass plus two cheap repairs:

- hyphenation artefacts: "Azerbai-jan" (a line-break hyphen left in the text,
  or a soft hyphen) is looked up with the hyphen removed, but only where a
  hyphen token sits between two word pieces with no spaces — no scan over the
  gazetteer;
- hyphenated single tokens: "U.S.-led", "anti-Azerbaijani" — the parts of a
  token that contains a hyphen are looked up, and the mention gets the
  characters of that part only.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from claimgraph.ontology.actors import KnownOrg, PlaceName, country_names, known_orgs

SOFT_HYPHEN = "\u00ad"
MAX_PART = 40  # longest hyphen-part we look up; bounds work on attacker text


@dataclass(slots=True)
class LexHit:
    """A gazetteer match: a state form or a known organisation, with token and char span."""

    start: int
    end: int
    start_char: int
    end_char: int
    place: PlaceName | None = None
    org: KnownOrg | None = None
    nested: bool = False  # inside a longer known-organisation name
    rule: str = "gazetteer"


def _key(words: list[str]) -> str:
    return " ".join(words)


class Lexicon:
    """Compiled gazetteers for one pipeline (one vocab)."""

    def __init__(self, nlp: Language) -> None:
        self.places: dict[str, PlaceName] = {}
        self.orgs: dict[str, KnownOrg] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        place_docs, org_docs = [], []
        for place in country_names():
            doc = nlp.make_doc(place.text)
            self.places.setdefault(_key([t.text for t in doc]), place)
            place_docs.append(doc)
        for org in known_orgs():
            for alias in org.aliases:
                doc = nlp.make_doc(alias)
                self.orgs.setdefault(_key([t.text for t in doc]), org)
                org_docs.append(doc)
        self.matcher.add("PLACE", place_docs)
        self.matcher.add("ORG", org_docs)
        self._org_label = nlp.vocab.strings["ORG"]
        # joined forms ("Azerbaijan") for hyphen repair, single-token forms for affixes
        self.single = {k: v for k, v in self.places.items() if " " not in k}
        # lower-cased state forms, which short forms skip when comparing names;
        # built here, once, not per document
        self.place_words = frozenset(p.lower() for p in self.places)

    def hits(self, doc: Doc) -> list[LexHit]:
        """Top-level matches (longest wins) plus state names nested in known organisations."""
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            span.label = match_id
            spans.append(span)
        top = filter_spans(spans)
        out: list[LexHit] = []
        covered: set[int] = set()
        for span in top:
            out.append(self._hit(span))
            covered.update(range(span.start, span.end))
        for span in spans:
            if span.label != self._org_label and span.start in covered:
                hit = self._hit(span)
                parent = next((h for h in out if h.org and h.start <= span.start and span.end <= h.end), None)
                if parent is not None and (parent.start, parent.end) != (span.start, span.end):
                    if hit.place and hit.place.form in ("name", "demonym"):
                        hit.nested = True
                        out.append(hit)
        out.extend(self._repairs(doc, covered))
        out.sort(key=lambda h: (h.start, -h.end))
        return out

    def _hit(self, span) -> LexHit:
        key = _key([t.text for t in span])
        if span.label == self._org_label:
            return LexHit(span.start, span.end, span.start_char, span.end_char, org=self.orgs[key])
        return LexHit(span.start, span.end, span.start_char, span.end_char, place=self.places[key])

    def _repairs(self, doc: Doc, covered: set[int]) -> list[LexHit]:
        out: list[LexHit] = []
        n = len(doc)
        for tok in doc:
            text = tok.text
            if "-" not in text and SOFT_HYPHEN not in text:
                continue
            i = tok.i
            if text == "-" and 0 < i < n - 1 and not doc[i - 1].whitespace_ and not tok.whitespace_:
                left, right = doc[i - 1], doc[i + 1]
                if left.i in covered or right.i in covered or not right.text[:1].islower():
                    continue
                place = self.single.get(left.text + right.text)
                if place is not None:
                    out.append(LexHit(left.i, right.i + 1, left.idx, right.idx + len(right.text),
                                      place=place, rule="gazetteer:hyphen-break"))
                continue
            if i in covered or len(text) > 3 * MAX_PART:
                continue
            if SOFT_HYPHEN in text:
                place = self.single.get(text.replace(SOFT_HYPHEN, ""))
                if place is not None:
                    out.append(LexHit(i, i + 1, tok.idx, tok.idx + len(text), place=place,
                                      rule="gazetteer:soft-hyphen"))
                continue
            offset = 0
            for part in text.split("-"):
                place = self.single.get(part) if 0 < len(part) <= MAX_PART else None
                if place is not None and place.form in ("name", "demonym"):
                    start = tok.idx + offset
                    out.append(LexHit(i, i + 1, start, start + len(part), place=place, rule="gazetteer:affix"))
                offset += len(part) + 1
        return out
