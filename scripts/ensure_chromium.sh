#!/usr/bin/env bash
# Install Debian's Chromium when it is missing, for the Playwright browser tests.
# Why Debian's and not Playwright's bundled browser: the bundle is downloaded from
# a CDN at install time, which our build machines cannot reach; apt can.
# Idempotent: exits at once when the binary is already there. Serialised with
# flock so parallel test workers do not run apt-get twice.
set -euo pipefail
CHROMIUM="${CLAIMGRAPH_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
        echo "ensure_chromium: $CHROMIUM missing and not root (no sudo); install the 'chromium' package" >&2
        exit 1
    fi
else
    SUDO=""
fi
LOCK="${TMPDIR:-/tmp}/claimgraph-ensure-chromium.lock"
exec 9>"$LOCK"
flock 9
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
if [ ! -x "$CHROMIUM" ]; then
    echo "ensure_chromium: apt-get finished but $CHROMIUM is still missing" >&2
    exit 1
fi
echo "ensure_chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
