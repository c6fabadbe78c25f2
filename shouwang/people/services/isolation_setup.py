"""Isolation policies (how long, how often followed up) and centralised isolation sites."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shouwang.units.models import Unit

from ..models import EpisodeStatus, IsolationKind, IsolationPolicy, IsolationSite
from .common import clean_name, require_manage

DEFAULT_DAYS = 14
ROOMS_MAX = 32767


@dataclass(frozen=True)
class PolicyTerms:
    """What a policy prescribes, whether stored or the built-in default of 14 days at home."""

    kind: str
    days: int
    then_kind: str = ""
    then_days: int = 0
    followup_every_days: int = 1


def policy_terms(policy: IsolationPolicy | None) -> PolicyTerms:
    if policy is None:
        return PolicyTerms(kind=IsolationKind.HOME, days=DEFAULT_DAYS)
    return PolicyTerms(
        kind=policy.kind,
        days=policy.days,
        then_kind=policy.then_kind,
        then_days=policy.then_days,
        followup_every_days=policy.followup_every_days,
    )


def planned_end_for(start_date: date, days: int) -> date:
    """The last day of isolation: a 14-day stay starting 25 December ends on 7 January."""
    return start_date + timedelta(days=days - 1)


def policy_for(unit: Unit, category: str) -> IsolationPolicy | None:
    """The policy of the nearest unit (itself, then upwards) for the category, else its default."""
    policies = list(
        IsolationPolicy.objects.filter(
            unit_id__in=unit.ancestor_ids, category__in=[category, ""]
        ).select_related("unit")
    )
    ranked = sorted(policies, key=lambda p: (p.category != category, -p.unit.depth))
    return ranked[0] if ranked else None


@transaction.atomic
def isolation_policy_save(
    *,
    actor: Any,
    unit: Unit,
    category: str,
    name: str,
    kind: str,
    days: int,
    then_kind: str = "",
    then_days: int = 0,
    followup_every_days: int = 1,
) -> IsolationPolicy:
    require_manage(actor, unit)
    errors = {}
    if kind not in IsolationKind.values:
        errors["kind"] = _("未知的隔离方式")
    if then_kind and then_kind not in IsolationKind.values:
        errors["then_kind"] = _("未知的隔离方式")
    longest = settings.SHOUWANG_MAX_ISOLATION_DAYS
    if not days or days < 1 or days > longest:
        errors["days"] = _("天数应在1到%(max)s之间") % {"max": longest}
    if then_kind and (not then_days or then_days < 1):
        errors["then_days"] = _("请填写后续隔离天数")
    elif then_kind and then_days > longest:
        errors["then_days"] = _("天数应在1到%(max)s之间") % {"max": longest}
    if not followup_every_days or followup_every_days < 1:
        errors["followup_every_days"] = _("随访间隔至少1天")
    if errors:
        raise ValidationError(errors)
    policy, _created = IsolationPolicy.objects.update_or_create(
        unit=unit,
        category=category,
        defaults={
            "name": name or _("隔离政策"),
            "kind": kind,
            "days": days,
            "then_kind": then_kind,
            "then_days": then_days if then_kind else 0,
            "followup_every_days": followup_every_days,
        },
    )
    return policy


@transaction.atomic
def isolation_site_save(
    *,
    actor: Any,
    unit: Unit,
    name: str,
    address: str,
    rooms: int = 0,
    is_active: bool = True,
    site: IsolationSite | None = None,
) -> IsolationSite:
    """Create a centralised isolation site, or correct one (kept in its history)."""
    require_manage(actor, site.unit if site is not None else unit)
    name, address = clean_name(name), (address or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("请填写隔离点名称")
    if not address:
        errors["address"] = _("请填写隔离点地址")
    if rooms is None or rooms < 0:
        errors["rooms"] = _("房间数不能为负数")
    elif rooms > ROOMS_MAX:
        # The column is a small integer: PostgreSQL would refuse more, SQLite would keep it.
        errors["rooms"] = _("房间数不能超过%(n)s") % {"n": ROOMS_MAX}
    if errors:
        raise ValidationError(errors)
    if site is not None and not is_active and site.is_active:
        housed = site.episodes.filter(status__in=[EpisodeStatus.PLANNED, EpisodeStatus.ISOLATING])
        if housed.exists():
            raise ValidationError(
                {"is_active": _("该隔离点仍有%(n)s人在住，不能停用") % {"n": housed.count()}}
            )
    site = site or IsolationSite(unit=unit)
    site.name, site.address, site.rooms, site.is_active = name, address, rooms, is_active
    site._history_user = actor
    site.save()
    return site
