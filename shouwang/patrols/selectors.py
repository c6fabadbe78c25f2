"""Reads of the patrols area: scoped lists, a patrol's record, the nearest posts to an alert."""

import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from shouwang.checkpoints.models import Checkpoint
from shouwang.checkpoints.selectors import checkpoints_visible, passage_last_for_plate

from .models import (
    Camera,
    InspectionStatus,
    Patrol,
    PatrolFinding,
    PostInspection,
    Vehicle,
    VideoAlert,
    VideoSystem,
)

EARTH_RADIUS_M = 6_371_000


def vehicles_listed(user: Any) -> QuerySet[Vehicle]:
    return Vehicle.objects.visible_to(user).select_related("unit")


def patrols_listed(user: Any) -> QuerySet[Patrol]:
    return (
        Patrol.objects.visible_to(user)
        .select_related("unit", "vehicle")
        .annotate(finding_count=Count("findings", distinct=True))
        .order_by("-started_at", "-id")
    )


def patrol_findings(patrol: Patrol) -> QuerySet[PatrolFinding]:
    return patrol.findings.select_related("case", "report", "recorded_by")


def ongoing_patrols(user: Any) -> QuerySet[Patrol]:
    return Patrol.objects.visible_to(user).filter(ended_at=None).select_related("vehicle")


def video_systems_listed(user: Any) -> QuerySet[VideoSystem]:
    return (
        VideoSystem.objects.visible_to(user)
        .select_related("unit")
        .annotate(camera_count=Count("cameras"))
    )


def cameras_listed(user: Any) -> QuerySet[Camera]:
    return Camera.objects.visible_to(user).select_related("unit", "system")


def alerts_listed(user: Any) -> QuerySet[VideoAlert]:
    return (
        VideoAlert.objects.visible_to(user)
        .defer("snapshot")
        .select_related("unit", "camera", "checkpoint", "patrol")
        .order_by("-occurred_at", "-id")
    )


def alert_counts(user: Any) -> dict[str, int]:
    return VideoAlert.objects.visible_to(user).aggregate(
        new=Count("pk", filter=Q(status="new")),
        dispatched=Count("pk", filter=Q(status="dispatched")),
    )


def inspections_listed(user: Any) -> QuerySet[PostInspection]:
    return (
        PostInspection.objects.visible_to(user)
        .select_related("unit", "checkpoint", "inspector")
        .prefetch_related(Prefetch("items"))
    )


def overdue_inspections(user: Any, today) -> QuerySet[PostInspection]:
    return PostInspection.objects.visible_to(user).filter(
        status=InspectionStatus.RECTIFYING, deadline__lt=today
    )


def distance_m(lat1: Any, lng1: Any, lat2: Any, lng2: Any) -> int:
    """The great-circle distance in metres (haversine) between two points in degrees."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp = p2 - p1
    dl = math.radians(float(lng2) - float(lng1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return round(2 * EARTH_RADIUS_M * math.asin(math.sqrt(a)))


@dataclass(frozen=True)
class Candidate:
    checkpoint: Checkpoint
    distance_m: int | None

    @property
    def distance_text(self) -> str:
        if self.distance_m is None:
            return ""
        if self.distance_m < 1000:
            return _("%(m)s米") % {"m": self.distance_m}
        return _("%(km)s公里") % {"km": f"{self.distance_m / 1000:.1f}"}


def nearest_checkpoints(user: Any, alert: VideoAlert) -> list[Candidate]:
    """The user's active checkpoints, nearest to the alert's camera first when both have
    coordinates; those without coordinates follow by name (the video room chooses)."""
    camera = alert.camera
    candidates = []
    for checkpoint in checkpoints_visible(user, active_only=True):
        known = None not in (
            camera.latitude,
            camera.longitude,
            checkpoint.latitude,
            checkpoint.longitude,
        )
        distance = (
            distance_m(camera.latitude, camera.longitude, checkpoint.latitude, checkpoint.longitude)
            if known
            else None
        )
        candidates.append(Candidate(checkpoint, distance))
    return sorted(
        candidates,
        key=lambda c: (c.distance_m is None, c.distance_m or 0, c.checkpoint.name),
    )


def plate_passages(user: Any, plate: str) -> list:
    """The plate's latest passages at the bureau's checkpoints (the checkpoints area's read)."""
    return passage_last_for_plate(user=user, plate=plate, limit=10) if plate else []
