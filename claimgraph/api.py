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
from claimgraph.dates import bounds, filter_bounds
from claimgraph.errors import InputError, UnknownActor, UnknownPlace, UsageError
from claimgraph.model import Document, Event, Place
from claimgraph.store import Store, queries
from claimgraph.store.queries import MAX_LIMIT, ActorRow, Page
from claimgraph.store.search import Hit

__all__ = [
    "IngestResult", "open_store", "ingest", "extract", "analyze", "documents", "document",
    "events", "export", "exporters", "summary", "check", "read_claims", "resolve_place", "resolve_country",
    "Page", "documents_page", "events_page", "actors_page", "claims_page", "timeline", "search", "actor_ids",
    "suggest_actors", "MAX_LIMIT", "review_event", "merge_actors", "split_actor", "decisions_page",
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

    if document_ids:
        store.analysis_needed(document_ids)
    return run.finish(store, full=document_ids is None)


def documents(store: Store, limit: int | None = None) -> list[Document]:
    return store.documents(limit=limit)


def document(store: Store, ident: str) -> Document:
    return store.get_document(ident)


def resolve_actor(store: Store, text: str) -> list[str]:
    """Actor ids a user means by `text`: an id, a name or an alias (case-insensitive),
    plus every id merged into the same actor by cross-document resolution.
    An actor the store does not know is itself (see `actor_ids` for the strict form)."""
    return actor_ids(store, text, strict=False)


def actor_ids(store: Store, text: str, strict: bool = True) -> list[str]:
    """Like `resolve_actor`, but an unknown actor is an error naming the closest known ones."""
    from claimgraph.store.claims import ClaimStore

    hits = set(queries.actor_ids_matching(store, text))
    if not hits:
        if strict:
            raise UnknownActor(text, suggest_actors(store, text))
        return [text]
    merges = ClaimStore(store).merges()
    canonical = {merges[h].canonical_id if h in merges else h for h in hits}
    members = {aid for aid, m in merges.items() if m.canonical_id in canonical}
    return sorted(canonical | members | hits)


def suggest_actors(store: Store, text: str, n: int = 5) -> list[str]:
    """"Name (id)" of the known actors closest to `text`: spelling first, then containment."""
    import difflib

    spellings: dict[str, str] = {}
    for ident, name in queries.actor_names(store):
        spellings.setdefault(name.casefold(), ident)
        spellings.setdefault(ident.casefold(), ident)
    wanted = text.strip().casefold()
    close = difflib.get_close_matches(wanted, list(spellings), n=n * 2, cutoff=0.6)
    close += sorted(k for k in spellings if wanted and (wanted in k or k in wanted) and len(k) > 2)
    ids = list(dict.fromkeys(spellings[k] for k in close))[:n]
    names = dict(queries.actor_names(store)[::-1])
    return [f"{names.get(i, i)} ({i})" for i in ids]


def _bounded(limit: int | None, cap: bool) -> int | None:
    """The web and API ask for pages of at most MAX_LIMIT rows; the CLI may ask for everything."""
    if cap and (limit is None or limit > MAX_LIMIT):
        return MAX_LIMIT if limit else queries.DEFAULT_LIMIT
    return limit


def documents_page(store: Store, *, sort: str = "-published", outlet: str | None = None, limit: int | None = None,
                   offset: int = 0, cap: bool = False) -> Page[Document]:
    """Documents newest-published first (or by `sort`: published, ingested, title, outlet; `-` = descending)."""
    return queries.documents(store, sort=sort, outlet=outlet, limit=_bounded(limit, cap), offset=offset)


def events_page(store: Store, *, actor: str | None = None, type: str | None = None, status: str | None = None,
                since: str | None = None, until: str | None = None, document: str | None = None,
                dated: bool | None = None, sort: str = "document", limit: int | None = None, offset: int = 0,
                cap: bool = False, country: str | None = None, near: str | None = None,
                km: float = DEFAULT_KM, placed: set[str] | None = None) -> Page[Event]:
    """Events filtered in SQL; `actor` is an id, name or alias (with everything merged into it);
    `country` and `near`/`km` by where they are placed (`place_filter`), or `placed` if already found."""
    lo, hi = filter_bounds(since, until)
    ids = actor_ids(store, actor) if actor else None
    if placed is None:
        placed = place_filter(store, near=near, km=km, country=country)
    return queries.events(store, actor_ids=ids, type=type, status=status, lo=lo, hi=hi, document=document,
                          dated=dated, sort=sort, limit=_bounded(limit, cap), offset=offset,
                          only=sorted(placed) if placed is not None else None)


def events(store: Store, *, actor: str | None = None, **filters: Any) -> list[Event]:
    """Filters: actor (id, name or alias), type, status, since, until, document, limit; and by place:
    `country` (ISO alpha-3 or a state's name), `near` a place within `km`."""
    return events_page(store, actor=actor, **filters).items


def actors_page(store: Store, *, q: str | None = None, kind: str | None = None, sort: str = "name",
                limit: int | None = None, offset: int = 0, cap: bool = False) -> Page[ActorRow]:
    """Resolved actors (merged-away ids left out) whose id, name or alias contains `q`."""
    return queries.actors(store, q=q, kind=kind, sort=sort, limit=_bounded(limit, cap), offset=offset)


def claims_page(store: Store, *, type: str | None = None, status: str | None = None, min_grade: str | None = None,
                since: str | None = None, until: str | None = None, actor: str | None = None, sort: str = "support",
                limit: int | None = None, offset: int = 0, cap: bool = False, near: str | None = None,
                km: float = DEFAULT_KM, country: str | None = None) -> Page[Any]:
    """The claim ledger (StoredClaims), best-supported first, filtered in SQL; with `near`/`country`,
    the claims any of whose evidence is placed there."""
    lo, hi = filter_bounds(since, until)
    ids = actor_ids(store, actor) if actor else None
    limit = _bounded(limit, cap)
    placed = place_filter(store, near=near, km=km, country=country)
    events_in = sorted(placed) if placed is not None else None
    if sort.lstrip("-") == "support":
        # the ledger order of analysis/track.py (independent support, specificity, grade; background
        # last) reads grade reasons, so it is computed here over light rows, then one page is hydrated
        from claimgraph.analysis.track import ledger_order

        rows = sorted(queries.claim_rows(store, type=type, status=status, min_grade=min_grade, lo=lo, hi=hi,
                                         actor_ids=ids, event_ids=events_in),
                      key=ledger_order, reverse=sort.startswith("-"))
        if offset < 0:
            raise UsageError(f"offset {offset}: must be 0 or more")
        chosen = [sc.claim.id for sc in rows[offset:offset + limit if limit is not None else None]]
        return Page(queries.claims_by_ids(store, chosen), len(rows), limit, offset)
    return queries.claims(store, type=type, status=status, min_grade=min_grade, lo=lo, hi=hi, actor_ids=ids,
                          event_ids=events_in, sort=sort, limit=limit, offset=offset)


def timeline(store: Store, *, actor: str | None = None, since: str | None = None, until: str | None = None,
             older: bool = False, limit: int | None = None, offset: int = 0, cap: bool = False) -> dict[str, Any]:
    """Dated events by event date, opening on the corpus's reporting period.

    Events that ended before the first article was published are background
    (a treaty of 1941 cited in a 2023 story): counted, and left out unless
    `older` or an explicit `since` asks for them. Undated events are counted
    and a first page of them returned, never silently dropped.
    """
    first, last = queries.reporting_period(store)
    background = 0
    if not since and not older and first and bounds(first[:10]):
        since = first[:10]
        ids = actor_ids(store, actor) if actor else None
        background = (queries.events(store, actor_ids=ids, dated=True, limit=1).total
                      - queries.events(store, actor_ids=ids, lo=since, dated=True, limit=1).total)
    dated = events_page(store, actor=actor, since=since, until=until, dated=True, sort="date", limit=limit,
                        offset=offset, cap=cap)
    undated = events_page(store, actor=actor, dated=False, limit=_bounded(limit, cap) or None, cap=cap)
    return {"events": dated, "undated": undated, "period": {"first": first, "last": last},
            "since": since, "until": until, "background": background, "older": older}


def search(store: Store, query: str, *, kinds: Sequence[str] | None = None, limit: int = 20,
           offset: int = 0) -> Page[Hit]:
    """Full-text search over documents, evidence sentences and actor names (best first)."""
    from claimgraph.store.search import KINDS, MAX_QUERY
    from claimgraph.store.search import search as run

    if len(query) > MAX_QUERY:
        raise UsageError(f"search query of {len(query)} characters; the limit is {MAX_QUERY}")
    limit = min(max(limit, 1), MAX_LIMIT)
    with store.engine.connect() as conn:
        hits, total = run(conn, query, kinds or KINDS, limit, offset)
    return Page(hits, total, limit, offset)


# ---------------------------------------------------------------- review and correct
def review_event(store: Store, event_id: str, action: str, *, who: str, why: str = "", type: str | None = None,
                 status: str | None = None, date: str | None = None, source: Sequence[str] | None = None,
                 target: Sequence[str] | None = None) -> Any:
    """Confirm, reject or edit one event as an analyst decision, then re-analyse what it touches.

    The decision is stored with who/when/why apart from the machine's output and
    re-applied whenever the document is extracted again; its claims, links and
    grades are recomputed now (a rejected event leaves its claim and the charts).
    """
    from claimgraph.model import STATUSES
    from claimgraph.ontology.plover import PLOVER_TYPES
    from claimgraph.store.decisions import EVENT_ACTIONS, Decision

    if action not in EVENT_ACTIONS:
        raise UsageError(f"action {action!r}: one of {', '.join(EVENT_ACTIONS)}")
    if not who.strip() or len(who) > 100 or len(why) > 2000:
        raise UsageError("a decision needs who made it (at most 100 characters) and a why of at most 2,000")
    anchor = queries.event_anchor(store, event_id)
    if anchor is None:
        from claimgraph.errors import NotFound

        raise NotFound("event", event_id)
    before = {e.id: e for e in store.events(document=anchor["document"], include_rejected=True)}[event_id]
    change: dict[str, Any] = {}
    if action == "edit":
        if type:
            if type.upper() not in PLOVER_TYPES:
                raise UsageError(f"type {type!r}: not a PLOVER event type")
            change["type"] = [before.type, type.upper()]
        if status:
            if status not in STATUSES:
                raise UsageError(f"status {status!r}: one of {', '.join(STATUSES)}")
            change["status"] = [before.status, status]
        if date is not None:
            if date and bounds(date) is None:
                raise UsageError(f"date {date!r}: YYYY, YYYY-MM or YYYY-MM-DD")
            change["date"] = [before.date.value if before.date else None, date or None]
        for role, ids, old in (("source", source, before.source), ("target", target, before.target)):
            if ids is not None:
                new = [_one_actor(store, a) for a in ids if a.strip()]
                change[role] = [old, new]
        if not change:
            raise UsageError("an edit needs at least one of type, status, date, source, target")
    d = queries.record_decision(store, Decision(action, event_id, who.strip(), why.strip(), anchor["document"],
                                                anchor, change))
    analyze(store, [anchor["document"]])
    return d


def _one_actor(store: Store, text: str) -> str:
    """The canonical id for an actor the analyst typed (id, name or alias); unknown is an error."""
    from claimgraph.store.claims import ClaimStore

    ids = actor_ids(store, text)
    merges = ClaimStore(store).merges()
    canon = sorted({merges[i].canonical_id if i in merges else i for i in ids})
    return canon[0]


def merge_actors(store: Store, into: str, other: str, *, who: str, why: str = "") -> Any:
    """Merge actor `other` into `into` (an analyst decision, kept across re-runs) and re-analyse."""
    from claimgraph.analysis import resolve, run
    from claimgraph.store.decisions import Decision

    a, b = _one_actor(store, into), _one_actor(store, other)
    if a == b:
        raise UsageError(f"{into!r} and {other!r} are already one actor ({a})")
    with run.exclusive(store):  # the analysis lease: no other writer rewrites claims meanwhile
        resolve.merge(store, a, b)
        d = queries.record_decision(store, Decision("merge", a, who.strip() or "analyst", why.strip(), None, {},
                                                    {"other": b}))
        run.update(store, [])
    return d


def split_actor(store: Store, ident: str, alias: str, *, who: str, why: str = "") -> Any:
    """Separate `alias` (an id or spelling merged into `ident`) from it, for good, and re-analyse."""
    from claimgraph.analysis import resolve, run
    from claimgraph.store.decisions import Decision

    with run.exclusive(store):  # the analysis lease: no other writer rewrites claims meanwhile
        ids = resolve.split(store, ident, alias)
        d = queries.record_decision(store, Decision("split", ident, who.strip() or "analyst", why.strip(), None,
                                                    {}, {"other": alias, "ids": ids}))
        run.update(store, [])
    return d


def decisions_page(store: Store, *, action: str | None = None, limit: int | None = None, offset: int = 0,
                   cap: bool = False) -> Page[Any]:
    """The audit list of analyst decisions, newest first."""
    return queries.decisions(store, action=action, limit=_bounded(limit, cap), offset=offset)


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
    out: dict[str, Any] = {
        "counts": store.stats(),
        "events_by_type": dict(Counter(e.type for e in evs).most_common()),
        "events_by_status": dict(Counter(e.status for e in evs).most_common()),
        "top_actors": [{"id": r.actor.id, "name": r.actor.name, "events": r.events}
                       for r in queries.busiest_actors(store, top) if r.events],
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
