"""/closure-orders: closing venues by kind and unit, or by name, and each venue's receipt."""

from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import ErrorOut, Id
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from ..models import ClosureOrder, ClosureOrderVenue
from ..policy import VENUE_FIELD_WORK, VENUE_RECORDS
from ..selectors import closure_orders_readable
from ..services import closure_acknowledge, closure_order_issue
from .schemas import (
    ClosureAcknowledgeIn,
    ClosureEntryOut,
    ClosureOrderDetailOut,
    ClosureOrderIn,
    ClosureOrderOut,
)

router = Router()


def _order(request: HttpRequest, order_id: int) -> ClosureOrder:
    order = closure_orders_readable(request.auth).filter(pk=order_id).first()
    if order is None:
        raise Http404
    return order


@router.post(
    "/closure-orders",
    auth=api_guard(Capability.ORDER_CLOSURES),
    response={201: ClosureOrderOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="下达关停令（按类别和单位，或指定场所）",
)
def closure_order_create(request: HttpRequest, payload: ClosureOrderIn):
    order = closure_order_issue(
        actor=request.auth,
        unit=get_visible_or_404(Unit, request.auth, pk=payload.unit),
        kinds=payload.kinds,
        venue_ids=payload.venues,
        legal_basis=payload.legal_basis,
        effective_at=payload.effective_at,
        document_number=payload.document_number,
        note=payload.note,
    )
    return Status(201, _order(request, order.pk))


@router.get(
    "/closure-orders",
    auth=api_guard(VENUE_RECORDS),
    response={200: list[ClosureOrderOut], 403: ErrorOut, 422: ErrorOut},
    summary="关停令（本单位下达或涉及本单位场所）",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def closure_order_list(request: HttpRequest):
    return closure_orders_readable(request.auth)


@router.get(
    "/closure-orders/{order_id}",
    auth=api_guard(VENUE_RECORDS),
    response={200: ClosureOrderDetailOut, 403: ErrorOut, 404: ErrorOut},
    summary="关停令及各场所签收情况",
)
def closure_order_detail(request: HttpRequest, order_id: Id):
    return _order(request, order_id)


@router.post(
    "/closure-orders/{order_id}/acknowledgements",
    auth=api_guard(VENUE_FIELD_WORK),
    response={200: ClosureEntryOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="登记场所签收关停令",
)
def closure_order_acknowledge(request: HttpRequest, order_id: Id, payload: ClosureAcknowledgeIn):
    order = _order(request, order_id)
    entry = get_visible_or_404(
        ClosureOrderVenue.objects.select_related("venue__unit"),
        request.auth,
        order=order,
        venue_id=payload.venue,
    )
    return closure_acknowledge(
        actor=request.auth,
        entry=entry,
        name=payload.name,
        acknowledged_at=payload.acknowledged_at,
        note=payload.note,
    )
