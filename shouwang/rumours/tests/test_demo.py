"""The demo's rumours: 35 with rebuttals and sources, checked messages counted; loaded once."""

import pytest

from shouwang.rumours import demo
from shouwang.rumours.matching import forget_index
from shouwang.rumours.models import Rumour, RumourSighting

pytestmark = pytest.mark.django_db


def test_the_demo_loads_its_rumours_once(staff):
    forget_index()
    demo.load()
    demo.load()
    assert Rumour.objects.count() == 35
    assert Rumour.objects.filter(status="published").count() == 32
    assert Rumour.objects.filter(unit__name="白云山派出所").count() == 2
    methanol = Rumour.objects.get(claim="甲醇可以代替酒精消毒")
    assert methanol.times_seen == 3
    assert RumourSighting.objects.count() == 6
    assert all(rumour.sources for rumour in Rumour.objects.all())
    forget_index()
