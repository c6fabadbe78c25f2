from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shouwang.people.models import FollowUp, ImportJob, IsolationEpisode, Person, WatchRecord
from shouwang.people.services import (
    episode_start,
    import_job_create,
    watch_record_create,
)

from .factories import id_number, register, xlsx_file


def _world(staff):
    officer = staff["officer1"]
    person = register(officer, name="张伟", id_number=id_number(), phone="13800138000")
    record = watch_record_create(actor=officer, person=person, reason="fever", source="self_report")
    episode = episode_start(
        actor=officer,
        person=person,
        kind="home",
        start_date=timezone.localdate(),
        watch_record=record,
    )
    job = import_job_create(
        actor=officer, filename="a.xlsx", content=xlsx_file([["李四", "", "13800000002"]])
    )
    return person, record, episode, job


def test_sibling_station_officer_sees_none_of_these_people_via_api(api_as, staff):
    person, record, episode, job = _world(staff)
    client = api_as("officer2")
    assert client.get("/api/v1/people").json()["count"] == 0
    assert client.get("/api/v1/people", {"q": "13800138000"}).json()["count"] == 0
    assert client.get(f"/api/v1/people/{person.pk}").status_code == 404
    assert client.get(f"/api/v1/isolations/{episode.pk}").status_code == 404
    assert client.get(f"/api/v1/imports/{job.pk}").status_code == 404
    assert client.get(f"/api/v1/imports/{job.pk}/rejected.xlsx").status_code == 404
    assert client.get("/api/v1/followups/due").json()["count"] == 0
    assert client.get("/api/v1/watch-records").json()["count"] == 0
    writes = [
        (f"/api/v1/isolations/{episode.pk}/transitions", {"status": "released"}),
        (f"/api/v1/watch-records/{record.pk}/status", {"status": "verified"}),
        ("/api/v1/followups", {"episode": episode.pk, "temperature": 39}),
        ("/api/v1/isolations", {"person": person.pk, "kind": "home", "start_date": "2020-01-01"}),
        (
            "/api/v1/watch-records",
            {"person": person.pk, "reason": "fever", "source": "self_report"},
        ),
        (f"/api/v1/imports/{job.pk}/apply", {}),
    ]
    for path, payload in writes:
        assert client.post_json(path, payload).status_code == 404, path
    assert IsolationEpisode.objects.get().status == "isolating"
    assert WatchRecord.objects.get().status == "isolating"
    assert FollowUp.objects.filter(done_at__isnull=False).count() == 0
    assert ImportJob.objects.get().status == "preview"


def test_sibling_station_may_register_the_same_id_as_its_own_record(api_as, staff):
    number = id_number()
    register(staff["officer1"], name="张伟", id_number=number)
    response = api_as("officer2").post_json("/api/v1/people", {"name": "张伟", "id_number": number})
    assert response.status_code == 201
    assert Person.objects.count() == 2


def test_sibling_station_pages_answer_404(login_as, staff):
    person, record, episode, job = _world(staff)
    client = login_as("officer2")
    from django.urls import reverse

    for name, kwargs in [
        ("person_detail", {"pk": person.pk}),
        ("episode_detail", {"pk": episode.pk}),
        ("import_detail", {"pk": job.pk}),
        ("release_notice", {"pk": episode.pk}),
    ]:
        assert client.get(reverse(f"people:{name}", kwargs=kwargs)).status_code == 404, name
    response = client.post(
        reverse("people:person_reveal", kwargs={"pk": person.pk}), {"reason": "核查"}
    )
    assert response.status_code == 404
    assert client.get(reverse("people:list")).context["page_obj"].paginator.count == 0
    _unused = SimpleUploadedFile
