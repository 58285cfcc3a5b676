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


def test_doc_text_is_the_text_the_doc_was_made_from() -> None:
    from claimgraph.model import DateValue
    from claimgraph.nlp.extract import make_doc
    from claimgraph.nlp.types import doc_text

    nlp = spacy.blank("en")
    text = "  Baku\u00a0and  Tel Aviv –\n\n\tsigned “a deal” .  "
    made = make_doc(nlp, text, DateValue("2023", "year"))
    assert doc_text(made) == made.text == text
    plain = nlp(text)
    assert doc_text(plain) == text and doc_text(plain) is doc_text(plain)
