"""A sibling station's staff find none of a station's bulletins or groups (404, nothing changes)."""

import pytest
from django.urls import reverse

from shouwang.outreach.models import Bulletin, MemberReading, ResidentGroup

from .factories import draft, group

pytestmark = pytest.mark.django_db


def test_a_sibling_station_gets_404_and_changes_nothing(login_as, api_as, staff):
    bulletin = draft(staff["officer1"])
    chat = group(staff["officer1"], members=100)
    sibling = login_as("chief2")
    for name, pk in (
        ("outreach:bulletin", bulletin.pk),
        ("outreach:bulletin_edit", bulletin.pk),
        ("outreach:group", chat.pk),
        ("outreach:group_edit", chat.pk),
    ):
        assert sibling.get(reverse(name, kwargs={"pk": pk})).status_code == 404, name
    assert (
        sibling.post(
            reverse("outreach:bulletin_transition", kwargs={"pk": bulletin.pk}), {"to": "approved"}
        ).status_code
        == 404
    )
    assert (
        sibling.post(
            reverse("outreach:group_reading", kwargs={"pk": chat.pk}), {"count": 10}
        ).status_code
        == 404
    )
    api = api_as("chief2")
    assert (
        api.post_json(
            f"/api/v1/bulletins/{bulletin.pk}/transitions", {"to": "approved"}
        ).status_code
        == 404
    )
    assert api.get(f"/api/v1/bulletins/{bulletin.pk}").status_code == 404
    assert (
        api.post_json(f"/api/v1/resident-groups/{chat.pk}/readings", {"count": 10}).status_code
        == 404
    )
    assert api.patch_json(f"/api/v1/resident-groups/{chat.pk}", {"name": "x"}).status_code == 404
    assert api.get("/api/v1/bulletins").json()["items"] == []
    assert api.get("/api/v1/resident-groups").json()["items"] == []
    assert sibling.get(reverse("outreach:bulletins")).context["page_obj"].paginator.count == 0
    bulletin.refresh_from_db()
    chat.refresh_from_db()
    assert bulletin.status == "draft" and chat.member_count == 100 and chat.name == "油田一群"
    assert MemberReading.objects.count() == 1
    assert Bulletin.objects.count() == 1 and ResidentGroup.objects.count() == 1


def test_a_sibling_s_unit_cannot_be_named_as_owner_or_audience(api_as, staff, bureau):
    api = api_as("chief2")
    response = api.post_json(
        "/api/v1/resident-groups", {"unit": staff["officer1"].unit_id, "name": "越权群"}
    )
    assert response.status_code == 404
    response = api.post_json(
        "/api/v1/bulletins", {"title": "t", "body": "b", "audience_units": [bureau["北门社区"].pk]}
    )
    assert response.status_code == 422
    assert ResidentGroup.objects.count() == 0 and Bulletin.objects.count() == 0
