"""Cameras and video systems; the video room's alert queue, dispatch and outcome."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.checkpoints.models import Checkpoint
from shouwang.privacy.exports import Column
from shouwang.shell.forms import add_service_errors, form_action, form_page
from shouwang.shell.listing import Listing
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from ..filters import VideoAlertFilter
from ..forms import CameraForm, DispatchForm, OutcomeForm, VideoSystemForm
from ..models import AlertKind, AlertStatus, Camera, Patrol, VideoAlert, VideoSystem
from ..policy import (
    ALERT_EXPORT,
    ALERT_HANDLE,
    ALERT_RECORDS,
    CAMERA_RECORDS,
    VIDEO_MANAGE,
)
from ..selectors import (
    alert_counts,
    alerts_listed,
    cameras_listed,
    nearest_checkpoints,
    ongoing_patrols,
    plate_passages,
    video_systems_listed,
)
from ..services import (
    camera_register,
    camera_update,
    snapshot_content,
    video_alert_close,
    video_alert_dispatch,
    video_system_create,
)
from .common import units_of

ALERTS = Listing(VideoAlertFilter)


@guarded(CAMERA_RECORDS)
def camera_list(request):
    cameras = list(cameras_listed(request.user))
    mapped = [
        {"name": c.name, "code": c.code, "lat": float(c.latitude), "lng": float(c.longitude)}
        for c in cameras
        if c.latitude is not None
    ]
    posts = [
        {"name": p.name, "lat": float(p.latitude), "lng": float(p.longitude)}
        for p in Checkpoint.objects.visible_to(request.user).filter(latitude__isnull=False)
    ]
    return render(
        request,
        "patrols/camera_list.html",
        {
            "cameras": cameras,
            "systems": video_systems_listed(request.user),
            "map_points": {"cameras": mapped, "posts": posts},
            "tile_url": settings.SHOUWANG_MAP_TILE_URL,
        },
    )


@guarded(VIDEO_MANAGE)
def system_new(request):
    form = VideoSystemForm(
        request.POST or None, units=units_of(request.user), initial={"unit": request.user.unit}
    )
    if request.method == "POST" and form.is_valid():
        try:
            system, raw = video_system_create(
                actor=request.user, unit=form.cleaned_data["unit"], name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The token is shown this once: only its hash is kept.
            return render(request, "patrols/system_token.html", {"system": system, "token": raw})
    status = 422 if request.method == "POST" else 200
    return render(request, "patrols/system_form.html", {"form": form}, status=status)


def _camera_form(request, **kwargs) -> CameraForm:
    return CameraForm(
        request.POST or None,
        systems=VideoSystem.objects.visible_to(request.user).filter(revoked_at=None),
        units=units_of(request.user),
        **kwargs,
    )


def _camera_data(form) -> dict:
    data = form.cleaned_data
    return {"name": data["name"], "latitude": data["latitude"], "longitude": data["longitude"]}


@guarded(VIDEO_MANAGE)
def camera_new(request):
    form = _camera_form(request, initial={"unit": request.user.unit})
    return form_page(
        request,
        form,
        save=lambda data: camera_register(
            actor=request.user,
            unit=data["unit"],
            system=data["system"],
            code=data["code"],
            data=_camera_data(form),
        ),
        done=lambda camera: reverse("patrols:camera_detail", kwargs={"pk": camera.pk}),
        message=lambda camera: _("已登记摄像头：%(camera)s") % {"camera": camera},
        template="patrols/camera_form.html",
        context={"camera": None},
    )


@guarded(CAMERA_RECORDS, write=VIDEO_MANAGE)
def camera_detail(request, pk: int):
    camera = get_visible_or_404(
        Camera.objects.select_related("unit", "system"), request.user, pk=pk
    )
    form = _camera_form(
        request,
        initial={
            "system": camera.system,
            "unit": camera.unit,
            "code": camera.code,
            "name": camera.name,
            "latitude": camera.latitude,
            "longitude": camera.longitude,
        },
    )
    for name in ("system", "unit", "code"):
        form.fields[name].disabled = True
    return form_page(
        request,
        form,
        save=lambda _data: camera_update(
            actor=request.user, camera=camera, data=_camera_data(form)
        ),
        done=lambda _saved: reverse("patrols:camera_detail", args=[camera.pk]),
        message=_("已保存"),
        template="patrols/camera_form.html",
        context=lambda: {
            "camera": camera,
            # The registry is the administrator's too; the alerts are the video room's.
            "alerts": alerts_listed(request.user).filter(camera=camera)[:20]
            if ALERT_RECORDS.allows(request.user)
            else [],
        },
    )


@guarded(ALERT_RECORDS)
def alert_list(request):
    return render(
        request,
        "patrols/alert_list.html",
        {
            **ALERTS.page(request, alerts_listed(request.user)),
            "counts": alert_counts(request.user),
            "kinds": AlertKind.choices,
            "statuses": AlertStatus.choices,
        },
    )


EXPORT_COLUMNS = (
    Column(_lazy("发生时间"), lambda alert: timezone.localtime(alert.occurred_at)),
    Column(_lazy("告警类型"), lambda alert: alert.get_kind_display()),
    Column(_lazy("摄像头"), lambda alert: str(alert.camera)),
    Column(_lazy("车牌号"), lambda alert: alert.plate),
    Column(_lazy("号牌归属地"), lambda alert: alert.plate_place),
    Column(_lazy("状态"), lambda alert: alert.get_status_display()),
    Column(_lazy("派往"), lambda alert: str(alert.checkpoint or alert.patrol or "")),
    Column(_lazy("处置结果"), lambda alert: alert.get_outcome_display()),
    Column(_lazy("处置情况"), lambda alert: alert.outcome_note),
    Column(_lazy("单位"), lambda alert: alert.unit.name),
)


@guarded(ALERT_EXPORT)
def alert_export(request):
    return ALERTS.export(
        request,
        alerts_listed(request.user),
        filename=_("视频告警.xlsx"),
        columns=EXPORT_COLUMNS,
        model=VideoAlert,
    )


def _alert(request, pk: int) -> VideoAlert:
    return get_visible_or_404(
        VideoAlert.objects.defer("snapshot").select_related(
            "unit", "camera", "system", "checkpoint", "patrol"
        ),
        request.user,
        pk=pk,
    )


@guarded(ALERT_RECORDS)
def alert_detail(request, pk: int):
    alert = _alert(request, pk)
    open_alert = alert.status != AlertStatus.CLOSED
    candidates = nearest_checkpoints(request.user, alert) if open_alert else []
    return render(
        request,
        "patrols/alert_detail.html",
        {
            "alert": alert,
            "candidates": candidates,
            "nearest": next((c for c in candidates if c.distance_m is not None), None),
            "patrols": ongoing_patrols(request.user) if open_alert else [],
            "passages": plate_passages(request.user, alert.plate),
            "outcome_form": OutcomeForm(),
        },
    )


def _target(request, value: str) -> dict:
    kind, _sep, number = value.partition(":")
    if not number.isdigit() or len(number) > 18:
        raise Http404
    if kind == "checkpoint":
        return {
            "checkpoint": get_visible_or_404(
                Checkpoint.objects.select_related("unit"), request.user, pk=int(number)
            )
        }
    if kind == "patrol":
        return {
            "patrol": get_visible_or_404(
                Patrol.objects.select_related("unit"), request.user, pk=int(number)
            )
        }
    raise Http404


@guarded(ALERT_HANDLE)
@require_POST
def alert_dispatch(request, pk: int):
    alert = _alert(request, pk)

    def dispatch(data: dict):
        target = _target(request, data["target"])
        distance = None
        if "checkpoint" in target:
            found = [
                c
                for c in nearest_checkpoints(request.user, alert)
                if c.checkpoint.pk == target["checkpoint"].pk
            ]
            distance = found[0].distance_m if found else None
        return video_alert_dispatch(actor=request.user, alert=alert, distance_m=distance, **target)

    return form_action(
        request,
        DispatchForm(request.POST),
        save=dispatch,
        done=reverse("patrols:alert_detail", args=[alert.pk]),
        message=_("已派警"),
        invalid=_("请选择派往的卡点或巡逻组"),
    )


@guarded(ALERT_HANDLE)
@require_POST
def alert_outcome(request, pk: int):
    alert = _alert(request, pk)
    return form_action(
        request,
        OutcomeForm(request.POST),
        save=lambda data: video_alert_close(
            actor=request.user, alert=alert, outcome=data["outcome"], note=data["note"]
        ),
        done=reverse("patrols:alert_detail", args=[alert.pk]),
        message=_("已登记处置结果"),
        invalid=_("请选择处置结果"),
    )


@guarded(ALERT_RECORDS)
def alert_snapshot(request, pk: int):
    alert = get_visible_or_404(VideoAlert, request.user, pk=pk)
    if not alert.has_snapshot:
        raise Http404
    content_type = {"jpeg": "image/jpeg", "png": "image/png"}[alert.snapshot_kind]
    response = HttpResponse(snapshot_content(alert), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="alert-{alert.pk}.{alert.snapshot_kind}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
