"""JSON Lines: one record per line, DESIGN §6 shapes. The format our own scripts read."""

from __future__ import annotations

import json
from typing import IO, Any

from claimgraph.export.records import WHATS, iter_records
from claimgraph.store import Store


class JsonlExporter:
    name = "jsonl"
    whats = WHATS
    binary = False

    def export(self, store: Store, what: str, out: IO[Any]) -> int:
        n = 0
        for record in iter_records(store, what):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
        return n
