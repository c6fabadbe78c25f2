"""Issue 18: the plates a post saw in recent days, which its phone keeps for recognising a
returning vehicle with no network."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shouwang.checkpoints.selectors import recent_plates_at
from shouwang.checkpoints.services import passage_register, passage_void

from .factories import passage_data

pytestmark = pytest.mark.django_db


def _at(checkpoint, actor, plate, hours_ago, **fields):
    moment = timezone.now() - timedelta(hours=hours_ago)
    return passage_register(
        actor=actor,
        data=passage_data(checkpoint, plate=plate, occurred_at=moment.isoformat(), **fields),
    )


@pytest.fixture
def seen(staff, checkpoints):
    """At 城关: 陕K12345 twice, 鄂A88888 once, a pedestrian, a voided car, a car 8 days ago;
    at 白云山 (a sibling station) another car."""
    officer = staff["officer1"]
    east = checkpoints["城关"]
    _at(east, officer, "陕K12345", 30, vehicle_kind="car", occupants_count=1, origin="西安")
    _at(east, officer, "陕K12345", 2, vehicle_kind="truck", occupants_count=2, destination="石门村")
    _at(east, officer, "鄂A88888", 5, vehicle_kind="car", occupants_count=3, purpose="返乡")
    _at(east, officer, "", 1, vehicle_kind="pedestrian")
    void = _at(east, officer, "陕K99999", 1)
    passage_void(actor=officer, passage=void, reason="录错")
    _at(east, officer, "陕K77777", 8 * 24)
    _at(checkpoints["白云山"], staff["chief2"], "陕K55555", 1)
    return east


def test_each_plate_once_latest_first_with_its_latest_values_and_count(seen):
    plates = recent_plates_at(seen)
    assert [(p.plate, p.times) for p in plates] == [("陕K12345", 2), ("鄂A88888", 1)]
    assert plates[0].prefill == {
        "vehicle_kind": "truck",
        "occupants_count": 2,
        "origin": "",
        "origin_region_code": "",
        "destination": "石门村",
        "purpose": "",
    }


def test_the_api_gives_the_posts_plates_to_who_registers_there(seen, api_as):
    response = api_as("volunteer1").get(f"/api/v1/checkpoints/{seen.pk}/recent-plates")
    assert response.status_code == 200
    body = response.json()
    assert (body["checkpoint"], body["days"], body["home_prefixes"]) == (seen.pk, 7, ["陕K"])
    assert [(p["plate"], p["times"], p["prefill"]["occupants_count"]) for p in body["plates"]] == [
        ("陕K12345", 2, 2),
        ("鄂A88888", 1, 3),
    ]


def test_a_sibling_station_gets_404_and_a_role_without_registration_403(seen, api_as):
    assert api_as("chief2").get(f"/api/v1/checkpoints/{seen.pk}/recent-plates").status_code == 404
    assert api_as("health1").get(f"/api/v1/checkpoints/{seen.pk}/recent-plates").status_code == 403


def test_the_plates_are_read_in_a_fixed_number_of_queries(seen, api_as, django_assert_num_queries):
    client = api_as("volunteer1")
    client.get(f"/api/v1/checkpoints/{seen.pk}/recent-plates")  # token's last use written
    with django_assert_num_queries(3):  # token + user, checkpoint, passages
        client.get(f"/api/v1/checkpoints/{seen.pk}/recent-plates")
