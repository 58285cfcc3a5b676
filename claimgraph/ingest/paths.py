"""Which files an ingest looks at: files, folders (recursive) and globs.

Hidden files and folders (".git", ".DS_Store"), metadata sidecars
(`*.meta.json`) and the manifest are never articles, so a folder walk skips
them; a file named explicitly is always read. The order is sorted and
duplicates are dropped, so two runs over the same tree see the same
sequence (which is what makes an interrupted run resumable).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.ingest.sidecar import SIDECAR_SUFFIX

_GLOB_CHARS = frozenset("*?[")


def _walk(folder: Path, skip: set[Path]) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith(SIDECAR_SUFFIX):
                continue
            path = Path(root) / name
            if path.resolve() not in skip and path.is_file():
                yield path


def expand_paths(paths: Sequence[str | Path], skip: Iterable[Path] = ()) -> tuple[list[Path], list[InputError]]:
    """Files to read, in a stable order, plus an error per path that names nothing."""
    skip_set = {Path(p).resolve() for p in skip}
    found: list[Path] = []
    errors: list[InputError] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(_walk(path, skip_set))
        elif path.is_file():
            found.append(path)
        elif _GLOB_CHARS & set(str(given)):
            matches = sorted(glob.glob(str(given), recursive=True))
            if not matches:
                errors.append(InputError(given, "no files match this pattern"))
            for match in matches:
                m = Path(match)
                if m.is_dir():
                    found.extend(_walk(m, skip_set))
                elif m.is_file() and not m.name.endswith(SIDECAR_SUFFIX) and m.resolve() not in skip_set:
                    found.append(m)
        else:
            errors.append(InputError(given, "no such file or folder"))
    seen: set[Path] = set()
    unique: list[Path] = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique, errors
