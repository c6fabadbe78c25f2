"""The supplies demo tells scenario 5's gear and scenario 1's donations, and loads only once."""

from django.db.models import Sum

from shouwang.accounts.models import User
from shouwang.demo.bureau import load_accounts, load_units
from shouwang.supplies import demo
from shouwang.supplies.models import Donor, Movement, Stock
from shouwang.supplies.selectors import movement_totals, stock_with_days_left


def test_the_demo_issues_scenario_fives_gear_and_records_the_donations(db):
    load_accounts(load_units())
    demo.load()
    demo.load()
    commander = User.objects.get(username="commander")
    issued = {total.name: total.quantity for total in movement_totals(actor=commander)}
    assert issued == {
        "一次性医用手套": 5300,
        "医用外科口罩": 11500,
        "护目镜": 100,
        "红外体温枪": 6,
    }
    donated = {t.name: t.quantity for t in movement_totals(actor=commander, kind="donated")}
    assert donated == {"医用外科口罩": 400, "75%医用酒精": 170, "医用酒精（桶装）": 5}
    assert Donor.objects.count() == 3
    assert Donor.objects.filter(thanked_at__isnull=False).count() == 1
    # Every kept balance is the sum of its ledger.
    for row in Stock.objects.all():
        ledger = Movement.objects.filter(unit=row.unit, item=row.item).aggregate(s=Sum("delta"))
        assert row.quantity == ledger["s"]
    lines = {line.name: line for line in stock_with_days_left(actor=commander)}
    assert lines["医用外科口罩"].quantity == 15000 + 400 - 11500
    assert lines["护目镜"].quantity == 120 - 100 - 2
    chief = User.objects.get(username="chief1")
    low = {line.name for line in stock_with_days_left(actor=chief) if line.is_low}
    assert "护目镜" in low
