"""`ingest_paths`: files → cleaned, dated, deduplicated documents in the store.

Each document is committed on its own (Store.add_document is one
transaction) and its id is the hash of its cleaned text, so a run killed
at any point leaves a consistent database and running it again adds
exactly what is missing. Bad input never stops the run: it becomes one
InputError ("PATH: reason") in the report and the next file is read.

Metadata precedence, weakest first: what the text layout suggests
(headline, byline, footer) < what the format carries (HTML meta, JSON
fields, feed entries) < manifest CSV < sidecar `.meta.json` < the
--outlet/--published options.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph import registry
from claimgraph.errors import InputError, UsageError, no_article
from claimgraph.ingest.clean import clean_text
from claimgraph.ingest.dates import parse_date
from claimgraph.ingest.detect import choose_reader, load
from claimgraph.ingest.metadata import TextMeta, infer, tidy
from claimgraph.ingest.paths import expand_paths
from claimgraph.ingest.readers import RawArticle
from claimgraph.ingest.sidecar import Manifest, load_manifest, read_sidecar
from claimgraph.model import DateValue, Document, document_id
from claimgraph.store import Store

MULTI_ARTICLE_FORMATS = frozenset({"warc", "feed", "jsonl"})


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


@dataclass
class _Context:
    store: Store
    options: IngestOptions
    readers: dict[str, Any]
    manifest: Manifest | None
    published: DateValue | None
    report: IngestReport


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
    origin = raw.origin or os.path.abspath(path)
    cleaned = clean_text(raw.text)
    if not cleaned.text.strip():
        raise no_article(origin, "nothing left after removing page furniture")
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
    meta: dict[str, Any] = {"file": os.path.abspath(path)}
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


def _ingest_file(ctx: _Context, path: Path) -> None:
    given = _given_metadata(ctx, path)
    data = load(path, ctx.options.max_bytes)
    reader = choose_reader(path, data, ctx.readers)
    found = 0  # articles and per-record errors: a file that yields neither has no article
    for item in reader.read(path, data):
        found += 1
        if isinstance(item, InputError):
            ctx.report.errors.append(item)
            continue
        try:
            doc = build_document(ctx, path, item, given, reader.name)
        except InputError as exc:
            ctx.report.errors.append(exc)
            continue
        if ctx.store.add_document(doc):
            ctx.report.added.append(doc.id)
            if doc.published is None:
                ctx.report.undated.append(doc.id)
        else:
            ctx.report.duplicates.append(doc.origin)
    if found == 0:
        raise no_article(path, f"the {reader.name} reader found no articles in it")


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
    for path in files:
        report.files += 1
        try:
            _ingest_file(ctx, path)
        except InputError as exc:
            report.errors.append(exc)
        if progress is not None:
            progress(str(path))
    return report
