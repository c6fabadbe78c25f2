"""Household imports: per-row verdicts with their reasons, and re-runs that add nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouwang.community.models import (
    Building,
    Household,
    HouseholdImportRow,
    HouseholdMember,
    ImportStatus,
    RowOutcome,
)
from shouwang.community.services import (
    household_import_create,
    household_import_request_apply,
)
from shouwang.people.tests.factories import register, wrong_checksum

from .factories import IMPORT_HEADERS, household, id_number, xlsx_file

ID_A = id_number(sequence="411")
ID_B = id_number(sequence="412")


def _rows():
    return [
        ["北门社区", "34号楼", "2单元", "601", "", "张三", ID_A, "13800000000", "户主", "陕K12345"],
        ["北门社区", "34号楼", "2单元", "601", "", "李四", "", "", "配偶", ""],
        ["北门社区", "34号楼", "2单元", "602", "", "", "", "", "", ""],
        ["南关社区", "5号楼", "", "101", "南关社区5号楼101", "王五", ID_B, "", "", ""],
        ["白云村", "3组", "", "12", "", "赵六", "", "", "", ""],  # a sibling station's village
        ["北门社区", "", "1单元", "", "", "钱七", wrong_checksum(ID_A), "", "", ""],
        ["北门社区", "34号楼", "2单元", "601", "", "张三", ID_A, "", "", ""],  # repeated
    ]


def _import(actor, rows, name="住户.xlsx"):
    # The test settings run tasks inside enqueue(): the job comes back validated.
    return household_import_create(
        actor=actor, filename=name, content=xlsx_file(rows, headers=IMPORT_HEADERS)
    )


def test_the_preview_gives_each_row_its_verdict_and_reasons(staff):
    job = _import(staff["officer1"], _rows())

    assert job.status == ImportStatus.PREVIEW
    assert (job.new_count, job.added_count, job.unchanged_count, job.rejected_count) == (3, 1, 0, 3)
    verdicts = {row.row_number: (row.outcome, row.message) for row in job.rows.all()}
    assert [verdicts[n][0] for n in range(2, 9)] == [
        RowOutcome.NEW,
        RowOutcome.ADDED,
        RowOutcome.NEW,
        RowOutcome.NEW,
        RowOutcome.REJECTED,
        RowOutcome.REJECTED,
        RowOutcome.REJECTED,
    ]
    assert "第6行“社区/村”列：“白云村”不是本单位辖区内的社区或村" in verdicts[6][1]
    assert "第7行“楼栋”列：请填写楼栋" in verdicts[7][1]
    assert "第7行“房号”列" in verdicts[7][1] and "第7行“身份证号”列" in verdicts[7][1]
    assert verdicts[8][1] == "第8行：与第2行是同一户的同一人，重复"
    assert not Household.objects.exists()  # nothing written before the apply


def test_applying_writes_buildings_households_and_residents_linked_to_the_registry(staff):
    officer = staff["officer1"]
    person = register(officer, name="张三", id_number=ID_A)
    job = household_import_request_apply(actor=officer, job=_import(officer, _rows()))

    assert job.status == ImportStatus.APPLIED
    assert (job.new_count, job.added_count) == (3, 3)
    assert sorted(Building.objects.values_list("name", flat=True)) == ["34号楼", "5号楼"]
    assert sorted(Household.objects.values_list("room", "plates")) == [
        ("101", []),
        ("601", ["陕K12345"]),
        ("602", []),
    ]
    assert sorted(HouseholdMember.objects.values_list("name", "person_id")) == [
        ("张三", person.pk),
        ("李四", None),
        ("王五", None),
    ]
    assert Household.objects.get(room="601").address_text == "北门社区34号楼2单元601"


def test_the_same_file_twice_adds_nothing(staff):
    officer = staff["officer1"]
    first = household_import_request_apply(actor=officer, job=_import(officer, _rows()))
    before = (Household.objects.count(), HouseholdMember.objects.count(), Building.objects.count())

    again = _import(officer, _rows())

    assert again.pk == first.pk and again.status == ImportStatus.APPLIED
    assert (
        Household.objects.count(),
        HouseholdMember.objects.count(),
        Building.objects.count(),
    ) == before


def test_a_second_list_repeating_the_first_finds_everything_already_there(staff):
    officer = staff["officer1"]
    household_import_request_apply(actor=officer, job=_import(officer, _rows()))
    before = (Household.objects.count(), HouseholdMember.objects.count())

    # The same rows with one more resident, in another file (another name, another hash).
    rows = [*_rows()[:4], ["北门社区", "34号楼", "2单元", "602", "", "孙八", "", "", "", ""]]
    job = _import(officer, rows, name="住户（补充）.xlsx")
    assert (job.new_count, job.added_count, job.unchanged_count) == (0, 1, 4)
    household_import_request_apply(actor=officer, job=job)

    assert (Household.objects.count(), HouseholdMember.objects.count()) == (
        before[0],
        before[1] + 1,
    )


def test_a_household_registered_by_hand_after_the_preview_is_not_added_again(bureau, staff):
    officer = staff["officer1"]
    job = _import(officer, _rows())
    household(officer, bureau["北门社区"], "34号楼", "2单元", "602")

    job = household_import_request_apply(actor=officer, job=job)

    assert job.status == ImportStatus.APPLIED
    assert Household.objects.filter(room="602").count() == 1


def test_a_file_without_the_template_columns_fails_with_the_reason(staff):
    content = xlsx_file([["北门社区", "1"]], headers=["社区/村", "楼栋"])
    job = household_import_create(actor=staff["officer1"], filename="x.xlsx", content=content)
    assert job.status == ImportStatus.FAILED
    assert "缺少必需的列：房号" in job.error


def test_a_hostile_file_is_refused_before_a_job_exists(staff):
    with pytest.raises(ValidationError):
        household_import_create(
            actor=staff["officer1"], filename="x.xlsx", content=b"PK\x03\x04junk"
        )
    assert not HouseholdImportRow.objects.exists()


def test_who_may_import(staff):
    rows = xlsx_file(_rows(), headers=IMPORT_HEADERS)
    for username in ("auxiliary1", "volunteer1", "commander"):
        with pytest.raises(PermissionDenied):
            household_import_create(actor=staff[username], filename="x.xlsx", content=rows)


def test_a_job_whose_worker_died_is_taken_up_again(staff):
    from shouwang.community.models import HouseholdImportJob
    from shouwang.community.services.imports import household_imports_resume_stalled

    job = _import(staff["officer1"], _rows())
    # As a worker killed mid-validation leaves it: validating, silent for minutes.
    HouseholdImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.VALIDATING, heartbeat_at=None, processed_rows=3
    )

    assert household_imports_resume_stalled() == 1

    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEW
    assert job.rows.count() == 7  # started over: each row judged once
