"""HTML pages: article body and metadata via trafilatura.

trafilatura finds the main text (boilerplate, navigation and comments
removed) and the page's title, author, date and site name. Comments are
left out on purpose: they are readers talking, not the article, and on the
extraction benchmark excluding them raises F1 (0.953 → 0.966).

The date search is kept to what the page states about itself (metadata,
time elements): the "extensive" heuristics may take a copyright year and
turn it into a January-1st date, a precision the page never claimed.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import trafilatura

from claimgraph.errors import no_article, undecodable
from claimgraph.ingest.readers import RawArticle, ReadItem, decode_utf8, extension
from claimgraph.model import DateValue

HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"})
# Markers looked for in the first few KB, lower-cased; bounded patterns only.
_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<div", b"<p>", b"<meta ")
_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def decode_html(path: str | Path, data: bytes) -> str:
    """Bytes → str honouring a declared charset; undeclared means UTF-8, strictly.

    A page that declares its charset gets lenient decoding (real pages
    often carry a stray bad byte); one that declares nothing and is not
    UTF-8 is reported rather than guessed at.
    """
    found = _CHARSET.search(data[:4096])
    if found:
        name = found.group(1).decode("ascii", "replace")
        try:
            codecs.lookup(name)
        except LookupError:
            name = "utf-8"
        return data.decode(name, errors="replace")
    return decode_utf8(path, data)


def _clean_field(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def extract_html(path: str | Path, html: str, url: str | None = None, fmt: str = "html") -> RawArticle:
    """One page → RawArticle, or InputError(no_article) when there is no body."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            with_metadata=True,
            date_extraction_params={
                "extensive_search": False,
                "original_date": True,
                "max_date": date.today().isoformat(),  # an upper bound only, never a value
            },
        )
    except (ValueError, TypeError, AttributeError) as exc:  # lxml chokes on some garbage
        raise no_article(path, f"HTML could not be parsed ({type(exc).__name__})") from exc
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise no_article(path, "no main text in the HTML page")
    published: DateValue | None = None
    raw_date = _clean_field(getattr(doc, "date", None))
    if raw_date and _ISO_DAY.fullmatch(raw_date):
        published = DateValue(raw_date, "day")
    return RawArticle(
        text=text,
        title=_clean_field(getattr(doc, "title", None)),
        url=url or _clean_field(getattr(doc, "url", None)),
        outlet=_clean_field(getattr(doc, "sitename", None)),
        author=_clean_field(getattr(doc, "author", None)),
        published=published,
        format=fmt,
        infer_metadata=False,
    )


def looks_like_html(head: bytes) -> bool:
    low = head[:4096].lstrip().lower()
    return any(marker in low for marker in _MARKERS)


class HtmlReader:
    """Reads one HTML page as one article."""

    name = "html"
    one_article = True
    max_article_bytes = 20_000_000  # markup, scripts and inline images weigh far more than the text

    def sniff(self, path: Path, head: bytes) -> float:
        low = head[:4096].lstrip().lower()
        if low.startswith((b"<!doctype html", b"<html")):
            return 0.95
        if looks_like_html(head):
            return 0.8 if extension(path) in HTML_EXTENSIONS else 0.6
        return 0.3 if extension(path) in HTML_EXTENSIONS else 0.0

    def read(self, path: Path, data: bytes) -> Iterator[ReadItem]:
        html = decode_html(path, data)
        if not html.strip():
            raise undecodable(path, "no HTML content")
        yield extract_html(path, html, fmt=self.name)
