"""A visit reporting a key-area arrival or symptoms makes one watch record, linked both ways."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shouwang.community.models import HouseholdMember, Visit, VisitFinding
from shouwang.community.selectors.coverage import campaign_coverage
from shouwang.community.services import Finding
from shouwang.people.models import Person, WatchReason, WatchRecord, WatchSource
from shouwang.people.tests.factories import WUHAN_DISTRICT

from .factories import campaign, household, id_number, visit

ARRIVAL_ID = id_number(region=WUHAN_DISTRICT, sequence="211")


@pytest.fixture
def setting(bureau, staff):
    chief = staff["chief1"]
    home = household(
        chief,
        bureau["北门社区"],
        "34号楼",
        "2单元",
        "601",
        members=[{"name": "陈晓", "id_number": ARRIVAL_ID, "relation": "子女"}],
    )
    return home, campaign(chief, [bureau["城关派出所"]])


def _arrival(name="陈晓", number=ARRIVAL_ID, **fields):
    fields.setdefault("from_region_code", "420100")
    fields.setdefault("arrived_on", timezone.localdate() - timedelta(days=2))
    return Finding(reason=WatchReason.KEY_AREA_ARRIVAL, name=name, id_number=number, **fields)


def test_a_key_area_arrival_becomes_one_watch_record_of_household_screening(setting, staff):
    home, drive = setting
    first = visit(staff["officer1"], drive, home, findings=[_arrival()])

    record = WatchRecord.objects.get()
    assert (record.reason, record.source, record.origin_region_code) == (
        WatchReason.KEY_AREA_ARRIVAL,
        WatchSource.HOUSEHOLD_SCREENING,
        "420100",
    )
    assert record.unit.name == "城关派出所"
    assert record.person.id_number == ARRIVAL_ID and record.person.name == "陈晓"
    # Linked both ways: the visit's finding names the record, the record its findings.
    assert list(record.screening_findings.values_list("visit", flat=True)) == [first.pk]
    # The household member is now the registry's person.
    assert HouseholdMember.objects.get().person == record.person


def test_a_second_visit_reporting_the_same_person_links_the_same_record(setting, staff):
    home, drive = setting
    visit(staff["officer1"], drive, home, findings=[_arrival()])
    visit(
        staff["auxiliary1"],
        drive,
        home,
        findings=[_arrival(name="陳曉")],  # typed in Traditional: the ID decides
    )

    assert WatchRecord.objects.count() == 1 and Person.objects.count() == 1
    assert set(VisitFinding.objects.values_list("watch_record", flat=True)) == {
        WatchRecord.objects.get().pk
    }
    assert campaign_coverage(drive, user=staff["chief1"]).watched_found == 1


def test_someone_already_watched_from_a_list_is_linked_not_watched_twice(setting, staff):
    from shouwang.people.services import person_register, watch_record_create

    home, drive = setting
    person = person_register(
        actor=staff["chief1"], unit=staff["chief1"].unit, name="陈晓", id_number=ARRIVAL_ID
    )
    listed = watch_record_create(
        actor=staff["chief1"],
        person=person,
        reason=WatchReason.KEY_AREA_ARRIVAL,
        source=WatchSource.DEPARTMENT_LIST,
    )

    visit(staff["officer1"], drive, home, findings=[_arrival()])

    assert list(WatchRecord.objects.all()) == [listed]
    assert VisitFinding.objects.get().watch_record == listed


def test_someone_reported_without_an_id_is_matched_by_name_in_the_same_household(setting, staff):
    home, drive = setting
    fever = Finding(reason=WatchReason.FEVER, name="王婆婆", note="发热38.2℃")
    visit(staff["officer1"], drive, home, findings=[fever])
    visit(staff["officer1"], drive, home, findings=[fever])

    record = WatchRecord.objects.get()
    assert (record.reason, record.person.name) == (WatchReason.FEVER, "王婆婆")
    assert VisitFinding.objects.filter(watch_record=record).count() == 2


def test_a_bad_finding_refuses_the_whole_visit(setting, staff):
    home, drive = setting
    with pytest.raises(ValidationError) as refused:
        visit(
            staff["officer1"],
            drive,
            home,
            findings=[_arrival(number="420102199001011234", from_region_code="999999")],
        )
    assert set(refused.value.message_dict) == {
        "findings.0.id_number",
        "findings.0.from_region_code",
    }
    assert not Visit.objects.exists() and not WatchRecord.objects.exists()
