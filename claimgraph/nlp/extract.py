"""Run the pipeline over stored documents and turn its output into model records.

Why a worker pool of our own instead of `nlp.pipe(n_process=N)`: spaCy ships
Docs between processes with msgpack, which cannot carry our dataclasses in
`doc._`. Each worker here loads the pipeline once and returns plain
`Extraction` records (pickled), so the parent only writes to the store.
Documents stream through in chunks, keeping memory flat with corpus size.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph import __version__
from claimgraph.model import Actor, Attribution, DateValue, Document, Event, Mention, Span, Timex
from claimgraph.nlp.pipeline import build_pipeline
from claimgraph.nlp.types import EventMention, remember_text
from claimgraph.ontology import DATA

# Longest text handed to the parser in one piece; longer documents are cut
# at a paragraph boundary and processed piecewise with shifted offsets.
MAX_CHUNK_CHARS = 100_000


def extractor_version() -> str:
    """Changes whenever the code version or any lexicon changes, so stale extractions get redone."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(DATA.glob("*")):
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return f"{__version__}+{h.hexdigest()[:10]}"


@dataclass(slots=True)
class Extraction:
    document_id: str
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    error: str | None = None


def make_doc(nlp: Language, text: str, published: DateValue | None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.cg_published = published
    remember_text(doc, text)
    return doc


def _chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs, split at paragraph or sentence ends."""
    if len(text) <= limit:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            if cut == -1:
                cut = text.rfind(". ", start + limit // 2, end)
            end = cut + 1 if cut != -1 else end
        out.append((start, text[start:end]))
        start = end
    return out


def _event(doc_id: str, index: int, em: EventMention, shift: int) -> Event:
    return Event(
        id=f"{doc_id}-e{index:03d}",
        document_id=doc_id,
        sentence=Span(em.sentence.start_char + shift, em.sentence.end_char + shift, em.sentence.text),
        type=em.type,
        source=list(dict.fromkeys(em.source)),
        target=list(dict.fromkeys(em.target)),
        mode=em.mode,
        contexts=list(em.contexts),
        intensity=em.intensity,
        date=em.date,
        date_source=em.date_source,
        location=em.location,
        status=em.status,
        said_by=em.said_by,
        said_by_text=em.said_by_text,
        attribution=em.attribution,
        trigger=Span(em.trigger.start_char + shift, em.trigger.end_char + shift, em.trigger.text),
        quantities=list(em.quantities),
        negated=em.negated,
        confidence=em.confidence,
        rule=em.rule,
    )


def collect(doc: Doc, doc_id: str, out: Extraction, shift: int = 0) -> None:
    """Copy one parsed Doc's `cg_*` output into model records."""
    actors = doc._.cg_actors or {}
    known = {a.id for a in out.actors}
    for actor in actors.values():
        if actor.id not in known:
            out.actors.append(actor)
            known.add(actor.id)
        else:
            existing = next(a for a in out.actors if a.id == actor.id)
            existing.aliases = list(dict.fromkeys([*existing.aliases, *actor.aliases]))
    for m in doc._.cg_mentions or []:
        out.mentions.append(Mention(doc_id, m.start_char + shift, m.end_char + shift, m.text, m.actor_id, m.role, m.rule))
    for t in doc._.cg_timexes or []:
        out.timexes.append(Timex(doc_id, t.start_char + shift, t.end_char + shift, t.text, t.value, t.precision, t.kind))
    base = len(out.attributions)
    for a in doc._.cg_attributions or []:
        out.attributions.append(
            Attribution(
                document_id=doc_id,
                cue=Span(a.cue.start_char + shift, a.cue.end_char + shift, a.cue.text),
                content=Span(a.content.start_char + shift, a.content.end_char + shift),
                source=Span(a.source.start_char + shift, a.source.end_char + shift, a.source.text) if a.source else None,
                source_actor_id=a.source_actor_id,
                kind=a.kind,
                parent=(a.parent + base) if a.parent is not None else None,
            )
        )
    for em in doc._.cg_events or []:
        ev = _event(doc_id, len(out.events), em, shift)
        if ev.attribution is not None:
            ev.attribution += base
        out.events.append(ev)


def extract_one(nlp: Language, document: Document) -> Extraction:
    out = Extraction(document.id)
    try:
        for shift, piece in _chunks(document.text):
            doc = nlp(make_doc(nlp, piece, document.published))
            collect(doc, document.id, out, shift)
    except Exception as exc:  # a bug on one document must not stop a corpus run
        return Extraction(document.id, error=f"{type(exc).__name__}: {exc}")
    return out


def extract_many(nlp: Language, documents: Iterable[Document], batch_size: int = 32) -> Iterator[Extraction]:
    """In-process: `nlp.pipe` over short documents, piecewise for long ones."""
    batch: list[Document] = []

    def flush() -> Iterator[Extraction]:
        docs = [make_doc(nlp, d.text, d.published) for d in batch]
        try:
            parsed = list(nlp.pipe(docs, batch_size=batch_size))
        except Exception:  # isolate the failing document
            for d in batch:
                yield extract_one(nlp, d)
            return
        for d, doc in zip(batch, parsed, strict=True):
            out = Extraction(d.id)
            collect(doc, d.id, out)
            yield out

    for document in documents:
        if len(document.text) > MAX_CHUNK_CHARS:
            yield extract_one(nlp, document)
            continue
        batch.append(document)
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


# ---------------------------------------------------------------- worker pool
_worker_nlp: Language | None = None


def _init_worker(model: str) -> None:
    global _worker_nlp
    _worker_nlp = build_pipeline(model)


def _work(batch: list[Document]) -> list[Extraction]:
    assert _worker_nlp is not None
    return list(extract_many(_worker_nlp, batch))


def default_processes() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run_pool(
    documents: Iterable[Document],
    processes: int,
    model: str,
    nlp: Language | None = None,
    chunk: int = 16,
) -> Iterator[Extraction]:
    """Extractions in input order; `processes == 1` runs in this process."""
    if processes <= 1:
        yield from extract_many(nlp or build_pipeline(model), documents)
        return

    def batches() -> Iterator[list[Document]]:
        batch: list[Document] = []
        for d in documents:
            batch.append(d)
            if len(batch) >= chunk:
                yield batch
                batch = []
        if batch:
            yield batch

    global _worker_nlp
    frozen = False
    try:
        if "fork" in mp.get_all_start_methods():
            # Build the pipeline once here; forked workers share it copy-on-write
            # instead of each loading the model again (as spaCy's own n_process does).
            _worker_nlp = nlp or build_pipeline(model)
            ctx = mp.get_context("fork")
            # Out of the collector's sight: every full collection in a worker walked the
            # ~100,000 objects of the model and lexicons it inherited (a second of CPU per
            # thousand articles) and wrote to their pages, which then stopped being shared.
            gc.freeze()
            frozen = True
            pool = ctx.Pool(processes)
        else:
            ctx = mp.get_context("spawn")
            pool = ctx.Pool(processes, initializer=_init_worker, initargs=(model,))
        with pool:
            for result in pool.imap(_work, batches()):
                yield from result
    finally:
        if frozen:
            gc.unfreeze()


# Documents saved per transaction, and the longest a finished extraction waits to be saved.
SAVE_BATCH = 32
SAVE_SECONDS = 1.0

# Turns documents into their Extractions, in input order: the local pool, or a Dask
# cluster (claimgraph/scale/), which this module never imports.
Runner = Callable[[Iterable[Document]], Iterator[Extraction]]


def extract_pending(
    store,  # type: ignore[no-untyped-def]
    *,
    processes: int = 1,
    model: str | None = None,
    nlp: Language | None = None,
    redo: bool = False,
    progress: Callable[[str], None] | None = None,
    ids: Sequence[str] | None = None,
    runner: Runner | None = None,
) -> tuple[list[str], list[str]]:
    """Extract every document not yet extracted by this extractor version.

    Returns (extracted ids, error messages). Results are saved as they arrive, whoever
    computed them, a batch of documents per transaction (all of a batch or none of it).
    """
    from claimgraph.nlp.pipeline import MODEL

    version = extractor_version()
    if ids is None:
        ids = store.document_ids() if redo else store.document_ids(pending_only=True, extractor_version=version)
    done: list[str] = []
    errors: list[str] = []
    if not ids:
        return done, errors
    documents = store.iter_documents(ids)
    results = runner(documents) if runner else run_pool(documents, processes, model or MODEL, nlp=nlp)
    batch: list[Extraction] = []
    last = time.monotonic()

    def flush() -> None:
        store.save_extractions(batch, extractor_version=version)
        for ex in batch:
            done.append(ex.document_id)
            if progress:
                progress(ex.document_id)
        batch.clear()

    for ex in results:
        if ex.error:
            errors.append(f"document {ex.document_id}: extraction failed: {ex.error}")
            continue
        batch.append(ex)
        # A batch per transaction: far fewer round trips on a database server; a killed run
        # loses at most the batch not yet written, and the next run redoes it.
        if len(batch) >= SAVE_BATCH or time.monotonic() - last >= SAVE_SECONDS:
            flush()
            last = time.monotonic()
    if batch:
        flush()
    return done, errors
