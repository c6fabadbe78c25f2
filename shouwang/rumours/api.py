"""The rumours' API: the knowledge base for staff, and the residents' check without an account."""

from datetime import date, datetime

from django.http import HttpRequest, JsonResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.api.auth import api_guard
from shouwang.api.errors import error_body
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import ErrorOut, Id, InputSchema
from shouwang.audit.services import client_address
from shouwang.shell.listing import filtered

from . import throttle
from .filters import RumourFilter
from .models import REBUTTAL_LIMIT, Rumour
from .rules import RUMOUR_MANAGE, RUMOUR_RECORDS
from .selectors import Match, matches_for_public, rumour_for, rumours_listed
from .services import rumour_check, rumour_create, rumour_transition, rumour_update

router = Router(tags=["谣言与辟谣"])


class RumourIn(InputSchema):
    lengths_from = (Rumour,)

    claim: str
    rebuttal: str
    category: str | None = None
    sources: list[str] | str | None = None


class RumourPatch(InputSchema):
    lengths_from = (Rumour,)

    claim: str | None = None
    rebuttal: str | None = None
    category: str | None = None
    sources: list[str] | str | None = None
    evidence: str | None = None
    aliases: str | None = None
    first_seen: date | None = None


class RumourCreated(Schema):
    id: int


class RumourOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    claim: str
    aliases: str
    rebuttal: str
    evidence: str
    sources: list[str]
    category: str
    status: str
    status_reason: str
    first_seen: date
    times_seen: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_unit_name(rumour: Rumour) -> str:
        return rumour.unit.name


class RumourTransitionIn(InputSchema):
    status: str
    reason: str


class RumourCheckIn(InputSchema):
    text: str


class MatchOut(Schema):
    id: int
    claim: str
    rebuttal: str
    score: float


class MatchesOut(Schema):
    matches: list[MatchOut]


class RumourFilters(InputSchema):
    q: str = Field("", max_length=200)
    category: str = Field("", max_length=20)
    status: str = Field("", max_length=20)


def _matches(matches: list[Match]) -> dict:
    return {
        "matches": [
            {
                "id": match.rumour.pk,
                "claim": match.rumour.claim,
                "rebuttal": match.rumour.rebuttal,
                "score": match.score,
            }
            for match in matches
        ]
    }


@router.post(
    "/rumours",
    auth=api_guard(RUMOUR_MANAGE),
    response={201: RumourCreated, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="录入谣言（待核实）",
)
def rumour_add(request: HttpRequest, payload: RumourIn):
    rumour = rumour_create(
        actor=request.auth,
        claim=payload.claim,
        rebuttal=payload.rebuttal,
        category=payload.category or "other",
        sources=payload.sources or [],
    )
    return Status(201, {"id": rumour.pk})


@router.get(
    "/rumours",
    auth=api_guard(RUMOUR_RECORDS),
    response=list[RumourOut],
    summary="谣言库（本单位及下级）",
)
@paginate(BoundedPageNumberPagination, page_size=100)
def rumour_list(request: HttpRequest, filters: Query[RumourFilters]):
    return filtered(RumourFilter, rumours_listed(request.auth), filters.dict(), user=request.auth)


@router.post(
    "/rumours/check",
    auth=api_guard(RUMOUR_RECORDS),
    response={200: MatchesOut, 403: ErrorOut, 422: ErrorOut},
    summary="比对群消息：最相近的谣言与辟谣内容（最佳一条计入发现次数）",
)
def rumour_check_api(request: HttpRequest, payload: RumourCheckIn):
    return _matches(rumour_check(actor=request.auth, text=payload.text).matches)


@router.get(
    "/rumours/{rumour_id}",
    auth=api_guard(RUMOUR_RECORDS),
    response=RumourOut,
    summary="谣言详情",
)
def rumour_detail(request: HttpRequest, rumour_id: Id):
    return rumour_for(request.auth, rumour_id)


@router.patch(
    "/rumours/{rumour_id}",
    auth=api_guard(RUMOUR_MANAGE),
    response={200: RumourOut, 403: ErrorOut, 422: ErrorOut},
    summary="修改谣言条目",
)
def rumour_patch(request: HttpRequest, rumour_id: Id, payload: RumourPatch):
    rumour = rumour_for(request.auth, rumour_id)
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return rumour_update(actor=request.auth, rumour=rumour, data=data)


@router.post(
    "/rumours/{rumour_id}/transitions",
    auth=api_guard(RUMOUR_MANAGE),
    response={200: RumourOut, 403: ErrorOut, 422: ErrorOut},
    summary="发布、撤下或恢复谣言条目（须填写原因）",
)
def rumour_transition_api(request: HttpRequest, rumour_id: Id, payload: RumourTransitionIn):
    rumour = rumour_for(request.auth, rumour_id)
    return rumour_transition(
        actor=request.auth, rumour=rumour, status=payload.status, reason=payload.reason
    )


@router.get(
    "/public/rumour-check",
    auth=None,
    response={200: MatchesOut, 429: ErrorOut},
    summary="群众查询：这条消息是谣言吗？（不需要账号；按来源地址限制频率）",
)
def public_rumour_check(request: HttpRequest, q: str = Query("", max_length=REBUTTAL_LIMIT)):
    if not q.strip():
        return {"matches": []}
    try:
        throttle.count_check(throttle.client_key(client_address(request)))
    except throttle.RateLimited as limited:
        return JsonResponse(
            error_body(limited.message),
            status=429,
            headers={"Retry-After": str(limited.retry_after)},
        )
    return _matches(matches_for_public(q))
