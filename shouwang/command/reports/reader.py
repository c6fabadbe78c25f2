"""Who the daily report reads as: the unit itself.

The report of a unit is the same whoever asks for it (and the scheduled job asks as nobody), so
the areas' selectors, which scope by a user, are given this reader: it reaches exactly the unit
and the units below it, and may read figures (VIEW_REPORTS) and nothing else. Pages and the API
check first that the asking user may read the unit's reports (`rules.REPORTS` and jurisdiction).
"""

from dataclasses import dataclass, field

from shouwang.accounts.roles import Capability
from shouwang.units.models import Unit


@dataclass(frozen=True)
class UnitReader:
    unit: Unit
    capabilities: frozenset[str] = field(
        default=frozenset({Capability.VIEW_REPORTS, Capability.VIEW_PEOPLE})
    )
    is_authenticated: bool = True
    is_active: bool = True
    pk: None = None
    role: str = ""

    @property
    def unit_id(self) -> int:
        return self.unit.pk

    def has_capability(self, capability: str) -> bool:
        return capability in self.capabilities
