"""Load a file's bytes safely and pick the reader for it.

Order matters: size is checked before reading (a 5 GB file is never
loaded), gzip is undone with a bound on the *output* so a small bomb cannot
fill memory, and binary content is refused before any reader guesses at
it. `--max-bytes` therefore limits both the file on disk and what it
decompresses to.
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
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
# Called with a plain file's first bytes and its size before the rest is read; raises to refuse it.
HeadCheck = Callable[[bytes, int], None]


@dataclass(slots=True)
class Loaded:
    """A file's decompressed bytes; `cut` says the gzip stream ended early.

    A cut stream still yields everything before the cut: a WARC or JSON Lines
    file holds whole records up to there, and throwing them away would lose
    what a plain (uncompressed) copy of the same file keeps.
    """

    data: bytes
    cut: InputError | None = None


def gunzip_partial(path: Path, data: bytes, limit: int) -> Loaded:
    """All gzip members of `data` (at most `limit` bytes of output), and whether the stream was cut."""
    out: list[bytes] = []
    total = 0
    rest = data
    cut: InputError | None = None
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
            cut = truncated(path, "gzip", f"corrupt compressed data after {total:,} bytes ({exc})")
            break
        if not dec.eof:
            cut = truncated(path, "gzip", f"stream ends early after {total:,} decompressed bytes")
            break
        rest = dec.unused_data
    return Loaded(b"".join(out), cut)


def gunzip(path: Path, data: bytes, limit: int) -> bytes:
    """All gzip members of `data`, refusing more than `limit` bytes of output or a cut stream."""
    loaded = gunzip_partial(path, data, limit)
    if loaded.cut is not None:
        raise loaded.cut
    return loaded.data


def _read_regular(path: Path, max_bytes: int, check_head: HeadCheck | None) -> bytes:
    """Up to `max_bytes + 1` bytes of a regular file, never opening anything else.

    O_NONBLOCK and the check on the *opened* descriptor mean a FIFO or device
    put in the file's place after the folder walk cannot block or flood us.
    `check_head(head, size)` sees the first SNIFF_BYTES before the rest is
    read, so a file its reader would refuse for its size is never loaded.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise unreadable(path, exc.strerror or str(exc)) from exc
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(path, "not a regular file; only files and folders are read")
        if st.st_size == 0:
            raise empty_file(path)
        if st.st_size > max_bytes:
            raise too_large(path, st.st_size, max_bytes)
        try:
            head = fh.read(SNIFF_BYTES)
            if check_head is not None and not head.startswith(GZIP_MAGIC):
                check_head(head, st.st_size)
            fh.seek(0)  # one read of the whole file: `head + rest` would hold it twice
            return fh.read(max_bytes + 1)
        except OSError as exc:
            raise unreadable(path, exc.strerror or str(exc)) from exc


def _blank(data: bytes) -> bool:
    """Empty or only ASCII whitespace, without `strip()`'s copy of a large file."""
    return not data or data.isspace()


def load_partial(path: Path, max_bytes: int, check_head: HeadCheck | None = None) -> Loaded:
    """The file's content, decompressed (with any cut reported, not raised); InputError for empty/huge files."""
    data = _read_regular(path, max_bytes, check_head)
    if len(data) > max_bytes:
        raise too_large(path, len(data), max_bytes)
    loaded = Loaded(data)
    if data.startswith(GZIP_MAGIC):
        loaded = gunzip_partial(path, data, max_bytes)
        del data
        if _blank(loaded.data):
            raise loaded.cut or empty_file(path)
    elif _blank(data):
        raise empty_file(path)
    return loaded


def load(path: Path, max_bytes: int) -> bytes:
    """The file's content, decompressed; InputError for empty/huge/broken files."""
    loaded = load_partial(path, max_bytes)
    if loaded.cut is not None:
        raise loaded.cut
    return loaded.data


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
