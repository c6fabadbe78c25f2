"""The duty pages: posts, week assignment, roster, coverage, my shifts, staff, leave, hours."""

from datetime import timedelta

import pytest
from django.urls import reverse

from shouwang.duty.models import LeaveCancellation, Post, Shift, Staff, StaffStatus
from shouwang.duty.services import staff_status_set

from .factories import at, day, make_post, make_shift, make_staff


@pytest.fixture
def post(staff, bureau):
    return make_post(staff["chief1"], bureau["城关东出口卡点"])


def test_a_chief_opens_a_post_and_assigns_a_week(login_as, staff, bureau):
    client = login_as("chief1")
    answer = client.post(
        reverse("duty:post_new"),
        {
            "unit": bureau["城关东出口卡点"].pk,
            "name": "东出口卡点",
            "kind": "checkpoint",
            "required_staff": "1",
            "is_24h": "on",
        },
    )
    post = Post.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("duty:post", args=[post.pk])
    people = [make_staff(staff["chief1"], bureau["城关派出所"], name=n) for n in "甲乙丙"]
    monday = day(7) - timedelta(days=day(7).weekday())
    page = client.get(reverse("duty:week_assign", args=[post.pk]) + "?template=3x8")
    assert page.status_code == 200 and "08:00–16:00" in page.content.decode()
    answer = client.post(
        reverse("duty:week_assign", args=[post.pk]) + "?template=3x8",
        {
            "week_start": monday.isoformat(),
            "template": "3x8",
            "first_hour": "8",
            "team_1": [people[0].pk],
            "team_2": [people[1].pk],
            "team_3": [people[2].pk],
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert Shift.objects.count() == 21
    roster = client.get(answer["Location"]).content.decode()
    # The week's last night shift starts at 00:00 the next Monday: it is in next week's list.
    assert roster.count('class="shift-line"') == 20


def test_bad_post_input_shows_field_errors(login_as):
    answer = login_as("chief1").post(
        reverse("duty:post_new"), {"name": "", "kind": "checkpoint", "required_staff": "0"}
    )
    assert answer.status_code == 422
    assert Post.objects.count() == 0


def test_a_clash_in_the_week_is_shown_and_nothing_written(login_as, staff, bureau, post):
    person = make_staff(staff["chief1"], bureau["城关派出所"])
    monday = day(7) - timedelta(days=day(7).weekday())
    make_shift(staff["chief1"], post, person, at(monday, 9), at(monday, 10))
    answer = login_as("chief1").post(
        reverse("duty:week_assign", args=[post.pk]) + "?template=2x12",
        {
            "week_start": monday.isoformat(),
            "template": "2x12",
            "first_hour": "8",
            "team_1": [person.pk],
        },
    )
    assert answer.status_code == 422
    assert "此时段已在" in answer.content.decode()
    assert Shift.objects.count() == 1


def test_the_coverage_page_lists_the_gaps(login_as, staff, bureau, post):
    person = make_staff(staff["chief1"], bureau["城关派出所"])
    d = day()
    make_shift(staff["chief1"], post, person, at(d, 0), at(d, 22))
    page = (
        login_as("officer1")
        .get(reverse("duty:coverage"), {"from": d.isoformat(), "days": "1"})
        .content.decode()
    )
    assert page.count('class="gap"') == 1
    assert "22:00" in page and "缺 1 人" in page


def test_my_shifts_on_a_phone(login_as, staff, bureau, post):
    me = make_staff(staff["chief1"], bureau["城关派出所"], name="孙丽", user=staff["volunteer1"])
    d = day()
    make_shift(staff["chief1"], post, me, at(d, 20), at(d, 32))
    page = login_as("volunteer1").get(reverse("duty:mine")).content.decode()
    assert "东出口卡点岗" in page and "20:00–08:00" in page and "次日" in page
    empty = login_as("officer1").get(reverse("duty:mine")).content.decode()
    assert "尚未列入勤务名册" in empty


def test_cancel_leave_for_the_station_asks_for_confirmation_and_a_reason(login_as, staff, bureau):
    person = make_staff(staff["chief1"], bureau["城关派出所"])
    staff_status_set(actor=staff["chief1"], staff=person, status=StaffStatus.LEAVE, reason="年假")
    client = login_as("chief1")
    page = client.get(reverse("duty:leave_cancel")).content.decode()
    assert "正在休假：1 人" in page
    unit = bureau["城关派出所"].pk
    refused = client.post(reverse("duty:leave_cancel"), {"unit": unit, "reason": "一级响应"})
    assert refused.status_code == 422
    assert Staff.objects.get().status == StaffStatus.LEAVE
    done = client.post(
        reverse("duty:leave_cancel"), {"unit": unit, "reason": "一级响应", "confirm": "on"}
    )
    assert done.status_code == 302
    assert Staff.objects.get().status == StaffStatus.ON_DUTY
    assert LeaveCancellation.objects.get().staff_count == 1
    listing = client.get(done["Location"]).content.decode()
    assert "取消休假 1 人" in listing


def test_staff_list_filters_and_the_person_page_changes_status(login_as, staff, bureau):
    chief = staff["chief1"]
    volunteer = make_staff(
        chief, bureau["北门社区"], name="陈晓", kind="volunteer", association="青年志愿者协会"
    )
    make_staff(chief, bureau["城关派出所"], name="王警官")
    client = login_as("chief1")
    page = client.get(reverse("duty:staff"), {"kind": "volunteer"}).content.decode()
    assert "陈晓" in page and "王警官" not in page
    assert "陈晓" in client.get(reverse("duty:staff"), {"q": "青年志願者"}).content.decode()
    answer = client.post(
        reverse("duty:staff_status", args=[volunteer.pk]),
        {"status": "isolating", "reason": "密接", "status_until": day(14).isoformat()},
    )
    assert answer.status_code == 302
    volunteer.refresh_from_db()
    assert (volunteer.status, volunteer.status_reason) == ("isolating", "密接")
    detail = client.get(reverse("duty:staff_detail", args=[volunteer.pk])).content.decode()
    assert "隔离观察" in detail and "密接" in detail


def test_staff_and_hours_exports(login_as, staff, bureau, post):
    person = make_staff(staff["chief1"], bureau["城关派出所"], phone="13909123456")
    d = day(0)
    make_shift(staff["chief1"], post, person, at(d, 23), at(d, 24))
    client = login_as("chief1")
    answer = client.post(reverse("duty:staff_export"), {"reason": ""})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    answer = client.post(
        reverse("duty:hours_export") + f"?from={d.isoformat()}&to={d.isoformat()}", {}
    )
    assert answer.status_code == 200
    page = client.get(reverse("duty:hours"), {"from": d.isoformat(), "to": d.isoformat()})
    assert "李民警" in page.content.decode()


def test_a_sibling_station_gets_404_and_changes_nothing(login_as, staff, bureau, post):
    person = make_staff(staff["chief1"], bureau["城关派出所"])
    d = day()
    shift = make_shift(staff["chief1"], post, person, at(d, 8), at(d, 16))
    client = login_as("chief2")
    assert client.get(reverse("duty:post", args=[post.pk])).status_code == 404
    assert client.get(reverse("duty:staff_detail", args=[person.pk])).status_code == 404
    assert (
        client.post(
            reverse("duty:staff_status", args=[person.pk]), {"status": "sick", "reason": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("duty:shift_cancel", args=[shift.pk]), {"reason": "x"}).status_code
        == 404
    )
    assert client.get(reverse("duty:week_assign", args=[post.pk])).status_code == 404
    roster = client.get(reverse("duty:roster"), {"week": d.isoformat()}).content.decode()
    assert 'class="shift-line"' not in roster
    person.refresh_from_db()
    shift.refresh_from_db()
    assert (person.status, shift.cancelled_at) == ("on_duty", None)


@pytest.mark.parametrize(
    ("username", "roster", "staff_page", "new_post"),
    [
        ("chief1", 200, 200, 200),
        ("officer1", 200, 403, 403),
        ("auxiliary1", 403, 403, 403),
        ("volunteer1", 403, 403, 403),
        ("health1", 403, 403, 403),
    ],
)
def test_pages_per_role(login_as, username, roster, staff_page, new_post):
    client = login_as(username)
    assert client.get(reverse("duty:roster")).status_code == roster
    assert client.get(reverse("duty:staff")).status_code == staff_page
    assert client.get(reverse("duty:post_new")).status_code == new_post
    assert client.get(reverse("duty:mine")).status_code == 200
