"""In-document reference resolution for actors (no coreferee: our own rules).

Two kinds of later reference are resolved to an actor named earlier:

- short forms of a name: "Silk Way" → "Silk Way Airlines", "Kanaani" →
  "Nasser Kanaani", "Ex-Im Bank" → "US Export-Import Bank" (token overlap,
  with hyphenated abbreviations: each part of "Ex-Im" starts a part of
  "Export-Import");
- definite descriptions: "the airline", "the Azerbaijani airline", "the spy
  agency", "the ambassador" → the most recently mentioned actor of that
  category whose country and sector do not contradict the modifiers, within a
  few sentences (further back, "the group" is more likely something new).
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc, Token

from claimgraph.nlp.actors.registry import ActorState, Registry
from claimgraph.nlp.actors.spans import singular
from claimgraph.ontology.actors import ActorWords

STOP = {"the", "of", "and", "for", "&", "de", "a", "an"}
MAX_SENTENCES_BACK = 5


def token_abbreviates(short: str, long: str) -> bool:
    """'ex-im' abbreviates 'export-import'; 'j.' abbreviates 'john'; equal words match."""
    if short == long:
        return True
    if short.endswith(".") and len(short) > 1 and long.startswith(short[:-1]):
        return True
    sp, lp = short.split("-"), long.split("-")
    return len(sp) == len(lp) > 1 and all(a and b.startswith(a) for a, b in zip(sp, lp, strict=True))


def abbreviates(short: Sequence[str], long: Sequence[str], heads: dict | frozenset) -> bool:
    """`short` is an in-order, shorter selection of `long`'s words, with a distinctive word.

    The distinctive word (not an organisation head word like "Bank", not a
    stop word) keeps "Bank" alone from matching every bank.
    """
    if not short or len(short) > len(long) or list(short) == list(long):
        return False
    if not token_abbreviates(short[0], long[0]):
        return False  # a short form keeps the name's first word: "Silk Way", not "Way"
    j = 0
    distinctive = False
    for word in short:
        while j < len(long) and not token_abbreviates(word, long[j]):
            j += 1
        if j == len(long):
            return False
        if word not in STOP and singular(word, heads) not in heads:
            distinctive = True
        j += 1
    return distinctive


def _long_form(st: ActorState, place_words: AbstractSet[str]) -> list[str]:
    """The state's name words without state names and stop words, worked out once per state."""
    cached = st.long_form
    if cached is None or cached[0] is not place_words:
        cached = st.long_form = (place_words, [t for t in st.tokens if t not in place_words and t not in STOP])
    return cached[1]


def short_form(reg: Registry, tokens: Sequence[str], position: int, person: bool | None,
               heads: dict, place_words: AbstractSet[str]) -> str | None:
    """The actor a short name refers to: the most recent preceding match, else the first later one."""
    tokens = [t for t in tokens if t not in STOP]
    best: ActorState | None = None
    best_key: tuple[int, int] = (-1, 0)
    for st in reg.states.values():
        kind = st.actor.kind
        if kind in ("country", "unknown") or (person is True and kind != "person"):
            continue
        if person is False and kind == "person":
            continue
        if kind == "person":
            ok = len(tokens) < len(st.tokens) and list(st.tokens[-len(tokens):]) == list(tokens)
        else:
            ok = abbreviates(tokens, _long_form(st, place_words), heads)
        if not ok:
            continue
        before = [p for p in st.positions if p <= position]
        if not before and kind != "person":
            continue  # organisations are named in full before they are shortened
        key = (1, max(before)) if before else (0, -st.first)
        if key > best_key:
            best, best_key = st, key
    return best.actor.id if best else None


def definite(doc: Doc, tok: Token, reg: Registry, words: ActorWords, places: dict[int, str],
             sent_of: list[int], categories: set[str]) -> tuple[int, str] | None:
    """Resolve "the [modifiers] NOUN" at `tok` → (start token, actor id), or None."""
    if tok.tag_ != "NN" or not tok.is_lower:
        return None
    noun = tok.lower_
    is_person = noun in words.person_nouns
    if not is_person and singular(noun, words.org_heads) not in categories:
        return None
    det = next((c for c in tok.lefts if c.dep_ == "det"), None)
    if det is None or det.lower_ != "the":
        return None
    country, sector = None, None
    for i in range(det.i + 1, tok.i):
        mod = doc[i]
        if mod.head.i != tok.i or mod.dep_ not in ("amod", "compound", "nmod"):
            return None
        if i in places:
            country = places[i]
        elif mod.lower_ in words.sector_modifiers:
            sector = words.sector_modifiers[mod.lower_]
        elif mod.pos_ == "PROPN":
            return None  # a name, not a description
    best: ActorState | None = None
    best_pos = -1
    for st in reg.states.values():
        a = st.actor
        if a.kind == "country" or (a.kind == "person") != is_person:
            continue
        pool = st.titles if is_person else st.categories
        if noun not in pool and singular(noun, words.org_heads) not in pool:
            continue
        if country and a.country and a.country != country:
            continue
        if sector and a.sector and a.sector != sector and not (sector == "SPY" and a.sector in ("GOV", "MIL")):
            continue
        before = [p for p in st.positions if p < det.i]
        if not before or sent_of[det.i] - sent_of[min(max(before), len(sent_of) - 1)] > MAX_SENTENCES_BACK:
            continue
        if max(before) > best_pos:
            best, best_pos = st, max(before)
    return (det.i, best.actor.id) if best else None
