"""`claimgraph ingest` and `claimgraph extract`: files into the store, text into events."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from claimgraph import api
from claimgraph.cli.common import console, db_option, echo_json, err_console


class _RichProgress:
    """A progress bar per stage (reading files, extracting documents, analysing), on stderr."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("{task.description:<11}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), TextColumn("[dim]{task.fields[item]}"),
                                 console=err_console, transient=True)
        self.tasks: dict[str, Any] = {}
        self.progress.start()

    def start(self, stage: str, total: int | None) -> None:
        self.tasks[stage] = self.progress.add_task(stage, total=total, item="")

    def advance(self, stage: str, item: str) -> None:
        if stage in self.tasks:
            self.progress.update(self.tasks[stage], advance=1, item=item[-50:])

    def stop(self) -> None:
        self.progress.stop()


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--outlet", help="Outlet name for every ingested article (overrides detection).")
@click.option("--published", help="Publication date (YYYY-MM-DD, YYYY-MM or YYYY) for every article.")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV with per-file metadata: path,title,outlet,author,published,url.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=10_000_000, show_default=True,
              help="Files larger than this are reported and skipped.")
@click.option("--processes", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction [default: all cores].")
@click.option("--no-extract", is_flag=True, help="Only store the documents; run `claimgraph extract` later.")
@click.option("--strict", is_flag=True, help="Exit non-zero if any file could not be ingested.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest(paths: tuple[str, ...], db: str, outlet: str | None, published: str | None, manifest: Path | None,
           max_bytes: int, processes: int | None, no_extract: bool, strict: bool, quiet: bool, as_json: bool) -> None:
    """Ingest articles from files, folders (recursive) and globs.

    Formats are detected from content and extension: plain text, HTML, WARC,
    RSS/Atom, JSON Lines, and their .gz variants. Re-ingesting the same text
    adds nothing.
    """
    from claimgraph.ingest import IngestOptions
    from claimgraph.nlp.extract import default_processes

    options = IngestOptions(max_bytes=max_bytes, outlet=outlet, published=published, manifest=manifest, strict=strict)
    store = api.open_store(db)
    show_progress = not quiet and not as_json and sys.stderr.isatty()
    bar = _RichProgress() if show_progress else None
    try:
        result = api.ingest(paths, store, options=options, processes=processes or default_processes(),
                            extract_text=not no_extract, progress=bar)
    finally:
        if bar:
            bar.stop()
    for error in result.errors:
        err_console.print(f"[yellow]skipped[/yellow] {error}", highlight=False, soft_wrap=True)
    for error in result.extraction_errors:
        err_console.print(f"[red]extraction error[/red] {error}", highlight=False, soft_wrap=True)
    if as_json:
        echo_json(result.to_json())
    elif not quiet:
        msg = f"{len(result.added)} document(s) added"
        if result.duplicates:
            msg += f", {len(result.duplicates)} already known (same text)"
        if result.errors:
            msg += f", {len(result.errors)} file(s) skipped"
        console.print(msg, highlight=False)
        if result.undated:
            console.print(f"{len(result.undated)} document(s) have no publication date (stored as unknown): "
                          + ", ".join(d[:12] for d in result.undated), highlight=False)
        if result.extracted:
            stats = store.stats()
            console.print(f"extracted {len(result.extracted)} document(s); store now holds {stats['documents']} "
                          f"documents, {stats['actors']} actors, {stats['events']} events", highlight=False)
    if (not result.added and not result.duplicates) or (strict and (result.errors or result.extraction_errors)):
        sys.exit(1)


@click.command()
@db_option
@click.option("--all", "redo", is_flag=True, help="Re-extract every document, not only pending ones.")
@click.option("--processes", type=click.IntRange(min=1), default=None, help="Worker processes [default: all cores].")
def extract(db: str, redo: bool, processes: int | None) -> None:
    """Run (or re-run) extraction over stored documents, then update claims."""
    from claimgraph.nlp.extract import default_processes

    store = api.open_store(db)
    done, errors = api.extract(store, processes=processes or default_processes(), redo=redo)
    analysis = api.analyze(store, None if redo else done)
    for e in errors:
        err_console.print(f"[red]extraction error[/red] {e}", highlight=False)
    console.print(f"extracted {len(done)} document(s)" + (f"; {analysis}" if analysis else ""), highlight=False)


def register(group: click.Group) -> None:
    group.add_command(ingest)
    group.add_command(extract)
