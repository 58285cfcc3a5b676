"""Metadata given beside the articles: `article.meta.json` sidecars and a manifest CSV.

An analyst often knows better than the text: the outlet of a pasted
article, the date a PDF was printed. These files say so explicitly and
therefore override what the reader or the text layout suggested — fully
for a file that is one article, and only as defaults (filling gaps) for a
file of many (a JSON Lines export, a WARC), where one title for every
record would be wrong.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.errors import InputError, UsageError, too_deep, unreadable
from claimgraph.ingest.readers import logical_name

FIELDS = ("title", "outlet", "author", "published", "url", "language")
MAX_SIDECAR_BYTES = 1_000_000
SIDECAR_SUFFIX = ".meta.json"


def sidecar_paths(path: Path) -> list[Path]:
    """`a.txt` → [`a.meta.json`, `a.txt.meta.json`]; `a.warc.gz` → [`a.warc.meta.json`, …]."""
    name = logical_name(path)
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return [path.with_name(stem + SIDECAR_SUFFIX), path.with_name(path.name + SIDECAR_SUFFIX)]


def _fields(where: str | Path, data: object) -> dict[str, str]:
    if not isinstance(data, dict):
        raise InputError(where, "metadata must be a JSON object")
    out: dict[str, str] = {}
    for key in FIELDS:
        value = data.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, (str, int)):
            raise InputError(where, f"field {key!r} must be a string")
        out[key] = str(value).strip()
    return out


def read_sidecar(path: Path) -> dict[str, str]:
    """Fields of the article's sidecar, {} when there is none."""
    for candidate in sidecar_paths(path):
        try:
            st = candidate.stat()
        except OSError:  # absent, or a name too long to exist (an article name of 246-255 bytes)
            continue
        if not stat.S_ISREG(st.st_mode):
            continue  # a FIFO would block the read
        if st.st_size > MAX_SIDECAR_BYTES:
            raise InputError(candidate, f"sidecar over {MAX_SIDECAR_BYTES:,} bytes")
        try:
            with candidate.open("rb") as fh:
                raw = fh.read(MAX_SIDECAR_BYTES + 1)
            data = json.loads(raw.decode("utf-8"))
        except OSError as exc:
            raise unreadable(candidate, exc.strerror or str(exc)) from exc
        except RecursionError as exc:
            raise too_deep(candidate, "sidecar JSON") from exc
        except (UnicodeDecodeError, ValueError) as exc:
            raise InputError(candidate, f"sidecar is not valid JSON ({exc})") from exc
        return _fields(candidate, data)
    return {}


@dataclass(slots=True)
class Manifest:
    """Rows of a manifest CSV, looked up by path (relative to the CSV) or file name."""

    path: Path
    by_path: dict[Path, dict[str, str]] = field(default_factory=dict)
    by_name: dict[str, dict[str, str] | None] = field(default_factory=dict)

    def lookup(self, file: Path) -> dict[str, str]:
        row = self.by_path.get(Path(os.path.realpath(file)))
        if row is None:
            row = self.by_name.get(file.name)  # None when the name is ambiguous
        return dict(row) if row else {}


def load_manifest(path: Path) -> Manifest:
    """Parse `path,title,outlet,author,published,url` rows ("file" is accepted for "path")."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"--manifest {path}: {exc.strerror or exc}") from exc
    if len(raw) > 50 * MAX_SIDECAR_BYTES:
        raise UsageError(f"--manifest {path}: file too large")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"--manifest {path}: not valid UTF-8") from exc
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower(): c for c in (reader.fieldnames or [])}
    key = columns.get("path") or columns.get("file")
    if key is None:
        raise UsageError(f"--manifest {path}: needs a 'path' (or 'file') column; has {sorted(columns)}")
    manifest = Manifest(path=path)
    base = Path(os.path.realpath(path)).parent
    for row in reader:
        name = (row.get(key) or "").strip()
        if not name:
            continue
        values = {f: (row.get(columns[f]) or "").strip() for f in FIELDS if f in columns}
        values = {k: v for k, v in values.items() if v}
        manifest.by_path[Path(os.path.realpath(base / name))] = values
        short = Path(name).name
        manifest.by_name[short] = None if short in manifest.by_name else values
    return manifest
