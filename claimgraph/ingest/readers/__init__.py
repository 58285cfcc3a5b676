"""The reader contract: how a file format turns bytes into articles.

Readers are found through the `claimgraph.readers` entry-point group (see
claimgraph/registry.py), the built-in five included, so a plugin adds a
format by declaring one class. Ingest asks every reader how confident it is
that it can read a file (`sniff`, from content *and* name, because
extensions lie and content alone is ambiguous: a `.txt` may hold JSON
Lines), then hands the file's bytes to the most confident one.

`read` yields `RawArticle`s; a bad *record* inside a many-article file
(one JSON line, one WARC record) is yielded as an `InputError` so the rest
of the file still ingests, while an error that spoils the whole file is
raised.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from claimgraph.errors import InputError, undecodable
from claimgraph.model import DateValue


@dataclass(slots=True)
class RawArticle:
    """An article as a reader found it: text plus whatever metadata the format carries.

    `published` may be a string (to be parsed later, with its precision
    kept) or an already-built DateValue. `infer_metadata` says whether the
    text itself should be searched for headline/byline/footer metadata —
    true for plain text, false when the format already carried structured
    metadata (HTML, feeds) and the text is a body without a header.
    """

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | DateValue | None = None
    format: str = "text"
    infer_metadata: bool = True
    origin: str | None = None  # overrides the file path as Document.origin
    meta: dict[str, Any] = field(default_factory=dict)


ReadItem = RawArticle | InputError


@runtime_checkable
class Reader(Protocol):
    """What every reader class provides (instantiated with no arguments)."""

    name: str

    def sniff(self, path: Path, head: bytes) -> float:
        """Confidence in [0, 1] that this reader can read the file; 0 = no."""
        ...

    def read(self, path: Path, data: bytes) -> Iterator[ReadItem]:
        """Articles (and per-record errors) in the file's decompressed bytes."""
        ...


def logical_name(path: Path) -> str:
    """File name without a compression suffix: `a.warc.gz` → `a.warc`."""
    name = path.name.lower()
    return name[:-3] if name.endswith(".gz") else name


def extension(path: Path) -> str:
    """The extension that describes the content (`.warc` for `a.warc.gz`)."""
    name = logical_name(path)
    dot = name.rfind(".")
    return name[dot:] if dot > 0 else ""


def decode_utf8(path: str | Path, data: bytes) -> str:
    """Strict UTF-8 (a BOM is dropped; UTF-16 with a BOM is accepted).

    Strict, because silently replacing bytes would store a mangled text
    whose hash and offsets then look authoritative.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise undecodable(path, f"bad UTF-16 at byte {exc.start}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise undecodable(path, f"invalid byte 0x{data[exc.start]:02x} at offset {exc.start}") from exc


__all__ = ["RawArticle", "ReadItem", "Reader", "decode_utf8", "extension", "logical_name"]
