"""The patrols area's menu entries (collected by shouwang.shell.navigation)."""

from django.utils.translation import gettext_lazy as _

from shouwang.shell.navigation import NavigationEntry

from .policy import ALERT_RECORDS, INSPECTION_RECORDS, PATROL_RECORDS, VIDEO_MANAGE

NAVIGATION = [
    NavigationEntry(_("巡逻"), "patrols:list", PATROL_RECORDS),
    NavigationEntry(_("视频告警"), "patrols:alerts", ALERT_RECORDS),
    # The camera registry: its keepers (chiefs, administrators); others reach it from the alerts.
    NavigationEntry(_("摄像头"), "patrols:cameras", VIDEO_MANAGE),
    NavigationEntry(_("卡点督查"), "patrols:inspections", INSPECTION_RECORDS),
]
