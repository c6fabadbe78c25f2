"""The staff roster: who is on it, their status (leave, sick, seconded…), leave cancelled for a unit."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from simple_history.utils import bulk_update_with_history

from shouwang.accounts.models import User
from shouwang.accounts.roles import Role
from shouwang.identity import IdentityError, normalize_mobile
from shouwang.identity.names import check_person_name
from shouwang.records import model_update
from shouwang.units.models import Unit
from shouwang.units.policy import require
from shouwang.units.scoping import bureau_of, unit_is_visible_to

from ..models import LeaveCancellation, Staff, StaffKind, StaffStatus
from ..rules import MANAGE

REFUSAL = _lazy("您无权管理勤务人员")
UNIT_REFUSAL = _lazy("只能管理本单位或下级单位的勤务人员")
KIND_OF_ROLE = {
    Role.OFFICER: StaffKind.OFFICER,
    Role.STATION_CHIEF: StaffKind.OFFICER,
    Role.DUTY_DESK: StaffKind.OFFICER,
    Role.AUXILIARY: StaffKind.AUXILIARY,
    Role.VOLUNTEER: StaffKind.VOLUNTEER,
}


def _require(actor, unit) -> None:
    require(actor, MANAGE, unit, message=str(REFUSAL), unit_message=str(UNIT_REFUSAL))


def _checked(*, kind: str, name: str, phone: str, association: str) -> dict:
    errors = {}
    if kind not in StaffKind.values:
        errors["kind"] = _("类别应为民警、辅警或志愿者")
    name = (name or "").strip()
    if not name:
        errors["name"] = _("请填写姓名")
    else:
        try:
            check_person_name(name, "name")
        except ValidationError as error:
            errors["name"] = error.message_dict["name"][0]
    phone = (phone or "").strip()
    if phone:
        try:
            phone = normalize_mobile(phone)
        except IdentityError as error:
            errors["phone"] = str(error)
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "name": name, "phone": phone, "association": association.strip()}


@transaction.atomic
def staff_create(
    *,
    actor,
    unit: Unit,
    kind: str,
    name: str,
    user: User | None = None,
    phone: str = "",
    association: str = "",
) -> Staff:
    """Put a person on the roster of `unit`; an account, when he has one, links to one record only."""
    _require(actor, unit)
    data = _checked(kind=kind, name=name, phone=phone, association=association)
    if user is not None:
        if not unit_is_visible_to(user.unit, actor):
            raise ValidationError({"user": _("只能关联本单位或下级单位的账号")})
        if Staff.objects.filter(user=user).exists():
            raise ValidationError({"user": _("该账号已在勤务名册中")})
    staff = Staff(unit=unit, user=user, created_by=actor, **data)
    staff._history_user = actor
    staff.save()
    return staff


@transaction.atomic
def staff_update(*, actor, staff: Staff, data: dict) -> Staff:
    """Change a person's name, kind, phone or association (his status has its own service)."""
    _require(actor, staff.unit)
    checked = _checked(
        kind=data.get("kind", staff.kind),
        name=data.get("name", staff.name),
        phone=data.get("phone", staff.phone),
        association=data.get("association", staff.association),
    )
    staff._history_user = actor
    model_update(staff, fields=("kind", "name", "phone", "association"), data=checked)
    return staff


@transaction.atomic
def staff_of_user(*, actor, user: User) -> Staff:
    """The roster record of an account, made on first need in the account's unit."""
    staff = Staff.objects.filter(user=user).first()
    if staff is not None:
        return staff
    if user.unit is None:
        raise ValidationError({"user": _("该账号未分配单位")})
    return staff_create(
        actor=actor,
        unit=user.unit,
        kind=KIND_OF_ROLE.get(user.role, StaffKind.OFFICER),
        name=user.full_name or user.username,
        user=user,
    )


@transaction.atomic
def staff_status_set(
    *,
    actor,
    staff: Staff,
    status: str,
    reason: str = "",
    status_from: date | None = None,
    status_until: date | None = None,
    seconded_to: Unit | None = None,
) -> Staff:
    """Record a person's status with its dates and reason; each change lands in his history.

    A secondment names the unit he goes to, which the actor must reach too (his own bureau's
    stations): a chief lends his officers, he does not take another station's.
    """
    _require(actor, staff.unit)
    staff = Staff.objects.select_for_update().get(pk=staff.pk)
    errors = {}
    if status not in StaffStatus.values:
        errors["status"] = _("未知的状态")
    reason = (reason or "").strip()
    if status != StaffStatus.ON_DUTY and status != StaffStatus.OFF and not reason:
        errors["reason"] = _("请填写原因")
    if status_from and status_until and status_until < status_from:
        errors["status_until"] = _("结束日期不能早于开始日期")
    if status == StaffStatus.SECONDED:
        if seconded_to is None:
            errors["seconded_to"] = _("请选择借调单位")
        elif seconded_to.pk == staff.unit_id:
            errors["seconded_to"] = _("借调单位不能是本单位")
        elif not seconded_to.is_active:
            errors["seconded_to"] = _("该单位已停用")
        elif bureau_of(seconded_to).pk != bureau_of(staff.unit).pk:
            errors["seconded_to"] = _("只能借调到本局的单位")
        if status_from is None:
            status_from = timezone.localdate()
    else:
        seconded_to = None
    if errors:
        raise ValidationError(errors)
    staff._history_user = actor
    staff._change_reason = reason[:100]
    model_update(
        staff,
        fields=("status", "status_from", "status_until", "status_reason", "seconded_to"),
        data={
            "status": status,
            "status_from": status_from,
            "status_until": status_until,
            "status_reason": reason[:200],
            "seconded_to": seconded_to,
        },
    )
    return staff


@transaction.atomic
def leave_cancel_for_unit(*, actor, unit: Unit, reason: str) -> LeaveCancellation:
    """Cancel the leave of everyone of `unit` and below it at once (全员取消休假, 一级响应).

    Everyone on leave is back on duty from today, with the reason in each person's history;
    the rows are locked and written in a fixed number of statements whatever their number.
    """
    _require(actor, unit)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写取消休假的原因")})
    on_leave = list(
        Staff.objects.select_for_update()
        .filter(unit__path__startswith=unit.path, status=StaffStatus.LEAVE, is_active=True)
        .order_by("pk")
    )
    today = timezone.localdate()
    for staff in on_leave:
        staff.status = StaffStatus.ON_DUTY
        staff.status_from = today
        staff.status_until = None
        staff.status_reason = reason[:200]
    if on_leave:
        bulk_update_with_history(
            on_leave,
            Staff,
            ["status", "status_from", "status_until", "status_reason"],
            default_user=actor,
            default_change_reason=(_("取消休假：%(reason)s") % {"reason": reason})[:100],
        )
    return LeaveCancellation.objects.create(
        unit=unit, reason=reason[:200], staff_count=len(on_leave), actor=actor
    )
