"""The `claimgraph` command: one command per library function in claimgraph.api.

Every command takes `--db` (or $CLAIMGRAPH_DB; default ./claimgraph.db).
User errors print one line (`Error: …`) and exit non-zero; anything else
is a bug and keeps its traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from claimgraph import __version__, api, cli_analysis, cli_eval, cli_web
from claimgraph.errors import ClaimgraphError
from claimgraph.export.records import WHATS
from claimgraph.model import STATUSES
from claimgraph.store import DEFAULT_DB

console = Console()
err_console = Console(stderr=True)

db_option = click.option(
    "--db", envvar="CLAIMGRAPH_DB", default=DEFAULT_DB, show_default=True,
    help="SQLite file or database URL (postgresql://…). Also $CLAIMGRAPH_DB.",
)


class ClaimgraphGroup(click.Group):
    """Turns ClaimgraphError into a one-line message and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClaimgraphError as exc:
            err_console.print(f"[red]Error:[/red] {exc}", markup=True, highlight=False, soft_wrap=True)
            sys.exit(exc.exit_code)


@click.group(cls=ClaimgraphGroup)
@click.version_option(__version__, prog_name="claimgraph")
def main() -> None:
    """claimgraph: news articles → an evidence-graded knowledge graph.

    Who did what to whom and when (PLOVER events), who says so (attribution
    and status), and who agrees (claims compared across sources).
    """


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


# ---------------------------------------------------------------- ingest
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


@main.command()
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
        _echo_json(result.to_json())
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


@main.command()
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


# ---------------------------------------------------------------- queries
@main.command()
@db_option
@click.option("--limit", type=int, default=None)
@click.option("--json", "as_json", is_flag=True)
def documents(db: str, limit: int | None, as_json: bool) -> None:
    """List stored documents: id, outlet, author, published, title."""
    docs = api.documents(api.open_store(db), limit=limit)
    if as_json:
        _echo_json([d.summary() | {"author": d.author} for d in docs])
        return
    table = Table("id", "outlet", "author", "published", "title")
    for d in docs:
        table.add_row(d.id[:12], d.outlet or "", d.author or "", d.published.value if d.published else "unknown",
                      (d.title or "")[:70])
    console.print(table)


@main.command()
@click.argument("doc")
@db_option
@click.option("--json", "as_json", is_flag=True)
def show(doc: str, db: str, as_json: bool) -> None:
    """Show one document (id or unique id prefix): metadata and text."""
    store = api.open_store(db)
    d = api.document(store, doc)
    if as_json:
        _echo_json(d.summary() | {"author": d.author, "text": d.text, "meta": d.meta})
        return
    console.print(f"[bold]{d.title or '(no title)'}[/bold]", highlight=False)
    console.print(f"id {d.id}  outlet {d.outlet or '?'}  author {d.author or '?'}  "
                  f"published {d.published.value if d.published else 'unknown'}  origin {d.origin}", highlight=False)
    console.print()
    console.print(d.text, markup=False, highlight=False)


@main.command()
@db_option
@click.option("--actor", help="Actor as source or target: id (ISO code for states), name or alias.")
@click.option("--type", "type_", help="PLOVER event type, e.g. AID, ACCUSE.")
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--since", help="Event date from (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Event date until.")
@click.option("--document", help="Document id or prefix.")
@click.option("--limit", type=int, default=None)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines in the export schema.")
def events(db: str, actor: str | None, type_: str | None, status: str | None, since: str | None,
           until: str | None, document: str | None, limit: int | None, as_json: bool) -> None:
    """Who did what to whom, when — and who says so."""
    from claimgraph.export.records import Lookup, event_record

    store = api.open_store(db)
    evs = api.events(store, actor=actor, type=type_, status=status, since=since, until=until,
                     document=document, limit=limit)
    lk = Lookup(store)
    if as_json:
        for ev in evs:
            click.echo(json.dumps(event_record(ev, lk), ensure_ascii=False))
        return
    table = Table("date", "source", "type", "mode", "target", "status", "said by", "doc", show_lines=False)
    for ev in evs:
        said = ev.said_by or ev.said_by_text or ""
        table.add_row(ev.date.value if ev.date else "", ", ".join(ev.source), ev.type, ev.mode or "",
                      ", ".join(ev.target), ev.status, said, ev.document_id[:8])
    console.print(table)
    console.print(f"{len(evs)} event(s)", highlight=False)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True)
def summary(db: str, as_json: bool) -> None:
    """What the store holds: counts, event types and statuses, busiest actors, claims."""
    data = api.summary(api.open_store(db))
    if as_json:
        _echo_json(data)
        return
    c = data["counts"]
    console.print(f"[bold]{c['documents']}[/bold] documents, [bold]{c['actors']}[/bold] actors, "
                  f"[bold]{c['events']}[/bold] events, {c['attributions']} attributions, {c['timexes']} dates")
    if data["events_by_type"]:
        console.print("events by type:   " + ", ".join(f"{k} {v}" for k, v in data["events_by_type"].items()))
        console.print("events by status: " + ", ".join(f"{k} {v}" for k, v in data["events_by_status"].items()))
    if data["top_actors"]:
        console.print("busiest actors:   " + ", ".join(f"{a['name']} ({a['events']})" for a in data["top_actors"]),
                      highlight=False)
    claims = data.get("claims")
    if claims:
        links = ", ".join(f"{n} {k}" for k, v in claims["links"].items() for n in [v]) or "no links"
        console.print(f"claims:           {claims['claims']} ({links})", highlight=False)
        console.print("best supported:", highlight=False)
        for c in claims["best_supported"]:
            console.print(f"  {c['grade']}  {', '.join(c['source']) or '?'} —{c['type']}→ {', '.join(c['target']) or '?'}"
                          f"  ({len(c['sources'])} source(s): {', '.join(c['sources'][:3])})  [dim]{c['id'][:10]}[/dim]",
                          highlight=False)


# ---------------------------------------------------------------- export
@main.command()
@db_option
@click.option("--format", "fmt", default="jsonl", show_default=True,
              help="jsonl, csv, plover, ftm, graphml, gexf (or a plugin's format).")
@click.option("--what", type=click.Choice([*WHATS, "graph", "entities"]), default=None,
              help="What to export [default: events; for graphml/gexf the claim graph; for ftm every entity].")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Output file [default: stdout].")
def export(db: str, fmt: str, what: str | None, out: Path | None) -> None:
    """Export documents, events, actors, claims, attributions or time expressions."""
    from claimgraph import registry

    store = api.open_store(db)
    exporter = registry.get(registry.EXPORTERS, fmt)
    what = what or exporter.whats[0]
    binary = bool(getattr(exporter, "binary", False))
    if out is None:
        stream = sys.stdout.buffer if binary else sys.stdout
        n = api.export(store, fmt, stream, what=what)
    else:
        with out.open("wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as fh:
            n = api.export(store, fmt, fh, what=what)
    err_console.print(f"exported {n} {what} as {fmt}" + (f" to {out}" if out else ""), highlight=False)


# Commands that live beside their layer register themselves here.
for _module in (cli_eval, cli_analysis, cli_web):
    _module.register(main)

