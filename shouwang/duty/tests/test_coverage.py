"""The coverage check: every stretch a post is below its minimum, exact across midnight."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError

from shouwang.duty.models import StaffStatus
from shouwang.duty.selectors import coverage_gaps
from shouwang.duty.services import staff_status_set

from .factories import at, day, make_post, make_shift, make_staff


def _gaps(actor, start, end, **kwargs):
    return [
        (gap.post.name, gap.starts_at, gap.ends_at, gap.required, gap.assigned)
        for gap in coverage_gaps(actor=actor, start=start, end=end, **kwargs)
    ]


@pytest.fixture
def chief(staff):
    return staff["chief1"]


@pytest.fixture
def people(chief, bureau):
    unit = bureau["城关派出所"]
    return [make_staff(chief, unit, name=name) for name in ("甲", "乙", "丙", "丁")]


def test_a_night_gap_is_one_gap_across_midnight(chief, bureau, people):
    post = make_post(chief, bureau["城关东出口卡点"])
    d = day()
    a, b, c, _d = people
    make_shift(chief, post, a, at(d, 0), at(d, 8))
    make_shift(chief, post, b, at(d, 8), at(d, 16))
    make_shift(chief, post, c, at(d, 16), at(d, 22))
    make_shift(chief, post, a, at(d, 30), at(d, 38))  # the next day 06:00–14:00
    make_shift(chief, post, b, at(d, 38), at(d, 46))
    make_shift(chief, post, c, at(d, 46), at(d, 48))

    assert _gaps(chief, at(d, 0), at(d, 48)) == [(post.name, at(d, 22), at(d, 30), 1, 0)]


def test_consecutive_hours_with_the_same_shortfall_merge_and_a_change_splits(chief, bureau, people):
    post = make_post(chief, bureau["城关东出口卡点"], required=2)
    d = day()
    a, b, *_rest = people
    make_shift(chief, post, a, at(d, 20), at(d, 28))  # 20:00–04:00
    make_shift(chief, post, b, at(d, 23), at(d, 26))  # 23:00–02:00

    assert _gaps(chief, at(d, 18), at(d, 30)) == [
        (post.name, at(d, 18), at(d, 20), 2, 0),
        (post.name, at(d, 20), at(d, 23), 2, 1),
        (post.name, at(d, 26), at(d, 28), 2, 1),
        (post.name, at(d, 28), at(d, 30), 2, 0),
    ]


def test_a_post_open_overnight_is_checked_only_in_its_hours(chief, bureau, people):
    post = make_post(
        chief, bureau["城关东出口卡点"], name="夜间岗", is_24h=False, opens=time(20), closes=time(8)
    )
    d = day()
    make_shift(chief, post, people[0], at(d, 22), at(d, 30))  # 22:00–06:00

    assert _gaps(chief, at(d, 12), at(d, 36)) == [
        (post.name, at(d, 20), at(d, 22), 1, 0),
        (post.name, at(d, 30), at(d, 32), 1, 0),
    ]


def test_minutes_count_exactly_and_adjacent_shifts_leave_no_gap(chief, bureau, people):
    post = make_post(chief, bureau["城关东出口卡点"])
    d = day()
    make_shift(chief, post, people[0], at(d, 8), at(d, 16, 30))
    make_shift(chief, post, people[1], at(d, 16, 30), at(d, 24))
    make_shift(chief, post, people[2], at(d, 24, 15), at(d, 32))

    assert _gaps(chief, at(d, 8), at(d, 32)) == [(post.name, at(d, 24), at(d, 24, 15), 1, 0)]


def test_someone_falling_sick_opens_a_gap_in_his_shifts(chief, bureau, people):
    post = make_post(chief, bureau["城关东出口卡点"])
    d = day()
    make_shift(chief, post, people[0], at(d, 0), at(d, 24))
    make_shift(chief, post, people[1], at(d, 24), at(d, 48))

    staff_status_set(
        actor=chief,
        staff=people[1],
        status=StaffStatus.SICK,
        reason="发热就医",
        status_from=d + timedelta(days=1),
        status_until=d + timedelta(days=1),
    )

    assert _gaps(chief, at(d, 0), at(d, 48)) == [(post.name, at(d, 24), at(d, 48), 1, 0)]


def test_gaps_are_those_of_posts_the_actor_reaches_and_of_active_posts(staff, bureau, people):
    chief, other = staff["chief1"], staff["chief2"]
    own = make_post(chief, bureau["城关东出口卡点"])
    make_post(other, bureau["白云山高速出口检查站"], name="白云山岗")
    d = day()

    assert [gap[0] for gap in _gaps(chief, at(d, 0), at(d, 24))] == [own.name]
    assert [gap[0] for gap in _gaps(other, at(d, 0), at(d, 24))] == ["白云山岗"]
    assert len(_gaps(staff["commander"], at(d, 0), at(d, 24))) == 2
    assert _gaps(chief, at(d, 0), at(d, 24), unit=bureau["北门社区"]) == []


def test_a_period_that_ends_before_it_starts_or_spans_months_is_refused(chief):
    d = day()
    with pytest.raises(ValidationError):
        coverage_gaps(actor=chief, start=at(d, 10), end=at(d, 10))
    with pytest.raises(ValidationError):
        coverage_gaps(actor=chief, start=at(d, 0), end=at(d, 24 * 40))


def test_the_check_costs_two_queries_whatever_the_shifts(
    chief, bureau, people, django_assert_num_queries
):
    post = make_post(chief, bureau["城关东出口卡点"])
    second = make_post(chief, bureau["城关派出所"], name="值班室")
    d = day()
    for n, person in enumerate(people):
        make_shift(chief, post, person, at(d, n * 6), at(d, n * 6 + 6))
        make_shift(chief, second, person, at(d, 24 + n * 6), at(d, 30 + n * 6))
    with django_assert_num_queries(2):
        coverage_gaps(actor=chief, start=at(d, 0), end=at(d, 48))
