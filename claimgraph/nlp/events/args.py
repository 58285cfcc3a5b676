"""Who did it and to whom: source and target actors from the dependency parse.

The coder names a trigger; this module finds its arguments. Noun phrases
are read by their *core* (head, modifiers, possessors, appositions,
coordinated heads, an "of" phrase) rather than their whole subtree, so a
relative clause hanging off a subject ("Silk Way, which is owned by a
company with ties to Aliyev") does not leak its actors into the event.
Pronouns get a simple in-sentence reading: the subject of the nearest
governing clause ("Yerevan recalled its ambassador" → its = Yerevan);
"the two countries" the two states an earlier event paired.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from spacy.tokens import Doc, Token

from claimgraph.nlp.events.actors import actor_at, pair_for
from claimgraph.nlp.types import ext

_CORE_DEPS = {"compound", "amod", "poss", "nmod", "appos", "conj", "npadvmod", "nummod", "quantmod"}
_PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "she", "her", "itself", "themselves"}
_FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
_REL = {"that", "which", "who", "whom", "whose"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_ANTECEDENT_DEPS = ("nsubj", "nsubjpass", "dobj", "dative")
_SUBORDINATE = ("relcl", "acl")  # clauses hung on a noun; "as it would …" (advcl) keeps the subject
MAX_DEPTH = 12  # parse walks stop here: bounded work on pathological parses
_KIDS: tuple[Doc, dict[int, list[Token]]] | None = None  # (doc being coded, token index → children)


def kids(tok: Token) -> list[Token]:
    """`tok.children` as a list, listed once per token while `children_cache` is on.

    spaCy finds a token's children by scanning its subtree, making a Token for
    each; the coder asks for the children of the same verbs and nouns dozens
    of times (slots, passives, negation, intent, conditions), and the parse
    does not change while it runs. Do not modify the list.
    """
    cache = _KIDS
    if cache is None or cache[0] is not tok.doc:
        return list(tok.children)
    out = cache[1].get(tok.i)
    if out is None:
        out = cache[1][tok.i] = list(tok.children)
    return out


@contextmanager
def children_cache(doc: Doc) -> Iterator[None]:
    """Cache `kids` for `doc` during the block.

    Kept beside the Doc, not in doc.user_data: Tokens there would hold their
    Doc in a reference cycle, and every parsed Doc would wait for the cyclic
    collector instead of being freed when its batch is done."""
    global _KIDS
    _KIDS = (doc, {})
    try:
        yield
    finally:
        _KIDS = None


def np_core(tok: Token, depth: int = 0) -> list[Token]:
    """The tokens that say who a noun phrase is (not what its clauses say)."""
    out = [tok]
    if depth > MAX_DEPTH:
        return out
    is_actor = actor_at(tok.doc, tok.i) is not None
    for c in kids(tok):
        if c.dep_ in _CORE_DEPS:
            out.extend(np_core(c, depth + 1))
        elif c.dep_ == "prep" and c.lower_ == "of" and not is_actor:
            for p in kids(c):
                if p.dep_ == "pobj":
                    out.extend(np_core(p, depth + 1))
    return out


def _governing_subject(tok: Token) -> list[str]:
    """Actors of the nearest clause above `tok` that can be its antecedent.

    Walking up from the pronoun, each clause offers first the parties that
    precede the path (subject, then object, in text order: "Baku prepared an
    airfield to assist Israel in the event it decides to attack" — "it" is
    Israel, the nearest party before it, not Baku), then its subject
    wherever it stands ("Before it struck, Israel warned …").
    """
    node = tok
    for _ in range(MAX_DEPTH):
        if node.head is node:
            return []
        prev, node = node, node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        before = [c for c in kids(node) if c.dep_ in _ANTECEDENT_DEPS and c.i < prev.left_edge.i]
        subjects = [c for c in kids(node) if c.dep_ in ("nsubj", "nsubjpass") and c not in before]
        for c in [*before, *subjects]:
            if c.i <= tok.i and tok in c.subtree:
                continue
            found = actors_of(c, resolve=False)
            if found:
                return found
    return []


def quote_speaker(tok: Token) -> list[str]:
    """"I"/"we" inside quoted or reported content: the speaker the attribution names."""
    for att in ext(tok.doc, "cg_attributions") or []:
        if att.source_actor_id and att.content.start_char <= tok.idx < att.content.end_char:
            return [att.source_actor_id]
    return []


def resolve_pronoun(tok: Token) -> list[str]:
    """In-sentence reading of "it/its/they/their": the governing clause subject."""
    if tok.lower_ not in _PRONOUNS:
        return []
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ in _SUBORDINATE:
        found = _nearest_party_before(tok)
        if found:
            return found
    return _governing_subject(tok)


def _nearest_party_before(tok: Token) -> list[str]:
    """Subject of a clause hung on a noun ("… to assist Chile in the event it decides to
    attack", "in case it …"): the nearest party named before it in the sentence — the
    clause is about the latest participant, whichever noun the parser attached it to."""
    for j in range(tok.i - 1, tok.sent.start - 1, -1):
        cand = tok.doc[j]
        if cand.dep_ in _ANTECEDENT_DEPS or cand.dep_ == "pobj" and cand.head.head.pos_ in ("VERB", "AUX"):
            found = actors_of(cand, resolve=False)
            if found:
                return found
    return []


def actors_of(tok: Token, resolve: bool = True, places: bool = False) -> list[str]:
    """Actor ids named by the noun phrase headed by `tok`, in text order, deduplicated."""
    doc = tok.doc
    seen: list[str] = []
    for t in sorted(np_core(tok), key=lambda t: t.i):
        m = actor_at(doc, t.i, places)
        ids: list[str] = [m.actor_id] if m is not None else []
        if not ids and resolve and t.lower_ in _PRONOUNS and t.pos_ == "PRON":
            ids = resolve_pronoun(t)
        if not ids and t.lower_ in _FIRST_PERSON:
            ids = quote_speaker(t)
        if not ids and t.tag_ == "NNS":
            ids = pair_for(t)
        for a in ids:
            if a not in seen:
                seen.append(a)
    return seen


def children(tok: Token, deps: set[str] | tuple[str, ...]) -> list[Token]:
    return [c for c in kids(tok) if c.dep_ in deps]


def prep_objects(tok: Token, prep: str) -> list[Token]:
    """Heads of `tok`'s prepositional phrases introduced by `prep` ("out of" works too)."""
    words = prep.split()
    out: list[Token] = []
    for c in kids(tok):
        if c.dep_ not in ("prep", "agent", "dative") or c.lower_ != words[-1] and c.lower_ != words[0]:
            continue
        if len(words) > 1 and c.lower_ == words[0]:
            inner = [g for g in kids(c) if g.dep_ == "prep" and g.lower_ == words[-1]]
            c = inner[0] if inner else c
        out.extend(g for g in kids(c) if g.dep_ in ("pobj", "pcomp"))
    return out


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in kids(verb))


def controller(verb: Token, depth: int = 0) -> list[str]:
    """Subject actors of `verb`, inherited through xcomp/conj/advcl/acl/relcl when implicit."""
    if depth > MAX_DEPTH:
        return []
    for c in kids(verb):
        if c.dep_ == "nsubj":
            if c.lower_ in _REL and verb.dep_ == "relcl":
                return actors_of(verb.head) or _behind(verb.head, depth)
            found = actors_of(c)
            if found or c.lower_ not in _PRONOUNS:
                return found
            return _governing_subject(verb)
        if c.dep_ == "agent":
            return [a for p in kids(c) if p.dep_ == "pobj" for a in actors_of(p)]
    head = verb.head
    if head is verb:
        return []
    if verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(verb))):
        from claimgraph.nlp.events.lexicon import lexicon

        if _plan_of_other(verb, head):
            return []  # "thwarted a plot to bomb X", the infinitive parsed onto the verb
        if verb.dep_ == "xcomp" and head.lemma_.lower() in lexicon().object_control:
            obj = [a for o in children(head, ("dobj",)) for a in actors_of(o)]
            if obj:
                return obj  # object control: "asked Baku to investigate"
        return controller(head, depth + 1)
    if verb.dep_ in ("conj", "acomp", "attr", "oprd"):
        return controller(head, depth + 1)
    if verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN"):  # "made flights, transporting arms"
        return controller(head, depth + 1)
    if verb.dep_ in ("acl", "relcl"):
        found = actors_of(head)
        # "prepared an airfield to assist X": an infinitive of purpose on a thing
        # (not an actor) is the purpose of whoever handled the thing
        if not found and _infinitive(verb) and head.dep_ in ("dobj", "nsubjpass") \
                and head.head.pos_ in ("VERB", "AUX") and _handler_is_author(head):
            return controller(head.head, depth + 1)
        return found or _behind(head, depth)
    if verb.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX"):
        return controller(head.head, depth + 1)
    return []


def _handler_is_author(noun: Token) -> bool:
    """"prepared an airfield to assist X": yes; "thwarted a plot to bomb X": the plot's
    author bombs, not its thwarter — a plan passes its doer on only through an author verb."""
    from claimgraph.nlp.events.lexicon import lexicon

    lex = lexicon()
    if noun.lemma_.lower() not in lex.plan_nouns:
        return True
    verb = noun.head
    phrasal = [f"{verb.lemma_.lower()} {c.lower_}" for c in kids(verb) if c.dep_ == "prt"]
    return bool({verb.lemma_.lower(), *phrasal} & lex.plan_authors)


def _plan_of_other(verb: Token, head: Token) -> bool:
    """The infinitive right after a plan noun object belongs to that noun, whoever it hangs on."""
    return any(o.right_edge.i + 1 == verb.left_edge.i and not _handler_is_author(o)
               for o in children(head, ("dobj",)))


def _behind(noun: Token, depth: int) -> list[str]:
    """"X is behind the gunmen who attacked Y": whoever is behind the doers did it."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "behind" and prep.head.lemma_ == "be":
        return controller(prep.head, depth + 1)
    return []


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(verb))


def agent(verb: Token) -> list[str]:
    """The by-phrase of a passive (the parser sometimes hangs it on the object: "granted a waiver by X")."""
    found = [a for p in prep_objects(verb, "by") for a in actors_of(p)]
    if not found:
        found = [a for o in children(verb, ("dobj",)) for p in prep_objects(o, "by") for a in actors_of(p)]
    return found


def slot(verb: Token, name: str, places: bool = False) -> list[str]:
    """Actors in one argument slot of a verb: "dobj", "dative", "pobj:with", "ccomp", …"""
    if name in ("dobj", "dobj_head"):
        objs = children(verb, ("dobj",))
        if name == "dobj_head":
            return [m.actor_id for o in objs if (m := actor_at(verb.doc, o.i, places)) is not None]
        return [a for o in objs for a in actors_of(o, places=places)]
    if name == "dative":
        return [a for o in children(verb, ("dative",)) if o.pos_ != "ADP" for a in actors_of(o, places=places)]
    if name.startswith("pobj:"):
        # the phrase may hang off the verb or off its object ("recalled its ambassador from X")
        heads = [verb, *children(verb, ("dobj",))]
        heads += [p for h in heads[1:] for c in kids(h) if c.dep_ == "prep" and c.lower_ == "of"
                  for p in kids(c) if p.dep_ == "pobj"]
        for h in heads:
            found = [a for o in prep_objects(h, name[5:]) for a in actors_of(o, places=places)]
            if found:
                return found
        return []
    if name in ("ccomp", "xcomp"):
        for c in children(verb, (name,)):
            subj = children(c, ("nsubj", "nsubjpass"))
            if subj:
                found = [a for s in subj for a in actors_of(s)]
                if found:
                    return found
            found = [a for o in children(c, ("dobj", "dative")) for a in actors_of(o)]
            if found:
                return found
            for p in ("to", "against", "on", "with", "into", "from"):
                found = [a for o in prep_objects(c, p) for a in actors_of(o)]
                if found:
                    return found
    return []


def sentence_actor_count(doc: Doc, start: int, end: int) -> int:
    """How many distinct actors a token range names (used for confidence)."""
    return len({m.actor_id for i in range(start, end) if (m := actor_at(doc, i)) is not None})
