from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from shouwang.audit.history import history_search, record_history
from shouwang.audit.models import AccessEvent
from shouwang.audit.services import access_event_record, audit_prune
from shouwang.units.services import unit_update


def test_history_shows_who_changed_what_from_old_to_new(staff, bureau):
    unit = bureau["北门社区"]
    unit.history.update(history_user=None)
    unit_update(
        actor=None, unit=unit, name="北门新社区", kind=unit.kind, parent=unit.parent, code="BM"
    )
    latest = record_history(unit)[0]
    assert latest.kind == "修改"
    assert {(c.field, c.old, c.new) for c in latest.changes} == {
        ("名称", "北门社区", "北门新社区"),
        ("单位代码", "", "BM"),
    }


def test_history_hides_personal_values(staff):
    from shouwang.accounts.services import user_update

    officer = staff["officer1"]
    user_update(
        actor=staff["admin"],
        user=officer,
        unit=officer.unit,
        role=officer.role,
        full_name=officer.full_name,
        phone="13800138000",
        id_number=officer.id_number,
    )
    changes = record_history(officer)[0].changes
    assert [(c.field, c.old, c.new) for c in changes] == [("手机号", "••••", "••••")]


def test_the_audit_page_is_for_administrators_only(login_as):
    assert login_as("chief1").get("/audit/").status_code == 403
    assert login_as("admin").get("/audit/").status_code == 200


def test_the_audit_page_searches_access_events_by_actor(login_as, staff):
    access_event_record(
        actor=staff["chief1"],
        action="view_full",
        target_type="accounts.user",
        target_ids=[staff["officer1"].pk],
        reason="核查一",
    )
    access_event_record(
        actor=staff["chief2"],
        action="export",
        target_type="accounts.user",
        target_ids=[1, 2],
        reason="导出二",
    )
    page = login_as("admin").get("/audit/?actor=chief1").content.decode()
    assert "核查一" in page and "导出二" not in page


def test_the_change_tab_lists_recent_changes(login_as, bureau):
    unit = bureau["北门社区"]
    unit_update(actor=None, unit=unit, name="北门新社区", kind=unit.kind, parent=unit.parent)
    page = login_as("admin").get("/audit/?tab=changes").content.decode()
    assert "北门新社区" in page


def test_changes_of_a_sibling_station_stay_out_of_a_station_search(staff, bureau):
    unit = bureau["白云村"]
    unit_update(actor=None, unit=unit, name="白云新村", kind=unit.kind, parent=unit.parent)
    targets = {entry.target for entry in history_search(user=staff["chief1"])}
    assert "白云新村" not in targets


def test_prune_keeps_the_retention_period(staff, settings):
    settings.SHOUWANG_AUDIT_RETENTION_DAYS = 180
    old = access_event_record(
        actor=staff["chief1"], action="export", target_type="x", target_ids=[1], reason="旧"
    )
    recent = access_event_record(
        actor=staff["chief1"], action="export", target_type="x", target_ids=[2], reason="新"
    )
    AccessEvent.objects.filter(pk=old.pk).update(occurred_at=timezone.now() - timedelta(days=181))
    AccessEvent.objects.filter(pk=recent.pk).update(
        occurred_at=timezone.now() - timedelta(days=179)
    )
    deleted = audit_prune()
    assert deleted["access_events"] == 1
    assert list(AccessEvent.objects.values_list("reason", flat=True)) == ["新"]


def test_retention_shorter_than_180_days_is_refused(db, settings):
    settings.SHOUWANG_AUDIT_RETENTION_DAYS = 90
    with pytest.raises(ImproperlyConfigured):
        audit_prune()
