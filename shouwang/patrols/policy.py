"""The rules of the patrols area's pages and API operations (named once, used by both).

Field officers record patrols and their findings (RECORD_PATROLS); whoever plans duty keeps the
vehicles and drones and inspects the posts (MANAGE_DUTY); station chiefs and administrators
register video systems and cameras (MANAGE_VIDEO_SYSTEMS); the video room, officers and chiefs
take camera alerts in hand (HANDLE_VIDEO_ALERTS); commanders read everything (VIEW_REPORTS).
"""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import Policy

PATROL_RECORDS = Policy.any(C.RECORD_PATROLS, C.MANAGE_DUTY, C.VIEW_REPORTS)
PATROL_EXPORT = PATROL_RECORDS.with_all(C.EXPORT_DATA)
PATROL_WRITE = Policy.all(C.RECORD_PATROLS)
FLEET_MANAGE = Policy.all(C.MANAGE_DUTY)
# A vehicle's status changes with its patrols; chiefs and field officers may set it by hand too.
FLEET_STATUS = Policy.any(C.MANAGE_DUTY, C.RECORD_PATROLS)

VIDEO_MANAGE = Policy.all(C.MANAGE_VIDEO_SYSTEMS)
CAMERA_RECORDS = Policy.any(C.MANAGE_VIDEO_SYSTEMS, C.HANDLE_VIDEO_ALERTS, C.VIEW_REPORTS)
ALERT_RECORDS = Policy.any(C.HANDLE_VIDEO_ALERTS, C.VIEW_REPORTS)
ALERT_EXPORT = ALERT_RECORDS.with_all(C.EXPORT_DATA)
ALERT_HANDLE = Policy.all(C.HANDLE_VIDEO_ALERTS)

INSPECTION_RECORDS = Policy.any(C.MANAGE_DUTY, C.MANAGE_CHECKPOINTS, C.VIEW_REPORTS)
INSPECTION_EXPORT = INSPECTION_RECORDS.with_all(C.EXPORT_DATA)
INSPECTION_MANAGE = Policy.all(C.MANAGE_DUTY)
# The post's own station reports what it put right; the inspectors close it.
INSPECTION_RECTIFY = Policy.any(C.MANAGE_DUTY, C.MANAGE_CHECKPOINTS)
