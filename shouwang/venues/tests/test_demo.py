"""The venues demo tells scenarios 1, 4 and 5 with exact figures, and loads only once."""

from django.core.management import call_command
from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.cases.models import Case
from shouwang.venues.models import ClosureOrder, Venue
from shouwang.venues.selectors import inspections_due, venue_figures


def test_the_demo_closes_the_countys_venues_and_penalises_the_defiant(db):
    call_command("demo")
    call_command("demo")
    commander = User.objects.get(username="commander")
    figures = venue_figures(commander)
    closed = {kind: n for kind, n in figures["venues_closed_by_kind"].items() if n}
    assert closed == {
        "ktv": 2,
        "internet_cafe": 2,
        "hotel": 43,
        "mahjong_room": 121,
        "gym": 2,
        "activity_centre": 2,
        "market": 1,
    }
    assert ClosureOrder.objects.count() == 2
    assert {k: v for k, v in figures["cases_by_kind"].items() if v} == {
        "price_gouging": 2,
        "defying_order": 2,
        # The card room's, and a villager's home a night patrol found (shouwang.patrols.demo).
        "gambling_gathering": 2,
    }
    assert figures["fines_total"] == 5000 + 3000 + 2000 + 5000 + 500 + 500
    gambling = Case.objects.get(kind="gambling_gathering", patrol_findings=None)
    assert gambling.parties.filter(person__isnull=False).count() == 4
    assert Venue.objects.get(name="白云村农贸市场张某猪肉摊").status == "ordered_closed"
    # 通镇 has no staff in the demo: its closed venues are overdue on today's list.
    due = inspections_due(commander, day=timezone.localdate())
    tongzhen = Venue.objects.filter(unit__name__startswith="通镇", status="ordered_closed")
    assert due.overdue == tongzhen.count() == 40
    assert {venue.days_overdue for venue in due.venues if venue.days_overdue} == {9}
