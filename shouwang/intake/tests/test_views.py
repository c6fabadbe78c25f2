"""The pages: residents' forms with their challenge, the queue, one report and its actions,
the export; everything a resident typed rendered inert on every staff page."""

import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from openpyxl import load_workbook

from shouwang.intake.models import Report, ReportPhoto
from shouwang.intake.services import report_assign, report_merge

from .factories import HELP, at_station, captcha_answer, in_progress

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def tip_form(bureau, **changes) -> dict:
    data = {
        "category": "key_area_arrival",
        "text": "34号楼下有辆鄂A牌照的车",
        "place": "北门社区34号楼",
        "plate": "鄂A12345",
        "unit": str(bureau["北门社区"].pk),
        "contact_phone": "13800138000",
        "contact_name": "王女士",
    }
    data.update(changes)
    return data


def test_the_residents_home_offers_help_tip_grievance_and_lookup():
    page = Client().get("/public/").content.decode()
    for text in ("我要求助", "举报线索", "反映诉求", "查询办理进度"):
        assert text in page
    assert "退出" not in page  # no staff frame


def test_a_resident_submits_a_tip_with_the_challenge_and_gets_a_code(bureau):
    client = Client()
    form = client.get("/public/tip/").content.decode()
    assert 'class="captcha"' in form and "北门社区" in form
    response = client.post("/public/tip/", {**tip_form(bureau), **captcha_answer(form)})
    assert response.status_code == 302
    report = Report.objects.get()
    assert response.url == f"/public/status/?code={report.tracking_code}&new=1"
    assert (report.channel, report.unit.name, report.contact_name) == (
        "public_page",
        "北门社区",
        "王女士",
    )
    page = client.get(response.url).content.decode()
    assert report.display_code in page and "待受理" in page and "北门社区" in page


def test_a_wrong_answer_is_refused_and_the_form_keeps_everything_typed(bureau):
    client = Client()
    form = client.get("/public/tip/").content.decode()
    answer = captcha_answer(form)
    typed = tip_form(bureau, text="楼下停着鄂A车\n已经三天了", contact_phone="")
    response = client.post(
        "/public/tip/", {**typed, "captcha_0": answer["captcha_0"], "captcha_1": "999"}
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "验证码不正确" in page
    # The other error is said at once, and nothing typed is lost.
    assert "请填写联系电话，或选择匿名" in page
    assert "楼下停着鄂A车\n已经三天了</textarea>" in page
    for value in ('value="北门社区34号楼"', 'value="鄂A12345"', 'value="王女士"'):
        assert value in page
    assert f'<option value="{bureau["北门社区"].pk}" selected>' in page
    assert re.search(r'value="key_area_arrival"[^>]*checked', page)
    assert Report.objects.count() == 0
    # A challenge answers once: the right answer to the spent one is refused too.
    retry = client.post("/public/tip/", {**tip_form(bureau), **answer})
    assert retry.status_code == 422 and Report.objects.count() == 0


def test_the_page_says_when_the_limit_is_reached(bureau, settings):
    settings.SHOUWANG_INTAKE_PER_ADDRESS_HOUR = 1
    client = Client()
    for expected in (302, 429):
        form = client.get("/public/grievance/").content.decode()
        data = {"category": "living", "text": "暖气不热", "anonymous": "on", **captcha_answer(form)}
        response = client.post("/public/grievance/", data)
        assert response.status_code == expected
    assert "提交过于频繁" in response.content.decode()
    assert "暖气不热" in response.content.decode()


def test_an_upload_that_is_not_a_picture_is_refused_before_storing(bureau):
    client = Client()
    form = client.get("/public/tip/").content.decode()
    fake = io.BytesIO(b"<svg onload=alert(1)></svg>")
    fake.name = "photo.jpg"
    response = client.post(
        "/public/tip/", {**tip_form(bureau), **captcha_answer(form), "photo": fake}
    )
    assert response.status_code == 422
    assert "只能上传 JPG、PNG 或 WebP 格式的照片" in response.content.decode()
    assert ReportPhoto.objects.count() == 0


def test_a_photo_is_verified_stripped_and_shown_to_staff_only(
    bureau, login_as, django_capture_on_commit_callbacks
):
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(picture, format="PNG")
    picture.seek(0)
    picture.name = "现场.png"
    client = Client()
    form = client.get("/public/tip/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/public/tip/", {**tip_form(bureau), **captcha_answer(form), "photo": picture}
        )
    assert response.status_code == 302
    photo = ReportPhoto.objects.get()
    assert (photo.status, photo.content_type, photo.width, photo.height) == (
        "verified",
        "image/jpeg",
        64,
        48,
    )
    url = f"/intake/{photo.report_id}/photo/"
    assert Client().get(url).status_code == 302  # to the login page
    served = login_as("duty1").get(url)
    assert (served.status_code, served["Content-Type"], served["X-Content-Type-Options"]) == (
        200,
        "image/jpeg",
        "nosniff",
    )
    assert login_as("chief2").get(url).status_code == 404


def test_a_broken_picture_ends_rejected_and_never_shown(
    bureau, login_as, django_capture_on_commit_callbacks
):
    broken = io.BytesIO(b"\xff\xd8\xff\xe0" + b"\x00" * 200)
    broken.name = "x.jpg"
    client = Client()
    form = client.get("/public/tip/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/public/tip/", {**tip_form(bureau), **captcha_answer(form), "photo": broken})
    photo = ReportPhoto.objects.get()
    assert photo.status == "rejected"
    assert login_as("duty1").get(f"/intake/{photo.report_id}/photo/").status_code == 404


@pytest.mark.parametrize("field", ["text", "place", "subject_name", "contact_name"])
def test_what_a_resident_types_renders_inert_on_every_staff_page(bureau, staff, login_as, field):
    value = XSS if field in ("text", "place") else "张<b>三</b>"
    report = at_station(bureau, **{field: value})
    duplicate = at_station(bureau, text=XSS, contact_phone="13700000000")
    report_merge(actor=staff["duty1"], report=duplicate, into=report)
    client = login_as("duty1")
    pages = [
        "/intake/?status=all",
        f"/intake/?status=all&q={report.tracking_code}",
        f"/intake/{report.pk}/",
        f"/intake/{duplicate.pk}/",
        f"/intake/{report.pk}/?person=%3Cscript%3E",
    ]
    for url in pages:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<b>三</b>" not in page, url
        assert "<img src=x" not in page, url
    detail = client.get(f"/intake/{report.pk}/").content.decode()
    if field in ("text", "place"):
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in detail
    status = Client().get(f"/public/status/?code={report.tracking_code}").content.decode()
    assert "<script>alert" not in status


def test_a_reply_with_markup_is_shown_as_text_to_the_resident(bureau, staff):
    from shouwang.intake.services import report_reply

    report = at_station(bureau)
    report_reply(actor=staff["duty1"], report=report, reply="已核实<script>x()</script>\n谢谢")
    page = Client().get(f"/public/status/?code={report.tracking_code}").content.decode()
    assert "&lt;script&gt;x()&lt;/script&gt;<br>谢谢" in page


def test_the_queue_shows_urgent_first_overdue_marked_and_who_handles(bureau, staff, login_as):
    tip = at_station(bureau)
    urgent = at_station(bureau, HELP)
    report_assign(actor=staff["duty1"], report=tip)
    Report.objects.filter(pk=urgent.pk).update(due_assign_at=urgent.received_at)
    page = login_as("officer1").get("/intake/?status=open").content.decode()
    assert page.index(f'id="report-{urgent.pk}"') < page.index(f'id="report-{tip.pk}"')
    assert "周敏 处理中" in page
    assert "1 条已超时" in page
    first = login_as("officer1").get("/intake/")
    assert (first.status_code, first.url) == (302, "/intake/?status=open")


def test_the_desk_enters_a_call_and_is_sent_to_the_report(bureau, staff, login_as):
    client = login_as("duty1")
    response = client.post(
        "/intake/new/?type=help",
        {
            "type": "help",
            "channel": "phone",
            "category": "hospital",
            "urgency": "urgent",
            "text": "孩子高烧惊厥，急需送医",
            "place": "城关镇幸福路18号",
            "contact_phone": "13800000001",
            "unit": str(bureau["城关派出所"].pk),
        },
    )
    report = Report.objects.get()
    assert (response.status_code, response.url) == (302, f"/intake/{report.pk}/")
    assert (report.channel, report.urgency, report.created_by.username) == (
        "phone",
        "urgent",
        "duty1",
    )
    refused = client.post(
        "/intake/new/?type=help", {"type": "help", "channel": "phone", "text": "没写完"}
    )
    assert refused.status_code == 422 and "没写完" in refused.content.decode()


def test_actions_on_the_report_page(bureau, staff, login_as):
    report = at_station(bureau)
    client = login_as("duty1")
    assert client.post(f"/intake/{report.pk}/claim/").status_code == 302
    response = client.post(
        f"/intake/{report.pk}/transition/", {"status": "in_progress", "note": "已联系社区"}
    )
    assert response.status_code == 302
    refused = client.post(
        f"/intake/{report.pk}/transition/", {"status": "unfounded", "note": "车主为常住居民"}
    )
    page = refused.content.decode()
    assert refused.status_code == 422
    assert "办结前请填写给群众的答复" in page and "车主为常住居民" in page
    done = client.post(
        f"/intake/{report.pk}/transition/",
        {"status": "unfounded", "note": "车主为常住居民", "reply": "已核实，请放心"},
    )
    assert done.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.reply) == ("unfounded", "已核实，请放心")
    history = client.get(f"/intake/{report.pk}/").content.decode()
    assert "已联系社区" in history and "查无实据" in history


def test_a_second_desk_sees_who_has_the_report(bureau, staff, login_as):
    report = at_station(bureau)
    report_assign(actor=staff["duty1"], report=report)
    response = login_as("officer1").post(f"/intake/{report.pk}/claim/")
    assert response.status_code == 409
    assert "已由周敏处理" in response.content.decode()


def test_merging_by_tracking_code_from_the_page(bureau, staff, login_as):
    first, second = at_station(bureau), at_station(bureau, contact_phone="13700000000")
    client = login_as("duty1")
    response = client.post(f"/intake/{second.pk}/merge/", {"into": first.display_code.lower()})
    assert (response.status_code, response.url) == (302, f"/intake/{first.pk}/")
    second.refresh_from_db()
    assert second.merged_into_id == first.pk
    unknown = client.post(f"/intake/{first.pk}/merge/", {"into": "0000-0000-0000"})
    assert "未找到该线索" in unknown.content.decode()


def test_the_plate_passages_and_matching_people_give_context(bureau, staff, login_as):
    from shouwang.people.services import person_register

    person_register(
        actor=staff["chief1"], unit=bureau["城关派出所"], name="王志强", phone="13812345678"
    )
    report = at_station(bureau, subject_name="王志強")
    page = login_as("officer1").get(f"/intake/{report.pk}/").content.decode()
    assert "鄂A12345 的卡点通行记录" in page and "本局卡点没有该车的通行记录" in page
    assert "王志强" in page and "列为重点人员" in page
    response = login_as("officer1").post(
        f"/intake/{report.pk}/watch/", {"person": _person_id("王志强"), "origin": "湖北省武汉市"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.watch_record.person.name == "王志强"


def _person_id(name: str) -> int:
    from shouwang.people.models import Person

    return Person.objects.get(name=name).pk


def test_the_export_is_posted_and_masks_the_phone(bureau, staff, login_as):
    at_station(bureau)
    client = login_as("duty1")
    assert client.get("/intake/export/?status=all").status_code == 405
    response = client.post("/intake/export/?status=all", {})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert rows[1][header.index("联系电话")] == "138****8000"
    assert rows[1][header.index("车牌号")] == "鄂A12345"


def test_a_sibling_station_gets_404_on_every_page_of_our_report(bureau, staff, login_as):
    report = in_progress(at_station(bureau), staff["duty1"])
    client = login_as("chief2")
    assert client.get(f"/intake/{report.pk}/").status_code == 404
    for action in (
        "claim",
        "assign",
        "transition",
        "reply",
        "merge",
        "watch",
        "delivery",
        "movement",
    ):
        assert (
            client.post(f"/intake/{report.pk}/{action}/", {"status": "resolved"}).status_code == 404
        )
    assert f'id="report-{report.pk}"' not in client.get("/intake/?status=all").content.decode()
    report.refresh_from_db()
    assert (report.status, report.events.count()) == ("in_progress", 3)


def test_targets_page_read_by_stations_set_by_the_bureau(bureau, staff, login_as):
    page = login_as("duty1").get("/intake/targets/").content.decode()
    assert "办理时限由局指挥部统一设置" in page
    fields = {}
    for report_type in ("help", "tip", "grievance"):
        for urgency in ("urgent", "normal"):
            fields[f"{report_type}_{urgency}_minutes"] = "30"
            fields[f"{report_type}_{urgency}_hours"] = "24"
    fields["help_urgent_minutes"] = "10"
    response = login_as("commander").post("/intake/targets/", fields)
    assert response.status_code == 302
    refused = login_as("chief1").post("/intake/targets/", fields)
    assert refused.status_code == 403 and "办理时限由局指挥部统一设置" in refused.content.decode()


def test_figures_page(bureau, staff, login_as):
    at_station(bureau, HELP)
    page = login_as("commander").get("/intake/figures/").content.decode()
    assert "线索与求助统计" in page and "城关派出所" in page
    assert login_as("commander").get("/intake/figures/?date_from=0001-01-01").status_code == 200


def test_the_checkpoints_on_the_route_see_the_green_channel_while_it_holds(bureau, staff, login_as):
    from shouwang.checkpoints.models import Checkpoint, CheckpointKind
    from shouwang.intake.services import movement_end, movement_open

    east = Checkpoint.objects.create(
        unit=bureau["城关东出口卡点"], name="东出口", kind=CheckpointKind.HIGHWAY_EXIT
    )
    other = Checkpoint.objects.create(
        unit=bureau["北门社区"], name="北门", kind=CheckpointKind.RESIDENTIAL_GATE
    )
    report = at_station(bureau, HELP)
    movement = movement_open(
        actor=staff["duty1"],
        report=report,
        plate="陕K55555",
        kind="medicine",
        reason="救命药<送往>南关社区",
        checkpoint_ids=[east.pk],
    )
    volunteer = login_as("volunteer1")
    page = volunteer.get(f"/checkpoints/{east.pk}/register/").content.decode()
    assert "陕K55555" in page and "救命药&lt;送往&gt;南关社区" in page
    assert (
        "陕K55555"
        not in login_as("officer1").get(f"/checkpoints/{other.pk}/register/").content.decode()
    )
    movement_end(actor=staff["duty1"], movement=movement)
    assert "陕K55555" not in volunteer.get(f"/checkpoints/{east.pk}/register/").content.decode()


def test_the_person_page_lists_the_tips_that_put_him_under_watch(bureau, staff, login_as):
    from shouwang.intake.services import report_watch_create

    report = at_station(bureau, subject_name="李娜")
    report = report_watch_create(actor=staff["officer1"], report=report, name="李娜")
    page = login_as("officer1").get(f"/people/{report.watch_record.person_id}/").content.decode()
    assert report.display_code in page and f'href="/intake/{report.pk}/"' in page
