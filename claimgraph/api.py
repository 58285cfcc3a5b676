"""The library entry points. The CLI is a thin layer over these.

    from claimgraph import api
    store = api.open_store("corpus.db")
    result = api.ingest(["articles/"], store)
    for event in api.events(store, actor="ISR", type="AID"):
        ...
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from claimgraph import registry
from claimgraph.errors import InputError, UnknownPlace, UsageError
from claimgraph.model import Document, Event, Place
from claimgraph.store import Store

__all__ = [
    "IngestResult", "open_store", "ingest", "extract", "analyze", "documents", "document",
    "events", "export", "exporters", "summary", "check", "read_claims", "resolve_place", "resolve_country",
]

MAX_CHECK_FILE_BYTES = 20_000_000  # --file: one claim a line; a bound, not a format limit
MAX_CHECK_CLAIMS = 100_000


DEFAULT_KM = 50.0
MAX_KM = 20_000.0  # half the Earth's circumference: every place is nearer than this


def open_store(db: str | Path | None = None, *, create: bool = True) -> Store:
    """`db`: a SQLite path, a SQLAlchemy URL, or None for $CLAIMGRAPH_DB / ./claimgraph.db.

    `create=False` raises StoreError when there is no store there yet (what reading commands want).
    """
    return Store.open(db, create=create)


class ProgressSink(Protocol):
    """Where long runs report progress: a stage with its size, then one call per item done."""

    def start(self, stage: str, total: int | None) -> None: ...

    def advance(self, stage: str, item: str) -> None: ...


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    files: int = 0
    skipped: list[str] = field(default_factory=list)  # files from which nothing was stored
    bad_records: int = 0  # errors inside files that still stored something
    partly_read: list[str] = field(default_factory=list)  # those files
    extracted: list[str] = field(default_factory=list)
    extraction_errors: list[str] = field(default_factory=list)
    analysis: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "added": len(self.added),
            "duplicates": len(self.duplicates),
            "errors": [str(e) for e in self.errors],
            "skipped_files": len(self.skipped),
            "bad_records": self.bad_records,
            "undated": self.undated,
            "extracted": len(self.extracted),
            "extraction_errors": self.extraction_errors,
            "analysis": self.analysis,
            "documents": self.added,
        }


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    *,
    options: Any = None,
    processes: int = 1,
    extract_text: bool = True,
    progress: ProgressSink | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    batch_size: int | None = None,
) -> IngestResult:
    """Read, store, extract, analyse. Each stage resumes where an interrupted run stopped.

    Extraction and analysis each cover every document still pending — not
    only the ones added now — so a run killed at any point is finished by the
    next run, and concurrent runs share the work (store/work.py). `scheduler`
    runs the extraction on Dask (see `extract`).
    """
    check_scheduler(scheduler, workers, batch_size)
    from claimgraph.ingest import ingest_paths
    from claimgraph.ingest.paths import expand_paths

    if progress:
        progress.start("reading", len(expand_paths(paths)[0]))
    report = ingest_paths(paths, store, options, progress=(lambda p: progress.advance("reading", p)) if progress else None)
    result = IngestResult(
        added=report.added, duplicates=report.duplicates, errors=report.errors,
        undated=report.undated, files=report.files, skipped=report.skipped, bad_records=report.bad_records,
        partly_read=report.partly_read,
    )
    if extract_text:
        from claimgraph.nlp.extract import extractor_version

        if progress:
            progress.start("extracting", len(store.document_ids(pending_only=True, extractor_version=extractor_version())))
        result.extracted, result.extraction_errors = extract(
            store, processes=processes, progress=(lambda d: progress.advance("extracting", d)) if progress else None,
            scheduler=scheduler, workers=workers, batch_size=batch_size,
        )
    if progress:
        progress.start("analysing", None)
    # Even with --no-extract: extractions a killed run left unanalysed are finished here.
    result.analysis = analyze(store, result.extracted)
    return result


def extract(
    store: Store, *, processes: int = 1, redo: bool = False, progress: Callable[[str], None] | None = None,
    scheduler: str | None = None, workers: int | None = None, batch_size: int | None = None,
) -> tuple[list[str], list[str]]:
    """Run the NLP pipeline over documents that need it; returns (ids done, errors).

    `scheduler=None` uses `processes` local processes; "local" a Dask LocalCluster of
    `workers` processes; "tcp://HOST:PORT" an existing Dask cluster, `batch_size` documents
    per Dask task. Either way this process writes every record to the store.
    """
    from claimgraph.nlp.extract import extract_pending

    check_scheduler(scheduler, workers, batch_size)
    runner = None
    if scheduler is not None:
        from claimgraph.nlp.pipeline import MODEL
        from claimgraph.scale import DaskRunner
        from claimgraph.scale.cluster import BATCH

        runner = DaskRunner(scheduler, MODEL, workers=workers, batch=batch_size or BATCH)
    return extract_pending(store, processes=processes, redo=redo, progress=progress, runner=runner)


def check_scheduler(scheduler: str | None, workers: int | None, batch_size: int | None = None) -> None:
    """Refuse bad --scheduler/--workers/--batch-size values before reading a file (Dask is imported only if used)."""
    if scheduler is None and workers is None and batch_size is None:
        return
    from claimgraph.scale import check_scheduler as check

    check(scheduler, workers, batch_size)


def analyze(store: Store, document_ids: Sequence[str] | None = None) -> dict[str, Any]:
    """Bring resolution, claims, links and grades up to date; returns counts for the summary.

    `document_ids=None` rebuilds everything. Otherwise every document the
    store lists as pending analysis is analysed — the ids given and any a
    killed or concurrent run extracted — so nothing extracted is left out.
    """
    from claimgraph.analysis import run

    return run.finish(store, full=document_ids is None)


def documents(store: Store, limit: int | None = None) -> list[Document]:
    return store.documents(limit=limit)


def document(store: Store, ident: str) -> Document:
    return store.get_document(ident)


def resolve_actor(store: Store, text: str) -> list[str]:
    """Actor ids a user means by `text`: an id, a name or an alias (case-insensitive),
    plus every id merged into the same actor by cross-document resolution."""
    from claimgraph.store.claims import ClaimStore

    wanted = text.strip().casefold()
    actors = store.actors()
    hits = {a.id for a in actors if a.id.casefold() == wanted}
    if not hits:
        hits = {a.id for a in actors if wanted in (n.casefold() for n in [a.name, *a.aliases])}
    if not hits:
        return [text]
    merges = ClaimStore(store).merges()
    canonical = {merges[h].canonical_id if h in merges else h for h in hits}
    members = {aid for aid, m in merges.items() if m.canonical_id in canonical}
    return sorted(canonical | members | hits)


def events(store: Store, *, actor: str | None = None, near: str | None = None, km: float = DEFAULT_KM,
           country: str | None = None, **filters: Any) -> list[Event]:
    """Filters: actor (id, name or alias), type, status, since, until, document, limit;
    and by place: `country` (ISO alpha-3 or a state's name), `near` a place within `km`."""
    placed = place_filter(store, near=near, km=km, country=country)
    if placed is not None:
        limit = filters.pop("limit", None)
        out = [e for e in events(store, actor=actor, **filters) if e.id in placed]
        return out[:limit] if limit else out
    if not actor:
        return store.events(**filters)
    limit = filters.pop("limit", None)
    seen: dict[str, Event] = {}
    for actor_id in resolve_actor(store, actor):
        for ev in store.events(actor=actor_id, **filters):
            seen.setdefault(ev.id, ev)
    out = sorted(seen.values(), key=lambda e: (e.document_id, e.sentence.start, e.id))
    return out[:limit] if limit else out


def resolve_place(text: str) -> Place:
    """A place a user names ("Aleppo", "Tripoli, Libya") or a point ("36.2,37.16"), from the gazetteer.

    Raises UnknownPlace when it is not in the gazetteer, or names several places with
    nothing to tell them apart.
    """
    import re

    from claimgraph.ontology.gazetteer import MAX_PHRASE_CHARS, gazetteer

    text = text.strip()
    if not text or len(text) > MAX_PHRASE_CHARS:
        raise UnknownPlace(text[:40], f"a place name of 1 to {MAX_PHRASE_CHARS} characters is expected")
    point = re.fullmatch(r"(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)", text)
    if point:
        lat, lon = float(point[1]), float(point[2])
        if abs(lat) > 90 or abs(lon) > 180:
            raise UnknownPlace(text, "latitude must be within ±90 and longitude within ±180")
        return Place(text, 0, "", None, None, lat, lon, "exact")
    place = gazetteer().resolve(text)
    if place is None:
        raise UnknownPlace(text, "not in the gazetteer (towns over 15,000 people, states, US states) or "
                                 "shared by places on several continents; name its country too, as in "
                                 "'Tripoli, Libya', or give 'LAT,LON'")
    return place


def resolve_country(text: str) -> str:
    """ISO alpha-3 code of a state given by code ("SYR") or name ("Syria")."""
    from claimgraph.ontology.gazetteer import gazetteer

    gz = gazetteer()
    if gz.country(text.strip()) is not None:
        return text.strip().upper()
    place = gz.resolve(text) if text.strip() else None
    if place is None or place.precision != "country":
        raise UnknownPlace(text, "not a state: give an ISO 3166-1 alpha-3 code (SYR, ISR) or a state's name")
    return place.country


def place_filter(store: Store, *, near: str | None = None, km: float = DEFAULT_KM,
                 country: str | None = None) -> set[str] | None:
    """Ids of the events placed in `country` and/or within `km` of `near`; None when neither is asked.

    Events placed only at country precision are never "near" anything: their point is the
    capital standing for the whole state, so `--near Damascus` does not sweep up every
    event somewhere in Syria (use `--country` for those).
    """
    from claimgraph.ontology.gazetteer import distance_km
    from claimgraph.store.places import PlaceStore

    if near is None and country is None:
        return None
    ps = PlaceStore(store)
    ids: set[str] | None = None
    if country is not None:
        ids = ps.event_ids_in_country(resolve_country(country))
    if near is not None:
        if not 0 < km <= MAX_KM:
            raise UsageError(f"--km must be more than 0 and at most {MAX_KM:,.0f}, not {km:g}")
        centre = resolve_place(near)
        if centre.precision == "country":
            raise UsageError(f"{near!r} is a state, not a place to be near; use --country {centre.country}")
        assert centre.lat is not None and centre.lon is not None
        close = {ep.event_id for ep in ps.within_box(centre.lat, centre.lon, km)
                 if ep.place.precision != "country" and ep.place.lat is not None and ep.place.lon is not None
                 and distance_km(centre.lat, centre.lon, ep.place.lat, ep.place.lon) <= km}
        ids = close if ids is None else ids & close
    return ids


def exporters() -> list[str]:
    return registry.names(registry.EXPORTERS)


def export(store: Store, fmt: str, out: IO[Any], what: str = "events") -> int:
    """Write `what` in format `fmt` to `out`; returns the number of records."""
    exporter = registry.get(registry.EXPORTERS, fmt)()
    if what not in exporter.whats:
        raise UsageError(f"format {fmt!r} cannot export {what!r}; it exports: {', '.join(exporter.whats)}")
    return int(exporter.export(store, what, out))


def summary(store: Store, top: int = 8) -> dict[str, Any]:
    """What was found, in numbers an analyst reads first."""
    from collections import Counter

    evs = store.events()
    actors = {a.id: a for a in store.actors()}
    by_actor: Counter[str] = Counter()
    for ev in evs:
        for a in {*ev.source, *ev.target}:
            by_actor[a] += 1
    out: dict[str, Any] = {
        "counts": store.stats(),
        "events_by_type": dict(Counter(e.type for e in evs).most_common()),
        "events_by_status": dict(Counter(e.status for e in evs).most_common()),
        "top_actors": [
            {"id": a, "name": actors[a].name if a in actors else a, "events": n} for a, n in by_actor.most_common(top)
        ],
    }
    out["claims"] = claims_summary(store, top=top)
    return out


def claims_summary(store: Store, top: int = 5) -> dict[str, Any]:
    """Claims, links by kind, grades, and the best-supported claims (independent support, then specificity)."""
    from collections import Counter

    from claimgraph.store.claims import ClaimStore

    cs = ClaimStore(store)
    stored = cs.claims()
    claims = [sc.claim for sc in stored]
    if not claims:
        return {}
    links = Counter(kind for _a, _b, kind, _why in cs.all_links())
    from claimgraph.analysis.track import ledger_order

    best = [sc.claim for sc in sorted(stored, key=ledger_order)[:top]]
    return {
        "claims": len(claims),
        "links": dict(links.most_common()),
        "credibility": dict(sorted(Counter(c.grade.credibility for c in claims).items())),
        "best_supported": [
            {"id": c.id, "source": c.source, "type": c.type, "target": c.target, "grade": c.grade.code,
             "sources": c.independent_sources}
            for c in best
        ],
    }


def read_claims(path: str | Path) -> list[str]:
    """Claims from a text file, one a line (blank lines skipped); every bad line is named in one error."""
    from claimgraph.analysis.stance import MAX_CLAIM_CHARS

    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_CHECK_FILE_BYTES:
            raise InputError(p, f"{size:,} bytes is over the limit of {MAX_CHECK_FILE_BYTES:,} bytes for a claims file")
        text = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(p, "file not found") from exc
    except IsADirectoryError as exc:
        raise InputError(p, "is a folder, not a file of claims") from exc
    except UnicodeDecodeError as exc:
        raise InputError(p, f"not valid UTF-8 text (byte {exc.start})") from exc
    claims, too_long = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if len(line) > MAX_CLAIM_CHARS:
            too_long.append(number)
        claims.append(line)
    if too_long:
        raise InputError(p, f"line(s) {', '.join(map(str, too_long[:10]))} longer than {MAX_CLAIM_CHARS} characters: "
                            "a claim is a sentence or two")
    if len(claims) > MAX_CHECK_CLAIMS:
        raise InputError(p, f"{len(claims):,} claims is over the limit of {MAX_CHECK_CLAIMS:,} per run")
    return claims


def check(store: Store, claims: Sequence[str]) -> list[dict[str, Any]]:
    """What the stored documents say about each claim: agree, disagree or discuss, with evidence.

    One record per claim, in input order: `{"claim", "documents": [{"document": {"id", "origin",
    "outlet"}, "stance", "evidence": [{"text", "start", "end"}], "claims": [ids]}]}`. A stored
    document not listed is unrelated to that claim.
    """
    from claimgraph.analysis.check import check as run_check
    from claimgraph.analysis.stance import MAX_CLAIM_CHARS

    for c in claims:
        if not c.strip():
            raise UsageError("an empty claim: give the claim's words")
        if len(c) > MAX_CLAIM_CHARS:
            raise UsageError(f"a claim of {len(c):,} characters is over the limit of {MAX_CLAIM_CHARS}")
    return run_check(store, list(claims))
