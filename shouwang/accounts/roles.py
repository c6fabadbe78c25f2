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
            C.ORDER_CLOSURES,
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
        }
    ),
    # Auxiliary officers do field work but never export nor decide penalties.
    Role.AUXILIARY: frozenset(_FIELD_WORK | {C.MANAGE_PEOPLE}),
    Role.VOLUNTEER: frozenset({C.REGISTER_PASSAGES, C.VERIFY_PASSES, C.REGISTER_NEEDS}),
    Role.DUTY_DESK: frozenset(
        {C.HANDLE_INTAKE, C.VIEW_PEOPLE, C.VIEW_PERSONAL_DATA, C.REGISTER_NEEDS, C.EXPORT_DATA}
    ),
    Role.HEALTH_LIAISON: frozenset({C.VIEW_PEOPLE, C.VIEW_PERSONAL_DATA, C.EXPORT_DATA}),
    Role.ADMINISTRATOR: frozenset(
        {C.MANAGE_UNITS, C.MANAGE_USERS, C.VIEW_AUDIT, C.SWITCH_EMERGENCY_LEVEL}
    ),
}

# Roles whose compromise would expose the whole bureau must prove a second factor.
SECOND_FACTOR_ROLES = frozenset({Role.COMMANDER, Role.ADMINISTRATOR})


def capabilities_of(role: str) -> frozenset[str]:
    return ROLE_CAPABILITIES.get(role, frozenset())
