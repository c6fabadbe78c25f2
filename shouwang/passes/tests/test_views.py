import pytest

from shouwang.audit.models import AccessEvent
from shouwang.passes.models import Pass, PassVerification

from .conftest import CREDIT_CODE, issue

pytestmark = pytest.mark.django_db


def test_the_issue_form_issues_and_redirects(login_as, staff, checkpoints):
    client = login_as("chief1")
    assert client.get("/passes/new/").status_code == 200
    response = client.post(
        "/passes/new/",
        {
            "holder_kind": "enterprise",
            "enterprise_name": "长庆油田运输公司",
            "credit_code": CREDIT_CODE.lower(),
            "plates": "陕K12345, 陕KA7788",
            "people": "王五\n赵六",
            "purpose": "油田物资运输",
            "valid_from": "2026-02-01T08:00",
            "valid_to": "2026-03-01T08:00",
            "checkpoints": [checkpoints["east"].pk],
        },
    )
    record = Pass.objects.get()
    assert response.status_code == 302 and response.url == f"/passes/{record.pk}/"
    assert record.plate_list == ["陕K12345", "陕KA7788"]
    assert [person.name for person in record.people.all()] == ["王五", "赵六"]
    assert list(record.checkpoints.all()) == [checkpoints["east"]]


def test_a_bad_credit_code_shows_on_the_form(login_as, staff):
    response = login_as("chief1").post(
        "/passes/new/",
        {
            "holder_kind": "enterprise",
            "enterprise_name": "某公司",
            "credit_code": "123",
            "plates": "陕K12345",
            "purpose": "运输",
            "valid_from": "2026-02-01T08:00",
            "valid_to": "2026-03-01T08:00",
        },
    )
    assert response.status_code == 200
    assert "统一社会信用代码应为18位" in response.content.decode()
    assert Pass.objects.count() == 0


def test_the_printable_pass_has_an_inline_qr_and_the_code(login_as, staff):
    record = issue(staff["chief1"])
    page = login_as("chief1").get(f"/passes/{record.pk}/print/").content.decode()
    assert "<svg" in page and record.display_code in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_list_filters_and_export_is_logged(login_as, staff, django_assert_num_queries):
    issue(staff["chief1"], plates=["陕K55555"])
    issue(staff["chief1"], enterprise_name="清河县医药公司")
    client = login_as("chief1")
    page = client.get("/passes/?plate=陕K55555").content.decode()
    assert "陕K55555" in page and "清河县医药公司" not in page
    response = client.post("/passes/export/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AccessEvent.objects.filter(target_type="passes.pass").count() == 1


def test_the_scanner_verifies_a_typed_code_and_logs_it(login_as, staff, checkpoints):
    record = issue(staff["chief1"])
    client = login_as("volunteer1")
    page = client.get(f"/passes/scan/?checkpoint={checkpoints['east'].pk}").content.decode()
    assert "vendor/zxing/zxing-reader.js" in page and "vendor/zxing/zxing_reader.wasm" in page
    response = client.post(
        "/passes/scan/verify/",
        {
            "checkpoint": checkpoints["east"].pk,
            "code": record.display_code,
        },
    )
    assert 'data-result="' in response.content.decode()
    assert PassVerification.objects.get().checkpoint == checkpoints["east"]
    log = client.get(f"/passes/verifications/?checkpoint={checkpoints['east'].pk}")
    assert record.short_code in log.content.decode()


def test_the_scanner_refuses_a_sibling_checkpoint(login_as, staff, checkpoints):
    client = login_as("volunteer1")
    assert client.get(f"/passes/scan/?checkpoint={checkpoints['baiyun'].pk}").status_code == 404
    response = client.post(
        "/passes/scan/verify/",
        {
            "checkpoint": checkpoints["baiyun"].pk,
            "code": "ABCD-EFGH",
        },
    )
    assert response.status_code == 404
    assert PassVerification.objects.count() == 0


def test_revoke_and_renew_pages(login_as, staff):
    record = issue(staff["chief1"])
    client = login_as("chief1")
    response = client.post(
        f"/passes/{record.pk}/renew/",
        {
            "valid_from": "2026-03-03T08:00",
            "valid_to": "2026-04-01T08:00",
        },
    )
    renewed = Pass.objects.get(renews=record)
    assert response.url == f"/passes/{renewed.pk}/"
    client.post(f"/passes/{renewed.pk}/revoke/", {"reason": "停工"})
    renewed.refresh_from_db()
    assert renewed.status == "revoked"
    detail = client.get(f"/passes/{renewed.pk}/").content.decode()
    assert "停工" in detail and "变更历史" in detail


def test_a_sibling_station_gets_404_on_every_pass_page(login_as, staff):
    record = issue(staff["chief1"])
    client = login_as("chief2")
    for path in (f"/passes/{record.pk}/", f"/passes/{record.pk}/print/"):
        assert client.get(path).status_code == 404
    assert client.post(f"/passes/{record.pk}/revoke/", {"reason": "x"}).status_code == 404
    assert (
        client.post(
            f"/passes/{record.pk}/renew/",
            {
                "valid_from": "2026-03-03T08:00",
                "valid_to": "2026-04-01T08:00",
            },
        ).status_code
        == 404
    )
    assert record.display_code not in client.get("/passes/").content.decode()
    record.refresh_from_db()
    assert (record.status, Pass.objects.count()) == ("active", 1)


def test_issuers_page_shows_our_key_and_registers_theirs(login_as, staff):
    from shouwang.passes import tokens

    _, public = tokens.key_pair_generate()
    client = login_as("commander")
    page = client.get("/passes/issuers/").content.decode()
    assert "本局签名公钥" in page
    response = client.post("/passes/issuers/", {"name": "邻县公安局", "public_key": public})
    assert response.status_code == 302
    assert "邻县公安局" in login_as("officer1").get("/passes/issuers/").content.decode()
