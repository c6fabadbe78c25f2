"""The people on the roster: list and export, a person's page and status, leave cancelled, hours."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.accounts.models import User
from shouwang.privacy.exports import Column, export_response, personal
from shouwang.privacy.masking import mask_phone
from shouwang.shell.forms import form_action, form_page
from shouwang.shell.listing import Listing
from shouwang.shell.periods import day_param
from shouwang.units.models import Unit
from shouwang.units.policy import guarded
from shouwang.units.scoping import bureau_of

from ..filters import StaffFilter
from ..forms import LeaveCancelForm, StaffForm, StatusForm
from ..models import LeaveCancellation, Staff, StaffKind, StaffStatus
from ..rules import MANAGE, STAFF_EXPORT, STAFF_RECORDS
from ..selectors import hours_period, hours_served, staff_listed
from ..services import leave_cancel_for_unit, staff_create, staff_status_set, staff_update
from .roster import units_of

STAFF = Listing(StaffFilter)


def _staff_or_404(request, pk: int) -> Staff:
    staff = staff_listed(request.user).filter(pk=pk).first()
    if staff is None:
        raise Http404
    return staff


def _bureau_units(user):
    """Units a person may be lent to: any active unit of the user's bureau."""
    bureau = bureau_of(user.unit)
    return Unit.objects.filter(path__startswith=bureau.path, is_active=True)


@guarded(STAFF_RECORDS)
def staff_list(request):
    return render(
        request,
        "duty/staff_list.html",
        {
            **STAFF.page(request, staff_listed(request.user)),
            "kinds": StaffKind.choices,
            "statuses": StaffStatus.choices,
            "units": units_of(request.user),
            "cancellations": LeaveCancellation.objects.visible_to(request.user).select_related(
                "unit", "actor"
            )[:3],
        },
    )


EXPORT_COLUMNS = (
    Column(_lazy("编号"), lambda staff: staff.pk),
    Column(_lazy("姓名"), lambda staff: staff.name),
    Column(_lazy("类别"), lambda staff: staff.get_kind_display()),
    Column(_lazy("所属单位"), lambda staff: staff.unit.name),
    Column(_lazy("所属组织"), lambda staff: staff.association),
    personal(_lazy("联系电话"), lambda staff: staff.phone, mask_phone),
    Column(_lazy("状态"), lambda staff: staff.get_status_display()),
    Column(_lazy("状态开始"), lambda staff: staff.status_from or ""),
    Column(_lazy("状态结束"), lambda staff: staff.status_until or ""),
    Column(_lazy("借调至"), lambda staff: staff.seconded_to.name if staff.seconded_to else ""),
    Column(_lazy("原因"), lambda staff: staff.status_reason),
    Column(_lazy("账号"), lambda staff: staff.user.username if staff.user else ""),
)


@guarded(STAFF_EXPORT)
def staff_export(request):
    return STAFF.export(
        request,
        staff_listed(request.user),
        filename=_("勤务人员.xlsx"),
        columns=EXPORT_COLUMNS,
        model=Staff,
    )


def _users_without_record(user):
    return (
        User.objects.visible_to(user)
        .filter(is_active=True, duty_staff__isnull=True)
        .order_by("unit__path", "username")
    )


def _staff_url(staff: Staff) -> str:
    return reverse("duty:staff_detail", kwargs={"pk": staff.pk})


@guarded(MANAGE)
def staff_new(request):
    form = StaffForm(
        request.POST or None,
        units=units_of(request.user),
        users=_users_without_record(request.user),
        initial={"unit": request.user.unit, "kind": StaffKind.VOLUNTEER},
    )
    return form_page(
        request,
        form,
        save=lambda data: staff_create(
            actor=request.user,
            unit=data["unit"],
            kind=data["kind"],
            name=data["name"],
            user=data["user"],
            phone=data["phone"],
            association=data["association"],
        ),
        done=_staff_url,
        message=lambda staff: _("已登记：%(name)s") % {"name": staff.name},
        template="duty/staff_form.html",
    )


@guarded(STAFF_RECORDS, write=MANAGE)
def staff_detail(request, pk: int):
    staff = _staff_or_404(request, pk)
    form = None
    if MANAGE.allows(request.user):
        form = StaffForm(
            request.POST or None,
            units=Unit.objects.filter(pk=staff.unit_id),
            users=User.objects.filter(pk=staff.user_id),
            editing=True,
            initial={
                "unit": staff.unit,
                "kind": staff.kind,
                "name": staff.name,
                "user": staff.user,
                "phone": staff.phone,
                "association": staff.association,
            },
        )

    def page() -> dict:
        status_form = StatusForm(
            units=_bureau_units(request.user),
            initial={
                "status": staff.status,
                "status_from": staff.status_from,
                "status_until": staff.status_until,
                "seconded_to": staff.seconded_to,
            },
        )
        return {
            "staff": staff,
            "status_form": status_form,
            "home_unit_reached": staff.unit.path.startswith(request.user.unit.path),
        }

    return form_page(
        request,
        form,
        save=lambda data: staff_update(
            actor=request.user,
            staff=staff,
            data={name: data[name] for name in ("kind", "name", "phone", "association")},
        ),
        done=_staff_url,
        message=_("已保存"),
        template="duty/staff_detail.html",
        context=page,
    )


@guarded(MANAGE)
@require_POST
def staff_status(request, pk: int):
    staff = _staff_or_404(request, pk)
    form = StatusForm(request.POST, units=_bureau_units(request.user))
    return form_action(
        request,
        form,
        save=lambda data: staff_status_set(
            actor=request.user,
            staff=staff,
            status=data["status"],
            reason=data["reason"],
            status_from=data["status_from"],
            status_until=data["status_until"],
            seconded_to=data["seconded_to"],
        ),
        done=reverse("duty:staff_detail", args=[staff.pk]),
        message=lambda _saved: (
            _("已变更为“%(s)s”") % {"s": StaffStatus(form.cleaned_data["status"]).label}
        ),
    )


@guarded(MANAGE)
def leave_cancel(request):
    form = LeaveCancelForm(
        request.POST or None, units=units_of(request.user), initial={"unit": request.user.unit}
    )
    on_leave = staff_listed(request.user).filter(status=StaffStatus.LEAVE, is_active=True)
    return form_page(
        request,
        form,
        save=lambda data: leave_cancel_for_unit(
            actor=request.user, unit=data["unit"], reason=data["reason"]
        ),
        done=lambda cancelled: f"{reverse('duty:staff')}?unit={cancelled.unit_id}",
        message=lambda cancelled: (
            _("%(unit)s 已取消休假：%(n)s 人恢复在岗")
            % {"unit": cancelled.unit.name, "n": cancelled.staff_count}
        ),
        template="duty/leave_cancel.html",
        context={"on_leave": on_leave.order_by("unit__path", "name")[:200]},
    )


def _hours_params(request):
    unit_text = request.GET.get("unit") or ""
    unit = (
        units_of(request.user).filter(pk=unit_text).first()
        if unit_text.isdigit() and len(unit_text) < 19
        else None
    )
    try:
        date_from, date_to = hours_period(
            day_param(request.GET.get("from")), day_param(request.GET.get("to"))
        )
    except ValidationError:
        date_from, date_to = hours_period(None, None)
    return unit, date_from, date_to


@guarded(STAFF_RECORDS)
def hours(request):
    unit, date_from, date_to = _hours_params(request)
    rows = hours_served(request.user, date_from=date_from, date_to=date_to, unit=unit)
    return render(
        request,
        "duty/hours.html",
        {
            "rows": [row for row in rows if row.shifts] if request.GET.get("all") != "1" else rows,
            "date_from": date_from,
            "date_to": date_to,
            "unit": unit,
            "units": units_of(request.user),
            "total_hours": round(sum(row.hours for row in rows), 1),
            "people": sum(1 for row in rows if row.shifts),
            "query": request.GET.urlencode(),
        },
    )


HOURS_COLUMNS = (
    Column(_lazy("姓名"), lambda row: row.staff.name),
    Column(_lazy("类别"), lambda row: row.staff.get_kind_display()),
    Column(_lazy("所属单位"), lambda row: row.staff.unit.name),
    Column(_lazy("所属组织"), lambda row: row.staff.association),
    Column(_lazy("班次数"), lambda row: row.shifts),
    Column(_lazy("执勤时长（小时）"), lambda row: row.hours),
    Column(_lazy("其中夜间（22–6时）"), lambda row: row.night_hours),
)


@guarded(STAFF_EXPORT)
def hours_export(request):
    unit, date_from, date_to = _hours_params(request)
    return export_response(
        request,
        filename=_("执勤时长_%(a)s_%(b)s.xlsx") % {"a": date_from, "b": date_to},
        columns=HOURS_COLUMNS,
        records=lambda: hours_served(request.user, date_from=date_from, date_to=date_to, unit=unit),
    )
