"""The follow-up form returns to the list it came from, and only to a page of this site."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from shouwang.people.services import episode_start

from .factories import id_number, register

FOLLOW_UP = {"temperature": "36.5", "present_at_address": "1", "contact_method": "visit"}


@pytest.fixture
def episode(staff):
    officer = staff["officer1"]
    person = register(officer, name="王芳", id_number=id_number(), current_address="北门社区2号")
    return episode_start(
        actor=officer,
        person=person,
        kind="home",
        start_date=timezone.localdate() - timedelta(days=1),
        officer=officer,
    )


def test_followup_form_returns_to_the_page_it_came_from(login_as, episode):
    url = reverse("people:followup_new", args=[episode.pk])
    response = login_as("officer1").post(f"{url}?next=/people/followups/overdue/", FOLLOW_UP)
    assert response.status_code == 302
    assert response["Location"] == "/people/followups/overdue/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_followup_form_never_redirects_off_site(login_as, episode, target):
    url = reverse("people:followup_new", args=[episode.pk])
    response = login_as("officer1").post(url, FOLLOW_UP, QUERY_STRING=f"next={target}")
    assert response.status_code == 302
    assert response["Location"] == "/people/followups/due/"
