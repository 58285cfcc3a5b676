"""JSON Lines: one article per line (text, title, url, outlet, author, published).

A bad line is an error for that line only ("PATH:LINE: reason") and the
rest of the file still ingests: a crawler's export with one mangled record
should not cost the other thousand. The record's `url`, when present, is
the document origin (DESIGN §6).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimgraph.errors import InputError, too_deep, undecodable
from claimgraph.ingest.readers import RawArticle, ReadItem, decode_utf8, extension

JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson", ".jsonlines"})
FIELDS = ("title", "url", "outlet", "author", "published")
MAX_LINE_CHARS = 5_000_000  # bytes of one record; the file as a whole is bounded by --max-bytes


def _first_line(head: bytes) -> bytes:
    for line in head.splitlines():
        if line.strip():
            return line.strip()
    return b""


def _text_field(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and key == "published":
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"field {key!r} must be a string, not {type(value).__name__}")
    return value.strip() or None


class JsonlReader:
    """Reads JSON Lines files of article records."""

    name = "jsonl"

    def sniff(self, path: Path, head: bytes) -> float:
        first = _first_line(head.lstrip(b"\xef\xbb\xbf"))
        known = extension(path) in JSONL_EXTENSIONS
        if first.startswith(b"{"):
            # A whole first line that parses as an object is near-proof; a
            # first line cut by the sniff window still counts as likely.
            try:
                json.loads(first)
                return 0.9
            except RecursionError:  # an object nested absurdly deep is still a JSON line (a bad one)
                return 0.9
            except ValueError:
                return 0.8 if known else 0.35
        return 0.4 if known else 0.0

    def read(self, path: Path, data: bytes) -> Iterator[ReadItem]:
        for number, raw in _lines(path, data):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            if len(raw) > MAX_LINE_CHARS:
                yield InputError(where, f"line of {len(raw):,} bytes is over the record limit")
                continue
            try:
                line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            except UnicodeDecodeError as exc:
                yield undecodable(where, f"invalid byte 0x{raw[exc.start]:02x} at column {exc.start + 1}")
                continue
            try:
                record = json.loads(line)
            except RecursionError:
                yield too_deep(where, "JSON")
                continue
            except ValueError as exc:
                yield InputError(where, f"invalid JSON ({getattr(exc, 'msg', exc)} at column {getattr(exc, 'colno', '?')})")
                continue
            if not isinstance(record, dict):
                yield InputError(where, f"expected a JSON object, got {type(record).__name__}")
                continue
            try:
                body = _text_field(record, "text")
                fields = {key: _text_field(record, key) for key in FIELDS}
            except ValueError as exc:
                yield InputError(where, str(exc))
                continue
            if not body:
                yield InputError(where, "no article text (missing or empty \"text\" field)")
                continue
            yield RawArticle(
                text=body,
                format=self.name,
                infer_metadata=True,
                origin=fields["url"] or where,
                **fields,
            )


def _lines(path: Path, data: bytes) -> Iterator[tuple[int, bytes | str]]:
    """(number, line) one at a time, split on "\\n" only.

    One line at a time, so a large export is never decoded or split whole
    (a 100 MB file would otherwise be held three or four times over); and
    on "\\n" only, because U+2028 and friends may stand raw inside a JSON
    string, where `str.splitlines` would cut the record in two.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM: rare enough to decode whole
        for number, line in enumerate(decode_utf8(path, data).split("\n"), start=1):
            yield number, line.rstrip("\r")
        return
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    number = 0
    size = len(data)
    while start < size:
        number += 1
        end = data.find(b"\n", start)
        if end < 0:
            end = size
        yield number, data[start:end].rstrip(b"\r")
        start = end + 1
