"""The client side: connect to (or start) a Dask cluster, stream batches out, records back in order.

Order matters: the store fills an actor's missing fields from the first
document that names it, so records are handed back in input order — the same
order local processes give — and the stores come out identical.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from claimgraph.errors import UsageError
from claimgraph.model import Document
from claimgraph.nlp.extract import Extraction, extractor_version

# Documents per task: large enough that scheduling costs little beside spaCy, small enough
# that a lost worker's batch is cheap to redo.
BATCH = 16


def check_scheduler(scheduler: str | None, workers: int | None, batch_size: int | None = None) -> None:
    """Reject option combinations before anything is read or started."""
    if scheduler is None:
        if workers is not None:
            raise UsageError("--workers needs --scheduler local (local processes take --processes)")
        if batch_size is not None:
            raise UsageError("--batch-size needs --scheduler (it is the number of documents per Dask task)")
        return
    if batch_size is not None and batch_size < 1:
        raise UsageError(f"--batch-size {batch_size}: must be at least 1")
    if scheduler != "local" and "://" not in scheduler:
        raise UsageError(f"--scheduler {scheduler!r}: expected 'local' or a scheduler address like tcp://HOST:8786")
    if workers is not None and scheduler != "local":
        raise UsageError("--workers only applies to --scheduler local; an existing cluster has its own workers")


class DaskRunner:
    """Extract documents on a Dask cluster; called like the local pool, yields Extractions in input order.

    `scheduler` is "local" (a `LocalCluster` of `workers` single-threaded processes, started
    and stopped here) or the address of a running scheduler (tcp://HOST:PORT).
    """

    def __init__(self, scheduler: str, model: str, workers: int | None = None, batch: int = BATCH,
                 timeout: float = 30.0, client: Any = None) -> None:
        check_scheduler(scheduler, workers)
        self.client = client  # a connected distributed.Client to use (and leave open) instead of making one
        self.scheduler = scheduler
        self.model = model
        self.workers = workers
        self.batch = batch
        self.timeout = timeout

    @contextlib.contextmanager
    def _client(self) -> Iterator[Any]:
        from distributed import Client, LocalCluster

        if self.client is not None:
            yield self.client
            return
        if self.scheduler == "local":
            from claimgraph.nlp.extract import default_processes

            with LocalCluster(n_workers=self.workers or default_processes(), threads_per_worker=1,
                              processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
                yield client
            return
        try:
            client = Client(self.scheduler, timeout=self.timeout)
        except OSError as exc:
            raise UsageError(f"--scheduler {self.scheduler}: cannot reach the Dask scheduler: {exc}") from exc
        with client:
            yield client

    def __call__(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        from claimgraph.scale.worker import PipelinePlugin, extract_batch

        version = extractor_version()
        with self._client() as client:
            client.register_plugin(PipelinePlugin(self.model), name=PipelinePlugin.name)
            # Enough batches in flight to keep every worker busy, few enough that documents
            # stream through in bounded memory instead of all being shipped at once.
            window = 2 * max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
            pending: deque[Any] = deque()

            def take() -> Iterator[Extraction]:
                worker_version, records = pending.popleft().result()
                if worker_version != version:
                    raise UsageError(f"a Dask worker runs extractor {worker_version}, this client "
                                     f"{version}: install the same claimgraph on the workers")
                yield from records

            batch: list[Document] = []
            for doc in documents:
                batch.append(doc)
                if len(batch) >= self.batch:
                    pending.append(client.submit(extract_batch, self.model, batch, pure=False))
                    batch = []
                    while len(pending) >= window:
                        yield from take()
            if batch:
                pending.append(client.submit(extract_batch, self.model, batch, pure=False))
            while pending:
                yield from take()
