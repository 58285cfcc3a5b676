"""Every output is a function of the input set alone (issue #11, item 2).

The same corpus ingested twice — files in another order, split over two
runs, one worker or two — gives byte-identical exports in every format.
An actor's name and kind used to come from the first document saved, so
"Idriss Déby" or "Idriss Deby" depended on read timing; a text present in
two files took the origin of whichever was read first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from integrity_helpers import build_corpus, differences, exports, run, shuffled


@pytest.mark.slow
def test_same_corpus_gives_byte_identical_exports(tmp_path: Path, shared_dir: Path) -> None:
    files = build_corpus(tmp_path / "corpus")
    a = tmp_path / "a.db"
    run("ingest", *map(str, files), "--db", str(a), "--processes", "1", "-q")

    # Another order, in two runs, with two workers; the article spelling
    # "Déby" goes first here, and last in the sorted run above.
    order = shuffled(files, seed=11)
    deby = next(p for p in order if p.name == "body_455.txt")
    order = [deby, *(p for p in order if p != deby)]
    half = len(order) // 2
    b = tmp_path / "b.db"
    for part in (order[:half], order[half:]):
        run("ingest", *map(str, part), "--db", str(b), "--processes", "2", "-q")

    first, second = exports(a), exports(b)
    assert first["jsonl-claims"].count(b"\n") > 20
    assert differences(first, second) == []
