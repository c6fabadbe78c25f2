"""Concurrent writes on PostgreSQL: one winner, 409 or 422 for the others."""

import pytest

from shouwang.outreach.models import BulletinTransition, MemberReading, ResidentGroup
from shouwang.tests.concurrently import WORKERS, needs_postgresql, run_concurrently

from .factories import draft, group

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def statuses(responses) -> list:
    return sorted(
        response.status_code if hasattr(response, "status_code") else repr(response)
        for response in responses
    )


def test_parallel_approvals_of_a_bulletin_record_one(api_as, staff):
    bulletin = draft(staff["officer1"])
    clients = [api_as("chief1") for _ in range(WORKERS)]
    responses = run_concurrently(
        lambda n: clients[n].post_json(
            f"/api/v1/bulletins/{bulletin.pk}/transitions", {"to": "approved"}
        )
    )
    assert statuses(responses) == [200] + [409] * (WORKERS - 1)
    assert BulletinTransition.objects.filter(bulletin=bulletin).count() == 1


def test_parallel_registrations_of_one_group_name_make_one(api_as, staff):
    clients = [api_as("officer1") for _ in range(WORKERS)]
    body = {"unit": staff["officer1"].unit_id, "name": "油田一群"}
    responses = run_concurrently(lambda n: clients[n].post_json("/api/v1/resident-groups", body))
    assert statuses(responses) == [201] + [422] * (WORKERS - 1)
    assert ResidentGroup.objects.count() == 1


def test_parallel_readings_keep_every_row_and_the_group_the_last(api_as, staff):
    chat = group(staff["officer1"])
    clients = [api_as("officer1") for _ in range(WORKERS)]
    responses = run_concurrently(
        lambda n: clients[n].post_json(
            f"/api/v1/resident-groups/{chat.pk}/readings", {"count": 400 + n}
        )
    )
    assert statuses(responses) == [201] * WORKERS
    assert MemberReading.objects.filter(group=chat).count() == WORKERS
    chat.refresh_from_db()
    latest = MemberReading.objects.filter(group=chat).order_by("-id").first()
    assert chat.member_count == latest.count
