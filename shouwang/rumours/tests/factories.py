"""Rumours as the tests need them: entered through the service, published with a source."""

from typing import Any

from shouwang.rumours.services import rumour_create

METHANOL = {
    "claim": "甲醇可以代替酒精消毒",
    "rebuttal": "甲醇有毒，误用可致失明，绝不能用于消毒。",
    "category": "disinfection",
    "sources": ["国家卫生健康委员会《消毒剂使用指南》"],
}
GARLIC = {
    "claim": "多吃大蒜能预防新冠肺炎",
    "rebuttal": "没有证据表明吃大蒜能预防新冠病毒感染。",
    "category": "remedy",
    "sources": ["世界卫生组织"],
}
BAIJIU = {
    "claim": "喝高度白酒能杀死体内的新冠病毒",
    "rebuttal": "饮酒不能杀灭体内病毒。",
    "category": "remedy",
    "sources": ["世界卫生组织"],
}


def make(actor, base: dict | None = None, *, publish: bool = True, **changes: Any):
    return rumour_create(actor=actor, publish=publish, **{**(base or METHANOL), **changes})
