"""Patrols: the list, its export, a new patrol, its page, findings, flights, its end."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.privacy.exports import Column
from shouwang.shell.forms import form_action, form_page
from shouwang.shell.listing import Listing
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from ..filters import PatrolFilter
from ..forms import FindingForm, FlightForm, PatrolEndForm, PatrolForm
from ..models import Patrol, PatrolKind, VehicleKind
from ..policy import PATROL_EXPORT, PATROL_RECORDS, PATROL_WRITE
from ..selectors import patrol_findings, patrols_listed
from ..services import finding_record, flight_record, patrol_end, patrol_start, patrol_update
from .common import officers_of, units_of, vehicles_of

PATROLS = Listing(PatrolFilter)


@guarded(PATROL_RECORDS)
def patrol_list(request):
    return render(
        request,
        "patrols/patrol_list.html",
        {
            **PATROLS.page(request, patrols_listed(request.user)),
            "kinds": PatrolKind.choices,
            "units": units_of(request.user),
        },
    )


EXPORT_COLUMNS = (
    Column(_lazy("巡逻方式"), lambda patrol: patrol.get_kind_display()),
    Column(_lazy("区域或路线"), lambda patrol: patrol.area),
    Column(_lazy("车辆或无人机"), lambda patrol: str(patrol.vehicle or "")),
    Column(_lazy("开始时间"), lambda patrol: timezone.localtime(patrol.started_at)),
    Column(
        _lazy("结束时间"),
        lambda patrol: timezone.localtime(patrol.ended_at) if patrol.ended_at else "",
    ),
    Column(_lazy("巡逻人员"), lambda patrol: "、".join(str(u) for u in patrol.officers.all())),
    Column(_lazy("发现"), lambda patrol: patrol.finding_count),
    Column(_lazy("单位"), lambda patrol: patrol.unit.name),
    Column(_lazy("备注"), lambda patrol: patrol.note),
)


@guarded(PATROL_EXPORT)
def patrol_export(request):
    return PATROLS.export(
        request,
        patrols_listed(request.user),
        filename=_("巡逻记录.xlsx"),
        columns=EXPORT_COLUMNS,
        model=Patrol,
        prepare=lambda rows: rows.prefetch_related("officers"),
    )


def _patrol(request, pk: int) -> Patrol:
    return get_visible_or_404(Patrol.objects.select_related("unit", "vehicle"), request.user, pk=pk)


def _patrol_url(patrol: Patrol) -> str:
    return reverse("patrols:detail", kwargs={"pk": patrol.pk})


def _patrol_form(request, **kwargs) -> PatrolForm:
    user = request.user
    vehicles = vehicles_of(user).order_by("kind", "code")
    return PatrolForm(
        request.POST or None,
        units=units_of(user),
        vehicles=vehicles,
        officers=officers_of(user),
        **kwargs,
    )


@guarded(PATROL_WRITE)
def patrol_new(request):
    kind = request.GET.get("kind") if request.GET.get("kind") in PatrolKind.values else None
    form = _patrol_form(
        request,
        initial={
            "unit": request.user.unit,
            "started_at": timezone.localtime().replace(second=0, microsecond=0),
            "kind": kind or PatrolKind.FOOT,
        },
    )
    return form_page(
        request,
        form,
        save=lambda data: patrol_start(
            actor=request.user,
            unit=data["unit"],
            kind=data["kind"],
            area=data["area"],
            vehicle=data["vehicle"],
            started_at=data["started_at"],
            ended_at=data["ended_at"],
            officers=list(data["officers"]),
            note=data["note"],
        ),
        done=_patrol_url,
        message=_("已登记巡逻"),
        template="patrols/patrol_form.html",
        context={"patrol": None},
    )


@guarded(PATROL_WRITE)
def patrol_edit(request, pk: int):
    patrol = _patrol(request, pk)
    form = _patrol_form(
        request,
        editing=True,
        initial={"area": patrol.area, "note": patrol.note, "officers": patrol.officers.all()},
    )
    return form_page(
        request,
        form,
        save=lambda data: patrol_update(
            actor=request.user,
            patrol=patrol,
            area=data["area"],
            note=data["note"],
            officers=list(data["officers"]),
        ),
        done=_patrol_url,
        message=_("已保存"),
        template="patrols/patrol_form.html",
        context={"patrol": patrol},
    )


@guarded(PATROL_RECORDS)
def patrol_detail(request, pk: int):
    patrol = _patrol(request, pk)
    return render(
        request,
        "patrols/patrol_detail.html",
        {
            "patrol": patrol,
            "officers": patrol.officers.all(),
            "findings": patrol_findings(patrol),
            "flights": patrol.flights.select_related("drone", "pilot"),
            "alerts": patrol.video_alerts.select_related("camera"),
            "end_form": PatrolEndForm(
                initial={"ended_at": timezone.localtime().replace(second=0, microsecond=0)}
            ),
        },
    )


@guarded(PATROL_WRITE)
@require_POST
def patrol_finish(request, pk: int):
    patrol = _patrol(request, pk)
    return form_action(
        request,
        PatrolEndForm(request.POST),
        save=lambda data: patrol_end(actor=request.user, patrol=patrol, ended_at=data["ended_at"]),
        done=reverse("patrols:detail", args=[patrol.pk]),
        message=_("巡逻已结束"),
        invalid=_("请填写结束时间"),
    )


@guarded(PATROL_WRITE)
def finding_new(request, pk: int):
    patrol = _patrol(request, pk)
    initial_kind = request.GET.get("kind", "")
    form = FindingForm(
        request.POST or None,
        initial={
            "kind": initial_kind,
            "occurred_at": timezone.localtime().replace(second=0, microsecond=0),
            "place": patrol.area,
        },
    )

    def save(data: dict):
        try:
            return finding_record(actor=request.user, patrol=patrol, **data)
        except PermissionDenied as error:
            # A refusal (the case this kind opens, the patrol's unit) is shown on the kind.
            raise ValidationError({"kind": str(error)}) from error

    return form_page(
        request,
        form,
        save=save,
        done=lambda finding: _patrol_url(patrol),
        message=_finding_message,
        template="patrols/finding_form.html",
        context={"patrol": patrol},
    )


def _finding_message(finding) -> str:
    if finding.case_id:
        return _("已登记并立案：%(case)s") % {"case": finding.case}
    if finding.report_id:
        return _("已登记并转线索受理")
    return _("已登记发现")


@guarded(PATROL_WRITE)
def flight_new(request, pk: int):
    patrol = _patrol(request, pk)
    if patrol.kind != PatrolKind.DRONE:
        messages.error(request, _("只有无人机巡查可以登记飞行"))
        return redirect("patrols:detail", pk=patrol.pk)
    form = FlightForm(
        request.POST or None,
        drones=vehicles_of(request.user).filter(kind=VehicleKind.DRONE),
        initial={
            "drone": patrol.vehicle,
            "took_off_at": timezone.localtime().replace(second=0, microsecond=0),
            "area": patrol.area,
        },
    )
    return form_page(
        request,
        form,
        save=lambda data: flight_record(actor=request.user, patrol=patrol, **data),
        done=lambda flight: _patrol_url(patrol),
        message=_("已登记飞行"),
        template="patrols/flight_form.html",
        context={"patrol": patrol},
    )
