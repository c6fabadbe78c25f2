"""Inspections, price checks, the re-inspection due list and the watched items' prices."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.cases.services import Upload
from shouwang.shell.evidence_safety import evidence_limits
from shouwang.shell.forms import add_service_errors
from shouwang.shell.periods import day_param
from shouwang.shell.uploads import read_uploads
from shouwang.units.policy import guarded

from ..forms import InspectionForm, PriceCheckForm, PriceItemForm
from ..models import InspectionResult
from ..policy import PRICE_SETTINGS, VENUE_RECORDS
from ..selectors import inspections_due, price_items_readable
from ..services import inspection_record, price_check_record, price_item_save
from .common import officers_of, units_of, venue_or_404


@guarded(Capability.INSPECT_VENUES)
def inspection_new(request, pk: int):
    venue = venue_or_404(request, pk)
    form = InspectionForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "inspected_at": timezone.localtime(),
            "unannounced": request.GET.get("unannounced") == "1",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        photos = [
            Upload(name, content)
            for name, content in read_uploads(data["photos"], max_bytes=evidence_limits().max_bytes)
        ]
        try:
            inspection = inspection_record(
                actor=request.user,
                venue=venue,
                result=data["result"],
                notes=data["notes"],
                inspected_at=data["inspected_at"],
                unannounced=data["unannounced"],
                case_kind=data["case_kind"] or None,
                photos=photos,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if inspection.case_id:
                messages.warning(
                    request,
                    _("已记录违规，并已立案：%(n)s") % {"n": inspection.case.number},
                )
                return redirect("cases:detail", pk=inspection.case_id)
            messages.success(request, _("已记录检查：%(name)s 合规") % {"name": venue.name})
            if request.POST.get("next") == "due":  # back to the round of the day
                return redirect("venues:due")
            return redirect("venues:detail", pk=venue.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "venues/inspection_form.html",
        {"form": form, "venue": venue, "violation": InspectionResult.VIOLATION},
        status=status,
    )


@guarded(Capability.INSPECT_VENUES)
def price_check_new(request, pk: int):
    venue = venue_or_404(request, pk)
    form = PriceCheckForm(
        request.POST or None,
        items=price_items_readable(request.user),
        initial={"checked_at": timezone.localtime()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check = price_check_record(
                actor=request.user,
                venue=venue,
                item=data["item"],
                item_name=data["item_name"],
                unit_of_sale=data["unit_of_sale"],
                observed_price=data["observed_price"],
                reference_price=data["reference_price"],
                threshold_percent=data["threshold_percent"],
                quality_issue=data["quality_issue"],
                notes=data["notes"],
                checked_at=data["checked_at"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if check.case_id:
                messages.warning(request, _("发现问题，已立案：%(n)s") % {"n": check.case.number})
                return redirect("cases:detail", pk=check.case_id)
            messages.success(request, _("已记录价格检查，未发现问题"))
            return redirect("venues:detail", pk=venue.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "venues/price_check_form.html", {"form": form, "venue": venue}, status=status
    )


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 19 else None


@guarded(VENUE_RECORDS)
def due_list(request):
    """Today's (or a day's) re-inspections: due, overdue, and how many were done."""
    units = units_of(request.user)
    unit_id = _int(request.GET.get("unit"))
    unit = units.filter(pk=unit_id).first() if unit_id else None
    officer = _int(request.GET.get("officer"))
    if request.GET.get("mine") == "1":
        officer = request.user.pk
    found = inspections_due(
        request.user,
        day=day_param(request.GET.get("date"), timezone.localdate()),
        unit=unit,
        officer_id=officer,
    )
    return render(
        request,
        "venues/due_list.html",
        {
            "due": found,
            "units": units,
            "officers": officers_of(request.user),
            "unit": unit,
            "officer": officer,
            "today": timezone.localdate(),
        },
    )


@guarded(VENUE_RECORDS, write=PRICE_SETTINGS)
def price_items(request):
    form = PriceItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = price_item_save(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存：%(item)s") % {"item": item})
            return redirect("venues:price_items")
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "venues/price_items.html",
        {"form": form, "items": price_items_readable(request.user)},
        status=status,
    )
