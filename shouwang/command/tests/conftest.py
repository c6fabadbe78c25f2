import pytest

from shouwang.checkpoints.tests.factories import make_checkpoint


@pytest.fixture
def checkpoints(bureau):
    """One checkpoint at each station's post: 城关 (east exit) and 白云山 (highway exit)."""
    return {
        "城关": make_checkpoint(bureau["城关东出口卡点"], "城关东出口卡点"),
        "白云山": make_checkpoint(bureau["白云山高速出口检查站"], "白云山高速出口检查站"),
    }
