"""What runs inside a Dask worker: the pipeline, loaded once per worker process.

A `WorkerPlugin` loads the pinned model when the worker joins (so the first
batch does not pay for it, and a worker that cannot load it fails at once,
naming itself); `extract_batch` reuses that pipeline for every batch. The model
comes from the worker's own environment: what is shipped is document text,
never the model.
"""

from __future__ import annotations

import threading
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin
from spacy.language import Language

from claimgraph.model import Document
from claimgraph.nlp.extract import Extraction, extract_many, extractor_version

_lock = threading.Lock()
_pipelines: dict[str, Language] = {}


def pipeline(model: str) -> Language:
    """This process's pipeline for `model`, built on first use. Locked: a worker with several
    threads would otherwise build it once per thread."""
    with _lock:
        if model not in _pipelines:
            from claimgraph.nlp.pipeline import build_pipeline

            _pipelines[model] = build_pipeline(model)
        return _pipelines[model]


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline as each worker starts (and on workers that join later)."""

    name = "claimgraph-pipeline"

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        pipeline(self.model)


def extract_batch(model: str, documents: list[Document]) -> tuple[str, list[Extraction]]:
    """One batch, in order, with the worker's extractor version: the client refuses records made
    by another version of claimgraph or its lexicons than its own."""
    return extractor_version(), list(extract_many(pipeline(model), documents))
