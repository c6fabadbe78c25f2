"""Passage records: filtered list per checkpoint or unit, export, detail, edit, void."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouwang.accounts.roles import Capability
from shouwang.privacy.reveal import reveal_view
from shouwang.privacy.services import may_view_personal_data
from shouwang.shell.listing import Listing
from shouwang.units.models import Unit
from shouwang.units.policy import CHECKPOINT_RECORDS, guarded
from shouwang.units.scoping import get_visible_or_404

from .filters import PassageFilter
from .models import (
    Direction,
    Disposition,
    GreenChannelKind,
    HealthCode,
    Occupant,
    Passage,
    VehicleKind,
)
from .passage_schema import CORRECTABLE, OCCUPANTS_LISTED, export_columns, field_label
from .selectors import checkpoints_visible, passages_listed
from .services import passage_may_change, passage_update, passage_void

# A bureau's passages of many weeks: streamed, at some 6,000 rows a second (docs/performance.md).
EXPORT_LIMIT = 100_000


# The search may be an ID number or a phone: posted and kept out of URLs (privacy.searches).
PASSAGES = Listing(PassageFilter, sensitive=("q",))


@guarded(CHECKPOINT_RECORDS)
def passage_list(request):
    if request.method == "POST":
        return PASSAGES.search_redirect(request)
    listed = passages_listed(request.user).select_related("key_area")
    return render(
        request,
        "checkpoints/passage_list.html",
        {
            **PASSAGES.page(request, listed),
            "checkpoints": checkpoints_visible(request.user),
            "units": Unit.objects.visible_to(request.user),
            "dispositions": Disposition.choices,
            "health_codes": HealthCode.choices,
            "may_see_full": may_view_personal_data(request.user),
        },
    )


# The export's columns, their headers and which are personal come from the declaration.
EXPORT_COLUMNS = export_columns()


def _for_export(passages):
    # Occupants a chunk at a time; the recorder's name only (his encrypted ID number and
    # phone would be decrypted for every row).
    return passages.prefetch_related(Prefetch("occupants", to_attr=OCCUPANTS_LISTED)).defer(
        "recorded_by__id_number", "recorded_by__phone"
    )


@guarded(CHECKPOINT_RECORDS.with_all(Capability.EXPORT_DATA))
def passage_export(request):
    return PASSAGES.export(
        request,
        passages_listed(request.user),
        filename=_("通行登记.xlsx"),
        columns=EXPORT_COLUMNS,
        model=Passage,
        limit=EXPORT_LIMIT,
        prepare=_for_export,
    )


def _visible_passage(request, pk: int) -> Passage:
    return get_visible_or_404(
        Passage.objects.select_related("checkpoint__unit", "recorded_by", "key_area"),
        request.user,
        pk=pk,
    )


@guarded(CHECKPOINT_RECORDS)
def passage_detail(request, pk: int):
    passage = _visible_passage(request, pk)
    return render(
        request,
        "checkpoints/passage_detail.html",
        {
            "passage": passage,
            "occupants": passage.occupants.select_related("watch_record"),
            # The occupants who became watched people link to the registry for those who read it.
            "may_view_people": request.user.has_capability(Capability.VIEW_PEOPLE),
            "may_reveal": may_view_personal_data(request.user),
            "may_change": passage_may_change(request.user, passage),
            "dispositions": Disposition.choices,
            "directions": Direction.choices,
            "vehicle_kinds": VehicleKind.choices,
            "health_codes": HealthCode.choices,
            "green_channel_kinds": GreenChannelKind.choices,
        },
    )


def _field_label(name: str) -> str:
    labels = {"reason": _("修改原因"), "__all__": _("登记")}
    return str(labels[name]) if name in labels else field_label(name)


@guarded(Capability.REGISTER_PASSAGES)
@require_POST
def passage_edit(request, pk: int):
    passage = _visible_passage(request, pk)
    changes = {name: request.POST[name] for name in CORRECTABLE if name in request.POST}
    try:
        passage_update(
            actor=request.user,
            passage=passage,
            changes=changes,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        for field, field_messages in error.message_dict.items():
            messages.error(request, f"{_field_label(field)}：{field_messages[0]}")
    else:
        messages.success(request, _("已修改，修改记录已保留"))
    return redirect("checkpoints:passage", pk=pk)


@guarded(Capability.REGISTER_PASSAGES)
@require_POST
def passage_void_view(request, pk: int):
    passage = _visible_passage(request, pk)
    try:
        passage_void(actor=request.user, passage=passage, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("已作废"))
    return redirect("checkpoints:passage", pk=pk)


def _visible_occupant(request, pk: int) -> Occupant:
    return get_visible_or_404(Occupant, request.user, pk=pk)


occupant_reveal = reveal_view(
    _visible_occupant, rule=CHECKPOINT_RECORDS.with_all(Capability.VIEW_PERSONAL_DATA)
)
