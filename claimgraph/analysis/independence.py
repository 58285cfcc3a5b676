"""Independent lines of reporting: who a claim really rests on, counted once each.

A claim's support is not its number of names. These are one line:
- an article and the people it quotes: the outlet chose, framed and relayed
  them, and nothing outside the article checks them;
- the articles that credit one speaker (after actor resolution: "Trump" and
  "Donald Trump" are one person), or one outlet;
- copies and rewrites of one story: the same or a near-duplicate sentence in
  several outlets, or an article crediting a wire service ("(Reuters)",
  "Reuters reported") that another member of the claim is.
Each line keeps how it was formed (`why`), so the count can be audited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimgraph.analysis.resolve import norm

# Word-shingle overlap (Jaccard of word pairs) above which two sentences are one text rewritten.
NEAR_DUPLICATE = 0.5


@dataclass(slots=True)
class Voice:
    """One member event's provenance."""

    document: str
    outlet: str
    label: str  # who the evidence comes from: a credited speaker, else the outlet
    speaker: str | None  # canonical speaker id, or a folded speaker name
    status: str
    sentence: str  # folded
    credits: frozenset[str] = frozenset()  # folded names the article credits as its wire/source


@dataclass(slots=True)
class Line:
    label: str
    documents: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    status: str = ""
    why: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"label": self.label, "documents": self.documents, "outlets": self.outlets,
                "speakers": self.speakers, "status": self.status, "why": self.why}


def shingles(text: str) -> frozenset[tuple[str, str]]:
    words = re.findall(r"\w+", text.lower())
    return frozenset(zip(words, words[1:], strict=False))


def near_duplicate(a: str, b: str) -> bool:
    if a == b:
        return True
    sa, sb = shingles(a), shingles(b)
    return bool(sa and sb) and len(sa & sb) / len(sa | sb) >= NEAR_DUPLICATE


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.why: list[str] = []

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, why: str) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
            self.why.append(why)


def lines(voices: list[Voice], rank: dict[str, int]) -> list[Line]:
    """Group voices into independent lines; `rank` orders statuses (lower is stronger)."""
    voices = sorted(voices, key=lambda v: (v.document, v.label, v.sentence))
    u = _Union(len(voices))
    reasons: dict[tuple[int, int], str] = {}

    def join(i: int, j: int, why: str) -> None:
        if u.find(i) != u.find(j):
            reasons[(i, j)] = why
            u.union(i, j, why)

    first: dict[tuple[str, str], int] = {}
    for i, v in enumerate(voices):
        for key in (("doc", v.document), ("outlet", norm(v.outlet)), *((("speaker", v.speaker),) if v.speaker else ())):
            if key in first:
                kind = {"doc": "same article (the outlet and whom it quotes)", "outlet": f"same outlet {v.outlet}",
                        "speaker": f"same speaker {v.label}"}[key[0]]
                join(first[key], i, kind)
            else:
                first[key] = i
    outlets = {norm(v.outlet): i for i, v in enumerate(voices)}
    for i, v in enumerate(voices):
        for credit in sorted(v.credits):
            j = outlets.get(credit)
            if j is not None:
                join(j, i, f"{v.outlet} credits {voices[j].outlet}")
    for i, v in enumerate(voices):
        for j in range(i):
            if voices[j].document != v.document and near_duplicate(voices[j].sentence, v.sentence):
                join(j, i, f"copy or rewrite: {voices[j].outlet} and {v.outlet} carry nearly the same sentence")
    groups: dict[int, list[int]] = {}
    for i in range(len(voices)):
        groups.setdefault(u.find(i), []).append(i)
    out = []
    for root, members in sorted(groups.items()):
        vs = [voices[i] for i in members]
        speakers = sorted({v.label for v in vs if v.speaker})
        outlets_ = sorted({v.outlet for v in vs})
        # Named for whom it rests on: the speaker it credits, else the wire service the others
        # credit (when it is a member), else its first outlet by name.
        credited = sorted({v.outlet for v in vs if any(norm(v.outlet) in w.credits for w in vs)})
        label = min(speakers) if speakers else credited[0] if credited else outlets_[0]
        status = min((v.status for v in vs), key=lambda s: rank.get(s, 99))
        why = sorted({w for (i, j), w in reasons.items() if u.find(i) == root})
        out.append(Line(label, sorted({v.document for v in vs}), outlets_, speakers, status, why))
    return _unique_labels(out)


def _unique_labels(found: Iterable[Line]) -> list[Line]:
    """Two lines may carry one label (two unrelated outlets quoting people of one name): keep them apart."""
    seen: dict[str, int] = {}
    out = []
    for line in sorted(found, key=lambda x: (x.label, x.documents)):
        n = seen.get(line.label, 0)
        seen[line.label] = n + 1
        if n:
            line.label = f"{line.label} ({n + 1})"
        out.append(line)
    return out
