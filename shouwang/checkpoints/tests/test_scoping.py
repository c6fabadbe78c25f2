"""A sibling station's people see nothing of 城关's checkpoints and change nothing."""

from shouwang.checkpoints.models import Passage
from shouwang.checkpoints.services import passage_register

from .factories import passage_data


def test_sibling_gets_404_and_nothing_changes(api_as, login_as, staff, checkpoints):
    passage = passage_register(actor=staff["officer1"], data=passage_data(checkpoints["城关"]))
    client = api_as("officer2")
    assert client.get(f"/api/v1/passages/{passage.pk}").status_code == 404
    assert (
        client.patch_json(
            f"/api/v1/passages/{passage.pk}", {"disposition": "turned_back", "reason": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post_json(f"/api/v1/passages/{passage.pk}/void", {"reason": "x"}).status_code == 404
    )
    listed = client.get("/api/v1/passages").json()
    assert (listed["count"], listed["items"]) == (0, [])
    assert [c["name"] for c in client.get("/api/v1/checkpoints").json()] == ["白云山高速出口检查站"]
    page = login_as("officer2")
    assert page.get(f"/checkpoints/{checkpoints['城关'].pk}/register/").status_code == 404
    assert page.get(f"/checkpoints/passages/{passage.pk}/").status_code == 404
    passage.refresh_from_db()
    assert (passage.disposition, passage.voided_at) == ("passed", None)
    assert Passage.objects.count() == 1
