"""The hostile-file corpus through the import page and POST /api/v1/imports/people.

A file the container check can judge is refused with 422 before anything parses it (the parser
is replaced by one that fails the test); a file that only the parse can judge becomes a failed
job with its Chinese reason, the parse having run in a memory-limited child. Either way this
process's peak memory barely moves.
"""

import resource

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shouwang.people.models import ImportJob, ImportStatus
from shouwang.shell.tests import hostile_files

REFUSED_BEFORE_PARSING = {
    hostile_files.dimension_bomb: "工作表“名单”范围达1048576行×16384列，超过上限"
    "（最多200000行、256列），请删除多余的行列或分成几个文件",
    hostile_files.zip_bomb: "工作簿解压后过大（1024MB，压缩比1011倍），疑似压缩炸弹，拒绝读取",
    hostile_files.formula_workbook: "工作表“Sheet”含有公式：请全选后复制，"
    "“选择性粘贴→数值”，保存后再上传",
    hostile_files.png_renamed: "文件内容不是 Excel 或 WPS 工作簿（可能只是改了扩展名），"
    "请另存为 xlsx 后上传",
    hostile_files.zip_of_photos: "压缩包不是 Excel 或 WPS 工作簿，请上传 xlsx、ods 或 csv 文件",
    hostile_files.binary_csv: "csv 文件含有二进制内容，不是文本表格，请另存为 UTF-8 编码的 csv",
    hostile_files.wide_row: "工作表“名单”范围达2行×16384列，超过上限"
    "（最多200000行、256列），请删除多余的行列或分成几个文件",
}
FAILED_IN_THE_WORKER = {
    hostile_files.undeclared_dimension_bomb: "工作表“名单”范围达1048576行×16384列，超过上限"
    "（最多200000行、256列），请删除多余的行列或分成几个文件",
    hostile_files.sparse_bomb: "文件超出读取限制（内存2048MB），可能已损坏或含大量空白行列，"
    "请另存后重试",
    (lambda: hostile_files.wide_row(declared=False)): "工作表“名单”范围达2行×20000列，"
    "超过上限（最多200000行、256列），请删除多余的行列或分成几个文件",
    hostile_files.wide_csv: "工作表“CSV”范围达2行×20000列，超过上限"
    "（最多200000行、256列），请删除多余的行列或分成几个文件",
    hostile_files.huge_cell_xlsx: "工作表“名单”第2行第1列的内容超过32767个字符",
    hostile_files.huge_cell_csv: "csv 第2行格式错误或单元格超过32767个字符",
}
MAX_GROWTH_KB = 150 * 1024  # the 10 MB cell itself passes through this process as the upload


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


@pytest.fixture
def no_parsing(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the upload was parsed")

    monkeypatch.setattr("shouwang.people.services.import_reader.read_bounded", fail)


def _api_upload(api_as, filename, content):
    return api_as("officer1").post(
        "/api/v1/imports/people", {"file": SimpleUploadedFile(filename, content)}
    )


def _page_upload(login_as, filename, content):
    return login_as("officer1").post(
        reverse("people:import_new"),
        {"file": SimpleUploadedFile(filename, content), "source": "department_list"},
    )


@pytest.mark.parametrize("build", REFUSED_BEFORE_PARSING, ids=lambda build: build.__name__)
def test_the_api_refuses_a_hostile_file_with_422_before_parsing(api_as, staff, no_parsing, build):
    filename, content = build()
    before = _peak_kb()
    response = _api_upload(api_as, filename, content)
    assert response.status_code == 422
    assert response.json() == {
        "detail": "输入有误",
        "errors": [{"field": "file", "message": REFUSED_BEFORE_PARSING[build]}],
    }
    assert ImportJob.objects.count() == 0
    assert _peak_kb() - before < MAX_GROWTH_KB


@pytest.mark.parametrize("build", REFUSED_BEFORE_PARSING, ids=lambda build: build.__name__)
def test_the_page_refuses_a_hostile_file_with_its_reason(login_as, staff, no_parsing, build):
    filename, content = build()
    response = _page_upload(login_as, filename, content)
    assert response.status_code == 422
    assert response.context["form"].errors == {"file": [REFUSED_BEFORE_PARSING[build]]}
    assert ImportJob.objects.count() == 0


@pytest.mark.parametrize("build", FAILED_IN_THE_WORKER, ids=lambda build: build.__name__)
def test_a_file_only_the_parse_can_judge_fails_its_job_in_the_worker(api_as, staff, build):
    filename, content = build()
    before = _peak_kb()
    response = _api_upload(api_as, filename, content)
    assert response.status_code == 201
    assert (response.json()["status"], response.json()["error"]) == (
        "failed",
        FAILED_IN_THE_WORKER[build],
    )
    job = ImportJob.objects.get()
    assert (job.status, job.total_rows, job.rows.count()) == (ImportStatus.FAILED, 0, 0)
    assert _peak_kb() - before < MAX_GROWTH_KB


def test_the_page_shows_the_worker_reason_for_a_file_only_the_parse_can_judge(login_as, staff):
    filename, content = hostile_files.sparse_bomb()
    response = _page_upload(login_as, filename, content)
    job = ImportJob.objects.get()
    assert response.url == reverse("people:import_detail", args=[job.pk])
    page = login_as("officer1").get(response.url).content.decode()
    assert FAILED_IN_THE_WORKER[hostile_files.sparse_bomb] in page
    assert job.status == ImportStatus.FAILED
