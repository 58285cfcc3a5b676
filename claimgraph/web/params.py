"""Every query and path parameter of the web app, declared once with its type.

Why a module of its own: a parameter that reaches the view code unchecked
used to become an HTTP 500 (`min_grade=BB` → `int("B")`). Declared here
with a pattern, an enum or a length bound, FastAPI refuses a bad value with
a 422 that names it, and the OpenAPI schema states what is accepted — so
schemathesis can generate both good and bad values from it. Pages and the
JSON API share these declarations so they accept exactly the same input.

Empty strings are accepted wherever the page forms send them ("any" in a
<select>, an empty date box) and mean "no filter".
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path, Query

from claimgraph.model import STATUSES
from claimgraph.ontology.plover import PLOVER_TYPES
from claimgraph.web.views import Filters

MAX_ID = 200  # longer than any id we mint (sha-derived, ISO codes, slugs)


def _any_case(word: str) -> str:
    """`AID` → `[Aa][Ii][Dd]`: case-insensitive without an inline flag, which JSON Schema's ECMA regex lacks."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else f"[{c}]" for c in word)


TYPE_PATTERN = "^(" + "|".join(_any_case(t) for t in PLOVER_TYPES) + ")?$"
STATUS_PATTERN = "^(" + "|".join(STATUSES) + ")?$"
GRADE_PATTERN = "^([A-Fa-f][1-6])?$"
# a year, a month or a day; months 01–12 and days 01–31, ASCII digits only
DATE_PATTERN = "^([0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)?$"

# What each parameter means, in the words a 422 message uses.
HINTS = {
    "type": "a PLOVER event type such as AID or ASSAULT",
    "status": "one of " + ", ".join(STATUSES),
    "min_grade": "an Admiralty grade: a letter A–F and a digit 1–6, such as B2",
    "since": "a date as YYYY, YYYY-MM or YYYY-MM-DD",
    "until": "a date as YYYY, YYYY-MM or YYYY-MM-DD",
    "by": "year or month",
    "time": "event or reporting",
    "country": "a state's ISO 3166-1 alpha-3 code such as SYR",
    "near": "a place: a town ('Aleppo', 'Tripoli, Libya'), a region or 'LAT,LON'",
    "km": "a radius in kilometres, more than 0 and at most 20000",
}

TypeQ = Annotated[str | None, Query(pattern=TYPE_PATTERN, max_length=16, description=HINTS["type"])]
StatusQ = Annotated[str | None, Query(pattern=STATUS_PATTERN, max_length=16, description=HINTS["status"])]
GradeQ = Annotated[str | None, Query(pattern=GRADE_PATTERN, max_length=2, description=HINTS["min_grade"])]
SinceQ = Annotated[str | None, Query(pattern=DATE_PATTERN, max_length=10, description="from " + HINTS["since"])]
UntilQ = Annotated[str | None, Query(pattern=DATE_PATTERN, max_length=10, description="to " + HINTS["until"])]
ActorQ = Annotated[str | None, Query(max_length=MAX_ID, description="an actor id")]
ByQ = Annotated[str, Query(pattern="^(year|month)$", description=HINTS["by"])]
TimeQ = Annotated[str, Query(pattern="^(event|reporting)$", description=HINTS["time"])]
CountryQ = Annotated[str | None, Query(pattern="^([A-Za-z]{3})?$", max_length=3, description=HINTS["country"])]
NearQ = Annotated[str | None, Query(max_length=200, description=HINTS["near"])]
KmQ = Annotated[float, Query(gt=0, le=20_000, description=HINTS["km"])]
DyadActorQ = Annotated[str, Query(min_length=1, max_length=MAX_ID, description="an actor id")]

# Every list is one bounded page: `limit` rows (at most MAX_LIMIT) from `offset`, with the `total`.
MAX_LIMIT = 200  # = claimgraph.store.queries.MAX_LIMIT (the web layer does not import the store for a constant)
LimitQ = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page (at most {MAX_LIMIT})")]
MAX_CLAIMS = 100  # claims carry their sources, links and grade reasons: a page of 100 stays under 200 kB
ClaimLimitQ = Annotated[int, Query(ge=1, le=MAX_CLAIMS, description=f"claims per page (at most {MAX_CLAIMS})")]
OffsetQ = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip")]
KindQ = Annotated[list[Literal["document", "sentence", "actor"]] | None,
                  Query(description="document, sentence or actor (repeat for several); default: all")]

ClaimId = Annotated[str, Path(max_length=MAX_ID, description="a claim id")]
DocId = Annotated[str, Path(max_length=MAX_ID, description="a document id")]
ActorId = Annotated[str, Path(max_length=MAX_ID, description="an actor id")]


def filters(type: str | None, status: str | None, min_grade: str | None, since: str | None,
            until: str | None, actor: str | None) -> Filters:
    """Validated parameters as view filters; an empty value is no filter."""
    return Filters(type=type or None, status=status or None, min_grade=min_grade or None, since=since or None,
                   until=until or None, actor=actor or None)


def hint(loc: tuple[int | str, ...] | list[int | str]) -> str | None:
    """What the parameter at a validation error's `loc` should look like, if we describe it."""
    return HINTS.get(str(loc[-1])) if loc else None
