"""Recording the daily follow-up and raising alerts on fever or symptoms."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.identity import IdentityError
from shouwang.identity.body_temperature import is_fever, parse_temperature
from shouwang.identity.event_dates import event_date_error
from shouwang.units.policy import ACKNOWLEDGE_ALERTS
from shouwang.units.scoping import station_of

from ..models import (
    Alert,
    AlertKind,
    ContactMethod,
    EpisodeStatus,
    FollowUp,
    IsolationEpisode,
    Symptom,
)
from .common import require


@transaction.atomic
def followup_record(
    *,
    actor: Any,
    episode: IsolationEpisode,
    due_date: date | None = None,
    temperature: Any = None,
    symptoms: list[str] | None = None,
    symptoms_text: str = "",
    present_at_address: bool | None = None,
    contact_method: str = "",
    note: str = "",
) -> FollowUp:
    """Fill the follow-up due that day (today by default); raises an alert on fever or symptoms."""
    require(actor, Capability.RECORD_FOLLOW_UPS, episode.unit)
    # The status that counts is the one stored now, not the one the caller last read.
    episode = (
        IsolationEpisode.objects.select_for_update()
        .select_related("person", "unit")
        .get(pk=episode.pk)
    )
    due_date = due_date or timezone.localdate()
    errors: dict[str, str] = {}
    if episode.status != EpisodeStatus.ISOLATING:
        raise ValidationError(
            {
                "episode": _("该人员隔离状态为“%(status)s”，不能登记随访")
                % {"status": episode.get_status_display()}
            }
        )
    last_day = episode.actual_end or episode.planned_end
    if not episode.start_date <= due_date <= last_day:
        errors["due_date"] = _("随访日期应在隔离期内（%(start)s 至 %(end)s）") % {
            "start": episode.start_date,
            "end": last_day,
        }
    date_error = event_date_error(due_date, today=timezone.localdate())
    if date_error:
        errors["due_date"] = date_error
    value = None
    try:
        value = parse_temperature(temperature)
    except IdentityError as error:
        errors["temperature"] = error.message
    symptoms = list(dict.fromkeys(symptoms or []))
    unknown = [item for item in symptoms if item not in Symptom.values]
    if unknown:
        errors["symptoms"] = _("未知的症状：%(items)s") % {"items": "、".join(unknown)}
    if contact_method and contact_method not in ContactMethod.values:
        errors["contact_method"] = _("未知的随访方式")
    if errors:
        raise ValidationError(errors)
    followup, _created = FollowUp.objects.select_for_update().get_or_create(
        episode=episode, due_date=due_date
    )
    if followup.done_at is not None:
        raise ValidationError({"due_date": _("该日随访已登记")})
    followup.done_at = timezone.now()
    followup.done_by = actor
    followup.temperature = value
    followup.symptoms = symptoms
    followup.symptoms_text = symptoms_text.strip()
    followup.present_at_address = present_at_address
    followup.contact_method = contact_method
    followup.note = note.strip()
    followup.save()
    _raise_alerts(followup, episode)
    return followup


def _raise_alerts(followup: FollowUp, episode: IsolationEpisode) -> None:
    person = episode.person
    station = station_of(episode.unit)
    if is_fever(followup.temperature):
        Alert.objects.create(
            unit=station,
            person=person,
            followup=followup,
            kind=AlertKind.FEVER,
            message=_("%(name)s 体温 %(t)s℃（%(day)s 随访）")
            % {"name": person.name, "t": followup.temperature, "day": followup.due_date},
        )
    if followup.symptoms or followup.symptoms_text:
        labels = [Symptom(item).label for item in followup.symptoms]
        if followup.symptoms_text:
            labels.append(followup.symptoms_text)
        Alert.objects.create(
            unit=station,
            person=person,
            followup=followup,
            kind=AlertKind.SYMPTOMS,
            message=_("%(name)s 出现症状：%(s)s（%(day)s 随访）")
            % {
                "name": person.name,
                "s": "、".join(str(label) for label in labels),
                "day": followup.due_date,
            },
        )


@transaction.atomic
def alert_acknowledge(*, actor: Any, alert: Alert) -> Alert:
    """The duty desk (or an officer managing people) confirms it has taken the alert in hand."""
    require(actor, ACKNOWLEDGE_ALERTS, message=_("您无权确认预警"))
    if alert.acknowledged_at is None:
        alert.acknowledged_at = timezone.now()
        alert.acknowledged_by = actor
        alert.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return alert
