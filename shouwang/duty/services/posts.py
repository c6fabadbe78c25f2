"""Duty posts: where people stand, how many each hour, and when the post is open."""

from datetime import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shouwang.checkpoints.models import Checkpoint
from shouwang.records import model_update
from shouwang.units.models import Unit
from shouwang.units.policy import require

from ..models import Post, PostKind
from ..rules import MANAGE

FIELDS = ("name", "kind", "checkpoint", "required_staff", "is_24h", "opens_at", "closes_at", "note")


def _require(actor, unit) -> None:
    require(
        actor,
        MANAGE,
        unit,
        message=_("您无权管理勤务岗位"),
        unit_message=_("只能管理本单位或下级单位的岗位"),
    )


def _checked(*, unit: Unit, data: dict, post: Post | None = None) -> dict:
    errors = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = _("请填写岗位名称")
    elif Post.objects.filter(unit=unit, name=name).exclude(pk=getattr(post, "pk", None)).exists():
        errors["name"] = _("本单位已有同名岗位")
    if data.get("kind") not in PostKind.values:
        errors["kind"] = _("未知的岗位类型")
    required = data.get("required_staff")
    if not isinstance(required, int) or isinstance(required, bool) or not 1 <= required <= 500:
        errors["required_staff"] = _("每小时最少人数应为1至500")
    is_24h = bool(data.get("is_24h"))
    opens_at: time | None = data.get("opens_at")
    closes_at: time | None = data.get("closes_at")
    if is_24h:
        opens_at = closes_at = None
    elif opens_at is None or closes_at is None:
        errors["opens_at"] = _("非24小时岗位请填写开始和结束时间")
    elif opens_at == closes_at:
        errors["closes_at"] = _("结束时间不能与开始时间相同")
    checkpoint: Checkpoint | None = data.get("checkpoint")
    if checkpoint is not None and not checkpoint.unit.path.startswith(unit.path):
        errors["checkpoint"] = _("卡点不属于该单位")
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "kind": data["kind"],
        "checkpoint": checkpoint,
        "required_staff": required,
        "is_24h": is_24h,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "note": (data.get("note") or "").strip(),
    }


@transaction.atomic
def post_create(*, actor, unit: Unit, data: dict) -> Post:
    """Open a post of `unit` (a checkpoint's, a screening point, the duty desk, a patrol area)."""
    _require(actor, unit)
    post = Post(unit=unit, created_by=actor, **_checked(unit=unit, data=data))
    post._history_user = actor
    post.save()
    return post


@transaction.atomic
def post_update(*, actor, post: Post, data: dict, is_active: bool | None = None) -> Post:
    """Change a post's staffing, hours or name; closing it (is_active False) ends its coverage."""
    _require(actor, post.unit)
    merged = {name: data.get(name, getattr(post, name)) for name in FIELDS}
    checked = _checked(unit=post.unit, data=merged, post=post)
    if is_active is not None:
        checked["is_active"] = is_active
    post._history_user = actor
    model_update(post, fields=(*FIELDS, "is_active"), data=checked)
    return post
