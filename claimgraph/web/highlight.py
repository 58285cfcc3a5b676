"""Source-view highlighting that never lets article text become markup.

Article text is attacker-controlled. Instead of inserting tags into the text
(where one off-by-one would splice raw `<script>` into the page), the text is
cut at every span boundary and each piece is escaped on its own; tags are
only ever built by us around escaped pieces. Overlapping inline spans are
handled by wrapping each elementary piece in the classes of every span that
covers it, so nesting can never break.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

from markupsafe import Markup, escape

from claimgraph.model import Attribution, Event, Mention


@dataclass(slots=True)
class Mark:
    """An inline span: a CSS class, an optional link and tooltip."""

    start: int
    end: int
    css: str
    href: str | None = None
    title: str | None = None


@dataclass(slots=True)
class Block:
    """A sentence carrying events: one wrapper with an anchor per event (#ev-{id})."""

    start: int
    end: int
    events: list[Event] = field(default_factory=list)


def actor_href(actor_id: str) -> str:
    return "/actors/" + quote(actor_id, safe="")


def marks_for(mentions: Iterable[Mention], attributions: Iterable[Attribution], events: Iterable[Event],
              names: dict[str, str]) -> list[Mark]:
    """Mentions (linked to the actor page), attribution sources/cues/content, event triggers."""
    out: list[Mark] = []
    for m in mentions:
        if m.actor_id and m.role != "location":
            out.append(Mark(m.start, m.end, "mention", actor_href(m.actor_id), names.get(m.actor_id, m.actor_id)))
        else:
            out.append(Mark(m.start, m.end, "place", None, names.get(m.actor_id or "", m.text)))
    for a in attributions:
        out.append(Mark(a.content.start, a.content.end, "attr-content", None, None))
        out.append(Mark(a.cue.start, a.cue.end, "attr-cue", None, f"attribution ({a.kind})"))
        if a.source:
            out.append(Mark(a.source.start, a.source.end, "attr-source", None, "attributed to"))
    for ev in events:
        if ev.trigger:
            title = f"{ev.type}{'/' + ev.mode if ev.mode else ''} · {ev.status}"
            out.append(Mark(ev.trigger.start, ev.trigger.end, "trigger", None, title))
    return out


def blocks_for(events: Iterable[Event]) -> list[Block]:
    """Event sentences, merged where they overlap, so block wrappers never cross."""
    blocks: list[Block] = []
    for ev in sorted(events, key=lambda e: (e.sentence.start, e.sentence.end)):
        if blocks and ev.sentence.start < blocks[-1].end:
            blocks[-1].end = max(blocks[-1].end, ev.sentence.end)
            blocks[-1].events.append(ev)
        else:
            blocks.append(Block(ev.sentence.start, ev.sentence.end, [ev]))
    return blocks


def _open_block(b: Block) -> Markup:
    anchors = Markup("").join(
        Markup('<span class="ev-anchor" id="ev-{}" data-event="{}" title="{}"></span>').format(
            e.id, e.id, f"{e.type} · {e.status}")
        for e in b.events
    )
    types = " ".join(sorted({e.type.lower() for e in b.events}))
    return Markup('<span class="sent" data-types="{}">').format(types) + anchors


def _piece(text: str, active: list[Mark]) -> Markup:
    inner = escape(text)
    if not active:
        return Markup(inner)
    classes = " ".join(sorted({m.css for m in active}))
    link = next((m for m in active if m.href), None)
    title = "; ".join(dict.fromkeys(m.title for m in active if m.title))
    if link:
        return Markup('<a class="{}" href="{}" title="{}">{}</a>').format(classes, link.href, title, inner)
    return Markup('<span class="{}" title="{}">{}</span>').format(classes, title, inner)


def highlight(text: str, marks: list[Mark], blocks: list[Block]) -> Markup:
    """The document text as safe HTML with marks and event sentences wrapped."""
    n = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    blocks = [b for b in blocks if 0 <= b.start < b.end <= n]
    cuts = {0, n}
    for span in (*marks, *blocks):
        cuts.update((span.start, span.end))
    points = sorted(cuts)
    starts = {b.start: b for b in blocks}
    ends = {b.end for b in blocks}
    out: list[Markup] = []
    for a, b in zip(points, points[1:], strict=False):
        if a in starts:
            out.append(_open_block(starts[a]))
        active = [m for m in marks if m.start <= a and b <= m.end]
        out.append(_piece(text[a:b], active))
        if b in ends:
            out.append(Markup("</span>"))
    return Markup("").join(out)


def marked(text: str) -> Markup:
    """A search snippet: escape the (hostile) text, then turn the engine's markers into <mark>.

    The markers are private-use characters the store strips from indexed text,
    so only the search engine can have placed them; escaping first means an
    article's own `<mark>` or `<script>` stays text.
    """
    from claimgraph.store.search import CLOSE, OPEN

    safe = str(escape(text))
    # an unbalanced marker (a snippet cut between them) closes at the end
    opened = safe.count(OPEN) - safe.count(CLOSE)
    safe = safe.replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
    return Markup(safe + "</mark>" * max(opened, 0))
