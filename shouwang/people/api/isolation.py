"""/isolations, /followups and /isolation-sites."""

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from shouwang.accounts.roles import Capability
from shouwang.api.auth import api_guard
from shouwang.api.pagination import BoundedPageNumberPagination
from shouwang.api.schemas import Day, Id, InputSchema
from shouwang.units.scoping import get_visible_or_404

from ..models import (
    FollowUp,
    IsolationEpisode,
    IsolationPolicy,
    IsolationSite,
    WatchRecord,
)
from ..selectors import followups_due, sites_with_occupancy
from ..services import (
    episode_change_end,
    episode_start,
    episode_transition,
    followup_record,
    followups_catch_up,
    isolation_site_save,
)
from .persons import person_in_scope, unit_in_scope

router = Router()


class EpisodeIn(InputSchema):
    lengths_from = (IsolationEpisode,)

    person: Id
    kind: str
    start_date: date
    policy: Id | None = None
    site: Id | None = None
    room: str = ""
    planned_end: date | None = None
    reason: str = ""
    watch_record: Id | None = None


class EpisodeOut(Schema):
    id: int
    person: int = Field(..., alias="person_id")
    unit: int = Field(..., alias="unit_id")
    kind: str
    site: int | None = Field(None, alias="site_id")
    room: str
    start_date: date
    planned_end: date
    actual_end: date | None
    status: str
    followup_every_days: int
    next_episode: int | None = Field(None, alias="next_episode_id")


class TransitionIn(InputSchema):
    status: str
    on: date | None = None
    reason: str = ""


class EndChangeIn(InputSchema):
    planned_end: date
    reason: str = ""


@router.post(
    "/isolations",
    auth=api_guard(Capability.MANAGE_PEOPLE),
    response={201: EpisodeOut},
    summary="开始隔离",
)
def isolation_start(request: HttpRequest, payload: EpisodeIn):
    person = person_in_scope(request, payload.person)
    policy = (
        get_visible_or_404(IsolationPolicy, request.auth, pk=payload.policy)
        if payload.policy
        else None
    )
    site = (
        get_visible_or_404(IsolationSite, request.auth, pk=payload.site) if payload.site else None
    )
    record = (
        get_visible_or_404(WatchRecord, request.auth, pk=payload.watch_record)
        if payload.watch_record
        else None
    )
    episode = episode_start(
        actor=request.auth,
        person=person,
        kind=payload.kind,
        start_date=payload.start_date,
        policy=policy,
        site=site,
        room=payload.room,
        planned_end=payload.planned_end,
        reason=payload.reason,
        watch_record=record,
        officer=request.auth,
    )
    return Status(201, episode)


@router.get(
    "/isolations/{episode_id}",
    auth=api_guard(Capability.VIEW_PEOPLE),
    response=EpisodeOut,
    summary="隔离详情",
)
def isolation_detail(request: HttpRequest, episode_id: Id):
    return get_visible_or_404(IsolationEpisode, request.auth, pk=episode_id)


@router.post(
    "/isolations/{episode_id}/transitions",
    auth=api_guard(Capability.MANAGE_PEOPLE),
    response=EpisodeOut,
    summary="隔离状态变更",
)
def isolation_transition(request: HttpRequest, episode_id: Id, payload: TransitionIn):
    episode = get_visible_or_404(IsolationEpisode, request.auth, pk=episode_id)
    return episode_transition(
        actor=request.auth,
        episode=episode,
        status=payload.status,
        on=payload.on,
        reason=payload.reason,
    )


@router.post(
    "/isolations/{episode_id}/end",
    auth=api_guard(Capability.MANAGE_PEOPLE),
    response=EpisodeOut,
    summary="延长或缩短隔离期",
)
def isolation_change_end(request: HttpRequest, episode_id: Id, payload: EndChangeIn):
    episode = get_visible_or_404(IsolationEpisode, request.auth, pk=episode_id)
    return episode_change_end(
        actor=request.auth, episode=episode, planned_end=payload.planned_end, reason=payload.reason
    )


class FollowUpIn(InputSchema):
    lengths_from = (FollowUp,)

    episode: Id
    due_date: date | None = None
    temperature: float | None = None
    symptoms: list[str] = []
    symptoms_text: str = ""
    present_at_address: bool | None = None
    contact_method: str = ""
    note: str = ""


class FollowUpOut(Schema):
    id: int
    episode: int = Field(..., alias="episode_id")
    person: int = Field(..., alias="episode.person_id")
    person_name: str = Field(..., alias="episode.person.name")
    due_date: date
    done_at: datetime | None
    temperature: float | None
    symptoms: list[str]
    symptoms_text: str
    present_at_address: bool | None
    contact_method: str


@router.get(
    "/followups/due",
    auth=api_guard(Capability.VIEW_PEOPLE),
    response=list[FollowUpOut],
    summary="当日应随访",
)
@paginate(BoundedPageNumberPagination, page_size=100)
def followup_due_list(
    request: HttpRequest, date: Day | None = None, mine: bool = False, unit: Id | None = None
):
    on = date or timezone.localdate()
    followups_catch_up(reader=request.auth)
    return followups_due(
        request.auth,
        on,
        officer=request.auth if mine else None,
        unit=unit_in_scope(request, unit) if unit is not None else None,
    )


@router.post(
    "/followups",
    auth=api_guard(Capability.RECORD_FOLLOW_UPS),
    response={201: FollowUpOut},
    summary="登记随访",
)
def followup_add(request: HttpRequest, payload: FollowUpIn):
    episode = get_visible_or_404(
        IsolationEpisode.objects.select_related("person", "unit"), request.auth, pk=payload.episode
    )
    followup = followup_record(actor=request.auth, **{**payload.dict(), "episode": episode})
    return Status(201, FollowUp.objects.select_related("episode__person").get(pk=followup.pk))


class SiteIn(InputSchema):
    lengths_from = (IsolationSite,)

    name: str
    address: str
    rooms: int = 0
    is_active: bool = True
    unit: Id | None = None


class SiteOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    name: str
    address: str
    rooms: int
    is_active: bool
    housed: int


def _site_out(site_id: int, user) -> IsolationSite:
    return sites_with_occupancy(user).get(pk=site_id)


@router.get(
    "/isolation-sites",
    auth=api_guard(Capability.VIEW_PEOPLE),
    response=list[SiteOut],
    summary="集中隔离点",
)
def site_list(request: HttpRequest):
    return list(sites_with_occupancy(request.auth))


@router.post(
    "/isolation-sites",
    auth=api_guard(Capability.MANAGE_PEOPLE),
    response={201: SiteOut},
    summary="新增集中隔离点",
)
def site_add(request: HttpRequest, payload: SiteIn):
    data = payload.dict()
    unit = unit_in_scope(request, data.pop("unit"))
    site = isolation_site_save(actor=request.auth, unit=unit, **data)
    return Status(201, _site_out(site.pk, request.auth))


@router.put(
    "/isolation-sites/{site_id}",
    auth=api_guard(Capability.MANAGE_PEOPLE),
    response=SiteOut,
    summary="修改集中隔离点",
)
def site_change(request: HttpRequest, site_id: Id, payload: SiteIn):
    site = get_visible_or_404(
        IsolationSite.objects.select_related("unit"), request.auth, pk=site_id
    )
    data = payload.dict()
    data.pop("unit")  # a site stays with the unit that runs it
    isolation_site_save(actor=request.auth, unit=site.unit, site=site, **data)
    return _site_out(site.pk, request.auth)
