"""Credibility counts articles, not sentences: corroboration from the same article is one source."""

from __future__ import annotations

from claimgraph.analysis.grading import Reliability, grade
from claimgraph.model import Claim, ClaimLink
from claimgraph.store.claims import StoredClaim


def _sc(cid: str, docs: list[str], sources: list[str], links: list[str] = ()) -> StoredClaim:
    claim = Claim(id=cid, type="AGREE", source=["AZE"], target=["ISR"], documents=docs,
                  independent_sources=sources, presentations={s: "reported" for s in sources},
                  links=[ClaimLink("corroborates", other, "test") for other in links])
    return StoredClaim(claim=claim, bucket="b")


def test_two_claims_from_one_article_add_one_source() -> None:
    main = _sc("a", ["doc1"], ["Foreign Policy"], ["b", "c"])
    same_article_1 = _sc("b", ["doc2"], ["Recent news reports"])
    same_article_2 = _sc("c", ["doc2"], ["The Daily Example"])
    g = grade(main, {"b": same_article_1, "c": same_article_2}, Reliability({}))
    assert g.credibility == 2  # two articles: probably true, not confirmed
    assert any("same article" in r for r in g.reasons)


def test_three_articles_confirm() -> None:
    main = _sc("a", ["doc1"], ["Foreign Policy"], ["b", "c"])
    other_1 = _sc("b", ["doc2"], ["Recent news reports"])
    other_2 = _sc("c", ["doc3"], ["The Daily Example"])
    g = grade(main, {"b": other_1, "c": other_2}, Reliability({}))
    assert g.credibility == 1 and g.reasons[-1] == "credibility 1: confirmed"
