"""/people, /watch-records, /isolations, /followups and /imports, scoped as everywhere."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, File, Router, Schema, Status, UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from shouwang.api.schemas import ErrorOut
from shouwang.privacy.masking import mask_id_number, mask_phone
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from .models import (
    FollowUp,
    ImportJob,
    IsolationEpisode,
    IsolationPolicy,
    IsolationSite,
    Person,
    WatchRecord,
)
from .rejected import rejected_rows_response
from .selectors import followups_due, person_duplicates, person_search
from .services import (
    PersonConflict,
    episode_change_end,
    episode_start,
    episode_transition,
    followup_record,
    import_job_create,
    import_job_request_apply,
    import_job_run,
    person_merge,
    person_register,
    watch_record_create,
    watch_record_set_status,
)

router = Router(tags=["重点人员"])


class PersonIn(Schema):
    name: str = ""
    id_number: str = ""
    phone: str = ""
    current_address: str = ""
    household_address: str = ""
    workplace: str = ""
    unit: int | None = None


class PersonOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    name: str
    id_number: str
    phone: str
    sex: str
    birth_date: date | None
    current_address: str
    household_address: str
    workplace: str
    key_area: str | None = None
    merged_into: int | None = Field(None, alias="merged_into_id")
    created_at: datetime

    @staticmethod
    def resolve_id_number(person: Person) -> str:
        return mask_id_number(person.id_number) if person.id_number else ""

    @staticmethod
    def resolve_phone(person: Person) -> str:
        return mask_phone(person.phone) if person.phone else ""

    @staticmethod
    def resolve_key_area(person: Person) -> str | None:
        return person.flagged_area.name if person.flagged_area_id else None


class ConflictOut(Schema):
    detail: str
    id: int
    errors: list[dict] = []


class DuplicateOut(Schema):
    person: PersonOut
    reasons: list[str]
    score: int


class MergeIn(Schema):
    merge: int


def _unit(request: HttpRequest, unit_id: int | None) -> Unit:
    if unit_id is None:
        return request.auth.unit
    return get_visible_or_404(Unit, request.auth, pk=unit_id)


@router.post("/people", response={201: PersonOut, 409: ConflictOut}, summary="登记人员")
def person_create(request: HttpRequest, payload: PersonIn):
    try:
        person = person_register(
            actor=request.auth,
            unit=_unit(request, payload.unit),
            **payload.dict(exclude={"unit"}),
        )
    except PersonConflict as conflict:
        return Status(409, {"detail": "该人员已登记", "id": conflict.existing.pk, "errors": []})
    return Status(201, person)


@router.get("/people", response=list[PersonOut], summary="查找人员（姓名、身份证号或手机号）")
@paginate(PageNumberPagination, page_size=50)
def person_list(request: HttpRequest, q: str = "", unit: str = "", flagged: str = ""):
    return person_search(request.auth, query=q, unit_id=unit, flagged=flagged)


def _person(request: HttpRequest, person_id: int) -> Person:
    return get_visible_or_404(
        Person.objects.select_related("unit", "flagged_area"), request.auth, pk=person_id
    )


@router.get("/people/{person_id}", response=PersonOut, summary="人员详情")
def person_detail(request: HttpRequest, person_id: int):
    return _person(request, person_id)


@router.get("/people/{person_id}/duplicates", response=list[DuplicateOut], summary="疑似重复")
def person_duplicate_list(request: HttpRequest, person_id: int):
    person = _person(request, person_id)
    return [
        {"person": c.person, "reasons": c.reasons, "score": c.score}
        for c in person_duplicates(person, request.auth)
    ]


@router.post("/people/{person_id}/merge", response=PersonOut, summary="合并重复记录")
def person_merge_endpoint(request: HttpRequest, person_id: int, payload: MergeIn):
    keep = _person(request, person_id)
    merge = _person(request, payload.merge)
    return person_merge(actor=request.auth, keep=keep, merge=merge)


class WatchRecordIn(Schema):
    person: int
    reason: str
    source: str
    officer: int | None = None
    contact_of: int | None = None
    contact_of_text: str = ""
    origin: str = ""
    origin_region_code: str = ""
    arrived_on: date | None = None
    note: str = ""


class WatchRecordOut(Schema):
    id: int
    person: int = Field(..., alias="person_id")
    unit: int = Field(..., alias="unit_id")
    officer: int | None = Field(None, alias="officer_id")
    reason: str
    source: str
    contact_of: int | None = Field(None, alias="contact_of_id")
    contact_of_text: str
    origin: str
    origin_region_code: str
    arrived_on: date | None
    status: str
    note: str
    created_at: datetime


class StatusIn(Schema):
    status: str
    note: str = ""


@router.post("/watch-records", response={201: WatchRecordOut}, summary="登记关注记录")
def watch_record_add(request: HttpRequest, payload: WatchRecordIn):
    from shouwang.accounts.models import User

    person = _person(request, payload.person)
    officer = (
        get_visible_or_404(User, request.auth, pk=payload.officer) if payload.officer else None
    )
    contact_of = _person(request, payload.contact_of) if payload.contact_of else None
    data = payload.dict(exclude={"person", "officer", "contact_of"})
    record = watch_record_create(
        actor=request.auth, person=person, officer=officer, contact_of=contact_of, **data
    )
    return Status(201, record)


@router.get("/watch-records", response=list[WatchRecordOut], summary="关注记录")
@paginate(PageNumberPagination, page_size=50)
def watch_record_list(request: HttpRequest, person: int | None = None, status: str = ""):
    records = WatchRecord.objects.visible_to(request.auth)
    if person:
        records = records.filter(person_id=person)
    if status:
        records = records.filter(status=status)
    return records


@router.post("/watch-records/{record_id}/status", response=WatchRecordOut, summary="变更状态")
def watch_record_status(request: HttpRequest, record_id: int, payload: StatusIn):
    record = get_visible_or_404(WatchRecord, request.auth, pk=record_id)
    return watch_record_set_status(
        actor=request.auth, record=record, status=payload.status, note=payload.note
    )


class EpisodeIn(Schema):
    person: int
    kind: str
    start_date: date
    policy: int | None = None
    site: int | None = None
    room: str = ""
    planned_end: date | None = None
    reason: str = ""
    watch_record: int | None = None


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


class TransitionIn(Schema):
    status: str
    on: date | None = None
    reason: str = ""


class EndChangeIn(Schema):
    planned_end: date
    reason: str = ""


@router.post("/isolations", response={201: EpisodeOut}, summary="开始隔离")
def isolation_start(request: HttpRequest, payload: EpisodeIn):
    person = _person(request, payload.person)
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


@router.get("/isolations/{episode_id}", response=EpisodeOut, summary="隔离详情")
def isolation_detail(request: HttpRequest, episode_id: int):
    return get_visible_or_404(IsolationEpisode, request.auth, pk=episode_id)


@router.post("/isolations/{episode_id}/transitions", response=EpisodeOut, summary="隔离状态变更")
def isolation_transition(request: HttpRequest, episode_id: int, payload: TransitionIn):
    episode = get_visible_or_404(IsolationEpisode, request.auth, pk=episode_id)
    return episode_transition(
        actor=request.auth,
        episode=episode,
        status=payload.status,
        on=payload.on,
        reason=payload.reason,
    )


@router.post("/isolations/{episode_id}/end", response=EpisodeOut, summary="延长或缩短隔离期")
def isolation_change_end(request: HttpRequest, episode_id: int, payload: EndChangeIn):
    episode = get_visible_or_404(IsolationEpisode, request.auth, pk=episode_id)
    return episode_change_end(
        actor=request.auth, episode=episode, planned_end=payload.planned_end, reason=payload.reason
    )


class FollowUpIn(Schema):
    episode: int
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


@router.get("/followups/due", response=list[FollowUpOut], summary="当日应随访")
@paginate(PageNumberPagination, page_size=100)
def followup_due_list(
    request: HttpRequest, date: date | None = None, mine: bool = False, unit: int | None = None
):
    on = date or timezone.localdate()
    return followups_due(
        request.auth,
        on,
        officer=request.auth if mine else None,
        unit=_unit(request, unit) if unit is not None else None,
    )


@router.post("/followups", response={201: FollowUpOut}, summary="登记随访")
def followup_add(request: HttpRequest, payload: FollowUpIn):
    episode = get_visible_or_404(
        IsolationEpisode.objects.select_related("person", "unit"), request.auth, pk=payload.episode
    )
    followup = followup_record(actor=request.auth, **{**payload.dict(), "episode": episode})
    return Status(201, FollowUp.objects.select_related("episode__person").get(pk=followup.pk))


class ImportJobOut(Schema):
    id: int
    status: str
    filename: str
    total_rows: int
    processed_rows: int
    progress: int = Field(..., alias="progress_percent")
    new: int = Field(..., alias="new_count")
    matched: int = Field(..., alias="matched_count")
    conflicts: int = Field(..., alias="conflict_count")
    rejected: int = Field(..., alias="rejected_count")
    error: str
    rejected_rows_url: str
    created_at: datetime
    applied_at: datetime | None

    @staticmethod
    def resolve_rejected_rows_url(job: ImportJob) -> str:
        return reverse("api:people_import_rejected", kwargs={"job_id": job.pk})


@router.post("/imports/people", response={201: ImportJobOut, 422: ErrorOut}, summary="导入名单")
def import_upload(request: HttpRequest, file: File[UploadedFile], source: str = "department_list"):
    job = import_job_create(
        actor=request.auth, filename=file.name or "upload.xlsx", content=file.read(), source=source
    )
    import_job_run(job)
    job.refresh_from_db()
    return Status(201, job)


def _job(request: HttpRequest, job_id: int) -> ImportJob:
    return get_visible_or_404(ImportJob.objects.defer("content"), request.auth, pk=job_id)


@router.get("/imports/{job_id}", response=ImportJobOut, summary="导入任务")
def import_detail(request: HttpRequest, job_id: int):
    return _job(request, job_id)


@router.post("/imports/{job_id}/apply", response=ImportJobOut, summary="确认导入")
def import_apply(request: HttpRequest, job_id: int):
    job = _job(request, job_id)
    return import_job_request_apply(actor=request.auth, job=job)


@router.get(
    "/imports/{job_id}/rejected.xlsx",
    url_name="people_import_rejected",
    summary="被拒绝的行（xlsx）",
)
def import_rejected(request: HttpRequest, job_id: int) -> Any:
    return rejected_rows_response(request.auth, _job(request, job_id), request=request)
