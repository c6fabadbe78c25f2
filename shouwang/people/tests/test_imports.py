from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from shouwang.audit.history import record_history
from shouwang.people.models import (
    ImportJob,
    ImportRow,
    ImportStatus,
    Person,
    TravelRecord,
    WatchRecord,
)
from shouwang.people.rejected import rejected_rows_response
from shouwang.people.services import (
    import_job_create,
    import_job_request_apply,
    person_update,
    watch_record_set_status,
)

from .factories import (
    WUHAN_DISTRICT,
    id_number,
    key_area_wuhan,
    register,
    wrong_checksum,
    xlsx_file,
)

ID_A = id_number(region=WUHAN_DISTRICT, sequence="111")
ID_B = id_number(region=WUHAN_DISTRICT, sequence="112")
ID_C = id_number(sequence="135")


def _rows():
    return [
        ["張三", ID_A, "13800000001", "北门社区1号", "湖北省武汉市", "2020-01-22", "重点地区来人"],
        ["李四", ID_B, "13800000002", "北门社区2号", "湖北武汉", date(2020, 1, 23), "密接"],
        ["王五", wrong_checksum(ID_C), "13800000003", "", "", "2020-02-30", "返乡"],
        ["赵六", "", "", "", "", "", ""],
        ["张三", ID_A, "13800000001", "", "", "", ""],
    ]


def _import(actor, content, name="名单.xlsx"):
    # The test settings run tasks inside enqueue(): the job comes back validated.
    return import_job_create(actor=actor, filename=name, content=content)


def test_preview_counts_new_matched_conflicts_rejected_with_row_and_column(staff):
    officer = staff["officer1"]
    register(officer, name="李四", id_number=ID_B)  # matched
    register(officer, name="孙七", id_number=id_number(sequence="157"))
    rows = [*_rows(), ["钱八", id_number(sequence="157"), "", "", "", "", ""]]  # conflict
    job = _import(officer, xlsx_file(rows))
    assert job.status == ImportStatus.PREVIEW
    assert (job.new_count, job.matched_count, job.conflict_count, job.rejected_count) == (
        1,
        1,
        1,
        3,
    )
    messages = dict(ImportRow.objects.filter(job=job).values_list("row_number", "message"))
    assert messages[4] == "第4行“身份证号”列：身份证号校验位错误；第4行“到达日期”列：日期不存在"
    assert messages[5] == "第5行“身份证号”列：身份证号和手机号至少填写一项"
    assert messages[6] == "第6行：与第2行是同一人，重复"
    assert messages[7].startswith("第7行“身份证号”列：该身份证号已登记为“孙七”")
    assert Person.objects.count() == 2  # nothing applied before confirmation


def test_apply_creates_people_watch_records_travel_and_flags(staff):
    officer = staff["officer1"]
    area = key_area_wuhan(staff["commander"])
    existing = register(officer, name="李四", id_number=ID_B)
    job = _import(officer, xlsx_file(_rows()))
    job = import_job_request_apply(actor=officer, job=job)
    assert job.status == ImportStatus.APPLIED
    assert (job.new_count, job.matched_count) == (1, 1)
    new = Person.objects.get(
        id_number_index=Person.objects.exclude(pk=existing.pk).get().id_number_index
    )
    assert (new.name, new.id_number, new.flagged_area) == ("张三", ID_A, area)
    assert WatchRecord.objects.filter(import_job=job).count() == 2
    assert WatchRecord.objects.get(person=existing).reason == "close_contact"
    assert TravelRecord.objects.get(person=new).arrived_on == date(2020, 1, 22)
    existing.refresh_from_db()
    assert existing.flagged_area == area


def test_imported_rows_get_their_creation_entry_at_the_first_change(staff):
    officer, chief = staff["officer1"], staff["chief1"]
    job = import_job_request_apply(actor=officer, job=_import(officer, xlsx_file(_rows())))
    person = Person.objects.get(name="张三")
    watch = WatchRecord.objects.get(import_job=job, person=person)
    assert (person.history.count(), watch.history.count()) == (0, 0)
    (shown,) = record_history(person)
    assert (shown.kind, shown.who, shown.when) == ("新建", str(officer), person.created_at)

    person_update(actor=chief, person=person, workplace="县医院")
    watch_record_set_status(actor=chief, record=watch, status="verified", note="已电话核实")

    entries = [
        (h.history_type, h.history_user_id, h.history_change_reason, h.workplace, h.history_date)
        for h in person.history.order_by("history_id")
    ]
    assert entries[0] == ("+", officer.pk, "名单导入", "", person.created_at)
    assert entries[1][:4] == ("~", chief.pk, None, "县医院")
    assert [(h.history_type, h.status) for h in watch.history.order_by("history_id")] == [
        ("+", "open"),
        ("~", "verified"),
    ]
    (change, _creation) = record_history(person)
    assert [(c.field, c.old, c.new) for c in change.changes] == [("工作单位", "", "县医院")]


def test_the_same_file_twice_adds_nothing(staff):
    officer = staff["officer1"]
    content = xlsx_file(_rows())
    job = _import(officer, content)
    import_job_request_apply(actor=officer, job=job)
    counts = (Person.objects.count(), WatchRecord.objects.count(), TravelRecord.objects.count())
    again = _import(officer, content, name="名单(1).xlsx")
    assert again.pk == job.pk
    with pytest.raises(ValidationError):
        import_job_request_apply(actor=officer, job=again)
    assert (
        Person.objects.count(),
        WatchRecord.objects.count(),
        TravelRecord.objects.count(),
    ) == counts
    assert ImportJob.objects.count() == 1


def test_apply_failure_rolls_everything_back(staff, monkeypatch):
    officer = staff["officer1"]
    job = _import(officer, xlsx_file(_rows()))

    def broken(*args, **kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr("shouwang.people.services.import_apply._add_watch_and_travel", broken)
    job = import_job_request_apply(actor=officer, job=job)
    assert job.status == ImportStatus.FAILED
    assert job.error == "导入失败，未写入任何数据：磁盘已满"
    assert Person.objects.count() == 0 and WatchRecord.objects.count() == 0


def test_missing_columns_fail_the_job_and_are_named(staff):
    content = xlsx_file([["张三", "13800000001"]], headers=["姓名", "手机号"])
    job = import_job_create(actor=staff["officer1"], filename="a.xlsx", content=content)
    assert (job.status, job.error) == (
        ImportStatus.FAILED,
        "工作表“名单”第1行缺少必需的列：身份证号",
    )
    assert ImportRow.objects.count() == 0


def test_a_wrong_sheet_fails_the_job(staff):
    content = xlsx_file([["x", "y"]], headers=["序号", "备注"], sheet="统计")
    job = import_job_create(actor=staff["officer1"], filename="a.xlsx", content=content)
    assert (job.status, job.error) == (
        ImportStatus.FAILED,
        "未找到名单：各工作表（统计）的前10行都没有“姓名”列，请使用导入模板",
    )


def test_csv_in_gb18030_is_read(staff):
    text = f"姓名,身份证号,手机号\n張三,{ID_A},13800000001\n"
    job = _import(staff["officer1"], text.encode("gb18030"), name="list.csv")
    assert (job.status, job.new_count) == (ImportStatus.PREVIEW, 1)


def test_rejected_rows_download_has_a_reason_column(staff):
    officer = staff["officer1"]
    job = _import(officer, xlsx_file(_rows()))
    response = rejected_rows_response(officer, job)
    sheet = load_workbook(BytesIO(response.getvalue())).active
    values = list(sheet.values)
    assert values[0][-2:] == ("原行号", "拒绝原因")
    assert [row[-2] for row in values[1:]] == [4, 5, 6]
    assert values[1][0] == "王五"


def test_health_liaison_cannot_import(staff):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_job_create(actor=staff["health1"], filename="a.xlsx", content=xlsx_file(_rows()))


def test_an_interrupted_validation_resumes_where_it_stopped(staff, monkeypatch):
    from django.core.management import call_command

    from shouwang.people.services import imports

    officer = staff["officer1"]
    rows = [[f"人员{n}", id_number(sequence=f"{n:03d}"), "", "", "", "", ""] for n in range(1, 8)]
    rows[5] = rows[0]  # sheet row 7 repeats row 2, which was checked before the interruption
    monkeypatch.setattr(imports, "CHUNK_ROWS", 3)
    original = imports._process_chunk
    calls = []

    def crash_after_first_chunk(job, rows, stop, seen_before):
        calls.append(stop)
        if len(calls) == 2:
            raise RuntimeError("服务器重启")
        original(job, rows, stop, seen_before)

    monkeypatch.setattr(imports, "_process_chunk", crash_after_first_chunk)
    # The validation task dies in its second chunk (the task fails; the job row stays).
    job = import_job_create(actor=officer, filename="big.xlsx", content=xlsx_file(rows))
    assert (job.status, job.processed_rows, job.new_count) == (ImportStatus.VALIDATING, 3, 3)
    monkeypatch.setattr(imports, "_process_chunk", original)
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=None)
    call_command("worker", "--batch", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.processed_rows, job.new_count, job.rejected_count) == (
        ImportStatus.PREVIEW,
        7,
        6,
        1,
    )
    assert ImportRow.objects.filter(job=job).count() == 7
    assert ImportRow.objects.get(job=job, row_number=7).message == "第7行：与第2行是同一人，重复"


@pytest.fixture
def database_queue(settings, monkeypatch):
    """The production backend: tasks wait in the database until `manage.py worker` runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker drops connections left outside autocommit, as a test's transaction is.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


def test_an_upload_only_enqueues_and_the_worker_validates_and_applies(
    api_as, staff, database_queue, monkeypatch
):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from shouwang.people.services import import_reader

    client = api_as("officer1")
    parse = import_reader.read_bounded
    monkeypatch.setattr(import_reader, "read_bounded", lambda *a, **k: pytest.fail("parsed"))
    body = client.post(
        "/api/v1/imports/people", {"file": SimpleUploadedFile("名单.xlsx", xlsx_file(_rows()))}
    ).json()
    assert (body["status"], body["total_rows"], body["new"]) == ("pending", 0, 0)
    (queued,) = DBTaskResult.objects.values_list("task_path", "status", "args_kwargs")
    assert queued == (
        "shouwang.people.tasks.validate_import",
        "READY",
        {"args": [], "kwargs": {"job_id": body["id"]}},
    )

    monkeypatch.setattr(import_reader, "read_bounded", parse)
    call_command("worker", "--batch", verbosity=0)
    job = client.get(f"/api/v1/imports/{body['id']}").json()
    assert (job["status"], job["total_rows"], job["new"], job["rejected"]) == (
        "preview",
        5,
        2,
        3,
    )
    assert client.post(f"/api/v1/imports/{body['id']}/apply").json()["status"] == "applying"
    assert Person.objects.count() == 0
    call_command("worker", "--batch", verbosity=0)
    assert client.get(f"/api/v1/imports/{body['id']}").json()["status"] == "applied"
    assert Person.objects.count() == 2
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"] * 2


def _die_mid_task(job):
    """What a killed worker leaves: its task claimed for good, the job half done and quiet."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    long_ago = timezone.now() - timedelta(minutes=10)
    DBTaskResult.objects.ready().update(status="RUNNING", started_at=long_ago)
    ImportJob.objects.filter(pk=job.pk).update(status="validating", heartbeat_at=long_ago)


def test_the_worker_re_enqueues_a_job_whose_worker_died(staff, database_queue):
    from django.core.management import call_command

    job = import_job_create(actor=staff["officer1"], filename="a.xlsx", content=xlsx_file(_rows()))
    _die_mid_task(job)
    call_command("worker", "--batch", verbosity=0)  # finds it stalled, re-enqueues, runs it
    job.refresh_from_db()
    assert (job.status, job.new_count, job.rejected_count) == (ImportStatus.PREVIEW, 2, 3)


def test_a_job_whose_worker_died_three_times_fails_instead_of_looping(staff, database_queue):
    from django.core.management import call_command

    from shouwang.people.tasks import validate_import

    job = import_job_create(actor=staff["officer1"], filename="a.xlsx", content=xlsx_file(_rows()))
    _die_mid_task(job)
    for _again in range(2):
        validate_import.enqueue(job_id=job.pk)
        _die_mid_task(job)
    call_command("worker", "--batch", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.error) == (
        ImportStatus.FAILED,
        "后台处理中断3次，已停止，未写入任何人员：请重新上传该文件",
    )


def test_a_fresh_or_queued_job_is_left_alone_by_the_recovery(staff, database_queue):
    from django_tasks_db.models import DBTaskResult

    from shouwang.people.services.imports import import_jobs_resume_stalled

    job = import_job_create(actor=staff["officer1"], filename="a.xlsx", content=xlsx_file(_rows()))
    assert import_jobs_resume_stalled() == 0  # heartbeat fresh
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=None)
    assert import_jobs_resume_stalled() == 0  # its task still waits in the queue
    assert DBTaskResult.objects.count() == 1


def test_no_parsed_table_stays_in_memory_after_the_tasks(staff):
    import gc

    from shouwang.people.services.import_reader import Table

    officer = staff["officer1"]
    import_job_request_apply(actor=officer, job=_import(officer, xlsx_file(_rows())))
    gc.collect()
    assert [o for o in gc.get_objects() if isinstance(o, Table)] == []
