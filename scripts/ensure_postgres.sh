#!/usr/bin/env bash
# Make PostgreSQL's server binaries available for the tests that run the store on a
# real PostgreSQL (tests/pg_cluster.py starts a throwaway cluster from them).
#
# - installs Debian's `postgresql` package when no initdb is found;
# - when running as root, creates the unprivileged system user the throwaway
#   clusters run as (`initdb` and `postgres` refuse to run as root).
#
# Prints the binary folder on its last line. Idempotent: exits at once when both
# are already there. Serialised with flock so parallel runs do not apt-get twice.
set -euo pipefail
PG_USER="${CLAIMGRAPH_PG_USER:-claimgraph-pg}"

find_bindir() {
    if [ -n "${CLAIMGRAPH_PG_BIN:-}" ] && [ -x "$CLAIMGRAPH_PG_BIN/initdb" ]; then
        echo "$CLAIMGRAPH_PG_BIN"; return 0
    fi
    # Debian keeps the server binaries out of PATH, one folder per major version: take the newest.
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
    if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return 0; fi
    return 1
}

need_user() { [ "$(id -u)" = "0" ] && ! id "$PG_USER" >/dev/null 2>&1; }

if bindir=$(find_bindir) && ! need_user; then
    echo "$bindir"
    exit 0
fi

if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
        echo "ensure_postgres: initdb not found and not root (no sudo); install the 'postgresql' package" >&2
        exit 1
    fi
else
    SUDO=""
fi
LOCK="${TMPDIR:-/tmp}/claimgraph-ensure-postgres.lock"
exec 9>"$LOCK"
flock 9

if ! find_bindir >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # Debian's package may also create a system cluster on port 5432; the tests never
    # use it (each run starts its own cluster on a free loopback port).
    $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    echo "ensure_postgres: installed $(find_bindir)/postgres" >&2
fi
if need_user; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
    echo "ensure_postgres: created system user $PG_USER" >&2
fi
bindir=$(find_bindir) || { echo "ensure_postgres: apt-get finished but initdb is still missing" >&2; exit 1; }
echo "$bindir"
