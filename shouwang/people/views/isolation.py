"""Isolation episodes, follow-ups, the day's work lists, alerts and the release notice."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouwang.accounts.roles import Capability
from shouwang.shell.forms import add_service_errors
from shouwang.shell.listing import Listing
from shouwang.shell.redirects import next_path
from shouwang.units.models import Unit
from shouwang.units.policy import ACKNOWLEDGE_ALERTS, guarded, may
from shouwang.units.scoping import get_visible_or_404

from ..forms import EndChangeForm, EpisodeForm, FollowUpForm, TransitionForm
from ..models import Alert, EpisodeStatus, IsolationEpisode, IsolationSite, Person
from ..selectors import alerts_open, episodes_ending, followups_due, followups_overdue
from ..services import (
    alert_acknowledge,
    episode_change_end,
    episode_start,
    episode_transition,
    followup_record,
    followups_catch_up,
)
from .common import may_manage


def _episode(request, pk):
    return get_visible_or_404(
        IsolationEpisode.objects.select_related(
            "person", "unit", "site", "officer", "next_episode"
        ),
        request.user,
        pk=pk,
    )


@guarded(Capability.MANAGE_PEOPLE)
def episode_new(request, pk: int):
    person = get_visible_or_404(Person, request.user, pk=pk)
    if not may_manage(request.user):
        raise PermissionDenied
    sites = IsolationSite.objects.visible_to(request.user).filter(is_active=True)
    form = EpisodeForm(
        request.POST or None, sites=sites, initial={"start_date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = person.watch_records.exclude(status__in=["closed", "ruled_out"]).first()
        try:
            episode = episode_start(
                actor=request.user, person=person, officer=request.user, watch_record=record, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("计划解除日期：%(d)s") % {"d": episode.planned_end})
            return redirect("people:episode_detail", pk=episode.pk)
    return render(request, "people/episode_form.html", {"form": form, "person": person})


@guarded(Capability.VIEW_PEOPLE)
def episode_detail(request, pk: int):
    episode = _episode(request, pk)
    today = timezone.localdate()
    return render(
        request,
        "people/episode_detail.html",
        {
            "episode": episode,
            "events": episode.events.select_related("actor"),
            "followups": episode.followups.select_related("done_by"),
            # Follow-ups are recorded while isolating; who may record them and change the
            # episode, the page asks of each action's rule (`{% load policy %}`).
            "may_follow": episode.status == EpisodeStatus.ISOLATING,
            "transition_form": TransitionForm(initial={"on": today}),
            "end_form": EndChangeForm(initial={"planned_end": episode.planned_end}),
            "followup_form": FollowUpForm(),
            "today": today,
        },
    )


@guarded(Capability.MANAGE_PEOPLE)
@require_POST
def episode_transition_view(request, pk: int):
    episode = _episode(request, pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            episode_transition(actor=request.user, episode=episode, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, _("已变更状态"))
    else:
        messages.error(request, _("请填写日期"))
    return redirect("people:episode_detail", pk=episode.pk)


@guarded(Capability.MANAGE_PEOPLE)
@require_POST
def episode_end_view(request, pk: int):
    episode = _episode(request, pk)
    form = EndChangeForm(request.POST)
    if form.is_valid():
        try:
            episode_change_end(actor=request.user, episode=episode, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, _("已调整隔离期限"))
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("people:episode_detail", pk=episode.pk)


@guarded(Capability.RECORD_FOLLOW_UPS)
def followup_new(request, pk: int):
    episode = _episode(request, pk)
    due_date = parse_date(request.GET.get("date", "") or "") or timezone.localdate()
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            followup_record(
                actor=request.user, episode=episode, due_date=due_date, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已登记随访"))
            return redirect(next_path(request, "people:due"))
    return render(
        request,
        "people/followup_form.html",
        {"form": form, "episode": episode, "due_date": due_date},
    )


def _worklist(request, template, rows, title, **extra):
    return render(
        request,
        template,
        {
            **Listing().page(request, rows),
            "title": title,
            "mine": request.GET.get("mine") == "1",
            "today": timezone.localdate(),
            **extra,
        },
    )


def _followup_filters(request) -> dict:
    """The officer ("only mine") and unit a follow-up list is narrowed to."""
    unit_text = request.GET.get("unit", "")
    return {
        "officer": request.user if request.GET.get("mine") == "1" else None,
        "unit": get_visible_or_404(Unit, request.user, pk=int(unit_text))
        if unit_text.isdigit()
        else None,
    }


def _followup_worklist(request, rows, title, filters: dict, **extra):
    return _worklist(
        request,
        "people/followup_list.html",
        rows,
        title,
        units=Unit.objects.visible_to(request.user),
        unit=filters["unit"],
        **extra,
    )


@guarded(Capability.VIEW_PEOPLE)
def due_today(request):
    on = parse_date(request.GET.get("date", "") or "") or timezone.localdate()
    filters = _followup_filters(request)
    followups_catch_up(reader=request.user)
    rows = followups_due(request.user, on, **filters)
    return _followup_worklist(request, rows, _("今日应随访"), filters, on=on, kind="due")


@guarded(Capability.VIEW_PEOPLE)
def overdue(request):
    filters = _followup_filters(request)
    followups_catch_up(reader=request.user)
    rows = followups_overdue(request.user, timezone.localdate(), **filters)
    return _followup_worklist(
        request, rows, _("逾期未随访"), filters, on=timezone.localdate(), kind="overdue"
    )


@guarded(Capability.VIEW_PEOPLE)
def ending(request):
    rows = episodes_ending(request.user, timezone.localdate(), days=1)
    return _worklist(request, "people/ending_list.html", rows, _("今明两天解除隔离"))


@guarded(Capability.VIEW_PEOPLE)
def alert_list(request):
    show_all = request.GET.get("all") == "1"
    alerts = (
        Alert.objects.visible_to(request.user).select_related("person", "unit", "acknowledged_by")
        if show_all
        else alerts_open(request.user)
    )
    may_ack = may(request.user, "people:alert_ack")  # the acknowledgement's own rule
    return _worklist(
        request, "people/alert_list.html", alerts, _("健康预警"), may_ack=may_ack, show_all=show_all
    )


@guarded(ACKNOWLEDGE_ALERTS)
@require_POST
def alert_ack(request, pk: int):
    alert = get_visible_or_404(Alert, request.user, pk=pk)
    alert_acknowledge(actor=request.user, alert=alert)
    if request.htmx:
        return render(request, "people/_alert_row.html", {"alert": alert, "may_ack": False})
    return redirect("people:alerts")


@guarded(Capability.VIEW_PEOPLE)
def release_notice(request, pk: int):
    episode = _episode(request, pk)
    if episode.status != EpisodeStatus.RELEASED:
        messages.error(request, _("尚未解除隔离，不能打印解除通知"))
        return redirect("people:episode_detail", pk=episode.pk)
    return render(
        request,
        "people/release_notice.html",
        {
            "episode": episode,
            "days": (episode.actual_end - episode.start_date).days + 1,
            "issued_on": timezone.localdate(),
        },
    )
