"""Key areas: the bureau's list of regions whose arrivals must be registered."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.accounts.roles import Capability
from shouwang.privacy.exports import Column
from shouwang.shell.forms import add_service_errors, form_action
from shouwang.shell.listing import Listing
from shouwang.units.policy import SIGNED_IN, guarded
from shouwang.units.scoping import get_visible_or_404, unit_is_visible_to

from .filters import KeyAreaFilter
from .forms import KeyAreaEndForm, KeyAreaForm
from .models import KeyArea, RiskLevel
from .selectors import key_areas_listed, region_search
from .services import key_area_create, key_area_end, key_area_update

KEY_AREAS = Listing(KeyAreaFilter)


def _may_manage(user) -> bool:
    return user.has_capability(Capability.MANAGE_CHECKPOINTS)


@login_required
def area_list(request):
    return render(
        request,
        "areas/area_list.html",
        {
            **KEY_AREAS.page(request, key_areas_listed(request.user)),
            "risk_levels": RiskLevel.choices,
            "may_manage": _may_manage(request.user),
            "own_path": request.user.unit.path,
        },
    )


EXPORT_COLUMNS = (
    Column(_lazy("地区名称"), lambda area: area.name),
    Column(_lazy("行政区划代码"), lambda area: area.region_code),
    Column(_lazy("风险等级"), lambda area: area.get_risk_level_display()),
    Column(_lazy("号牌前缀"), lambda area: "、".join(area.plate_prefixes)),
    Column(_lazy("生效日期"), lambda area: area.valid_from),
    Column(_lazy("失效日期"), lambda area: area.valid_to or ""),
    Column(_lazy("发布单位"), lambda area: area.unit.name),
    Column(_lazy("备注"), lambda area: area.note),
)


@login_required
def area_export(request):
    return KEY_AREAS.export(
        request,
        key_areas_listed(request.user),
        filename=_("重点地区.xlsx"),
        columns=EXPORT_COLUMNS,
    )


@login_required
def region_options(request):
    """htmx: <option>s of the regions matching the typed text, for the picker's datalist."""
    return render(
        request,
        "areas/_region_options.html",
        {"regions": region_search(request.GET.get("region_code", "") or request.GET.get("q", ""))},
    )


@guarded(Capability.MANAGE_CHECKPOINTS)
def area_new(request):
    if not _may_manage(request.user):
        raise PermissionDenied
    form = KeyAreaForm(request.POST or None, initial={"valid_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            area = key_area_create(
                actor=request.user,
                region_code=data["region_code"],
                risk_level=data["risk_level"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已添加重点地区：%(name)s") % {"name": area.name})
            return redirect("areas:detail", pk=area.pk)
    return render(request, "areas/area_form.html", {"form": form, "area": None})


@guarded(SIGNED_IN, write=Capability.MANAGE_CHECKPOINTS)
def area_detail(request, pk: int):
    area = _readable_or_404(request, pk)
    editable = _may_manage(request.user) and unit_is_visible_to(area.unit, request.user)
    form = None
    if editable:
        form = KeyAreaForm(
            request.POST or None,
            editing=True,
            initial={
                "region_code": area.region_code,
                "risk_level": area.risk_level,
                "valid_from": area.valid_from,
                "valid_to": area.valid_to,
                "note": area.note,
            },
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                key_area_update(
                    actor=request.user,
                    area=area,
                    risk_level=data["risk_level"],
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                    note=data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("已保存"))
                return redirect("areas:detail", pk=area.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "areas/area_detail.html",
        {
            "area": area,
            "form": form,
            "editable": editable,
            "end_form": KeyAreaEndForm(initial={"on": timezone.localdate()}),
        },
    )


def _readable_or_404(request, pk: int) -> KeyArea:
    """Stations read their bureau's areas too; missing and out-of-reach look the same."""
    area = KeyArea.objects.readable_by(request.user).select_related("unit").filter(pk=pk).first()
    if area is None:
        raise Http404
    return area


@guarded(Capability.MANAGE_CHECKPOINTS)
@require_POST
def area_end(request, pk: int):
    area = get_visible_or_404(KeyArea, request.user, pk=pk)
    return form_action(
        request,
        KeyAreaEndForm(request.POST),
        save=lambda data: key_area_end(
            actor=request.user, area=area, on=data["on"], reason=data["reason"]
        ),
        done=reverse("areas:detail", args=[area.pk]),
        message=_("已终止该重点地区的有效期"),
        invalid=_("请填写最后有效日期"),
    )
