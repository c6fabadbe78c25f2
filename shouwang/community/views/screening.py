"""Screening: campaigns, their coverage board, points, and the visitor's walk down a building."""

from datetime import timedelta
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.people.models import WatchReason
from shouwang.privacy.exports import Column, export_response
from shouwang.shell.forms import add_service_errors
from shouwang.shell.listing import Listing
from shouwang.units.models import Unit, UnitKind
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from ..forms import CampaignForm, PointForm, ReasonForm, VisitForm
from ..models import Building, CampaignHousehold, Visit
from ..rules import COMMUNITY_EXPORT, COMMUNITY_RECORDS, MANAGE, WORK
from ..selectors.addresses import building_rooms, household_for_page, visit_for_page
from ..selectors.coverage import (
    campaign_coverage,
    campaign_readable_or_404,
    campaign_units,
    campaigns_listed,
)
from ..selectors.staff import field_staff
from ..services import Finding, campaign_create, point_create, visit_record, visit_void
from ..services.common import HOUSEHOLD_UNIT_KINDS
from ..services.screening import campaign_covers, campaign_is_open

CAMPAIGN_UNIT_KINDS = (
    UnitKind.BUREAU,
    UnitKind.SUB_BUREAU,
    UnitKind.STATION,
    *HOUSEHOLD_UNIT_KINDS,
)


@guarded(COMMUNITY_RECORDS)
def campaign_list(request):
    context = Listing().page(request, campaigns_listed(request.user))
    today = timezone.localdate()
    for campaign in context["page_obj"]:
        campaign.is_open = campaign_is_open(campaign, today)
    return render(request, "community/campaign_list.html", context)


@guarded(MANAGE)
def campaign_new(request):
    units = Unit.objects.visible_to(request.user).filter(
        kind__in=CAMPAIGN_UNIT_KINDS, is_active=True
    )
    today = timezone.localdate()
    form = CampaignForm(
        request.POST or None,
        units=units,
        initial={
            "starts_on": today,
            "ends_on": today + timedelta(days=14),
            "units": [request.user.unit_id],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已发起排查：%(name)s") % {"name": campaign.name})
            return redirect("community:campaign", pk=campaign.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "community/campaign_form.html", {"form": form}, status=status)


def _board_unit(request):
    """The unit the board is for: ?unit= within the user's jurisdiction, else his own."""
    value = request.GET.get("unit", "")
    if value.isdigit() and len(value) < 19:
        return get_visible_or_404(Unit, request.user, pk=int(value))
    return request.user.unit


@guarded(COMMUNITY_RECORDS)
def campaign_board(request, pk: int):
    campaign = campaign_readable_or_404(request.user, pk)
    unit = _board_unit(request)
    coverage = campaign_coverage(campaign, user=request.user, unit=unit)
    return render(
        request,
        "community/campaign_board.html",
        {
            "campaign": campaign,
            "coverage": coverage,
            "units": [
                row
                for row in campaign_units(campaign, request.user.unit)
                if row["path"] != request.user.unit.path
            ],
            "is_open": campaign_is_open(campaign),
            "query": request.GET.urlencode(),
        },
    )


COVERAGE_COLUMNS = (
    Column(_lazy("社区/村"), lambda row: row.name),
    Column(_lazy("住户总数"), lambda row: row.households_total),
    Column(_lazy("已排查户数"), lambda row: row.households_visited),
    Column(_lazy("未排查户数"), lambda row: row.remaining),
    Column(_lazy("覆盖率（%）"), lambda row: row.percent),
    Column(_lazy("见到人数"), lambda row: row.people_seen),
    Column(_lazy("投入人次"), lambda row: row.staff_person_times),
    Column(_lazy("入户次数"), lambda row: row.visits),
)


@guarded(COMMUNITY_EXPORT)
def campaign_export(request, pk: int):
    campaign = campaign_readable_or_404(request.user, pk)
    unit = _board_unit(request)
    return export_response(
        request,
        filename=_("%(name)s排查进度.xlsx") % {"name": campaign.name},
        columns=COVERAGE_COLUMNS,
        records=lambda: (
            campaign_coverage(campaign, user=request.user, unit=unit, points=False).by_unit
        ),
    )


@guarded(MANAGE)
def point_new(request, pk: int):
    campaign = campaign_readable_or_404(request.user, pk)
    ids = [row["pk"] for row in campaign_units(campaign, request.user.unit)]
    units = Unit.objects.filter(pk__in=ids, kind__in=HOUSEHOLD_UNIT_KINDS).order_by("path")
    form = PointForm(request.POST or None, units=units, staff=field_staff(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            point_create(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已设置排查点"))
            return redirect("community:campaign", pk=campaign.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "community/point_form.html", {"campaign": campaign, "form": form}, status=status
    )


def _walk_buildings(request, campaign):
    """Buildings of the user's jurisdiction the campaign covers, by community."""
    paths = list(campaign.units.values_list("path", flat=True))
    buildings = (
        Building.objects.visible_to(request.user)
        .select_related("unit")
        .order_by("unit__path", "name")
    )
    return [b for b in buildings if any(b.unit.path.startswith(path) for path in paths)]


def _last_building(user, campaign) -> int | None:
    """Where the visitor left off: the building of his latest visit in the campaign."""
    return (
        Visit.objects.filter(campaign=campaign, recorded_by=user)
        .order_by("-created_at", "-id")
        .values_list("household__building_id", flat=True)
        .first()
    )


@guarded(WORK)
def campaign_walk(request, pk: int):
    """A visitor's phone: pick a building, go down it entrance by entrance; done rooms ticked."""
    campaign = campaign_readable_or_404(request.user, pk)
    buildings = _walk_buildings(request, campaign)
    chosen = request.GET.get("building", "") or str(_last_building(request.user, campaign) or "")
    building = next(
        (b for b in buildings if str(b.pk) == chosen), buildings[0] if buildings else None
    )
    entrances, done = [], set()
    if building is not None:
        entrances = building_rooms(building)
        done = set(
            CampaignHousehold.objects.filter(
                campaign=campaign, household__building=building
            ).values_list("household_id", flat=True)
        )
    rooms = sum(len(rooms) for _entrance, rooms in entrances)
    return render(
        request,
        "community/walk.html",
        {
            "campaign": campaign,
            "buildings": buildings,
            "building": building,
            "entrances": entrances,
            "done": done,
            "rooms": rooms,
            "done_count": len(done),
            "is_open": campaign_is_open(campaign),
        },
    )


def _findings(data) -> list[Finding]:
    findings = []
    if data["arrival_name"] or data["arrival_id_number"] or data["arrival_region"]:
        findings.append(
            Finding(
                reason=WatchReason.KEY_AREA_ARRIVAL,
                name=data["arrival_name"],
                id_number=data["arrival_id_number"],
                from_region_code=data["arrival_region"],
                arrived_on=data["arrival_on"],
            )
        )
    if data["fever_name"] or data["fever_id_number"] or data["fever_note"]:
        findings.append(
            Finding(
                reason=WatchReason.FEVER,
                name=data["fever_name"],
                id_number=data["fever_id_number"],
                note=data["fever_note"],
            )
        )
    return findings


FINDING_FIELDS = {
    ("findings", WatchReason.KEY_AREA_ARRIVAL): {
        "name": "arrival_name",
        "id_number": "arrival_id_number",
        "from_region_code": "arrival_region",
        "arrived_on": "arrival_on",
    },
    ("findings", WatchReason.FEVER): {
        "name": "fever_name",
        "id_number": "fever_id_number",
        "note": "fever_note",
    },
}


def _form_errors(form, error: ValidationError, findings: list[Finding]) -> None:
    """Service errors onto the form; `findings.<n>.<field>` onto that finding's own field."""
    if not hasattr(error, "error_dict"):
        add_service_errors(form, error)
        return
    for key, messages_ in error.message_dict.items():
        target = None
        parts = key.split(".")
        if parts[0] == "findings" and len(parts) == 3 and parts[1].isdigit():
            finding = findings[int(parts[1])]
            target = FINDING_FIELDS[("findings", finding.reason)].get(parts[2])
        elif key in form.fields:
            target = key
        for message in messages_:
            form.add_error(target, message)


@guarded(WORK)
def visit_new(request, pk: int):
    """The visit form of one household (?household=), alone or inside the walk page (htmx)."""
    campaign = campaign_readable_or_404(request.user, pk)
    household_id = request.GET.get("household", "")
    if not household_id.isdigit() or len(household_id) > 18:
        # No household chosen: the walk down a building, where one is picked.
        return redirect("community:walk", pk=campaign.pk)
    household = household_for_page(request.user, int(household_id))
    form = VisitForm(
        request.POST or None,
        questions=campaign.questions,
        colleagues=field_staff(request.user).exclude(pk=request.user.pk),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        findings = _findings(data)
        try:
            visit = visit_record(
                actor=request.user,
                campaign=campaign,
                household=household,
                visitors=[request.user, *data["visitors"]],
                residents_present=data["residents_present"],
                answers=form.answers(),
                note=data["note"],
                findings=findings,
            )
        except ValidationError as error:
            _form_errors(form, error, findings)
        else:
            found = visit.findings.count()
            message = _("已记录：%(address)s") % {"address": household.label}
            if found:
                message += _("；已登记%(n)s名重点人员") % {"n": found}
            messages.success(request, message)
            walk = reverse("community:walk", kwargs={"pk": campaign.pk})
            anchor = quote(household.entrance or "-")  # headers are ASCII
            target = f"{walk}?building={household.building_id}#entrance-{anchor}"
            if request.htmx:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
    context = {
        "campaign": campaign,
        "household": household,
        "form": form,
        "covered": campaign_covers(campaign, household.unit),
        "visited": CampaignHousehold.objects.filter(campaign=campaign, household=household).first(),
    }
    template = "community/_visit_form.html" if request.htmx else "community/visit_form.html"
    status = 422 if request.method == "POST" else 200
    return render(request, template, context, status=status)


@guarded(WORK)
@require_POST
def visit_cancel(request, pk: int):
    """Void a visit from its household's page; the reason is asked for in place."""
    visit = visit_for_page(request.user, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写作废原因"))
    else:
        try:
            visit_void(actor=request.user, visit=visit, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, _("已作废该入户记录，排查进度已更新"))
    return redirect("community:household", pk=visit.household_id)
