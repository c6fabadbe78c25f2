"""Checkpoints at the demo posts and a helper to issue passes in tests."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from shouwang.checkpoints.models import Checkpoint, CheckpointKind
from shouwang.passes.services import pass_issue

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Unified social credit code with a valid check character (GB 32100-2015).
CREDIT_CODE = "91610824MA70X2Y57L"
START = datetime(2026, 2, 1, 8, 0, tzinfo=SHANGHAI)
END = START + timedelta(days=30)


@pytest.fixture
def checkpoints(bureau):
    def make(unit_name, name, kind=CheckpointKind.HIGHWAY_EXIT):
        return Checkpoint.objects.create(unit=bureau[unit_name], name=name, kind=kind)

    return {
        "east": make("城关东出口卡点", "城关东出口卡点"),
        "baiyun": make("白云山高速出口检查站", "白云山高速出口检查站"),
        "tongzhen": make("通镇国道检查站", "通镇国道检查站", CheckpointKind.NATIONAL_ROAD),
    }


def issue(actor, **fields):
    data = {
        "holder_kind": "enterprise",
        "enterprise_name": "长庆油田运输公司",
        "credit_code": CREDIT_CODE,
        "purpose": "油田物资运输",
        "valid_from": START,
        "valid_to": END,
        "plates": ["陕K12345", "陕KA7788"],
    }
    data.update(fields)
    return pass_issue(actor=actor, **data)
