"""Matcher patterns for date and duration expressions, built from the lexicon.

Each pattern's label names the *shape* that was matched ("MDY" = month day
year); timex_resolve.py has one interpreter per label. spaCy's own DATE
entities are only used as supporting evidence: the small model merges
neighbouring expressions ("April 18, just days") and misses years inside
names ("the 2020 Nagorno-Karabakh war"), so extents come from here.

Token regexes are anchored and free of nested quantifiers, so they run in
linear time on any token the tokenizer produces.
"""

from __future__ import annotations

from typing import Any

from spacy.matcher import Matcher
from spacy.vocab import Vocab

from claimgraph.nlp.timex.lexicon import Lexicon

Pattern = list[dict[str, Any]]

YEAR_RE = r"^(1\d|20)\d\d$"
DAY_RE = r"^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?$"
MONTH_NUM_RE = r"^(0?[1-9]|1[0-2])$"
ISO_RE = r"^(1\d|20)\d\d[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])$"
SLASH_RE = r"^\d{1,2}/\d{1,2}/(\d\d|\d{4})$"
DECADE_RE = r"^'?(1\d|20)?\d0s$"
YEAR_PART_RE = r"^(?i:early|mid|late)-(1\d|20)\d\d$"
RANGE_RE = r"^(1\d|20)\d\d[-–—/]((1\d|20)\d\d|\d\d)$"
QUARTER_RE = r"^[Qq][1-4]$"
DASHES = ["-", "–", "—"]
ORDINAL_WORDS = ["first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th", "final"]
FOR_WORDS = ["for", "over"]

# When two matches cover the same tokens, the lower number wins.
PRIORITY: dict[str, int] = {
    "ISO": 0, "SLASH": 0, "MDY": 1, "DMY": 1, "RANGE": 1, "MY": 2, "M_OF_REL": 2, "QUARTER": 2,
    "SEASON": 2, "PART_THE": 2, "MD": 3, "DM": 3, "AGO": 3, "SPAN_DUR": 3, "VAGUE_SIDE": 3, "REL_UNIT": 4,
    "REL_M": 4, "WEEKDAY": 4, "DEICTIC": 5, "DECADE": 5, "YEAR_PART": 5, "DURATION": 6,
    "DUR_ADJ": 6, "DUR_BARE": 7, "M": 8, "YEAR": 8,
}


def _in(words: object) -> dict[str, Any]:
    return {"IN": sorted(words)}  # type: ignore[call-overload]


def patterns(lex: Lexicon) -> dict[str, list[Pattern]]:
    """Every pattern by label (the shape it matches)."""
    month: dict[str, Any] = {"LOWER": _in(lex.months), "IS_TITLE": True, "TAG": {"NOT_IN": ["MD"]}}
    month_full: dict[str, Any] = {"LOWER": _in(lex.month_full), "IS_TITLE": True, "TAG": {"NOT_IN": ["MD"]}}
    day = {"TEXT": {"REGEX": DAY_RE}}
    year = {"TEXT": {"REGEX": YEAR_RE}}
    comma = {"ORTH": ",", "OP": "?"}
    of = {"LOWER": "of", "OP": "?"}
    step = {"LOWER": _in(lex.steps)}
    weekday = {"LOWER": _in(lex.weekdays), "IS_TITLE": True}
    season = {"LOWER": _in(lex.seasons), "POS": {"IN": ["NOUN", "PROPN"]}}
    calendar_units = [w for w, u in lex.units.items() if u.name in ("year", "month", "week", "quarter", "decade")]
    cal_unit = {"LOWER": _in(calendar_units + ["weekend"])}
    any_unit = {"LOWER": _in(lex.units)}
    plural_unit = {"LOWER": _in(w for w in lex.units if w.endswith("s") and len(w) > 4)}
    num_first_words = set(lex.numbers) | lex.vague_numbers
    num_first_a: dict[str, Any] = {"LOWER": _in(num_first_words)}
    num_first_b: dict[str, Any] = {"LIKE_NUM": True, "TEXT": {"NOT_IN": [","]}}
    num_more: dict[str, Any] = {"LOWER": _in(num_first_words | {"and", "-", "of"}), "OP": "{0,4}"}
    half = [{"LOWER": "and"}, {"LOWER": "a"}, {"LOWER": "half"}]

    out: dict[str, list[Pattern]] = {
        "ISO": [[{"TEXT": {"REGEX": ISO_RE}}],
                [year, {"ORTH": "-"}, {"TEXT": {"REGEX": MONTH_NUM_RE}}, {"ORTH": "-"}, day]],
        "SLASH": [[{"TEXT": {"REGEX": SLASH_RE}}]],
        "MDY": [[month, day, comma, year]],
        "DMY": [[day, of, month, comma, year]],
        "MD": [[month, day]],
        "DM": [[day, {"LOWER": "of"}, month], [day, month]],
        "MY": [[month, {"LOWER": {"IN": [",", "of"]}, "OP": "?"}, year]],
        "M_OF_REL": [[month, of, step, {"LOWER": "year"}]],
        "REL_M": [[step, month_full]],
        "M": [[month_full]],
        "YEAR": [[year]],
        "YEAR_PART": [[{"TEXT": {"REGEX": YEAR_PART_RE}}]],
        "DECADE": [[{"TEXT": {"REGEX": DECADE_RE}}], [{"ORTH": "'"}, {"TEXT": {"REGEX": DECADE_RE}}]],
        "RANGE": [
            [{"LOWER": "between"}, year, {"LOWER": "and"}, year],
            [{"LOWER": "from"}, year, {"LOWER": {"IN": ["to", "until", "till", "through"]}}, year],
            [year, {"ORTH": {"IN": DASHES}}, {"TEXT": {"REGEX": r"^((1\d|20)\d\d|\d\d)$"}}],
            [year, {"LOWER": {"IN": ["to", "through"]}}, year],
            [{"TEXT": {"REGEX": RANGE_RE}}],
        ],
        "QUARTER": [
            [{"LOWER": "the", "OP": "?"}, {"LOWER": _in(ORDINAL_WORDS)}, {"LOWER": "quarter"},
             {"LOWER": "of", "OP": "?"}, year],
            [{"LOWER": "the"}, {"LOWER": _in(ORDINAL_WORDS)}, {"LOWER": "quarter"}],
            [{"TEXT": {"REGEX": QUARTER_RE}}, year],
        ],
        "SEASON": [[step, season], [season, of, year], [{"LOWER": "the"}, season, {"LOWER": "of"}, year]],
        "REL_UNIT": [[step, cal_unit]],
        "SPAN_DUR": [[{"LOWER": "the"}, {"LOWER": _in(["past", "last", "previous", "next", "coming", "first"])},
                      num_first_a | {"OP": "?"}, num_more, any_unit],
                     [{"LOWER": "the"}, {"LOWER": _in(["past", "last", "previous", "next", "coming", "first"])},
                      num_first_b, num_more, any_unit]],
        "PART_THE": [[{"LOWER": "the"}, {"LOWER": _in(["beginning", "start", "end", "middle"])}, {"LOWER": "of"},
                      {"LOWER": "the"}, {"LOWER": _in(["year", "month", "week"])}]],
        "VAGUE_SIDE": [[{"LOWER": _in(lex.vague_sides)}, step, cal_unit]],
        "WEEKDAY": [[{"LOWER": _in(lex.steps), "OP": "?"}, weekday]],
        "DEICTIC": [[{"LOWER": w} for w in phrase.split()] for phrase in lex.deictic],
        "AGO": [[num_first_a, num_more, any_unit, {"LOWER": "ago"}],
                [num_first_b, num_more, any_unit, {"LOWER": "ago"}],
                [plural_unit, {"LOWER": "ago"}]],
        "DURATION": [[num_first_a, num_more, any_unit], [num_first_b, num_more, any_unit],
                     [num_first_a, num_more, any_unit, *half], [num_first_b, num_more, any_unit, *half]],
        "DUR_ADJ": [[num_first_a, {"ORTH": "-"}, any_unit], [num_first_b, {"ORTH": "-"}, any_unit],
                    [plural_unit, {"ORTH": "-"}, {"LOWER": "long"}]],
        "DUR_BARE": [[{"LOWER": _in(FOR_WORDS)}, plural_unit],
                     [{"LOWER": _in(FOR_WORDS)}, {"LOWER": "the"}, plural_unit]],
    }
    return out


def build_matcher(vocab: Vocab, lex: Lexicon) -> Matcher:
    """All patterns, compiled once per pipeline."""
    matcher = Matcher(vocab, validate=True)
    for label, pats in patterns(lex).items():
        matcher.add(label, pats)
    return matcher
