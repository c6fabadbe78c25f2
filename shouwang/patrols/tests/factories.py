"""Records of the patrols area for tests, made through the services."""

from datetime import timedelta

from django.utils import timezone

from shouwang.checkpoints.models import Checkpoint, CheckpointKind
from shouwang.patrols.models import Camera, Vehicle, VehicleKind, VideoSystem
from shouwang.patrols.services import (
    camera_register,
    patrol_start,
    vehicle_register,
    video_system_create,
)


def vehicle(actor, unit=None, *, kind=VehicleKind.CAR, code="陕K0001警") -> Vehicle:
    return vehicle_register(actor=actor, unit=unit or actor.unit, data={"kind": kind, "code": code})


def system(actor, unit=None, name="视频监控平台") -> tuple[VideoSystem, str]:
    return video_system_create(actor=actor, unit=unit or actor.unit, name=name)


def camera(actor, video_system, *, code="CAM-001", unit=None, lat=None, lng=None) -> Camera:
    return camera_register(
        actor=actor,
        unit=unit or video_system.unit,
        system=video_system,
        code=code,
        data={"name": f"点位{code}", "latitude": lat, "longitude": lng},
    )


def patrol(actor, *, kind="foot", vehicle=None, minutes_ago=30, **kwargs):
    return patrol_start(
        actor=actor,
        unit=actor.unit,
        kind=kind,
        area="城关镇主街",
        vehicle=vehicle,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        **kwargs,
    )


def checkpoint(unit, name="旅游路口卡点", lat=None, lng=None) -> Checkpoint:
    return Checkpoint.objects.create(
        unit=unit, name=name, kind=CheckpointKind.COUNTY_ROAD, latitude=lat, longitude=lng
    )
