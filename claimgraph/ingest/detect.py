"""Load a file's bytes safely and pick the reader for it.

Order matters: size is checked before reading (a 5 GB file is never
loaded), gzip is undone with a bound on the *output* so a small bomb cannot
fill memory, and binary content is refused before any reader guesses at
it. `--max-bytes` therefore limits both the file on disk and what it
decompresses to.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from claimgraph.errors import InputError, binary_file, empty_file, too_large, truncated, unreadable
from claimgraph.ingest.readers import extension

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 8192
# Magic numbers of formats that are certainly not articles we read.
_BINARY_MAGIC = (
    b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf",
    b"\x7fELF", b"MZ", b"RIFF", b"OggS", b"ID3", b"\x00\x00\x00",
)
_CHUNK = 1 << 16


def gunzip(path: Path, data: bytes, limit: int) -> bytes:
    """All gzip members of `data`, refusing more than `limit` bytes of output."""
    out: list[bytes] = []
    total = 0
    rest = data
    while rest:
        if not rest.startswith(GZIP_MAGIC):
            break  # trailing garbage/padding after the last member, as gzip(1) tolerates
        dec = zlib.decompressobj(wbits=31)
        buf = rest
        try:
            while True:
                piece = dec.decompress(buf, _CHUNK)
                total += len(piece)
                if total > limit:
                    raise too_large(path, total, limit)
                out.append(piece)
                buf = dec.unconsumed_tail
                if dec.eof or (not buf and not piece):
                    break
        except zlib.error as exc:
            raise truncated(path, "gzip", f"corrupt compressed data ({exc})") from exc
        if not dec.eof:
            raise truncated(path, "gzip", f"stream ends early after {total:,} decompressed bytes")
        rest = dec.unused_data
    return b"".join(out)


def load(path: Path, max_bytes: int) -> bytes:
    """The file's content, decompressed; InputError for empty/huge/broken files."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise unreadable(path, exc.strerror or str(exc)) from exc
    if size == 0:
        raise empty_file(path)
    if size > max_bytes:
        raise too_large(path, size, max_bytes)
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise unreadable(path, exc.strerror or str(exc)) from exc
    if len(data) > max_bytes:
        raise too_large(path, len(data), max_bytes)
    if data.startswith(GZIP_MAGIC):
        data = gunzip(path, data, max_bytes)
        if not data:
            raise empty_file(path)
    if not data.strip():
        raise empty_file(path)
    return data


def looks_binary(head: bytes) -> bool:
    """NUL bytes, a known binary magic number, or mostly control bytes."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text with a byte-order mark (it has NULs)
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        return True
    sample = head[:4096]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(4, len(sample) // 20)


def choose_reader(path: Path, data: bytes, readers: Mapping[str, Any]) -> Any:
    """The reader most confident about this file; InputError if none is."""
    head = data[:SNIFF_BYTES]
    best, best_score = None, 0.0
    for name in sorted(readers):
        reader = readers[name]
        try:
            score = float(reader.sniff(path, head))
        except Exception:  # a plugin's broken sniff must not stop the ingest
            continue
        if score > best_score:
            best, best_score = reader, score
    if best is None or best_score <= 0.0:
        if looks_binary(head):
            raise binary_file(path)
        ext = extension(path) or "no extension"
        raise InputError(path, f"no reader for this kind of file ({ext}); known formats: {', '.join(sorted(readers))}")
    if best_score < 0.9 and looks_binary(head):
        raise binary_file(path)
    return best
