"""The PLOVER ontology loader and the CAMEO → PLOVER table, read from the real data files."""

from __future__ import annotations

import pytest

from claimgraph.ontology import load_tsv, plover


def test_sixteen_types_in_four_quads() -> None:
    assert len(plover.PLOVER_TYPES) == 16
    assert plover.PLOVER_TYPES[0] == "AGREE" and plover.PLOVER_TYPES[-1] == "ASSAULT"
    quads = {plover.quad(t) for t in plover.PLOVER_TYPES}
    assert quads == set(plover.QUADS)
    assert plover.quad("AID") == "material cooperation"
    assert plover.quad("ACCUSE") == "verbal conflict"
    assert plover.quad("ASSAULT") == "material conflict"


def test_intensity_base_and_mode() -> None:
    assert plover.intensity("ASSAULT") == -9.0
    assert plover.intensity("AID") == 10.0
    assert plover.intensity("COERCE", "arrest") != plover.intensity("COERCE")
    assert plover.intensity("COERCE", "no-such-mode") == plover.intensity("COERCE")
    # cooperation scores above conflict, quad by quad
    assert min(plover.intensity(t) for t in plover.PLOVER_TYPES if plover.is_cooperative(t)) > max(
        plover.intensity(t) for t in plover.PLOVER_TYPES if plover.quad(t) == "material conflict")


def test_legacy_names() -> None:
    assert plover.normalise_type("DEMAND") == "REQUEST"
    assert plover.normalise_type("disapprove") == "ACCUSE"
    assert plover.normalise_type("INVESTIGATE") == "ACCUSE"
    assert plover.normalise_type("FIGHT") == "ASSAULT"
    assert plover.normalise_type("NOPE") is None
    with pytest.raises(KeyError):
        plover.quad("NOPE")


@pytest.mark.parametrize(("code", "kind", "mode"), [
    ("173", "COERCE", "arrest"), ("0871", "RETREAT", "ceasefire"), ("041", "CONSULT", "phone"),
    ("1123", "ACCUSE", "allege"), ("163", "COERCE", "restrict"), ("0312", "AGREE", None),
    ("195", "ASSAULT", "heavy-weapons"), ("1011", "REQUEST", "assist"),
])
def test_cameo_map(code: str, kind: str, mode: str | None) -> None:
    hit = plover.cameo_to_plover(code)
    assert hit is not None
    assert hit[0] == kind and hit[1] == mode


def test_cameo_longest_prefix_and_unknown() -> None:
    assert plover.cameo_to_plover("1389") == plover.cameo_to_plover("138")  # not listed: falls back
    assert plover.cameo_to_plover("01") is None
    assert plover.cameo_to_plover("abc") is None
    assert plover.cameo_to_plover("99999") is None


def test_cameo_table_is_consistent_with_the_ontology() -> None:
    for row in load_tsv("cameo_plover.tsv"):
        kind = row["type"]
        assert kind in plover.PLOVER_TYPES, row
        mode = (row.get("mode") or "").strip()
        assert not mode or mode in plover.modes(kind), row
        for ctx in filter(None, (c.strip() for c in (row.get("contexts") or "").split(";"))):
            assert ctx in plover.CONTEXTS, row
