"""The venue register: list, export, register, a venue's page, its reveal and status changes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.accounts.roles import Capability
from shouwang.privacy.exports import Column, personal
from shouwang.privacy.masking import mask_phone
from shouwang.privacy.reveal import reveal_view
from shouwang.shell.forms import add_service_errors, form_action
from shouwang.shell.listing import Listing
from shouwang.units.policy import guarded

from ..filters import VenueFilter
from ..forms import TransitionForm, VenueForm
from ..models import Venue, VenueKind, VenueStatus
from ..policy import VENUE_EXPORT, VENUE_RECORDS, VENUE_REVEAL
from ..selectors import venue_record, venues_listed
from ..services import venue_register, venue_transition, venue_update
from ..services.transitions import ALLOWED, RULES
from .common import officers_of, units_of, venue_or_404

# The search may be an owner's mobile: posted and kept out of URLs (privacy.searches).
VENUES = Listing(VenueFilter, sensitive=("q",))


@guarded(VENUE_RECORDS)
def venue_list(request):
    if request.method == "POST":
        return VENUES.search_redirect(request)
    return render(
        request,
        "venues/venue_list.html",
        {
            **VENUES.page(request, venues_listed(request.user)),
            "kinds": VenueKind.choices,
            "statuses": VenueStatus.choices,
            "units": units_of(request.user),
        },
    )


EXPORT_COLUMNS = (
    Column(_lazy("编号"), lambda venue: venue.pk),
    Column(_lazy("场所名称"), lambda venue: venue.name),
    Column(_lazy("场所类别"), lambda venue: venue.get_kind_display()),
    Column(_lazy("地址"), lambda venue: venue.address),
    Column(_lazy("经营者"), lambda venue: venue.owner_name),
    personal(_lazy("联系电话"), lambda venue: venue.owner_phone, mask_phone),
    Column(_lazy("统一社会信用代码"), lambda venue: venue.credit_code),
    Column(_lazy("状态"), lambda venue: venue.get_status_display()),
    Column(_lazy("下次回访"), lambda venue: venue.next_inspection_on or ""),
    Column(_lazy("管辖单位"), lambda venue: venue.unit.name),
    Column(_lazy("责任民警"), lambda venue: str(venue.officer or "")),
)


@guarded(VENUE_EXPORT)
def venue_export(request):
    return VENUES.export(
        request,
        venues_listed(request.user),
        filename=_("场所名册.xlsx"),
        columns=EXPORT_COLUMNS,
        model=Venue,
    )


def _form_data(data: dict) -> dict:
    return {
        key: data[key]
        for key in ("kind", "name", "address", "owner_name", "owner_phone", "credit_code", "note")
    }


@guarded(Capability.MANAGE_VENUES)
def venue_new(request):
    form = VenueForm(
        request.POST or None,
        units=units_of(request.user),
        officers=officers_of(request.user),
        initial={"unit": request.user.unit},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            venue = venue_register(
                actor=request.user,
                unit=data["unit"],
                data=_form_data(data),
                officer=data["officer"],
                inspection_every_days=data["inspection_every_days"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已登记场所：%(name)s") % {"name": venue.name})
            return redirect("venues:detail", pk=venue.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "venues/venue_form.html", {"form": form, "venue": None}, status=status)


@guarded(Capability.MANAGE_VENUES)
def venue_edit(request, pk: int):
    venue = venue_or_404(request, pk)
    initial = {name: getattr(venue, name) for name in VenueForm.base_fields}
    form = VenueForm(
        request.POST or None,
        units=units_of(request.user),
        officers=officers_of(request.user),
        editing=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            venue_update(
                actor=request.user,
                venue=venue,
                data=_form_data(data),
                officer=data["officer"],
                inspection_every_days=data["inspection_every_days"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("venues:detail", pk=venue.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "venues/venue_form.html", {"form": form, "venue": venue}, status=status)


def _transitions_for(user, venue: Venue) -> list[tuple[str, str]]:
    """The status changes this user may make to this venue now (the page offers only those)."""
    return [
        (status, VenueStatus(status).label)
        for status in ALLOWED[venue.status]
        if RULES[status].allows(user)
    ]


@guarded(VENUE_RECORDS)
def venue_detail(request, pk: int):
    venue = venue_or_404(request, pk)
    return render(
        request,
        "venues/venue_detail.html",
        {
            "venue": venue,
            "record": venue_record(venue, request.user),
            "transitions": _transitions_for(request.user, venue),
        },
    )


venue_reveal = reveal_view(
    venue_or_404, rule=VENUE_REVEAL, fields=("owner_phone",), template="venues/_owner_phone.html"
)


@guarded(VENUE_RECORDS)
@require_POST
def venue_status(request, pk: int):
    venue = venue_or_404(request, pk)
    form = TransitionForm(request.POST)
    return form_action(
        request,
        form,
        save=lambda data: venue_transition(
            actor=request.user, venue=venue, status=data["status"], note=data["note"]
        ),
        done=reverse("venues:detail", args=[venue.pk]),
        message=lambda _venue: (
            _("已变更为“%(s)s”") % {"s": VenueStatus(form.cleaned_data["status"]).label}
        ),
        invalid=_("请选择新状态"),
    )
