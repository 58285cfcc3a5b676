"""Turn candidate spans into actors and mentions for one document.

Order matters and is the point of this module: long names are registered
first (so a short form met before its full name still finds it), then short
forms and acronyms, then the bare tokens and definite descriptions that refer
back to them. States are decided by the dependency parse: a state or capital
that is the object of a locative preposition is a place ("its embassy in Tel
Aviv"), anywhere else it acts ("Baku has allowed …", "Tel Aviv's aim").
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from spacy.strings import get_string_id
from spacy.tokens import Doc

from claimgraph.nlp.actors.affiliation import affiliate_officials
from claimgraph.nlp.actors.build import Candidate, appositive, collect
from claimgraph.nlp.actors.coref import definite, short_form
from claimgraph.nlp.actors.lexicon import LexHit, Lexicon
from claimgraph.nlp.actors.registry import GOV_SECTORS, Registry
from claimgraph.nlp.actors.spans import _first_conjunct, describe, left_edge, singular
from claimgraph.nlp.types import ActorMention, doc_text, get_actors, get_list
from claimgraph.ontology.actors import ActorWords

MAX_RUN = 6  # longest proper-noun run tried as a short form
_PROPER_TAGS = frozenset({get_string_id("NNP"), get_string_id("NNPS")})
_NN = get_string_id("NN")


def place_role(doc: Doc, hit: LexHit, words: ActorWords) -> tuple[str, str]:
    if hit.nested:
        return "actor", "gazetteer:in-name"
    assert hit.place is not None
    if hit.place.form == "demonym":
        return "actor", "gazetteer:demonym"
    tok = _first_conjunct(doc[hit.start:hit.end].root)
    if tok.dep_ == "pobj" and tok.head.lower_ in words.locative:
        return "location", f"location:{tok.head.lower_}"
    return "actor", "gazetteer:metonymy" if hit.place.form in ("capital", "seat") else "gazetteer"


def collective(doc: Doc, hit: LexHit, words: ActorWords, covered: set[int]) -> tuple[int, int, str] | None:
    """'Iranian authorities', 'the Baku government', "Iran's foreign ministry" → the state, in a sector."""
    root = doc[hit.start:hit.end].root
    head = root.head
    if root.dep_ not in ("amod", "compound", "poss", "nmod") or head.i < hit.end or not head.is_lower:
        return None
    sector = words.collectives.get(head.lower_)
    if sector is None or head.i in covered or head.i - hit.end > 3:
        return None
    if any(doc[i].head.i != head.i or not doc[i].is_lower for i in range(hit.end + 1, head.i)):
        return None
    lo = hit.start
    if lo > 0 and doc[lo - 1].lower_ == "the" and doc[lo - 1].head.i == head.i:
        lo -= 1
    return lo, head.i + 1, sector


def _expand(doc: Doc, cands: list[Candidate], words: ActorWords, places: dict[int, str]) -> list[Candidate]:
    """Give each name its descriptive words; a person's title phrase swallows junk NER orgs."""
    for c in cands:
        app = appositive(doc[c.start:c.end], words)
        if app is not None and any(o is not c and app[1] <= o.start < c.start for o in cands):
            app = None  # a list ("the US military, Boeing, the Canadian …"), not an apposition
        if app is not None:
            c.lo, c.desc_range = app[0], app
        else:
            c.lo = left_edge(doc, c.start, c.end)
            c.desc_range = (c.lo, c.start)
    out: list[Candidate] = []
    persons = [p for p in cands if p.label == "PERSON"]
    for c in cands:
        host = next((p for p in persons if p is not c and p.lo <= c.start and c.end <= p.start), None)
        if host is not None and c.org is None and c.acronym is None:
            continue
        out.append(c)
    for k, c in enumerate(out):  # never let a description run over another name
        # cands come sorted by start, so a name ending by c.start comes before c
        for o in out[:k]:
            if o.org is None and c.lo < o.end <= c.start and not (o.lo <= c.start and c.lo >= o.lo):
                c.lo = max(c.lo, o.end)
        while c.lo < c.start and doc[c.lo].is_punct:
            c.lo += 1
        c.desc_range = (max(c.desc_range[0], c.lo) if c.desc_range[0] < c.start else c.desc_range[0], c.desc_range[1])
        c.desc = describe(doc, c.desc_range[0], c.desc_range[1], words, places)
    return out


def _name(doc: Doc, c: Candidate, words: ActorWords) -> str:
    """The name as written (original spacing, so "Export-Import" stays one word), titles dropped."""
    start = c.start
    if c.label == "PERSON":  # "old Abdel …", "host Wolf Blitzer", "President X": the name starts later
        while start < c.end - 1 and (doc[start].lower_ in words.titles or doc[start].is_lower):
            start += 1
    return doc[start:c.end].text


def _org_head(toks: list[str], words: ActorWords) -> str | None:
    """The organisation-type word of a name: the rightmost one ("Company" in "… Company of X")."""
    for tok in reversed(toks):
        head = singular(tok, words.org_heads)
        if head in words.org_heads:
            return head
    return None


def _register(doc: Doc, c: Candidate, name: str, reg: Registry, words: ActorWords,
              places: dict[int, str]) -> str:
    desc = c.desc
    assert desc is not None
    toks = name.split()
    inner = [places[i] for i in range(c.start, c.end) if i in places]
    country = (desc.countries or inner or [None])[0]
    if c.label == "PERSON":
        found = desc.titles + [(t.lower_, words.titles[t.lower_]) for t in doc[c.start:c.end] if t.lower_ in words.titles]
        titles = {t for t, _ in found} | {t.split()[-1] for t, _ in found}
        sector = found[0][1] if found else None
        return reg.named(name, "person", country=country, sector=sector, categories=set(), titles=titles)
    if c.label in ("GPE", "LOC"):
        return reg.named(name, "unknown", country=None, sector=None, categories=set(), titles=set())
    head = _org_head(toks, words)
    kind, sector = words.org_heads.get(head or "") or (words.org_heads.get(desc.categories[-1]) if desc.categories
                                                 else None) or ("organization", None)
    mods = [words.sector_modifiers[t.lower()] for t in toks if t.lower() in words.sector_modifiers] + desc.sectors
    if mods and kind in ("agency", "organization") and sector in GOV_SECTORS | {None}:
        sector = mods[0]
    cats = set(desc.categories) | ({head} if head else set())
    generic = sector in GOV_SECTORS and not inner and kind in ("agency", "organization", "military")
    return reg.named(name, kind, country=country, sector=sector, categories=cats, titles=set(), generic=generic)


def annotate(doc: Doc, lex: Lexicon, words: ActorWords, max_tokens: int = 200_000) -> None:
    """Write doc._.cg_mentions and doc._.cg_actors."""
    mentions: list[ActorMention] = get_list(doc, "cg_mentions")
    full_text = doc_text(doc)  # Doc.text is rebuilt from the tokens on every access
    hits = lex.hits(doc)
    cands, place_hits, things = collect(doc, lex, words, hits)
    places = {i: h.place.iso3 for h in place_hits if h.place for i in range(h.start, h.end)}
    cands = _expand(doc, cands, words, places)
    reg = Registry()
    ids: dict[int, str] = {}
    place_words = lex.place_words

    def emit(lo: int, end: int, actor_id: str, role: str, rule: str, chars: tuple[int, int] | None = None,
             alias: str | None = None) -> None:
        s, e = chars or (doc[lo].idx, doc[end - 1].idx + len(doc[end - 1].text))
        mentions.append(ActorMention(lo, end, s, e, full_text[s:e], actor_id, role, rule))
        reg.seen(actor_id, (alias or full_text[s:e]) if role == "actor" else "", lo, end)

    for n, c in enumerate(cands):  # long names, known organisations, acronym pairs
        name = _name(doc, c, words)
        toks = name.split()
        if c.label == "ORG" and c.desc and c.desc.titles and not _org_head(toks, words) and c.org is None:
            c.label = "PERSON"  # "Mossad agent 'Shimon'": a title makes a person
        if c.org is not None:
            ids[n] = reg.known(c.org)  # world knowledge: modifiers do not change its country
        elif c.acronym is not None:
            acro = doc[c.acronym].text
            org = lex.orgs.get(acro) or lex.orgs.get(name)
            ids[n] = reg.known(org) if org else _register(doc, c, name, reg, words, places)
            reg.aliases[acro] = ids[n]
        elif len(toks) >= 2 and c.label in ("PERSON", "ORG"):
            low = [t.lower() for t in toks]
            ids[n] = (reg.aliases.get(name) or short_form(reg, low, c.start, None, words.org_heads, place_words)
                      or _register(doc, c, name, reg, words, places))
        if n in ids:
            emit(c.lo, c.end, ids[n], "actor", "known-org" if c.org else "name", alias=name)
            if c.acronym is not None:
                emit(c.acronym, c.acronym + 1, ids[n], "actor", "acronym")
    for n, c in enumerate(cands):  # short forms: aliases, surnames, abbreviations
        if n in ids:
            continue
        text = _name(doc, c, words)
        low = text.lower().split()
        aid = reg.aliases.get(text)
        if aid is None and (c.label == "PERSON" or (c.label == "ORG" and len(low) == 1)):
            # a lone surname the tagger read as an organisation ("Trump said …") is
            # the person the document named in full, when it named one
            aid = short_form(reg, low, c.start, True, words.org_heads, place_words)
        if aid is None:
            aid = short_form(reg, low, c.start, False if c.label == "ORG" else None, words.org_heads, place_words)
        rule = "short-form" if aid else "name"
        if aid is None:
            aid = _register(doc, c, text, reg, words, places)
        role, prule = "actor", rule
        if c.label in ("GPE", "LOC") and reg.states[aid].actor.kind == "unknown":
            tok = _first_conjunct(doc[c.start:c.end].root)
            located = tok.dep_ == "pobj" and tok.head.lower_ in words.locative
            if c.label == "LOC" or located:
                role, prule = "location", f"location:{tok.head.lower_ if located else 'place'}"
        emit(c.lo, c.end, aid, role, prule, alias=text)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for h in place_hits:
        assert h.place is not None
        iso = reg.country(h.place.iso3)
        role, rule = place_role(doc, h, words)
        emit(h.start, h.end, iso, role, rule, (h.start_char, h.end_char))
        if role == "actor" and not h.nested and (col := collective(doc, h, words, covered)):
            emit(col[0], col[1], iso, "actor", f"collective:{col[2]}")
            reg.enrich(iso)
    covered = {i for m in mentions for i in range(m.start, m.end)} | things
    _references(doc, reg, words, places, covered, emit, max_tokens, place_words)
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start), m.start_char))
    actors = reg.actors()
    affiliate_officials(doc, mentions, actors)
    get_actors(doc).update(actors)


def _references(doc: Doc, reg: Registry, words: ActorWords, places: dict[int, str], covered: set[int],
                emit, max_tokens: int, place_words: AbstractSet[str]) -> None:
    """Proper-noun runs NER missed ("Silk Way", a bare "OCCRP"), then definite descriptions."""
    categories = set().union(*(st.categories for st in reg.states.values()))
    sent_of = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_of[i] = k
    limit = min(len(doc), max_tokens)
    # tag ids from one array: a Token object per position, only where one is needed
    tags = doc.to_array("TAG").tolist()
    i = 0
    while i < limit:
        if i in covered:
            i += 1
            continue
        j = i
        while j < limit and j - i < MAX_RUN and j not in covered and tags[j] in _PROPER_TAGS \
                and "\n" not in doc[j].text:
            j += 1
        if j > i:
            run = doc[i:j].text
            aid = reg.aliases.get(run) or short_form(reg, run.lower().split(), i, None, words.org_heads, place_words)
            if aid is not None:
                emit(i, j, aid, "actor", "alias")
                covered.update(range(i, j))
            i = j
            continue
        found = definite(doc, doc[i], reg, words, places, sent_of, categories) if tags[i] == _NN else None
        if found is not None:
            emit(found[0], i + 1, found[1], "actor", "definite")
            covered.update(range(found[0], i + 1))
        i += 1
