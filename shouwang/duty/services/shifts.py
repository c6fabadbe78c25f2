"""Shifts: one person at one post for a time; never two places at once.

Every write locks the rows of the people it schedules (in id order, so two writers cannot
deadlock) and checks their live shifts under that lock: of two officers booking the same
person for overlapping hours at once, one wins and the other gets a Conflict (409). On
PostgreSQL an exclusion constraint (migration 0002) holds the rule for any writer.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.conflicts import Conflict
from shouwang.units.policy import require
from shouwang.units.scoping import scope_path_of, unit_is_visible_to

from ..availability import overlaps, unavailable_window
from ..models import MAX_SHIFT, Post, Shift, Staff, StaffStatus
from ..rules import MANAGE
from ..templates_catalogue import TEMPLATES
from ..times import EARLIEST, PLANNING_HORIZON, aware

Interval = tuple[datetime, datetime]


def _require(actor, post: Post) -> None:
    require(
        actor,
        MANAGE,
        post.unit,
        message=_("您无权排班"),
        unit_message=_("只能为本单位或下级单位的岗位排班"),
    )


def staff_is_assignable(staff: Staff, actor) -> bool:
    """His own unit is within the actor's reach, or he is seconded to a unit that is."""
    if not staff.is_active:
        return False
    if unit_is_visible_to(staff.unit, actor):
        return True
    path = scope_path_of(actor)
    return (
        staff.status == StaffStatus.SECONDED
        and staff.seconded_to is not None
        and path is not None
        and staff.seconded_to.path.startswith(path)
    )


def _check_times(starts_at: datetime, ends_at: datetime) -> Interval:
    starts_at, ends_at = aware(starts_at), aware(ends_at)
    errors = {}
    if starts_at.date() < EARLIEST:
        errors["starts_at"] = _("时间不能早于2019年1月1日")
    elif starts_at > timezone.now() + PLANNING_HORIZON:
        errors["starts_at"] = _("最多提前一年排班")
    if ends_at <= starts_at:
        errors["ends_at"] = _("结束时间应晚于开始时间")
    elif ends_at - starts_at > MAX_SHIFT:
        errors["ends_at"] = _("一个班次最长24小时")
    if errors:
        raise ValidationError(errors)
    return starts_at, ends_at


def _when(start: datetime, end: datetime) -> str:
    start, end = timezone.localtime(start), timezone.localtime(end)
    same_day = start.date() == end.date()
    return (
        f"{start:%m-%d %H:%M}–{end:%H:%M}" if same_day else f"{start:%m-%d %H:%M}–{end:%m-%d %H:%M}"
    )


def _locked(staff_ids: Iterable[int]) -> dict[int, Staff]:
    """The people's rows, locked in id order: writers meeting on the same people queue here."""
    ids = sorted(set(staff_ids))
    return {
        staff.pk: staff
        for staff in Staff.objects.select_for_update(of=("self",))
        .select_related("unit", "seconded_to")
        .filter(pk__in=ids)
        .order_by("pk")
    }


def _check_people(actor, people: Iterable[Staff], planned: dict[int, list[Interval]]) -> None:
    """Refuse what cannot be: someone out of reach, unavailable, or already somewhere then."""
    for staff in people:
        if not staff_is_assignable(staff, actor):
            raise ValidationError({"staff": _("%(name)s 不在您可排班的人员中") % {"name": staff}})
        window = unavailable_window(staff)
        for start, end in planned[staff.pk]:
            if overlaps(window, start, end):
                raise ValidationError(
                    {
                        "staff": _("%(name)s 此时段%(status)s，不能排班")
                        % {"name": staff, "status": staff.get_status_display()}
                    }
                )
    low = min(start for intervals in planned.values() for start, _end in intervals)
    high = max(end for intervals in planned.values() for _start, end in intervals)
    existing = (
        Shift.objects.filter(
            staff_id__in=planned, cancelled_at__isnull=True, starts_at__lt=high, ends_at__gt=low
        )
        .select_related("post", "staff")
        .order_by("starts_at")
    )
    booked: dict[int, list[Shift]] = defaultdict(list)
    for shift in existing:
        booked[shift.staff_id].append(shift)
    for staff_id, intervals in planned.items():
        ordered = sorted(intervals)
        for (_s, first_end), (second_start, _e) in zip(ordered, ordered[1:], strict=False):
            if second_start < first_end:
                raise Conflict({"staff": _("同一人员的两个班次时间重叠")})
        for start, end in ordered:
            for shift in booked[staff_id]:
                if shift.starts_at < end and shift.ends_at > start:
                    raise Conflict(
                        {
                            "starts_at": _("%(name)s 此时段已在“%(post)s”值班（%(when)s）")
                            % {
                                "name": shift.staff,
                                "post": shift.post,
                                "when": _when(shift.starts_at, shift.ends_at),
                            }
                        }
                    )


def _stored(write):
    """Run the insert; the database's own refusal (PostgreSQL's exclusion) is a Conflict too."""
    try:
        with transaction.atomic():
            return write()
    except IntegrityError as error:
        if "duty_shift_no_overlap" in str(error):
            raise Conflict({"starts_at": _("该人员此时段已在其他岗位值班")}) from error
        raise


@transaction.atomic
def shift_assign(
    *,
    actor,
    post: Post,
    staff: Staff,
    starts_at: datetime,
    ends_at: datetime,
    note: str = "",
) -> Shift:
    """Put one person at a post for a time; 409 when he is already on duty then."""
    _require(actor, post)
    if not post.is_active:
        raise ValidationError({"post": _("该岗位已停用")})
    interval = _check_times(starts_at, ends_at)
    people = _locked([staff.pk])
    if staff.pk not in people:
        raise ValidationError({"staff": _("未找到该人员")})
    _check_people(actor, people.values(), {staff.pk: [interval]})
    shift = Shift(
        post=post,
        staff=people[staff.pk],
        starts_at=interval[0],
        ends_at=interval[1],
        note=(note or "").strip()[:200],
        created_by=actor,
    )
    return _stored(lambda: (shift.save(), shift)[1])


@transaction.atomic
def shift_cancel(*, actor, shift: Shift, reason: str) -> Shift:
    """Take a shift off the roster (kept, marked cancelled, with who and why)."""
    _require(actor, shift.post)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写取消原因")})
    shift = Shift.objects.select_for_update(of=("self",)).select_related("post").get(pk=shift.pk)
    if shift.cancelled_at is not None:
        raise Conflict({"reason": _("该班次已取消")})
    shift.cancelled_at = timezone.now()
    shift.cancelled_by = actor
    shift.cancel_reason = reason[:200]
    shift.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    return shift


@transaction.atomic
def week_assign(
    *,
    actor,
    post: Post,
    week_start: date,
    template: str,
    first_hour: int,
    teams: Sequence[Sequence[Staff]],
) -> list[Shift]:
    """Apply a template to a post for the 7 days from `week_start`: each team stands one shift
    of the day, every day. All or nothing: one clash refuses the week (409, naming it)."""
    _require(actor, post)
    if not post.is_active:
        raise ValidationError({"post": _("该岗位已停用")})
    catalogue = TEMPLATES.get(template)
    errors = {}
    if catalogue is None:
        errors["template"] = _("未知的排班模板")
    if not isinstance(first_hour, int) or not 0 <= first_hour <= 23:
        errors["first_hour"] = _("首班开始时间应为0至23点")
    if errors:
        raise ValidationError(errors)
    if len(teams) != catalogue.shifts_per_day:
        raise ValidationError(
            {
                "teams": _("该模板每天%(n)s个班次，请为每个班次选择人员")
                % {"n": catalogue.shifts_per_day}
            }
        )
    times = catalogue.shifts_of_week(week_start, first_hour)
    _check_times(times[0][0][0], times[0][0][1])
    planned: dict[int, list[Interval]] = defaultdict(list)
    for team, team_times in zip(teams, times, strict=True):
        for staff in team:
            planned[staff.pk].extend(team_times)
    if not planned:
        raise ValidationError({"teams": _("请至少为一个班次选择人员")})
    people = _locked(planned)
    missing = set(planned) - set(people)
    if missing:
        raise ValidationError({"teams": _("未找到部分人员")})
    _check_people(actor, people.values(), planned)
    shifts = [
        Shift(
            post=post,
            staff=people[staff_id],
            starts_at=start,
            ends_at=end,
            created_by=actor,
        )
        for staff_id, intervals in planned.items()
        for start, end in intervals
    ]
    shifts.sort(key=lambda shift: (shift.starts_at, shift.staff_id))
    return _stored(lambda: Shift.objects.bulk_create(shifts))
