from .choices import (
    CATEGORIES,
    OPEN_STATUSES,
    OUTCOME_STATUSES,
    PUBLIC_CHANNELS,
    STAFF_CHANNELS,
    Category,
    Channel,
    EventKind,
    ReportType,
    Status,
    Urgency,
    categories_of,
)
from .dispatch import Delivery, GreenChannelMovement
from .evidence import PhotoStatus, ReportPhoto
from .reports import REPLY_LIMIT, TEXT_LIMIT, Report, ReportEvent
from .sla import SlaTarget

__all__ = [
    "CATEGORIES",
    "OPEN_STATUSES",
    "OUTCOME_STATUSES",
    "PUBLIC_CHANNELS",
    "REPLY_LIMIT",
    "STAFF_CHANNELS",
    "TEXT_LIMIT",
    "Category",
    "Channel",
    "Delivery",
    "EventKind",
    "GreenChannelMovement",
    "PhotoStatus",
    "Report",
    "ReportEvent",
    "ReportPhoto",
    "ReportType",
    "SlaTarget",
    "Status",
    "Urgency",
    "categories_of",
]
