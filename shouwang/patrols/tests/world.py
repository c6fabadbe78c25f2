"""The patrols area's records for the role × route table (api/tests/route_world.py)."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from shouwang.patrols.services import (
    camera_register,
    patrol_start,
    post_inspection_record,
    vehicle_register,
    video_alert_ingest,
    video_system_create,
)

# A 1×1 PNG: the alert's snapshot, so its snapshot page has something to serve.
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def patrol_objects(place: str, unit, chief, checkpoint) -> dict[str, Any]:
    """A car, a drone patrol under way, a camera with an alert, and an inspection with a
    rectification due, of `unit`, made by its station chief."""
    car = vehicle_register(actor=chief, unit=unit, data={"kind": "car", "code": f"{place}-CAR"})
    drone = vehicle_register(actor=chief, unit=unit, data={"kind": "drone", "code": f"{place}-UAV"})
    patrol = patrol_start(
        actor=chief,
        unit=unit,
        kind="drone",
        area=f"{place}封控小区",
        vehicle=drone,
        started_at=timezone.now() - timedelta(minutes=30),
    )
    system, _token = video_system_create(actor=chief, unit=unit, name=f"{place}视频平台")
    camera = camera_register(
        actor=chief, unit=unit, system=system, code=f"{place}-CAM", data={"name": "路口"}
    )
    alert = video_alert_ingest(
        system=system,
        system_event_id=f"{place}-1",
        camera=camera.code,
        kind="out_of_town_plate",
        occurred_at=timezone.now() - timedelta(minutes=5),
        plate="鄂A12345",
        snapshot=PNG,
    ).alert
    inspection = post_inspection_record(
        actor=chief,
        checkpoint=checkpoint,
        checklist={"staffing": (False, "缺1人")},
        deadline=timezone.localdate() + timedelta(days=2),
    )
    return {
        "vehicle": car,
        "patrol": patrol,
        "camera": camera,
        "video_alert": alert,
        "post_inspection": inspection,
    }
