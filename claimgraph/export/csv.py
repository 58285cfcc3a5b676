"""CSV: flat tables for spreadsheets. Nested fields become JSON strings or ids."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from claimgraph.export.records import WHATS, iter_records
from claimgraph.store import Store


def _flat(value: Any) -> Any:
    if isinstance(value, dict):
        if "id" in value and "name" in value:
            return value["id"] or value["name"]
        if "value" in value and "precision" in value:
            return value["value"]
        if "text" in value and "start" in value:
            return value["text"]
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        if all(isinstance(v, dict) and "id" in v for v in value):
            return ";".join(str(v["id"]) for v in value)
        return ";".join(str(_flat(v)) for v in value)
    return value


PLACE_FIELDS = ("name", "geonameid", "country", "admin1", "region", "lat", "lon", "precision")


def place_columns(place: dict[str, Any] | None) -> dict[str, Any]:
    """An event's place as flat `place_*` columns (empty when unplaced), after the existing ones."""
    return {f"place_{k}": (place or {}).get(k) for k in PLACE_FIELDS}


class CsvExporter:
    name = "csv"
    whats = WHATS
    binary = False

    def export(self, store: Store, what: str, out: IO[Any]) -> int:
        writer: csv.DictWriter[str] | None = None
        n = 0
        for record in iter_records(store, what):
            row = {k: _flat(v) for k, v in record.items()}
            if what == "events":
                row["document"] = record["document"]["id"]
                row.update(place_columns(record.get("place")))
                del row["place"]
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="ignore")
                writer.writeheader()
            writer.writerow(row)
            n += 1
        return n
