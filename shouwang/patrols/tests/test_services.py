from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shouwang.cases.models import Case, CaseKind
from shouwang.intake.models import Report
from shouwang.patrols.models import (
    FindingKind,
    InspectionStatus,
    PostInspection,
    VehicleKind,
    VehicleStatus,
)
from shouwang.patrols.services import (
    finding_record,
    flight_record,
    patrol_end,
    post_inspection_close,
    post_inspection_record,
    post_inspection_report,
    vehicle_set_status,
)

from . import factories as f

pytestmark = pytest.mark.django_db


def test_a_car_patrol_takes_its_car_and_gives_it_back(staff):
    chief, officer = staff["chief1"], staff["officer1"]
    car = f.vehicle(chief)
    patrol = f.patrol(officer, kind="car", vehicle=car, officers=[staff["auxiliary1"]])
    car.refresh_from_db()
    assert car.status == VehicleStatus.ON_PATROL
    assert sorted(u.username for u in patrol.officers.all()) == ["auxiliary1", "officer1"]
    with pytest.raises(ValidationError) as refused:
        f.patrol(officer, kind="car", vehicle=car)
    assert "vehicle" in refused.value.message_dict
    patrol_end(actor=officer, patrol=patrol)
    car.refresh_from_db()
    assert car.status == VehicleStatus.IN_SERVICE
    assert [h.status for h in car.history.order_by("history_id")] == [
        "in_service",
        "on_patrol",
        "in_service",
    ]


def test_a_drone_patrol_needs_a_drone_and_records_its_flights(staff):
    chief = staff["chief1"]
    car = f.vehicle(chief)
    drone = f.vehicle(chief, kind=VehicleKind.DRONE, code="UAV-01")
    with pytest.raises(ValidationError):
        f.patrol(chief, kind="drone", vehicle=car)
    patrol = f.patrol(chief, kind="drone", vehicle=drone)
    flight = flight_record(
        actor=chief,
        patrol=patrol,
        took_off_at=timezone.now() - timedelta(minutes=10),
        area="封控小区上空",
        broadcast_text="请居民不要外出，不要聚集。",
    )
    assert flight.drone == drone and flight.pilot == chief
    assert patrol.flights.get().broadcast_text == "请居民不要外出，不要聚集。"


def test_maintenance_needs_a_reason(staff):
    car = f.vehicle(staff["chief1"])
    with pytest.raises(ValidationError):
        vehicle_set_status(actor=staff["chief1"], vehicle=car, status="maintenance")
    vehicle_set_status(actor=staff["chief1"], vehicle=car, status="maintenance", reason="换胎")
    car.refresh_from_db()
    assert (car.status, car.status_reason) == ("maintenance", "换胎")


def test_a_violation_opens_a_case_linked_both_ways(staff):
    officer = staff["officer1"]
    patrol = f.patrol(officer)
    finding = finding_record(
        actor=officer,
        patrol=patrol,
        kind=FindingKind.VIOLATION,
        note="夜间麻将馆聚众赌博，8人",
        people_count=8,
        case_kind=CaseKind.GAMBLING_GATHERING,
    )
    case = Case.objects.get()
    assert finding.case == case
    assert case.source == finding
    assert case.source_type == ContentType.objects.get_for_model(finding)
    assert case.kind == CaseKind.GAMBLING_GATHERING
    assert case.unit == patrol.unit
    assert list(case.patrol_findings.all()) == [finding]


def test_a_tip_becomes_an_intake_report(staff):
    officer = staff["officer1"]
    patrol = f.patrol(officer)
    finding = finding_record(
        actor=officer, patrol=patrol, kind=FindingKind.TIP, note="有人自武汉返回未报备"
    )
    report = Report.objects.get()
    assert finding.report == report
    assert report.type == "tip" and report.unit == patrol.unit
    assert "有人自武汉返回未报备" in report.text
    assert list(report.patrol_findings.all()) == [finding]


def test_an_auxiliary_records_findings_but_opens_no_tip(staff):
    auxiliary = staff["auxiliary1"]
    patrol = f.patrol(auxiliary)
    finding_record(
        actor=auxiliary,
        patrol=patrol,
        kind=FindingKind.CROWD_DISPERSED,
        note="劝散",
        people_count=12,
    )
    with pytest.raises(ValidationError) as refused:
        finding_record(actor=auxiliary, patrol=patrol, kind=FindingKind.TIP, note="线索")
    assert "kind" in refused.value.message_dict
    assert Report.objects.count() == 0


def test_a_finding_outside_the_patrol_is_refused(staff):
    patrol = f.patrol(staff["officer1"], minutes_ago=30)
    with pytest.raises(ValidationError) as refused:
        finding_record(
            actor=staff["officer1"],
            patrol=patrol,
            kind=FindingKind.OTHER,
            note="x",
            occurred_at=timezone.now() - timedelta(hours=2),
        )
    assert "occurred_at" in refused.value.message_dict


def test_an_inspection_is_followed_to_closure(staff, bureau):
    chief = staff["chief1"]
    post = f.checkpoint(bureau["城关东出口卡点"])
    checklist = {
        "staffing": (False, "应3人实到1人"),
        "gear": (True, ""),
        "duty_records": (True, ""),
    }
    with pytest.raises(ValidationError) as refused:
        post_inspection_record(actor=chief, checkpoint=post, checklist=checklist)
    assert "deadline" in refused.value.message_dict
    today = timezone.localdate()
    inspection = post_inspection_record(
        actor=chief, checkpoint=post, checklist=checklist, deadline=today, staff_present=1
    )
    assert inspection.status == InspectionStatus.RECTIFYING
    assert inspection.findings == "在岗人数：应3人实到1人"
    assert not inspection.is_overdue(today)
    assert inspection.is_overdue(today + timedelta(days=1))
    post_inspection_report(actor=chief, inspection=inspection, rectification="已增派2名辅警")
    with pytest.raises(ValidationError):
        post_inspection_close(actor=chief, inspection=inspection, accepted=False)
    post_inspection_close(
        actor=chief,
        inspection=inspection,
        accepted=False,
        note="夜班仍缺1人",
        deadline=today + timedelta(days=2),
    )
    post_inspection_report(actor=chief, inspection=inspection, rectification="夜班补齐")
    post_inspection_close(actor=chief, inspection=inspection, accepted=True, note="复查到位")
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.CLOSED
    assert [h.status for h in inspection.history.order_by("history_id")] == [
        "rectifying",
        "reported",
        "rectifying",
        "reported",
        "closed",
    ]


def test_an_inspection_without_problems_passes(staff, bureau):
    post = f.checkpoint(bureau["城关东出口卡点"])
    inspection = post_inspection_record(
        actor=staff["commander"], checkpoint=post, checklist={"staffing": (True, "")}
    )
    assert (inspection.status, inspection.deadline) == (InspectionStatus.PASSED, None)


def test_a_sibling_chief_cannot_inspect_or_patrol_here(staff, bureau):
    post = f.checkpoint(bureau["城关东出口卡点"])
    with pytest.raises(PermissionDenied):
        post_inspection_record(
            actor=staff["chief2"], checkpoint=post, checklist={"staffing": (True, "")}
        )
    assert PostInspection.objects.count() == 0
