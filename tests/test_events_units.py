"""Pieces of the coder that need no parse of ours: the lexicon and quantities."""

from __future__ import annotations

import spacy

from claimgraph.nlp.events.lexicon import lexicon
from claimgraph.nlp.events.quantities import quantities
from claimgraph.ontology.plover import PLOVER_TYPES


def test_lexicon_compiles_with_known_types() -> None:
    lex = lexicon()
    assert "recall" in lex.verbs and "deal" in lex.nouns
    assert all(e.type in PLOVER_TYPES for es in lex.verbs.values() for e in es)
    # conditional entries come first, so "recall" + ambassador beats plain "recall"
    assert lex.verbs["recall"][0].conditional
    assert "launch" in lex.light and "say" in lex.say


def test_quantities_from_tokens() -> None:
    nlp = spacy.blank("en")
    doc = nlp("a $1.6 billion deal, 350 secret flights, ten individuals and almost 70 percent")
    got = {(q.kind, q.value, q.unit) for q in quantities(doc, 0, len(doc))}
    assert ("money", 1.6e9, "USD") in got
    assert ("percent", 70.0, "%") in got


def test_quantities_bounded_on_junk() -> None:
    nlp = spacy.blank("en")
    doc = nlp("9" * 5000 + " flights")
    assert quantities(doc, 0, len(doc)) == []
