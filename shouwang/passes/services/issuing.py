"""Issuing, revoking and renewing passes."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.identity import (
    IdentityError,
    normalize_input,
    parse_credit_code,
    parse_plate,
)
from shouwang.identity.event_dates import event_date_error
from shouwang.identity.names import person_name_error
from shouwang.privacy.identifiers import Identifiers, identifiers_read
from shouwang.units.policy import require
from shouwang.units.scoping import bureau_of, unit_is_visible_to

from ..models import HolderKind, Pass, PassPerson, PassStatus
from ..tokens import MAX_CHECKPOINTS, short_code_generate, token_sign
from .keys import signing_key_ensure

MAX_VALIDITY = timedelta(days=366)
MAX_PLATES = 40


@dataclass(frozen=True)
class PassPersonIn:
    name: str
    id_number: str = ""


def _period_errors(valid_from: datetime | None, valid_to: datetime | None) -> dict[str, str]:
    if valid_from is None:
        return {"valid_from": _("请填写生效时间")}
    if valid_to is None:
        return {"valid_to": _("请填写截止时间")}
    if timezone.is_naive(valid_from) or timezone.is_naive(valid_to):
        return {"valid_from": _("时间须带时区")}
    # The shared date rule: not before 2019; a pass may be issued ahead, by a year at most.
    today = timezone.localdate()
    date_error = event_date_error(valid_from, today=today, latest=today + MAX_VALIDITY)
    if date_error:
        return {"valid_from": date_error}
    if valid_to <= valid_from:
        return {"valid_to": _("截止时间须晚于生效时间")}
    if valid_to - valid_from > MAX_VALIDITY:
        return {"valid_to": _("有效期不能超过一年")}
    return {}


def _checked_plates(plates: Sequence[str], errors: dict) -> list[str]:
    normalised: list[str] = []
    for text in plates:
        if not text.strip():
            continue
        try:
            number = parse_plate(text, settings.SHOUWANG_HOME_PLATE_PREFIXES).number
        except IdentityError as error:
            errors["plates"] = f"{text.strip()}：{error.message}"
            return []
        if number not in normalised:
            normalised.append(number)
    if len(normalised) > MAX_PLATES:
        errors["plates"] = _("一张通行证最多登记 %(count)d 辆车") % {"count": MAX_PLATES}
    return normalised


def _checked_people(people: Sequence[PassPersonIn], errors: dict) -> list[tuple[str, Identifiers]]:
    checked = []
    for person in people:
        name = normalize_input(person.name).strip()
        if not name:
            continue
        # The list is one textarea on the page: a pasted line of 5,000 characters is possible.
        problem = person_name_error(name) or (
            _("姓名过长") if len(name) > PassPerson._meta.get_field("name").max_length else None
        )
        if problem:
            errors["people"] = f"{name[:20]}：{problem}"
            return []
        identifiers, problems = identifiers_read(id_number=person.id_number)
        if problems:
            errors["people"] = f"{name}：{problems['id_number']}"
            return []
        checked.append((name, identifiers))
    return checked


def _unique_code() -> str:
    while True:
        code = short_code_generate()
        if not Pass.objects.filter(short_code=code).exists():
            return code


@transaction.atomic
def pass_issue(
    *,
    actor,
    holder_kind: str,
    purpose: str,
    valid_from: datetime,
    valid_to: datetime,
    enterprise_name: str = "",
    credit_code: str = "",
    person_name: str = "",
    person_id_number: str = "",
    phone: str = "",
    plates: Sequence[str] = (),
    people: Sequence[PassPersonIn] = (),
    checkpoints: Sequence = (),
    zones: str = "",
    renews: Pass | None = None,
    unit=None,
) -> Pass:
    """Issue a pass in the actor's unit (or `unit` below it), signed with its bureau's key."""
    unit = unit or actor.unit
    require(
        actor,
        Capability.MANAGE_PASSES,
        unit,
        message=_("您无权签发或管理通行证"),
        unit_message=_("您无权为该单位签发通行证"),
    )
    errors: dict[str, str] = {}
    holder = {"enterprise_name": "", "credit_code": "", "person_name": ""}
    if holder_kind == HolderKind.ENTERPRISE:
        holder["enterprise_name"] = normalize_input(enterprise_name).strip()
        if not holder["enterprise_name"]:
            errors["enterprise_name"] = _("请填写企业名称")
        try:
            holder["credit_code"] = parse_credit_code(credit_code)
        except IdentityError as error:
            errors["credit_code"] = error.message
    elif holder_kind == HolderKind.PERSON:
        holder["person_name"] = normalize_input(person_name).strip()
        if not holder["person_name"]:
            errors["person_name"] = _("请填写持证人姓名")
        elif person_name_error(holder["person_name"]):
            errors["person_name"] = person_name_error(holder["person_name"])
        if not person_id_number.strip():
            errors["person_id_number"] = _("请填写持证人身份证号")
    else:
        errors["holder_kind"] = _("持证人类型应为企业或个人")
    identifiers, identifier_errors = identifiers_read(
        id_number=person_id_number if holder_kind == HolderKind.PERSON else "",
        phone=phone,
        id_field="person_id_number",
    )
    errors.update(identifier_errors)
    purpose = normalize_input(purpose).strip()
    if not purpose:
        errors["purpose"] = _("请填写通行事由")
    errors.update(_period_errors(valid_from, valid_to))
    plate_numbers = _checked_plates(plates, errors)
    named_people = _checked_people(people, errors)
    if not plate_numbers and not named_people and holder_kind == HolderKind.ENTERPRISE:
        errors.setdefault("plates", _("企业通行证须登记至少一辆车或一名人员"))
    checkpoints = list(checkpoints)
    bureau = bureau_of(unit)
    if any(not checkpoint.unit.path.startswith(bureau.path) for checkpoint in checkpoints):
        errors["checkpoints"] = _("只能选择本局的卡点")
    elif any(not unit_is_visible_to(checkpoint.unit, actor) for checkpoint in checkpoints):
        errors["checkpoints"] = _("只能选择本单位管辖的卡点")
    if len(checkpoints) > MAX_CHECKPOINTS:
        errors["checkpoints"] = _("最多选择 %(count)d 个卡点") % {"count": MAX_CHECKPOINTS}
    if errors:
        raise ValidationError(errors)

    key = signing_key_ensure(bureau=bureau)
    # Whole seconds: the token carries seconds and must say exactly what the record says.
    valid_from, valid_to = valid_from.replace(microsecond=0), valid_to.replace(microsecond=0)
    code = _unique_code()
    token = token_sign(
        private_key=key.private_key,
        short_code=code,
        valid_from=valid_from,
        valid_to=valid_to,
        checkpoint_ids=[checkpoint.pk for checkpoint in checkpoints],
        plates=plate_numbers,
    )
    record = Pass(
        unit=unit,
        signing_key=key,
        short_code=code,
        holder_kind=holder_kind,
        enterprise_name=holder["enterprise_name"],
        credit_code=holder["credit_code"],
        person_name=holder["person_name"],
        person_id_number=identifiers.id_number,
        person_id_number_index=identifiers.id_number_index,
        phone=identifiers.phone,
        plates=",".join(plate_numbers),
        purpose=purpose[:200],
        valid_from=valid_from,
        valid_to=valid_to,
        zones=zones.strip()[:200],
        token=token,
        issued_by=actor,
        renews=renews,
    )
    record._history_user = actor
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as error:  # a concurrent issue took the same code: vanishingly rare
        raise ValidationError({"__all__": _("签发失败，请重试")}) from error
    record.checkpoints.set(checkpoints)
    PassPerson.objects.bulk_create(
        PassPerson(
            pass_record=record,
            name=name,
            id_number=named.id_number,
            id_number_index=named.id_number_index,
        )
        for name, named in named_people
    )
    return record


def _set_status(record: Pass, *, actor, status: str, reason: str) -> None:
    record.status, record.status_reason = status, reason[:200]
    record.status_changed_by, record.status_changed_at = actor, timezone.now()
    record._history_user = actor
    record.save(update_fields=["status", "status_reason", "status_changed_by", "status_changed_at"])


@transaction.atomic
def pass_revoke(*, actor, pass_record: Pass, reason: str) -> Pass:
    """Revoke a pass: from now on it verifies as revoked at every checkpoint."""
    require(
        actor,
        Capability.MANAGE_PASSES,
        pass_record.unit,
        message=_("您无权签发或管理通行证"),
        unit_message=_("您无权管理该通行证"),
    )
    if not reason.strip():
        raise ValidationError({"reason": _("请填写吊销原因")})
    record = Pass.objects.select_for_update().get(pk=pass_record.pk)
    if record.status != PassStatus.ACTIVE:
        raise ValidationError({"status": _("该通行证已失效，无需吊销")})
    _set_status(record, actor=actor, status=PassStatus.REVOKED, reason=reason.strip())
    return record


@transaction.atomic
def pass_renew(*, actor, pass_record: Pass, valid_from: datetime, valid_to: datetime) -> Pass:
    """A new pass for the same holder, vehicles, people and checkpoints; the old one is superseded."""
    require(
        actor,
        Capability.MANAGE_PASSES,
        pass_record.unit,
        message=_("您无权签发或管理通行证"),
        unit_message=_("您无权管理该通行证"),
    )
    old = Pass.objects.select_for_update().get(pk=pass_record.pk)
    if old.status != PassStatus.ACTIVE:
        raise ValidationError({"status": _("只能换发有效的通行证")})
    renewed = pass_issue(
        actor=actor,
        holder_kind=old.holder_kind,
        purpose=old.purpose,
        valid_from=valid_from,
        valid_to=valid_to,
        enterprise_name=old.enterprise_name,
        credit_code=old.credit_code,
        person_name=old.person_name,
        person_id_number=old.person_id_number,
        phone=old.phone,
        plates=old.plate_list,
        people=[PassPersonIn(person.name, person.id_number) for person in old.people.all()],
        checkpoints=list(old.checkpoints.select_related("unit")),
        zones=old.zones,
        renews=old,
        unit=old.unit,
    )
    _set_status(
        old,
        actor=actor,
        status=PassStatus.SUPERSEDED,
        reason=_("已换发新证 %(code)s") % {"code": renewed.display_code},
    )
    return renewed
