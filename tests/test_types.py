"""The Doc-extension helpers in claimgraph/nlp/types.py agree with spaCy's own `doc._`."""

from __future__ import annotations

import spacy

from claimgraph.nlp.types import _EXTENSIONS, ext, get_list


def test_ext_reads_what_doc_underscore_reads() -> None:
    doc = spacy.blank("en")("Baku and Tel Aviv signed a deal.")
    for name in _EXTENSIONS:
        assert ext(doc, name) is getattr(doc._, name) is None
    mentions = get_list(doc, "cg_mentions")
    mentions.append("a mention")
    doc._.cg_actors = {"aze": "Azerbaijan"}
    assert ext(doc, "cg_mentions") is doc._.cg_mentions is mentions
    assert ext(doc, "cg_actors") is doc._.cg_actors
    doc._.cg_actors = None
    assert ext(doc, "cg_actors") is None
