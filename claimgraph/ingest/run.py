"""`ingest_paths`: files → cleaned, dated, deduplicated documents in the store.

Each document is committed on its own (Store.add_document is one
transaction) and its id is the hash of its cleaned text, so a run killed
at any point leaves a consistent database and running it again adds
exactly what is missing. Bad input never stops the run: it becomes one
InputError ("PATH: reason") in the report and the next file is read. Even
a bug in a reader costs only its file (an InputError flagged `internal`,
traceback kept, so the CLI can exit EXIT_CRASH after the rest is stored);
a store failure is not the file's fault and does stop the run.

Metadata precedence, weakest first: what the text layout suggests
(headline, byline, footer) < what the format carries (HTML meta, JSON
fields, feed entries) < manifest CSV < sidecar `.meta.json` < the
--outlet/--published options.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph import registry
from claimgraph.errors import (
    InputError,
    UsageError,
    article_too_large,
    internal_error,
    no_article,
    printable,
    too_deep,
)
from claimgraph.ingest.clean import clean_text, wall_page
from claimgraph.ingest.dates import parse_date
from claimgraph.ingest.detect import choose_reader, load_partial
from claimgraph.ingest.metadata import TextMeta, infer, tidy
from claimgraph.ingest.paths import expand_paths
from claimgraph.ingest.readers import RawArticle
from claimgraph.ingest.sidecar import Manifest, load_manifest, read_sidecar
from claimgraph.model import DateValue, Document, document_id
from claimgraph.store import Store

MULTI_ARTICLE_FORMATS = frozenset({"warc", "feed", "jsonl"})
# Formats whose records end visibly, so a cut (gzip) file keeps the records before the cut.
RECORD_FORMATS = frozenset({"warc", "jsonl"})
# One article's bytes (for readers with `one_article = True`); see _refuse_big_article.
MAX_ARTICLE_BYTES = 5_000_000


@dataclass
class IngestOptions:
    max_bytes: int = 10_000_000
    outlet: str | None = None  # --outlet override
    published: str | None = None  # --published override (ISO date string)
    manifest: Path | None = None  # CSV: path/file,title,outlet,author,published,url
    strict: bool = False


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)  # document ids newly stored
    duplicates: list[str] = field(default_factory=list)  # origins whose content hash was already stored
    errors: list[InputError] = field(default_factory=list)  # one per bad file/record: "PATH: reason"
    files: int = 0  # files looked at
    undated: list[str] = field(default_factory=list)  # ids of added docs stored with published unknown
    skipped: list[str] = field(default_factory=list)  # paths from which nothing was stored (each has an error)
    bad_records: int = 0  # errors in files that still stored something (a bad JSON line, a cut WARC record)
    partly_read: list[str] = field(default_factory=list)  # the files those bad records are in

    @property
    def internal(self) -> list[InputError]:
        """Errors that are bugs met while reading, not bad input (the CLI exits EXIT_CRASH)."""
        return [e for e in self.errors if e.internal]


@dataclass
class _Context:
    store: Store
    options: IngestOptions
    readers: dict[str, Any]
    manifest: Manifest | None
    published: DateValue | None
    report: IngestReport
    stored: int = 0  # articles of the current file that are now in the store (added or known)


def _as_date(value: str | DateValue | None) -> DateValue | None:
    if value is None or isinstance(value, DateValue):
        return value
    return parse_date(value)


def _merge(fields: dict[str, Any], extra: dict[str, Any], override: bool) -> None:
    for key, value in extra.items():
        if value in (None, ""):
            continue
        if override or fields.get(key) in (None, ""):
            fields[key] = value


def build_document(ctx: _Context, path: Path, raw: RawArticle, given: dict[str, str], reader: str) -> Document:
    """One RawArticle → the Document to store (cleaned text, merged metadata)."""
    origin = printable(raw.origin or os.path.abspath(path))
    cleaned = clean_text(raw.text)
    if not cleaned.text.strip():
        raise no_article(origin, "nothing left after removing page furniture")
    wall = wall_page(cleaned.text)
    if wall:
        raise no_article(origin, f"the page is only {wall}")
    inferred = infer(cleaned) if raw.infer_metadata else TextMeta()
    fields: dict[str, Any] = {
        "title": inferred.title, "author": inferred.author, "outlet": inferred.outlet,
        "published": inferred.published, "url": None, "language": None,
    }
    _merge(fields, {"title": raw.title, "author": raw.author, "outlet": raw.outlet,
                    "published": raw.published, "url": raw.url}, override=True)
    _merge(fields, given, override=reader not in MULTI_ARTICLE_FORMATS)
    if ctx.options.outlet:
        fields["outlet"] = ctx.options.outlet
    if ctx.published is not None:
        fields["published"] = ctx.published
    meta: dict[str, Any] = {"file": printable(os.path.abspath(path))}
    published = _as_date(fields["published"])
    if fields["published"] is not None and published is None:
        meta["published_unparsed"] = str(fields["published"])[:200]
    if fields["url"]:
        meta["url"] = fields["url"]
    if cleaned.removed or cleaned.footer:
        meta["boilerplate_lines"] = len(cleaned.removed) + len(cleaned.footer)
    return Document(
        id=document_id(cleaned.text),
        text=cleaned.text,
        origin=origin,
        outlet=tidy(fields["outlet"]),
        author=tidy(fields["author"]),
        title=tidy(fields["title"]),
        published=published,
        language=fields["language"] or "en",
        format=reader,
        meta=meta,
    )


def _given_metadata(ctx: _Context, path: Path) -> dict[str, str]:
    given = ctx.manifest.lookup(path) if ctx.manifest else {}
    given.update(read_sidecar(path))  # the sidecar is the more specific of the two
    return given


def _refuse_big_article(path: Path, reader: Any, size: int) -> None:
    """A one-article reader gets at most its own bound (MAX_ARTICLE_BYTES by default).

    --max-bytes bounds a *file*, and a WARC or JSON Lines export of thousands
    of articles may rightly be large; one article of 100 MB is not an
    article, and decoding, cleaning and storing it would need many times
    its size in memory.
    """
    if getattr(reader, "one_article", False):
        limit = int(getattr(reader, "max_article_bytes", MAX_ARTICLE_BYTES))
        if size > limit:
            raise article_too_large(path, size, limit)


def _complete_lines(data: bytes) -> bytes:
    """What a cut stream of lines holds before its last, unfinished line."""
    end = data.rfind(b"\n")
    return data[: end + 1] if end >= 0 else b""


def _items(ctx: _Context, path: Path, stage: list[str]) -> Iterator[Document | InputError]:
    """Documents and per-record errors of one file; raises InputError when the whole file is bad.

    `stage` is told which reader is at work, so a bug can be blamed on it.
    """
    given = _given_metadata(ctx, path)

    def check_head(head: bytes, size: int) -> None:
        _refuse_big_article(path, choose_reader(path, head, ctx.readers), size)

    loaded = load_partial(path, ctx.options.max_bytes, check_head)
    reader = choose_reader(path, loaded.data, ctx.readers)
    stage[0] = f"the {reader.name} reader"
    data = loaded.data
    if loaded.cut is not None:
        if reader.name not in RECORD_FORMATS:
            raise loaded.cut  # half an article would be stored as if it were whole
        if reader.name == "jsonl":
            data = _complete_lines(data)
    _refuse_big_article(path, reader, len(data))
    found = 0  # articles and per-record errors: a file that yields neither has no article
    for item in reader.read(path, data):  # a reader may raise after its good records (a cut WARC)
        found += 1
        if isinstance(item, InputError):
            yield item
            continue
        try:
            built: Document | InputError = build_document(ctx, path, item, given, reader.name)
        except InputError as exc:
            built = exc
        yield built
    if loaded.cut is not None:
        yield loaded.cut
    elif found == 0:
        raise no_article(path, f"the {reader.name} reader found no articles in it")


def _ingest_file(ctx: _Context, path: Path) -> list[InputError]:
    """Store one file's articles; returns its errors. Store failures propagate: they are not the file's fault."""
    errors: list[InputError] = []
    stage = ["ingest"]
    items = _items(ctx, path, stage)
    while True:
        try:
            item = next(items, None)
        except InputError as exc:
            errors.append(exc)
            break
        except RecursionError as exc:  # a library recursing over a pathological structure
            errors.append(too_deep(path, "content"))
            errors[-1].__cause__ = exc
            break
        except Exception as exc:  # a bug in a reader (ours or a plugin's): one file lost, not the run
            err = internal_error(path, stage[0], exc)
            err.detail = traceback.format_exc()
            errors.append(err)
            break
        if item is None:
            break
        if isinstance(item, InputError):
            errors.append(item)
        elif ctx.store.add_document(item):
            ctx.report.added.append(item.id)
            ctx.stored += 1
            if item.published is None:
                ctx.report.undated.append(item.id)
        else:
            ctx.report.duplicates.append(item.origin)
            ctx.stored += 1
    return errors


def ingest_paths(
    paths: Sequence[str | Path],
    store: Store,
    options: IngestOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest files, folders (recursive) and globs into `store`; see the module docstring.

    `progress` is called with each file's path once that file is done.
    """
    options = options or IngestOptions()
    if options.max_bytes <= 0:
        raise UsageError(f"--max-bytes must be positive, not {options.max_bytes}")
    published = None
    if options.published:
        published = parse_date(options.published)
        if published is None:
            raise UsageError(f"--published {options.published!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    manifest = load_manifest(options.manifest) if options.manifest else None
    readers = {name: cls() for name, cls in registry.get_all(registry.READERS).items()}
    report = IngestReport()
    ctx = _Context(store, options, readers, manifest, published, report)
    files, errors = expand_paths(paths, skip=[options.manifest] if options.manifest else [])
    report.errors.extend(errors)
    report.skipped.extend(e.path for e in errors)
    for path in files:
        report.files += 1
        ctx.stored = 0
        found = _ingest_file(ctx, path)
        name = printable(path)
        for err in found:
            err.file = name
        report.errors.extend(found)
        if found and ctx.stored == 0:
            report.skipped.append(name)
        elif found:
            report.bad_records += len(found)
            report.partly_read.append(name)
        if progress is not None:
            progress(name)
    return report
