"""The supplies pages: stock with warnings and drill-down, the movement form, ledger, donors."""

from datetime import timedelta

from django.utils import timezone

from shouwang.supplies.models import Donor, Movement, Stock

from .factories import issue, item, receive


def test_the_stock_page_warns_of_low_stock_and_drills_down(staff, login_as, bureau):
    commander = staff["commander"]
    goggles = item(commander, name="护目镜", unit_of_measure="副", threshold=10)
    receive(commander, goggles, 100)
    issue(commander, goggles, 95, occurred_at=timezone.now() - timedelta(hours=1))
    page = login_as("commander").get(f"/supplies/?item={goggles.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "1种物资库存偏低" in html and "护目镜（5副，约0天）" in html
    assert [row.quantity for row in page.context["by_unit"]] == [5, 0, 0, 0, 0]


def test_the_movement_form_records_an_issue(staff, login_as):
    chief = staff["chief1"]
    masks = item(chief)
    receive(chief, masks, 100)
    browser = login_as("chief1")
    assert browser.get("/supplies/movements/new/").status_code == 200
    response = browser.post(
        "/supplies/movements/new/",
        {
            "kind": "issued",
            "unit": chief.unit_id,
            "item": masks.pk,
            "quantity": 30,
            "recipient": "张明",
            "reason": "ignored",
        },
    )
    assert response.status_code == 302
    movement = Movement.objects.get(kind="issued")
    assert (movement.quantity, movement.recipient, movement.reason) == (30, "张明", "")
    assert Stock.objects.get().quantity == 70


def test_the_movement_form_shows_errors_on_fields(staff, login_as):
    chief = staff["chief1"]
    masks = item(chief)
    browser = login_as("chief1")
    base = {"unit": chief.unit_id, "item": masks.pk, "quantity": 5}
    short = browser.post("/supplies/movements/new/", {**base, "kind": "issued"})
    assert short.status_code == 422
    assert "库存不足" in short.context["form"].errors["quantity"][0]
    donated = browser.post("/supplies/movements/new/", {**base, "kind": "donated"})
    assert donated.status_code == 422 and "donor_name" in donated.context["form"].errors
    written_off = browser.post("/supplies/movements/new/", {**base, "kind": "written_off"})
    assert "reason" in written_off.context["form"].errors
    assert Movement.objects.count() == 0


def test_a_donation_through_the_form_lists_the_donor_with_a_thank_you(staff, login_as):
    chief = staff["chief1"]
    alcohol = item(chief, name="酒精", unit_of_measure="桶")
    browser = login_as("chief1")
    response = browser.post(
        "/supplies/movements/new/",
        {
            "kind": "donated",
            "unit": chief.unit_id,
            "item": alcohol.pk,
            "quantity": 5,
            "donor_name": "李国庆",
            "donor_organisation": "油田退休职工",
            "donor_contact": "13912345678",
        },
    )
    assert response.status_code == 302
    donor = Donor.objects.get()
    page = browser.get("/supplies/donors/")
    html = page.content.decode()
    assert "感谢油田退休职工李国庆在疫情防控关键时期向城关派出所捐赠酒精5桶。" in html
    assert "139****5678" in html and "13912345678" not in html
    assert browser.post(f"/supplies/donors/{donor.pk}/thank/").status_code == 302
    donor.refresh_from_db()
    assert donor.thanked_at is not None
    revealed = browser.post(f"/supplies/donors/{donor.pk}/reveal/", {"reason": "电话致谢"})
    assert "13912345678" in revealed.content.decode()


def test_the_ledger_filters_exports_and_reverses(staff, login_as):
    chief = staff["chief1"]
    masks = item(chief)
    receive(chief, masks, 10)
    wrong = issue(chief, masks, 4, recipient="赵磊")
    browser = login_as("chief1")
    page = browser.get("/supplies/movements/?kind=issued")
    assert [m.pk for m in page.context["page_obj"]] == [wrong.pk]
    export = browser.post("/supplies/movements/export/?kind=issued")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    donors_export = browser.post("/supplies/donors/export/")
    assert donors_export.status_code == 200
    response = browser.post(f"/supplies/movements/{wrong.pk}/reverse/", {"reason": "登记错误"})
    assert response.status_code == 302
    assert Stock.objects.get().quantity == 10
    ledger = browser.get("/supplies/movements/").content.decode()
    assert f"已由第{wrong.pk + 1}号冲正" in ledger


def test_the_items_page_adds_an_item(staff, login_as):
    browser = login_as("chief1")
    response = browser.post(
        "/supplies/items/",
        {
            "name": "防护服",
            "unit_of_measure": "套",
            "category": "protective",
            "low_stock_threshold": 5,
            "unit": staff["chief1"].unit_id,
        },
    )
    assert response.status_code == 302
    assert "防护服" in browser.get("/supplies/items/").content.decode()


def test_roles_without_supplies_are_refused_the_pages(login_as):
    for username in ("officer1", "auxiliary1", "volunteer1", "duty1", "health1", "admin"):
        browser = login_as(username)
        for url in ("/supplies/", "/supplies/movements/", "/supplies/donors/", "/supplies/items/"):
            assert browser.get(url).status_code == 403, (username, url)


def test_the_commander_reads_but_posts_through_the_same_rules(login_as):
    browser = login_as("commander")
    for url in (
        "/supplies/",
        "/supplies/movements/",
        "/supplies/movements/new/",
        "/supplies/donors/",
        "/supplies/items/",
    ):
        assert browser.get(url).status_code == 200, url


def test_the_items_page_changes_a_threshold_of_its_own_items_only(staff, login_as):
    own = item(staff["chief1"], name="所配口罩")
    bureau_item = item(staff["commander"], name="局配口罩")
    browser = login_as("chief1")
    page = browser.get("/supplies/items/").content.decode()
    assert f"/supplies/items/{own.pk}/threshold/" in page
    assert f"/supplies/items/{bureau_item.pk}/threshold/" not in page
    response = browser.post(f"/supplies/items/{own.pk}/threshold/", {"low_stock_threshold": 50})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.low_stock_threshold == 50
    refused = browser.post(
        f"/supplies/items/{bureau_item.pk}/threshold/", {"low_stock_threshold": 1}
    )
    assert refused.status_code == 404
