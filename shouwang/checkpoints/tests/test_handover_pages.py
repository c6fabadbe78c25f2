"""The registration page and the API with handovers, arrivals to register and empty forms."""

import re

from django.urls import reverse

from shouwang.checkpoints.models import Passage
from shouwang.people.models import Person, WatchRecord, WatchSource

from .factories import passage_data

FEVER_ID = "610824198801150717"


def register_url(checkpoint) -> str:
    return reverse("checkpoints:register", args=[checkpoint.pk])


def occupant_rows(*rows: dict) -> dict:
    keys = ("name", "id_number", "phone", "temperature", "health_code")
    return {f"occupant_{key}": [row.get(key, "") for row in rows] for key in keys}


def test_the_form_prefills_one_person_and_no_vehicle_kind(login_as, checkpoints):
    page = login_as("volunteer1").get(register_url(checkpoints["城关"])).content.decode()
    count = re.search(r'<input type="number" name="occupants_count"[^>]*>', page).group(0)
    assert 'value="1"' in count
    kinds = re.findall(r'<input type="radio" name="vehicle_kind"[^>]*>', page)
    assert len(kinds) == 6 and not any("checked" in kind for kind in kinds)
    assert "登记为重点人员（来自重点地区）" in page


def test_a_returning_local_car_is_the_plate_and_one_tap(login_as, checkpoints):
    # What the page posts when the officer typed the plate and tapped 放行: the prefilled count.
    response = login_as("volunteer1").post(
        register_url(checkpoints["城关"]),
        {"province": "陕", "plate": "K12345", "occupants_count": "1", "disposition": "passed"},
    )
    assert response.status_code == 302
    assert Passage.objects.get().vehicle_kind == "car"


def test_tapping_a_disposition_on_an_empty_form_stores_nothing_and_says_why(login_as, checkpoints):
    response = login_as("volunteer1").post(
        register_url(checkpoints["城关"]),
        {
            "province": "陕",
            "plate": "",
            "occupants_count": "",
            "destination": "县医院",
            "temperature": "36.8",
            "disposition": "turned_back",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert '<small class="errorlist" role="alert">请填写车牌，或选择行人/非机动车</small>' in page
    assert "请填写人数" in page
    # What was typed stays, the blank count stays blank.
    assert 'value="县医院"' in page and 'value="36.8"' in page
    count = re.search(r'<input type="number" name="occupants_count"[^>]*>', page).group(0)
    assert 'value=""' in count
    assert Passage.objects.count() == 0


def test_a_handover_on_the_page_reaches_the_registry(login_as, staff, checkpoints):
    response = login_as("volunteer1").post(
        register_url(checkpoints["城关"]),
        {
            "province": "陕",
            "plate": "A12345",
            "occupants_count": "1",
            "disposition": "handed_over",
            **occupant_rows({"name": "张三", "id_number": FEVER_ID, "temperature": "38.6"}),
        },
    )
    assert response.status_code == 302
    record = WatchRecord.objects.select_related("person").get()
    assert (record.person.name, record.source) == ("张三", WatchSource.CHECKPOINT_HANDOVER)


def test_a_handover_without_names_on_the_page_opens_the_people_and_says_why(login_as, checkpoints):
    response = login_as("volunteer1").post(
        register_url(checkpoints["城关"]),
        {
            "province": "陕",
            "plate": "A12345",
            "occupants_count": "2",
            "temperature": "38.6",
            "disposition": "handed_over",
        },
    )
    page = response.content.decode()
    assert "移交卫健须登记被移交人员的姓名或身份证号" in page
    assert re.search(r"<details open><summary>逐人登记", page)
    assert Passage.objects.count() == 0


def test_an_arrival_registered_on_the_page(login_as, checkpoints):
    response = login_as("officer1").post(
        register_url(checkpoints["城关"]),
        {
            "province": "鄂",
            "plate": "A12345",
            "occupants_count": "1",
            "register_watch": "on",
            "disposition": "registered",
            **occupant_rows({"name": "钱七", "phone": "13800138000"}),
        },
    )
    assert response.status_code == 302
    assert WatchRecord.objects.get().source == WatchSource.CHECKPOINT_ARRIVAL


def test_the_passage_page_links_each_watched_occupant_to_the_person(
    login_as, staff, api_as, checkpoints
):
    created = api_as("volunteer1").post_json(
        "/api/v1/passages",
        passage_data(
            checkpoints["城关"],
            plate="陕A12345",
            disposition="handed_over",
            occupants=[{"name": "张三", "id_number": FEVER_ID, "temperature": 38.6}],
        ),
    )
    passage_id = created.json()["id"]
    person = Person.objects.get()
    url = reverse("checkpoints:passage", args=[passage_id])
    link = f'<a href="{reverse("people:person_detail", args=[person.pk])}" class="watch-record">'

    officer_page = login_as("officer1").get(url).content.decode()
    assert link + "卡点移交 · 待核实</a>" in officer_page
    # A volunteer reads no registry: the status, without the link.
    volunteer_page = login_as("volunteer1").get(url).content.decode()
    assert "卡点移交 · 待核实" in volunteer_page and link not in volunteer_page


def test_the_api_answers_the_watch_records_and_takes_register_watch(api_as, checkpoints):
    client = api_as("officer1")
    handed = client.post_json(
        "/api/v1/passages",
        passage_data(
            checkpoints["城关"],
            plate="陕A12345",
            disposition="handed_over",
            occupants=[
                {"name": "张三", "id_number": FEVER_ID, "temperature": 38.6},
                {"name": "李四"},
            ],
            occupants_count=2,
        ),
    )
    assert handed.status_code == 201
    records = list(WatchRecord.objects.order_by("person__name").values_list("pk", flat=True))
    assert sorted(handed.json()["watch_records"]) == sorted(records)
    assert len(records) == 2
    shown = client.get(f"/api/v1/passages/{handed.json()['id']}").json()
    assert shown["watch_records"] == handed.json()["watch_records"]

    ordinary = client.post_json("/api/v1/passages", passage_data(checkpoints["城关"]))
    assert ordinary.json()["watch_records"] == []

    arrival = client.post_json(
        "/api/v1/passages",
        passage_data(
            checkpoints["城关"],
            plate="鄂A12345",
            disposition="registered",
            register_watch=True,
            occupants=[{"name": "钱七"}],
        ),
    )
    assert arrival.status_code == 201
    (record_id,) = arrival.json()["watch_records"]
    assert WatchRecord.objects.get(pk=record_id).source == WatchSource.CHECKPOINT_ARRIVAL


def test_the_api_refuses_an_empty_passage_field_by_field(api_as, checkpoints):
    response = api_as("officer1").post_json(
        "/api/v1/passages",
        {"checkpoint": checkpoints["城关"].pk, "disposition": "turned_back"},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "vehicle_kind", "message": "请填写车牌，或选择行人/非机动车"}
    ]
    walking = api_as("officer1").post_json(
        "/api/v1/passages",
        {
            "checkpoint": checkpoints["城关"].pk,
            "vehicle_kind": "pedestrian",
            "disposition": "turned_back",
        },
    )
    assert walking.status_code == 201
    assert walking.json()["occupants_count"] == 1
