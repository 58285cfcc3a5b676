"""Headline, byline and outlet of a plain-text article, read from its layout.

Plain text has no markup, but articles copied from the web keep a shape:
a few short header lines (section label, headline, dek, byline) before
the first paragraph, and a footer naming the site. The rules:

* the header is the run of lines before the first body-sized line;
* a header line holding a date, or starting "By …", is the byline; its
  parts give the author ("By NAME", or "Name, Outlet, Date"), the outlet
  and the publication date;
* the headline is the first headline-shaped header line above the byline
  that is not a section label ("The Magazine", "Opinion"); lines after it
  (a dek such as "The Iran-al Qaeda alliance.") are not the title;
* the outlet, failing a byline, comes from the footer: "© 2023 Outlet",
  "Outlet: tagline" (stronger when the site's domain spells the same
  name), "<Outlet> Archives".

Nothing is guessed: no date found means `published is None`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimgraph.ingest.clean import Cleaned, load_data
from claimgraph.ingest.dates import find_date
from claimgraph.model import DateValue

HEADER_LINES = 12
_NAME_TOKEN = r"[A-Z][\w&.'’-]{0,40}"
_NAME = rf"{_NAME_TOKEN}(?:\s(?:of\s|the\s|and\s|&\s|de\s|al-)?{_NAME_TOKEN}){{0,5}}"
# "By"/"©"/"Copyright" in any case, but the name itself must be capitalised.
_BY = re.compile(rf"(?:^|[\s•|·,—–-])(?i:by):?\s{{1,3}}(?P<name>{_NAME})")
_NAME_ONLY = re.compile(_NAME)
_TAGLINE = re.compile(rf"(?P<name>{_NAME}):\s\S")
_COPYRIGHT = re.compile(
    rf"(?:©|\((?i:c)\)|(?i:copyright))\s{{0,3}}(?:©\s{{0,3}})?(?:\d{{4}}(?:\s?[-–]\s?\d{{4}})?,?\s{{1,3}})?(?P<name>{_NAME})"
)
_DOMAIN = re.compile(r"\b(?:www\.)?(?P<label>[a-z0-9][a-z0-9-]{0,62})\.(?:[a-z]{2,12})(?:\.[a-z]{2})?\b", re.IGNORECASE)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
_TRIM = " \t—–-•|·,;:"
_SEGMENT_SPLIT = re.compile(r"\s*[,|•·—–]\s*|\s+-\s+")
_HAS_DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class TextMeta:
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: DateValue | None = None


@cache
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    data = load_data("metadata.toml")
    return (
        frozenset(w.lower() for w in data["section_words"]),
        frozenset(w.lower() for w in data["outlet_words"]),
        frozenset(w.lower() for w in data["footer_nav_nouns"]),
        frozenset(w.lower() for w in data["byline_labels"]),
    )


def tidy(value: str | None) -> str | None:
    """Metadata as people type it: straight quotes, single spaces, no dangling dashes."""
    if value is None:
        return None
    value = " ".join(value.translate(_QUOTES).split()).strip(_TRIM)
    return value or None


def _cap_token(token: str) -> str:
    if "." in token or len(token) < 2 or not token.isupper():
        return token  # initials ("J.") and short tokens stay as written
    return "".join(p.capitalize() for p in re.split(r"([-'’])", token))


def person_case(name: str) -> str:
    """'THOMAS JOSCELYN' → 'Thomas Joscelyn', "JOHN O'NEIL and ANA DIAZ" → "John O'Neil and Ana Diaz".

    Only when the name is mostly capitals (a typographic convention, not
    the spelling); "Anis Raiss" or "DeShawn McKay" are left as written.
    """
    tokens = name.split()
    alpha = [t for t in tokens if any(c.isalpha() for c in t) and len(t) > 1]
    upper = [t for t in alpha if t.isupper()]
    if not alpha or len(upper) * 2 <= len(alpha):
        return name
    return " ".join(_cap_token(t) for t in tokens)


def _word_count(line: str) -> int:
    return len(line.split())


def is_body_line(line: str) -> bool:
    words = _word_count(line)
    return words > 30 or (words >= 15 and line.rstrip().endswith((".", "”", '"', "’")))


def is_section_label(line: str) -> bool:
    section, _, _, _ = _words()
    words = [w.strip(".:|»›").lower() for w in line.split()]
    return 0 < len(words) <= 4 and all(w in section for w in words if w)


def is_headline(line: str) -> bool:
    words = _word_count(line)
    if not 2 <= words <= 25 or len(line) > 250:
        return False
    if line.rstrip().endswith((".", ",", ";", ":")) and not line.rstrip().endswith("..."):
        return False
    first = line.lstrip("“\"'‘([")[:1]
    return bool(first) and (first.isupper() or first.isdigit()) and "://" not in line


def looks_like_person(name: str) -> bool:
    _, outlet_words, _, _ = _words()
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or _HAS_DIGIT.search(name) or tokens[0].lower() == "the":
        return False
    return not any(t.lower().strip(".") in outlet_words for t in tokens)


def parse_byline(line: str) -> TextMeta:
    """Author, outlet and date from one byline/dateline."""
    meta = TextMeta()
    rest = line
    found = find_date(line)
    if found is not None:
        meta.published, start, end = found
        rest = line[:start] + " | " + line[end:]
    by = _BY.search(rest)
    if by:
        meta.author = person_case(by.group("name"))
        rest = rest[:by.start()] + " | " + rest[by.end():]
    parts = [p.strip(_TRIM) for p in _SEGMENT_SPLIT.split(rest)]
    _, _, _, labels = _words()
    parts = [
        p for p in parts
        if p and not _HAS_DIGIT.search(p) and _NAME_ONLY.fullmatch(p)
        and not all(w.lower().strip(".:") in labels for w in p.split())
    ]
    if meta.author is None and parts and looks_like_person(parts[0]):
        meta.author = person_case(parts.pop(0))
    if parts:
        # "Name, Outlet, Date" and "By Name, Outlet": the part after the author
        # is the outlet, even when it reads like a name ("Al Jazeera").
        meta.outlet = parts[0]
    return meta


def _is_byline(line: str) -> bool:
    if _word_count(line) > 20:
        return False
    return find_date(line) is not None or _BY.match(line) is not None


def read_header(lines: list[str]) -> TextMeta:
    meta = TextMeta()
    header: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        if is_body_line(line) or len(header) >= HEADER_LINES:
            break
        header.append(line.strip())
    byline_at = next((i for i, line in enumerate(header) if _is_byline(line)), None)
    if byline_at is not None:
        meta = parse_byline(header[byline_at])
    above = header if byline_at is None else header[:byline_at]
    for line in above:
        if is_section_label(line):
            continue
        if is_headline(line):
            meta.title = line
        break
    return meta


def footer_outlet(footer: list[str]) -> str | None:
    """The publication a site footer names, scored by how it is named."""
    _, _, nav_nouns, _ = _words()
    joined = " ".join(footer).lower()
    labels = {m.group("label").lower() for m in _DOMAIN.finditer(joined)}
    scores: dict[str, float] = {}
    for line in footer:
        line = line.strip()
        if len(line) > 300:
            continue
        cands: list[tuple[str, float]] = []
        m = _COPYRIGHT.search(line)
        if m:
            cands.append((re.sub(r"\s+All Rights Reserved.*$", "", m.group("name"), flags=re.IGNORECASE), 3.0))
        m = _TAGLINE.match(line)
        if m and _word_count(line) <= 10:
            cands.append((m.group("name"), 2.0))
        words = line.split()
        if 2 <= len(words) <= 7 and words[-1].lower() in nav_nouns and _NAME_ONLY.fullmatch(" ".join(words[:-1])):
            cands.append((" ".join(words[:-1]), 2.0))
        for name, score in cands:
            name = name.split(". ", 1)[0].strip(_TRIM + ".")  # "Outlet. All rights reserved"
            if not name:
                continue
            compact = re.sub(r"[^a-z0-9]", "", name.lower())
            if compact in labels or compact.removeprefix("the") in labels:
                score += 3.0
            bare = name.lower().removeprefix("the ").strip()
            if joined.count(bare) > 1:
                score += 1.0
            scores[name] = scores.get(name, 0.0) + score
    if not scores:
        return None
    return max(scores.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]


def infer(cleaned: Cleaned) -> TextMeta:
    """Everything the text itself says about its title, author, outlet and date."""
    meta = read_header(cleaned.text.split("\n")[:200])
    if meta.outlet is None:
        meta.outlet = footer_outlet(cleaned.footer)
    meta.title, meta.author, meta.outlet = tidy(meta.title), tidy(meta.author), tidy(meta.outlet)
    return meta
