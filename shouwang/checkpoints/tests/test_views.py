from shouwang.checkpoints.models import Passage

from .factories import passage_data


def test_register_page_saves_a_local_car_with_plate_and_disposition(login_as, checkpoints):
    client = login_as("volunteer1")
    url = f"/checkpoints/{checkpoints['城关'].pk}/register/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"province": "陕", "plate": "k12345", "disposition": "passed"})
    assert response.status_code == 302
    passage = Passage.objects.get()
    assert (passage.plate, passage.disposition, passage.recorded_by.username) == (
        "陕K12345",
        "passed",
        "volunteer1",
    )
    assert client.get("/checkpoints/shift/")["Location"] == url


def test_register_page_shows_chinese_errors_and_saves_nothing(login_as, checkpoints):
    client = login_as("officer1")
    response = client.post(
        f"/checkpoints/{checkpoints['城关'].pk}/register/",
        {
            "province": "鄂",
            "plate": "I1234",
            "temperature": "44",
            "disposition": "passed",
            "occupant_name": ["甲"],
            "occupant_id_number": ["123"],
            "occupant_phone": ["1"],
            "occupant_temperature": [""],
            "occupant_health_code": [""],
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "车牌号格式不正确" in page
    assert "体温应在34至43℃之间" in page
    assert Passage.objects.count() == 0


def test_plate_feedback_partial(login_as, staff, checkpoints):
    from shouwang.checkpoints.services import passage_register

    passage_register(
        actor=staff["officer2"],
        data=passage_data(
            checkpoints["白云山"], plate="鄂A12345", disposition="registered", destination="县城"
        ),
    )
    page = login_as("officer1").get("/checkpoints/plate-feedback/?province=鄂&plate=a12345")
    text = page.content.decode()
    assert "鄂A · 湖北武汉 · 外地车辆" in text
    assert "白云山高速出口检查站" in text


def test_list_export_and_figures_pages(login_as, staff, checkpoints):
    from shouwang.audit.models import AccessEvent
    from shouwang.checkpoints.services import passage_register

    passage_register(
        actor=staff["officer1"],
        data=passage_data(
            checkpoints["城关"], occupants=[{"name": "李四", "id_number": "610824198801150717"}]
        ),
    )
    client = login_as("chief1")
    assert "陕K12345" in client.get("/checkpoints/passages/?q=610824198801150717").content.decode()
    export = client.post("/checkpoints/passages/export/")
    assert export.status_code == 200
    assert AccessEvent.objects.count() == 1
    assert client.get("/checkpoints/figures/").status_code == 200
    assert client.get("/checkpoints/").status_code == 200


def _registered(staff, checkpoints, **fields):
    from shouwang.checkpoints.services import passage_register

    return passage_register(
        actor=staff["officer1"],
        data=passage_data(checkpoints["城关"], occurred_at="2026-02-01T08:00:00+08:00", **fields),
    )


def test_correction_form_changes_every_field_and_keeps_history(login_as, staff, checkpoints):
    passage = _registered(staff, checkpoints, plate="陕K12345", disposition="passed")
    client = login_as("officer1")
    page = client.get(f"/checkpoints/passages/{passage.pk}/").content.decode()
    assert 'name="plate" value="陕K12345"' in page
    assert 'value="2026-02-01T08:00"' in page

    response = client.post(
        f"/checkpoints/passages/{passage.pk}/edit/",
        {
            "occurred_at": "2026-02-01T09:30",
            "direction": "out",
            "vehicle_kind": "truck",
            "plate": "鄂a54321",
            "occupants_count": "2",
            "temperature": "36.8",
            "health_code": "green",
            "disposition": "registered",
            "origin": "武汉",
            "origin_region_code": "420100",
            "destination": "物流园",
            "purpose": "送货",
            "green_channel": ["", "1"],
            "green_channel_kind": "supplies",
            "green_channel_reason": "防疫物资",
            "reason": "车牌登记错误",
        },
    )

    assert response.status_code == 302
    passage.refresh_from_db()
    assert (
        passage.occurred_at.isoformat(),
        passage.direction,
        passage.vehicle_kind,
        passage.plate,
        passage.out_of_town,
        passage.occupants_count,
        str(passage.max_temperature),
        passage.disposition,
        passage.origin_city,
        passage.green_channel,
        passage.green_channel_kind,
    ) == (
        "2026-02-01T01:30:00+00:00",
        "out",
        "truck",
        "鄂A54321",
        True,
        2,
        "36.8",
        "registered",
        "武汉市",
        True,
        "supplies",
    )
    assert [h.plate for h in passage.history.order_by("history_id")] == ["陕K12345", "鄂A54321"]


def test_correction_form_refuses_a_bad_plate_in_chinese_and_changes_nothing(
    login_as, staff, checkpoints
):
    passage = _registered(staff, checkpoints, plate="陕K12345")
    client = login_as("officer1")
    response = client.post(
        f"/checkpoints/passages/{passage.pk}/edit/",
        {"plate": "I1234", "green_channel": "", "reason": "更正"},
        follow=True,
    )
    assert "车牌号：车牌号格式不正确" in response.content.decode()
    passage.refresh_from_db()
    assert passage.plate == "陕K12345"
    assert passage.history.count() == 0


def test_sibling_station_cannot_correct_a_passage(login_as, staff, checkpoints):
    passage = _registered(staff, checkpoints, plate="陕K12345")
    response = login_as("officer2").post(
        f"/checkpoints/passages/{passage.pk}/edit/", {"plate": "陕K99999", "reason": "x"}
    )
    assert response.status_code == 404
    passage.refresh_from_db()
    assert passage.plate == "陕K12345"
