"""RSS and Atom feed files: every entry with content or a summary is an article.

Feed entries carry HTML fragments, too short and too bare for trafilatura's
page-level boilerplate detection, so they are flattened here with lxml:
block elements become line breaks, scripts and styles are dropped. The
feed's own title is the outlet unless an entry names another source.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
from lxml.etree import ParserError

from claimgraph.errors import no_article, unreadable
from claimgraph.ingest.readers import RawArticle, ReadItem, extension
from claimgraph.model import DateValue

FEED_EXTENSIONS = frozenset({".rss", ".atom", ".xml", ".rdf", ".feed"})
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")
_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"})


def fragment_text(fragment: str) -> str:
    """An HTML fragment → text with one paragraph per block element."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment.strip()
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _entry_date(entry: Any) -> DateValue | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return DateValue(time.strftime("%Y-%m-%d", parsed), "day")
    return None


def _entry_body(entry: Any) -> str:
    best = ""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if len(value) > len(best):
            best = value
    if not best:
        best = entry.get("summary") or entry.get("description") or ""
    return fragment_text(best)


class FeedReader:
    """Reads RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom feed files."""

    name = "feed"

    def sniff(self, path: Path, head: bytes) -> float:
        low = head[:2048].lower()
        if any(marker in low for marker in _FEED_MARKERS):
            return 0.95
        return 0.1 if extension(path) in FEED_EXTENSIONS and low.lstrip().startswith(b"<?xml") else 0.0

    def read(self, path: Path, data: bytes) -> Iterator[ReadItem]:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
        entries = parsed.get("entries") or []
        if not entries:
            if parsed.get("bozo"):
                raise unreadable(path, f"malformed feed ({type(parsed.get('bozo_exception')).__name__})")
            raise no_article(path, "feed has no entries")
        outlet = (parsed.get("feed") or {}).get("title") or None
        for number, entry in enumerate(entries, start=1):
            text = _entry_body(entry)
            link = entry.get("link") or entry.get("id") or None
            if not text:
                yield no_article(f"{path} [entry {number}{' ' + link if link else ''}]", "entry has no content or summary")
                continue
            source = (entry.get("source") or {}).get("title")
            yield RawArticle(
                text=text,
                title=(entry.get("title") or "").strip() or None,
                url=link,
                origin=link,
                outlet=source or outlet,
                author=(entry.get("author") or "").strip() or None,
                published=_entry_date(entry),
                format=self.name,
                infer_metadata=False,
            )
