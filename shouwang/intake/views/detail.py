"""One report, with everything needed to verify and settle it: its history, the plate's
passages, the registry people it may name, the green channels and deliveries, and the forms of
each action (the actions are in `actions.py`; on a refused action its bound form comes back
here with the errors and what was typed)."""

from typing import Any

from django.http import FileResponse, Http404
from django.shortcuts import render

from shouwang.accounts.roles import Capability
from shouwang.cases.selectors import case_for_source
from shouwang.privacy.reveal import reveal_view
from shouwang.rumours.selectors import (
    matches_for_staff,
    rumour_for_source,
    sighting_for_source,
)
from shouwang.units.policy import allows, guarded
from shouwang.units.scoping import unit_is_visible_to

from ..forms import (
    AssignForm,
    CaseForm,
    DeliveryForm,
    MergeForm,
    MovementForm,
    ReplyForm,
    RumourFromReportForm,
    TransitionForm,
    WatchForm,
)
from ..models import OPEN_STATUSES, Category, ReportType, Status
from ..rules import (
    CONTACT_REVEAL,
    INTAKE_HANDLE,
    INTAKE_RECORDS,
    RUMOUR_FROM_REPORT,
    WATCH_FROM_REPORT,
)
from ..selectors import (
    assignable_officers,
    assignable_units,
    people_matching,
    plate_passages,
    report_duplicates,
    report_for,
    report_history,
    report_movements,
    report_photos,
    route_checkpoints,
)
from ..services import TRANSITIONS


def detail_context(request, report, **bound: Any) -> dict[str, Any]:
    user = request.user
    may_handle = INTAKE_HANDLE.allows(user)
    person_query = request.GET.get("person", report.subject_name)
    context: dict[str, Any] = {
        "report": report,
        "history": report_history(report),
        "photos": report_photos(report),
        "duplicates": report_duplicates(report),
        "passages": plate_passages(user, report),
        "person_query": person_query,
        "people": people_matching(user, person_query) if report.type == ReportType.TIP else [],
        "movements": report_movements(report) if report.type == ReportType.HELP else [],
        "deliveries": list(report.deliveries.select_related("delivered_by"))
        if report.type == ReportType.HELP
        else [],
        "may_handle": may_handle,
        "may_watch": allows(user, WATCH_FROM_REPORT),
        "case": case_for_source(report, user) if report.type == ReportType.TIP else None,
        **_rumour_context(user, report, bound.get("rumour_form")),
        "may_reveal": allows(user, CONTACT_REVEAL),
        "may_view_people": user.has_capability(Capability.VIEW_PEOPLE),
        "is_open": report.status in OPEN_STATUSES,
        "overdue": report.overdue_now(),
    }
    if may_handle:
        allowed = sorted(TRANSITIONS[report.status], key=Status.values.index)
        context.update(
            assign_form=bound.get("assign_form")
            or AssignForm(units=assignable_units(user), officers=assignable_officers(user)),
            transition_form=bound.get("transition_form") or TransitionForm(allowed=allowed),
            reply_form=bound.get("reply_form") or ReplyForm(initial={"reply": report.reply}),
            merge_form=bound.get("merge_form") or MergeForm(),
            watch_form=bound.get("watch_form")
            or WatchForm(initial={"name": report.subject_name, "address": report.place}),
            case_form=bound.get("case_form") or CaseForm(initial={"facts": report.text}),
        )
        if report.type == ReportType.HELP:
            context.update(
                movement_form=bound.get("movement_form")
                or MovementForm(
                    checkpoints=route_checkpoints(report),
                    initial={"plate": report.plate, "reason": report.get_category_display()},
                ),
                delivery_form=bound.get("delivery_form") or DeliveryForm(),
            )
    return context


def _rumour_context(user, report, form) -> dict[str, Any]:
    """A rumour tip's links with the rumour knowledge base: the match stored on arrival, the
    entry it was turned into, and (neither yet) today's best matches and the form to turn it."""
    if report.type != ReportType.TIP or report.category != Category.RUMOUR:
        return {"is_rumour_tip": False}
    entry = rumour_for_source(report, user)
    sighting = sighting_for_source(report)
    context: dict[str, Any] = {
        "is_rumour_tip": True,
        "rumour_entry": entry,
        "rumour_sighting": sighting,
        "rumour_sighting_openable": sighting is not None
        and unit_is_visible_to(sighting.rumour.unit, user),
        "rumour_matches": [],
        "may_make_rumour": entry is None and allows(user, RUMOUR_FROM_REPORT),
    }
    if sighting is None and entry is None:
        context["rumour_matches"] = matches_for_staff(report.text, user)
    if context["may_make_rumour"]:
        context["rumour_form"] = form or RumourFromReportForm(
            initial={"claim": report.text[:300], "category": "other"}
        )
    return context


def render_detail(request, report, status: int = 200, **bound: Any):
    return render(
        request,
        "intake/report_detail.html",
        detail_context(request, report, **bound),
        status=status,
    )


@guarded(INTAKE_RECORDS)
def report_detail(request, pk: int):
    return render_detail(request, report_for(request.user, pk))


@guarded(INTAKE_RECORDS)
def report_photo(request, pk: int):
    """A verified photo of the report, served to staff only (never from a public path)."""
    report = report_for(request.user, pk)
    photo_id = request.GET.get("id", "")
    photos = [photo for photo in report_photos(report) if photo.shown]
    photo = next((p for p in photos if str(p.pk) == photo_id), photos[0] if photos else None)
    if photo is None:
        raise Http404
    response = FileResponse(photo.file.open("rb"), content_type=photo.content_type)
    response["Content-Disposition"] = f'inline; filename="{report.tracking_code}-{photo.pk}.jpg"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


contact_reveal = reveal_view(
    lambda request, pk: report_for(request.user, pk),
    rule=CONTACT_REVEAL,
    fields=("contact_phone",),
    template="intake/_revealed_contact.html",
)
