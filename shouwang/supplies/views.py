"""Supplies pages: stock with drill-down, recording a movement, the ledger, items and donors."""

from django.contrib import messages
from django.db.models import QuerySet
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.privacy.exports import Column, personal
from shouwang.privacy.masking import mask_phone
from shouwang.privacy.reveal import reveal_view
from shouwang.shell.forms import form_action, form_page
from shouwang.shell.listing import Listing
from shouwang.units.models import Unit
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from .filters import DonorFilter, ItemFilter, MovementFilter
from .forms import KIND_CHOICES, ItemForm, MovementForm, ReverseForm, ThresholdForm
from .models import Donor, Item, ItemCategory, Movement, MovementKind
from .policy import DONOR_REVEAL, SUPPLY_EXPORT, SUPPLY_RECORDS, SUPPLY_WRITE
from .selectors import (
    RATE_DAYS,
    donations_of,
    donors_listed,
    items_readable,
    movements_listed,
    stock_by_unit,
    stock_with_days_left,
    thank_you_text,
)
from .services import (
    donor_thank,
    item_create,
    item_threshold_set,
    movement_record,
    movement_reverse,
)

MOVEMENTS = Listing(MovementFilter)
ITEMS = Listing(ItemFilter)
DONORS = Listing(DonorFilter)


def units_of(user) -> QuerySet[Unit]:
    return Unit.objects.visible_to(user).filter(is_active=True).order_by("path")


def _picked(request, name: str, queryset: QuerySet):
    """`?name=<id>` among `queryset`, or None (a malformed or unreachable id is ignored)."""
    text = request.GET.get(name) or ""
    return queryset.filter(pk=text).first() if text.isdigit() and len(text) < 19 else None


@guarded(SUPPLY_RECORDS)
def stock(request):
    units = units_of(request.user)
    unit = _picked(request, "unit", units) or request.user.unit
    lines = stock_with_days_left(actor=request.user, unit=unit)
    item = _picked(request, "item", items_readable(request.user))
    return render(
        request,
        "supplies/stock.html",
        {
            "unit": unit,
            "units": units,
            "lines": lines,
            "low": [line for line in lines if line.is_low],
            "item": item,
            "by_unit": stock_by_unit(actor=request.user, unit=unit, item=item) if item else None,
            "ancestors": [
                u for u in unit.ancestors_and_self() if u.path.startswith(request.user.unit.path)
            ],
            "rate_days": RATE_DAYS,
        },
    )


@guarded(SUPPLY_WRITE)
def movement_new(request):
    units = units_of(request.user)
    initial = {"unit": request.user.unit, "kind": MovementKind.ISSUED}
    for name in ("kind", "item", "unit"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    form = MovementForm(
        request.POST or None,
        units=units,
        items=items_readable(request.user),
        donors=Donor.objects.visible_to(request.user).order_by("name"),
        initial=initial,
    )
    return form_page(
        request,
        form,
        save=lambda data: movement_record(actor=request.user, **_movement_values(data)),
        done=lambda movement: f"{request.path}?kind={movement.kind}&unit={movement.unit_id}",
        message=lambda movement: (
            _("已登记%(kind)s：%(item)s %(n)s%(uom)s")
            % {
                "kind": dict(KIND_CHOICES)[movement.kind],
                "item": movement.item.name,
                "n": movement.quantity,
                "uom": movement.item.unit_of_measure,
            }
        ),
        template="supplies/movement_form.html",
    )


def _movement_values(data: dict) -> dict:
    """The service's arguments from the form: only the fields the kind of movement uses."""
    kind = data["kind"]
    donated = kind == MovementKind.DONATED
    details = {
        "name": data["donor_name"],
        "organisation": data["donor_organisation"],
        "contact": data["donor_contact"],
    }
    return {
        "unit": data["unit"],
        "item": data["item"],
        "kind": kind,
        "quantity": data["quantity"],
        "to_unit": data["to_unit"] if kind in MovementForm.KINDS_OF["to_unit"] else None,
        "donor": data["donor"] if donated else None,
        "donor_details": details if donated and not data["donor"] else None,
        "recipient": data["recipient"] if kind == MovementKind.ISSUED else "",
        "reason": data["reason"] if kind == MovementKind.WRITTEN_OFF else "",
        "note": data["note"],
        "occurred_at": data["occurred_at"],
    }


@guarded(SUPPLY_RECORDS)
def movements(request):
    return render(
        request,
        "supplies/movements.html",
        {
            **MOVEMENTS.page(request, movements_listed(request.user)),
            "kinds": MovementKind.choices,
            "units": units_of(request.user),
            "items": items_readable(request.user),
            "reverse_form": ReverseForm(),
        },
    )


EXPORT_COLUMNS = (
    Column(_lazy("编号"), lambda m: m.pk),
    Column(_lazy("发生时间"), lambda m: m.occurred_at),
    Column(_lazy("单位"), lambda m: m.unit.name),
    Column(_lazy("类型"), lambda m: m.get_kind_display()),
    Column(_lazy("物资"), lambda m: m.item.name),
    Column(_lazy("计量单位"), lambda m: m.item.unit_of_measure),
    Column(_lazy("数量"), lambda m: m.quantity),
    Column(_lazy("库存变化"), lambda m: m.delta),
    Column(_lazy("对方单位"), lambda m: m.other_unit.name if m.other_unit else ""),
    Column(_lazy("领用人"), lambda m: m.recipient),
    Column(_lazy("捐赠人"), lambda m: str(m.donor or "")),
    Column(_lazy("原因"), lambda m: m.reason),
    Column(_lazy("冲正的记录"), lambda m: m.reverses_id or ""),
    Column(_lazy("已冲正"), lambda m: _("是") if hasattr(m, "reversed_by") else ""),
    Column(_lazy("备注"), lambda m: m.note),
    Column(_lazy("登记人"), lambda m: str(m.recorded_by)),
)


@guarded(SUPPLY_EXPORT)
def movements_export(request):
    return MOVEMENTS.export(
        request,
        movements_listed(request.user),
        filename=_("物资出入库台账.xlsx"),
        columns=EXPORT_COLUMNS,
    )


@guarded(SUPPLY_WRITE)
@require_POST
def movement_reverse_view(request, pk: int):
    movement = get_visible_or_404(Movement.objects.select_related("item"), request.user, pk=pk)
    return form_action(
        request,
        ReverseForm(request.POST),
        save=lambda data: movement_reverse(
            actor=request.user, movement=movement, reason=data["reason"]
        ),
        done=reverse("supplies:movements"),
        message=lambda _reversal: _("已冲正：%(item)s") % {"item": movement.item.name},
        invalid=_("请填写冲正原因"),
    )


@guarded(SUPPLY_RECORDS, write=SUPPLY_WRITE)
def items(request):
    units = units_of(request.user)
    form = ItemForm(request.POST or None, units=units, initial={"unit": request.user.unit})

    def page() -> dict:
        context = ITEMS.page(request, items_readable(request.user))
        for item in context["page_obj"]:
            # A station reads the bureau's catalogue; it changes only its own (and those below).
            item.editable = item.unit.path.startswith(request.user.unit.path)
        return {**context, "categories": ItemCategory.choices}

    return form_page(
        request,
        form,
        save=lambda data: item_create(actor=request.user, **data),
        done=lambda item: reverse("supplies:items"),
        message=lambda item: _("已添加物资：%(name)s") % {"name": item.name},
        template="supplies/items.html",
        context=page,
    )


@guarded(SUPPLY_WRITE)
@require_POST
def item_threshold(request, pk: int):
    item = get_visible_or_404(Item.objects.select_related("unit"), request.user, pk=pk)
    return form_action(
        request,
        ThresholdForm(request.POST),
        save=lambda data: item_threshold_set(
            actor=request.user, item=item, low_stock_threshold=data["low_stock_threshold"]
        ),
        done=reverse("supplies:items"),
        message=lambda _item: _("已更新%(name)s的低库存警戒值") % {"name": item.name},
        invalid=_("警戒值应为不小于0的整数"),
    )


@guarded(SUPPLY_RECORDS)
def donors(request):
    context = DONORS.page(request, donors_listed(request.user))
    page = list(context["page_obj"])
    gifts = donations_of(page)
    return render(
        request,
        "supplies/donors.html",
        {
            **context,
            "rows": [
                (donor, gifts.get(donor.pk, []), thank_you_text(donor, gifts.get(donor.pk, [])))
                for donor in page
            ],
            "units": units_of(request.user),
        },
    )


def donor_or_404(request, pk: int) -> Donor:
    return get_visible_or_404(Donor.objects.select_related("unit"), request.user, pk=pk)


@guarded(SUPPLY_WRITE)
@require_POST
def donor_thank_view(request, pk: int):
    donor = donor_thank(actor=request.user, donor=donor_or_404(request, pk))
    messages.success(request, _("已记录向%(name)s致谢") % {"name": donor.name})
    return redirect("supplies:donors")


donor_reveal = reveal_view(
    donor_or_404, rule=DONOR_REVEAL, fields=("contact",), template="supplies/_contact.html"
)

DONOR_COLUMNS = (
    Column(_lazy("捐赠人"), lambda d: d.name),
    Column(_lazy("单位或组织"), lambda d: d.organisation),
    personal(_lazy("联系电话"), lambda d: d.contact, mask_phone),
    Column(_lazy("受赠单位"), lambda d: d.unit.name),
    Column(_lazy("捐赠次数"), lambda d: d.gifts),
    Column(_lazy("致谢时间"), lambda d: d.thanked_at or ""),
)


@guarded(SUPPLY_EXPORT)
def donors_export(request):
    return DONORS.export(
        request,
        donors_listed(request.user),
        filename=_("捐赠人名单.xlsx"),
        columns=DONOR_COLUMNS,
        model=Donor,
    )
