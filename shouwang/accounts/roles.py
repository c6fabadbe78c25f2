"""Roles are bundles of capabilities; code asks for a capability, never for a role."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMMANDER = "commander", _("指挥部")
    STATION_CHIEF = "station_chief", _("所长")
    OFFICER = "officer", _("民警")
    AUXILIARY = "auxiliary", _("辅警")
    VOLUNTEER = "volunteer", _("志愿者")
    DUTY_DESK = "duty_desk", _("值班室")
    HEALTH_LIAISON = "health_liaison", _("卫健联络员")
    ADMINISTRATOR = "administrator", _("系统管理员")


class Capability(models.TextChoices):
    SWITCH_EMERGENCY_LEVEL = "switch_emergency_level", _("调整响应级别")
    MANAGE_UNITS = "manage_units", _("管理单位")
    MANAGE_USERS = "manage_users", _("管理账号")
    VIEW_AUDIT = "view_audit", _("查看审计日志")
    VIEW_PERSONAL_DATA = "view_personal_data", _("查看完整个人信息")
    EXPORT_DATA = "export_data", _("导出数据")
    VIEW_REPORTS = "view_reports", _("查看统计与日报")
    MANAGE_CHECKPOINTS = "manage_checkpoints", _("管理卡点")
    REGISTER_PASSAGES = "register_passages", _("卡点通行登记")
    MANAGE_PASSES = "manage_passes", _("签发通行证")
    VERIFY_PASSES = "verify_passes", _("核验通行证")
    MANAGE_PEOPLE = "manage_people", _("管理重点人员")
    VIEW_PEOPLE = "view_people", _("查看重点人员")
    RECORD_FOLLOW_UPS = "record_follow_ups", _("健康随访")
    IMPORT_LISTS = "import_lists", _("导入名单")
    REGISTER_NEEDS = "register_needs", _("登记群众需求")
    HANDLE_INTAKE = "handle_intake", _("受理线索与求助")
    DECIDE_PENALTIES = "decide_penalties", _("作出处罚决定")
    MANAGE_DUTY = "manage_duty", _("勤务排班")
    MANAGE_SUPPLIES = "manage_supplies", _("物资管理")
    WORK_COMMUNITY = "work_community", _("入户排查与楼栋工作")
    MANAGE_COMMUNITY = "manage_community", _("管理排查活动与楼长")
    MANAGE_VENUES = "manage_venues", _("管理场所")
    ORDER_CLOSURES = "order_closures", _("下达关停与批准复业")
    INSPECT_VENUES = "inspect_venues", _("场所检查")
    HANDLE_CASES = "handle_cases", _("办理涉疫案件")
    # Patrols (foot, car, drone, video) with their findings; the video room's camera alerts.
    RECORD_PATROLS = "record_patrols", _("巡逻记录")
    HANDLE_VIDEO_ALERTS = "handle_video_alerts", _("处置视频告警")
    # Video systems (their tokens) and the camera registry: administrators and station chiefs.
    MANAGE_VIDEO_SYSTEMS = "manage_video_systems", _("管理视频系统与摄像头")
    MANAGE_ZONES = "manage_zones", _("划定与解除封控区域")
    # Booked no-contact services: chiefs and the bureau keep the windows, officers serve.
    MANAGE_SERVICE_WINDOWS = "manage_service_windows", _("管理预约服务窗口")
    SERVE_BOOKINGS = "serve_bookings", _("办理群众预约")
    # Outreach: officers draft bulletins, chiefs and the commander approve and publish them.
    DRAFT_BULLETINS = "draft_bulletins", _("起草宣传通告")
    PUBLISH_BULLETINS = "publish_bulletins", _("审核发布宣传通告")
    MANAGE_RESIDENT_GROUPS = "manage_resident_groups", _("管理警民联系群")
    # Rumours and their rebuttals (辟谣): officers, chiefs and the duty desk keep the knowledge base.
    MANAGE_RUMOURS = "manage_rumours", _("维护谣言与辟谣")


C = Capability
_FIELD_WORK = {
    C.REGISTER_PASSAGES,
    C.VERIFY_PASSES,
    C.REGISTER_NEEDS,
    C.VIEW_PEOPLE,
    C.RECORD_FOLLOW_UPS,
    # Household screening and building-captain work (楼长): every officer in the field.
    C.WORK_COMMUNITY,
    # Re-inspections of closed venues, price checks, and the cases they open.
    C.INSPECT_VENUES,
    C.HANDLE_CASES,
    # Patrols and their findings; the nearest post or patrol sent to a camera's alert.
    C.RECORD_PATROLS,
    C.HANDLE_VIDEO_ALERTS,
    # Serving residents at the booked windows (户政、交管、出入境): marking them served.
    C.SERVE_BOOKINGS,
}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.COMMANDER: frozenset(
        {
            C.SWITCH_EMERGENCY_LEVEL,
            C.VIEW_PERSONAL_DATA,
            C.EXPORT_DATA,
            C.VIEW_REPORTS,
            C.MANAGE_CHECKPOINTS,
            C.MANAGE_PASSES,
            C.VIEW_PEOPLE,
            C.MANAGE_DUTY,
            C.MANAGE_SUPPLIES,
            C.DECIDE_PENALTIES,
            C.MANAGE_COMMUNITY,
            # Closes venues county-wide ("every KTV and internet café") and approves reopening.
            C.ORDER_CLOSURES,
            # Bureau-wide bulletins: drafts them and approves and publishes the stations'.
            C.DRAFT_BULLETINS,
            C.PUBLISH_BULLETINS,
            # The bureau's own windows (exit-entry) and the traffic brigade's.
            C.MANAGE_SERVICE_WINDOWS,
            # Draws sealed, controlled and prevention zones and lifts them.
            C.MANAGE_ZONES,
        }
    ),
    Role.STATION_CHIEF: frozenset(
        _FIELD_WORK
        | {
            C.SWITCH_EMERGENCY_LEVEL,
            C.VIEW_PERSONAL_DATA,
            C.EXPORT_DATA,
            C.VIEW_REPORTS,
            C.MANAGE_CHECKPOINTS,
            C.MANAGE_PASSES,
            C.MANAGE_PEOPLE,
            C.IMPORT_LISTS,
            C.HANDLE_INTAKE,
            C.DECIDE_PENALTIES,
            C.MANAGE_DUTY,
            C.MANAGE_SUPPLIES,
            C.MANAGE_COMMUNITY,
            C.MANAGE_VENUES,
            C.MANAGE_VIDEO_SYSTEMS,
            C.ORDER_CLOSURES,
            C.DRAFT_BULLETINS,
            C.PUBLISH_BULLETINS,
            C.MANAGE_RESIDENT_GROUPS,
            C.MANAGE_RUMOURS,
            C.MANAGE_SERVICE_WINDOWS,
            C.MANAGE_ZONES,
        }
    ),
    Role.OFFICER: frozenset(
        _FIELD_WORK
        | {
            C.VIEW_PERSONAL_DATA,
            C.EXPORT_DATA,
            C.MANAGE_PASSES,
            C.MANAGE_PEOPLE,
            C.IMPORT_LISTS,
            C.HANDLE_INTAKE,
            C.DECIDE_PENALTIES,
            C.MANAGE_VENUES,
            # Drafts guidance for his groups and keeps their member counts; never publishes.
            C.DRAFT_BULLETINS,
            C.MANAGE_RESIDENT_GROUPS,
            C.MANAGE_RUMOURS,
        }
    ),
    # Auxiliary officers do field work but never export nor decide penalties.
    Role.AUXILIARY: frozenset(_FIELD_WORK | {C.MANAGE_PEOPLE}),
    Role.VOLUNTEER: frozenset({C.REGISTER_PASSAGES, C.VERIFY_PASSES, C.REGISTER_NEEDS}),
    Role.DUTY_DESK: frozenset(
        {
            C.HANDLE_INTAKE,
            C.VIEW_PEOPLE,
            C.VIEW_PERSONAL_DATA,
            C.REGISTER_NEEDS,
            C.EXPORT_DATA,
            # The 24 h video room: takes camera alerts and sends the nearest post or patrol.
            C.HANDLE_VIDEO_ALERTS,
            # Answers residents asking whether a message is true; turns rumour tips into entries.
            C.MANAGE_RUMOURS,
        }
    ),
    Role.HEALTH_LIAISON: frozenset({C.VIEW_PEOPLE, C.VIEW_PERSONAL_DATA, C.EXPORT_DATA}),
    Role.ADMINISTRATOR: frozenset(
        {
            C.MANAGE_UNITS,
            C.MANAGE_USERS,
            C.VIEW_AUDIT,
            C.SWITCH_EMERGENCY_LEVEL,
            C.MANAGE_VIDEO_SYSTEMS,
        }
    ),
}

# Roles whose compromise would expose the whole bureau must prove a second factor.
SECOND_FACTOR_ROLES = frozenset({Role.COMMANDER, Role.ADMINISTRATOR})


def capabilities_of(role: str) -> frozenset[str]:
    return ROLE_CAPABILITIES.get(role, frozenset())
