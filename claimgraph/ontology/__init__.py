"""Ontology and lexicons: data files in `data/`, typed loaders beside them.

The words claimgraph knows (PLOVER types and modes, event verbs, attribution
and hedge cues, country names, demonyms and capitals, agency tables) live in
TOML/TSV files written in our own words, so that improving coverage is an
edit to data, not to code. Each loader module (plover.py, actors.py,
cues.py, …) reads its files once per process.
"""

from __future__ import annotations

import csv
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data")


@cache
def load_toml(name: str) -> dict[str, Any]:
    """A TOML file from ontology/data/, parsed once per process."""
    with (DATA / name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """A TSV file (header row, '#' comment lines) from ontology/data/."""
    with (DATA / name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t"))
