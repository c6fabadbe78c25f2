"""The duty demo tells scenario 3's task force: leave cancelled, officers seconded, one gap."""

from datetime import time, timedelta

from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.demo import bureau as demo_bureau
from shouwang.duty import demo
from shouwang.duty.models import LeaveCancellation, Post, Shift, Staff
from shouwang.duty.selectors import coverage_gaps, my_shifts
from shouwang.duty.times import at_local


def test_the_demo_loads_once_and_shows_one_gap(db):
    demo_bureau.load()
    demo.load()
    demo.load()

    assert Post.objects.count() == 5
    assert LeaveCancellation.objects.filter(staff_count__gt=0).count() == 2
    statuses = Staff.objects.values_list("status", flat=True)
    assert sorted(set(statuses)) == ["isolating", "on_duty", "seconded", "sick"]
    assert Staff.objects.filter(status="seconded", seconded_to__name="城关派出所").count() == 6
    assert Staff.objects.filter(association="青年志愿者协会").count() == 4

    chief = User.objects.get(username="chief1")
    gaps = coverage_gaps(actor=chief)
    night = at_local(timezone.localdate() + timedelta(days=2), time(22))
    assert [(g.post.name, g.starts_at, g.ends_at, g.required, g.assigned) for g in gaps] == [
        (demo.MAIN_POST, night, night + timedelta(hours=8), 2, 1)
    ]
    assert Shift.objects.filter(cancelled_at__isnull=False).count() == 1
    assert len(my_shifts(User.objects.get(username="volunteer1"))) >= 7
