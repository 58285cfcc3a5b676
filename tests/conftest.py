"""Fixtures shared by the whole suite. Tests use real SQLite files and the real spaCy pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout; tests that need it skip (with the reason) when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not present (the shared gold/eval data sits beside the checkout in CI)")
    return SHARED


@pytest.fixture(scope="session")
def full_nlp():
    """The full claimgraph pipeline, built once per test session."""
    from claimgraph.nlp.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def nlp(full_nlp):
    """The full pipeline under the short name the event tests use; a module
    that needs a smaller pipeline defines its own `nlp` fixture, which wins."""
    assert "cg_events" in full_nlp.pipe_names
    return full_nlp
