"""/bulletins, /resident-groups and /stats/outreach for staff; /public/bulletins for residents."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, ErrorOut, Id, InputSchema
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from .figures import outreach_figures
from .models import MAX_CAPACITY, Bulletin, ResidentGroup
from .rules import BULLETIN_RECORDS, GROUP_MANAGE, GROUP_RECORDS, OUTREACH_FIGURES
from .selectors import bulletin_search, bulletins_published, copy_text, group_search
from .services import (
    bulletin_create,
    bulletin_transition,
    group_create,
    group_members_record,
    group_post_record,
    group_update,
)
from .services.groups import MAX_POSTS_PER_ENTRY

router = Router(tags=["宣传引导"])
public_router = Router(tags=["群众服务"])

# --- bulletins -----------------------------------------------------------------------------------


class BulletinIn(InputSchema):
    lengths_from = (Bulletin,)

    title: str
    body: str
    kind: str = "guidance"
    unit: Id | None = None
    audience_units: list[Id] = Field(default_factory=list, max_length=200)


class CreatedOut(Schema):
    id: int


class BulletinOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    kind: str
    title: str
    body: str
    status: str
    audience_units: list[int]
    created_at: datetime
    published_at: datetime | None
    copy_text: str

    @staticmethod
    def resolve_audience_units(bulletin: Bulletin) -> list[int]:
        return [unit.pk for unit in bulletin.audience_units.all()]

    @staticmethod
    def resolve_copy_text(bulletin: Bulletin) -> str:
        return copy_text(bulletin)


class BulletinQuery(InputSchema):
    q: str = ""
    unit: Id | None = None
    status: str = ""
    kind: str = ""
    date_from: Day | None = None
    date_to: Day | None = None


class BulletinTransitionIn(InputSchema):
    to: str = Field(..., max_length=20)
    reason: str = Field("", max_length=200)


def _bulletin(request: HttpRequest, bulletin_id: int) -> Bulletin:
    return get_visible_or_404(
        Bulletin.objects.select_related("unit").prefetch_related("audience_units"),
        request.auth,
        pk=bulletin_id,
    )


@router.post(
    "/bulletins",
    auth=api_guard(Capability.DRAFT_BULLETINS),
    response={201: CreatedOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="起草宣传通告（草稿，待所长或指挥部审核发布）",
)
def outreach_bulletin_create(request: HttpRequest, payload: BulletinIn):
    unit = get_visible_or_404(Unit, request.auth, pk=payload.unit) if payload.unit else None
    bulletin = bulletin_create(
        actor=request.auth,
        unit=unit,
        kind=payload.kind,
        title=payload.title,
        body=payload.body,
        audience_unit_ids=payload.audience_units,
    )
    return Status(201, {"id": bulletin.pk})


@router.get(
    "/bulletins",
    auth=api_guard(BULLETIN_RECORDS),
    response={200: list[BulletinOut], 403: ErrorOut, 422: ErrorOut},
    summary="宣传通告（本单位及下级）",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def outreach_bulletin_list(request: HttpRequest, filters: Query[BulletinQuery]):
    return bulletin_search(request.auth, filters.dict())


@router.get(
    "/bulletins/{bulletin_id}",
    auth=api_guard(BULLETIN_RECORDS),
    response={200: BulletinOut, 403: ErrorOut, 404: ErrorOut},
    summary="宣传通告详情（含可复制文本）",
)
def outreach_bulletin_detail(request: HttpRequest, bulletin_id: Id):
    return _bulletin(request, bulletin_id)


@router.post(
    "/bulletins/{bulletin_id}/transitions",
    auth=api_guard(BULLETIN_RECORDS),
    response={200: BulletinOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="变更通告状态：approved 审核、published 发布（所长、指挥部），withdrawn 撤回，draft 退回",
)
def outreach_bulletin_transition(
    request: HttpRequest, bulletin_id: Id, payload: BulletinTransitionIn
):
    bulletin = _bulletin(request, bulletin_id)
    bulletin_transition(actor=request.auth, bulletin=bulletin, to=payload.to, reason=payload.reason)
    return _bulletin(request, bulletin_id)


class PublicBulletinOut(Schema):
    id: int
    title: str
    body: str
    kind: str
    unit_name: str = Field(..., alias="unit.name")
    published_at: datetime
    copy_text: str

    @staticmethod
    def resolve_copy_text(bulletin: Bulletin) -> str:
        return copy_text(bulletin)


class PublicBulletinQuery(InputSchema):
    q: str = Field("", max_length=100)
    unit: Id | None = None


@public_router.get(
    "",
    auth=None,
    response={200: list[PublicBulletinOut], 422: ErrorOut},
    summary="已发布的宣传通告（不需要账号；unit 为群众所在派出所、社区或村）",
)
@paginate(BoundedPageNumberPagination, page_size=20)
def outreach_public_bulletins(request: HttpRequest, filters: Query[PublicBulletinQuery]):
    return bulletins_published(filters.dict())


# --- resident groups -----------------------------------------------------------------------------


class GroupIn(InputSchema):
    lengths_from = (ResidentGroup,)

    unit: Id
    name: str
    platform: str = "wechat"
    capacity: int = Field(500, ge=1, le=MAX_CAPACITY)
    admin_officer: Id | None = None
    note: str = ""
    member_count: int | None = Field(None, ge=0, le=MAX_CAPACITY)


class GroupPatch(InputSchema):
    lengths_from = (ResidentGroup,)

    name: str | None = None
    platform: str | None = None
    capacity: int | None = Field(None, ge=1, le=MAX_CAPACITY)
    admin_officer: Id | None = None
    note: str | None = None


class GroupOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    name: str
    platform: str
    capacity: int
    member_count: int
    member_count_on: date | None
    admin_officer: int | None = Field(None, alias="admin_officer_id")
    near_capacity: bool = Field(..., alias="is_near_capacity")
    posts_total: int
    note: str

    @staticmethod
    def resolve_posts_total(group: ResidentGroup) -> int:
        total = getattr(group, "posts_total", None)
        if total is None:
            total = sum(group.posts.values_list("count", flat=True))
        return total


class GroupQuery(InputSchema):
    q: str = ""
    unit: Id | None = None
    platform: str = ""
    near: bool | None = None


class ReadingIn(InputSchema):
    count: int = Field(..., ge=0, le=MAX_CAPACITY)
    on: Day | None = None


class ReadingOut(Schema):
    id: int
    on: date
    count: int


class PostIn(InputSchema):
    posted_on: Day | None = None
    count: int = Field(1, ge=1, le=MAX_POSTS_PER_ENTRY)
    bulletin: Id | None = None
    note: str = Field("", max_length=200)


class PostOut(Schema):
    id: int
    posted_on: date
    count: int
    bulletin: int | None = Field(None, alias="bulletin_id")


def _group(request: HttpRequest, group_id: int) -> ResidentGroup:
    return get_visible_or_404(
        ResidentGroup.objects.select_related("unit"), request.auth, pk=group_id
    )


@router.get(
    "/resident-groups",
    auth=api_guard(GROUP_RECORDS),
    response={200: list[GroupOut], 403: ErrorOut, 422: ErrorOut},
    summary="警民联系群（本单位及下级；near=true 只列接近人数上限的群）",
)
@paginate(BoundedPageNumberPagination, page_size=50)
def outreach_group_list(request: HttpRequest, filters: Query[GroupQuery]):
    return group_search(request.auth, filters.dict())


@router.post(
    "/resident-groups",
    auth=api_guard(GROUP_MANAGE),
    response={201: GroupOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="登记警民联系群",
)
def outreach_group_create(request: HttpRequest, payload: GroupIn):
    data = payload.dict()
    unit = get_visible_or_404(Unit, request.auth, pk=data.pop("unit"))
    member_count = data.pop("member_count")
    group = group_create(actor=request.auth, unit=unit, data=data, member_count=member_count)
    return Status(201, _group(request, group.pk))


@router.get(
    "/resident-groups/{group_id}",
    auth=api_guard(GROUP_RECORDS),
    response={200: GroupOut, 403: ErrorOut, 404: ErrorOut},
    summary="警民联系群详情",
)
def outreach_group_detail(request: HttpRequest, group_id: Id):
    return _group(request, group_id)


@router.patch(
    "/resident-groups/{group_id}",
    auth=api_guard(GROUP_MANAGE),
    response={200: GroupOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="修改警民联系群",
)
def outreach_group_update(request: HttpRequest, group_id: Id, payload: GroupPatch):
    group = _group(request, group_id)
    changes = payload.dict(exclude_unset=True)
    data = {key: value for key, value in changes.items() if value is not None}
    if "admin_officer" in changes:
        data["admin_officer"] = changes["admin_officer"]
    group_update(actor=request.auth, group=group, data=data)
    return _group(request, group_id)


@router.get(
    "/resident-groups/{group_id}/readings",
    auth=api_guard(GROUP_RECORDS),
    response={200: list[ReadingOut], 403: ErrorOut, 404: ErrorOut},
    summary="群成员数记录（按日期）",
)
def outreach_group_readings(request: HttpRequest, group_id: Id):
    return list(_group(request, group_id).readings.order_by("on", "id"))


@router.post(
    "/resident-groups/{group_id}/readings",
    auth=api_guard(GROUP_MANAGE),
    response={201: ReadingOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="记录群成员数（追加一条，不改旧记录）",
)
def outreach_group_reading_add(request: HttpRequest, group_id: Id, payload: ReadingIn):
    group = _group(request, group_id)
    reading = group_members_record(
        actor=request.auth, group=group, count=payload.count, on=payload.on
    )
    return Status(201, reading)


@router.post(
    "/resident-groups/{group_id}/posts",
    auth=api_guard(GROUP_MANAGE),
    response={201: PostOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="记录群内发布（条数，或所发的已发布通告）",
)
def outreach_group_post_add(request: HttpRequest, group_id: Id, payload: PostIn):
    group = _group(request, group_id)
    post = group_post_record(
        actor=request.auth,
        group=group,
        posted_on=payload.posted_on,
        count=payload.count,
        bulletin=payload.bulletin,
        note=payload.note,
    )
    return Status(201, post)


# --- figures -------------------------------------------------------------------------------------


class UnitFiguresOut(Schema):
    unit: int
    unit_name: str
    own: bool
    published: int
    drafts: int
    approved: int
    groups: int
    members: int
    near: int
    posts: int
    bulletin_posts: int


class OutreachFiguresOut(Schema):
    published: int
    drafts: int
    approved: int
    groups: int
    members: int
    near: int
    posts: int
    bulletin_posts: int
    by_unit: list[UnitFiguresOut]


FIGURE_KEYS = (
    "published",
    "drafts",
    "approved",
    "groups",
    "members",
    "near",
    "posts",
    "bulletin_posts",
)


@router.get(
    "/stats/outreach",
    auth=api_guard(OUTREACH_FIGURES),
    response={200: OutreachFiguresOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="宣传引导统计：通告发布、群数、成员数、群内发布条数（按单位）",
)
def outreach_stats(
    request: HttpRequest,
    unit: Id | None = None,
    date_from: Day | None = None,
    date_to: Day | None = None,
):
    chosen = get_visible_or_404(Unit, request.auth, pk=unit) if unit else None
    found = outreach_figures(request.auth, unit=chosen, date_from=date_from, date_to=date_to)
    return {
        **{key: found.totals[key] for key in FIGURE_KEYS},
        "by_unit": [
            {
                "unit": row.unit.pk,
                "unit_name": row.unit.name,
                "own": row.own,
                **{key: row.counts[key] for key in FIGURE_KEYS},
            }
            for row in found.rows
        ],
    }
