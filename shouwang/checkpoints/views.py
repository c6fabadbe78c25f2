"""Pages of checkpoints: the list, create/edit/close, and the per-checkpoint registration page."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_POST

from shouwang.accounts.roles import Capability
from shouwang.identity.plates import province_abbreviations
from shouwang.units.models import Unit
from shouwang.units.policy import CHECKPOINT_RECORDS, guarded
from shouwang.units.scoping import get_visible_or_404

from .forms import CheckpointForm
from .models import (
    Checkpoint,
    Direction,
    Disposition,
    GreenChannelKind,
    HealthCode,
    Passage,
    VehicleKind,
)
from .passage_schema import INPUT_KEYS, OCCUPANT_FIELDS
from .selectors import PREFILL_FIELDS, checkpoints_visible, green_channel_today, plate_lookup
from .services import (
    checkpoint_close,
    checkpoint_create,
    checkpoint_reopen,
    checkpoint_update,
    passage_register,
)

SHIFT_KEY = "checkpoints.shift_checkpoint"
OCCUPANT_KEYS = tuple(field.name for field in OCCUPANT_FIELDS)


@guarded(CHECKPOINT_RECORDS)
def checkpoint_list(request):
    checkpoints = checkpoints_visible(request.user)
    return render(
        request,
        "checkpoints/checkpoint_list.html",
        {
            "checkpoints": checkpoints,
            "may_manage": request.user.has_capability(Capability.MANAGE_CHECKPOINTS),
            "shift": request.session.get(SHIFT_KEY),
        },
    )


def _checkpoint_form_view(request, checkpoint: Checkpoint | None):
    if not request.user.has_capability(Capability.MANAGE_CHECKPOINTS):
        raise PermissionDenied
    units = Unit.objects.visible_to(request.user)
    form = CheckpointForm(request.POST or None, instance_values=checkpoint, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if checkpoint is None:
                checkpoint = checkpoint_create(actor=request.user, **data)
            else:
                checkpoint = checkpoint_update(actor=request.user, checkpoint=checkpoint, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("卡点已保存"))
            return redirect("checkpoints:detail", pk=checkpoint.pk)
    return render(
        request, "checkpoints/checkpoint_form.html", {"form": form, "checkpoint": checkpoint}
    )


@guarded(Capability.MANAGE_CHECKPOINTS)
def checkpoint_new(request):
    return _checkpoint_form_view(request, None)


@guarded(Capability.MANAGE_CHECKPOINTS)
def checkpoint_edit(request, pk: int):
    return _checkpoint_form_view(request, get_visible_or_404(Checkpoint, request.user, pk=pk))


@guarded(CHECKPOINT_RECORDS)
def checkpoint_detail(request, pk: int):
    checkpoint = get_visible_or_404(Checkpoint.objects.select_related("unit"), request.user, pk=pk)
    return render(
        request,
        "checkpoints/checkpoint_detail.html",
        {
            "checkpoint": checkpoint,
            "may_manage": request.user.has_capability(Capability.MANAGE_CHECKPOINTS),
        },
    )


@guarded(Capability.MANAGE_CHECKPOINTS)
@require_POST
def checkpoint_status(request, pk: int):
    checkpoint = get_visible_or_404(Checkpoint, request.user, pk=pk)
    change = checkpoint_close if request.POST.get("action") == "close" else checkpoint_reopen
    try:
        change(actor=request.user, checkpoint=checkpoint, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("checkpoints:detail", pk=pk)


@guarded(Capability.REGISTER_PASSAGES)
def shift(request):
    """Where the officer's shift is: the last checkpoint he registered at."""
    pk = request.session.get(SHIFT_KEY)
    if pk and Checkpoint.objects.visible_to(request.user).filter(pk=pk).exists():
        return redirect("checkpoints:register", pk=pk)
    return redirect("checkpoints:list")


def _posted_passage(request, checkpoint: Checkpoint) -> dict:
    post = request.POST
    occupants = []
    columns = {name: post.getlist(f"occupant_{name}") for name in OCCUPANT_KEYS}
    for row in zip(*columns.values(), strict=False):
        person = dict(zip(OCCUPANT_KEYS, row, strict=True))
        if any(value.strip() for value in person.values()):
            occupants.append(person)
    plate = (post.get("province", "") + post.get("plate", "")).strip()
    # The declared registration fields, then those the page assembles itself.
    data = {key: post.get(key, "") for key in INPUT_KEYS}
    return {
        **data,
        "client_id": post.get("client_id") or str(uuid.uuid4()),
        "checkpoint": checkpoint.pk,
        "occurred_at": data["occurred_at"].strip() or None,
        "direction": post.get("direction", "in"),
        "plate": plate if post.get("plate", "").strip() else "",
        # Blank is an error ("请填写人数"); absent (an older page) counts the named occupants.
        "occupants_count": post.get("occupants_count"),
        "register_watch": post.get("register_watch") == "on",
        "occupants": occupants,
        "green_channel": post.get("green_channel") == "on",
    }


@gzip_page  # its styles and scripts are inline (3G): about 140 KB of text, 29 KB sent
@guarded(Capability.REGISTER_PASSAGES)
def register(request, pk: int):
    """The phone page of one checkpoint: plate, people, disposition in as few taps as possible."""
    checkpoint = get_visible_or_404(Checkpoint.objects.select_related("unit"), request.user, pk=pk)
    if not request.user.has_capability(Capability.REGISTER_PASSAGES):
        raise PermissionDenied
    request.session[SHIFT_KEY] = checkpoint.pk
    errors: dict[str, str] = {}
    posted: dict = {}
    if request.method == "POST":
        posted = _posted_passage(request, checkpoint)
        try:
            passage = passage_register(actor=request.user, data=posted)
        except ValidationError as error:
            errors = {field: messages_[0] for field, messages_ in error.message_dict.items()}
        else:
            messages.success(
                request,
                _("已登记：%(what)s · %(disposition)s")
                % {
                    "what": passage.plate or passage.get_vehicle_kind_display(),
                    "disposition": passage.get_disposition_display(),
                },
            )
            return redirect("checkpoints:register", pk=checkpoint.pk)
    recent = (
        Passage.objects.filter(checkpoint=checkpoint)
        .select_related("recorded_by")
        .order_by("-occurred_at", "-id")[:10]
    )
    province = request.POST.get("province") or "陕"
    return render(
        request,
        "checkpoints/register.html",
        {
            "checkpoint": checkpoint,
            "posted": posted,
            "post": request.POST,
            "errors": errors,
            "occupant_errors": {
                k: v
                for k, v in errors.items()
                if k in ("occupants", "register_watch") or k.startswith("occupants.")
            },
            "client_id": posted.get("client_id") or uuid.uuid4(),
            "provinces": list(province_abbreviations()),
            "province": province,
            "vehicle_kinds": VehicleKind.choices,
            "directions": Direction.choices,
            "dispositions": Disposition.choices,
            "health_codes": HealthCode.choices,
            "green_kinds": GreenChannelKind.choices,
            "recent": recent,
            "green_board": green_channel_today(request.user)[:20],
            "now": timezone.localtime(),
            "offline": _offline_config(request, checkpoint),
        },
    )


def _offline_config(request, checkpoint: Checkpoint) -> dict:
    """What the page's offline queue needs (shouwang/offline/static/offline/register.js)."""
    return {
        "user": request.user.username,
        "checkpoint": checkpoint.pk,
        "batch": reverse("api:passage_batch"),
        "me": reverse("api:me"),
        "plates": reverse("api:checkpoint_recent_plates", kwargs={"checkpoint_id": checkpoint.pk}),
        "passage": reverse("checkpoints:passage", args=[0]),
        "login": reverse("login"),
        "worker": reverse("offline:service_worker"),
        "inputKeys": list(INPUT_KEYS),
        "occupantKeys": list(OCCUPANT_KEYS),
        "prefillKeys": list(PREFILL_FIELDS),
    }


@guarded(Capability.REGISTER_PASSAGES)
def plate_feedback(request):
    """htmx partial under the plate field: region, out-of-town, key area, last passages."""
    text = request.GET.get("province", "") + request.GET.get("plate", "")
    if not request.GET.get("plate", "").strip():
        return render(request, "checkpoints/_plate_feedback.html", {"lookup": None})
    lookup = plate_lookup(user=request.user, text=text)
    prefill = {key: value for key, value in lookup.prefill.items() if value not in ("", None)}
    return render(
        request,
        "checkpoints/_plate_feedback.html",
        {
            "lookup": lookup,
            "prefill": prefill,
        },
    )


@guarded(CHECKPOINT_RECORDS)
def green_board(request):
    return render(
        request, "checkpoints/green_board.html", {"passages": green_channel_today(request.user)}
    )
