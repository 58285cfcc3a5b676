"""Which files an ingest looks at: files, folders (recursive) and globs.

Hidden files and folders (".git", ".DS_Store"), metadata sidecars
(`*.meta.json`) and the manifest are never articles, so a folder walk skips
them; a file named explicitly is always read. The order is sorted and
duplicates are dropped, so two runs over the same tree see the same
sequence (which is what makes an interrupted run resumable).

A folder is a tree someone else built, so nothing in it may stop the walk
or pass unnoticed: a symbolic link loop, a dangling link, a FIFO (opening
one would block forever), a socket or a device each becomes one InputError
naming it, and the walk goes on. Links to folders are followed once each;
a link back to an enclosing folder is a loop. Nothing here calls
`Path.resolve()`, which raises RuntimeError on a loop.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from claimgraph.errors import InputError, dangling_link, not_regular, symlink_loop, unreadable
from claimgraph.ingest.sidecar import SIDECAR_SUFFIX

_GLOB_CHARS = frozenset("*?[")
_KINDS = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
          (stat.S_ISBLK, "block device"))


def kind_of(mode: int) -> str:
    """What a non-regular, non-folder file is, in words."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "special file"


def real_key(path: str | os.PathLike[str]) -> str:
    """A path's canonical form for deduplication; never raises (a loop stays as it is)."""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.abspath(path)


def _stat(path: str) -> os.stat_result | InputError:
    """`os.stat` following links, or the InputError that says why it cannot be followed."""
    try:
        return os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return symlink_loop(path, "the link resolves back to itself")
        if os.path.islink(path) and exc.errno in (errno.ENOENT, errno.ENOTDIR):
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            return dangling_link(path, target)
        return unreadable(path, exc.strerror or str(exc))
    except ValueError as exc:  # an embedded NUL from a glob pattern
        return unreadable(path, str(exc))


class _Walker:
    """One depth-first walk: files out, errors collected, each real folder entered once."""

    def __init__(self, skip: set[str]) -> None:
        self.skip = skip
        self.errors: list[InputError] = []
        self.entered: set[tuple[int, int]] = set()

    def walk(self, folder: str, st: os.stat_result, ancestors: frozenset[tuple[int, int]]) -> Iterator[Path]:
        key = (st.st_dev, st.st_ino)
        if key in ancestors:
            self.errors.append(symlink_loop(folder, "a link back to an enclosing folder"))
            return
        if key in self.entered:
            return  # reached again through another link: its files are already listed
        self.entered.add(key)
        ancestors = ancestors | {key}
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.errors.append(unreadable(folder, exc.strerror or str(exc)))
            return
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name.endswith(SIDECAR_SUFFIX):
                continue
            found = _stat(entry.path)
            if isinstance(found, InputError):
                self.errors.append(found)
            elif stat.S_ISDIR(found.st_mode):
                yield from self.walk(entry.path, found, ancestors)
            elif not stat.S_ISREG(found.st_mode):
                self.errors.append(not_regular(entry.path, kind_of(found.st_mode)))
            elif real_key(entry.path) not in self.skip:
                yield Path(entry.path)


def _one(given: str, walker: _Walker, found: list[Path], *, from_glob: bool) -> None:
    st = _stat(given)
    if isinstance(st, InputError):
        if not os.path.lexists(given):
            walker.errors.append(InputError(given, "no such file or folder"))
        else:
            walker.errors.append(st)
    elif stat.S_ISDIR(st.st_mode):
        found.extend(walker.walk(given, st, frozenset()))
    elif not stat.S_ISREG(st.st_mode):
        walker.errors.append(not_regular(given, kind_of(st.st_mode)))
    elif not (from_glob and given.endswith(SIDECAR_SUFFIX)) and real_key(given) not in walker.skip:
        found.append(Path(given))


def expand_paths(
    paths: Sequence[str | os.PathLike[str]], skip: Sequence[str | os.PathLike[str]] = ()
) -> tuple[list[Path], list[InputError]]:
    """Files to read, in a stable order, plus an error per path that names nothing readable."""
    walker = _Walker({real_key(p) for p in skip})
    found: list[Path] = []
    for given in paths:
        text = os.fspath(given)
        if not os.path.lexists(text) and _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                walker.errors.append(InputError(text, "no files match this pattern"))
            for match in matches:
                _one(match, walker, found, from_glob=True)
        else:
            _one(text, walker, found, from_glob=False)
    seen: set[str] = set()
    unique: list[Path] = []
    for path in found:
        key = real_key(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique, walker.errors
