"""The Matcher windows of cg_timex: they must find exactly what a whole-text match finds."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimgraph.nlp.pipeline import build_pipeline
from claimgraph.nlp.timex.anchors import _reach, anchors
from claimgraph.nlp.timex.lexicon import lexicon

TEXTS = [
    "Over the past three and a half years, since early 2014, the two countries met on Monday, March 3rd, 2015.",
    "In the coming weeks, and for several decades to come, the 1990s-era deal of 2014-2017 will matter.",
    "It happened 25 years ago, on 2019-03-04 or 4/3/2019, in the first quarter of 2020, at the end of the year.",
    "Recently, these days and nowadays, officials said the talks of last night and this morning went well.",
    "The 20-year-old deal, signed in the summer of 2001 and renewed earlier this month, ran for months.",
    "Between 2005 and 2010 and from 2011 to 2013 prices fell, a mid-2010 report said in Q3 2012.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(components=["cg_timex"])


def test_windows_find_every_whole_text_match(nlp: Language) -> None:
    comp = nlp.get_pipe("cg_timex")
    for text in TEXTS:
        doc = nlp(text)
        whole = sorted(comp.matcher(doc))
        windowed = sorted((m, lo + s, lo + e) for lo, hi in comp.anchors.windows(doc)
                          for m, s, e in comp.matcher(doc[lo:hi]))
        assert whole, text
        assert windowed == whole, text


def test_margins_are_read_off_the_patterns() -> None:
    a = anchors(lexicon())
    assert (a.before, a.after) == (7, 5)  # "the past three and a half years" / "2019 - 03 - 04"
    assert "may" not in a.words and "may" in a.titled  # the modal "may" opens no window
    assert a.shape.search("2014") and not a.shape.search("25")


def test_a_pattern_without_anchor_is_refused() -> None:
    a = anchors(lexicon())
    with pytest.raises(ValueError, match="without an anchor"):
        _reach([{"LOWER": "last"}, {"LOWER": "one"}], a.words, a.titled, set())
    with pytest.raises(ValueError, match="unbounded"):
        _reach([{"LOWER": "year", "OP": "+"}], a.words, a.titled, set())
