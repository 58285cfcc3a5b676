"""`claimgraph ingest` and `claimgraph extract`: files into the store, text into events."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from claimgraph import api
from claimgraph.cli.common import console, db_option, echo_json, err_console, esc, open_existing
from claimgraph.errors import EXIT_CRASH, EXIT_ERROR, EXIT_OK, EXIT_STRICT


class _RichProgress:
    """A progress bar per stage (reading files, extracting documents, analysing), on stderr."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("{task.description:<11}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), TextColumn("{task.fields[item]}", style="dim", markup=False),
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
@click.option("--scheduler", metavar="local|tcp://HOST:PORT", default=None,
              help="Run extraction on Dask: 'local' starts a LocalCluster, tcp://HOST:PORT uses a running "
                   "scheduler (docs/scale.md). Default: local processes.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of --scheduler local [default: all cores].")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Documents per Dask task [default: 16]; smaller spreads a small corpus over more workers.")
@click.option("--no-extract", is_flag=True, help="Only store the documents; run `claimgraph extract` later.")
@click.option("--strict", is_flag=True, help="Exit 3 if any file or record was skipped or failed extraction.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest(paths: tuple[str, ...], db: str, outlet: str | None, published: str | None, manifest: Path | None,
           max_bytes: int, processes: int | None, scheduler: str | None, workers: int | None,
           batch_size: int | None, no_extract: bool,
           strict: bool, quiet: bool, as_json: bool) -> None:
    """Ingest articles from files, folders (recursive) and globs.

    Formats are detected from content and extension: plain text, HTML, WARC,
    RSS/Atom, JSON Lines, and their .gz variants. Re-ingesting the same text
    adds nothing. Creates the store if it does not exist.

    A bad file (or record) is named with its reason and skipped; the rest of
    the run goes on. Exit 0 when something was stored (or was already), 1
    when nothing could be, 3 with --strict when anything was skipped, 70 on a
    bug (the other files are still read first).
    """
    from claimgraph.ingest import IngestOptions
    from claimgraph.nlp.extract import default_processes

    options = IngestOptions(max_bytes=max_bytes, outlet=outlet, published=published, manifest=manifest, strict=strict)
    api.check_scheduler(scheduler, workers, batch_size)
    store = api.open_store(db)
    show_progress = not quiet and not as_json and sys.stderr.isatty()
    bar = _RichProgress() if show_progress else None
    try:
        result = api.ingest(paths, store, options=options, processes=processes or default_processes(),
                            extract_text=not no_extract, progress=bar, scheduler=scheduler, workers=workers,
                            batch_size=batch_size)
    finally:
        if bar:
            bar.stop()
    for error in result.errors:
        err_console.print(f"[yellow]skipped[/yellow] {esc(error)}", markup=True, highlight=False, soft_wrap=True)
    for error in result.extraction_errors:
        err_console.print(f"[red]extraction error[/red] {esc(error)}", markup=True, highlight=False, soft_wrap=True)
    crashed = [e for e in result.errors if e.internal]
    for error in crashed:
        sys.stderr.write(error.detail)
    if as_json:
        echo_json(result.to_json())
    elif not quiet:
        console.print(_summary_line(result), highlight=False, soft_wrap=True)
        if result.undated:
            console.print(f"{len(result.undated)} document(s) have no publication date (stored as unknown): "
                          + ", ".join(d[:12] for d in result.undated), highlight=False)
        if result.extracted:
            stats = store.stats()
            console.print(f"extracted {len(result.extracted)} document(s); store now holds {stats['documents']} "
                          f"documents, {stats['actors']} actors, {stats['events']} events", highlight=False)
    sys.exit(_exit_code(result, strict))


def _summary_line(result: api.IngestResult) -> str:
    """Counts files, not records: a JSON Lines file with three bad lines is one file read, not three skipped."""
    msg = f"{len(result.added)} document(s) added"
    if result.duplicates:
        msg += f", {len(result.duplicates)} already known (same text)"
    if result.skipped:
        msg += f", {len(result.skipped)} file(s) skipped"
    if result.bad_records:
        msg += f", {result.bad_records} bad record(s) in {len(result.partly_read)} file(s) that were read"
    return msg


def _exit_code(result: api.IngestResult, strict: bool) -> int:
    """The documented codes (see `claimgraph --help`): a bug beats "nothing stored" beats --strict."""
    if any(e.internal for e in result.errors):
        return EXIT_CRASH
    if not result.added and not result.duplicates:
        return EXIT_ERROR
    if strict and (result.errors or result.extraction_errors):
        return EXIT_STRICT
    return EXIT_OK


@click.command()
@db_option
@click.option("--all", "redo", is_flag=True, help="Re-extract every document, not only pending ones.")
@click.option("--processes", type=click.IntRange(min=1), default=None, help="Worker processes [default: all cores].")
@click.option("--scheduler", metavar="local|tcp://HOST:PORT", default=None,
              help="Run extraction on Dask: 'local' starts a LocalCluster, tcp://HOST:PORT uses a running "
                   "scheduler (docs/scale.md). Default: local processes.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of --scheduler local [default: all cores].")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Documents per Dask task [default: 16]; smaller spreads a small corpus over more workers.")
def extract(db: str, redo: bool, processes: int | None, scheduler: str | None, workers: int | None,
            batch_size: int | None) -> None:
    """Run (or re-run) extraction over stored documents, then update claims."""
    from claimgraph.nlp.extract import default_processes

    api.check_scheduler(scheduler, workers, batch_size)
    store = open_existing(db)
    done, errors = api.extract(store, processes=processes or default_processes(), redo=redo, scheduler=scheduler,
                               workers=workers, batch_size=batch_size)
    analysis = api.analyze(store, None if redo else done)
    for e in errors:
        err_console.print(f"[red]extraction error[/red] {esc(e)}", markup=True, highlight=False, soft_wrap=True)
    console.print(f"extracted {len(done)} document(s)" + (f"; {analysis}" if analysis else ""), highlight=False)


def register(group: click.Group) -> None:
    group.add_command(ingest)
    group.add_command(extract)
