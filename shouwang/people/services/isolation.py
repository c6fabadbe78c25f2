"""Isolation episodes and their transitions; dates are Asia/Shanghai days."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.units.models import Unit
from shouwang.units.scoping import unit_is_visible_to

from ..models import (
    ENDED_STATUSES,
    EpisodeEvent,
    EpisodeStatus,
    FollowUp,
    IsolationEpisode,
    IsolationKind,
    IsolationPolicy,
    IsolationSite,
    Person,
    WatchRecord,
    WatchStatus,
)
from .common import require_manage
from .isolation_setup import planned_end_for, policy_for, policy_terms


def _schedule_followups(episode: IsolationEpisode, *, first_day: date | None = None) -> None:
    """Due rows for every follow-up day still ahead; undone rows past the end are dropped."""
    first_day = max(first_day or episode.start_date, episode.start_date)
    last_day = episode.actual_end or episode.planned_end
    FollowUp.objects.filter(episode=episode, done_at__isnull=True, due_date__gt=last_day).delete()
    every = episode.followup_every_days or 1
    wanted = [
        episode.start_date + timedelta(days=offset)
        for offset in range(0, (last_day - episode.start_date).days + 1, every)
    ]
    existing = set(FollowUp.objects.filter(episode=episode).values_list("due_date", flat=True))
    FollowUp.objects.bulk_create(
        [
            FollowUp(episode=episode, due_date=day)
            for day in wanted
            if day >= first_day and day not in existing
        ]
    )


def _event(episode, actor, action, *, old_status="", reason="", old_end=None) -> None:
    EpisodeEvent.objects.create(
        episode=episode,
        action=action,
        from_status=old_status,
        to_status=episode.status,
        old_planned_end=old_end,
        new_planned_end=episode.planned_end,
        reason=reason,
        actor=actor,
    )


@transaction.atomic
def episode_start(
    *,
    actor: Any,
    person: Person,
    kind: str,
    start_date: date,
    policy: IsolationPolicy | None = None,
    site: IsolationSite | None = None,
    room: str = "",
    planned_end: date | None = None,
    reason: str = "",
    officer: Any = None,
    watch_record: WatchRecord | None = None,
    unit: Unit | None = None,
) -> IsolationEpisode:
    """Open an episode (and its linked follow-on, for a "7 + 3" policy); isolating from today on."""
    unit = unit or person.unit
    require_manage(actor, unit)
    if person.is_merged:
        raise ValidationError({"person": _("该记录已合并，请选择保留的记录")})
    if (
        policy is not None
        and not unit_is_visible_to(policy.unit, actor)
        and (policy.unit_id not in unit.ancestor_ids)
    ):
        raise PermissionDenied(_("不能使用该隔离政策"))
    if policy is None:
        category = watch_record.reason if watch_record else ""
        policy = policy_for(unit, category)
    terms = policy_terms(policy)
    errors = {}
    if kind not in IsolationKind.values:
        errors["kind"] = _("未知的隔离方式")
    if kind == IsolationKind.CENTRALISED and site is None:
        errors["site"] = _("集中隔离须选择隔离点")
    if (
        site is not None
        and not unit_is_visible_to(site.unit, actor)
        and (site.unit_id not in unit.ancestor_ids)
    ):
        errors["site"] = _("不能使用该隔离点")
    computed_end = planned_end_for(start_date, terms.days)
    if planned_end is not None and planned_end < start_date:
        errors["planned_end"] = _("计划解除日期不能早于开始日期")
    elif planned_end is not None and planned_end != computed_end and not reason.strip():
        errors["reason"] = _("调整隔离期限须填写事由")
    if IsolationEpisode.objects.filter(
        person=person, status__in=[EpisodeStatus.PLANNED, EpisodeStatus.ISOLATING]
    ).exists():
        errors["person"] = _("该人员已有未结束的隔离")
    if errors:
        raise ValidationError(errors)
    episode = _create_episode(
        actor=actor,
        person=person,
        unit=unit,
        kind=kind,
        start_date=start_date,
        planned_end=planned_end or computed_end,
        policy=policy,
        site=site,
        room=room,
        officer=officer,
        watch_record=watch_record,
        every=terms.followup_every_days,
    )
    _event(episode, actor, "create", reason=reason)
    if terms.then_kind and planned_end is None:
        follow_on_start = episode.planned_end + timedelta(days=1)
        follow_on = _create_episode(
            actor=actor,
            person=person,
            unit=unit,
            kind=terms.then_kind,
            start_date=follow_on_start,
            planned_end=planned_end_for(follow_on_start, terms.then_days),
            policy=policy,
            site=None,
            room="",
            officer=officer,
            watch_record=watch_record,
            every=terms.followup_every_days,
            status=EpisodeStatus.PLANNED,
        )
        episode.next_episode = follow_on
        episode.save(update_fields=["next_episode"])
        _event(follow_on, actor, "create", reason=_("续接上一段隔离"))
    return episode


def _create_episode(
    *,
    actor,
    person,
    unit,
    kind,
    start_date,
    planned_end,
    policy,
    site,
    room,
    officer,
    watch_record,
    every,
    status=None,
) -> IsolationEpisode:
    today = timezone.localdate()
    if status is None:
        status = EpisodeStatus.ISOLATING if start_date <= today else EpisodeStatus.PLANNED
    episode = IsolationEpisode(
        person=person,
        unit=unit,
        kind=kind,
        start_date=start_date,
        planned_end=planned_end,
        policy=policy,
        site=site,
        room=room.strip(),
        officer=officer,
        watch_record=watch_record,
        followup_every_days=every,
        status=status,
        created_by=actor,
    )
    episode._history_user = actor
    episode.save()
    if status == EpisodeStatus.ISOLATING:
        _schedule_followups(episode)
        if watch_record is not None:
            watch_record.status = WatchStatus.ISOLATING
            watch_record.save(update_fields=["status"])
    return episode


ALLOWED_TRANSITIONS = {
    EpisodeStatus.PLANNED: {
        EpisodeStatus.ISOLATING,
        EpisodeStatus.TRANSFERRED,
        EpisodeStatus.LOST_CONTACT,
    },
    EpisodeStatus.ISOLATING: set(ENDED_STATUSES),
}


@transaction.atomic
def episode_transition(
    *,
    actor: Any,
    episode: IsolationEpisode,
    status: str,
    on: date | None = None,
    reason: str = "",
) -> IsolationEpisode:
    """Move an episode on: planned → isolating → released / hospitalised / lost / transferred."""
    require_manage(actor, episode.unit)
    episode = IsolationEpisode.objects.select_for_update().get(pk=episode.pk)
    on = on or timezone.localdate()
    old = episode.status
    if status not in ALLOWED_TRANSITIONS.get(old, set()):
        raise ValidationError(
            {
                "status": _("不能从“%(old)s”变为“%(new)s”")
                % {
                    "old": episode.get_status_display(),
                    "new": EpisodeStatus(status).label
                    if status in EpisodeStatus.values
                    else status,
                }
            }
        )
    if on < episode.start_date and status != EpisodeStatus.TRANSFERRED:
        raise ValidationError({"on": _("日期不能早于隔离开始日期")})
    if (
        status
        in (EpisodeStatus.HOSPITALISED, EpisodeStatus.LOST_CONTACT, EpisodeStatus.TRANSFERRED)
        and not reason.strip()
    ):
        raise ValidationError({"reason": _("请填写事由")})
    episode.status = status
    fields = ["status"]
    if status == EpisodeStatus.ISOLATING:
        if on != episode.start_date:
            episode.start_date = on
            fields.append("start_date")
    elif status in ENDED_STATUSES and old == EpisodeStatus.ISOLATING:
        episode.actual_end = on
        fields.append("actual_end")
    episode._history_user = actor
    episode.save(update_fields=fields)
    _event(episode, actor, "transition", old_status=old, reason=reason)
    if status == EpisodeStatus.ISOLATING:
        _schedule_followups(episode)
    elif status in ENDED_STATUSES:
        # Days after the end are no longer due; today's stays if already done.
        FollowUp.objects.filter(
            episode=episode, done_at__isnull=True, due_date__gt=episode.actual_end or on
        ).delete()
        _close_watch_record(episode, status)
    if status == EpisodeStatus.RELEASED and episode.next_episode_id:
        follow_on = episode.next_episode
        if follow_on.status == EpisodeStatus.PLANNED and follow_on.start_date <= on + timedelta(1):
            episode_transition(
                actor=actor,
                episode=follow_on,
                status=EpisodeStatus.ISOLATING,
                on=max(follow_on.start_date, on),
                reason=_("续接上一段隔离"),
            )
    return episode


def _close_watch_record(episode: IsolationEpisode, status: str) -> None:
    record = episode.watch_record
    if record is None or episode.next_episode_id:
        return
    if status == EpisodeStatus.RELEASED and record.status == WatchStatus.ISOLATING:
        record.status = WatchStatus.CLOSED
        record.save(update_fields=["status"])


@transaction.atomic
def episode_change_end(
    *, actor: Any, episode: IsolationEpisode, planned_end: date, reason: str
) -> IsolationEpisode:
    """Extend or shorten an episode; a reason is required and kept."""
    require_manage(actor, episode.unit)
    if episode.status in ENDED_STATUSES:
        raise ValidationError({"planned_end": _("隔离已结束，不能调整期限")})
    if planned_end < episode.start_date:
        raise ValidationError({"planned_end": _("计划解除日期不能早于开始日期")})
    if not reason.strip():
        raise ValidationError({"reason": _("延长或缩短隔离期须填写事由")})
    old_end = episode.planned_end
    if planned_end == old_end:
        return episode
    episode.planned_end = planned_end
    episode._history_user = actor
    episode._change_reason = reason[:100]
    episode.save(update_fields=["planned_end"])
    _event(
        episode,
        actor,
        "extend" if planned_end > old_end else "shorten",
        old_status=episode.status,
        reason=reason,
        old_end=old_end,
    )
    if episode.status == EpisodeStatus.ISOLATING:
        _schedule_followups(episode, first_day=timezone.localdate())
    return episode
