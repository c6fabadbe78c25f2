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
    export = client.get("/checkpoints/passages/export/")
    assert export.status_code == 200
    assert AccessEvent.objects.count() == 1
    assert client.get("/checkpoints/figures/").status_code == 200
    assert client.get("/checkpoints/").status_code == 200
