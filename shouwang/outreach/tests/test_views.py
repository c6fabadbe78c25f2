"""The outreach pages: the public bulletins, the lists with their warning, figures, forms."""

import pytest
from django.test import Client
from django.urls import reverse

from shouwang.outreach.models import Bulletin, GroupPost, MemberReading, ResidentGroup

from .factories import draft, group, published

pytestmark = pytest.mark.django_db


def test_the_public_page_shows_published_bulletins_only_without_an_account(staff):
    officer, chief = staff["officer1"], staff["chief1"]
    out = published(officer, chief, title="关于暂停集市的通告")
    draft(officer, title="尚未审核的草稿")
    approved = draft(officer, title="已审核未发布")
    approved.status = "approved"
    approved.save(update_fields=["status"])
    resident = Client()
    page = resident.get(reverse("outreach_public:bulletins"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "关于暂停集市的通告" in text
    assert "尚未审核的草稿" not in text and "已审核未发布" not in text
    detail = resident.get(reverse("outreach_public:bulletin", kwargs={"pk": out.pk}))
    assert detail.status_code == 200
    assert "【关于暂停集市的通告】" in detail.content.decode()  # the copy-ready text
    for hidden in (approved, Bulletin.objects.get(title="尚未审核的草稿")):
        assert (
            resident.get(reverse("outreach_public:bulletin", kwargs={"pk": hidden.pk})).status_code
            == 404
        )


def test_residents_read_what_is_addressed_to_their_community_or_above(bureau, staff):
    officer, chief = staff["officer1"], staff["chief1"]
    published(officer, chief, title="全所通告")
    published(officer, chief, title="北门社区通告", audience_unit_ids=[bureau["北门社区"].pk])
    published(officer, chief, title="南关社区通告", audience_unit_ids=[bureau["南关社区"].pk])
    text = (
        Client()
        .get(reverse("outreach_public:bulletins"), {"unit": bureau["北门社区"].pk})
        .content.decode()
    )
    assert "全所通告" in text and "北门社区通告" in text and "南关社区通告" not in text


def test_the_bulletin_page_offers_copy_text_and_only_the_allowed_changes(login_as, staff):
    bulletin = draft(staff["officer1"], title="返乡人员请报备")
    url = reverse("outreach:bulletin", kwargs={"pk": bulletin.pk})
    officer_page = login_as("officer1").get(url).content.decode()
    assert "【返乡人员请报备】" in officer_page and "复制全文" in officer_page
    assert 'value="approved"' not in officer_page and 'value="withdrawn"' in officer_page
    chief = login_as("chief1")
    chief_page = chief.get(url).content.decode()
    assert 'value="approved"' in chief_page
    response = chief.post(
        reverse("outreach:bulletin_transition", kwargs={"pk": bulletin.pk}), {"to": "approved"}
    )
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.status == "approved"
    refused = login_as("officer1").post(
        reverse("outreach:bulletin_transition", kwargs={"pk": bulletin.pk}), {"to": "published"}
    )
    assert refused.status_code == 403
    bulletin.refresh_from_db()
    assert bulletin.status == "approved"


def test_an_officer_drafts_through_the_form_with_field_errors_in_chinese(login_as, staff):
    client = login_as("officer1")
    url = reverse("outreach:bulletin_new")
    bad = client.post(
        url, {"unit": staff["officer1"].unit_id, "kind": "guidance", "title": "", "body": "x"}
    )
    assert bad.status_code == 422
    assert "这个字段是必填项" in bad.content.decode() or "请填写" in bad.content.decode()
    ok = client.post(
        url,
        {
            "unit": staff["officer1"].unit_id,
            "kind": "guidance",
            "title": "勤洗手",
            "body": "饭前便后洗手",
        },
    )
    assert ok.status_code == 302
    assert Bulletin.objects.get().title == "勤洗手"


def test_the_group_list_warns_of_groups_near_capacity(login_as, staff):
    officer = staff["officer1"]
    group(officer, name="油田一群", members=455)
    group(officer, name="油田二群", members=500)
    group(officer, name="油田三群", members=120)
    client = login_as("officer1")
    text = client.get(reverse("outreach:groups")).content.decode()
    assert text.count("接近上限</span>") == 1 and text.count("已满</span>") == 1
    near = client.get(reverse("outreach:groups"), {"near": "1"}).content.decode()
    assert "油田一群" in near and "油田二群" in near and "油田三群" not in near


def test_a_group_page_appends_readings_and_records_posts(login_as, staff):
    officer = staff["officer1"]
    chat = group(officer, members=400)
    client = login_as("officer1")
    page = client.get(reverse("outreach:group", kwargs={"pk": chat.pk})).content.decode()
    assert "记录人数" in page
    response = client.post(
        reverse("outreach:group_reading", kwargs={"pk": chat.pk}), {"count": 470}
    )
    assert response.status_code == 302
    chat.refresh_from_db()
    assert chat.member_count == 470
    assert MemberReading.objects.filter(group=chat).count() == 2
    page = client.get(reverse("outreach:group", kwargs={"pk": chat.pk})).content.decode()
    assert "群人数已达上限的90%" in page
    too_many = client.post(
        reverse("outreach:group_reading", kwargs={"pk": chat.pk}), {"count": 900}
    )
    assert too_many.status_code == 422
    assert "不能超过人数上限" in too_many.content.decode()
    out = published(officer, staff["chief1"])
    posted = client.post(
        reverse("outreach:group_post", kwargs={"pk": chat.pk}),
        {"posted_on": "", "count": 3, "bulletin": out.pk},
    )
    assert posted.status_code in (302, 422)
    client.post(
        reverse("outreach:group_post", kwargs={"pk": chat.pk}),
        {"posted_on": chat.created_at.date().isoformat(), "count": 3, "bulletin": out.pk},
    )
    assert GroupPost.objects.filter(group=chat, bulletin=out, count=3).exists()


def test_the_commander_reads_groups_but_does_not_manage_them(login_as, staff):
    chat = group(staff["officer1"])
    commander = login_as("commander")
    assert commander.get(reverse("outreach:group", kwargs={"pk": chat.pk})).status_code == 200
    assert (
        commander.post(
            reverse("outreach:group_reading", kwargs={"pk": chat.pk}), {"count": 10}
        ).status_code
        == 403
    )
    assert ResidentGroup.objects.get().member_count == 0


def test_the_figures_page_drills_down_to_exactly_its_rows(login_as, staff):
    officer, chief = staff["officer1"], staff["chief1"]
    published(officer, chief)
    published(officer, chief)
    draft(officer)
    group(officer, members=460)
    client = login_as("commander")
    page = client.get(reverse("outreach:figures"))
    assert page.status_code == 200
    text = page.content.decode()
    station = staff["chief1"].unit
    link = f"unit={station.pk}&amp;published=1"
    assert link in text
    drilled = client.get(reverse("outreach:bulletins"), {"unit": station.pk, "published": "1"})
    assert len(drilled.context["page_obj"].object_list) == 2


def test_the_lists_export_to_xlsx_by_post(login_as, staff):
    published(staff["officer1"], staff["chief1"])
    group(staff["officer1"])
    client = login_as("chief1")
    for name in ("outreach:bulletin_export", "outreach:group_export"):
        assert client.get(reverse(name)).status_code == 405
        response = client.post(reverse(name), {"reason": "周报"})
        assert response.status_code == 200
        assert "spreadsheetml" in response["Content-Type"]
