#!/usr/bin/env bash
# The whole test suite: lint, import contracts, tests, and the quality gate against committed floors.
# Sets up the environment first (idempotent) and installs what tests need
# (Chromium for the browser tests, PostgreSQL's server for the store tests that
# run on both back ends) — nothing is installed by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --no-demo
[[ -f scripts/ensure_chromium.sh ]] && bash scripts/ensure_chromium.sh
bash scripts/ensure_postgres.sh >/dev/null
# Here the PostgreSQL half of the store/analysis/export/web tests must run, not skip.
export CLAIMGRAPH_REQUIRE_POSTGRES=1

echo "== ruff"
.venv/bin/ruff check claimgraph tests bench scripts

echo "== lint-imports (the architecture's forbidden imports, pyproject [tool.importlinter])"
.venv/bin/lint-imports --no-cache

echo "== pytest"
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"

echo "== quality gate (claimgraph evaluate --check)"
.venv/bin/claimgraph evaluate --check
