"""Jurisdiction: a sibling station neither sees nor changes another's rumours (404, nothing
changed); the bureau sees its stations'."""

import pytest

from shouwang.rumours.matching import forget_index
from shouwang.rumours.models import Rumour
from shouwang.rumours.selectors import rumours_listed

from .factories import GARLIC, make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh():
    forget_index()
    yield
    forget_index()


def test_each_user_sees_his_unit_and_below(staff):
    own = make(staff["chief1"])
    sibling = make(staff["chief2"], GARLIC)
    assert list(rumours_listed(staff["officer1"])) == [own]
    assert list(rumours_listed(staff["officer2"])) == [sibling]
    assert set(rumours_listed(staff["commander"])) == {own, sibling}
    assert list(rumours_listed(staff["volunteer1"])) == []


def test_a_sibling_station_gets_404_and_changes_nothing(staff, login_as, api_as):
    rumour = make(staff["chief1"])
    client = login_as("chief2")
    for url in (f"/rumours/{rumour.pk}/", f"/rumours/{rumour.pk}/edit/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/rumours/{rumour.pk}/edit/", {"claim": "改"}).status_code == 404
    assert (
        client.post(
            f"/rumours/{rumour.pk}/transition/", {"status": "retired", "reason": "x"}
        ).status_code
        == 404
    )
    api = api_as("officer2")
    assert api.get(f"/api/v1/rumours/{rumour.pk}").status_code == 404
    assert api.patch_json(f"/api/v1/rumours/{rumour.pk}", {"rebuttal": "改"}).status_code == 404
    assert (
        api.post_json(
            f"/api/v1/rumours/{rumour.pk}/transitions", {"status": "retired", "reason": "x"}
        ).status_code
        == 404
    )
    rumour.refresh_from_db()
    stored = Rumour.objects.get(pk=rumour.pk)
    assert (stored.claim, stored.rebuttal, stored.status) == (
        rumour.claim,
        rumour.rebuttal,
        "published",
    )
    assert stored.history.count() == 1
