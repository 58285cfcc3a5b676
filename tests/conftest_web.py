"""Test data for the web, report and export tests, written through the real Store API.

Not a conftest (pytest does not auto-load it): the web/export tests import
`make_store` so every suite builds the same small but complete store — three
articles, resolved actors, events with attributions, and claims with links and
grades — including one article whose text carries script-injection payloads.
"""

from __future__ import annotations

from pathlib import Path

from claimgraph.model import (
    Actor,
    Attribution,
    Claim,
    ClaimLink,
    DateValue,
    Document,
    Event,
    Grade,
    Mention,
    Span,
    Timex,
    document_id,
)
from claimgraph.store import Store
from claimgraph.store.claims import ClaimStore, StoredClaim

XSS_SCRIPT = "<script>window.__cg_pwned = 1;</script>"
XSS_IMG = '<img src=x onerror="window.__cg_pwned = 2">'
XSS_NAME = 'Evil <img src=x onerror="window.__cg_pwned = 3"> Corp'

DOCS = [
    ("Haaretz", "2012-03-29", "Israel signs arms deal",
     "Israel sold drones to Azerbaijan in 2012, according to Haaretz. Iran condemned the deal in March 2012."),
    ("The Cradle", "2023-04-05", "Airfield prepared",
     "Azerbaijan prepared an airfield for Israel in 2023, officials said. Azerbaijan denied the report."),
    ("Pwned Daily", "2023-05-01", f"Payload {XSS_SCRIPT}",
     f"{XSS_NAME} attacked Iran {XSS_SCRIPT} in May 2023. Witnesses saw {XSS_IMG} near Iran."),
]

ACTORS = [
    Actor("ISR", "Israel", "country", "ISR", "GOV"),
    Actor("AZE", "Azerbaijan", "country", "AZE", "GOV"),
    Actor("IRN", "Iran", "country", "IRN", "GOV"),
    Actor("haaretz", "Haaretz", "media", "ISR", "MED"),
    Actor("evil-corp", XSS_NAME, "company", None, "BUS", aliases=[XSS_IMG]),
]


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start, start + len(needle), needle)


def _sentence(text: str, needle: str) -> Span:
    """The sentence (split on '. ') that contains `needle`."""
    i = text.index(needle)
    start = text.rfind(". ", 0, i)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", i)
    end = len(text) if end < 0 else end + 1
    return Span(start, end, text[start:end])


def _mentions(doc_id: str, text: str) -> list[Mention]:
    out = []
    for actor in ACTORS:
        pos = 0
        while (i := text.find(actor.name, pos)) >= 0:
            out.append(Mention(doc_id, i, i + len(actor.name), actor.name, actor.id, rule="test"))
            pos = i + len(actor.name)
    return sorted(out, key=lambda m: m.start)


def make_store(path: Path | str) -> tuple[Store, dict[str, str]]:
    """A store at `path` (a SQLite file or a database URL) with documents, extraction and claims; returns it and doc ids by outlet."""
    store = Store.open(path)
    ids: dict[str, str] = {}
    for outlet, published, title, text in DOCS:
        doc = Document(id=document_id(text), text=text, origin=f"/corpus/{outlet}.txt", outlet=outlet, title=title,
                       published=DateValue(published, "day"), ingested_at=f"{published}T00:00:00+00:00")
        store.add_document(doc)
        ids[outlet] = doc.id
    events: dict[str, Event] = {}

    def ev(key: str, outlet: str, needle: str, type_: str, src: list[str], tgt: list[str], date: str | None,
           status: str = "asserted", trigger: str | None = None, **kw: object) -> Event:
        text = DOCS[[d[0] for d in DOCS].index(outlet)][3]
        e = Event(id=f"{ids[outlet][:8]}-{key}", document_id=ids[outlet], sentence=_sentence(text, needle),
                  type=type_, source=src, target=tgt, date=DateValue(date, "year" if len(date) == 4 else "month")
                  if date else None, status=status, trigger=_span(text, trigger) if trigger else None, **kw)
        events[key] = e
        return e

    plan = {
        "Haaretz": [ev("aid", "Haaretz", "sold drones", "AID", ["ISR"], ["AZE"], "2012", "reported", "sold",
                       mode="military", contexts=["military"], said_by="haaretz", intensity=10.0),
                    ev("accuse", "Haaretz", "condemned", "ACCUSE", ["IRN"], ["ISR", "AZE"], "2012-03",
                       trigger="condemned", intensity=-2.0)],
        "The Cradle": [ev("coop", "The Cradle", "prepared an airfield", "COOPERATE", ["AZE"], ["ISR"], "2023",
                          "reported", "prepared", contexts=["military"], intensity=9.5),
                       ev("deny", "The Cradle", "denied", "REJECT", ["AZE"], [], None, "asserted", "denied",
                          intensity=-2.0)],
        "Pwned Daily": [ev("assault", "Pwned Daily", "attacked", "ASSAULT", ["evil-corp"], ["IRN"], "2023-05",
                           trigger="attacked", intensity=-9.0)],
    }
    for outlet, evs in plan.items():
        doc_id, text = ids[outlet], DOCS[[d[0] for d in DOCS].index(outlet)][3]
        attrs = []
        if "according to" in text:
            attrs.append(Attribution(doc_id, _span(text, "according to"), Span(0, text.index(","), ""),
                                     _span(text, "Haaretz", text.index("according to")), "haaretz", "according_to"))
        if "officials said" in text:
            attrs.append(Attribution(doc_id, _span(text, "said"), Span(0, text.index(","), ""),
                                     _span(text, "officials"), None, "verb"))
        timexes = [Timex(doc_id, *(lambda s: (s.start, s.end, s.text))(_span(text, y)), y, "year")
                   for y in ("2012", "2023") if y in text]
        store.save_extraction(doc_id, actors=ACTORS, mentions=_mentions(doc_id, text), timexes=timexes,
                              attributions=attrs, events=evs, extractor_version="test")
    cs = ClaimStore(store)
    claims = [
        Claim("c-aid", "AID", ["ISR"], ["AZE"], "military", DateValue("2012", "year"), [events["aid"].id],
              [ids["Haaretz"]], ["Haaretz"], {"Haaretz": "reported"}, "reported",
              Grade("B", 2, ["corroborated by The Cradle", "reported, not asserted"]), intensity=10.0),
        Claim("c-coop", "COOPERATE", ["AZE"], ["ISR"], None, DateValue("2023", "year"), [events["coop"].id],
              [ids["The Cradle"]], ["The Cradle"], {"The Cradle": "reported"}, "reported",
              Grade("F", 3, ["one source", "denied by Azerbaijan"]), intensity=9.5),
        Claim("c-accuse", "ACCUSE", ["IRN"], ["ISR"], None, DateValue("2012-03", "month"), [events["accuse"].id],
              [ids["Haaretz"]], ["Haaretz"], {"Haaretz": "asserted"}, "asserted", Grade("C", 3, ["one source"]),
              intensity=-2.0),
        Claim("c-assault", "ASSAULT", ["evil-corp"], ["IRN"], None, DateValue("2023-05", "month"),
              [events["assault"].id], [ids["Pwned Daily"]], ["Pwned Daily"], {"Pwned Daily": "asserted"}, "asserted",
              Grade("E", 5, [f"source unreliable {XSS_IMG}"]), intensity=-9.0),
        Claim("c-deny", "REJECT", ["AZE"], [], None, None, [events["deny"].id], [ids["The Cradle"]], ["The Cradle"],
              {"The Cradle": "asserted"}, "asserted", Grade("F", 6, ["cannot be judged"]), intensity=-2.0),
    ]
    published = {ids[o]: p for o, p, _, _ in DOCS}
    cs.replace_claims(None, [StoredClaim(c, bucket="|".join(sorted(c.source + c.target)),
                                         reported=min(published[d] for d in c.documents)) for c in claims])
    cs.replace_links(None, [
        ("c-coop", ClaimLink("corroborates", "c-aid", "same dyad, another source, 2012 vs 2023")),
        ("c-deny", ClaimLink("denies", "c-coop", "Azerbaijan denied the report")),
        ("c-accuse", ClaimLink("contradicts", "c-aid", "Iran condemns what Israel presents as a deal")),
    ])
    return store, ids
