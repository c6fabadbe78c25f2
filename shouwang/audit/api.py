from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination

from .selectors import access_event_search

router = Router(tags=["审计"])


class AccessEventOut(Schema):
    id: int
    actor_username: str
    action: str
    target_type: str
    target_ids: list[str]
    record_count: int
    fields: list[str]
    reason: str
    ip_address: str | None
    occurred_at: datetime


@router.get(
    "/access-events",
    auth=api_guard(Capability.VIEW_AUDIT),
    response=list[AccessEventOut],
    summary="个人信息访问记录",
)
@paginate(BoundedPageNumberPagination, page_size=100)
def access_events(request: HttpRequest, actor: str = "", target_type: str = ""):
    return access_event_search(request.auth, actor_username=actor, target_type=target_type)
