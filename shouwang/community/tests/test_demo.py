"""The community demo: two communities with buildings, a campaign half done, captains at work."""

from shouwang.community import demo
from shouwang.community.models import Building, BuildingCaptain, Campaign, Household, Visit
from shouwang.community.selectors.coverage import campaign_coverage
from shouwang.people.models import WatchRecord, WatchSource


def test_the_demo_tells_the_story_and_loads_twice_without_duplicating(staff):
    demo.load()
    counts = (Household.objects.count(), Visit.objects.count(), WatchRecord.objects.count())
    demo.load()
    assert (Household.objects.count(), Visit.objects.count(), WatchRecord.objects.count()) == counts

    assert Building.objects.count() == 7
    coverage = campaign_coverage(Campaign.objects.get(), user=staff["chief1"])
    assert coverage.households_total == counts[0] == 114
    assert 40 <= coverage.percent <= 60  # half done
    assert [row.name for row in coverage.by_unit] == ["南关社区", "北门社区"]
    assert coverage.watched_found == 2
    assert coverage.visits == coverage.households_visited + 6  # three revisits per community
    assert set(WatchRecord.objects.values_list("source", flat=True)) == {
        WatchSource.HOUSEHOLD_SCREENING
    }
    assert BuildingCaptain.objects.filter(ended_at__isnull=True).count() == 4
