from .followups import (
    alerts_open,
    episodes_ending,
    followups_due,
    followups_overdue,
    sites_with_occupancy,
)
from .persons import people_listed, person_duplicates, person_key_area, person_search

__all__ = [
    "alerts_open",
    "episodes_ending",
    "followups_due",
    "followups_overdue",
    "people_listed",
    "person_duplicates",
    "person_key_area",
    "person_search",
    "sites_with_occupancy",
]
