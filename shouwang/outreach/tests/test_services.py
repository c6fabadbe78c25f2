"""Bulletins by role, their history; groups' ledger, capacity warning and posts; the figures."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shouwang.conflicts import Conflict
from shouwang.outreach.figures import outreach_figures
from shouwang.outreach.models import Bulletin, BulletinTransition, MemberReading
from shouwang.outreach.services import (
    bulletin_transition,
    bulletin_update,
    group_members_record,
    group_post_record,
    group_update,
)
from shouwang.outreach.services.bulletins import transitions_for

from .factories import draft, group, published

pytestmark = pytest.mark.django_db


def test_an_officer_drafts_but_cannot_approve_or_publish_his_own(staff):
    officer = staff["officer1"]
    bulletin = draft(officer)
    assert bulletin.status == "draft" and bulletin.unit == officer.unit
    assert list(bulletin.audience_units.all()) == [officer.unit]
    for to in ("approved", "published"):
        with pytest.raises(PermissionDenied):
            bulletin_transition(actor=officer, bulletin=bulletin, to=to)
    bulletin.refresh_from_db()
    assert bulletin.status == "draft"
    assert transitions_for(officer, bulletin) == [("withdrawn", "已撤回")]


def test_the_chief_approves_and_publishes_and_each_change_is_kept(staff):
    officer, chief = staff["officer1"], staff["chief1"]
    bulletin = draft(officer)
    bulletin_transition(actor=chief, bulletin=bulletin, to="approved")
    with pytest.raises(PermissionDenied):
        bulletin_transition(actor=officer, bulletin=bulletin, to="published")
    bulletin_transition(actor=chief, bulletin=bulletin, to="published")
    bulletin.refresh_from_db()
    assert bulletin.status == "published" and bulletin.published_at is not None
    with pytest.raises(ValidationError) as error:
        bulletin_transition(actor=chief, bulletin=bulletin, to="withdrawn")
    assert error.value.message_dict == {"reason": ["请写明原因"]}
    bulletin_transition(actor=chief, bulletin=bulletin, to="withdrawn", reason="措施已调整")
    rows = list(
        BulletinTransition.objects.filter(bulletin=bulletin).values_list(
            "from_status", "to_status", "actor__username", "reason"
        )
    )
    assert rows == [
        ("draft", "approved", "chief1", ""),
        ("approved", "published", "chief1", ""),
        ("published", "withdrawn", "chief1", "措施已调整"),
    ]
    assert bulletin.history.count() == 4  # created, approved, published, withdrawn


def test_a_chief_may_publish_his_own_and_the_commander_any_station_s(staff):
    chief = staff["chief1"]
    own = published(chief, chief)
    assert own.status == "published"
    station = draft(staff["officer1"])
    bulletin_transition(actor=staff["commander"], bulletin=station, to="approved")
    station.refresh_from_db()
    assert station.status == "approved"


def test_publishing_skips_no_step_and_repeating_one_is_a_conflict(staff):
    chief = staff["chief1"]
    bulletin = draft(staff["officer1"])
    with pytest.raises(ValidationError) as error:
        bulletin_transition(actor=chief, bulletin=bulletin, to="published")
    assert "不能从" in error.value.message_dict["to"][0]
    with pytest.raises(Conflict):
        bulletin_transition(actor=chief, bulletin=bulletin, to="draft")
    with pytest.raises(ValidationError):
        bulletin_transition(actor=chief, bulletin=bulletin, to="archived")


def test_only_drafts_are_edited_by_their_author_or_a_publisher(staff):
    officer, auxiliary = staff["officer1"], staff["auxiliary1"]
    bulletin = draft(officer)
    bulletin_update(actor=officer, bulletin=bulletin, title="新标题", body="正文", kind="notice")
    bulletin.refresh_from_db()
    assert (bulletin.title, bulletin.kind) == ("新标题", "notice")
    other = draft(staff["chief1"])
    with pytest.raises(PermissionDenied):
        bulletin_update(actor=officer, bulletin=other, title="改", body="改", kind="notice")
    with pytest.raises(PermissionDenied):
        bulletin_update(actor=auxiliary, bulletin=bulletin, title="改", body="改", kind="notice")
    bulletin_transition(actor=staff["chief1"], bulletin=bulletin, to="approved")
    with pytest.raises(Conflict):
        bulletin_update(actor=officer, bulletin=bulletin, title="改", body="改", kind="notice")


def test_audience_units_lie_within_the_author_s_jurisdiction(bureau, staff):
    officer = staff["officer1"]
    bulletin = draft(officer, audience_unit_ids=[bureau["北门社区"].pk, bureau["南关社区"].pk])
    assert {u.name for u in bulletin.audience_units.all()} == {"北门社区", "南关社区"}
    with pytest.raises(ValidationError) as error:
        draft(officer, audience_unit_ids=[bureau["白云村"].pk])
    assert error.value.message_dict == {"audience_units": ["只能面向本单位及下级单位"]}
    with pytest.raises(ValidationError) as error:
        draft(officer, title="", body="\x00")
    assert set(error.value.message_dict) == {"title", "body"}
    assert Bulletin.objects.count() == 1


def test_a_group_nears_capacity_at_ninety_percent_and_keeps_every_reading(staff):
    officer = staff["officer1"]
    chat = group(officer, members=440)
    assert not chat.is_near_capacity
    today = timezone.localdate()
    group_members_record(actor=officer, group=chat, count=450, on=today)
    chat.refresh_from_db()
    assert (chat.member_count, chat.is_near_capacity, chat.is_full) == (450, True, False)
    # An earlier day's reading fills the ledger without changing today's count.
    group_members_record(actor=officer, group=chat, count=300, on=today - timedelta(days=10))
    chat.refresh_from_db()
    assert chat.member_count == 450
    assert list(MemberReading.objects.filter(group=chat).values_list("count", flat=True)) == [
        300,
        440,
        450,
    ]
    with pytest.raises(ValidationError) as error:
        group_members_record(actor=officer, group=chat, count=501)
    assert error.value.message_dict == {"count": ["群成员数不能超过人数上限（500）"]}
    with pytest.raises(ValidationError):
        group_members_record(actor=officer, group=chat, count=10, on=today + timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        group_update(actor=officer, group=chat, data={"capacity": 400})
    assert "人数上限不能少于当前人数" in error.value.message_dict["capacity"][0]
    group_members_record(actor=officer, group=chat, count=500)
    chat.refresh_from_db()
    assert chat.is_full


def test_a_group_name_is_once_per_unit_and_its_admin_within_reach(staff):
    officer = staff["officer1"]
    group(officer)
    with pytest.raises(ValidationError) as error:
        group(officer)
    assert error.value.message_dict == {"name": ["本单位已有同名的群"]}
    with pytest.raises(ValidationError) as error:
        group(officer, name="二群", admin_officer=staff["officer2"])
    assert "admin_officer" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        group(staff["duty1"], name="三群")


def test_posts_carry_only_published_bulletins(staff):
    officer, chief = staff["officer1"], staff["chief1"]
    chat = group(officer)
    waiting = draft(officer)
    with pytest.raises(ValidationError) as error:
        group_post_record(actor=officer, group=chat, bulletin=waiting)
    assert error.value.message_dict == {"bulletin": ["只能选择已发布的通告"]}
    out = published(officer, chief)
    post = group_post_record(actor=officer, group=chat, bulletin=out)
    assert (post.count, post.bulletin) == (1, out)
    # The bureau's published bulletins are posted by stations too.
    bureau_bulletin = published(staff["commander"], staff["commander"])
    group_post_record(actor=officer, group=chat, bulletin=bureau_bulletin)
    with pytest.raises(ValidationError):
        group_post_record(actor=officer, group=chat, count=0)


def test_the_figures_count_per_unit_and_period(bureau, staff):
    officer, chief, commander = staff["officer1"], staff["chief1"], staff["commander"]
    today = timezone.localdate()
    for _ in range(3):
        published(officer, chief)
    draft(officer)
    published(staff["officer2"], staff["chief2"])
    published(commander, commander)
    one = group(officer, members=460)
    group(officer, name="油田二群", members=480)
    group(officer, bureau["北门社区"], name="北门群", members=200)
    group(staff["officer2"], name="白云群", members=300)
    group_post_record(actor=officer, group=one, count=12, posted_on=today)
    group_post_record(actor=officer, group=one, count=5, posted_on=today - timedelta(days=30))

    found = outreach_figures(commander, date_from=today - timedelta(days=6), date_to=today)
    assert {
        k: found.totals[k] for k in ("published", "drafts", "groups", "members", "near", "posts")
    } == {
        "published": 5,
        "drafts": 1,
        "groups": 4,
        "members": 1440,
        "near": 2,
        "posts": 12,
    }
    by_unit = {row.unit.name: dict(row.counts) for row in found.rows}
    assert by_unit["城关派出所"]["published"] == 3
    assert by_unit["城关派出所"]["members"] == 1140
    assert by_unit["白云山派出所"]["members"] == 300
    assert by_unit["清河县公安局"]["published"] == 1  # the bureau's own row

    station = outreach_figures(chief, date_from=today, date_to=today)
    assert station.totals["published"] == 3 and station.totals["groups"] == 3
    rows = {row.unit.name: row.counts["groups"] for row in station.rows}
    assert rows == {"城关派出所": 2, "城关东出口卡点": 0, "北门社区": 1, "南关社区": 0}
    assert outreach_figures(chief, date_from=today - timedelta(days=40)).totals["posts"] == 17
