"""Admiralty grades for claims: reliability letter A–F and credibility digit 1–6, with reasons.

Reliability belongs to sources, so it comes from a user-editable TOML file
(ontology/data/reliability.toml by default; unknown sources are F). A claim
takes the letter of its best-rated independent source — one good source
carrying a story is what makes it worth reading.

Credibility belongs to the information: how many independent sources carry
it (its own plus those of corroborating claims), whether it is denied or
contradicted, and whether every source hedges it (alleged / hypothetical).
Every step appends a reason, because analysts must be able to audit and
disagree with a grade.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from claimgraph.analysis.resolve import norm
from claimgraph.errors import UsageError
from claimgraph.model import Claim, Grade
from claimgraph.ontology import DATA
from claimgraph.store.claims import StoredClaim

DEFAULT_RELIABILITY = DATA / "reliability.toml"
LETTERS = "ABCDEF"
CREDIBILITY = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable",
               6: "cannot be judged"}


@dataclass(slots=True)
class Reliability:
    """Source name (normalised) → (letter, reason)."""

    table: dict[str, tuple[str, str]]
    default: str = "F"
    path: str = ""

    def rate(self, source: str) -> tuple[str, str]:
        hit = self.table.get(norm(source))
        if hit:
            return hit
        return self.default, f"not rated in {Path(self.path).name or 'reliability file'}"


def load_reliability(path: str | Path | None = None) -> Reliability:
    p = Path(path) if path else DEFAULT_RELIABILITY
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"{p}: reliability file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{p}: not valid TOML: {exc}") from exc
    default = str(data.get("default", "F")).upper()
    table: dict[str, tuple[str, str]] = {}
    for name, row in (data.get("sources") or {}).items():
        letter = str(row.get("letter", "") if isinstance(row, dict) else row).upper()
        if letter not in LETTERS or len(letter) != 1:
            raise UsageError(f"{p}: source {name!r} has letter {letter!r}; use one of A B C D E F")
        table[norm(name)] = (letter, str(row.get("reason", "")) if isinstance(row, dict) else "")
    if default not in LETTERS:
        raise UsageError(f"{p}: default {default!r} is not one of A B C D E F")
    return Reliability(table, default, str(p))


def grade(sc: StoredClaim, linked: dict[str, StoredClaim], rel: Reliability) -> Grade:
    """Grade one claim given the claims it links to (by id)."""
    c = sc.claim
    reasons: list[str] = []
    rated = [(s, *_rate_line(s, sc, rel)) for s in c.independent_sources]
    judged = [r for r in rated if r[1] != "F"]
    if judged:
        best = min(judged, key=lambda r: (r[1], r[0]))
        letter = best[1]
        reasons.append(f"reliability {letter}: best-rated source {best[0]} ({best[2] or 'rated ' + letter})")
    else:
        letter = "F"
        reasons.append("reliability F: no source of this claim can be judged "
                       f"({', '.join(c.independent_sources) or 'none'})")
    own = set(c.independent_sources)
    corr, same_article = _corroborating_sources(c, linked)
    n = len(own | corr)
    reasons.append(f"{len(own)} independent source(s) carry it: {', '.join(sorted(own)) or 'none'}")
    if corr:
        reasons.append(f"corroborated by {len(corr)} further source(s) in linked claims: {', '.join(sorted(corr))}")
    if same_article:
        reasons.append(f"not counted as independent (same article as a source already counted): "
                       f"{', '.join(sorted(same_article))}")
    if n == 0:
        return Grade(letter, 6, [*reasons, "credibility 6: nothing to judge it by"])
    cred = 1 if n >= 3 else 2 if n == 2 else 3
    reasons.append(f"base credibility {cred} from {n} independent source(s)")
    statuses = set(c.presentations.values())
    if statuses and statuses <= {"hypothetical"}:
        cred += 2
        reasons.append("+2: every source presents it as hypothetical (may / could / would)")
    elif statuses and statuses <= {"alleged", "hypothetical", "denied"}:
        cred += 1
        reasons.append("+1: every source presents it only as an allegation or hedged")
    denials = sorted({ln.claim for ln in c.links if ln.kind == "denied-by"})
    if denials or "denied" in statuses:
        cred += 1
        reasons.append(f"+1: denied ({', '.join(denials) or 'in the text'})")
    # A denial of an allegation is linked both ways (denies + contradicts); count it once, as a denial.
    denial_pairs = {ln.claim for ln in c.links if ln.kind in ("denies", "denied-by")}
    contra = sorted({ln.claim for ln in c.links if ln.kind == "contradicts"} - denial_pairs)
    if contra:
        cred += 1
        reasons.append(f"+1: contradicted by {len(contra)} claim(s): {', '.join(contra)}")
    cred = max(1, min(cred, 5))
    reasons.append(f"credibility {cred}: {CREDIBILITY[cred]}")
    return Grade(letter, cred, reasons)


def _rate_line(label: str, sc: StoredClaim, rel: Reliability) -> tuple[str, str]:
    """A line of reporting's letter: the best any of its names has in the reliability file.

    A line is its label plus the outlets that carry it and the speakers it quotes
    (analysis/independence.py); a rated wire service behind a rewrite lends the line its letter.
    """
    names = [label]
    for ln in sc.info.get("lines", []):
        if ln.get("label") == label:
            names += [*ln.get("outlets", []), *ln.get("speakers", [])]
    rated = [(n, *rel.rate(n)) for n in dict.fromkeys(names)]
    judged = [r for r in rated if r[1] != rel.default or norm(r[0]) in rel.table]
    if not judged:
        return rated[0][1], rated[0][2]
    name, letter, why = min(judged, key=lambda r: (r[1], r[0]))
    return letter, why if name == label else f"via {name}: {why or 'rated ' + letter}"


def _corroborating_sources(c: Claim, linked: dict[str, StoredClaim]) -> tuple[set[str], set[str]]:
    """Sources that corroborating claims add, and those left out for coming from an article already counted.

    Two sentences of one article are one source however many people they
    cite: a corroborating claim adds its sources only when it brings a
    document not yet counted. Linked claims are visited in id order so the
    grade does not depend on link order (incremental == rebuild).
    """
    own = set(c.independent_sources)
    counted_docs = set(c.documents)
    corr: set[str] = set()
    skipped: set[str] = set()
    for other_id in sorted({ln.claim for ln in c.links if ln.kind == "corroborates" and ln.claim in linked}):
        other = linked[other_id].claim
        new_sources = set(other.independent_sources) - own - corr
        if set(other.documents) - counted_docs:
            corr |= new_sources
            counted_docs |= set(other.documents)
        else:
            skipped |= new_sources
    return corr, skipped - corr


def grade_value(code: str) -> tuple[int, int]:
    """'B2' → (1, 2), for `--min-grade`: a grade passes if both parts are at least as good."""
    code = code.strip().upper()
    if len(code) != 2 or code[0] not in LETTERS or not code[1].isdigit() or not 1 <= int(code[1]) <= 6:
        raise UsageError(f"grade {code!r}: expected a letter A–F and a digit 1–6, like B2")
    return LETTERS.index(code[0]), int(code[1])
