import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from shouwang.accounts.models import User
from shouwang.audit.models import AccessEvent
from shouwang.privacy.fields import blind_index
from shouwang.privacy.masking import mask_address, mask_name
from shouwang.privacy.services import personal_data_reveal


def _raw_columns(user_id):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM accounts_user WHERE id = %s", [user_id])
        return cursor.fetchone()


def test_id_numbers_and_phones_are_encrypted_at_rest(staff):
    officer = staff["officer1"]
    raw_id, raw_phone = _raw_columns(officer.pk)
    assert officer.id_number not in raw_id and officer.phone not in raw_phone
    assert raw_id.startswith("gAAAA")  # a Fernet token
    assert User.objects.get(pk=officer.pk).phone == "13909120004"


def test_the_blind_index_finds_by_full_value_without_decrypting(staff):
    found = User.objects.get(phone_index=blind_index("13909120004", purpose="phone"))
    assert found.username == "officer1"
    assert blind_index("13909120004", purpose="phone") != blind_index(
        "13909120004", purpose="id_number"
    )
    assert blind_index("", purpose="phone") == ""


def test_reveal_returns_full_values_and_logs_who_why_and_what(staff):
    values = personal_data_reveal(
        actor=staff["chief1"], record=staff["officer1"], fields=["phone"], reason="核实联系方式"
    )
    assert values == {"phone": "13909120004"}
    event = AccessEvent.objects.get()
    assert (
        event.actor_username,
        event.action,
        event.target_type,
        event.target_ids,
        event.reason,
    ) == ("chief1", "view_full", "accounts.user", [str(staff["officer1"].pk)], "核实联系方式")


def test_an_auxiliary_officer_may_not_reveal(staff):
    with pytest.raises(PermissionDenied):
        personal_data_reveal(
            actor=staff["auxiliary1"], record=staff["officer1"], fields=["phone"], reason="好奇"
        )
    assert AccessEvent.objects.count() == 0


def test_reveal_through_the_page_needs_a_reason(login_as, staff):
    client = login_as("chief1")
    url = f"/account/staff/{staff['officer1'].pk}/reveal/"
    missing = client.post(url, {"reason": ""})
    assert missing.status_code == 422 and "请填写查看事由" in missing.content.decode()
    shown = client.post(url, {"reason": "排班联系"})
    assert "13909120004" in shown.content.decode()
    assert AccessEvent.objects.count() == 1


def test_lists_show_masked_values(login_as):
    page = login_as("chief1").get("/account/staff/").content.decode()
    assert "139****0004" in page
    assert "13909120004" not in page


def test_exports_are_masked_by_default_and_logged(login_as, staff):
    from io import BytesIO

    from openpyxl import load_workbook

    response = login_as("chief1").post("/account/staff/export/?q=张明")
    sheet = load_workbook(BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    # A station chief does not manage accounts: no username column.
    assert rows[1][:2] == ("张明", "城关派出所") and rows[1][4] == "139****0004"
    event = AccessEvent.objects.get()
    assert (event.action, event.record_count, event.fields) == ("export", 1, ["masked"])


def test_auxiliary_officers_cannot_export(login_as):
    assert login_as("auxiliary1").post("/account/staff/export/").status_code == 403
    assert AccessEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "masked"), [("张三", "张*"), ("欧阳娜娜", "欧**娜"), ("李", "李"), ("", "")]
)
def test_names_are_masked_keeping_first_and_last(name, masked):
    assert mask_name(name) == masked


def test_addresses_keep_only_their_start():
    assert mask_address("清河县城关镇北门街12号3单元") == "清河县城关镇****"
