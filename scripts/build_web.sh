#!/usr/bin/env bash
# Build the web UI's third-party JavaScript from the npm registry (package-lock.json)
# and copy only the files the pages load into claimgraph/web/static/vendor/.
# Why: no CDN at run time and no third-party code committed to the repository;
# the vendor folder is gitignored and rebuilt here. Idempotent: skips `npm ci`
# when node_modules already matches the lockfile.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/claimgraph/web/static/vendor"
cd "$ROOT"
if ! command -v npm >/dev/null 2>&1; then
    echo "build_web: npm not found; the UI will run without the graph library" >&2
    exit 1
fi
STAMP="node_modules/.claimgraph-lock.sha256"
WANT="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    npm ci --no-audit --no-fund --loglevel=error
    echo "$WANT" > "$STAMP"
fi
mkdir -p "$VENDOR"
# source (in node_modules) -> name the templates load
copy() {
    install -m 0644 "node_modules/$1" "$VENDOR/$2"
}
copy cytoscape/dist/cytoscape.min.js cytoscape.min.js
copy cytoscape/LICENSE cytoscape.LICENSE.txt
# the map page: country shapes (Natural Earth 1:50m as TopoJSON) drawn with d3-geo, no tile server
copy d3-array/dist/d3-array.min.js d3-array.min.js
copy d3-array/LICENSE d3-array.LICENSE.txt
copy d3-geo/dist/d3-geo.min.js d3-geo.min.js
copy d3-geo/LICENSE d3-geo.LICENSE.txt
copy topojson-client/dist/topojson-client.min.js topojson-client.min.js
copy topojson-client/LICENSE topojson-client.LICENSE.txt
copy world-atlas/countries-50m.json countries-50m.json
copy world-atlas/LICENSE world-atlas.LICENSE.txt
echo "build_web: vendor files in $VENDOR: $(ls "$VENDOR" | tr '\n' ' ')"
