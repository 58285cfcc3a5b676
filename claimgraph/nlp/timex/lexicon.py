"""The dates component's vocabulary, read once from ontology/data/timex.toml.

Kept apart from the code so that a missing spelling ("Sept.", "tues") is a
one-line data edit; the Matcher patterns in timex_patterns.py are built from
these sets, so recognition and interpretation can never disagree about what
a word means.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimgraph.ontology import load_toml


@dataclass(frozen=True, slots=True)
class Unit:
    """A calendar or clock unit: its name, TIMEX3 duration letter, and whether
    it belongs after the "T" of a duration (hours and minutes)."""

    name: str
    letter: str
    time: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, int]
    month_full: frozenset[str]  # whole names only: safe to match alone
    weekdays: dict[str, int]
    seasons: dict[str, str]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    units: dict[str, Unit]  # word (singular or plural) → unit
    approx_words: frozenset[str]
    deictic: dict[str, str]  # phrase → "day", "day-1", "PAST_REF", …
    steps: dict[str, int]  # last → -1, this → 0, next → 1
    vague_sides: dict[str, str]  # earlier → PAST_REF
    parts: dict[str, str]  # early / mid / late …
    modifiers: dict[str, str]  # since → since, by → before …
    future_cues: frozenset[str]
    offset_words: dict[str, int]  # later → 1, earlier → -1 ("two days later")
    anaphoric_preps: frozenset[str]  # "During the ceremonies, …" opens on a known time
    anaphoric_dets: frozenset[str]
    continuation_openers: frozenset[str]  # "Meanwhile, …"
    moves_on: frozenset[str]  # "then", "later": the narrative time has advanced

    def unit_of(self, word: str) -> Unit | None:
        return self.units.get(word.lower())


def _longest_names(months: dict[str, int]) -> list[str]:
    """The full name of each month: the only spelling safe to match on its own
    ("Jan" alone is as often a first name as a month)."""
    best: dict[int, str] = {}
    for word, number in months.items():
        if len(word) > len(best.get(number, "")):
            best[number] = word
    return list(best.values())


@cache
def lexicon() -> Lexicon:
    """The parsed vocabulary, shared by every pipeline in the process."""
    data = load_toml("timex.toml")
    months = {k: int(v) for k, v in data["months"].items()}
    units: dict[str, Unit] = {}
    for name, spec in data["units"].items():
        unit = Unit(name, str(spec["letter"]), bool(spec.get("time", False)))
        for word in spec["words"]:
            units[word] = unit
    lists = data["lists"]
    return Lexicon(
        months=months,
        month_full=frozenset(_longest_names(months)),
        weekdays={k: int(v) for k, v in data["weekdays"].items()},
        seasons={k: str(v) for k, v in data["seasons"].items()},
        numbers={k: float(v) for k, v in data["numbers"].items()},
        vague_numbers=frozenset(lists["vague_numbers"]),
        units=units,
        approx_words=frozenset(lists["approx_words"]),
        deictic={k: str(v) for k, v in data["deictic"].items()},
        steps={k: int(v) for k, v in data["relative_steps"].items()},
        vague_sides={k: str(v) for k, v in data["vague_sides"].items()},
        parts={k: str(v) for k, v in data["parts"].items()},
        modifiers={k: str(v) for k, v in data["modifiers"].items()},
        future_cues=frozenset(lists["future_cues"]),
        offset_words={k: int(v) for k, v in data["offsets"].items()},
        anaphoric_preps=frozenset(data["discourse"]["anaphoric_preps"]),
        anaphoric_dets=frozenset(data["discourse"]["anaphoric_dets"]),
        continuation_openers=frozenset(data["discourse"]["continuation_openers"]),
        moves_on=frozenset(data["discourse"]["moves_on"]),
    )
