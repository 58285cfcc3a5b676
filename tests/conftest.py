"""Fixtures shared by the whole suite. Tests use real SQLite files and the real spaCy pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from backends import BACKENDS, Databases

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


# ---------------------------------------------------------------- stores on both back ends
# The store, analysis, export and web tests take `dbs` and run once on SQLite and once on a
# real PostgreSQL (a throwaway cluster started for the session by tests/pg_cluster.py).
@pytest.fixture(scope="session")
def pg_cluster():
    """One PostgreSQL cluster for the whole session, stopped and deleted at the end.

    Where PostgreSQL cannot be installed (a laptop without apt) the PostgreSQL half of the
    tests skips with the reason; the test command sets CLAIMGRAPH_REQUIRE_POSTGRES=1 so that
    in CI it fails instead.
    """
    import os

    from pg_cluster import Cluster, Unavailable

    try:
        cluster = Cluster()
    except Unavailable as exc:
        if os.environ.get("CLAIMGRAPH_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here: {exc}")
        pytest.skip(f"no PostgreSQL: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def dbs(backend: str, tmp_path: Path, request: pytest.FixtureRequest):
    """Stores for one test on the parametrised back end (see Databases)."""
    cluster = request.getfixturevalue("pg_cluster") if backend == "postgresql" else None
    d = Databases(backend, tmp_path, cluster)
    yield d
    d.close()
