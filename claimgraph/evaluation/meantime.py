"""Score the dates component on MEANTIME (English Wikinews, TIMEX3 gold).

Recipe (../shared/eval/meantime-dev/SOURCE.md): rebuild each article's
text from its tokens, take the CREATION_TIME TIMEX3 as the publication
date, run the pipeline, and compare our timexes with the gold TIMEX3 of
type DATE and DURATION (the creation time itself excluded).

- value accuracy: of the gold timexes, the share that one of ours overlaps
  *and* gives the same value (after folding trivial variants: "2011-06-XX"
  is "2011-06", a part-of-day suffix "TMO" is dropped; a gold year that is
  an end of our range "2009/2011" counts). Headline: DATE and DURATION
  together; each type is also reported alone.
- extent precision / recall / F1 by overlap, and exact-extent F1.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.errors import MissingData
from claimgraph.evaluation.common import side_by_side
from claimgraph.model import DateValue

FOLDER = "meantime-dev"
GOLD_TYPES = ("DATE", "DURATION")
_MAX_XML_BYTES = 5_000_000  # a MEANTIME article is ~100 kB
_PART_OF_DAY = re.compile(r"T(MO|AF|EV|NI|DT)$")
# MEANTIME annotates time expressions only in the title, the dateline and
# the first sentences (sentence numbers 0-5); our timexes further down are
# not counted against precision.
ANNOTATED_SENTENCES = 6


@dataclass(slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class Article:
    name: str
    text: str
    published: DateValue | None
    dct_span: tuple[int, int] | None
    gold: list[GoldTimex] = field(default_factory=list)
    annotated_end: int = 0  # character offset where the timex-annotated sentences end


def read_article(path: Path) -> Article:
    """One CAT XML file → its text (tokens joined by spaces, a line per
    sentence), the creation time, and the gold timexes as character spans."""
    if path.stat().st_size > _MAX_XML_BYTES:
        raise MissingData(path, f"larger than {_MAX_XML_BYTES:,} bytes; not a MEANTIME article")
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = annotated_end = 0
    last_sentence = None
    for tok in root.iter("token"):
        word = (tok.text or "").strip() or "_"
        sentence = tok.get("sentence")
        if pieces:
            sep = " " if sentence == last_sentence else "\n"
            pieces.append(sep)
            pos += 1
        last_sentence = sentence
        offsets[tok.get("t_id", "")] = (pos, pos + len(word))
        pieces.append(word)
        pos += len(word)
        if sentence is not None and sentence.isdigit() and int(sentence) < ANNOTATED_SENTENCES:
            annotated_end = pos
    article = Article(path.stem, "".join(pieces), None, None, annotated_end=annotated_end)
    for tx in root.iter("TIMEX3"):
        spans = [offsets[a.get("t_id", "")] for a in tx.findall("token_anchor") if a.get("t_id") in offsets]
        value = (tx.get("value") or "").strip()
        extent = (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None
        if tx.get("functionInDocument") == "CREATION_TIME":
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
                article.published = DateValue(value[:10], "day")
            article.dct_span = extent
        elif extent and value and tx.get("type") in GOLD_TYPES:
            article.gold.append(GoldTimex(extent[0], extent[1], tx.get("type", ""), value))
    return article


def normalise_value(value: str) -> str:
    """Fold variants that say the same thing: case, trailing unknown parts
    ("2011-06-XX" → "2011-06"), part-of-day suffixes ("…TMO")."""
    value = _PART_OF_DAY.sub("", value.strip().upper())
    while value.endswith("-XX"):
        value = value[:-3]
    return value


def _value_matches(gold: str, system: str) -> bool:
    gold, system = normalise_value(gold), normalise_value(system)
    return gold == system or ("/" in system and gold in system.split("/"))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def load_articles(data_dir: Path, limit: int | None = None) -> list[Article]:
    folder = Path(data_dir) / FOLDER
    files = sorted(folder.rglob("*.xml")) if folder.is_dir() else []
    if not files:
        raise MissingData(folder, "expected MEANTIME CAT XML files (see ../shared/eval/meantime-dev/SOURCE.md)")
    return [read_article(f) for f in files[:limit]]


def score(data_dir: Path, nlp: Any = None, limit: int | None = None) -> dict[str, Any]:
    """Timex value accuracy and extent P/R/F1 over data_dir/meantime-dev.

    Plain keys are the scored half of the articles, `read.*` the half whose
    errors may be read (common.side_by_side, split by article file name).
    """
    articles = load_articles(data_dir, limit)
    if nlp is None:
        from claimgraph.nlp.pipeline import build_pipeline

        nlp = build_pipeline(components=["cg_timex"])
    docs = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.cg_published = article.published
        docs.append(doc)
    rows = [_count(article, doc) for article, doc in zip(articles, nlp.pipe(docs), strict=True)]
    return side_by_side(rows, lambda r: r["id"], aggregate)


def _count(article: Article, doc: Any) -> dict[str, Any]:
    """One article's counts: system timexes, hits, exact extents, gold per type, right values per type."""
    system = [
        t for t in (doc._.cg_timexes or [])
        if t.kind in GOLD_TYPES and t.start_char < article.annotated_end
        and not (article.dct_span and _overlaps((t.start_char, t.end_char), article.dct_span))
    ]
    spans = [(t.start_char, t.end_char) for t in system]
    gold_spans = [(g.start, g.end) for g in article.gold]
    row: dict[str, Any] = {
        "id": article.name, "sys_n": len(system),
        "sys_hit": sum(any(_overlaps(s, g) for g in gold_spans) for s in spans),
        "exact": len(set(spans) & set(gold_spans)), "gold_hit": 0,
        "correct": {t: 0 for t in GOLD_TYPES}, "total": {t: 0 for t in GOLD_TYPES},
    }
    for gold in article.gold:
        row["total"][gold.type] += 1
        over = [t for t, s in zip(system, spans, strict=True) if _overlaps(s, (gold.start, gold.end))]
        row["gold_hit"] += bool(over)
        row["correct"][gold.type] += any(_value_matches(gold.value, t.value) for t in over)
    return row


def aggregate(rows: list[dict[str, Any]]) -> dict[str, float | int]:
    """Micro-averaged figures over a set of articles."""
    correct = {t: sum(r["correct"][t] for r in rows) for t in GOLD_TYPES}
    total = {t: sum(r["total"][t] for r in rows) for t in GOLD_TYPES}
    sys_n = sum(r["sys_n"] for r in rows)
    sys_hit = sum(r["sys_hit"] for r in rows)
    gold_hit = sum(r["gold_hit"] for r in rows)
    exact = sum(r["exact"] for r in rows)
    n_gold = sum(total.values())
    precision = sys_hit / sys_n if sys_n else 0.0
    recall = gold_hit / n_gold if n_gold else 0.0
    exact_p = exact / sys_n if sys_n else 0.0
    exact_r = exact / n_gold if n_gold else 0.0
    return {
        "value_accuracy": round(sum(correct.values()) / n_gold, 4) if n_gold else 0.0,
        "value_accuracy_date": round(correct["DATE"] / total["DATE"], 4) if total["DATE"] else 0.0,
        "value_accuracy_duration": round(correct["DURATION"] / total["DURATION"], 4) if total["DURATION"] else 0.0,
        "extent_precision": round(precision, 4),
        "extent_recall": round(recall, 4),
        "extent_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "extent_exact_f1": round(2 * exact_p * exact_r / (exact_p + exact_r), 4) if exact_p + exact_r else 0.0,
        "gold_date": total["DATE"],
        "gold_duration": total["DURATION"],
        "system": sys_n,
        "documents": len(rows),
    }
