"""Video systems and their tokens, the camera registry, alerts pushed by the systems, and the
video room's dispatch of the nearest post or patrol, with the outcome.

A system's token is shown once and only its hash kept (as a personal API token is). An alert
is one row per (system, the system's own event id), held by a unique constraint: a resend, even
two at the same instant, finds the first row and answers it again.
"""

import base64
import binascii
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.models import hash_token
from shouwang.checkpoints.models import Checkpoint, CheckpointStatus
from shouwang.conflicts import Conflict
from shouwang.identity import IdentityError, normalize_input, parse_plate
from shouwang.identity.plain_text import check_text
from shouwang.identity.regions import place_name
from shouwang.privacy.blobs import blob_decrypt, blob_encrypt
from shouwang.records import model_update
from shouwang.shell.evidence_safety import EvidenceLimits, check_evidence
from shouwang.units.policy import require
from shouwang.units.scoping import unit_is_visible_to

from ..models import (
    AlertKind,
    AlertOutcome,
    AlertStatus,
    Camera,
    Patrol,
    VideoAlert,
    VideoSystem,
)
from ..policy import ALERT_HANDLE, VIDEO_MANAGE
from .common import moment

TOKEN_PREFIX = "swv_"
SNAPSHOT_PURPOSE = "video-snapshot"
SNAPSHOT_LIMITS = EvidenceLimits(max_bytes=4 * 2**20, max_side=8000, max_pixels=40_000_000)


def new_system_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def video_system_create(*, actor: Any, unit: Any, name: str) -> tuple[VideoSystem, str]:
    """Register a video system of `unit`; returns it and its token, shown this once."""
    require(actor, VIDEO_MANAGE, unit, unit_message=_("只能为本单位或下级单位登记视频系统"))
    name = check_text(name, "name", 100, required=True)
    if VideoSystem.objects.filter(unit=unit, name=name).exists():
        raise ValidationError({"name": _("本单位已有同名的视频系统")})
    raw = new_system_token()
    try:
        with transaction.atomic():
            system = VideoSystem.objects.create(
                unit=unit,
                name=name,
                token_hash=hash_token(raw),
                token_prefix=raw[:10],
                created_by=actor,
            )
    except IntegrityError:
        raise Conflict({"name": _("本单位已有同名的视频系统")}) from None
    return system, raw


@transaction.atomic
def video_system_revoke(*, actor: Any, system: VideoSystem) -> VideoSystem:
    """Stop a system's token: its pushes are refused from now on (its alerts stay)."""
    require(actor, VIDEO_MANAGE, system.unit, unit_message=_("只能管理本单位或下级单位的视频系统"))
    if system.revoked_at is None:
        system.revoked_at = timezone.now()
        system.save(update_fields=["revoked_at"])
    return system


def video_system_for_token(raw: str) -> VideoSystem | None:
    """The usable system a raw token names, else None."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    system = (
        VideoSystem.objects.select_related("unit")
        .filter(token_hash=hash_token(raw), revoked_at=None)
        .first()
    )
    if system is None:
        return None
    now = timezone.now()
    # Writing on every push would serialise a busy system on one row; a minute will do.
    if system.last_used_at is None or now - system.last_used_at > timedelta(minutes=1):
        VideoSystem.objects.filter(pk=system.pk).update(last_used_at=now)
    return system


def _coordinate(value: Any, field: str, limit: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except ArithmeticError:
        raise ValidationError({field: _("请填写数字")}) from None
    if not number.is_finite() or abs(number) > limit:
        raise ValidationError({field: _("坐标超出范围")})
    return number


def _camera_values(data: dict[str, Any]) -> dict[str, Any]:
    latitude = _coordinate(data.get("latitude"), "latitude", 90)
    longitude = _coordinate(data.get("longitude"), "longitude", 180)
    if (latitude is None) != (longitude is None):
        raise ValidationError({"longitude": _("经纬度须同时填写")})
    return {
        "name": check_text(data.get("name", ""), "name", 100, required=True),
        "latitude": latitude,
        "longitude": longitude,
        "is_active": bool(data.get("is_active", True)),
    }


@transaction.atomic
def camera_register(
    *, actor: Any, unit: Any, system: VideoSystem, code: str, data: dict[str, Any]
) -> Camera:
    """Add a camera of `system` at `unit` (the system's unit or one below it)."""
    require(actor, VIDEO_MANAGE, unit, unit_message=_("只能为本单位或下级单位登记摄像头"))
    if not unit.path.startswith(system.unit.path):
        raise ValidationError({"system": _("摄像头须属于该视频系统的单位或其下级单位")})
    code = check_text(normalize_input(str(code or "")).strip(), "code", 50, required=True)
    camera = Camera(unit=unit, system=system, code=code, **_camera_values(data))
    camera._history_user = actor
    try:
        with transaction.atomic():
            camera.save()
    except IntegrityError:
        raise ValidationError({"code": _("该视频系统已有此编号的摄像头")}) from None
    return camera


@transaction.atomic
def camera_update(*, actor: Any, camera: Camera, data: dict[str, Any]) -> Camera:
    require(actor, VIDEO_MANAGE, camera.unit, unit_message=_("只能管理本单位或下级单位的摄像头"))
    values = _camera_values(data)
    camera = Camera.objects.select_for_update().get(pk=camera.pk)
    camera._history_user = actor
    model_update(camera, fields=tuple(values), data=values)
    return camera


# --- ingest ------------------------------------------------------------------------------------


def _snapshot(text: str | None) -> tuple[bytes | None, str]:
    if not text:
        return None, ""
    try:
        content = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError({"snapshot": _("抓拍图片应为 Base64 编码的 JPEG 或 PNG")}) from None
    checked = check_evidence(content, "snapshot", field="snapshot", limits=SNAPSHOT_LIMITS)
    if checked.kind == "pdf":
        raise ValidationError({"snapshot": _("抓拍图片应为 JPEG 或 PNG")})
    return blob_encrypt(content, purpose=SNAPSHOT_PURPOSE), checked.kind


def snapshot_content(alert: VideoAlert) -> bytes:
    return blob_decrypt(alert.snapshot, purpose=SNAPSHOT_PURPOSE)


def _plate(text: str, kind: str) -> tuple[str, str]:
    text = normalize_input(text or "").replace(" ", "")
    if not text:
        if kind == AlertKind.OUT_OF_TOWN_PLATE:
            raise ValidationError({"plate": _("外地号牌告警须附车牌号")})
        return "", ""
    try:
        plate = parse_plate(text, settings.SHOUWANG_HOME_PLATE_PREFIXES)
    except IdentityError:
        # A camera may misread a character: keep what it read rather than lose the alert.
        return check_text(text.upper()[:12], "plate", 12), ""
    return plate.number, place_name(plate.province, plate.city) or plate.province


@dataclass(frozen=True)
class Ingested:
    alert: VideoAlert
    created: bool


@transaction.atomic
def video_alert_ingest(
    *,
    system: VideoSystem,
    system_event_id: str,
    camera: str,
    kind: str,
    occurred_at: datetime,
    plate: str = "",
    snapshot: str | None = None,
) -> Ingested:
    """Take an alert a system pushed; a resend of the same event id answers the first alert."""
    event_id = check_text(system_event_id, "system_event_id", 100, required=True)
    existing = VideoAlert.objects.filter(system=system, system_event_id=event_id).first()
    if existing is not None:
        return Ingested(existing, created=False)
    found = Camera.objects.select_related("unit").filter(system=system, code=camera).first()
    if found is None:
        raise ValidationError(
            {"camera": _("该视频系统没有编号为“%(code)s”的摄像头") % {"code": camera}}
        )
    if kind not in AlertKind.values:
        raise ValidationError({"kind": _("告警类型应为 gathering、out_of_town_plate 或 other")})
    number, place = _plate(plate, kind)
    content, snapshot_kind = _snapshot(snapshot)
    alert = VideoAlert(
        unit=found.unit,
        system=system,
        camera=found,
        system_event_id=event_id,
        kind=kind,
        occurred_at=moment(occurred_at, "occurred_at"),
        plate=number,
        plate_place=place,
        snapshot=content,
        snapshot_kind=snapshot_kind,
    )
    try:
        with transaction.atomic():
            alert.save()
    except IntegrityError:
        # The same event sent twice at once: the other request stored it first.
        return Ingested(VideoAlert.objects.get(system=system, system_event_id=event_id), False)
    return Ingested(alert, created=True)


# --- the video room ----------------------------------------------------------------------------


def _after_alert(alert: VideoAlert, at: datetime | None, field: str) -> datetime:
    when = moment(at, field)
    if when < alert.occurred_at:
        raise ValidationError({field: _("处置时间不能早于告警时间")})
    return when


def _locked(alert: VideoAlert) -> VideoAlert:
    return (
        VideoAlert.objects.select_for_update(of=("self",)).select_related("unit").get(pk=alert.pk)
    )


@transaction.atomic
def video_alert_dispatch(
    *,
    actor: Any,
    alert: VideoAlert,
    checkpoint: Checkpoint | None = None,
    patrol: Patrol | None = None,
    distance_m: int | None = None,
    at: datetime | None = None,
) -> VideoAlert:
    """Send a checkpoint or a patrol to the alert (again, if the first could not go); `at`
    records a dispatch made earlier (by radio), now by default."""
    require(actor, ALERT_HANDLE, alert.unit, unit_message=_("该告警不在您的管辖范围内"))
    if (checkpoint is None) == (patrol is None):
        raise ValidationError({"target": _("请选择一个卡点或一个巡逻组")})
    if checkpoint is not None and (
        checkpoint.status != CheckpointStatus.ACTIVE
        or not unit_is_visible_to(checkpoint.unit, actor)
    ):
        raise ValidationError({"checkpoint": _("请选择本单位在用的卡点")})
    if patrol is not None and (
        patrol.ended_at is not None or not unit_is_visible_to(patrol.unit, actor)
    ):
        raise ValidationError({"patrol": _("请选择本单位正在巡逻的巡逻组")})
    alert = _locked(alert)
    if alert.status == AlertStatus.CLOSED:
        raise Conflict({"status": _("该告警已处置完毕")})
    when = _after_alert(alert, at, "dispatched_at")
    alert._history_user = actor
    model_update(
        alert,
        fields=("status", "checkpoint", "patrol", "distance_m", "dispatched_at", "dispatched_by"),
        data={
            "status": AlertStatus.DISPATCHED,
            "checkpoint": checkpoint,
            "patrol": patrol,
            "distance_m": distance_m,
            "dispatched_at": when,
            "dispatched_by": actor,
        },
    )
    return alert


@transaction.atomic
def video_alert_close(
    *, actor: Any, alert: VideoAlert, outcome: str, note: str = "", at: datetime | None = None
) -> VideoAlert:
    """Record what was done: the car turned back, the crowd dispersed, a false alarm…"""
    require(actor, ALERT_HANDLE, alert.unit, unit_message=_("该告警不在您的管辖范围内"))
    if outcome not in AlertOutcome.values:
        raise ValidationError({"outcome": _("请选择处置结果")})
    note = check_text(note, "note", 300)
    alert = _locked(alert)
    if alert.status == AlertStatus.CLOSED:
        raise Conflict({"status": _("该告警已处置完毕")})
    when = _after_alert(alert, at, "closed_at")
    alert._history_user = actor
    model_update(
        alert,
        fields=("status", "outcome", "outcome_note", "closed_at", "closed_by"),
        data={
            "status": AlertStatus.CLOSED,
            "outcome": outcome,
            "outcome_note": note,
            "closed_at": when,
            "closed_by": actor,
        },
    )
    return alert
