from .fleet import Vehicle, VehicleKind, VehicleStatus
from .inspections import (
    OPEN_STATUSES,
    ChecklistItem,
    InspectionStatus,
    PostInspection,
    PostInspectionItem,
)
from .patrols import DroneFlight, FindingKind, Patrol, PatrolFinding, PatrolKind
from .video import AlertKind, AlertOutcome, AlertStatus, Camera, VideoAlert, VideoSystem

__all__ = [
    "OPEN_STATUSES",
    "AlertKind",
    "AlertOutcome",
    "AlertStatus",
    "Camera",
    "ChecklistItem",
    "DroneFlight",
    "FindingKind",
    "InspectionStatus",
    "Patrol",
    "PatrolFinding",
    "PatrolKind",
    "PostInspection",
    "PostInspectionItem",
    "Vehicle",
    "VehicleKind",
    "VehicleStatus",
    "VideoAlert",
    "VideoSystem",
]
