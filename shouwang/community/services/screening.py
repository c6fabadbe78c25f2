"""Screening campaigns, their points and staff, and the visits that cover households."""

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.conflicts import Conflict
from shouwang.identity import to_simplified
from shouwang.identity.event_dates import EARLIEST_EVENT_DATE, event_time_error
from shouwang.identity.plain_text import plain_text_error
from shouwang.units.models import Unit
from shouwang.units.policy import require
from shouwang.units.scoping import unit_is_visible_to

from ..models import Campaign, Household, ScreeningPoint, Visit
from .common import HOUSEHOLD_UNIT_KINDS
from .coverage import coverage_add, coverage_remove
from .findings import Finding, findings_record

DEFAULT_QUESTIONS = (
    "近14天是否有家庭成员从外地返回",
    "是否有人发热、咳嗽或乏力",
    "是否已告知居家防护要求",
)
MAX_QUESTIONS = 20
MAX_PERIOD_DAYS = 366
MAX_VISITORS = 20
MAX_RESIDENTS = 99


def _name(value: str, field: str, limit: int) -> str:
    text = to_simplified((value or "").strip())
    if not text:
        raise ValidationError({field: _("请填写名称")})
    if plain_text_error(text):
        raise ValidationError({field: _("不能包含控制字符或无效字符")})
    if len(text) > limit:
        raise ValidationError({field: _("内容过长，最多%(n)s个字") % {"n": limit}})
    return text


def _questions(texts: Sequence[str] | None) -> list[dict[str, str]]:
    texts = [to_simplified(str(text).strip()) for text in (texts or DEFAULT_QUESTIONS)]
    texts = [text for text in texts if text]
    if len(texts) > MAX_QUESTIONS:
        raise ValidationError({"questions": _("最多%(n)s个问题") % {"n": MAX_QUESTIONS}})
    for text in texts:
        if len(text) > 100 or plain_text_error(text):
            raise ValidationError({"questions": _("每个问题最多100个字")})
    return [{"key": f"q{n}", "text": text} for n, text in enumerate(texts, start=1)]


@transaction.atomic
def campaign_create(
    *,
    actor: Any,
    name: str,
    starts_on: date,
    ends_on: date,
    units: Sequence[Unit],
    questions: Sequence[str] | None = None,
) -> Campaign:
    """A screening campaign of the actor's unit over the given units (each in his jurisdiction)."""
    require(actor, Capability.MANAGE_COMMUNITY, actor.unit, message=_("您无权发起排查活动"))
    name = _name(name, "name", 100)
    errors = {}
    if starts_on < EARLIEST_EVENT_DATE:
        errors["starts_on"] = _("日期不能早于2019年1月1日")
    if ends_on < starts_on:
        errors["ends_on"] = _("结束日期不能早于开始日期")
    elif (ends_on - starts_on).days >= MAX_PERIOD_DAYS:
        errors["ends_on"] = _("排查期限最长一年")
    if not units:
        errors["units"] = _("请选择排查范围")
    elif any(not unit_is_visible_to(unit, actor) for unit in units):
        errors["units"] = _("排查范围只能是本单位及下级单位")
    if errors:
        raise ValidationError(errors)
    campaign = Campaign(
        unit=actor.unit,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        questions=_questions(questions),
        created_by=actor,
    )
    campaign._history_user = actor
    campaign.save()
    campaign.units.set(units)
    return campaign


def campaign_covers(campaign: Campaign, unit: Unit) -> bool:
    """Whether `unit` lies in one of the campaign's target units."""
    return any(unit.path.startswith(path) for path in campaign.units.values_list("path", flat=True))


def _staff_checked(actor: Any, staff: Sequence[Any], field: str) -> list[Any]:
    """Active users of the actor's jurisdiction, each once; a sibling station's are refused."""
    chosen = []
    for user in staff:
        if not user.is_active or user.unit is None or not unit_is_visible_to(user.unit, actor):
            raise ValidationError({field: _("“%(name)s”不是本单位人员，不能列入") % {"name": user}})
        if user not in chosen:
            chosen.append(user)
    if len(chosen) > MAX_VISITORS:
        raise ValidationError({field: _("最多%(n)s人") % {"n": MAX_VISITORS}})
    return chosen


@transaction.atomic
def point_create(
    *, actor: Any, campaign: Campaign, unit: Unit, name: str, staff: Sequence[Any] = ()
) -> ScreeningPoint:
    """A screening point of the campaign in a community or village, with its staff."""
    require(actor, Capability.MANAGE_COMMUNITY, unit, unit_message=_("您无权在该单位设置排查点"))
    name = _name(name, "name", 100)
    if unit.kind not in HOUSEHOLD_UNIT_KINDS:
        raise ValidationError({"unit": _("排查点须设在社区或村")})
    if not campaign_covers(campaign, unit):
        raise ValidationError({"unit": _("该社区/村不在排查范围内")})
    staff = _staff_checked(actor, staff, "staff")
    if ScreeningPoint.objects.filter(campaign=campaign, name=name).exists():
        raise ValidationError({"name": _("本次排查已有同名排查点")})
    point = ScreeningPoint.objects.create(campaign=campaign, unit=unit, name=name)
    point.staff.set(staff)
    return point


@transaction.atomic
def point_staff_set(*, actor: Any, point: ScreeningPoint, staff: Sequence[Any]) -> ScreeningPoint:
    require(actor, Capability.MANAGE_COMMUNITY, point.unit)
    point.staff.set(_staff_checked(actor, staff, "staff"))
    return point


def _answers(campaign: Campaign, answers: Mapping[str, Any]) -> dict[str, Any]:
    keys = {question["key"] for question in campaign.questions}
    cleaned = {}
    for key, value in (answers or {}).items():
        if key not in keys:
            raise ValidationError({"answers": _("未知的问题“%(key)s”") % {"key": str(key)[:20]}})
        if isinstance(value, bool) or value is None:
            cleaned[key] = value
            continue
        text = to_simplified(str(value).strip())
        if len(text) > 100 or plain_text_error(text):
            raise ValidationError({"answers": _("每个回答最多100个字")})
        cleaned[key] = text
    return cleaned


def _point_for(campaign: Campaign, household: Household, actor: Any, point: Any):
    """The point the visit counts for: the one given (of this campaign, covering the household),
    else the actor's own point covering it, else none."""
    if point is not None:
        if point.campaign_id != campaign.pk or not household.unit.path.startswith(point.unit.path):
            raise ValidationError({"point": _("该排查点不负责这户")})
        return point
    ancestors = household.unit.ancestor_ids
    return (
        ScreeningPoint.objects.filter(campaign=campaign, staff=actor, unit_id__in=ancestors)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def visit_record(
    *,
    actor: Any,
    campaign: Campaign,
    household: Household,
    visited_at: datetime | None = None,
    visitors: Sequence[Any] = (),
    residents_present: int = 0,
    answers: Mapping[str, Any] | None = None,
    point: ScreeningPoint | None = None,
    note: str = "",
    findings: Sequence[Finding] = (),
) -> Visit:
    """Record a visit: the household counts as covered once however often it is visited; each
    visitor counts one staff person-time; each finding links or makes one watch record."""
    require(actor, Capability.WORK_COMMUNITY, household.unit, unit_message=_("您无权排查这户"))
    # One visit of a household at a time: its coverage row and its findings are decided here.
    household = (
        Household.objects.select_for_update(of=("self",))
        .select_related("unit", "building")
        .get(pk=household.pk)
    )
    visited_at = visited_at or timezone.now()
    errors = {}
    if message := event_time_error(visited_at, now=timezone.now()):
        errors["visited_at"] = message
    elif not campaign.starts_on <= timezone.localdate(visited_at) <= campaign.ends_on:
        errors["visited_at"] = _("入户时间不在排查期间（%(start)s 至 %(end)s）") % {
            "start": campaign.starts_on,
            "end": campaign.ends_on,
        }
    if not campaign_covers(campaign, household.unit):
        errors["household"] = _("这户不在本次排查范围内")
    if not 0 <= residents_present <= MAX_RESIDENTS:
        errors["residents_present"] = _("在家人数应在0到%(n)s之间") % {"n": MAX_RESIDENTS}
    note = to_simplified((note or "").strip())
    if len(note) > 300 or plain_text_error(note):
        errors["note"] = _("备注最多300个字")
    if errors:
        raise ValidationError(errors)
    visitors = _staff_checked(actor, list(visitors) or [actor], "visitors")
    answers = _answers(campaign, answers or {})
    point = _point_for(campaign, household, actor, point)
    visit = Visit.objects.create(
        campaign=campaign,
        household=household,
        unit=household.unit,
        point=point,
        visited_at=visited_at,
        visitor_count=len(visitors),
        residents_present=residents_present,
        answers=answers,
        note=note,
        recorded_by=actor,
    )
    visit.visitors.set(visitors)
    coverage_add(visit)
    findings_record(actor=actor, visit=visit, findings=list(findings))
    return visit


@transaction.atomic
def visit_void(*, actor: Any, visit: Visit, reason: str) -> Visit:
    """Void a visit recorded by mistake: it leaves the coverage, stays listed with its reason.
    Watch records its findings made stay (a person found is followed up whatever the visit);
    the findings name the voided visit."""
    require(actor, Capability.WORK_COMMUNITY, visit.unit, unit_message=_("您无权更正这条入户记录"))
    reason = to_simplified(str(reason or "").strip())
    if not reason:
        raise ValidationError({"reason": _("请填写作废原因")})
    if len(reason) > 200 or plain_text_error(reason):
        raise ValidationError({"reason": _("原因最多200个字")})
    Household.objects.select_for_update(of=("self",)).filter(pk=visit.household_id).first()
    visit = Visit.objects.get(pk=visit.pk)
    if visit.voided_at is not None:
        raise Conflict({"reason": _("这条入户记录已作废")})
    visit.voided_at, visit.voided_by, visit.void_reason = timezone.now(), actor, reason
    visit.save(update_fields=["voided_at", "voided_by", "void_reason"])
    coverage_remove(visit)
    return visit


def campaign_is_open(campaign: Campaign, on: date | None = None) -> bool:
    on = on or timezone.localdate()
    return campaign.starts_on <= on <= campaign.ends_on
