"""The venues area's records for the role × route table (api/tests/route_world.py)."""

from typing import Any

from django.utils import timezone

from shouwang.accounts.roles import Capability
from shouwang.venues.models import Venue, VenueImport, VenueKind
from shouwang.venues.services import closure_order_issue, venue_register


def venue_objects(unit, maker, place: str) -> dict[str, Any]:
    """An open venue of `unit`, a second one closed by an order (its entry unacknowledged),
    and an import job; made through the services when `maker` may, else stored directly."""
    if maker.has_capability(Capability.MANAGE_VENUES):
        venue, closed = (
            venue_register(
                actor=maker,
                unit=unit,
                data={"kind": kind, "name": f"{place}{name}", "address": "城关镇1号"},
            )
            for kind, name in ((VenueKind.KTV, "歌厅"), (VenueKind.MAHJONG_ROOM, "棋牌室"))
        )
    else:
        venue, closed = (
            Venue.objects.create(unit=unit, kind=kind, name=f"{place}{name}", address="局机关")
            for kind, name in ((VenueKind.KTV, "歌厅"), (VenueKind.MAHJONG_ROOM, "棋牌室"))
        )
    order = closure_order_issue(
        actor=maker,
        unit=unit,
        venue_ids=[closed.pk],
        legal_basis="《突发事件应对法》",
        effective_at=timezone.now(),
    )
    job = VenueImport.objects.create(
        unit=unit, created_by=maker, filename="场所.xlsx", file_hash="0" * 64, content=b""
    )
    return {
        "venue": venue,
        "closure_order": order,
        "closure_entry": order.entries.get(),
        "venue_import": job,
    }
