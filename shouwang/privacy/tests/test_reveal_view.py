"""The one reveal view, as the checkpoint records, the staff directory and the people pages use it."""

import pytest
from django.urls import resolve, reverse

from shouwang.audit.models import AccessEvent
from shouwang.checkpoints.models import Occupant
from shouwang.checkpoints.services import passage_register
from shouwang.checkpoints.tests.factories import make_checkpoint, passage_data

VALID_ID = "610824198801150717"


@pytest.fixture
def occupant(staff, bureau):
    checkpoint = make_checkpoint(bureau["城关东出口卡点"], "城关东出口卡点")
    passage_register(
        actor=staff["officer1"],
        data=passage_data(
            checkpoint,
            occupants_count=None,
            occupants=[{"name": "李四", "id_number": VALID_ID, "phone": "13909120004"}],
        ),
    )
    return Occupant.objects.get(name="李四")


@pytest.mark.parametrize(
    "url_name", ["accounts:staff_reveal", "checkpoints:occupant_reveal", "people:person_reveal"]
)
def test_every_reveal_page_is_the_one_privacy_view(url_name):
    view = resolve(reverse(url_name, kwargs={"pk": 1})).func
    assert view.__module__ == "shouwang.privacy.reveal"
    assert view.__qualname__ == "reveal_view.<locals>.reveal"


def test_an_occupant_reveal_shows_the_full_values_and_logs_the_reason(login_as, occupant):
    url = reverse("checkpoints:occupant_reveal", kwargs={"pk": occupant.pk})
    client = login_as("chief1")

    refused = client.post(url, {"reason": " "})
    assert refused.status_code == 422
    assert "请填写查看事由" in refused.content.decode()
    assert AccessEvent.objects.count() == 0

    shown = client.post(url, {"reason": "核查来人"})
    assert shown.status_code == 200
    assert VALID_ID in shown.content.decode() and "13909120004" in shown.content.decode()
    event = AccessEvent.objects.get()
    assert (event.target_type, event.reason) == ("checkpoints.occupant", "核查来人")
    assert event.target_ids == [str(occupant.pk)]


def test_an_occupant_of_a_sibling_station_is_404_and_a_get_is_refused(login_as, occupant):
    url = reverse("checkpoints:occupant_reveal", kwargs={"pk": occupant.pk})
    assert login_as("chief2").post(url, {"reason": "核查"}).status_code == 404
    assert login_as("chief1").get(url).status_code == 405
    assert AccessEvent.objects.count() == 0
