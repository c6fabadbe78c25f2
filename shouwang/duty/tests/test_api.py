"""/api/v1/duty: the contract of the issue (posts, shifts with 409, coverage) and rights per role."""

from datetime import datetime, timedelta

import pytest

from shouwang.duty.models import LeaveCancellation, Post, Shift, Staff, StaffStatus
from shouwang.duty.services import staff_status_set

from .factories import at, day, make_post, make_staff


def _iso(value) -> str:
    return value.isoformat()


def test_create_a_post_then_shifts_then_read_the_coverage(api_as, bureau, staff):
    client = api_as("chief1")
    answer = client.post_json(
        "/api/v1/duty/posts",
        {
            "unit": bureau["城关东出口卡点"].pk,
            "name": "东出口卡点",
            "kind": "checkpoint",
            "required_staff": 1,
            "is_24h": True,
        },
    )
    assert answer.status_code == 201, answer.content
    post_id = answer.json()["id"]
    assert Post.objects.get(pk=post_id).unit == bureau["城关东出口卡点"]

    d = day()
    for user, start, end in (("officer1", 0, 8), ("auxiliary1", 8, 16), ("officer1", 16, 22)):
        answer = client.post_json(
            "/api/v1/duty/shifts",
            {
                "post": post_id,
                "user": staff[user].pk,
                "starts_at": _iso(at(d, start)),
                "ends_at": _iso(at(d, end)),
            },
        )
        assert answer.status_code == 201, answer.content
    assert answer.json()["user"] == staff["officer1"].pk

    answer = client.get(
        "/api/v1/duty/coverage",
        {"unit": bureau["城关派出所"].pk, "from": _iso(at(d, 0)), "to": _iso(at(d, 30))},
    )
    assert answer.status_code == 200
    gaps = answer.json()["gaps"]
    assert len(gaps) == 1
    gap = gaps[0]
    assert {key: gap[key] for key in ("post", "required", "assigned")} == {
        "post": post_id,
        "required": 1,
        "assigned": 0,
    }
    starts_at, ends_at = (datetime.fromisoformat(gap[key]) for key in ("starts_at", "ends_at"))
    assert (starts_at, ends_at) == (at(d, 22), at(d, 30))
    assert gap["starts_at"].endswith("+08:00")  # on the bureau's clock


def test_a_double_booked_person_is_refused_with_409(api_as, bureau, staff):
    chief = staff["chief1"]
    first = make_post(chief, bureau["城关东出口卡点"])
    second = make_post(chief, bureau["城关派出所"], name="值班室")
    client = api_as("chief1")
    d = day()
    body = {"user": staff["officer1"].pk, "starts_at": _iso(at(d, 8)), "ends_at": _iso(at(d, 16))}
    assert client.post_json("/api/v1/duty/shifts", {**body, "post": first.pk}).status_code == 201
    answer = client.post_json(
        "/api/v1/duty/shifts", {**body, "post": second.pk, "starts_at": _iso(at(d, 12))}
    )
    assert answer.status_code == 409
    assert answer.json()["errors"][0]["field"] == "starts_at"
    assert Shift.objects.count() == 1


def test_a_volunteer_without_account_is_named_by_his_roster_id(api_as, bureau, staff):
    chief = staff["chief1"]
    post = make_post(chief, bureau["北门社区"], name="北门卡口")
    client = api_as("chief1")
    answer = client.post_json(
        "/api/v1/duty/staff",
        {
            "unit": bureau["北门社区"].pk,
            "kind": "volunteer",
            "name": "陈晓",
            "association": "青年志愿者协会",
            "phone": "139 0912 3456",
        },
    )
    assert answer.status_code == 201, answer.content
    volunteer = Staff.objects.get(pk=answer.json()["id"])
    assert (volunteer.phone, volunteer.user) == ("13909123456", None)
    d = day()
    answer = client.post_json(
        "/api/v1/duty/shifts",
        {
            "post": post.pk,
            "staff": volunteer.pk,
            "starts_at": _iso(at(d, 8)),
            "ends_at": _iso(at(d, 20)),
        },
    )
    assert answer.status_code == 201
    assert (
        client.post_json(
            "/api/v1/duty/shifts",
            {"post": post.pk, "starts_at": _iso(at(d, 8)), "ends_at": _iso(at(d, 20))},
        ).status_code
        == 422
    )


def test_bad_input_is_a_field_error(api_as, bureau, staff):
    client = api_as("chief1")
    answer = client.post_json(
        "/api/v1/duty/posts",
        {
            "unit": bureau["城关派出所"].pk,
            "name": "",
            "kind": "bar",
            "required_staff": 0,
            "is_24h": False,
        },
    )
    assert answer.status_code == 422
    post = make_post(staff["chief1"], bureau["城关派出所"])
    d = day()
    answer = client.post_json(
        "/api/v1/duty/shifts",
        {
            "post": post.pk,
            "user": staff["officer1"].pk,
            "starts_at": _iso(at(d, 9)),
            "ends_at": _iso(at(d, 8)),
        },
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "ends_at"
    assert client.get("/api/v1/duty/coverage", {"from": "2026-13-01"}).status_code == 422


def test_status_leave_cancellation_week_hours_and_my_shifts(api_as, bureau, staff):
    chief = staff["chief1"]
    client = api_as("chief1")
    person = make_staff(chief, bureau["城关派出所"])
    answer = client.post_json(
        f"/api/v1/duty/staff/{person.pk}/status",
        {"status": "leave", "reason": "年假", "status_until": str(day(10))},
    )
    assert answer.status_code == 200 and answer.json()["status"] == "leave"
    answer = client.post_json(
        "/api/v1/duty/leave-cancellations", {"unit": bureau["城关派出所"].pk, "reason": "一级响应"}
    )
    assert answer.status_code == 201 and answer.json()["staff_count"] == 1
    person.refresh_from_db()
    assert person.status == StaffStatus.ON_DUTY

    post = make_post(chief, bureau["城关东出口卡点"])
    me = make_staff(chief, bureau["城关派出所"], name="张明", user=staff["officer1"])
    monday = day(7) - timedelta(days=day(7).weekday())
    answer = client.post_json(
        f"/api/v1/duty/posts/{post.pk}/week",
        {
            "week_start": str(monday),
            "template": "2x12",
            "first_hour": 8,
            "teams": [[me.pk], [person.pk]],
        },
    )
    assert answer.status_code == 201, answer.content
    assert len(answer.json()) == 14
    mine = api_as("officer1").get("/api/v1/duty/my-shifts").json()
    assert [shift["post"] for shift in mine] == [post.pk] * 7 or len(mine) < 7
    hours = client.get(
        "/api/v1/duty/hours", {"from": str(monday), "to": str(monday + timedelta(days=6))}
    ).json()
    served = {row["name"]: row["hours"] for row in hours}
    assert served["张明"] == 84.0 and served["李民警"] == 12.0 * 6 + 4.0


@pytest.mark.parametrize(
    ("username", "status"),
    [("chief1", 201), ("commander", 201), ("officer1", 403), ("volunteer1", 403), ("duty1", 403)],
)
def test_who_may_open_posts(api_as, bureau, username, status):
    answer = api_as(username).post_json(
        "/api/v1/duty/posts",
        {
            "unit": bureau["城关派出所"].pk,
            "name": f"{username}岗",
            "kind": "duty_desk",
            "required_staff": 1,
            "is_24h": True,
        },
    )
    assert answer.status_code == status


@pytest.mark.parametrize(
    ("username", "coverage", "staff_list", "mine"),
    [
        ("commander", 200, 200, 200),
        ("chief1", 200, 200, 200),
        ("officer1", 200, 403, 200),
        ("duty1", 200, 403, 200),
        ("auxiliary1", 403, 403, 200),
        ("volunteer1", 403, 403, 200),
        ("health1", 403, 403, 200),
    ],
)
def test_who_reads_what(api_as, username, coverage, staff_list, mine):
    client = api_as(username)
    assert client.get("/api/v1/duty/coverage").status_code == coverage
    assert client.get("/api/v1/duty/staff").status_code == staff_list
    assert client.get("/api/v1/duty/my-shifts").status_code == mine


def test_a_sibling_station_finds_nothing_and_changes_nothing(api_as, bureau, staff):
    chief = staff["chief1"]
    post = make_post(chief, bureau["城关东出口卡点"])
    person = make_staff(chief, bureau["城关派出所"])
    staff_status_set(actor=chief, staff=person, status=StaffStatus.LEAVE, reason="年假")
    client = api_as("chief2")
    d = day()
    answer = client.post_json(
        "/api/v1/duty/shifts",
        {
            "post": post.pk,
            "staff": person.pk,
            "starts_at": _iso(at(d, 8)),
            "ends_at": _iso(at(d, 16)),
        },
    )
    assert answer.status_code == 404
    assert (
        client.post_json(
            f"/api/v1/duty/staff/{person.pk}/status", {"status": "on_duty"}
        ).status_code
        == 404
    )
    assert (
        client.post_json(
            "/api/v1/duty/leave-cancellations", {"unit": bureau["城关派出所"].pk, "reason": "x"}
        ).status_code
        == 404
    )
    assert client.get("/api/v1/duty/coverage", {"unit": bureau["城关派出所"].pk}).status_code == 404
    assert client.get("/api/v1/duty/posts").json()["items"] == []
    assert client.get("/api/v1/duty/staff").json()["items"] == []
    person.refresh_from_db()
    assert (person.status, Shift.objects.count(), LeaveCancellation.objects.count()) == (
        "leave",
        0,
        0,
    )


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+08:00", "9999-12-31", "2018-12-31"])
def test_far_off_coverage_periods_are_field_errors(api_as, value):
    answer = api_as("chief1").get("/api/v1/duty/coverage", {"from": value})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "from"


def test_the_shift_list_costs_the_same_queries_for_two_or_twenty_shifts(api_as, bureau, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    chief = staff["chief1"]
    post = make_post(chief, bureau["城关东出口卡点"])
    client = api_as("chief1")
    d = day()
    counts = []
    for hours in (2, 20):
        for n in range(hours - Shift.objects.count()):
            person = make_staff(chief, bureau["城关派出所"], name=f"民警{hours}{n}")
            make_shift_api = {"post": post.pk, "staff": person.pk}
            start, end = at(d, n), at(d, n + 1)
            client.post_json(
                "/api/v1/duty/shifts",
                {**make_shift_api, "starts_at": _iso(start), "ends_at": _iso(end)},
            )
        with CaptureQueriesContext(connection) as queries:
            answer = client.get("/api/v1/duty/shifts", {"post": post.pk})
        assert answer.json()["count"] == hours
        counts.append(len(queries))
    assert counts[0] == counts[1]
