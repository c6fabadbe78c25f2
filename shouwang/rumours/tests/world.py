"""The rumours area's records for the role × route table (api/tests/route_world.py)."""

from typing import Any

from shouwang.rumours.matching import search_text_of
from shouwang.rumours.models import Rumour, RumourStatus


def rumour_objects(place: str, unit) -> dict[str, Any]:
    """A draft rumour kept by `unit` (with a source, so it may be published)."""
    claim = f"{place}的井水能预防新冠"
    rumour = Rumour.objects.create(
        unit=unit,
        claim=claim,
        rebuttal="没有证据表明井水能预防新冠病毒感染。",
        sources=["县疫情防控指挥部"],
        status=RumourStatus.DRAFT,
        search_text=search_text_of(claim),
    )
    return {"rumour": rumour}
