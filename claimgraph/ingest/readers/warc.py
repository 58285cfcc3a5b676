"""WARC archives: every HTML or plain-text response record is one article.

The record's WARC-Target-URI becomes the document origin, so two crawls of
the same page dedupe by content while keeping where each came from. Only
successful (2xx) `response` records and `resource` records are read;
requests, metadata, revisits and redirects carry no article.

Gzipped WARCs are decompressed by ingest before they get here (a truncated
.warc.gz is reported there); a plain WARC cut short is detected here from
the record's declared length, and the records before the cut still ingest.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from claimgraph.errors import InputError, no_article, truncated
from claimgraph.ingest.readers import RawArticle, ReadItem
from claimgraph.ingest.readers.html import decode_html, extract_html, looks_like_html


def _content_type(record: object) -> str:
    http = getattr(record, "http_headers", None)
    value = http.get_header("Content-Type") if http is not None else None
    if not value:
        value = record.rec_headers.get_header("Content-Type")  # type: ignore[attr-defined]
    return (value or "").split(";", 1)[0].strip().lower()


def _status_ok(record: object) -> bool:
    http = getattr(record, "http_headers", None)
    if http is None:
        return True
    code = (http.get_statuscode() or "").strip()
    return code.startswith("2")


class WarcReader:
    """Reads response/resource records of a WARC file."""

    name = "warc"

    def sniff(self, path: Path, head: bytes) -> float:
        if head.startswith(b"WARC/"):
            return 1.0
        return 0.0

    def read(self, path: Path, data: bytes) -> Iterator[ReadItem]:
        seen = 0
        try:
            for index, record in enumerate(ArchiveIterator(io.BytesIO(data), arc2warc=True)):
                seen = index + 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#record{index}"
                payload = record.content_stream().read()
                if getattr(record.raw_stream, "limit", 0):
                    raise truncated(path, "WARC", f"record {index + 1} ({uri}) is cut short")
                if record.rec_type not in ("response", "resource") or not _status_ok(record):
                    continue
                item = self._article(path, uri, _content_type(record), payload)
                if item is not None:
                    yield item
        except InputError:
            raise
        except (ArchiveLoadFailed, AttributeError, ValueError, EOFError) as exc:
            # warcio fails on a header block cut in the middle with these.
            raise truncated(path, "WARC", f"unreadable after record {seen} ({type(exc).__name__})") from exc

    def _article(self, path: Path, uri: str, ctype: str, payload: bytes) -> ReadItem | None:
        where = f"{path} [{uri}]"
        if ctype in ("text/html", "application/xhtml+xml") or (not ctype and looks_like_html(payload[:4096])):
            try:
                art = extract_html(where, decode_html(where, payload), url=uri, fmt=self.name)
            except InputError as exc:
                return exc
        elif ctype == "text/plain":
            try:
                text = payload.decode("utf-8")
            except UnicodeDecodeError:
                return InputError(where, "text/plain payload is not valid UTF-8")
            if not text.strip():
                return no_article(where, "empty payload")
            art = RawArticle(text=text, format=self.name, infer_metadata=True)
        else:
            return None  # images, scripts, styles: not articles, not errors
        art.url = uri
        art.origin = uri
        return art

