"""/video-systems, /cameras and /video-alerts.

`POST /video-alerts` is called by a video system with its own token (`Authorization: Bearer
swv_…`), not by a person: a personal token or a session is refused there (401). The other
operations are staff's, under their rules.
"""

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import HttpBearer

from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import ErrorOut, Id, InputSchema
from shouwang.checkpoints.models import Checkpoint
from shouwang.shell.listing import filtered
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..filters import VideoAlertFilter
from ..models import Camera, Patrol, VideoAlert, VideoSystem
from ..policy import ALERT_HANDLE, ALERT_RECORDS, CAMERA_RECORDS, VIDEO_MANAGE
from ..selectors import alerts_listed, cameras_listed, video_systems_listed
from ..services import (
    camera_register,
    video_alert_close,
    video_alert_dispatch,
    video_alert_ingest,
    video_system_create,
    video_system_for_token,
)

router = Router(tags=["视频告警"])
# A snapshot of 4 MB, base64-encoded.
SNAPSHOT_TEXT_LIMIT = 6 * 2**20


class VideoSystemToken(HttpBearer):
    """`Authorization: Bearer swv_…`: the token a video system was given when registered."""

    def authenticate(self, request, token: str):
        return video_system_for_token(token)


class VideoSystemIn(InputSchema):
    lengths_from = (VideoSystem,)

    unit: Id
    name: str


class VideoSystemCreated(Schema):
    id: int
    token: str


class VideoSystemOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    name: str
    token_prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class CameraIn(InputSchema):
    lengths_from = (Camera,)

    unit: Id
    system: Id
    code: str
    name: str
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)


class CameraOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    system: int = Field(..., alias="system_id")
    code: str
    name: str
    latitude: Decimal | None
    longitude: Decimal | None
    is_active: bool


class VideoAlertIn(InputSchema):
    lengths_from = (VideoAlert,)

    system_event_id: str = Field(..., min_length=1, max_length=100)
    camera: str = Field(..., min_length=1, max_length=50)
    kind: str = Field(..., max_length=20)
    occurred_at: datetime
    plate: str = Field("", max_length=20)
    snapshot: str | None = Field(
        None, max_length=SNAPSHOT_TEXT_LIMIT, description="抓拍图片（JPEG 或 PNG），Base64 编码"
    )


class VideoAlertOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    camera: int = Field(..., alias="camera_id")
    camera_code: str = Field(..., alias="camera.code")
    camera_name: str = Field(..., alias="camera.name")
    system_event_id: str
    kind: str
    occurred_at: datetime
    received_at: datetime
    plate: str
    plate_place: str
    has_snapshot: bool
    status: str
    checkpoint: int | None = Field(None, alias="checkpoint_id")
    patrol: int | None = Field(None, alias="patrol_id")
    distance_m: int | None
    dispatched_at: datetime | None
    outcome: str
    outcome_note: str
    closed_at: datetime | None


class VideoAlertAccepted(Schema):
    id: int
    status: str


class VideoAlertQuery(InputSchema):
    status: str = ""
    kind: str = ""
    q: str = ""
    unit: Id | None = None
    camera: Id | None = None
    date_from: date | None = Field(None, alias="from")
    date_to: date | None = Field(None, alias="to")


class VideoAlertDispatchIn(InputSchema):
    checkpoint: Id | None = None
    patrol: Id | None = None


class VideoAlertOutcomeIn(InputSchema):
    outcome: str = Field(..., max_length=12)
    note: str = Field("", max_length=300)


@router.post(
    "/video-systems",
    auth=api_guard(VIDEO_MANAGE),
    response={201: VideoSystemCreated, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="登记视频系统（令牌仅此一次显示）",
)
def video_system_add(request: HttpRequest, payload: VideoSystemIn):
    unit = get_visible_or_404(Unit, request.auth, pk=payload.unit)
    system, raw = video_system_create(actor=request.auth, unit=unit, name=payload.name)
    return Status(201, {"id": system.pk, "token": raw})


@router.get(
    "/video-systems",
    auth=api_guard(VIDEO_MANAGE),
    response={200: list[VideoSystemOut], 403: ErrorOut},
    summary="视频系统（本单位及下级）",
)
@paginate(BoundedPageNumberPagination, page_size=100)
def video_system_list(request: HttpRequest):
    return video_systems_listed(request.auth)


@router.post(
    "/cameras",
    auth=api_guard(VIDEO_MANAGE),
    response={201: CameraOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="登记摄像头",
)
def camera_add(request: HttpRequest, payload: CameraIn):
    unit = get_visible_or_404(Unit, request.auth, pk=payload.unit)
    system = get_visible_or_404(
        VideoSystem.objects.select_related("unit"), request.auth, pk=payload.system
    )
    camera = camera_register(
        actor=request.auth,
        unit=unit,
        system=system,
        code=payload.code,
        data={"name": payload.name, "latitude": payload.latitude, "longitude": payload.longitude},
    )
    return Status(201, camera)


@router.get(
    "/cameras",
    auth=api_guard(CAMERA_RECORDS),
    response={200: list[CameraOut], 403: ErrorOut},
    summary="摄像头（本单位及下级）",
)
@paginate(BoundedPageNumberPagination, page_size=200)
def camera_list(request: HttpRequest):
    return cameras_listed(request.auth)


@router.post(
    "/video-alerts",
    auth=VideoSystemToken(),
    response={200: VideoAlertAccepted, 201: VideoAlertAccepted, 401: ErrorOut, 422: ErrorOut},
    summary="视频系统推送告警（系统令牌；重复推送同一事件返回原告警）",
)
def video_alert_push(request: HttpRequest, payload: VideoAlertIn):
    result = video_alert_ingest(system=request.auth, **payload.dict())
    body = {"id": result.alert.pk, "status": result.alert.status}
    return Status(201 if result.created else 200, body)


def _alert(request: HttpRequest, alert_id: int) -> VideoAlert:
    return get_visible_or_404(
        VideoAlert.objects.defer("snapshot").select_related("unit", "camera"),
        request.auth,
        pk=alert_id,
    )


@router.get(
    "/video-alerts",
    auth=api_guard(ALERT_RECORDS),
    response={200: list[VideoAlertOut], 403: ErrorOut, 422: ErrorOut},
    summary="视频告警队列（本单位及下级）",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def video_alert_list(request: HttpRequest, filters: Query[VideoAlertQuery]):
    return filtered(VideoAlertFilter, alerts_listed(request.auth), filters.dict())


@router.get(
    "/video-alerts/{alert_id}",
    auth=api_guard(ALERT_RECORDS),
    response={200: VideoAlertOut, 403: ErrorOut, 404: ErrorOut},
    summary="视频告警详情",
)
def video_alert_detail(request: HttpRequest, alert_id: Id):
    return _alert(request, alert_id)


@router.post(
    "/video-alerts/{alert_id}/dispatch",
    auth=api_guard(ALERT_HANDLE),
    response={200: VideoAlertOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="派警：派往卡点或巡逻组",
)
def video_alert_send(request: HttpRequest, alert_id: Id, payload: VideoAlertDispatchIn):
    alert = _alert(request, alert_id)
    checkpoint = (
        get_visible_or_404(
            Checkpoint.objects.select_related("unit"), request.auth, pk=payload.checkpoint
        )
        if payload.checkpoint
        else None
    )
    patrol = (
        get_visible_or_404(Patrol.objects.select_related("unit"), request.auth, pk=payload.patrol)
        if payload.patrol
        else None
    )
    video_alert_dispatch(actor=request.auth, alert=alert, checkpoint=checkpoint, patrol=patrol)
    return _alert(request, alert_id)


@router.post(
    "/video-alerts/{alert_id}/outcome",
    auth=api_guard(ALERT_HANDLE),
    response={200: VideoAlertOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="登记处置结果",
)
def video_alert_outcome(request: HttpRequest, alert_id: Id, payload: VideoAlertOutcomeIn):
    alert = _alert(request, alert_id)
    video_alert_close(actor=request.auth, alert=alert, outcome=payload.outcome, note=payload.note)
    return _alert(request, alert_id)
