from .addresses import Building, Household, HouseholdMember
from .captains import ActivityKind, BuildingActivity, BuildingCaptain, BuildingRepresentative
from .imports import HouseholdImportJob, HouseholdImportRow, ImportStatus, RowOutcome
from .screening import Campaign, CampaignHousehold, ScreeningPoint, Visit, VisitFinding

__all__ = [
    "ActivityKind",
    "Building",
    "BuildingActivity",
    "BuildingCaptain",
    "BuildingRepresentative",
    "Campaign",
    "CampaignHousehold",
    "Household",
    "HouseholdImportJob",
    "HouseholdImportRow",
    "HouseholdMember",
    "ImportStatus",
    "RowOutcome",
    "ScreeningPoint",
    "Visit",
    "VisitFinding",
]
