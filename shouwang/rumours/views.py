"""The rumour knowledge base: list, export, enter, a rumour's page, edit, status changes, the
staff check of a group message, and the residents' "is this true?" page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from shouwang.audit.services import client_address
from shouwang.privacy.exports import Column
from shouwang.shell.forms import add_service_errors
from shouwang.shell.listing import Listing
from shouwang.units.models import Unit
from shouwang.units.policy import guarded

from . import throttle
from .filters import RumourFilter
from .forms import CheckForm, RumourForm, TransitionForm
from .models import RumourCategory, RumourStatus
from .rules import RUMOUR_EXPORT, RUMOUR_MANAGE, RUMOUR_RECORDS
from .selectors import (
    matches_for_public,
    rumour_for,
    rumour_sightings,
    rumours_listed,
    source_of,
)
from .services import (
    TRANSITIONS,
    may_act_on,
    rumour_check,
    rumour_create,
    rumour_transition,
    rumour_update,
)

RUMOURS = Listing(RumourFilter)


@guarded(RUMOUR_RECORDS)
def rumour_list(request):
    return render(
        request,
        "rumours/rumour_list.html",
        {
            **RUMOURS.page(request, rumours_listed(request.user)),
            "categories": RumourCategory.choices,
            "statuses": RumourStatus.choices,
            "units": Unit.objects.visible_to(request.user).filter(is_active=True),
        },
    )


EXPORT_COLUMNS = (
    Column(_lazy("编号"), lambda rumour: rumour.pk),
    Column(_lazy("谣言内容"), lambda rumour: rumour.claim),
    Column(_lazy("辟谣内容"), lambda rumour: rumour.rebuttal),
    Column(_lazy("类别"), lambda rumour: rumour.get_category_display()),
    Column(_lazy("状态"), lambda rumour: rumour.get_status_display()),
    Column(_lazy("来源"), lambda rumour: "；".join(rumour.sources)),
    Column(_lazy("证据与依据"), lambda rumour: rumour.evidence),
    Column(_lazy("首次发现"), lambda rumour: rumour.first_seen),
    Column(_lazy("发现次数"), lambda rumour: rumour.times_seen),
    Column(_lazy("单位"), lambda rumour: rumour.unit.name),
)


@guarded(RUMOUR_EXPORT)
def rumour_export(request):
    return RUMOURS.export(
        request,
        rumours_listed(request.user),
        filename=_("谣言库.xlsx"),
        columns=EXPORT_COLUMNS,
    )


def _form_data(form: RumourForm) -> dict:
    data = form.service_data()
    data["sources"] = data.get("sources", "")
    return data


@guarded(RUMOUR_MANAGE)
def rumour_new(request):
    form = RumourForm(request.POST or None, initial={"first_seen": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            rumour = rumour_create(
                actor=request.user, publish=form.cleaned_data["publish"], **_form_data(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已录入谣言条目"))
            return redirect("rumours:detail", pk=rumour.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "rumours/rumour_form.html", {"form": form, "rumour": None}, status=status
    )


@guarded(RUMOUR_MANAGE)
def rumour_edit(request, pk: int):
    rumour = rumour_for(request.user, pk)
    initial = {
        "claim": rumour.claim,
        "rebuttal": rumour.rebuttal,
        "category": rumour.category,
        "sources": "\n".join(rumour.sources),
        "evidence": rumour.evidence,
        "aliases": rumour.aliases,
        "first_seen": rumour.first_seen,
    }
    form = RumourForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            rumour_update(actor=request.user, rumour=rumour, data=_form_data(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return redirect("rumours:detail", pk=rumour.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "rumours/rumour_form.html", {"form": form, "rumour": rumour}, status=status
    )


def _source_link(rumour) -> dict | None:
    """The route, url and label of the record a rumour came from (a resident's tip), if any."""
    source = source_of(rumour)
    if source is None:
        return None
    name = f"{rumour.source_type.app_label}:detail"
    try:
        url = reverse(name, kwargs={"pk": source.pk})
    except NoReverseMatch:
        return {"name": "", "url": "", "label": str(source)}
    return {"name": name, "url": url, "label": str(source)}


def _detail(request, rumour, transition_form=None, status: int = 200):
    editable = may_act_on(request.user, rumour)
    allowed = list(TRANSITIONS[rumour.status])
    return render(
        request,
        "rumours/rumour_detail.html",
        {
            "rumour": rumour,
            "editable": editable,
            "transition_form": transition_form or TransitionForm(allowed=allowed),
            "sightings": rumour_sightings(rumour),
            "source_link": _source_link(rumour),
        },
        status=status,
    )


@guarded(RUMOUR_RECORDS)
def rumour_detail(request, pk: int):
    return _detail(request, rumour_for(request.user, pk))


@guarded(RUMOUR_MANAGE)
@require_POST
def rumour_transition_view(request, pk: int):
    rumour = rumour_for(request.user, pk)
    form = TransitionForm(request.POST, allowed=list(TRANSITIONS[rumour.status]))
    if not form.is_valid():
        return _detail(request, rumour, form, status=422)
    try:
        rumour_transition(
            actor=request.user,
            rumour=rumour,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _detail(request, rumour, form, status=422)
    messages.success(request, _("状态已更新"))
    return redirect("rumours:detail", pk=rumour.pk)


@guarded(RUMOUR_RECORDS)
def rumour_check_view(request):
    """Paste a group message: the best matches with copy-ready rebuttals (the best counted)."""
    form = CheckForm(request.POST or None)
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = rumour_check(actor=request.user, text=form.cleaned_data["text"])
            except ValidationError as error:
                add_service_errors(form, error)
                status = 422
        else:
            status = 422
    return render(
        request,
        "rumours/check.html",
        {"form": form, "result": result, "checked": result is not None},
        status=status,
    )


@require_http_methods(["GET"])
def public_check(request):
    """Residents: paste a message, see the published rumours it repeats and their rebuttals.
    Nothing here reads `request.user`; each check is counted per client address."""
    typed = request.GET.get("q", "")[:2000]
    context = {"typed": typed, "matches": [], "checked": False, "error": ""}
    status = 200
    if typed.strip():
        try:
            throttle.count_check(throttle.client_key(client_address(request)))
        except throttle.RateLimited as limited:
            context["error"] = limited.message
            status = 429
        else:
            context.update(matches=matches_for_public(typed), checked=True)
    return render(request, "rumours/public/check.html", context, status=status)
