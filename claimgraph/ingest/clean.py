"""Cleaning: one canonical form of an article's text, furniture removed.

Everything downstream (spans, hashes, the web view) refers to the text
this module returns, so it is what the store keeps. The rules are general
and live in data/boilerplate.toml:

* characters — line endings to "\\n"; no-break, thin, hair and other
  Unicode spaces to " "; zero-width and soft-hyphen characters and stray
  control bytes dropped; NFC composition. Curly quotes and dashes stay:
  they are the article's punctuation, not noise.
* a site footer after a separator line (a run of "_" or "-") near the end;
* a trailing block that starts with a furniture heading ("Leave a Reply",
  "Recent Blog Posts", "Related articles", "© …") and holds only short lines;
* single lines that are comment forms, share/print widget bars, "Read
  more", "Advertisement" and the like, wherever they are.

Removed footer lines are returned separately: metadata.py reads the
outlet from them ("SiteName: tagline", "© Outlet", "<Outlet> Archives").
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

# Unicode spaces that are not U+0020: no-break, en/em/thin/hair…, narrow
# no-break, medium mathematical, ideographic; tabs and form feeds too.
_SPACES = re.compile("[\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Zero-width space/joiners used as invisible padding, word joiner, BOM, soft hyphen.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\u0000-\u0008\u000e-\u001f\u007f-\u009f]")
_MULTI_SPACE = re.compile(" {2,}")
MAX_TEST_CHARS = 300


@dataclass(slots=True)
class Cleaned:
    """The stored text plus what was taken out (for metadata and debugging)."""

    text: str
    footer: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Rules:
    max_words: int
    widget_words: frozenset[str]
    widget_anchors: frozenset[str]
    line: tuple[re.Pattern[str], ...]
    footer_starts: tuple[re.Pattern[str], ...]
    footer_max_words: int
    separator: re.Pattern[str]
    wall: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    wall_short_words: int


def load_data(name: str) -> dict[str, Any]:
    """A TOML file from claimgraph/ingest/data/."""
    with resources.files("claimgraph.ingest").joinpath("data", name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def rules() -> _Rules:
    data = load_data("boilerplate.toml")

    def compile_all(items: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in items)

    chars = re.escape(data["separator_chars"])
    return _Rules(
        max_words=int(data["max_words"]),
        widget_words=frozenset(w.lower() for w in data["widget_words"]),
        widget_anchors=frozenset(w.lower() for w in data["widget_anchors"]),
        line=compile_all(data["line_patterns"]),
        footer_starts=compile_all(data["footer_starts"]),
        footer_max_words=int(data["footer_max_words"]),
        separator=re.compile(f"[{chars} ]{{{int(data['separator_min'])},}}"),
        wall=tuple((what, compile_all(pats)) for what, pats in data["wall_patterns"].items()),
        wall_short_words=int(data["wall_short_words"]),
    )


def normalise_chars(text: str) -> str:
    """Canonical characters and line endings (see module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def is_separator(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= 5 and rules().separator.fullmatch(stripped) is not None


def is_widget_bar(line: str) -> bool:
    words = [w.strip(".,:;|/()[]").lower() for w in line.split()]
    words = [w for w in words if w]
    r = rules()
    return len(words) >= 2 and all(w in r.widget_words for w in words) and any(w in r.widget_anchors for w in words)


def is_boilerplate_line(line: str) -> bool:
    """A single line of page furniture (comment form, widget bar, separator…)."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_TEST_CHARS or len(stripped.split()) > rules().max_words:
        return False
    if is_separator(stripped):
        return True
    folded = stripped.rstrip(" :|»›>").strip()
    return any(p.fullmatch(folded) for p in rules().line) or is_widget_bar(stripped)


def _footer_after_separator(lines: list[str]) -> int | None:
    """Index of a separator line that cuts a short tail off the end."""
    total = sum(len(x) for x in lines) or 1
    for i in range(len(lines) - 1, -1, -1):
        if is_separator(lines[i]):
            tail = sum(len(x) for x in lines[i + 1:])
            before = sum(len(x) for x in lines[:i])
            if before >= 0.5 * total and tail <= max(800, total // 4):
                return i
            return None
    return None


def _trailing_block(lines: list[str]) -> int | None:
    """Index of the first line of a trailing furniture block, if any."""
    r = rules()
    start: int | None = None
    floor = len(lines) // 3  # the article's first third is never a footer
    for i in range(len(lines) - 1, floor - 1, -1):
        line = lines[i].strip()
        if not line:
            continue
        if len(line.split()) > r.footer_max_words or len(line) > MAX_TEST_CHARS:
            break
        folded = line.rstrip(" :|»›>").strip()
        if any(p.fullmatch(folded) for p in r.footer_starts):
            start = i
    return start


def clean_text(text: str) -> Cleaned:
    """Normalise characters and remove boilerplate; see the module docstring."""
    lines = [_MULTI_SPACE.sub(" ", line).strip() for line in normalise_chars(text).split("\n")]
    footer: list[str] = []
    cut = _footer_after_separator(lines)
    if cut is not None:
        footer.extend(x for x in lines[cut + 1:] if x)
        lines = lines[:cut]
    cut = _trailing_block(lines)
    if cut is not None:
        footer[:0] = [x for x in lines[cut:] if x]
        lines = lines[:cut]
    kept: list[str] = []
    removed: list[str] = []
    for line in lines:
        if line and is_boilerplate_line(line):
            removed.append(line)
            continue
        if not line and (not kept or not kept[-1]):
            continue  # at most one blank line in a row, none at the start
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return Cleaned(text="\n".join(kept), footer=footer, removed=removed)


def wall_page(text: str) -> str | None:
    """What a page is instead of an article ("a cookie notice"), or None when it has an article.

    A wall page (see `wall_patterns` in data/boilerplate.toml) is one whose
    every line is either a wall line or a short menu-like line, with at
    least one wall line; the name of the first wall kind found is returned
    for the error message. Long texts are never walls: only the first few
    lines of a text over the bound are even looked at.
    """
    r = rules()
    kind: str | None = None
    lines = [line.strip() for line in text.split("\n", 64) if line.strip()]
    if len(lines) > 60:
        return None
    for line in lines:
        if len(line) > MAX_TEST_CHARS:
            return None
        folded = line.rstrip(" .!:|»›>").strip()
        hit = next((what for what, pats in r.wall if any(p.fullmatch(folded) for p in pats)), None)
        if hit is None:
            if len(line.split()) >= r.wall_short_words:
                return None
            continue
        kind = kind or hit
    return kind
