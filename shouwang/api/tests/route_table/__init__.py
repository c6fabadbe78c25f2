"""The expected role × route table: who may use every page and every API operation.

Each entry names the rule of its action (a capability or a shared `Policy` from units.policy), so
the roles allowed are those roles.py gives the capability. An action's page and its API operation
name the same rule. A new route without an entry here fails test_role_route_table.

Each area keeps its rows in its own module (`PAGES` and `API`, the parts of the tables below);
`entries` holds what they are made of and `PARAM_KINDS`. A key defined by two areas fails at import.
"""

from shouwang.units.policy import Rule

from . import (
    accounts,
    areas,
    bookings,
    cases,
    checkpoints,
    command,
    community,
    duty,
    intake,
    intake_public,
    offline,
    outreach,
    passes,
    patrols,
    people,
    rumours,
    shell,
    supplies,
    units,
    venues,
)
from .entries import (
    EXCLUDED_NAMES,
    EXCLUDED_PREFIXES,
    OCCUPANT_REVEAL,
    OTHERS_BUILDING,
    OTHERS_BULLETIN,
    OTHERS_PASSAGE,
    PARAM_KINDS,
    PASS_EXPORT,
    PASSAGE_EXPORT,
    PERSON_REVEAL,
    PUBLIC,
    SYSTEM_TOKEN,
    Page,
    action,
    form,
    view,
)

__all__ = [
    "API",
    "EXCLUDED_NAMES",
    "EXCLUDED_PREFIXES",
    "OCCUPANT_REVEAL",
    "OTHERS_BUILDING",
    "OTHERS_BULLETIN",
    "OTHERS_PASSAGE",
    "PAGES",
    "PARAM_KINDS",
    "PASS_EXPORT",
    "PASSAGE_EXPORT",
    "PERSON_REVEAL",
    "PUBLIC",
    "SYSTEM_TOKEN",
    "Page",
    "action",
    "form",
    "view",
]

# The walks request the routes in table order and a POST may change what a later route finds:
# these are the orders of the one table the areas were split from. A new area goes in both.
PAGE_ORDER = (
    shell,
    accounts,
    units,
    areas,
    checkpoints,
    passes,
    offline,
    people,
    cases,
    venues,
    intake,
    outreach,
    intake_public,
    rumours,
    bookings,
    community,
    duty,
    patrols,
    command,
    supplies,
)
API_ORDER = (
    shell,
    accounts,
    units,
    areas,
    checkpoints,
    passes,
    offline,
    people,
    cases,
    venues,
    command,
    outreach,
    intake_public,
    intake,
    rumours,
    bookings,
    community,
    duty,
    patrols,
    supplies,
)


def merged(part: str, order: tuple) -> dict:
    """The areas' rows of one table, refusing a key that two areas define."""
    table = {}
    for area in order:
        rows = getattr(area, part)
        twice = sorted(table.keys() & rows.keys())
        if twice:
            name = area.__name__.rpartition(".")[2]
            raise ValueError(f"{name}.{part} defines again: {', '.join(twice)}")
        table.update(rows)
    return table


if set(PAGE_ORDER) != set(API_ORDER):
    raise ValueError(
        f"one order lacks {sorted(a.__name__ for a in set(PAGE_ORDER) ^ set(API_ORDER))}"
    )
PAGES: dict[str, Page] = merged("PAGES", PAGE_ORDER)
API: dict[str, Rule] = merged("API", API_ORDER)
