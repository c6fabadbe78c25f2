from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shouwang.people.models import IsolationEpisode, Person

from .factories import WUHAN_DISTRICT, id_number, register, wrong_checksum, xlsx_file

NUMBER = id_number(birth="19900315", sequence="231")


def test_post_person_answers_201_masked(api_as):
    response = api_as("officer1").post_json(
        "/api/v1/people", {"name": "張偉", "id_number": NUMBER, "phone": "13800138000"}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["id_number"], body["phone"]) == (
        "张伟",
        "610824********2314"[:0] + NUMBER[:6] + "********" + NUMBER[-4:],
        "138****8000",
    )
    assert (body["sex"], body["birth_date"]) == ("male", "1990-03-15")


def test_post_person_invalid_id_is_a_field_error(api_as):
    response = api_as("officer1").post_json(
        "/api/v1/people", {"name": "张伟", "id_number": wrong_checksum(NUMBER)}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "id_number", "message": "身份证号校验位错误"}]


def test_post_person_already_registered_is_409_with_id(api_as, staff):
    existing = register(staff["officer1"], name="张伟", id_number=NUMBER)
    response = api_as("chief1").post_json("/api/v1/people", {"name": "张伟", "id_number": NUMBER})
    assert response.status_code == 409
    assert response.json() == {"detail": "该人员已登记", "id": existing.pk, "errors": []}


def test_get_people_by_traditional_name_id_and_phone(api_as, staff, django_assert_num_queries):
    person = register(staff["officer1"], name="张伟", id_number=NUMBER, phone="13800138000")
    register(staff["officer1"], name="王芳")
    client = api_as("officer1")
    for query in ("張偉", NUMBER, "13800138000"):
        body = client.get("/api/v1/people", {"q": query}).json()
        assert [item["id"] for item in body["items"]] == [person.pk]
    with django_assert_num_queries(3):  # token, count, page
        client.get("/api/v1/people")


def test_post_isolation_computes_planned_end(api_as, staff):
    person = register(staff["officer1"], name="张伟")
    response = api_as("officer1").post_json(
        "/api/v1/isolations", {"person": person.pk, "kind": "home", "start_date": "2019-12-25"}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["planned_end"], body["status"]) == ("2020-01-07", "isolating")


def test_followups_due_and_record(api_as, staff):
    person = register(staff["officer1"], name="张伟")
    today = timezone.localdate()
    client = api_as("officer1")
    episode_id = client.post_json(
        "/api/v1/isolations", {"person": person.pk, "kind": "home", "start_date": str(today)}
    ).json()["id"]
    due = client.get("/api/v1/followups/due", {"date": str(today)}).json()
    assert [(item["episode"], item["person_name"]) for item in due["items"]] == [
        (episode_id, "张伟")
    ]
    response = client.post_json(
        "/api/v1/followups",
        {
            "episode": episode_id,
            "temperature": 36.6,
            "symptoms": [],
            "present_at_address": True,
            "contact_method": "phone",
        },
    )
    assert response.status_code == 201
    assert response.json()["temperature"] == 36.6
    assert client.get("/api/v1/followups/due", {"date": str(today)}).json()["count"] == 0
    tomorrow = str(today + timedelta(days=1))
    assert client.get("/api/v1/followups/due", {"date": tomorrow}).json()["count"] == 1


def test_followup_after_release_is_422(api_as, staff):
    person = register(staff["officer1"], name="张伟")
    today = timezone.localdate()
    client = api_as("officer1")
    episode_id = client.post_json(
        "/api/v1/isolations", {"person": person.pk, "kind": "home", "start_date": str(today)}
    ).json()["id"]
    client.post_json(f"/api/v1/isolations/{episode_id}/transitions", {"status": "released"})
    response = client.post_json("/api/v1/followups", {"episode": episode_id, "temperature": 36.5})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "episode", "message": "该人员隔离状态为“已解除”，不能登记随访"}
    ]


def test_import_upload_and_apply(api_as, staff):
    client = api_as("officer1")
    content = xlsx_file(
        [
            [
                "张三",
                id_number(region=WUHAN_DISTRICT),
                "13800000001",
                "",
                "湖北省武汉市",
                "2020-01-22",
                "",
            ],
            ["李四", wrong_checksum(NUMBER), "", "", "", "", ""],
        ]
    )
    response = client.post(
        "/api/v1/imports/people", {"file": SimpleUploadedFile("名单.xlsx", content)}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["new"], body["matched"], body["conflicts"], body["rejected"]) == (
        "preview",
        1,
        0,
        0,
        1,
    )
    assert body["rejected_rows_url"] == f"/api/v1/imports/{body['id']}/rejected.xlsx"
    assert client.get(body["rejected_rows_url"]).status_code == 200
    applied = client.post(f"/api/v1/imports/{body['id']}/apply").json()
    assert (applied["status"], applied["new"]) == ("applied", 1)
    assert client.get(f"/api/v1/imports/{body['id']}").json()["status"] == "applied"
    assert Person.objects.get().name == "张三"


def test_health_liaison_gets_403_on_every_write(api_as, staff):
    person = register(staff["officer1"], name="张伟")
    episode_id = (
        api_as("officer1")
        .post_json(
            "/api/v1/isolations",
            {"person": person.pk, "kind": "home", "start_date": str(timezone.localdate())},
        )
        .json()["id"]
    )
    client = api_as("health1")
    writes = [
        ("/api/v1/people", {"name": "新人"}),
        (
            "/api/v1/watch-records",
            {"person": person.pk, "reason": "fever", "source": "self_report"},
        ),
        ("/api/v1/isolations", {"person": person.pk, "kind": "home", "start_date": "2020-01-01"}),
        (f"/api/v1/isolations/{episode_id}/transitions", {"status": "released"}),
        (f"/api/v1/isolations/{episode_id}/end", {"planned_end": "2030-01-01", "reason": "x"}),
        ("/api/v1/followups", {"episode": episode_id, "temperature": 36.5}),
        (f"/api/v1/people/{person.pk}/merge", {"merge": person.pk}),
    ]
    for path, payload in writes:
        assert client.post_json(path, payload).status_code == 403, path
    upload = client.post("/api/v1/imports/people", {"file": SimpleUploadedFile("a.xlsx", b"x")})
    assert upload.status_code == 403
    assert client.get(f"/api/v1/people/{person.pk}").status_code == 200
    assert IsolationEpisode.objects.get().status == "isolating"
    assert Person.objects.count() == 1
    assert date.today()  # reads stay open


def test_isolation_sites_list_create_and_correct(api_as, staff):
    chief = api_as("chief1")
    created = chief.post_json(
        "/api/v1/isolation-sites", {"name": "城关宾馆", "address": "城关镇1号", "rooms": 30}
    )
    assert created.status_code == 201
    site = created.json()
    assert (site["name"], site["unit"], site["housed"]) == (
        "城关宾馆",
        staff["chief1"].unit_id,
        0,
    )
    changed = chief.put_json(
        f"/api/v1/isolation-sites/{site['id']}",
        {"name": "城关宾馆", "address": "城关镇2号", "rooms": 28, "is_active": False},
    )
    assert (changed.status_code, changed.json()["address"], changed.json()["is_active"]) == (
        200,
        "城关镇2号",
        False,
    )
    assert [s["id"] for s in chief.get("/api/v1/isolation-sites").json()] == [site["id"]]
    bad = chief.post_json("/api/v1/isolation-sites", {"name": "", "address": "", "rooms": 1})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} >= {"name", "address"}

    sibling = api_as("chief2")
    assert sibling.get("/api/v1/isolation-sites").json() == []
    refused = sibling.put_json(
        f"/api/v1/isolation-sites/{site['id']}", {"name": "改", "address": "3号", "rooms": 1}
    )
    assert refused.status_code == 404
