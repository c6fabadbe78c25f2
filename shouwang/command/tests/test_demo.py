"""The command demo: zones around the demo units, one due for lifting, yesterday's kept reports."""

import pytest

from shouwang.checkpoints import demo as checkpoints_demo
from shouwang.command import demo
from shouwang.command.models import DailyReport, Zone
from shouwang.command.zones.selectors import zones_due_for_lifting
from shouwang.demo import bureau

pytestmark = pytest.mark.django_db


def test_the_demo_draws_its_zones_and_keeps_yesterdays_reports_once():
    bureau.load()
    checkpoints_demo.load()
    demo.load()
    demo.load()
    assert sorted(Zone.objects.values_list("level", flat=True)) == [
        "controlled",
        "prevention",
        "sealed",
        "sealed",
    ]
    from shouwang.accounts.models import User

    commander = User.objects.select_related("unit").get(username="commander")
    assert [zone.name for zone in zones_due_for_lifting(commander)] == ["南关社区12号楼封控区"]
    assert DailyReport.objects.count() == 4  # the bureau and its three stations
    report = DailyReport.objects.get(unit__name="清河县公安局")
    assert report.figures["vehicles_passed"] > 0
    assert str(report.figures["vehicles_passed"]) in report.text
