from shouwang.units.models import EmergencyLevelChange


def test_commander_switches_the_bureau_with_one_form_and_every_page_shows_the_banner(
    login_as, bureau
):
    commander = login_as("commander")
    response = commander.post(
        f"/units/{bureau['清河县公安局'].pk}/emergency-level/",
        {"level": 1, "reason": "全市进入战时状态"},
    )
    assert response.status_code == 302
    page = login_as("officer1").get("/").content.decode()
    assert "战时状态：一级响应" in page


def test_the_level_form_rejects_a_missing_reason_in_chinese(login_as, bureau):
    response = login_as("commander").post(
        f"/units/{bureau['清河县公安局'].pk}/emergency-level/", {"level": 1, "reason": ""}
    )
    assert response.status_code == 200
    assert "这个字段是必填项。" in response.content.decode()
    assert EmergencyLevelChange.objects.count() == 0


def test_unit_list_shows_only_the_users_units_and_exports(login_as, bureau):
    client = login_as("chief1")
    page = client.get("/units/").content.decode()
    assert "北门社区" in page and "白云村" not in page
    export = client.post("/units/export/")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_administrator_creates_and_renames_a_unit(login_as, bureau):
    from shouwang.units.models import Unit

    client = login_as("admin")
    response = client.post(
        "/units/new/",
        {"name": "西关社区", "kind": "community", "parent": bureau["城关派出所"].pk, "code": ""},
    )
    assert response.status_code == 302
    unit = Unit.objects.get(name="西关社区")
    assert unit.parent == bureau["城关派出所"]
    client.post(
        f"/units/{unit.pk}/",
        {
            "name": "西关新社区",
            "kind": "community",
            "parent": bureau["城关派出所"].pk,
            "code": "X1",
        },
    )
    unit.refresh_from_db()
    assert (unit.name, unit.code) == ("西关新社区", "X1")
    assert unit.history.count() == 3


def test_officers_cannot_manage_units(login_as, bureau):
    assert login_as("officer1").get("/units/new/").status_code == 403
