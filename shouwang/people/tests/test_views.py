from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from shouwang.audit.models import AccessEvent
from shouwang.people.models import Alert, FollowUp, ImportJob, IsolationEpisode, Person
from shouwang.people.services import episode_start, followup_record, person_register

from .factories import id_number, register, xlsx_file


@pytest.fixture
def isolating(staff):
    officer = staff["officer1"]
    person = register(
        officer,
        name="张伟",
        id_number=id_number(),
        phone="13800138000",
        current_address="北门社区1号",
    )
    episode = episode_start(
        actor=officer,
        person=person,
        kind="home",
        start_date=timezone.localdate() - timedelta(days=1),
        officer=officer,
    )
    return person, episode


def test_person_list_masks_and_counts_queries(login_as, isolating, django_assert_num_queries):
    client = login_as("officer1")
    # session, user, unit, emergency level, session save (3): 7; then count, page, units
    with django_assert_num_queries(10):
        response = client.get(reverse("people:list"))
    content = response.content.decode()
    assert "张伟" in content and "138****8000" in content and "13800138000" not in content


def test_register_form_shows_chinese_errors_and_conflict(login_as, staff):
    client = login_as("officer1")
    response = client.post(reverse("people:person_new"), {"name": "李四", "id_number": "123"})
    assert "身份证号应为18位（旧号码为15位）" in response.content.decode()
    number = id_number()
    response = client.post(reverse("people:person_new"), {"name": "李四", "id_number": number})
    person = Person.objects.get()
    assert response.status_code == 302
    response = client.post(reverse("people:person_new"), {"name": "李四", "id_number": number})
    assert "该人员已登记" in response.content.decode()
    assert reverse("people:person_detail", args=[person.pk]) in response.content.decode()


def test_reveal_requires_a_reason_and_is_logged(login_as, isolating):
    person, _episode = isolating
    client = login_as("officer1")
    url = reverse("people:person_reveal", args=[person.pk])
    assert client.post(url, {"reason": ""}).status_code == 422
    response = client.post(url, {"reason": "核实身份"})
    assert "13800138000" in response.content.decode()
    event = AccessEvent.objects.get()
    assert (event.action, event.reason, event.target_ids) == (
        "view_full",
        "核实身份",
        [str(person.pk)],
    )


def test_due_overdue_and_ending_pages(login_as, isolating, django_assert_num_queries):
    person, episode = isolating
    client = login_as("officer1")
    # session, user, unit, emergency level, session save (3): 7; then the follow-up window's
    # check (nothing to write), count, page, units
    with django_assert_num_queries(11):
        due = client.get(reverse("people:due"))
    assert list(due.context["page_obj"]) == [
        FollowUp.objects.get(episode=episode, due_date=timezone.localdate())
    ]
    overdue = client.get(reverse("people:overdue"))
    assert [f.due_date for f in overdue.context["page_obj"]] == [
        timezone.localdate() - timedelta(days=1)
    ]
    assert client.get(reverse("people:ending")).context["page_obj"].paginator.count == 0


def test_due_page_filters_by_unit_and_refuses_a_sibling_unit(login_as, isolating, bureau):
    client = login_as("chief1")
    page = client.get(f"/people/followups/due/?unit={bureau['城关派出所'].pk}")
    assert page.status_code == 200
    assert f'<option value="{bureau["城关派出所"].pk}" selected>' in page.content.decode()
    empty = client.get(f"/people/followups/due/?unit={bureau['北门社区'].pk}").content.decode()
    assert "没有待随访的人员" in empty
    assert client.get(f"/people/followups/due/?unit={bureau['白云山派出所'].pk}").status_code == 404


def test_followup_form_records_and_raises_alert(login_as, isolating):
    _person, episode = isolating
    client = login_as("officer1")
    response = client.post(
        reverse("people:followup_new", args=[episode.pk]),
        {
            "temperature": "38.2",
            "symptoms": ["cough"],
            "present_at_address": "1",
            "contact_method": "visit",
        },
    )
    assert response.status_code == 302
    assert sorted(Alert.objects.values_list("kind", flat=True)) == ["fever", "symptoms"]
    alerts = login_as("duty1").get(reverse("people:alerts"))
    assert alerts.context["page_obj"].paginator.count == 2
    ack = login_as("duty1").post(reverse("people:alert_ack", args=[Alert.objects.first().pk]))
    assert ack.status_code == 302
    assert Alert.objects.filter(acknowledged_at__isnull=False).count() == 1


def test_release_notice_only_after_release(login_as, isolating, staff):
    _person, episode = isolating
    client = login_as("officer1")
    url = reverse("people:release_notice", args=[episode.pk])
    assert client.get(url).status_code == 302
    client.post(
        reverse("people:episode_transition", args=[episode.pk]),
        {"status": "released", "on": str(timezone.localdate())},
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "解除隔离通知书" in response.content.decode()
    assert "共2天" in response.content.decode()


def test_import_pages_upload_preview_apply(login_as, staff):
    client = login_as("officer1")
    assert client.get(reverse("people:import_template")).status_code == 200
    content = xlsx_file([["张三", id_number(), "13800000001", "", "湖北省武汉市", "", ""]])
    response = client.post(
        reverse("people:import_new"),
        {"file": SimpleUploadedFile("名单.xlsx", content), "source": "department_list"},
    )
    job = ImportJob.objects.get()
    assert response.url == reverse("people:import_detail", args=[job.pk])
    page = client.get(response.url)
    assert page.context["may_apply"] is True
    client.post(reverse("people:import_apply", args=[job.pk]))
    assert Person.objects.get().name == "张三"


def test_health_liaison_cannot_edit_anything(login_as, isolating, staff):
    person, episode = isolating
    client = login_as("health1")
    assert client.get(reverse("people:person_detail", args=[person.pk])).status_code == 200
    assert client.get(reverse("people:liaison")).status_code == 200
    forbidden = [
        ("get", reverse("people:person_new"), {}),
        ("post", reverse("people:person_new"), {"name": "新人"}),
        ("post", reverse("people:person_edit", args=[person.pk]), {"name": "改名"}),
        ("get", reverse("people:episode_new", args=[person.pk]), {}),
        ("get", reverse("people:import_new"), {}),
    ]
    for method, url, data in forbidden:
        assert getattr(client, method)(url, data).status_code == 403, url
    client.post(
        reverse("people:episode_transition", args=[episode.pk]),
        {"status": "released", "on": str(timezone.localdate())},
    )
    client.post(
        reverse("people:followup_new", args=[episode.pk]),
        {"temperature": "36.5", "present_at_address": "1", "contact_method": "phone"},
    )
    client.post(
        reverse("people:watch_new", args=[person.pk]), {"reason": "fever", "source": "self_report"}
    )
    client.post(reverse("people:travel_new", args=[person.pk]), {"place": "武汉"})
    other = person_register(
        actor=staff["officer1"],
        unit=person.unit,
        name="张伟",
        phone="13900000000",
        current_address="北门社区1号",
    )
    client.post(reverse("people:person_merge", args=[person.pk]), {"merge": other.pk})
    person.refresh_from_db()
    assert person.name == "张伟" and person.watch_records.count() == 0
    assert (
        person.travels.count() == 0
        and Person.objects.filter(merged_into__isnull=False).count() == 0
    )
    assert IsolationEpisode.objects.get().status == "isolating"
    assert FollowUp.objects.filter(done_at__isnull=False).count() == 0


def test_liaison_export_is_masked_and_logged(login_as, isolating):
    response = login_as("health1").post(reverse("people:liaison_export"))
    assert response.status_code == 200
    event = AccessEvent.objects.get()
    assert (event.action, event.fields, event.actor_username) == ("export", ["masked"], "health1")


def test_person_export_is_logged(login_as, isolating):
    login_as("officer1").post(reverse("people:export"), {"reason": "上报"})
    assert AccessEvent.objects.get().reason == "上报"


def test_followup_after_release_shows_the_error(login_as, isolating):
    _person, episode = isolating
    client = login_as("officer1")
    client.post(
        reverse("people:episode_transition", args=[episode.pk]),
        {"status": "released", "on": str(timezone.localdate())},
    )
    response = client.post(
        reverse("people:followup_new", args=[episode.pk]),
        {"temperature": "36.5", "present_at_address": "1", "contact_method": "phone"},
    )
    assert "该人员隔离状态为“已解除”，不能登记随访" in response.content.decode()
    _unused = followup_record


def test_policy_page_saves_a_seven_plus_three_policy(login_as, staff):
    from shouwang.people.models import IsolationPolicy

    client = login_as("chief1")
    response = client.post(
        reverse("people:policies"),
        {
            "policy": "1",
            "category": "close_contact",
            "name": "密接7+3",
            "kind": "centralised",
            "days": "7",
            "then_kind": "home",
            "then_days": "3",
            "followup_every_days": "1",
        },
    )
    assert response.status_code == 302
    policy = IsolationPolicy.objects.get()
    assert (policy.days, policy.then_kind, policy.then_days) == (7, "home", 3)
    assert (
        login_as("health1")
        .post(
            reverse("people:policies"),
            {"site": "1", "name": "宾馆", "address": "路1号", "rooms": "3"},
        )
        .status_code
        == 403
    )


def test_progress_poll_reloads_the_page_once_the_job_is_done(login_as, staff):
    from shouwang.people.services import import_job_create

    job = import_job_create(
        actor=staff["officer1"],
        filename="a.xlsx",
        content=xlsx_file([["张三", id_number(), "", "", "", "", ""]]),
    )
    ImportJob.objects.filter(pk=job.pk).update(
        status="validating", heartbeat_at=timezone.now(), processed_rows=0
    )
    client = login_as("officer1")
    url = reverse("people:import_detail", args=[job.pk])
    polling = client.get(url, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 2s"' in polling.content.decode()
    assert "HX-Refresh" not in polling.headers
    ImportJob.objects.filter(pk=job.pk).update(status="preview")
    assert client.get(url, HTTP_HX_REQUEST="true").headers["HX-Refresh"] == "true"


def test_site_edit_page_saves_and_a_sibling_gets_404(login_as, staff, bureau):
    from shouwang.people.services import isolation_site_save

    site = isolation_site_save(
        actor=staff["chief1"], unit=bureau["城关派出所"], name="城关宾馆", address="1号", rooms=3
    )
    client = login_as("chief1")
    assert "城关宾馆" in client.get(f"/people/sites/{site.pk}/edit/").content.decode()
    response = client.post(
        f"/people/sites/{site.pk}/edit/",
        {"name": "城关宾馆", "address": "城关镇8号", "rooms": "12", "is_active": "on"},
    )
    assert response.status_code == 302
    site.refresh_from_db()
    assert (site.address, site.rooms) == ("城关镇8号", 12)
    listing = client.get("/people/policies/").content.decode()
    assert "城关镇8号" in listing
    assert login_as("chief2").get(f"/people/sites/{site.pk}/edit/").status_code == 404
