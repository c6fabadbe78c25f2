"""The outreach demo tells scenario 1: three groups of 500 with 1,421 members, 300+ posts."""

import pytest
from django.contrib.auth import get_user_model

from shouwang.demo import bureau as demo_bureau
from shouwang.outreach import demo
from shouwang.outreach.figures import outreach_figures
from shouwang.outreach.models import Bulletin, ResidentGroup

pytestmark = pytest.mark.django_db


def test_the_demo_loads_scenario_one_once():
    demo_bureau.load()
    demo.load()
    demo.load()
    groups = ResidentGroup.objects.order_by("name")
    assert groups.count() == 3
    assert {g.capacity for g in groups} == {500}
    assert sum(g.member_count for g in groups) == 1421
    statuses = {
        s: Bulletin.objects.filter(status=s).count()
        for s in ("published", "approved", "draft", "withdrawn")
    }
    assert statuses == {"published": 22, "approved": 3, "draft": 4, "withdrawn": 1}
    chief = get_user_model().objects.get(username="chief1")
    found = outreach_figures(chief)
    assert (found.totals["groups"], found.totals["members"], found.totals["near"]) == (3, 1421, 2)
    assert found.totals["posts"] == 3 * 14 * 7 + 3 * 22
    assert found.totals["published"] == 23
