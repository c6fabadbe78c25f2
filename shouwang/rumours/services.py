"""Every write of the rumours area: entering, editing, publishing and retiring a rumour, and
counting a sighting (a staff check or a resident's tip matching it)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.conflicts import Conflict
from shouwang.identity.plain_text import check_text
from shouwang.records import model_update
from shouwang.units.policy import require
from shouwang.units.scoping import unit_is_visible_to

from .matching import search_text_of
from .models import (
    ALIASES_LIMIT,
    CLAIM_LIMIT,
    EVIDENCE_LIMIT,
    REBUTTAL_LIMIT,
    SOURCE_LIMIT,
    SOURCES_LIMIT,
    Rumour,
    RumourCategory,
    RumourSighting,
    RumourStatus,
    SightingKind,
)
from .rules import RUMOUR_MANAGE, RUMOUR_RECORDS
from .selectors import Match, matches_for_public, matches_for_staff

# From a status, the statuses it may go to (each with a reason).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    RumourStatus.DRAFT: (RumourStatus.PUBLISHED, RumourStatus.RETIRED),
    RumourStatus.PUBLISHED: (RumourStatus.RETIRED,),
    RumourStatus.RETIRED: (RumourStatus.PUBLISHED,),
}
EDITABLE = ("claim", "aliases", "rebuttal", "evidence", "sources", "category", "first_seen")


def _sources(value: Any, errors: dict[str, str]) -> list[str]:
    """Sources as stored: a list of non-empty lines (a text of lines or a list is accepted)."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple):
        errors["sources"] = _("来源应为文字列表")
        return []
    sources = []
    for item in value:
        try:
            text = check_text(str(item), "sources", SOURCE_LIMIT)
        except ValidationError as error:
            errors["sources"] = error.message_dict["sources"][0]
            return []
        if text and text not in sources:
            sources.append(text)
    if len(sources) > SOURCES_LIMIT:
        errors["sources"] = _("来源最多%(n)s条") % {"n": SOURCES_LIMIT}
    return sources


def rumour_values(data: dict[str, Any]) -> dict[str, Any]:
    """The model fields from what was typed, or ValidationError with every field's message."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, limit, required in (
        ("claim", CLAIM_LIMIT, True),
        ("aliases", ALIASES_LIMIT, False),
        ("rebuttal", REBUTTAL_LIMIT, True),
        ("evidence", EVIDENCE_LIMIT, False),
    ):
        if name not in data:
            continue
        try:
            values[name] = check_text(data[name], name, limit, required=required)
        except ValidationError as error:
            errors[name] = error.message_dict[name][0]
    if "claim" in values and "claim" not in errors and not search_text_of(values["claim"]):
        errors["claim"] = _("请写明谣言的具体内容")
    if "sources" in data:
        values["sources"] = _sources(data["sources"], errors)
    if "category" in data:
        category = data["category"] or RumourCategory.OTHER
        if category not in RumourCategory.values:
            errors["category"] = _("请选择谣言类别")
        values["category"] = category
    if "first_seen" in data:
        first_seen = data["first_seen"] or timezone.localdate()
        if not isinstance(first_seen, date) or first_seen > timezone.localdate():
            errors["first_seen"] = _("首次发现日期不能晚于今天")
        elif first_seen < date(2019, 1, 1):
            errors["first_seen"] = _("首次发现日期不能早于2019年")
        values["first_seen"] = first_seen
    if errors:
        raise ValidationError(errors)
    return values


def _same_claim(actor: Any, search_text: str, *, excluding: int | None = None) -> Rumour | None:
    first = search_text.split("\n", 1)[0]
    rumours = Rumour.objects.visible_to(actor).exclude(status=RumourStatus.RETIRED)
    if excluding is not None:
        rumours = rumours.exclude(pk=excluding)
    same = models.Q(search_text=first) | models.Q(search_text__startswith=f"{first}\n")
    return rumours.filter(same).first()


@transaction.atomic
def rumour_create(
    *,
    actor: Any,
    claim: str,
    rebuttal: str,
    category: str = RumourCategory.OTHER,
    sources: Iterable[str] | str = (),
    evidence: str = "",
    aliases: str = "",
    first_seen: date | None = None,
    publish: bool = False,
    unit: Any = None,
    source: models.Model | None = None,
) -> Rumour:
    """Enter a rumour in the actor's unit (or one below), as a draft or, with a source,
    published at once. `source` is the record it came from (a tip): at most one rumour each."""
    unit = unit or getattr(actor, "unit", None)
    require(
        actor,
        RUMOUR_MANAGE,
        unit,
        message=_("您无权维护谣言库"),
        unit_message=_("只能录入到本单位或下级单位"),
    )
    values = rumour_values(
        {
            "claim": claim,
            "aliases": aliases,
            "rebuttal": rebuttal,
            "evidence": evidence,
            "sources": list(sources) if not isinstance(sources, str) else sources,
            "category": category,
            "first_seen": first_seen,
        }
    )
    if publish and not values["sources"]:
        raise ValidationError({"sources": _("发布前请填写至少一个来源")})
    search_text = search_text_of(values["claim"], values["aliases"])
    same = _same_claim(actor, search_text)
    if same is not None:
        raise ValidationError(
            {"claim": _("谣言库中已有相同的条目（编号 %(id)s）") % {"id": same.pk}}
        )
    rumour = Rumour(
        **values,
        unit=unit,
        search_text=search_text,
        status=RumourStatus.PUBLISHED if publish else RumourStatus.DRAFT,
        created_by=actor,
    )
    if source is not None:
        rumour.source = source
        if Rumour.objects.filter(source_type=rumour.source_type, source_id=source.pk).exists():
            raise Conflict({"source": _("该线索已转为谣言条目")})
    rumour._history_user = actor
    rumour._change_reason = _("录入")
    try:
        with transaction.atomic():
            rumour.save()
    except IntegrityError as error:
        raise Conflict({"source": _("该线索已转为谣言条目")}) from error
    return rumour


def _require_manage(actor: Any, rumour: Rumour) -> None:
    require(
        actor,
        RUMOUR_MANAGE,
        rumour.unit,
        message=_("您无权维护谣言库"),
        unit_message=_("只能修改本单位或下级单位的谣言条目"),
    )


@transaction.atomic
def rumour_update(*, actor: Any, rumour: Rumour, data: dict[str, Any]) -> Rumour:
    """Change what a rumour says (the fields of `data` among EDITABLE); kept in its history."""
    _require_manage(actor, rumour)
    rumour = Rumour.objects.select_for_update().select_related("unit").get(pk=rumour.pk)
    values = rumour_values({name: data[name] for name in EDITABLE if name in data})
    if rumour.status == RumourStatus.PUBLISHED and values.get("sources") == []:
        raise ValidationError({"sources": _("已发布的条目至少保留一个来源")})
    claim = values.get("claim", rumour.claim)
    aliases = values.get("aliases", rumour.aliases)
    values["search_text"] = search_text_of(claim, aliases)
    if values["search_text"] != rumour.search_text:
        same = _same_claim(actor, values["search_text"], excluding=rumour.pk)
        if same is not None:
            raise ValidationError(
                {"claim": _("谣言库中已有相同的条目（编号 %(id)s）") % {"id": same.pk}}
            )
    rumour._history_user = actor
    rumour._change_reason = _("修改")
    rumour, _changed = model_update(rumour, fields=(*EDITABLE, "search_text"), data=values)
    return rumour


@transaction.atomic
def rumour_transition(*, actor: Any, rumour: Rumour, status: str, reason: str) -> Rumour:
    """Publish (verified, with a source), retire or reinstate a rumour, with a reason."""
    _require_manage(actor, rumour)
    rumour = Rumour.objects.select_for_update().select_related("unit").get(pk=rumour.pk)
    errors = {}
    if status not in RumourStatus.values:
        errors["status"] = _("状态不正确")
    elif status not in TRANSITIONS[rumour.status]:
        errors["status"] = _("“%(from)s”的条目不能改为“%(to)s”") % {
            "from": rumour.get_status_display(),
            "to": RumourStatus(status).label,
        }
    try:
        reason = check_text(reason, "reason", 200, required=True)
    except ValidationError as error:
        errors["reason"] = error.message_dict["reason"][0]
    if status == RumourStatus.PUBLISHED and not rumour.sources and "status" not in errors:
        errors["status"] = _("发布前请填写至少一个来源")
    if errors:
        raise ValidationError(errors)
    rumour.status, rumour.status_reason = status, reason
    rumour._history_user = actor
    rumour._change_reason = reason[:100]
    rumour.save(update_fields=["status", "status_reason"])
    return rumour


def _count(rumour_id: int) -> None:
    # Not a save: the matcher's index stays valid (a count is not what it reads).
    Rumour.objects.filter(pk=rumour_id).update(times_seen=F("times_seen") + 1)


@dataclass(frozen=True)
class CheckResult:
    matches: list[Match]
    sighting: RumourSighting | None


@transaction.atomic
def rumour_check(*, actor: Any, text: str) -> CheckResult:
    """An officer checks a group message: the best matches, and the best one counted as seen
    again (a sighting of the actor's unit). The message itself is not kept."""
    require(actor, RUMOUR_RECORDS)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请粘贴要比对的消息")})
    matches = matches_for_staff(text, actor)
    sighting = None
    if matches:
        best = matches[0]
        sighting = RumourSighting.objects.create(
            rumour=best.rumour,
            unit=actor.unit,
            kind=SightingKind.STAFF_CHECK,
            score=best.score,
            actor=actor,
        )
        _count(best.rumour.pk)
    return CheckResult(matches=matches, sighting=sighting)


@transaction.atomic
def rumour_tip_match(*, source: models.Model, text: str, unit: Any) -> RumourSighting | None:
    """A resident's rumour tip, on arrival: its best published match, if any, stored as the
    tip's sighting and counted. Called by intake inside the report's transaction."""
    matches = matches_for_public(text)
    if not matches:
        return None
    best = matches[0]
    source_type = ContentType.objects.get_for_model(source)
    if RumourSighting.objects.filter(source_type=source_type, source_id=source.pk).exists():
        return None
    sighting = RumourSighting.objects.create(
        rumour=best.rumour,
        unit=unit,
        kind=SightingKind.TIP,
        score=best.score,
        source_type=source_type,
        source_id=source.pk,
    )
    _count(best.rumour.pk)
    return sighting


def may_act_on(user: Any, rumour: Rumour) -> bool:
    """Whether the user may edit or move this rumour (its unit within his jurisdiction)."""
    return RUMOUR_MANAGE.allows(user) and unit_is_visible_to(rumour.unit, user)
