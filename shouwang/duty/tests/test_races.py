"""A person is never in two places at once, even when many book him at the same moment (PostgreSQL)."""

import pytest
from django.db import IntegrityError, transaction

from shouwang.conflicts import Conflict
from shouwang.duty.models import Shift
from shouwang.tests.concurrently import WORKERS, needs_postgresql, run_concurrently

from .factories import at, day, make_post, make_shift, make_staff

pytestmark = [needs_postgresql, pytest.mark.django_db(transaction=True)]


def test_concurrent_bookings_of_one_person_leave_one_shift(staff, bureau):
    chief = staff["chief1"]
    posts = [make_post(chief, bureau["城关东出口卡点"], name=f"岗{n}") for n in range(WORKERS)]
    person = make_staff(chief, bureau["城关派出所"])
    d = day()

    def book(n: int):
        # Every worker books him at a different post, for hours that all overlap 12:00–13:00.
        return make_shift(chief, posts[n], person, at(d, 5 + n), at(d, 13 + n))

    results = run_concurrently(book)

    won = [result for result in results if isinstance(result, Shift)]
    lost = [result for result in results if isinstance(result, Conflict)]
    assert (len(won), len(lost)) == (1, WORKERS - 1), results
    assert Shift.objects.filter(staff=person).count() == 1


def test_the_database_refuses_an_overlap_written_past_the_service(staff, bureau):
    chief = staff["chief1"]
    post = make_post(chief, bureau["城关东出口卡点"])
    person = make_staff(chief, bureau["城关派出所"])
    d = day()
    make_shift(chief, post, person, at(d, 8), at(d, 16))
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.create(post=post, staff=person, starts_at=at(d, 15), ends_at=at(d, 20))
    # Adjacent is fine, and a cancelled shift holds no hours.
    Shift.objects.create(post=post, staff=person, starts_at=at(d, 16), ends_at=at(d, 20))
    Shift.objects.filter(starts_at=at(d, 8)).update(cancelled_at=at(d, 0))
    Shift.objects.create(post=post, staff=person, starts_at=at(d, 8), ends_at=at(d, 12))
    assert Shift.objects.filter(cancelled_at__isnull=True).count() == 2
