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

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from claimgraph.errors import InputError, no_article, truncated
from claimgraph.ingest.readers import RawArticle, ReadItem
from claimgraph.ingest.readers.html import decode_html, extract_html, looks_like_html

# The record types of WARC 1.0/1.1; any other is a damaged or foreign header, reported, not skipped.
WARC_TYPES = frozenset({"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion",
                        "continuation"})


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
        """Records in order; each is held back until the next is found, because warcio only notices
        a record's bad Content-Length when it looks for the record after it."""
        archive = ArchiveIterator(io.BytesIO(data), arc2warc=True)
        records = iter(archive)
        held: tuple[str, ReadItem | None] | None = None  # (where, what the previous record gave)
        number = 0
        while True:
            errors_before = archive.err_count
            try:
                with contextlib.redirect_stderr(io.StringIO()):  # warcio writes its warnings there
                    record = next(records, None)
                    if record is not None:
                        payload = record.content_stream().read()
            except (ArchiveLoadFailed, AttributeError, ValueError, EOFError) as exc:
                if held is not None:
                    yield from self._release(held, number, archive.err_count > errors_before)
                raise self._failure(path, number, exc) from exc
            if held is not None:
                yield from self._release(held, number, archive.err_count > errors_before)
            if record is None:
                return
            number += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#record{number - 1}"
            if getattr(record.raw_stream, "limit", 0):
                raise truncated(path, "WARC", f"record {number} ({uri}) is cut short")
            held = (f"{path} [{uri}]", self._record(path, number, uri, record, payload))

    @staticmethod
    def _release(held: tuple[str, ReadItem | None], number: int, overran: bool) -> Iterator[ReadItem]:
        """The previous record's article, or an error when warcio found its end in the wrong place."""
        where, item = held
        if overran:
            yield InputError(where, f"record {number} is not followed by a blank line (its Content-Length is "
                                    "wrong); its content is not trusted")
        elif item is not None:
            yield item

    def _record(self, path: Path, number: int, uri: str, record: Any, payload: bytes) -> ReadItem | None:
        rec_type = record.rec_type
        if rec_type not in WARC_TYPES:
            what = f"an unknown WARC-Type {rec_type!r}" if rec_type else "no WARC-Type"
            return InputError(f"{path} [{uri}]", f"record {number} has {what}; not read")
        if rec_type not in ("response", "resource") or not _status_ok(record):
            return None
        return self._article(path, uri, _content_type(record), payload)

    @staticmethod
    def _failure(path: Path, number: int, exc: BaseException) -> InputError:
        if isinstance(exc, ArchiveLoadFailed):
            first = str(exc).split("first line:", 1)[-1].strip()[:80]
            return InputError(path, f"bad WARC record header after record {number} (first line {first})")
        # warcio fails on a header block cut in the middle with these.
        return truncated(path, "WARC", f"unreadable after record {number} ({type(exc).__name__})")

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

