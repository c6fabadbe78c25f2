"""Reports as the tests need them: submitted by residents, entered by the desk, moved along."""

from datetime import datetime
from typing import Any

from captcha.models import CaptchaStore

from shouwang.intake.models import Channel, Report
from shouwang.intake.services import report_assign, report_submit, report_transition

ADDRESS = "198.51.100.7"

TIP = {
    "type": "tip",
    "category": "key_area_arrival",
    "text": "34号楼下停着一辆鄂A牌照的小车，好几天了",
    "place": "北门社区34号楼",
    "plate": "鄂A12345",
    "contact_phone": "13800138000",
    "anonymous": False,
}
HELP = {
    "type": "help",
    "category": "medicine",
    "text": "家里老人的降压药吃完了，小区封控买不到",
    "place": "南关社区12号",
    "contact_phone": "13900139000",
    "urgency": "urgent",
}
GRIEVANCE = {
    "type": "grievance",
    "category": "living",
    "text": "暖气只有15度，老人孩子受不了",
    "place": "油田小区",
    "anonymous": True,
}


def submit(
    base: dict | None = None,
    *,
    address: str = ADDRESS,
    now: datetime | None = None,
    **changes: Any,
) -> Report:
    data = {**(base or TIP), **changes}
    return report_submit(channel=Channel.PUBLIC_API, client_address=address, data=data, now=now)


def at_station(
    bureau, base: dict | None = None, *, station: str = "城关派出所", **changes: Any
) -> Report:
    return submit(base, unit=bureau[station].pk, **changes)


def in_progress(report: Report, actor) -> Report:
    report = report_assign(actor=actor, report=report)
    return report_transition(actor=actor, report=report, status="in_progress", note="核实中")


def captcha_answer(html: str) -> dict[str, str]:
    """The hidden key of the challenge a page shows, and its right answer."""
    marker = 'name="captcha_0" value="'
    start = html.index(marker) + len(marker)
    key = html[start : html.index('"', start)]
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def body(response) -> bytes:
    """A response's bytes, streamed or not (exports stream from a temporary file)."""
    return b"".join(response.streaming_content) if response.streaming else response.content
