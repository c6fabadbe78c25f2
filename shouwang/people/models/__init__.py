from .imports import ImportJob, ImportRow, ImportStatus, RowOutcome
from .isolation import (
    ENDED_STATUSES,
    FEVER_THRESHOLD,
    Alert,
    AlertKind,
    ContactMethod,
    EpisodeEvent,
    EpisodeStatus,
    FollowUp,
    IsolationEpisode,
    IsolationKind,
    IsolationPolicy,
    IsolationSite,
    Symptom,
)
from .persons import (
    Person,
    PersonMerge,
    Sex,
    TravelMeans,
    TravelRecord,
    WatchReason,
    WatchRecord,
    WatchSource,
    WatchStatus,
)

__all__ = [
    "ENDED_STATUSES", "FEVER_THRESHOLD", "Alert", "AlertKind", "ContactMethod", "EpisodeEvent",
    "EpisodeStatus", "FollowUp", "ImportJob", "ImportRow", "ImportStatus", "IsolationEpisode",
    "IsolationKind", "IsolationPolicy", "IsolationSite", "Person", "PersonMerge", "RowOutcome", "Sex",
    "Symptom", "TravelMeans", "TravelRecord", "WatchReason", "WatchRecord", "WatchSource",
    "WatchStatus",
]
