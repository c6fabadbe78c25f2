from .fleet import vehicle_register, vehicle_set_status, vehicle_update
from .inspections import post_inspection_close, post_inspection_record, post_inspection_report
from .patrols import finding_record, flight_record, patrol_end, patrol_start, patrol_update
from .video import (
    camera_register,
    camera_update,
    snapshot_content,
    video_alert_close,
    video_alert_dispatch,
    video_alert_ingest,
    video_system_create,
    video_system_for_token,
    video_system_revoke,
)

__all__ = [
    "camera_register",
    "camera_update",
    "finding_record",
    "flight_record",
    "patrol_end",
    "patrol_start",
    "patrol_update",
    "post_inspection_close",
    "post_inspection_record",
    "post_inspection_report",
    "snapshot_content",
    "vehicle_register",
    "vehicle_set_status",
    "vehicle_update",
    "video_alert_close",
    "video_alert_dispatch",
    "video_alert_ingest",
    "video_system_create",
    "video_system_for_token",
    "video_system_revoke",
]
