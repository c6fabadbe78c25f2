"""Issue 18: what a checkpoint's phone keeps to verify passes with no network: the bureau's own
public keys, the trusted issuers' keys, and the revocation list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shouwang.passes.models import SigningKey
from shouwang.passes.selectors import offline_material
from shouwang.passes.services import (
    pass_renew,
    pass_revoke,
    trusted_issuer_register,
    trusted_issuer_revoke,
)
from shouwang.passes.tokens import key_pair_generate

from .conftest import issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def material(staff, checkpoints):
    chief = staff["chief1"]
    now = timezone.now()
    current = {"valid_from": now - timedelta(days=1), "valid_to": now + timedelta(days=10)}
    revoked = issue(chief, **current)
    pass_revoke(actor=chief, pass_record=revoked, reason="企业停工")
    renewed = issue(chief, **current)
    successor = pass_renew(
        actor=chief,
        pass_record=renewed,
        valid_from=current["valid_to"],
        valid_to=current["valid_to"] + timedelta(days=10),
    )
    expired = issue(chief, valid_from=now - timedelta(days=20), valid_to=now - timedelta(days=1))
    pass_revoke(actor=chief, pass_record=expired, reason="过期前吊销")
    issue(chief, **current)  # valid: not listed
    _private, public = key_pair_generate()
    neighbour = trusted_issuer_register(actor=chief, name="邻县公安局", public_key=public)
    _private, gone_key = key_pair_generate()
    gone = trusted_issuer_register(actor=chief, name="已撤销互认局", public_key=gone_key)
    trusted_issuer_revoke(actor=chief, issuer=gone, reason="互认到期")
    return {"revoked": revoked, "renewed": renewed, "successor": successor, "neighbour": neighbour}


def test_keys_and_the_revocation_list_of_the_bureau(material, staff):
    data = offline_material(staff["volunteer1"])
    own = SigningKey.objects.get()
    assert data["bureau"] == "清河县公安局"
    assert data["keys"] == [
        {
            "key_id": own.key_id,
            "public_key": own.public_key,
            "issuer_name": "清河县公安局",
            "own": True,
        },
        {
            "key_id": material["neighbour"].key_id,
            "public_key": material["neighbour"].public_key,
            "issuer_name": "邻县公安局",
            "own": False,
        },
    ]
    assert data["revoked"] == sorted(
        [
            {
                "short_code": material["revoked"].short_code,
                "status": "revoked",
                "reason": "企业停工",
            },
            {
                "short_code": material["renewed"].short_code,
                "status": "superseded",
                "reason": f"已换发新证 {material['successor'].display_code}",
            },
        ],
        key=lambda entry: entry["short_code"],
    )


def test_the_api_gives_it_to_who_verifies_passes(material, api_as):
    response = api_as("volunteer1").get("/api/v1/passes/offline-material")
    assert response.status_code == 200
    body = response.json()
    assert [k["issuer_name"] for k in body["keys"]] == ["清河县公安局", "邻县公安局"]
    assert len(body["revoked"]) == 2
    assert api_as("health1").get("/api/v1/passes/offline-material").status_code == 403
