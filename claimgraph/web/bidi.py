"""Bidirectional-override characters taken out of displayed text.

Why: an article's title, outlet or author (and any name lifted from its
text) is attacker-controlled. U+202E RIGHT-TO-LEFT OVERRIDE and its kin
reorder everything after them until the paragraph ends, so "gnp.exe" can
display as "exe.png", or a claim's outlet can appear to be another's. We
remove the embeddings and overrides (U+202A–U+202E) and the isolates
(U+2066–U+2069) from every plain value a page or the report displays.

The marks U+200E/U+200F (LRM/RLM) are kept: they cannot open a run that
swallows the text after them, and Hebrew and Arabic titles use them
legitimately. The stored data is untouched; only what is displayed changes.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

BIDI_CONTROLS = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_DROP = dict.fromkeys(BIDI_CONTROLS)


def strip_bidi(text: str) -> str:
    return text.translate(_DROP)


def display(value: Any) -> Any:
    """Jinja `finalize`: plain strings lose bidi controls; Markup (already built from escaped pieces) is left."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return strip_bidi(value)
    return value
