"""Isolation episodes and their transitions; dates are Asia/Shanghai days."""

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.conflicts import Conflict
from shouwang.identity.event_dates import check_event_date
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
from .followup_schedule import followups_reschedule
from .isolation_setup import planned_end_for, policy_for, policy_terms

OPEN_STATUSES = (EpisodeStatus.PLANNED, EpisodeStatus.ISOLATING)


def max_isolation_days() -> int:
    return settings.SHOUWANG_MAX_ISOLATION_DAYS


def _duration_error(start_date: date, planned_end: date) -> str | None:
    """Why an episode cannot run from `start_date` to `planned_end` (None when it can)."""
    if planned_end < start_date:
        return _("计划解除日期不能早于开始日期")
    if (planned_end - start_date).days + 1 > max_isolation_days():
        return _("隔离期不能超过%(days)s天") % {"days": max_isolation_days()}
    return None


def _lock_person(person: Person) -> Person:
    """The person's row, locked: starts and merges of one person wait for each other.

    Read again after the lock, so a merge committed meanwhile is seen.
    """
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if locked.merged_into_id is not None:
        raise Conflict({"person": _("该记录已合并，请选择保留的记录")})
    return locked


def _save_isolating(episode: IsolationEpisode, **save: Any) -> None:
    """Save an episode that may now be isolating; a second isolating episode is a conflict."""
    try:
        with transaction.atomic():
            episode.save(**save)
    except IntegrityError as error:
        # SQLite's message does not name the constraint: ask the table what clashed.
        isolating = IsolationEpisode.objects.filter(
            person_id=episode.person_id, status=EpisodeStatus.ISOLATING
        ).exclude(pk=episode.pk)
        if episode.status != EpisodeStatus.ISOLATING or not isolating.exists():
            raise
        raise Conflict({"person": _("该人员已有未结束的隔离")}) from error


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
    check_event_date(start_date, "start_date")  # before any arithmetic on it overflows
    person = _lock_person(person)
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
    # Policies stored before the limit existed may prescribe more: the limit still holds.
    days = min(terms.days, max_isolation_days())
    computed_end = planned_end_for(start_date, days)
    end_error = _duration_error(start_date, planned_end) if planned_end is not None else None
    if end_error:
        errors["planned_end"] = end_error
    elif planned_end is not None and planned_end != computed_end and not reason.strip():
        errors["reason"] = _("调整隔离期限须填写事由")
    if errors:
        raise ValidationError(errors)
    if IsolationEpisode.objects.filter(person=person, status__in=OPEN_STATUSES).exists():
        raise Conflict({"person": _("该人员已有未结束的隔离")})
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
            planned_end=planned_end_for(
                follow_on_start, min(terms.then_days, max_isolation_days())
            ),
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
    _save_isolating(episode)
    if status == EpisodeStatus.ISOLATING:
        followups_reschedule(episode)
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
    on = check_event_date(on or timezone.localdate(), "on")
    return _transition(actor, episode, status, on, reason)


def _transition(actor: Any, episode: IsolationEpisode, status: str, on: date, reason: str):
    """The transition itself; `on` may be tomorrow when a release starts the follow-on."""
    # The person first, then the episode: the order merges and starts lock in.
    Person.objects.select_for_update().filter(pk=episode.person_id).exists()
    episode = IsolationEpisode.objects.select_for_update().get(pk=episode.pk)
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
    if status == EpisodeStatus.ISOLATING and on > episode.planned_end:
        raise ValidationError({"on": _("日期不能晚于计划解除日期")})
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
    _save_isolating(episode, update_fields=fields)
    _event(episode, actor, "transition", old_status=old, reason=reason)
    if status == EpisodeStatus.ISOLATING:
        followups_reschedule(episode)
    elif status in ENDED_STATUSES:
        # Days after the end are no longer due; today's stays if already done.
        FollowUp.objects.filter(
            episode=episode, done_at__isnull=True, due_date__gt=episode.actual_end or on
        ).delete()
        _close_watch_record(episode, status)
    if status == EpisodeStatus.RELEASED and episode.next_episode_id:
        follow_on = episode.next_episode
        if follow_on.status == EpisodeStatus.PLANNED and follow_on.start_date <= on + timedelta(1):
            _transition(
                actor,
                follow_on,
                EpisodeStatus.ISOLATING,
                max(follow_on.start_date, on),
                _("续接上一段隔离"),
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
    episode = IsolationEpisode.objects.select_for_update().get(pk=episode.pk)
    if episode.status in ENDED_STATUSES:
        raise ValidationError({"planned_end": _("隔离已结束，不能调整期限")})
    end_error = _duration_error(episode.start_date, planned_end)
    if end_error:
        raise ValidationError({"planned_end": end_error})
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
        followups_reschedule(episode)
    return episode
