"""Stance: does a text agree with a claim, dispute or deny it, merely report it, or talk of something else?

One module answers this for both users of it: the corroborates / contradicts
links between claims, and `claimgraph check "…"`, which asks it of every
stored document. It works from how English expresses stance, not from a
trained model, so every call can be explained by the words that made it:

- relatedness is lexical: the claim's content words, weighted by how rare
  they are in the corpus (IDF), found in one sentence of the text and in the
  text as a whole. A text that shares only common words is unrelated.
- the evidence is the sentences that share most of the claim's rare words,
  plus the lead (a news text states its point first).
- disagreement: refutation words ("false", "hoax", "debunked", "not true")
  in the text near the claim's words; a claim that itself calls something
  false is agreed with by a text that refutes it too, and disputed by one
  that states it as fact. A party's denial the text relays ("X denied …") is
  reported speech: by itself it makes the text discuss, not dispute.
- discuss: the evidence hedges or attributes without committing
  ("reportedly", "according to", "could not be verified").
- agree: the evidence states it with nothing of the above.

The index (`SentenceIndex`) holds every sentence's content words and a
posting list per word, so checking many claims against many documents only
touches documents sharing a rare word with the claim.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from claimgraph.ontology.stance import StanceCues, stance_cues

STANCES = ("agree", "disagree", "discuss")
MAX_CLAIM_CHARS = 2_000  # a claim is a sentence or two; longer input is cut, never read unbounded
MAX_TEXT_CHARS = 200_000  # per document indexed
# A sentence boundary: end punctuation (and closing quotes) then space and an opening capital,
# digit or quote; or a blank line. Abbreviations ("U.S. officials") are kept by needing a
# lower-case-free word of two letters or more before the stop.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(A-Z0-9])|\n\s*\n")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
# Relatedness thresholds, share of the claim's IDF weight: in the best sentence, or in the whole text.
RELATED_SENTENCE = 0.22
RELATED_TEXT = 0.33
EVIDENCE_SHARE = 0.25  # a sentence with this share of the claim's weight is evidence
LEAD_SENTENCES = 2
TOUCH_SHARE = 0.1  # a sentence sharing this much of the claim's weight speaks of it


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text.replace("“", '"').replace("”", '"')).strip().lower()


def stem(word: str) -> str:
    """A crude stem: inflections of one word meet ("denies", "denied" → "deni"), distinct words rarely do."""
    w = word.lower().replace("’", "'").strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ("ing", "ied", "ies", "ian", "ean", "ed", "es", "s", "ly", "i"):
        # "Iranian", "Israeli": a demonym meets its country's name
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    return w[:6]


@cache
def _state_forms() -> dict[str, str]:
    """One-word names, demonyms and capitals of states → the state's code: "Baku" says "Azerbaijan"."""
    from claimgraph.ontology.actors import country_names

    out: dict[str, str] = {}
    for place in country_names():
        if " " not in place.text.strip():
            out.setdefault(stem(place.text), place.iso3.lower())
    return out


def content_terms(text: str, cues: StanceCues | None = None) -> list[str]:
    """Content-word stems, in order (stopwords dropped, numbers kept: "314 prisoners" is specific).

    A state's one-word forms (name, demonym, capital) become its code, so that "Baku", "Azerbaijan"
    and "Azerbaijani" are one word to relatedness.
    """
    cues = cues or stance_cues()
    forms = _state_forms()
    out = []
    for m in _WORD.finditer(text):
        w = m.group(0).lower().replace(",", "")
        if w in cues.stopwords or (len(w) < 3 and not w.isdigit()):
            continue
        st = stem(w)
        out.append(forms.get(st, st) if m.group(0)[:1].isupper() else st)
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (character offsets into `text`), by punctuation and blank lines."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        if text[pos:m.start()].strip():
            spans.append(_strip(text, pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append(_strip(text, pos, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    terms: frozenset[str]


@dataclass(slots=True)
class Judgement:
    """One document's stance on one claim, with the sentences and words that decided it."""

    document: str
    stance: str  # agree | disagree | discuss
    relatedness: float
    evidence: list[Sentence] = field(default_factory=list)
    reason: str = ""


class SentenceIndex:
    """Every document's sentences and their content words, with a posting list per word."""

    def __init__(self, cues: StanceCues | None = None) -> None:
        self.cues = cues or stance_cues()
        self.docs: dict[str, list[Sentence]] = {}
        self.terms: dict[str, frozenset[str]] = {}
        self.postings: dict[str, set[str]] = defaultdict(set)

    def add(self, doc_id: str, text: str) -> None:
        text = text[:MAX_TEXT_CHARS]
        sents = [Sentence(a, b, text[a:b], frozenset(content_terms(text[a:b], self.cues))) for a, b in sentences(text)]
        self.docs[doc_id] = sents
        self.terms[doc_id] = frozenset().union(*(s.terms for s in sents)) if sents else frozenset()
        for t in self.terms[doc_id]:
            self.postings[t].add(doc_id)

    @classmethod
    def build(cls, docs: Iterable[tuple[str, str]]) -> SentenceIndex:
        index = cls()
        for doc_id, text in docs:
            index.add(doc_id, text)
        return index

    def idf(self, term: str) -> float:
        n = max(1, len(self.docs))
        return math.log((n + 1) / (len(self.postings.get(term, ())) + 0.5))

    def check(self, claim: str) -> list[Judgement]:
        """The related documents' stances on `claim`, most related first; any other document is unrelated."""
        terms = set(content_terms(claim[:MAX_CLAIM_CHARS], self.cues))
        if not terms:
            return []
        weights = {t: self.idf(t) for t in terms}
        total = sum(weights.values()) or 1.0
        # Candidates share a word that is not everywhere: the rest cannot reach the thresholds.
        rare = sorted(terms, key=lambda t: -weights[t])[: max(3, len(terms) // 2)]
        candidates = set().union(*(self.postings.get(t, set()) for t in rare))
        out = []
        for doc_id in sorted(candidates):
            j = judge(claim, terms, weights, total, self.docs[doc_id], self.terms[doc_id], doc_id, self.cues)
            if j is not None:
                out.append(j)
        return sorted(out, key=lambda j: (-j.relatedness, j.document))


def _cue_words(text: str) -> list[str]:
    return [m.group(0).lower().replace("’", "'") for m in _WORD.finditer(text)]


def _has_phrase(folded: str, phrases: tuple[str, ...]) -> list[str]:
    padded = f" {folded} "
    return [p for p in phrases if f" {p} " in padded]


def cues_in(text: str, cues: StanceCues) -> dict[str, list[str]]:
    """The stance cues a piece of text holds, by kind."""
    words = _cue_words(text)
    folded = " ".join(words)
    return {
        "refute": [w for w in words if w in cues.refute_words] + _has_phrase(folded, cues.refute_phrases),
        "deny": [w for w in words if w in cues.deny_words],
        "hedge": [w for w in words if w in cues.hedge_words] + _has_phrase(folded, cues.hedge_phrases),
        "affirm": [w for w in words if w in cues.affirm_words],
    }


def judge(claim: str, terms: set[str], weights: dict[str, float], total: float, sents: list[Sentence],
          doc_terms: frozenset[str], doc_id: str, cues: StanceCues,
          related: tuple[float, float] = (RELATED_SENTENCE, RELATED_TEXT)) -> Judgement | None:
    """One document's stance on a claim, or None when it is unrelated (`related`: the share of the
    claim's weight needed in one sentence, or in the whole text)."""
    whole = sum(weights[t] for t in terms & doc_terms) / total
    scored = [(sum(weights[t] for t in terms & s.terms) / total, i) for i, s in enumerate(sents)]
    best = max((x for x, _ in scored), default=0.0)
    if best < related[0] and whole < related[1]:
        return None
    relatedness = round(max(best, whole * 0.9), 4)
    picked = {i for x, i in scored if x >= max(EVIDENCE_SHARE, best * 0.6)}
    evidence = [sents[i] for i in sorted(picked)[:5]]
    # Where a text says what it thinks of the claim: its evidence, the sentences either side of
    # it, the lead, and any sentence that touches the claim's words at all.
    near = picked | {i + d for i in picked for d in (-1, 1)} | set(range(LEAD_SENTENCES))
    near |= {i for x, i in scored if x >= TOUCH_SHARE}
    context = [sents[i] for i in sorted(near) if 0 <= i < len(sents)]
    found: dict[str, list[str]] = {k: [] for k in ("refute", "deny", "hedge", "affirm")}
    for s in context:
        for k, v in cues_in(s.text, cues).items():
            found[k].extend(v)
    claim_cues = cues_in(claim, cues)
    # "Woman denies hoax claims": a denial of a refutation affirms; polarity is the parity of the two.
    claim_refutes = (len(set(claim_cues["refute"])) + len(set(claim_cues["deny"]))) % 2 == 1
    # The text's own refutation disputes the claim. A party's denial it relays ("X denied …") is
    # reported speech: the text gives that side, and without words of its own it discusses.
    refuting = sorted(set(found["refute"]))
    if refuting and not claim_refutes:
        stance, why = "disagree", f"refutes or denies it ({', '.join(refuting[:5])})"
    elif claim_refutes and refuting:
        stance, why = "agree", f"refutes what the claim refutes ({', '.join(refuting[:5])})"
    elif found["hedge"]:
        stance, why = "discuss", f"reports it with hedging or attribution ({', '.join(sorted(set(found['hedge']))[:5])})"
    elif claim_refutes:
        stance, why = "disagree", "states as fact what the claim calls false"
    else:
        stance, why = "agree", "states it without hedging"
    return Judgement(doc_id, stance, relatedness, evidence or context[:1],
                     f"{stance}: {why}; shares {round(best * 100)}% of the claim's weight in one sentence")


def judge_sentences(claim: str, texts: list[str], cues: StanceCues | None = None,
                    related: tuple[float, float] = (RELATED_SENTENCE, RELATED_TEXT)) -> Judgement | None:
    """The stance of a few sentences (another claim's evidence) on `claim`, every word weighing the same.

    Links compare two claims' sentences with no corpus at hand to weigh words by, so each content word
    counts once; otherwise it is the same judgement `check` makes of a document.
    """
    cues = cues or stance_cues()
    terms = set(content_terms(claim[:MAX_CLAIM_CHARS], cues))
    if not terms or not texts:
        return None
    weights = dict.fromkeys(terms, 1.0)
    sents, pos = [], 0
    for t in texts:
        sents.append(Sentence(pos, pos + len(t), t, frozenset(content_terms(t, cues))))
        pos += len(t) + 1
    doc_terms = frozenset().union(*(x.terms for x in sents))
    return judge(claim, terms, weights, float(len(terms)), sents, doc_terms, "", cues, related)
