"""Staff, statuses, leave cancelled for a unit, shifts and weeks: the rules the services hold."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouwang.conflicts import Conflict
from shouwang.duty.models import LeaveCancellation, Shift, Staff, StaffKind, StaffStatus
from shouwang.duty.selectors import hours_served, my_shifts
from shouwang.duty.services import (
    leave_cancel_for_unit,
    shift_cancel,
    staff_of_user,
    staff_status_set,
    week_assign,
)

from .factories import at, day, make_post, make_shift, make_staff


@pytest.fixture
def chief(staff):
    return staff["chief1"]


@pytest.fixture
def post(chief, bureau):
    return make_post(chief, bureau["城关东出口卡点"])


def test_a_person_cannot_be_in_two_places_at_once(chief, bureau, post):
    desk = make_post(chief, bureau["城关派出所"], name="值班室")
    person = make_staff(chief, bureau["城关派出所"])
    d = day()
    make_shift(chief, post, person, at(d, 8), at(d, 16))

    with pytest.raises(Conflict) as refused:
        make_shift(chief, desk, person, at(d, 15), at(d, 20))
    assert "东出口卡点岗" in str(refused.value)
    # End excluded: the next shift may start when the last one ends.
    make_shift(chief, desk, person, at(d, 16), at(d, 20))
    assert Shift.objects.filter(staff=person).count() == 2


def test_a_cancelled_shift_frees_its_hours(chief, bureau, post):
    person = make_staff(chief, bureau["城关派出所"])
    d = day()
    shift = make_shift(chief, post, person, at(d, 8), at(d, 16))
    shift_cancel(actor=chief, shift=shift, reason="调整")
    make_shift(chief, post, person, at(d, 8), at(d, 16))
    with pytest.raises(Conflict):
        shift_cancel(actor=chief, shift=shift, reason="再次")


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [(10, 10, "ends_at"), (10, 8, "ends_at"), (0, 25, "ends_at")],
)
def test_bad_times_are_field_errors(chief, bureau, post, start, end, field):
    person = make_staff(chief, bureau["城关派出所"])
    d = day()
    with pytest.raises(ValidationError) as refused:
        make_shift(chief, post, person, at(d, start), at(d, end))
    assert field in refused.value.message_dict


def test_someone_on_leave_or_of_a_sibling_station_is_not_scheduled(staff, bureau, post):
    chief = staff["chief1"]
    d = day()
    away = make_staff(chief, bureau["城关派出所"], name="休假者")
    staff_status_set(actor=chief, staff=away, status=StaffStatus.LEAVE, reason="年假")
    with pytest.raises(ValidationError) as refused:
        make_shift(chief, post, away, at(d, 8), at(d, 16))
    assert "休假" in str(refused.value)

    stranger = make_staff(staff["chief2"], bureau["白云山派出所"], name="外所民警")
    with pytest.raises(ValidationError):
        make_shift(chief, post, stranger, at(d, 8), at(d, 16))


def test_an_officer_seconded_to_the_station_stands_its_posts(staff, bureau, post):
    lent = make_staff(staff["chief2"], bureau["白云山派出所"], name="借调民警")
    staff_status_set(
        actor=staff["chief2"],
        staff=lent,
        status=StaffStatus.SECONDED,
        reason="支援城关疫情防控",
        status_from=day(0),
        status_until=day(14),
        seconded_to=bureau["城关派出所"],
    )
    d = day()
    shift = make_shift(staff["chief1"], post, lent, at(d, 8), at(d, 16))
    assert shift.staff == lent
    # He belongs to 白云山: only it changes his status.
    with pytest.raises(PermissionDenied):
        staff_status_set(actor=staff["chief1"], staff=lent, status=StaffStatus.ON_DUTY)


def test_a_secondment_names_a_unit_and_statuses_other_than_duty_a_reason(chief, bureau):
    person = make_staff(chief, bureau["城关派出所"])
    with pytest.raises(ValidationError) as refused:
        staff_status_set(actor=chief, staff=person, status=StaffStatus.SECONDED, reason="支援")
    assert "seconded_to" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        staff_status_set(actor=chief, staff=person, status=StaffStatus.SICK)
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        staff_status_set(
            actor=chief,
            staff=person,
            status=StaffStatus.LEAVE,
            reason="探亲",
            status_from=day(5),
            status_until=day(1),
        )
    assert "status_until" in refused.value.message_dict


def test_cancelling_leave_for_a_unit_brings_back_everyone_on_leave_below_it(staff, bureau):
    chief = staff["chief1"]
    on_leave = [
        make_staff(chief, bureau["城关派出所"], name="甲"),
        make_staff(chief, bureau["城关东出口卡点"], name="乙", kind=StaffKind.AUXILIARY),
        make_staff(chief, bureau["北门社区"], name="丙", kind=StaffKind.VOLUNTEER),
    ]
    sick = make_staff(chief, bureau["城关派出所"], name="丁")
    sibling = make_staff(staff["chief2"], bureau["白云山派出所"], name="戊")
    for person in on_leave:
        staff_status_set(actor=chief, staff=person, status=StaffStatus.LEAVE, reason="年假")
    staff_status_set(actor=chief, staff=sick, status=StaffStatus.SICK, reason="发热")
    staff_status_set(actor=staff["chief2"], staff=sibling, status=StaffStatus.LEAVE, reason="年假")

    done = leave_cancel_for_unit(actor=chief, unit=bureau["城关派出所"], reason="一级响应")

    assert done.staff_count == 3
    assert LeaveCancellation.objects.get() == done
    statuses = dict(Staff.objects.values_list("name", "status"))
    assert statuses == {
        "甲": "on_duty",
        "乙": "on_duty",
        "丙": "on_duty",
        "丁": "sick",
        "戊": "leave",
    }
    for person in on_leave:
        latest = person.history.order_by("-history_id").first()
        assert latest.status == "on_duty"
        assert latest.history_change_reason == "取消休假：一级响应"
        assert latest.history_user == chief


def test_cancelling_leave_needs_a_reason_and_the_units_jurisdiction(staff, bureau):
    with pytest.raises(ValidationError):
        leave_cancel_for_unit(actor=staff["chief1"], unit=bureau["城关派出所"], reason=" ")
    with pytest.raises(PermissionDenied):
        leave_cancel_for_unit(actor=staff["chief1"], unit=bureau["白云山派出所"], reason="x")
    with pytest.raises(PermissionDenied):
        leave_cancel_for_unit(actor=staff["officer1"], unit=bureau["城关派出所"], reason="x")
    assert LeaveCancellation.objects.count() == 0


def test_a_week_of_three_shifts_a_day(chief, bureau, post):
    teams = [
        [make_staff(chief, bureau["城关派出所"], name=f"{team}{n}") for n in range(2)]
        for team in "ABC"
    ]
    monday = day(7) - timedelta(days=day(7).weekday())
    shifts = week_assign(
        actor=chief, post=post, week_start=monday, template="3x8", first_hour=8, teams=teams
    )
    assert len(shifts) == 3 * 2 * 7
    night = sorted(s.starts_at for s in shifts if s.staff == teams[2][0])
    assert night[0] == at(monday, 24) and night[-1] == at(monday, 24 * 7)
    # A second week over the first is refused whole.
    with pytest.raises(Conflict):
        week_assign(
            actor=chief,
            post=post,
            week_start=monday,
            template="2x12",
            first_hour=8,
            teams=teams[:2],
        )
    assert Shift.objects.count() == 42


def test_my_shifts_and_hours_served(staff, bureau, post):
    chief, officer = staff["chief1"], staff["officer1"]
    me = staff_of_user(actor=chief, user=officer)
    assert (me.kind, me.unit, me.name) == (StaffKind.OFFICER, officer.unit, "张明")
    d = day()
    make_shift(chief, post, me, at(d, 20), at(d, 28))
    make_shift(chief, post, me, at(d, 44), at(d, 52))

    assert [s.starts_at for s in my_shifts(officer)] == [at(d, 20), at(d, 44)]
    rows = {row.staff.name: row for row in hours_served(chief, date_from=d, date_to=d)}
    # The first day only: 20:00–24:00 of the first shift, 2 of them at night.
    assert (rows["张明"].shifts, rows["张明"].hours, rows["张明"].night_hours) == (1, 4.0, 2.0)
    rows = {
        row.staff.name: row for row in hours_served(chief, date_from=d, date_to=d + timedelta(2))
    }
    assert (rows["张明"].shifts, rows["张明"].hours, rows["张明"].night_hours) == (2, 16.0, 12.0)
