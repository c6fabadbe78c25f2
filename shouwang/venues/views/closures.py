"""Closure orders: the list, issuing one, an order's venues and their acknowledgements."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouwang.accounts.roles import Capability
from shouwang.shell.forms import add_service_errors, form_action
from shouwang.shell.listing import Listing
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from ..filters import ClosureOrderFilter
from ..forms import AcknowledgeForm, ClosureOrderForm
from ..models import ClosureOrder, ClosureOrderVenue
from ..policy import VENUE_FIELD_WORK, VENUE_RECORDS
from ..selectors import closure_orders_readable, order_entries
from ..services import closure_acknowledge, closure_order_issue
from .common import units_of

ORDERS = Listing(ClosureOrderFilter)


@guarded(VENUE_RECORDS)
def order_list(request):
    return render(
        request,
        "venues/order_list.html",
        ORDERS.page(request, closure_orders_readable(request.user)),
    )


@guarded(Capability.ORDER_CLOSURES)
def order_new(request):
    form = ClosureOrderForm(
        request.POST or None,
        units=units_of(request.user),
        initial={"unit": request.user.unit, "effective_at": timezone.localtime()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = closure_order_issue(
                actor=request.user,
                unit=data["unit"],
                kinds=data["kinds"],
                venue_ids=data["venues"],
                legal_basis=data["legal_basis"],
                effective_at=data["effective_at"],
                document_number=data["document_number"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("已下达关停令，涉及%(n)s个场所") % {"n": order.venues_count}
            )
            return redirect("venues:order_detail", pk=order.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "venues/order_form.html", {"form": form}, status=status)


def _order(request, pk: int) -> ClosureOrder:
    order = closure_orders_readable(request.user).filter(pk=pk).first()
    if order is None:
        raise Http404
    return order


@guarded(VENUE_RECORDS)
def order_detail(request, pk: int):
    order = _order(request, pk)
    entries = order_entries(order, request.user)
    return render(
        request,
        "venues/order_detail.html",
        {
            "order": order,
            "entries": entries,
            "pending": sum(1 for entry in entries if entry.acknowledged_at is None),
            "ack_form": AcknowledgeForm(initial={"acknowledged_at": timezone.localtime()}),
        },
    )


@guarded(VENUE_FIELD_WORK)
@require_POST
def acknowledge(request, pk: int):
    entry = get_visible_or_404(
        ClosureOrderVenue.objects.select_related("venue__unit"), request.user, pk=pk
    )
    back = (
        reverse("venues:detail", args=[entry.venue_id])
        if request.POST.get("next") == "venue"
        else reverse("venues:order_detail", args=[entry.order_id])
    )
    return form_action(
        request,
        AcknowledgeForm(request.POST),
        save=lambda data: closure_acknowledge(actor=request.user, entry=entry, **data),
        done=back,
        message=lambda _entry: _("已登记签收：%(venue)s") % {"venue": entry.venue.name},
        invalid=_("请填写签收人和签收时间"),
    )
