"""Measure actor resolution against an analyst gold file (e.g. ../shared/gold/seeds.toml).

For every `[[entity]]`, each of its aliases is searched in the documents
(case-sensitive, whole words, curly apostrophes and odd spaces folded); each
occurrence is resolved to the smallest actor mention covering it. The entity
counts as resolved when every occurrence resolves, all to one actor id — and
for states, to the gold ISO code. Aliases that never occur are not held
against the system. This measures general rules; it never feeds back into them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from claimgraph.nlp.types import ActorMention

FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " "})


@dataclass(slots=True)
class EntityResult:
    gold_id: str
    kind: str
    resolved: bool
    ids: dict[str, list[str | None]] = field(default_factory=dict)  # alias → ids per occurrence
    why: str = ""


def _occurrences(text: str, alias: str) -> Iterable[tuple[int, int]]:
    words = [re.escape(w) for w in alias.translate(FOLD).split()]
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")
    for m in pattern.finditer(text):
        yield m.start(), m.end()


def _covering(mentions: list[ActorMention], start: int, end: int) -> str | None:
    best: ActorMention | None = None
    for m in mentions:
        if m.start_char <= start and end <= m.end_char:
            if best is None or (m.end_char - m.start_char) < (best.end_char - best.start_char):
                best = m
    return best.actor_id if best else None


def entity_resolution(nlp: Language, texts: dict[str, str], gold_path: Path) -> list[EntityResult]:
    """One result per gold entity; `texts` maps file name → document text."""
    gold = tomllib.loads(gold_path.read_text(encoding="utf-8"))
    docs = {name: nlp(text) for name, text in texts.items()}
    results: list[EntityResult] = []
    for entity in gold.get("entity", []):
        res = EntityResult(entity["id"], entity.get("kind", ""), False)
        for alias in entity.get("aliases", []):
            for doc in docs.values():
                folded = doc.text.translate(FOLD)
                for s, e in _occurrences(folded, alias):
                    res.ids.setdefault(alias, []).append(_covering(doc._.cg_mentions or [], s, e))
        found = {i for ids in res.ids.values() for i in ids}
        if not res.ids:
            res.why = "no alias occurs in the documents"
        elif None in found:
            res.why = "unresolved: " + ", ".join(a for a, ids in res.ids.items() if None in ids)
        elif len(found) > 1:
            res.why = "split over " + ", ".join(sorted(str(f) for f in found))
        elif entity.get("kind") == "country" and found != {entity["id"]}:
            res.why = f"resolved to {found.pop()}, not {entity['id']}"
        else:
            res.resolved = True
        results.append(res)
    return results


def seed_texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def main(argv: list[str] | None = None) -> int:
    """`python -m claimgraph.evaluation.entities [SHARED_DIR]`: print one line per gold entity."""
    import sys

    from claimgraph.nlp.pipeline import build_pipeline

    args = sys.argv[1:] if argv is None else argv
    shared = Path(args[0]) if args else Path("../shared")
    results = entity_resolution(build_pipeline(components=["cg_actors"]),
                                seed_texts(shared / "corpus" / "seeds"), shared / "gold" / "seeds.toml")
    for r in results:
        print(f"{'ok' if r.resolved else '--'}  {r.gold_id:22} {r.why}")
    occurring = [r for r in results if r.ids]
    print(f"{sum(r.resolved for r in occurring)}/{len(occurring)} gold entities resolved to one actor")
    return 0 if all(r.resolved for r in occurring) else 1


if __name__ == "__main__":
    raise SystemExit(main())
