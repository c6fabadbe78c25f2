"""The outreach API's contract: bulletins, their transitions, the public list, groups, figures."""

import pytest
from django.test import Client

from shouwang.outreach.models import Bulletin, MemberReading

from .factories import draft, group, published

pytestmark = pytest.mark.django_db


def test_post_bulletins_answers_201_with_the_id(api_as, bureau):
    api = api_as("officer1")
    response = api.post_json(
        "/api/v1/bulletins",
        {
            "title": "不信谣不传谣",
            "body": "以官方发布为准。",
            "audience_units": [bureau["北门社区"].pk],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert list(body) == ["id"]
    bulletin = Bulletin.objects.get(pk=body["id"])
    assert (bulletin.status, bulletin.kind) == ("draft", "guidance")
    bad = api.post_json("/api/v1/bulletins", {"title": "", "body": "x", "kind": "poster"})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"title", "kind"}
    assert (
        api_as("duty1").post_json("/api/v1/bulletins", {"title": "a", "body": "b"}).status_code
        == 403
    )


def test_transitions_follow_the_roles(api_as, staff):
    bulletin = draft(staff["officer1"])
    url = f"/api/v1/bulletins/{bulletin.pk}/transitions"
    officer, chief = api_as("officer1"), api_as("chief1")
    refused = officer.post_json(url, {"to": "approved"})
    assert refused.status_code == 403
    assert "所长" in refused.json()["detail"]
    assert chief.post_json(url, {"to": "published"}).status_code == 422
    approved = chief.post_json(url, {"to": "approved"})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert chief.post_json(url, {"to": "approved"}).status_code == 409
    out = chief.post_json(url, {"to": "published"})
    assert out.json()["status"] == "published" and out.json()["published_at"]
    assert out.json()["copy_text"].startswith("【出门请戴口罩】\n")
    no_reason = chief.post_json(url, {"to": "withdrawn"})
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"] == [{"field": "reason", "message": "请写明原因"}]
    assert chief.post_json(url, {"to": "withdrawn", "reason": "已过时"}).status_code == 200


def test_the_public_list_holds_published_bulletins_only_and_needs_no_account(staff):
    officer, chief = staff["officer1"], staff["chief1"]
    out = published(officer, chief, title="已发布")
    draft(officer, title="草稿")
    response = Client().get("/api/v1/public/bulletins")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] for item in items] == [out.pk]
    assert set(items[0]) == {
        "id",
        "title",
        "body",
        "kind",
        "unit_name",
        "published_at",
        "copy_text",
    }
    assert items[0]["unit_name"] == "城关派出所"
    assert Client().get("/api/v1/public/bulletins", {"unit": "abc"}).status_code == 422


def test_groups_are_created_updated_and_counted_through_the_api(api_as, staff):
    api = api_as("officer1")
    created = api.post_json(
        "/api/v1/resident-groups",
        {
            "unit": staff["officer1"].unit_id,
            "name": "油田一群",
            "capacity": 500,
            "member_count": 449,
        },
    )
    assert created.status_code == 201
    group_id = created.json()["id"]
    assert created.json()["near_capacity"] is False
    reading = api.post_json(f"/api/v1/resident-groups/{group_id}/readings", {"count": 452})
    assert reading.status_code == 201 and reading.json()["count"] == 452
    detail = api.get(f"/api/v1/resident-groups/{group_id}").json()
    assert (detail["member_count"], detail["near_capacity"]) == (452, True)
    assert MemberReading.objects.filter(group_id=group_id).count() == 2
    over = api.post_json(f"/api/v1/resident-groups/{group_id}/readings", {"count": 501})
    assert over.status_code == 422
    patched = api.patch_json(
        f"/api/v1/resident-groups/{group_id}", {"name": "油田1群", "platform": "qq"}
    )
    assert patched.status_code == 200 and patched.json()["platform"] == "qq"
    bad = api.patch_json(f"/api/v1/resident-groups/{group_id}", {"platform": "telegram"})
    assert bad.status_code == 422
    post = api.post_json(f"/api/v1/resident-groups/{group_id}/posts", {"count": 4})
    assert post.status_code == 201
    listed = api.get("/api/v1/resident-groups", {"near": "true"}).json()
    assert [(g["id"], g["posts_total"]) for g in listed["items"]] == [(group_id, 4)]
    readings = api.get(f"/api/v1/resident-groups/{group_id}/readings").json()
    assert [r["count"] for r in readings] == [449, 452]


def test_the_figures_endpoint_counts_per_unit(api_as, staff):
    published(staff["officer1"], staff["chief1"])
    group(staff["officer1"], members=470)
    body = api_as("commander").get("/api/v1/stats/outreach").json()
    assert (body["published"], body["groups"], body["members"], body["near"]) == (1, 1, 470, 1)
    station = next(row for row in body["by_unit"] if row["unit_name"] == "城关派出所")
    assert (station["published"], station["members"]) == (1, 470)


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_lists_read_a_fixed_number_of_queries(api_as, staff):
    officer, chief = staff["officer1"], staff["chief1"]
    api = api_as("chief1")
    published(officer, chief)
    group(officer, members=10)
    api.get("/api/v1/me")  # the token's first use of the minute writes its last use
    few = (_queries(api, "/api/v1/bulletins"), _queries(api, "/api/v1/resident-groups"))
    for n in range(4):
        published(officer, chief, title=f"通告{n}")
        group(officer, name=f"群{n}", members=n)
    many = (_queries(api, "/api/v1/bulletins"), _queries(api, "/api/v1/resident-groups"))
    assert few == many
    public = Client()
    assert _queries(public, "/api/v1/public/bulletins") == 2  # count, page
