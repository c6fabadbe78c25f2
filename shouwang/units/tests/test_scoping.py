import pytest
from django.http import Http404

from shouwang.units.models import EmergencyLevel, EmergencyLevelChange, Unit
from shouwang.units.scoping import get_visible_or_404


def test_station_chief_sees_his_station_and_the_units_below_it(staff, bureau):
    visible = set(Unit.objects.visible_to(staff["chief1"]).values_list("name", flat=True))
    assert visible == {"城关派出所", "城关东出口卡点", "北门社区", "南关社区"}


def test_commander_sees_the_whole_bureau(staff, bureau):
    assert Unit.objects.visible_to(staff["commander"]).count() == 13


def test_sibling_station_is_missing_for_the_accessor(staff, bureau):
    with pytest.raises(Http404):
        get_visible_or_404(Unit, staff["chief1"], pk=bureau["白云山派出所"].pk)


def test_anonymous_and_unitless_users_see_nothing(staff, bureau, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert Unit.objects.visible_to(AnonymousUser()).count() == 0
    loose = django_user_model.objects.create_user(username="loose", password="x" * 12)
    assert Unit.objects.visible_to(loose).count() == 0


def test_sibling_chief_gets_404_on_pages_and_cannot_switch_level(login_as, bureau):
    sibling = bureau["白云山派出所"]
    client = login_as("chief1")
    assert client.get(f"/units/{sibling.pk}/emergency-level/").status_code == 404
    response = client.post(f"/units/{sibling.pk}/emergency-level/", {"level": 1, "reason": "越权"})
    assert response.status_code == 404
    sibling.refresh_from_db()
    assert sibling.emergency_level == EmergencyLevel.NORMAL
    assert EmergencyLevelChange.objects.count() == 0


def test_sibling_chief_gets_404_from_the_api(api_as, bureau):
    client = api_as("chief1")
    sibling = bureau["白云山派出所"]
    assert client.get(f"/api/v1/units/{sibling.pk}").status_code == 404
    response = client.post_json(
        f"/api/v1/units/{sibling.pk}/emergency-level", {"level": 1, "reason": "x"}
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到", "errors": []}
    ids = [unit["id"] for unit in client.get("/api/v1/units").json()["items"]]
    assert sibling.pk not in ids
    assert bureau["城关派出所"].pk in ids
